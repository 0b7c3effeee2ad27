"""A small, varied sales history for the rollup and home-page tests: three stores in WIB, WITA
and WIT, sales a second either side of each store's midnight, split tenders, PPN, discounts, a
weighed line, an unknown product, a duplicate, refunds (one over-refund, not counted) and voids
journaled by the tills (sent twice)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import update

from pos_desktop.domain.cart import Discount
from pos_desktop.domain.journal import genesis_hash, make_entry
from pos_desktop.domain.refund import RefundRecord, build_refund
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.tax import PPN_STANDARD
from server_stub.core.db import Database
from server_stub.models import Store
from tests.server.factories import (
    FakeClock,
    Item,
    Tenant,
    add_product,
    fold_rollups,
    make_sale,
    make_tenant,
    push,
)

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ZONES = {"S01": "Asia/Jakarta", "S02": "Asia/Makassar", "S03": "Asia/Jayapura"}
TILLS = {"S01": "T01", "S02": "T02", "S03": "T03"}


@dataclass
class History:
    tenant: Tenant
    products: dict[str, str] = field(default_factory=dict)
    """Name -> product id."""
    sales: dict[str, SaleRecord] = field(default_factory=dict)
    refunds: dict[str, RefundRecord] = field(default_factory=dict)


def set_zones(database: Database, org_id: str) -> None:
    with database.write() as session:
        for code, zone in ZONES.items():
            session.execute(
                update(Store)
                .where(Store.org_id == org_id, Store.code == code)
                .values(timezone=zone)
            )
        session.commit()


def _split(sale: SaleRecord, *kinds: str) -> dict[str, Any]:
    """The sale's document paid in equal parts by ``kinds`` (the last takes the rest)."""
    doc = sale.to_json()
    part = sale.total // len(kinds)
    amounts = [part] * (len(kinds) - 1) + [sale.total - part * (len(kinds) - 1)]
    doc["tenders"] = [{"kind": k, "amount": a} for k, a in zip(kinds, amounts, strict=True)]
    doc["change"] = 0
    return doc


def _refund(
    sale: SaleRecord, lines: dict[int, str], at: datetime, earlier: tuple[RefundRecord, ...] = ()
) -> RefundRecord:
    return build_refund(
        sale,
        {no: Decimal(q) for no, q in lines.items()},
        earlier,
        False,
        refund_id=f"refund-{sale.sale_id[:8]}-{len(earlier)}",
        refund_no=f"{sale.store_code}-{sale.till_code}-R{len(earlier):06d}",
        store_code=sale.store_code,
        till_code=sale.till_code,
        refunded_at=at,
        cashier_code="K02",
        cashier_name="Budi",
        reason="rusak",
        rounding_step=100,
    )


def push_docs(client: TestClient, headers: dict[str, str], path: str, docs: list[Any]) -> None:
    r = client.post(path, content=json.dumps({"documents": docs}), headers={
        **headers, "content-type": "application/json"})  # fmt: skip
    assert r.status_code == 200, r.text


def _voids(client: TestClient, tenant: Tenant) -> None:
    jid = "journal-rollup-t01"
    prev = genesis_hash(jid)
    entries = []
    plan: list[tuple[str, datetime, dict[str, Any]]] = [
        ("line_void", datetime(2026, 12, 5, 16, 59, 50, tzinfo=UTC), {"gross": 3500}),
        ("sale", datetime(2026, 12, 5, 17, 0, 5, tzinfo=UTC), {"total": 99}),
        ("sale_cancel", datetime(2026, 12, 5, 17, 0, 10, tzinfo=UTC), {"total": 12_000}),
        ("line_void", datetime(2026, 12, 6, 3, 0, tzinfo=UTC), {"gross": 7000}),
    ]
    for seq, (kind, at, data) in enumerate(plan, start=1):
        entry = make_entry(journal_id=jid, seq=seq, kind=kind, at=at, actor="K01",
                           approver=None, data=data, prev_hash=prev)  # fmt: skip
        prev = entry.hash
        entries.append({"journal_id": jid, **entry.to_json()})
    for _ in range(2):  # the second time, every entry is a duplicate and adds nothing
        push_docs(client, tenant.device("T01"), "/v1/sync/journal", entries)


