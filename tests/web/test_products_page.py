"""Produk page: live search by name, SKU or barcode; the edit form saves through the catalog's use
case (the next sequence number, the new price in the tills' feed, never the cost); the CSV import
previews the rejected rows before anything is written; the export imports back unchanged; other
organizations' products are 404; names are escaped; every change needs the CSRF token."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from server_stub import catalog
from server_stub.core.db import Database
from server_stub.models import ProductRow
from server_stub.schemas import ProductIn
from tests.server.factories import FakeClock
from tests.web.webtools import WebOwner, csrf_of, make_owner, sign_in_owner

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
SCRIPT = "<script>alert(1)</script>"


def _add(database: Database, org_id: str, *products: ProductIn) -> None:
    with database.write() as session:
        report = catalog.upsert_products(session, org_id, list(products), NOW)
        assert not report.errors, report.errors
        session.commit()


def _row(database: Database, org_id: str, sku: str) -> ProductRow:
    with database.read() as session:
        row = session.execute(
            select(ProductRow).where(ProductRow.org_id == org_id, ProductRow.sku == sku)
        ).scalar_one()
        session.expunge(row)
        return row


def _count(database: Database, org_id: str) -> int:
    with database.read() as session:
        return int(
            session.execute(
                select(func.count()).select_from(ProductRow).where(ProductRow.org_id == org_id)
            ).scalar_one()
        )


@pytest.fixture
def signed_in(client: TestClient, owner: WebOwner, clock: FakeClock, database: Database) -> str:
    _add(
        database,
        owner.org_id,
        ProductIn(sku="IND-001", name="Indomie Goreng", price=3500, barcodes=["089686010947"]),
        ProductIn(sku="AQU-600", name="Aqua 600 ml", price=4000, cost_price=2500),
        ProductIn(sku="XSS-1", name=SCRIPT, price=1),
    )
    return sign_in_owner(client, owner, clock)


def test_signed_out_goes_to_sign_in(client: TestClient) -> None:
    r = client.get("/app/products", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/app/signin")


def test_search_by_name_sku_and_barcode(client: TestClient, signed_in: str) -> None:
    page = client.get("/app/products")
    assert page.status_code == 200
    assert "Indomie Goreng" in page.text and "Aqua 600 ml" in page.text
    assert 'hx-get="/app/products"' in page.text
    live = client.get(
        "/app/products",
        params={"q": "goreng"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    assert live.status_code == 200
    assert "<html" not in live.text and "Indomie Goreng" in live.text
    assert "Aqua" not in live.text
    assert "Aqua 600 ml" in client.get("/app/products", params={"q": "aqu-6"}).text
    by_barcode = client.get("/app/products", params={"q": "089686010947"}).text
    assert "Indomie Goreng" in by_barcode and "Aqua" not in by_barcode
    assert "Rp2.500" in client.get("/app/products", params={"q": "aqua"}).text
    nothing = client.get("/app/products", params={"q": "tidak ada"}).text
    assert "Tidak ada produk yang cocok." in nothing


def test_a_script_name_shows_as_text(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    listed = client.get("/app/products").text
    assert SCRIPT not in listed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listed
    row = _row(database, owner.org_id, "XSS-1")
    edit = client.get(f"/app/products/{row.product_id}").text
    assert SCRIPT not in edit and "&lt;script&gt;" in edit


def _form(row: ProductRow, **changes: str) -> dict[str, str]:
    form = {
        "name": row.name,
        "category": row.category,
        "price": str(row.price),
        "cost_price": "" if row.cost_price is None else str(row.cost_price),
        "tax_code": row.tax_code,
        "barcodes": "",
        "in_store_code": row.in_store_code or "",
        "active": "1" if row.active else "",
    }
    form.update(changes)
    return form


def test_an_edit_reaches_the_tills_without_the_cost(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    row = _row(database, owner.org_id, "IND-001")
    store_id = owner.store_ids["S01"]
    with database.read() as session:
        cursor = str(catalog.current_seq(session, owner.org_id))
    page = client.get(f"/app/products/{row.product_id}")
    assert page.status_code == 200 and "089686010947" in page.text
    form = _form(
        row,
        price="Rp 3.900",
        cost_price="2.750",
        barcodes="089686010947\n089686010954",
        in_store_code="IND1",
        category="Mi instan",
        csrf_token=csrf_of(page.text),
    )
    r = client.post(f"/app/products/{row.product_id}", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    assert "products.saved" in r.headers["location"]
    saved = _row(database, owner.org_id, "IND-001")
    assert (saved.price, saved.cost_price, saved.in_store_code) == (3900, 2750, "IND1")
    assert saved.seq > row.seq
    with database.read() as session:
        assert catalog.current_seq(session, owner.org_id) == saved.seq
        feed = catalog.feed_page_json(session, owner.org_id, cursor, 100, store_id=store_id)
    text = feed.decode("utf-8")
    assert "cost_price" not in text and "2750" not in text
    products = json.loads(text)["products"]
    assert [(p["sku"], p["price"], p["barcodes"]) for p in products] == [
        ("IND-001", 3900, ["089686010947", "089686010954"])
    ]
    listed = client.get("/app/products", params={"q": "IND-001"}).text
    assert "Rp3.900" in listed and "Rp2.750" in listed


def test_a_bad_edit_is_refused_with_its_reasons(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    row = _row(database, owner.org_id, "AQU-600")
    other = _row(database, owner.org_id, "IND-001")
    token = signed_in
    r = client.post(
        f"/app/products/{row.product_id}",
        data=_form(row, price="dua ribu", cost_price="-5", name=" ", csrf_token=token),
    )
    assert r.status_code == 422
    assert "Tulis harga dalam rupiah bulat" in r.text
    assert "Tulis harga modal dalam rupiah bulat" in r.text
    assert "Nama wajib diisi" in r.text
    assert 'value="dua ribu"' in r.text
    r = client.post(
        f"/app/products/{row.product_id}",
        data=_form(row, barcodes="089686010947", csrf_token=token),
    )
    assert r.status_code == 422 and "Barcode sudah dipakai produk lain." in r.text
    assert _row(database, owner.org_id, "AQU-600").seq == row.seq
    assert _row(database, owner.org_id, "IND-001").seq == other.seq


def test_csrf_is_required(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    row = _row(database, owner.org_id, "AQU-600")
    r = client.post(f"/app/products/{row.product_id}", data=_form(row, price="1"))
    assert r.status_code == 403
    r = client.post(
        f"/app/products/{row.product_id}", data=_form(row, price="1", csrf_token="x" * 40)
    )
    assert r.status_code == 403
    assert _row(database, owner.org_id, "AQU-600").price == 4000
    files = {"file": ("p.csv", b"sku,name,price\nNEW-1,Baru,100\n", "text/csv")}
    assert client.post("/app/products/import", files=files).status_code == 403
    assert client.post("/app/products/import/confirm", data={"digest": "0" * 64}).status_code == 403
    assert _count(database, owner.org_id) == 3


def test_another_organizations_product_is_404(
    client: TestClient, signed_in: str, database: Database, clock: FakeClock
) -> None:
    stranger = make_owner(database, clock, name="Toko Lain")
    _add(database, stranger.org_id, ProductIn(sku="RHS-1", name="Rahasia", price=9))
    row = _row(database, stranger.org_id, "RHS-1")
    assert client.get(f"/app/products/{row.product_id}").status_code == 404
    r = client.post(
        f"/app/products/{row.product_id}", data=_form(row, price="1", csrf_token=signed_in)
    )
    assert r.status_code == 404
    assert _row(database, stranger.org_id, "RHS-1").price == 9
    assert "Rahasia" not in client.get("/app/products", params={"q": "rahasia"}).text
    assert "RHS-1" not in client.get("/app/products/export.csv").text


def _upload(client: TestClient, token: str, text: str, name: str = "produk.csv") -> Any:
    files = {"file": (name, text.encode("utf-8"), "text/csv")}
    return client.post("/app/products/import", data={"csrf_token": token}, files=files)


HEAD = "sku,name,price,tax_code\nNEW-1,Kopi,5.000,EXEMPT\n"
BAD = HEAD + "NEW-2,Teh,lima ribu,EXEMPT\nNEW-3,Susu,7000,NOPE\n"
GOOD = HEAD + "NEW-2,Teh,5000,EXEMPT\nNEW-3,Susu,7000,EXEMPT\n"


def test_import_preview_writes_nothing_then_confirm_writes(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    assert client.get("/app/products/import").status_code == 200
    with database.read() as session:
        seq = catalog.current_seq(session, owner.org_id)
    preview = _upload(client, signed_in, BAD)
    assert preview.status_code == 200, preview.text
    assert "Belum ada yang disimpan." in preview.text
    assert "price: harus rupiah bulat, tertulis &#39;lima ribu&#39;" in preview.text
    assert "kategori pajak NOPE tidak ada" in preview.text
    assert '<td data-label="Baris" class="num">3</td>' in preview.text
    assert '<td data-label="Baris" class="num">4</td>' in preview.text
    assert _count(database, owner.org_id) == 3
    with database.read() as session:
        assert catalog.current_seq(session, owner.org_id) == seq
    fixed = _upload(client, signed_in, GOOD)
    assert fixed.status_code == 200 and 'id="count-rejected">0<' in fixed.text
    digest = fixed.text.split('name="digest" value="')[1].split('"')[0]
    done = client.post(
        "/app/products/import/confirm", data={"digest": digest, "csrf_token": signed_in}
    )
    assert done.status_code == 200, done.text
    assert "3 produk baru" in done.text
    assert _count(database, owner.org_id) == 6
    assert _row(database, owner.org_id, "NEW-1").price == 5000
    again = client.post(
        "/app/products/import/confirm", data={"digest": digest, "csrf_token": signed_in}
    )
    assert again.status_code == 404 and "Unggah lagi" in again.text


def test_import_can_skip_the_rejected_rows(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    preview = _upload(client, signed_in, BAD)
    digest = preview.text.split('name="digest" value="')[1].split('"')[0]
    done = client.post(
        "/app/products/import/confirm",
        data={"digest": digest, "skip_rejected": "1", "csrf_token": signed_in},
    )
    assert done.status_code == 200
    assert "1 produk baru" in done.text and "2 dilewati" in done.text
    assert _count(database, owner.org_id) == 4


def test_an_upload_is_confirmed_only_by_its_organization(
    client: TestClient, signed_in: str, database: Database, clock: FakeClock
) -> None:
    stranger = make_owner(database, clock, name="Toko Lain")
    with database.write() as session:
        digest = catalog.keep_upload(session, stranger.org_id, "x.csv", GOOD, NOW)
        session.commit()
    r = client.post(
        "/app/products/import/confirm", data={"digest": digest, "csrf_token": signed_in}
    )
    assert r.status_code == 404
    assert _count(database, stranger.org_id) == 0


def test_export_round_trips(client: TestClient, signed_in: str, owner: WebOwner) -> None:
    r = client.get("/app/products/export.csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    text = r.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(catalog.CSV_COLUMNS)
    assert "Aqua 600 ml" in text and ",2500" in text
    preview = _upload(client, signed_in, text)
    assert 'id="count-unchanged">3<' in preview.text
    assert 'id="count-rejected">0<' in preview.text
    assert 'id="count-new">0<' in preview.text and 'id="count-changed">0<' in preview.text


def test_a_file_that_is_not_text_is_refused(client: TestClient, signed_in: str) -> None:
    files = {"file": ("x.csv", b"\x00\x01binary", "text/csv")}
    r = client.post("/app/products/import", data={"csrf_token": signed_in}, files=files)
    assert r.status_code == 422 and "bukan teks CSV" in r.text
    r = _upload(client, signed_in, "nama,harga\nx,1\n")
    assert r.status_code == 422 and "Judul kolom kurang: sku, name, price" in r.text


def test_the_reorder_point_is_set_with_a_decimal_comma_and_refused_when_unreadable(
    client: TestClient, signed_in: str, owner: WebOwner, database: Database
) -> None:
    row = _row(database, owner.org_id, "AQU-600")
    url = f"/app/products/{row.product_id}"
    form = _form(row, reorder_point="2,5", csrf_token=signed_in)
    r = client.post(url, data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    assert _row(database, owner.org_id, "AQU-600").reorder_point_milli == 2500
    assert 'value="2,5"' in client.get(url).text
    r = client.post(url, data=_form(row, reorder_point="sedikit", csrf_token=signed_in))
    assert r.status_code == 422 and "Tulis jumlah stok" in r.text
    assert _row(database, owner.org_id, "AQU-600").reorder_point_milli == 2500
    r = client.post(url, data=_form(row, reorder_point="", csrf_token=signed_in))
    assert r.status_code == 200, r.text
    assert _row(database, owner.org_id, "AQU-600").reorder_point_milli is None
