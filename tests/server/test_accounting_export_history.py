"""A small history for the accounting export tests (this module has no tests of its own), and
the figures it should give, added up straight from the sale and refund documents (never from
the rollups or the export's code).

Two stores: S01 in WIB charges PPN (prices include it); S02 in WITA does not. Sales paid in
cash with change, by QRIS, split card + cash, by e-wallet; an order discount; prices that round;
a sale after WIB midnight; two refunds (cash and QRIS) with PPN; two Z reports (one short, one
over); goods received and a count adjustment in the stock ledger.

The server's clock follows the sales (each is received a minute after it was rung), so the
stock ledger's days are the sales' days.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update

from pos_desktop.domain.cart import Discount, DiscountKind
from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.refund import RefundRecord, build_refund
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.tax import PPN_STANDARD
from server_stub.core.db import Database
from server_stub.models import ProductRow, Store
from tests.domain.test_domain_shift_report import CLOSED_SHIFT
from tests.domain.test_domain_shift_report import z_report as build_z
from tests.server.factories import (
    FakeClock,
    Item,
    Tenant,
    add_product,
    bearer,
    fold_rollups,
    login,
    make_sale,
    make_tenant,
    push,
)
from tests.server.test_refunds_api import push_refunds
from tests.server.test_shift_reports_api import push as push_reports
from tests.server.test_z_report_queries import EXPECTED_CASH

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))
ZONES = {"S01": WIB, "S02": WITA}
DAY1 = date(2026, 3, 2)
DAY2 = date(2026, 3, 3)
START = datetime(2026, 3, 2, 7, 0, tzinfo=WIB)
"""The server's clock when the history begins."""


def history_clock() -> FakeClock:
    """The server's clock for a test of this history (a ``clock`` fixture): it starts before
    the history, which moves it on as the sales come."""
    return FakeClock(START - timedelta(minutes=5))


KOPI = Item("P-KOPI", "KOPI-01", "Kopi Susu", 18_000)
ROTI = Item("P-ROTI", "ROTI-01", "Roti Bakar", 12_345)
"""Its price rounds: a receipt of one Roti Bakar is Rp12.300 (step Rp100)."""
AIR = Item("P-AIR", "AIR-01", "Air Mineral", 5_000, tax=PPN_STANDARD)
COSTS = {KOPI.product_id: 8_000, AIR.product_id: 2_000}
"""Roti Bakar has no cost price: its stock movements have no value."""
SHORT = -2_000
OVER = 500

Pay = Callable[[int], Sequence[Tender]]


def cash(extra: int = 0) -> Pay:
    return lambda due: [Tender(TenderKind.CASH, due + extra)]


def qris(due: int) -> Sequence[Tender]:
    return [Tender(TenderKind.QRIS, due, reference="QR-123")]


def ewallet(due: int) -> Sequence[Tender]:
    return [Tender(TenderKind.EWALLET, due, reference="GOPAY-9", provider="GoPay")]


def card_and_cash(card_part: int, cash_given: int) -> Pay:
    return lambda due: [
        Tender(TenderKind.CARD, card_part, approval_code="A1B2", card_last4="4242"),
        Tender(TenderKind.CASH, cash_given),
    ]


def ring(
    items: Sequence[Item],
    *,
    store: str,
    at: datetime,
    pay: Pay,
    ppn: bool,
    discount: Discount | None = None,
) -> SaleRecord:
    """A sale as the till makes it, paid as ``pay`` says."""
    till = {"S01": "T01", "S02": "T02"}[store]
    return make_sale(
        items,
        store_code=store,
        till_code=till,
        sold_at=at,
        order_discount=discount,
        ppn_enabled=ppn,
        tenders=pay,
    )


def refund_of(sale: SaleRecord, line_no: int, at: datetime) -> RefundRecord:
    till = {"S01": "T01", "S02": "T02"}[sale.store_code]
    return build_refund(
        sale,
        {line_no: Decimal(1)},
        (),
        False,
        refund_id=str(uuid.uuid4()),
        refund_no=f"{sale.store_code}-{till}-R{uuid.uuid4().int % 10**6:06d}",
        store_code=sale.store_code,
        till_code=till,
        refunded_at=at,
        cashier_code="C01",
        cashier_name="Siti",
        reason="rusak",
        approver_code="M01",
        approver_name="Bu Manajer",
        rounding_step=100,
    )


