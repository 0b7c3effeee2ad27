"""Penjualan: the sales list's filters and keyset pages, one sale's page (lines, taxes, tenders,
refunds, flags, the receipt drawn with the till's own layout), tenancy and escaping; on SQLite
and PostgreSQL."""

from __future__ import annotations

import html
import json
import re
import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.refund import build_refund
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.tax import PPN_STANDARD, TaxSettings
from pos_desktop.receipts import build_receipt, render_text
from pos_desktop.receipts.model import store_info
from pos_desktop.services.ports import StoreProfile
from server_stub import sales_browse
from server_stub.core.db import Database
from server_stub.sales_browse import NotFound, SaleQuery, Scope
from tests.server.factories import (
    WIB,
    FakeClock,
    Item,
    Tenant,
    add_product,
    make_sale,
    make_tenant,
    push,
)
from tests.web.webtools import next_code, sign_in

DAY = datetime(2026, 11, 20, 10, 0, tzinfo=WIB)


def _sign_in(client: TestClient, tenant: Tenant, clock: FakeClock) -> None:
    r: Any = sign_in(client, tenant.email, code=next_code(tenant.totp_secret, clock))
    assert r.status_code == 303, r.text


def _store_ids(client: TestClient, tenant: Tenant) -> dict[str, str]:
    r = client.get("/v1/stores", headers=tenant.owner)
    assert r.status_code == 200, r.text
    return {s["code"]: s["store_id"] for s in r.json()["items"]}


def _catalog(client: TestClient, tenant: Tenant) -> list[Item]:
    """Products the cloud knows, so sales of them carry no ``unknown_product`` flag."""
    indomie = add_product(client, tenant, name="Indomie Goreng", price=3500)
    aqua = add_product(client, tenant, name="Aqua 600 ml", price=4000, tax_code="PPN")
    return [
        Item(indomie["id"], indomie["sku"], "Indomie Goreng", 3500, "3"),
        Item(aqua["id"], aqua["sku"], "Aqua 600 ml", 4000, "2", PPN_STANDARD),
    ]


def _sale(
    items: list[Item],
    *,
    at: datetime,
    store: str = "S01",
    till: str = "T01",
    number: int,
    **changes: Any,
) -> SaleRecord:
    record = make_sale(
        items,
        store_code=store,
        till_code=till,
        sold_at=at,
        receipt_no=f"{store}-{till}-{number:06d}",
        ppn_enabled=store == "S01",
    )
    return replace(record, **changes) if changes else record


def _qris(record: SaleRecord) -> SaleRecord:
    return replace(
        record,
        tenders=(Tender(TenderKind.QRIS, record.total, reference="QR-778", provider="GoPay"),),
        change=0,
    )


def _push(client: TestClient, tenant: Tenant, till: str, *docs: dict[str, Any]) -> None:
    results = push(client, tenant.device(till), *docs)
    assert all(r["status"] == "accepted" for r in results), results


def _refund(client: TestClient, tenant: Tenant, sale: SaleRecord, qty: str) -> dict[str, Any]:
    refund = build_refund(
        sale,
        {1: Decimal(qty)},
        (),
        False,
        refund_id=str(uuid.uuid4()),
        refund_no=f"S01-T01-R{uuid.uuid4().int % 10**6:06d}",
        store_code="S01",
        till_code="T01",
        refunded_at=sale.sold_at + timedelta(hours=1),
        cashier_code="K01",
        cashier_name="Siti",
        reason="rusak",
        approver_code="M01",
        approver_name="Bu Manajer",
        rounding_step=100,
    )
    r = client.post(
        "/v1/sync/refunds",
        content=json.dumps({"documents": [refund.to_json()]}),
        headers={**tenant.device("T01"), "content-type": "application/json"},
    )
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()["results"][0]
    assert result["status"] == "accepted", result
    return result


def _receipts(page: str) -> list[str]:
    return re.findall(r'class="mono"><a href="/app/sales/[^"]+">([^<]+)</a>', page)


