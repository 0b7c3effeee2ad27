"""Produk baru: a product added through the back office's form is created by the catalog's own use
case (the next sequence number, in the tills' feed without its cost) and found by the search; a
taken SKU or barcode and every unreadable field are refused at their field, in Bahasa Indonesia
and in English, with nothing written; the form needs the CSRF token."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub import catalog
from server_stub.core.db import Database
from server_stub.models import ProductRow
from server_stub.schemas import ProductIn
from tests.server.factories import FakeClock
from tests.web.webtools import WebOwner, csrf_of, make_owner, sign_in_owner

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


@pytest.fixture
def signed_in(client: TestClient, owner: WebOwner, clock: FakeClock, database: Database) -> str:
    with database.write() as session:
        report = catalog.upsert_products(
            session,
            owner.org_id,
            [ProductIn(sku="IND-001", name="Indomie Goreng", price=3500, barcodes=["0896860"])],
            NOW,
        )
        assert not report.errors
        session.commit()
    return sign_in_owner(client, owner, clock)


def _form(token: str, **changes: str) -> dict[str, str]:
    form = {
        "csrf_token": token,
        "sku": "KOP-250",
        "name": "Kopi  Bubuk 250 g",
        "price": "Rp 24.500",
        "cost_price": "18.000",
        "tax_code": "EXEMPT",
        "category": "Minuman",
        "barcodes": "8991002101234\n8991002101241",
        "in_store_code": "KOPI",
        "active": "1",
    }
    form.update(changes)
    return form


def _products(database: Database, org_id: str) -> dict[str, ProductRow]:
    with database.read() as session:
        rows = session.execute(select(ProductRow).where(ProductRow.org_id == org_id)).scalars()
        found = {row.sku: row for row in rows}
        session.expunge_all()
        return found


def _seq(database: Database, org_id: str) -> int:
    with database.read() as session:
        return catalog.current_seq(session, org_id)


def test_the_list_links_to_the_new_product_form(client: TestClient, signed_in: str) -> None:
    listed = client.get("/app/products").text
    assert 'href="/app/products/new"' in listed and "Produk baru" in listed
    form = client.get("/app/products/new")
    assert form.status_code == 200
    assert 'action="/app/products/new"' in form.text and 'name="sku"' in form.text
    assert csrf_of(form.text) == signed_in
    assert '<option value="EXEMPT" selected>' in form.text
    for field in ("name", "price", "cost_price", "tax_code", "category", "barcodes"):
        assert f'name="{field}"' in form.text
    assert 'name="in_store_code"' in form.text and 'class="grid two"' in form.text


def test_a_new_product_reaches_the_search_and_the_tills_without_its_cost(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    cursor = str(_seq(database, owner.org_id))
    r = client.post("/app/products/new", data=_form(signed_in), follow_redirects=False)
    assert r.status_code == 303, r.text
    assert r.headers["location"] == "/app/products?flash=products.created&q=KOP-250"
    row = _products(database, owner.org_id)["KOP-250"]
    assert (row.name, row.category, row.price, row.cost_price) == (
        "Kopi Bubuk 250 g",
        "Minuman",
        24500,
        18000,
    )
    assert (row.tax_code, row.in_store_code, row.active) == ("EXEMPT", "KOPI", True)
    assert row.seq == _seq(database, owner.org_id)
    with database.read() as session:
        codes = catalog.barcodes_of(session, owner.org_id, [row.product_id])[row.product_id]
        feed = catalog.feed_page_json(
            session, owner.org_id, cursor, 100, store_id=owner.store_ids["S01"]
        ).decode("utf-8")
    assert codes == ["8991002101234", "8991002101241"]
    assert "cost_price" not in feed and "18000" not in feed
    assert [p["sku"] for p in json.loads(feed)["products"]] == ["KOP-250"]

    shown = client.get(r.headers["location"]).text
    assert "Produk ditambahkan." in shown and "Kopi Bubuk 250 g" in shown
    assert "Rp24.500" in shown and "Rp18.000" in shown
    assert "Kopi Bubuk 250 g" in client.get("/app/products", params={"q": "8991002101241"}).text
    assert "Kopi Bubuk 250 g" in client.get("/app/products", params={"q": "kopi"}).text


def test_without_a_cost_the_margin_stays_unknown(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    form = _form(signed_in, cost_price="", barcodes="", in_store_code="", active="")
    r = client.post("/app/products/new", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    row = _products(database, owner.org_id)["KOP-250"]
    assert (row.cost_price, row.in_store_code, row.active) == (None, None, False)


def test_a_taken_sku_or_barcode_is_refused_and_nothing_is_written(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    seq = _seq(database, owner.org_id)
    r = client.post("/app/products/new", data=_form(signed_in, sku="IND-001"))
    assert r.status_code == 422
    assert "SKU ini sudah dipakai produk lain." in r.text
    assert 'value="IND-001"' in r.text and 'value="Kopi  Bubuk 250 g"' in r.text
    r = client.post("/app/products/new", data=_form(signed_in, barcodes="0896860"))
    assert r.status_code == 422 and "Barcode sudah dipakai produk lain." in r.text
    r = client.post("/app/products/new", data=_form(signed_in, barcodes="111\n111"))
    assert r.status_code == 422 and "Barcode yang sama tertulis dua kali." in r.text
    assert sorted(_products(database, owner.org_id)) == ["IND-001"]
    assert _seq(database, owner.org_id) == seq


def test_each_unreadable_field_is_named_in_both_languages(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    bad = _form(
        signed_in,
        sku="  ",
        name="",
        price="dua ribu",
        cost_price="-5",
        tax_code="NOPE",
        in_store_code="kode toko",
        barcodes="é",
    )
    r = client.post("/app/products/new", data=bad)
    assert r.status_code == 422
    for message in (
        "Periksa isian yang ditandai.",
        "SKU wajib diisi",
        "Nama wajib diisi",
        "Tulis harga dalam rupiah bulat",
        "Tulis harga modal dalam rupiah bulat",
        "Pilih kategori pajak yang ada.",
        "Kode toko: huruf besar, angka",
        "Barcode hanya huruf, angka",
    ):
        assert message in r.text, message
    assert r.text.count('aria-invalid="true"') == 7
    assert 'value="dua ribu"' in r.text
    client.cookies.set("lang", "en")
    english = client.post("/app/products/new", data=_form(signed_in, sku="x" * 65)).text
    assert "An SKU is required (64 characters at most)." in english
    assert "New product" in english
    assert sorted(_products(database, owner.org_id)) == ["IND-001"]


def test_the_form_needs_the_csrf_token(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    form = _form(signed_in)
    del form["csrf_token"]
    assert client.post("/app/products/new", data=form).status_code == 403
    forged = _form("x" * 40)
    assert client.post("/app/products/new", data=forged).status_code == 403
    assert sorted(_products(database, owner.org_id)) == ["IND-001"]


def test_another_organizations_sku_is_no_clash(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database, clock: FakeClock
) -> None:
    stranger = make_owner(database, clock, name="Toko Lain")
    with database.write() as session:
        catalog.create_product(
            session, stranger.org_id, ProductIn(sku="KOP-250", name="Rahasia", price=9), NOW
        )
        session.commit()
    r = client.post("/app/products/new", data=_form(signed_in), follow_redirects=False)
    assert r.status_code == 303, r.text
    assert "Rahasia" not in client.get("/app/products", params={"q": "KOP-250"}).text
    assert _products(database, stranger.org_id)["KOP-250"].name == "Rahasia"


def test_signed_out_goes_to_sign_in(client: TestClient) -> None:
    r = client.get("/app/products/new", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/app/signin")
