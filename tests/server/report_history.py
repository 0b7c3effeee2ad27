"""A small, known sales history for the report tests: two stores, three products (one without a
cost price), three cashiers, a discount, PPN, a refund, and sales either side of a WIB midnight.

Sales go through the real ingest (so the rollups are what the tills' sales make); cost prices
are set before the sales, as the rollups take the cost in force when a sale arrives.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from pos_desktop.domain.cart import Discount, DiscountKind
from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.tax import PPN_STANDARD
from server_stub.core.db import Database
from server_stub.models import ProductRow, Store
from tests.server.factories import (
    WIB,
    FakeClock,
    Item,
    Tenant,
    add_product,
    fold_rollups,
    make_sale,
    make_tenant,
    push,
)
from tests.server.test_refunds_api import make_refund, push_refunds

DAY1 = date(2026, 12, 1)
DAY2 = date(2026, 12, 2)

KOPI = Item("P-KOPI", "KOPI-01", "Kopi Susu", 18_000)
ROTI = Item("P-ROTI", "ROTI-01", "Roti Bakar", 15_000)
AIR = Item("P-AIR", "AIR-01", "Air Mineral", 5_000, tax=PPN_STANDARD)
CATEGORIES = {KOPI.product_id: "Minuman", ROTI.product_id: "Makanan", AIR.product_id: "Minuman"}
COSTS = {KOPI.product_id: 8_000, AIR.product_id: 2_000}
"""Roti Bakar has no cost price: its margin is unknown."""


@dataclass
class History:
    tenant: Tenant
    store_ids: dict[str, str]
    sales: dict[str, SaleRecord]
    refund: RefundRecord


def local_time(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


def _sale(name: str, items: list[Item], at: datetime, cashier: str, **kw: object) -> SaleRecord:
    record = make_sale(items, sold_at=at, ppn_enabled=True, receipt_no=name, **kw)  # type: ignore[arg-type]
    return replace(record, cashier_code=cashier, cashier_name=f"Kasir {cashier}")


def build_history(client: TestClient, database: Database, clock: FakeClock) -> History:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S02", "T02"))
    )
    for item in (KOPI, ROTI, AIR):
        add_product(
            client,
            tenant,
            id=item.product_id,
            sku=item.sku,
            name=item.name,
            price=item.price,
            category=CATEGORIES[item.product_id],
        )
    with database.write() as session:
        for product_id, cost in COSTS.items():
            session.execute(
                update(ProductRow)
                .where(ProductRow.org_id == tenant.org_id, ProductRow.product_id == product_id)
                .values(cost_price=cost)
            )
        session.commit()
        stores = {
            s.code: s.store_id
            for s in session.scalars(select(Store).where(Store.org_id == tenant.org_id))
        }
    sales = {
        # 51.000, cashier C01, 09:15 on day 1
        "A": _sale(
            "S01-T01-A", [replace(KOPI, quantity="2"), ROTI], local_time(DAY1, 9, 15), "C01"
        ),
        # 10.000 with PPN inside, cashier C02, 14:40 on day 1
        "B": _sale("S01-T01-B", [replace(AIR, quantity="2")], local_time(DAY1, 14, 40), "C02"),
        # 54.000 less 10 % = 48.600, cashier C01, 00:30 on day 2 (17:30 UTC on day 1)
        "C": _sale(
            "S01-T01-C",
            [replace(KOPI, quantity="3")],
            local_time(DAY2, 0, 30),
            "C01",
            order_discount=Discount(DiscountKind.PERCENT, 1_000),
        ),
        # 23:30 the day before day 1 (16:30 UTC on day 0): outside the range
        "D": _sale("S01-T01-D", [ROTI], local_time(date(2026, 11, 30), 23, 30), "C01"),
    }
    other = make_sale(
        [replace(ROTI, quantity="2")],
        store_code="S02",
        till_code="T02",
        sold_at=local_time(DAY1, 11),
        receipt_no="S02-T02-E",
    )
    sales["E"] = replace(other, cashier_code="C03", cashier_name="Kasir C03")
    for key in ("A", "B", "C", "D"):
        assert push(client, tenant.device("T01"), sales[key].to_json())[0]["status"] == "accepted"
    assert push(client, tenant.device("T02"), sales["E"].to_json())[0]["status"] == "accepted"
    # One Kopi Susu of sale A comes back at 10:00 on day 2
    refund = replace(make_refund(sales["A"], {1: Decimal(1)}), refunded_at=local_time(DAY2, 10))
    assert push_refunds(client, tenant.device("T01"), refund.to_json())[0]["status"] == "accepted"
    fold_rollups(database)
    return History(tenant, stores, sales, refund)