@pytest.fixture
def shop(client: TestClient, database: Database, clock: FakeClock) -> dict[str, Any]:
    """Two stores, three tills, a catalog and a week of sales of several kinds."""
    tenant = make_tenant(
        client,
        database,
        clock,
        stores=("S01", "S02"),
        tills=(("S01", "T01"), ("S01", "T02"), ("S02", "T03")),
    )
    r = client.patch(
        "/v1/stores/S01",
        json={
            "address": "Jl. Merdeka 1\nBandung",
            "receipt_footer": ["Terima kasih"],
            "npwp": "0123456789012345",
            "ppn_enabled": True,
        },
        headers=tenant.owner,
    )
    assert r.status_code == 200, r.text
    items = _catalog(client, tenant)
    sales = {
        "cash": _sale(items, at=DAY, number=1, profile_version=2),
        "qris": _qris(_sale(items[:1], at=DAY + timedelta(hours=1), number=2)),
        "t02": _sale(
            items[:1],
            at=DAY + timedelta(hours=2),
            till="T02",
            number=1,
            cashier_code="C02",
            cashier_name="Budi",
        ),
        "late": _sale(items[:1], at=DAY.replace(hour=23, minute=30), number=3),
        "next_day": _sale(
            items[:1], at=DAY.replace(hour=0, minute=30) + timedelta(days=1), number=4
        ),
        "s02": _sale(items[:1], at=DAY + timedelta(hours=3), store="S02", till="T03", number=1),
    }
    _push(client, tenant, "T01", *(sales[k].to_json() for k in ("cash", "qris", "late")))
    _push(client, tenant, "T01", sales["next_day"].to_json())
    _push(client, tenant, "T02", sales["t02"].to_json())
    unknown = make_sale(
        [Item("NOPE", "X", "Barang lama", 1000)],
        sold_at=DAY + timedelta(hours=4),
        store_code="S02",
        till_code="T03",
        receipt_no="S02-T03-000002",
    )
    mismatch = _sale(
        items[:1], at=DAY + timedelta(hours=5), store="S02", till="T03", number=3
    ).to_json()
    mismatch["total"] += 100
    mismatch["tenders"][0]["amount"] += 100
    _push(client, tenant, "T03", sales["s02"].to_json(), unknown.to_json(), mismatch)
    _sign_in(client, tenant, clock)
    return {
        "tenant": tenant,
        "sales": sales,
        "stores": _store_ids(client, tenant),
        "items": items,
        "unknown": unknown,
    }


def test_the_list_shows_every_sale_newest_first(client: TestClient, shop: dict[str, Any]) -> None:
    page = client.get("/app/sales")
    assert page.status_code == 200, page.text
    shown = _receipts(page.text)
    assert len(shown) == 8
    assert shown[0] == "S01-T01-000004"  # the next day's, 00:30
    assert shown[-1] == "S01-T01-000001"
    assert 'class="cards sales-table"' in page.text and 'data-label="' in page.text
    assert "Rp" in page.text and "WIB" in page.text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"till": "T02"}, {"S01-T02-000001"}),
        ({"cashier": "C02"}, {"S01-T02-000001"}),
        ({"tender": "qris"}, {"S01-T01-000002"}),
        (
            {"from": "2026-11-20", "to": "2026-11-20", "store": "S01"},
            {"S01-T01-000001", "S01-T01-000002", "S01-T02-000001", "S01-T01-000003"},
        ),
        ({"from": "2026-11-21"}, {"S01-T01-000004"}),
        ({"flag": "unknown_product"}, {"S02-T03-000002"}),
        ({"flag": "totals_mismatch"}, {"S02-T03-000003"}),
        ({"flag": "any"}, {"S02-T03-000002", "S02-T03-000003"}),
        ({"q": "s01-t01-000003"}, {"S01-T01-000003"}),
        ({"q": "2", "store": "S02"}, {"S02-T03-000002"}),
        ({"q": "000001"}, {"S01-T01-000001", "S01-T02-000001", "S02-T03-000001"}),
        ({"q": "1", "till": "T02"}, {"S01-T02-000001"}),
        ({"q": "S01-T01-999999"}, set()),
        ({"store": "S02"}, {"S02-T03-000001", "S02-T03-000002", "S02-T03-000003"}),
    ],
)
def test_filters(
    client: TestClient, shop: dict[str, Any], params: dict[str, str], expected: set[str]
) -> None:
    if "store" in params:
        params = {**params, "store": shop["stores"][params["store"]]}
    page = client.get("/app/sales", params=params)
    assert page.status_code == 200, page.text
    assert set(_receipts(page.text)) == expected


def test_an_unreadable_filter_is_dropped_and_said(client: TestClient, shop: dict[str, Any]) -> None:
    page = client.get("/app/sales", params={"from": "kemarin", "flag": "nope", "older": "x"})
    assert page.status_code == 200
    assert len(_receipts(page.text)) == 8
    assert 'class="flash warn"' in page.text