def z_doc(report_id: str, store: str, closed: datetime, selisih: int) -> dict[str, Any]:
    """A Z report closed at ``closed`` whose drawer counted ``selisih`` off what it should
    hold (``EXPECTED_CASH``: the domain test shift's float, sales and movements). Its shift
    keeps the domain test's till code (its sales are that till's); a till of another code
    that sends it is stored as itself, flagged."""
    counted = EXPECTED_CASH + selisih
    hundreds, rest = divmod(counted, 100_000)
    thousands, coins = divmod(rest, 1_000)
    count = CashCount.of(
        {"note_100000": hundreds, "note_1000": thousands, "coin_100": coins // 100}
    )
    shift = replace(
        CLOSED_SHIFT,
        shift_id=f"shift-{report_id}",
        store_code=store,
        opened_at=closed - timedelta(hours=8),
        closed_at=closed,
    )
    return build_z(
        count, report_id=report_id, report_no=1, shift=shift, created_at=closed
    ).to_json()


def _s01(
    items: Sequence[Item], at: datetime, pay: Pay, discount: Discount | None = None
) -> SaleRecord:
    return ring(items, store="S01", at=at, pay=pay, ppn=True, discount=discount)


def _s02(items: Sequence[Item], at: datetime, pay: Pay) -> SaleRecord:
    return ring(items, store="S02", at=at, pay=pay, ppn=False)


@dataclass
class History:
    tenant: Tenant
    store_ids: dict[str, str]
    sales: list[SaleRecord]
    refunds: list[RefundRecord]


def _at(clock: FakeClock, when: datetime) -> None:
    """Move the server's clock to a minute after ``when``."""
    gap = (when + timedelta(minutes=1) - clock()).total_seconds()
    assert gap >= 0, "the history is pushed in time order"
    clock.advance(gap)


def relogin(client: TestClient, tenant: Tenant, clock: FakeClock) -> None:
    """A fresh owner token after the clock moved past the last one's 15 minutes."""
    tenant.owner = bearer(login(client, tenant.email, tenant.totp_secret, clock)["access_token"])


def _setup(
    client: TestClient, database: Database, clock: FakeClock
) -> tuple[Tenant, dict[str, str]]:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S02", "T02"))
    )
    for item in (KOPI, ROTI, AIR):
        add_product(
            client, tenant, id=item.product_id, sku=item.sku, name=item.name, price=item.price
        )
    with database.write() as session:
        for product_id, cost in COSTS.items():
            session.execute(
                update(ProductRow)
                .where(ProductRow.org_id == tenant.org_id, ProductRow.product_id == product_id)
                .values(cost_price=cost)
            )
        where = Store.org_id == tenant.org_id
        session.execute(update(Store).where(where, Store.code == "S01").values(ppn_enabled=True))
        session.execute(
            update(Store).where(where, Store.code == "S02").values(timezone="Asia/Makassar")
        )
        ids = {s.code: s.store_id for s in session.query(Store).where(where)}
        session.commit()
    return tenant, ids


