"""The report queries over the rollups: every breakdown adds up to the same money, the margin
comes from the known costs only, and a store filter keeps to its stores."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from server_stub.core.db import Database
from server_stub.models import Store
from server_stub.rollup_queries import (
    report_by_cashier,
    report_by_category,
    report_by_day,
    report_by_hour,
    report_by_product,
    report_total,
)
from tests.server.factories import FakeClock
from tests.server.rollup_history import build_history

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

FROM, TO = date(2026, 12, 1), date(2026, 12, 31)


def test_every_breakdown_adds_up_to_the_same_net(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    org = h.tenant.org_id
    sold = sum(ln.net for s in h.sales.values() for ln in s.lines)
    refunded = sum(h.refunds[k].subtotal for k in ("r1", "r2", "r3"))
    with database.read() as session:
        reports = [
            f(session, org, None, FROM, TO)
            for f in (
                report_by_product,
                report_by_category,
                report_by_cashier,
                report_by_hour,
                report_by_day,
            )
        ]
    totals = [report_total(rows) for rows in reports]
    assert {t.net for t in totals} == {sold - refunded}
    assert {t.refunds for t in totals} == {refunded}
    assert {t.gross for t in totals} == {sum(s.subtotal for s in h.sales.values())}
    tax = sum(s.tax_added + s.tax_included for s in h.sales.values())
    refund_tax = sum(h.refunds[k].tax_added + h.refunds[k].tax_included for k in ("r1", "r2", "r3"))
    assert {t.tax for t in totals} == {tax - refund_tax}
    by_day = reports[4]
    assert [r.key for r in by_day] == ["2026-12-05", "2026-12-06"]
    assert len(reports[3]) == 24


def test_margin_counts_known_costs_only(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    mie = h.products["mie"]
    qty = sum(ln.quantity for s in h.sales.values() for ln in s.lines if ln.product_id == mie)
    net = sum(ln.net for s in h.sales.values() for ln in s.lines if ln.product_id == mie)
    back = [ln for k in ("r1", "r2", "r3") for ln in h.refunds[k].lines if ln.product_id == mie]
    qty -= sum((ln.quantity for ln in back), Decimal(0))
    net -= sum(ln.amount for ln in back)
    with database.read() as session:
        rows = {r.key: r for r in report_by_product(session, h.tenant.org_id, None, FROM, TO)}
    assert rows[mie].label == "Barang"
    assert rows[mie].margin == net - int(qty * 2800)
    assert rows[mie].margin_complete
    assert rows[h.products["aqua"]].margin is None  # no cost price: unknown, not 100 %
    assert rows["P-GHOST"].label == "P-GHOST" and rows["P-GHOST"].margin is None
    total = report_total(list(rows.values()))
    assert total.margin is not None and not total.margin_complete


def test_a_store_filter_keeps_to_its_stores(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    org = h.tenant.org_id
    with database.read() as session:
        s02 = session.execute(
            select(Store.store_id).where(Store.org_id == org, Store.code == "S02")
        ).scalar_one()
        rows = report_by_day(session, org, {s02}, FROM, TO)
        other = report_by_day(session, "no-such-org", None, FROM, TO)
    expected = sum(ln.net for k in ("d", "e") for ln in h.sales[k].lines) - h.refunds["r3"].subtotal
    assert report_total(rows).net == expected
    assert other == []