def test_keyset_pages_walk_back_and_forth(
    client: TestClient, shop: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = _receipts(client.get("/app/sales").text)
    monkeypatch.setattr(sales_browse, "PAGE_SIZE", 3)
    seen: list[str] = []
    pages: list[str] = []
    url = "/app/sales"
    while True:
        text = client.get(url).text
        pages.append(url)
        seen += _receipts(text)
        older = re.search(r'rel="next" href="([^"]+)"', text)
        if older is None:
            break
        url = html.unescape(older.group(1))
    assert seen == everything and len(pages) == 3
    back = re.search(r'rel="prev" href="([^"]+)"', client.get(url).text)
    assert back is not None
    assert _receipts(client.get(html.unescape(back.group(1))).text) == everything[3:6]


def test_the_sale_page_shows_lines_tenders_refunds_flags_and_the_tills_receipt(
    client: TestClient, shop: dict[str, Any]
) -> None:
    tenant, sale = shop["tenant"], shop["sales"]["cash"]
    _refund(client, tenant, sale, "1")
    over = _refund(client, tenant, sale, "3")  # 1 + 3 of 3 sold: held back
    assert over["flags"] == ["over_refund"]
    page = client.get(f"/app/sales/{sale.sale_id}")
    assert page.status_code == 200, page.text
    text = page.text
    assert "Indomie Goreng" in text and "Aqua 600 ml" in text
    assert "Tunai" in text and "PPN" in text
    assert "rusak" in text and "Retur berlebih" in text and "Tidak dihitung" in text
    receipt = re.search(r'<pre class="receipt">(.*?)</pre>', text, re.S)
    assert receipt is not None
    profile = StoreProfile(
        store_code="S01",
        till_code="T01",
        name="Toko Test S01",
        address_lines=("Jl. Merdeka 1", "Bandung"),
        npwp="0123456789012345",
        phone="",
        footer_lines=("Terima kasih",),
        currency="IDR",
        tax=TaxSettings(ppn_enabled=True, prices_include_tax=True),
        rounding_step=100,
        version=2,
    )
    till = build_receipt(sale, store_info(profile), ppn_enabled=True)
    assert html.unescape(receipt.group(1)) == "\n".join(render_text(till, 48))
    assert "NPWP" in receipt.group(1)
    assert "versi 2" in text
    for flag in ("refunded", "over_refund"):
        listing = client.get("/app/sales", params={"flag": flag}).text
        assert _receipts(listing) == [sale.receipt_no]
        assert "Ada retur" in listing and "Retur berlebih" in listing


def test_flags_on_the_sale_page(client: TestClient, shop: dict[str, Any]) -> None:
    page = client.get(f"/app/sales/{shop['unknown'].sale_id}")
    assert page.status_code == 200
    assert "Produk tidak dikenal" in page.text and "NOPE" in page.text


def test_another_organizations_sale_and_store_are_not_found(
    client: TestClient, database: Database, clock: FakeClock, shop: dict[str, Any]
) -> None:
    other = make_tenant(client, database, clock, name="Toko Lain")
    theirs = make_sale([Item("P-9", "X", "Barang", 1000)], sold_at=DAY)
    push(client, other.device("T01"), theirs.to_json())
    assert client.get(f"/app/sales/{theirs.sale_id}").status_code == 404
    their_store = _store_ids(client, other)["S01"]
    assert client.get("/app/sales", params={"store": their_store}).status_code == 404
    assert theirs.receipt_no not in client.get("/app/sales").text


def test_a_manager_sees_only_their_stores(database: Database, shop: dict[str, Any]) -> None:
    tenant, stores = shop["tenant"], shop["stores"]
    scope = Scope(tenant.org_id, frozenset({stores["S02"]}))
    with database.read() as session:
        page = sales_browse.list_sales(session, scope, SaleQuery())
        assert {s.store_code for s in page.items} == {"S02"} and len(page.items) == 3
        with pytest.raises(NotFound):
            sales_browse.list_sales(session, scope, SaleQuery(store_id=stores["S01"]))
        with pytest.raises(NotFound):
            sales_browse.sale_view(session, scope, shop["sales"]["cash"].sale_id)
        choices = sales_browse.filter_choices(session, scope, None)
        assert [s.code for s in choices.stores] == ["S02"]


def test_a_script_in_a_product_name_shows_as_text(client: TestClient, shop: dict[str, Any]) -> None:
    evil = make_sale(
        [Item("P-X", "X", "<script>alert(1)</script>", 1000)],
        sold_at=DAY,
        receipt_no="S01-T01-000099",
    )
    _push(client, shop["tenant"], "T01", evil.to_json())
    page = client.get(f"/app/sales/{evil.sale_id}")
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_the_receipt_uses_the_profile_version_the_sale_was_rung_under(
    client: TestClient, shop: dict[str, Any]
) -> None:
    """Version 1 of S01 had no address, NPWP or PPN; the owner changed that since (version 2)."""
    old = make_sale(
        shop["items"][:1],
        sold_at=DAY - timedelta(days=1),
        receipt_no="S01-T01-000050",
    )
    old = replace(old, profile_version=1)
    _push(client, shop["tenant"], "T01", old.to_json())
    page = client.get(f"/app/sales/{old.sale_id}")
    receipt = re.search(r'<pre class="receipt">(.*?)</pre>', page.text, re.S)
    assert receipt is not None
    profile = StoreProfile(
        store_code="S01",
        till_code="T01",
        name="Toko Test S01",
        address_lines=(),
        npwp="",
        phone="",
        footer_lines=(),
        currency="IDR",
        tax=TaxSettings(ppn_enabled=False),
        rounding_step=100,
        version=1,
    )
    till = build_receipt(old, store_info(profile), ppn_enabled=False)
    assert html.unescape(receipt.group(1)) == "\n".join(render_text(till, 48))
    assert "Merdeka" not in receipt.group(1) and "versi 1" in page.text