def build_history(client: TestClient, database: Database, clock: FakeClock) -> History:
    _at(clock, START)
    tenant, ids = _setup(client, database, clock)
    r = client.post(
        "/v1/stock/movements",
        json={
            "store_code": "S01",
            "product_id": KOPI.product_id,
            "quantity": "24",
            "reason": "receive",
        },
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    ten_pct = Discount(DiscountKind.PERCENT, 1_000)
    sales = [
        # 2 x Kopi + Air (PPN inside), cash with 9.000 change
        _s01(
            [replace(KOPI, quantity="2"), AIR], datetime(2026, 3, 2, 9, 0, tzinfo=WIB), cash(9_000)
        ),
        # 3 x Air + Roti (its price rounds), QRIS
        _s01([replace(AIR, quantity="3"), ROTI], datetime(2026, 3, 2, 13, 0, tzinfo=WIB), qris),
        # Kopi + Air + Roti less 10 %: card 20.000, the rest in cash with change
        _s01(
            [KOPI, AIR, ROTI],
            datetime(2026, 3, 2, 18, 0, tzinfo=WIB),
            card_and_cash(20_000, 20_000),
            ten_pct,
        ),
        # S02 (no PPN, WITA): Roti, exact cash
        _s02([ROTI], datetime(2026, 3, 2, 20, 0, tzinfo=WITA), cash()),
        # S02 at 00:15 WITA on day 2 (23:15 WIB on day 1): its own day 2
        _s02([KOPI, ROTI], datetime(2026, 3, 3, 0, 15, tzinfo=WITA), ewallet),
        # S01 at 00:30 WIB on day 2: e-wallet
        _s01([replace(KOPI, quantity="2")], datetime(2026, 3, 3, 0, 30, tzinfo=WIB), ewallet),
    ]
    for sale in sales:
        _at(clock, sale.sold_at)
        till = tenant.device("T01" if sale.store_code == "S01" else "T02")
        assert push(client, till, sale.to_json())[0]["status"] == "accepted"
    z1 = datetime(2026, 3, 2, 21, 0, tzinfo=WIB)
    refunds = [
        refund_of(sales[0], 2, datetime(2026, 3, 3, 10, 0, tzinfo=WIB)),  # Air, back in cash
        refund_of(sales[1], 1, datetime(2026, 3, 3, 11, 0, tzinfo=WIB)),  # one Air, back by QRIS
    ]
    for refund in refunds:
        _at(clock, refund.refunded_at)
        assert (
            push_refunds(client, tenant.device("T01"), refund.to_json())[0]["status"] == "accepted"
        )
    results = push_reports(client, tenant.device("T01"), z_doc("z-s01", "S01", z1, SHORT))
    assert results[0]["status"] == "accepted", results
    z2 = datetime(2026, 3, 3, 21, 0, tzinfo=WITA)
    results = push_reports(client, tenant.device("T02"), z_doc("z-s02", "S02", z2, OVER))
    assert results[0]["status"] == "accepted", results
    _at(clock, datetime(2026, 3, 3, 12, 0, tzinfo=WIB))
    relogin(client, tenant, clock)
    r = client.post(
        "/v1/stock/movements",
        json={
            "store_code": "S01",
            "product_id": ROTI.product_id,
            "quantity": "-1",
            "reason": "adjust",
        },
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    fold_rollups(database)
    return History(tenant, ids, sales, refunds)


def expected_rows(h: History) -> dict[tuple[date, str], dict[str, int]]:
    """The export's money columns per (day, store code), added up from the documents."""
    rows: dict[tuple[date, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s in h.sales:
        row = rows[(s.sold_at.astimezone(ZONES[s.store_code]).date(), s.store_code)]
        discounts = s.line_discounts + s.order_discount
        net = s.subtotal - discounts
        row["sales_count"] += 1
        row["gross_sales"] += s.subtotal
        row["discounts"] += discounts
        row["net_sales"] += net
        row["ppn_output"] += s.tax_added + s.tax_included
        row["sales_excl_ppn"] += net - s.tax_included
        row["rounding"] += s.rounding
        row["sales_total"] += s.total
        for t in s.tenders:
            row[f"{t.kind.value}_taken"] += t.amount
        row["cash_taken"] -= s.change
    for r in h.refunds:
        row = rows[(r.refunded_at.astimezone(ZONES[r.store_code]).date(), r.store_code)]
        row["refunds_count"] += 1
        row["refunds_excl_ppn"] += r.subtotal - r.tax_included
        row["refunds_ppn"] += r.tax_added + r.tax_included
        row["refunds_rounding"] += r.rounding
        row["refunds_total"] += r.total
        for rt in r.tenders:
            row[f"{rt.kind.value}_refunded"] += rt.amount
    rows[(DAY1, "S01")].update(z_reports=1, cash_over_short=SHORT)
    rows[(DAY2, "S02")].update(z_reports=1, cash_over_short=OVER)
    return {key: dict(value) for key, value in rows.items()}
