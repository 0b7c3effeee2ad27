"""A sales history across month and year ends for the rollup-fold and month-report tests: three
stores in WIB, WIT and WITA, sales on 30 Nov, 1, 15 and 31 Dec 2025, 1 and 31 Jan and 1 Feb
2026 (some a little before or after the store's own midnight), PPN, a discount, a weighed line,
a product the catalog does not know, and a refund paid out in the month after its sale.

Nothing is folded here: a test decides when the queued rollup deltas reach the tables. And the
figures a report should show are added up in Python from the day-grain product rows, so a
report that reads months (or the organization's tables) is held against the plain day rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from pos_desktop.domain.cart import Discount
from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.tax import PPN_STANDARD
from server_stub.core.db import Database
from server_stub.models import ProductRow, Store
from server_stub.report_queries import ReportFilter
from server_stub.rollups import Key
from tests.server.factories import FakeClock, Item, Tenant, add_product, make_sale, make_tenant
from tests.server.factories import push as push_sales
from tests.server.test_refunds_api import make_refund, push_refunds

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ZONES = {"S01": "Asia/Jakarta", "S02": "Asia/Jayapura", "S03": "Asia/Makassar"}
TILLS = {"S01": "T01", "S02": "T02", "S03": "T03"}
DAYS = (
    date(2025, 11, 30),
    date(2025, 12, 1),
    date(2025, 12, 15),
    date(2025, 12, 31),
    date(2026, 1, 1),
    date(2026, 1, 31),
    date(2026, 2, 1),
)
"""The local days with sales: either side of two month ends and a year end."""

KOPI = Item("P-KOPI", "KOPI-01", "Kopi Susu", 18_000, "2")
ROTI = Item("P-ROTI", "ROTI-01", "Roti Bakar", 15_000)
AIR = Item("P-AIR", "AIR-01", "Air Mineral", 5_000, "3", tax=PPN_STANDARD)
GULA = Item("P-GULA", "GULA-KG", "Gula Pasir", 16_000, "0.750", sold_by_weight=True)
GHOST = Item("P-GHOST", "GHOST-01", "Tak dikenal", 2_500)
"""Sold but not in the catalog: no cost, no category."""
CATALOG = {
    KOPI: ("Minuman", 8_000),
    ROTI: ("Makanan", None),
    AIR: ("Minuman", 2_000),
    GULA: ("Dapur", 12_000),
}
BASKETS = ((KOPI, ROTI), (AIR, GULA, KOPI), (ROTI, GHOST), (GULA,))

REPORTED = (
    "gross",
    "discounts",
    "refunds",
    "net",
    "tax",
    "tax_inside",
    "quantity_milli",
    "costed_revenue",
    "cost",
)
"""The report figures held against the day rows (``Figures`` field names)."""


@dataclass
class MonthHistory:
    tenant: Tenant
    store_ids: dict[str, str]
    """Store code -> store id."""
    sales: list[SaleRecord] = field(default_factory=list)
    refunds: list[RefundRecord] = field(default_factory=list)


def local(code: str, day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in store ``code``'s own time."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(ZONES[code]))


def _setup(client: TestClient, database: Database, clock: FakeClock) -> MonthHistory:
    tenant = make_tenant(client, database, clock, stores=tuple(ZONES), tills=tuple(TILLS.items()))
    for item, (category, cost) in CATALOG.items():
        add_product(client, tenant, id=item.product_id, sku=item.sku, name=item.name,
                    price=item.price, category=category, cost_price=cost)  # fmt: skip
    with database.write() as session:
        for code, zone in ZONES.items():
            session.execute(
                update(Store)
                .where(Store.org_id == tenant.org_id, Store.code == code)
                .values(timezone=zone)
            )
        session.commit()
        rows = session.execute(
            select(Store.code, Store.store_id).where(Store.org_id == tenant.org_id)
        )
        store_ids = {code: store_id for code, store_id in rows}
    return MonthHistory(tenant, store_ids)


def build_history(client: TestClient, database: Database, clock: FakeClock) -> MonthHistory:
    """The history, synced by the tills over the API and left queued (not folded)."""
    h = _setup(client, database, clock)
    n = 0
    for day in DAYS:
        for code, till in TILLS.items():
            # 00:15 and 23:40 local: a minute's mistake in the zone moves them to another day.
            for hour, minute in ((0, 15), (12, 0), (23, 40)):
                basket = BASKETS[n % len(BASKETS)]
                discount = Discount.amount(500) if n % 5 == 0 else None
                sale = make_sale(basket, store_code=code, till_code=till, ppn_enabled=True,
                                 sold_at=local(code, day, hour, minute),
                                 order_discount=discount)  # fmt: skip
                n += 1
                [ack] = push_sales(client, h.tenant.device(till), sale.to_json())
                assert ack["status"] == "accepted", ack
                h.sales.append(sale)
    # Sold on 31 Dec at noon, partly paid back on 1 Jan: the refund counts in January.
    noon = local("S01", date(2025, 12, 31), 12)
    sold = next(s for s in h.sales if s.store_code == "S01" and s.sold_at == noon)
    refund = make_refund(sold, {1: sold.lines[0].quantity})
    refund = replace(refund, refunded_at=local("S01", date(2026, 1, 1), 10))
    [ack] = push_refunds(client, h.tenant.device("T01"), refund.to_json())
    assert ack["status"] == "accepted", ack
    h.refunds.append(refund)
    return h


def wanted(f: ReportFilter, store_id: str) -> bool:
    """Whether a row of ``store_id`` belongs to the filter's stores."""
    if f.store_id is not None and store_id != f.store_id:
        return False
    return f.visible is None or store_id in f.visible


def figures(sums: Mapping[str, int]) -> dict[str, int]:
    """A day row's figures as a report shows them (refunds taken off, as ``report_queries``)."""
    return {
        "gross": sums["gross"],
        "discounts": sums["discounts"],
        "refunds": sums["refund_net"],
        "net": sums["net"] - sums["refund_net"],
        "tax": sums["tax"] - sums["refund_tax"],
        "tax_inside": sums["tax_inside"] - sums["refund_tax_inside"],
        "quantity_milli": sums["quantity_milli"] - sums["refund_quantity_milli"],
        "costed_revenue": sums["costed_revenue"] - sums["refund_costed_revenue"],
        "cost": sums["cost"] - sums["refund_cost"],
    }


def added(parts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    out = dict.fromkeys(REPORTED, 0)
    for part in parts:
        for name in REPORTED:
            out[name] += part[name]
    return out


def expected_by(
    products: Mapping[Key, Mapping[str, int]], f: ReportFilter, key: Callable[[str, date], str]
) -> dict[str, dict[str, int]]:
    """The day rows of the filter's range and stores added up per ``key(product_id, day)``:
    what a report by product, category or day should show."""
    parts: dict[str, list[dict[str, int]]] = {}
    for (store_id, day, product_id), sums in products.items():
        if f.day_from <= day <= f.day_to and wanted(f, store_id):
            parts.setdefault(key(product_id, day), []).append(figures(sums))
    return {k: added(rows) for k, rows in parts.items()}


def categories(database: Database, org_id: str) -> dict[str, str]:
    """Product id -> category, as the catalog says (a product it lacks has none: "")."""
    with database.read() as session:
        rows = session.execute(
            select(ProductRow.product_id, ProductRow.category).where(ProductRow.org_id == org_id)
        )
        return {product_id: category or "" for product_id, category in rows}
