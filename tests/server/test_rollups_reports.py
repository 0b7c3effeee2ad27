"""The reports over the rollups (``report_queries``) on the rollup history: every breakdown adds
up to the same money, the margin comes from the known costs only, and a store filter keeps to
its stores. December is a whole month, so the product and category reports read it from the
month tables the fold keeps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from server_stub.core.db import Database
from server_stub.models import Store
from server_stub.report_queries import Figures, ReportFilter, ReportKind, sales_report
from tests.server.factories import FakeClock
from tests.server.rollup_history import build_history

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from sqlalchemy.orm import Session

FROM, TO = date(2026, 12, 1), date(2026, 12, 31)


def _report(
    session: Session, org: str, kind: ReportKind, stores: set[str] | None = None
) -> tuple[list[str], Figures, dict[str, Figures]]:
    f = ReportFilter(
        org_id=org,
        visible=None if stores is None else frozenset(stores),
        day_from=FROM,
        day_to=TO,
    )
    report = sales_report(session, f, kind, limit=None)
    return [r.key for r in report.rows], report.total, {r.key: r.figures for r in report.rows}


def test_every_breakdown_adds_up_to_the_same_net(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    org = h.tenant.org_id
    sold = sum(ln.net for s in h.sales.values() for ln in s.lines)
    refunded = sum(h.refunds[k].subtotal for k in ("r1", "r2", "r3"))
    with database.read() as session:
        reports = [_report(session, org, kind) for kind in ReportKind]
    totals = [total for _, total, _ in reports]
    assert {t.net for t in totals} == {sold - refunded}
    assert {t.refunds for t in totals} == {refunded}
    assert {t.gross for t in totals} == {sum(s.subtotal for s in h.sales.values())}
    tax = sum(s.tax_added + s.tax_included for s in h.sales.values())
    refund_tax = sum(h.refunds[k].tax_added + h.refunds[k].tax_included for k in ("r1", "r2", "r3"))
    assert {t.tax for t in totals} == {tax - refund_tax}
    assert reports[4][0] == ["2026-12-05", "2026-12-06"]
    assert reports[3][0] == ["0", "9", "10", "23"]  # the local hours that had sales or refunds


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
        f = ReportFilter(org_id=h.tenant.org_id, visible=None, day_from=FROM, day_to=TO)
        report = sales_report(session, f, ReportKind.PRODUCT, limit=None)
    rows = {r.key: r for r in report.rows}
    assert rows[mie].label == "Barang"
    assert rows[mie].figures.margin == net - int(qty * 2800)
    assert rows[mie].figures.unknown_cost == 0
    assert rows[h.products["aqua"]].figures.margin is None  # no cost price: unknown, not 100 %
    assert rows["P-GHOST"].label == "P-GHOST" and rows["P-GHOST"].figures.margin is None
    assert report.total.margin is not None and report.total.unknown_cost


def test_a_store_filter_keeps_to_its_stores(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    org = h.tenant.org_id
    with database.read() as session:
        s02 = session.execute(
            select(Store.store_id).where(Store.org_id == org, Store.code == "S02")
        ).scalar_one()
        _, total, _ = _report(session, org, ReportKind.DAY, {s02})
        _, by_product, _ = _report(session, org, ReportKind.PRODUCT, {s02})
        other, _, _ = _report(session, "no-such-org", ReportKind.DAY)
    expected = sum(ln.net for k in ("d", "e") for ln in h.sales[k].lines) - h.refunds["r3"].subtotal
    assert total.net == expected
    assert by_product.net == expected
    assert other == []
