"""Whole batches through the set-based ingest path: every column, flag and ledger row as sent.

The batch insert sends all sales (and all stock movements) of a request in one statement; these
tests check that nothing is lost or mangled on the way, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pos_desktop.domain.cart import Discount
from pos_desktop.domain.tax import PPN_STANDARD
from server_stub.core.db import Database
from server_stub.models import SaleRow, StockMovement
from server_stub.sale_checks import canonical_json
from tests.server.factories import WIB, Item, Tenant, add_product, make_sale, push, simple_sale


def _movements(database: Database, org_id: str) -> list[StockMovement]:
    with database.read() as session:
        return list(
            session.execute(select(StockMovement).where(StockMovement.org_id == org_id)).scalars()
        )


def test_a_mixed_batch_stores_every_sale_with_its_own_columns_flags_and_ledger(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    client.patch("/v1/stores/S01", json={"ppn_enabled": True}, headers=tenant.owner)
    known = add_product(client, tenant, sku="AQU", price=4000, tax_code="PPN")
    sold_at = datetime(2026, 3, 1, 23, 30, tzinfo=WIB)
    sales: list[dict[str, Any]] = []
    for n in range(30):
        items = [
            Item(known["id"], "AQU", "Aqua 600 ml", 4000, str(1 + n % 3), PPN_STANDARD),
            Item("KG-1", "DAG", "Daging", 139_900, "0.455", sold_by_weight=True),
            Item(f"GONE-{n}", f"G{n}", "Barang lama", 1000 + n),
        ]
        sale = make_sale(
            items,
            sold_at=sold_at + timedelta(minutes=n),
            order_discount=Discount.amount(500) if n % 2 else None,
            ppn_enabled=True,
            cash_extra=n * 100,
        ).to_json()
        if n % 5 == 0:
            sale["total"] += 100  # a till that added wrong: stored, flagged
        sales.append(sale)
    acks = push(client, tenant.device(), *sales)
    assert [a["status"] for a in acks] == ["accepted"] * 30
    assert [a["sale_id"] for a in acks] == [s["sale_id"] for s in sales]
    for n, ack in enumerate(acks):
        assert "unknown_product" in ack["flags"]
        assert ("totals_mismatch" in ack["flags"]) == (n % 5 == 0)

    with database.read() as session:
        rows = {
            r.sale_id: r
            for r in session.execute(
                select(SaleRow).where(SaleRow.org_id == tenant.org_id)
            ).scalars()
        }
    assert set(rows) == {s["sale_id"] for s in sales}
    for n, sale in enumerate(sales):
        row = rows[sale["sale_id"]]
        assert row.receipt_no == sale["receipt_no"] and row.till_code == "T01"
        assert row.total == sale["total"] and row.subtotal == sale["subtotal"]
        assert row.tax_total == sale["tax_added"] + sale["tax_included"]
        assert row.line_count == 3
        assert row.sold_at == datetime.fromisoformat(sale["sold_at"]).astimezone(UTC)
        assert row.business_day == datetime.fromisoformat(sale["sold_at"]).date()
        assert row.flags == acks[n]["flags"]
        assert sorted(row.flag_details["unknown_product"]) == sorted(["KG-1", f"GONE-{n}"])
        detail = client.get(f"/v1/sales/{sale['sale_id']}", headers=tenant.owner).json()
        assert detail["sale"] == sale

    moves = _movements(database, tenant.org_id)
    assert len(moves) == 90
    assert len({m.movement_id for m in moves}) == 90
    assert all(re.fullmatch(r"[0-9a-f]{32}", m.movement_id) for m in moves)
    by_ref = {m.ref: m for m in moves}
    for n, sale in enumerate(sales):
        assert by_ref[f"{sale['sale_id']}:1"].qty_milli == -1000 * (1 + n % 3)
        assert by_ref[f"{sale['sale_id']}:2"].qty_milli == -455
        assert by_ref[f"{sale['sale_id']}:3"].product_id == f"GONE-{n}"
    assert {m.reason for m in moves} == {"sale"}


def test_a_batch_resent_with_new_sales_mixed_in_stores_only_the_new_ones(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    first = [simple_sale() for _ in range(10)]
    push(client, tenant.device(), *first)
    fresh = [simple_sale() for _ in range(5)]
    changed = dict(first[3], receipt_no="OTHER")
    acks = push(client, tenant.device(), *fresh[:2], *first, changed, *fresh[2:])
    statuses = [a["status"] for a in acks]
    assert statuses == ["accepted"] * 2 + ["duplicate"] * 10 + ["conflict"] + ["accepted"] * 3
    assert len(_movements(database, tenant.org_id)) == 15


TEXT_FIELDS = {
    "line name with NUL": lambda s: s["lines"][0].update(name="Indo\u0000mie"),
    "line sku with a lone surrogate": lambda s: s["lines"][0].update(sku="\udfff"),
    "product id with NUL": lambda s: s["lines"][0].update(product_id="P\u00001"),
    "unit with a lone surrogate": lambda s: s["lines"][0].update(unit="k\ud800g"),
    "cashier name with NUL": lambda s: s.update(cashier_name="Si\u0000ti"),
    "tender reference with a lone surrogate": lambda s: s["tenders"][0].update(reference="\ud83d"),
    "receipt number with NUL": lambda s: s.update(receipt_no="R\u00001"),
}


@pytest.mark.parametrize("case", sorted(TEXT_FIELDS))
def test_text_a_database_cannot_store_is_rejected_alone(
    case: str, client: TestClient, tenant: Tenant, database: Database
) -> None:
    bad = simple_sale()
    TEXT_FIELDS[case](bad)
    acks = push(client, tenant.device(), simple_sale(), bad, simple_sale())
    assert [a["status"] for a in acks] == ["accepted", "rejected", "accepted"]
    assert acks[1]["reason"]
    assert len(_movements(database, tenant.org_id)) == 2


def test_ordinary_unicode_text_is_kept_exactly(client: TestClient, tenant: Tenant) -> None:
    sale = simple_sale()
    sale["lines"][0]["name"] = 'Kopi "Kapal Api" \\ 日本 — ☕ é'
    sale["cashier_name"] = "Ni Luh Putu Ayu"
    [ack] = push(client, tenant.device(), sale)
    assert ack["status"] == "accepted"
    detail = client.get(f"/v1/sales/{sale['sale_id']}", headers=tenant.owner).json()
    assert detail["sale"] == sale


def test_the_stored_document_is_the_canonical_text_byte_for_byte(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    """The payload column holds exactly ``canonical_json`` of what the till sent and the content
    hash is its SHA-256, whatever the text: the hash is how a resend is recognised, so a
    database that re-wrote the document (spacing, escapes, number forms) would break it."""
    sale = simple_sale()
    sale["lines"][0]["name"] = 'Kopi "Kapal Api" \\ 日本 — ☕ é 𝄞 \u2028 \t tab / slash'
    sale["cashier_name"] = "Ni Luh\nPutu"
    sale["till_extension"] = {"ratio": 1.5, "big": 1e20, "tiny": 1e-7, "list": [None, True, "x"]}
    [ack] = push(client, tenant.device(), sale)
    assert ack["status"] == "accepted"
    with database.read() as session:
        row = session.execute(
            select(SaleRow).where(SaleRow.sale_id == sale["sale_id"])
        ).scalar_one()
    assert row.payload == canonical_json(sale)
    assert row.content_hash == hashlib.sha256(row.payload.encode("utf-8")).hexdigest()
    assert push(client, tenant.device(), sale)[0]["status"] == "duplicate"