def build_history(client: TestClient, database: Database, clock: FakeClock) -> History:
    tenant = make_tenant(client, database, clock, stores=tuple(ZONES),
                         tills=tuple(TILLS.items()))  # fmt: skip
    set_zones(database, tenant.org_id)
    r = client.patch("/v1/stores/S01", json={"ppn_enabled": True}, headers=tenant.owner)
    assert r.status_code == 200, r.text
    h = History(tenant)
    h.products["mie"] = add_product(client, tenant, sku="MIE", price=3500, cost_price=2800)["id"]
    h.products["aqua"] = add_product(client, tenant, sku="AQU", price=4000, tax_code="PPN")["id"]
    h.products["beras"] = add_product(client, tenant, sku="BRS", price=20_000, cost_price=15_000)[
        "id"
    ]
    mie = Item(h.products["mie"], "MIE", "Indomie", 3500, "3")
    aqua = Item(h.products["aqua"], "AQU", "Aqua", 4000, "2", PPN_STANDARD)
    beras = Item(h.products["beras"], "BRS", "Beras", 20_000, "0.250", sold_by_weight=True)
    ghost = Item("P-GHOST", "GHO", "Tak dikenal", 1500, "1")

    def at(y: int, mo: int, d: int, h: int, mi: int, sec: int = 0) -> datetime:
        return datetime(y, mo, d, h, mi, sec, tzinfo=UTC)

    s = h.sales
    s["a"] = make_sale([mie, aqua], till_code="T01", sold_at=at(2026, 12, 5, 16, 59, 30),
                       ppn_enabled=True, cash_extra=2500)  # fmt: skip
    s["b"] = make_sale([mie, beras], till_code="T01", sold_at=at(2026, 12, 5, 17, 0, 30),
                       ppn_enabled=True, order_discount=Discount.amount(1000))  # fmt: skip
    s["c"] = make_sale([ghost, mie], till_code="T01", sold_at=at(2026, 12, 6, 3, 10),
                       ppn_enabled=True)  # fmt: skip
    s["d"] = make_sale([mie], store_code="S02", till_code="T02", sold_at=at(2026, 12, 5, 15, 59))
    s["e"] = make_sale([beras, mie], store_code="S02", till_code="T02",
                       sold_at=at(2026, 12, 5, 16, 0))  # fmt: skip
    s["f"] = make_sale([aqua], store_code="S03", till_code="T03",
                       sold_at=at(2026, 12, 5, 14, 59, 59))  # fmt: skip
    s["g"] = make_sale(
        [mie, mie], store_code="S03", till_code="T03", sold_at=at(2026, 12, 5, 15, 0)
    )
    results = push(client, tenant.device("T01"), s["a"].to_json(), _split(s["b"], "card", "qris"),
                   _split(s["c"], "ewallet"), s["a"].to_json())  # fmt: skip
    assert [x["status"] for x in results] == ["accepted", "accepted", "accepted", "duplicate"]
    push(client, tenant.device("T02"), s["d"].to_json(), _split(s["e"], "cash", "card"))
    push(client, tenant.device("T03"), s["f"].to_json(), s["g"].to_json())
    push(client, tenant.device("T03"), s["g"].to_json())  # sent again: a duplicate

    r1 = _refund(s["a"], {1: "2", 2: "1"}, at(2026, 12, 6, 2, 0))
    r2 = _refund(s["a"], {1: "1"}, at(2026, 12, 6, 2, 5), (r1,))
    over = _refund(s["a"], {1: "1"}, at(2026, 12, 6, 2, 6), (r1,))  # line 1 all gone with r2
    over = replace(over, refund_id="refund-over", refund_no="S01-T01-R-OVER")
    r3 = _refund(s["d"], {1: "1"}, at(2026, 12, 5, 16, 30))
    push_docs(client, tenant.device("T01"), "/v1/sync/refunds",
              [r1.to_json(), r2.to_json(), over.to_json(), r1.to_json()])  # fmt: skip
    push_docs(client, tenant.device("T02"), "/v1/sync/refunds", [r3.to_json()])
    h.refunds.update({"r1": r1, "r2": r2, "over": over, "r3": r3})
    _voids(client, tenant)
    fold_rollups(database)
    return h
