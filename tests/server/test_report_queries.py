"""Sales reports from the rollups: a known history gives the expected figures per product,
category, cashier, hour and day; margins are unknown where cost is, and tenancy holds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from server_stub.core.db import Database
from server_stub.report_queries import (
    Report,
    ReportFilter,
    ReportKind,
    report_total,
    sales_report,
    stream_rows,
)
from tests.server.factories import FakeClock
from tests.server.report_history import DAY1, DAY2, History, build_history


@pytest.fixture
def history(client: TestClient, database: Database, clock: FakeClock) -> Iterator[History]:
    yield build_history(client, database, clock)


def report(
    database: Database, h: History, kind: ReportKind, store: str | None = None, **kw: object
) -> Report:
    f = ReportFilter(
        org_id=h.tenant.org_id,
        visible=kw.pop("visible", None),  # type: ignore[arg-type]
        day_from=kw.pop("day_from", DAY1),  # type: ignore[arg-type]
        day_to=kw.pop("day_to", DAY2),  # type: ignore[arg-type]
        store_id=h.store_ids[store] if store else None,
    )
    with database.read() as session:
        return sales_report(session, f, kind)


def by_key(r: Report) -> dict[str, object]:
    return {row.key: row.figures for row in r.rows}


def test_by_product_with_margin_and_unknown_cost(database: Database, history: History) -> None:
    r = report(database, history, ReportKind.PRODUCT)
    rows = {row.key: row for row in r.rows}
    kopi = rows["P-KOPI"].figures
    assert rows["P-KOPI"].label == "Kopi Susu" and rows["P-KOPI"].detail == "KOPI-01"
    assert kopi.quantity_milli == 4_000  # 2 + 3 sold, 1 back
    assert (kopi.gross, kopi.discounts, kopi.refunds) == (90_000, 5_400, 18_000)
    assert kopi.net == 90_000 - 5_400 - 18_000 == 66_600
    assert kopi.tax == 0
    assert kopi.cost == 4 * 8_000
    assert kopi.margin == 66_600 - 32_000
    assert kopi.unknown_cost == 0
    roti = rows["P-ROTI"].figures  # 1 in S01 (sale A) + 2 in S02; sale D is the day before
    assert (roti.quantity_milli, roti.gross, roti.net) == (3_000, 45_000, 45_000)
    assert roti.margin is None and roti.margin_ratio is None
    assert roti.unknown_cost == 45_000
    air = rows["P-AIR"].figures
    assert (air.gross, air.net) == (10_000, 10_000)
    assert air.tax == air.tax_inside == history.sales["B"].tax_included > 0
    assert air.margin == 10_000 - air.tax - 4_000
    assert [row.key for row in r.rows] == ["P-KOPI", "P-ROTI", "P-AIR"]  # by net, largest first
    assert r.total.net == 66_600 + 45_000 + 10_000
    assert r.total.unknown_cost == 45_000
    assert r.total.margin == kopi.margin + air.margin


def test_by_category(database: Database, history: History) -> None:
    r = report(database, history, ReportKind.CATEGORY)
    cats = {row.key: row.figures for row in r.rows}
    assert set(cats) == {"Minuman", "Makanan"}
    assert cats["Minuman"].net == 66_600 + 10_000
    assert cats["Makanan"].net == 45_000
    assert cats["Makanan"].margin is None and cats["Makanan"].unknown_cost == 45_000


def test_by_cashier_hour_and_day(database: Database, history: History) -> None:
    cashiers = by_key(report(database, history, ReportKind.CASHIER))
    c01 = cashiers["C01"]
    assert (c01.sales, c01.gross, c01.net) == (2, 51_000 + 54_000, 51_000 + 48_600)  # type: ignore[attr-defined]
    assert cashiers["C02"].sales == 1  # type: ignore[attr-defined]
    assert cashiers["C03"].net == 30_000  # type: ignore[attr-defined]
    refunds = sum(f.refunds for f in cashiers.values())  # type: ignore[attr-defined]
    assert refunds == 18_000

    hours = by_key(report(database, history, ReportKind.HOUR))
    assert set(hours) == {"0", "9", "10", "11", "14"}
    assert hours["9"].gross == 51_000  # type: ignore[attr-defined]
    assert hours["0"].gross == 54_000  # type: ignore[attr-defined]
    assert hours["10"].refunds == 18_000 and hours["10"].sales == 0  # type: ignore[attr-defined]

    days = report(database, history, ReportKind.DAY)
    assert [row.key for row in days.rows] == [DAY1.isoformat(), DAY2.isoformat()]
    day1, day2 = (row.figures for row in days.rows)
    assert (day1.sales, day1.gross, day1.net) == (3, 51_000 + 10_000 + 30_000, 91_000)
    assert (day2.sales, day2.refunds, day2.net) == (1, 18_000, 48_600 - 18_000)
    assert day1.unknown_cost == 15_000 + 30_000  # Roti Bakar in S01 and S02
    paid = sum(s.total for k, s in history.sales.items() if k != "D") - history.refund.total
    assert days.total.paid == paid
    for kind in ReportKind:
        assert report(database, history, kind).total.net == 121_600, kind


def test_store_filter_and_visible_stores(database: Database, history: History) -> None:
    s02 = report(database, history, ReportKind.PRODUCT, store="S02")
    assert [row.key for row in s02.rows] == ["P-ROTI"]
    only_s01 = frozenset({history.store_ids["S01"]})
    seen = report(database, history, ReportKind.CASHIER, visible=only_s01)
    assert "C03" not in by_key(seen)
    hidden = report(database, history, ReportKind.DAY, store="S02", visible=only_s01)
    assert hidden.rows == [] and hidden.total.net == 0


def test_another_org_sees_nothing(
    client: TestClient, database: Database, clock: FakeClock, history: History
) -> None:
    other = build_history(client, database, clock)
    mine = report(database, history, ReportKind.PRODUCT)
    assert mine.total.net == 121_600  # the other org's same history is not added
    assert report(database, other, ReportKind.PRODUCT).total.net == 121_600


def test_a_day_range_is_store_local(database: Database, history: History) -> None:
    day2 = report(database, history, ReportKind.DAY, day_from=DAY2, day_to=DAY2)
    assert day2.total.gross == 54_000  # sale C at 00:30 WIB, though 17:30 UTC the day before


def test_a_page_of_rows_keeps_the_total_of_all(database: Database, history: History) -> None:
    f = ReportFilter(org_id=history.tenant.org_id, visible=None, day_from=DAY1, day_to=DAY2)
    with database.read() as session:
        every = sales_report(session, f, ReportKind.PRODUCT, limit=None)
        first = sales_report(session, f, ReportKind.PRODUCT, limit=1)
    assert not every.truncated and len(every.rows) == 3
    assert first.truncated and [r.key for r in first.rows] == ["P-KOPI"]
    assert first.total == every.total


def test_streamed_rows_are_the_reports_rows(database: Database, history: History) -> None:
    f = ReportFilter(org_id=history.tenant.org_id, visible=None, day_from=DAY1, day_to=DAY2)
    for kind in ReportKind:
        with database.read() as session:
            streamed = list(stream_rows(session, f, kind))
            read = sales_report(session, f, kind, limit=None)
            assert report_total(session, f, kind) == read.total, kind
        assert streamed == read.rows, kind
