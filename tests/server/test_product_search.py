"""The back office's product data: search by name, SKU or barcode in keyset pages, the owner's
cost price (never in the till's feed), the import preview that writes nothing, and the CSV export
that imports back unchanged. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from pos_desktop.domain.sync_messages import CloudProduct
from pos_desktop.sync.wire import catalog_page
from server_stub import catalog
from server_stub.catalog.product_export import export_page
from server_stub.core.db import Database
from server_stub.models import ProductRow
from server_stub.schemas import ProductIn
from tests.server.factories import FakeClock, Tenant, make_tenant

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def _add(database: Database, org_id: str, products: list[ProductIn]) -> None:
    with database.write() as session:
        report = catalog.upsert_products(session, org_id, products, NOW)
        assert not report.errors, report.errors
        session.commit()


def _catalog(database: Database, org_id: str) -> list[ProductIn]:
    products = [
        ProductIn(sku="IND-001", name="Indomie Goreng", price=3500, barcodes=["089686010947"]),
        ProductIn(sku="IND-002", name="Indomie Soto", price=3400),
        ProductIn(sku="AQU-600", name="Aqua 600 ml", price=4000, barcodes=["8886008101053"]),
        ProductIn(sku="GUL-1", name="Gula pasir 1 kg", price=17000),
        ProductIn(sku="KOP-50%", name="Kopi 50% diskon", price=1000),
        ProductIn(sku="PKT-1", name="Paket 089686010947 hemat", price=9000),
    ]
    products += [ProductIn(sku=f"MIE-{n:03}", name=f"Mie telur {n:03}", price=n) for n in range(30)]
    _add(database, org_id, products)
    return products


def _names(page: catalog.SearchPage) -> list[str]:
    return [p.name for p in page.items]


def test_search_by_name_sku_and_barcode(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    _catalog(database, tenant.org_id)
    other = make_tenant(client, database, clock, tills=())
    _add(database, other.org_id, [ProductIn(sku="IND-001", name="Indomie Rahasia", price=1)])
    with database.read() as session:
        org = tenant.org_id
        assert _names(catalog.search_products(session, org, "goreng")) == ["Indomie Goreng"]
        assert _names(catalog.search_products(session, org, "INDOMIE")) == [
            "Indomie Goreng",
            "Indomie Soto",
        ]
        page = catalog.search_products(session, org, "089686010947")
        assert _names(page) == ["Indomie Goreng"] and page.items[0].exact
        page = catalog.search_products(session, org, "ind-002")
        assert _names(page) == ["Indomie Soto"] and page.items[0].exact
        assert _names(catalog.search_products(session, org, "aqu")) == ["Aqua 600 ml"]
        assert _names(catalog.search_products(session, org, "50%")) == ["Kopi 50% diskon"]
        assert _names(catalog.search_products(session, org, "0%")) == ["Kopi 50% diskon"]
        assert catalog.search_products(session, org, "rahasia").items == []
        # A scanned barcode finds its product, not a name that happens to hold the digits.
        assert _names(catalog.search_products(session, org, "08968601094")) == [
            "Paket 089686010947 hemat"
        ]
        found = catalog.search_products(session, org, "  mie   telur ")
        assert len(found.items) == 30


def test_keyset_pages_cover_every_product_once(tenant: Tenant, database: Database) -> None:
    products = _catalog(database, tenant.org_id)
    seen: list[str] = []
    cursor = None
    with database.read() as session:
        for _ in range(20):
            page = catalog.search_products(session, tenant.org_id, "", cursor=cursor, limit=7)
            seen += [p.sku for p in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
    assert sorted(seen) == sorted(p.sku for p in products)
    assert len(seen) == len(set(seen))
    with database.read() as session:
        names = list(
            session.execute(
                select(func.lower(ProductRow.name))
                .where(ProductRow.org_id == tenant.org_id)
                .order_by(func.lower(ProductRow.name), ProductRow.product_id)
            ).scalars()
        )
    by_sku = {p.sku: p.name.lower() for p in products}
    assert [by_sku[s] for s in seen] == names


def test_cost_price_is_the_owners_and_never_the_tills(client: TestClient, tenant: Tenant) -> None:
    body = {"sku": "KOP-1", "name": "Kopi", "price": 5000, "cost_price": 3100}
    r = client.post("/v1/products", json=body, headers=tenant.owner)
    assert r.status_code == 201, r.text
    product = r.json()
    assert product["cost_price"] == 3100
    first = client.get("/v1/sync/catalog", headers=tenant.device())
    assert first.status_code == 200
    assert "cost_price" not in first.text and "3100" not in first.text
    r = client.patch(
        f"/v1/products/{product['id']}",
        json={"price": 5500, "cost_price": 3300},
        headers=tenant.owner,
    )
    assert r.status_code == 200, r.text
    assert r.json()["seq"] > product["seq"] and r.json()["cost_price"] == 3300
    cursor = first.json()["next_cursor"]
    # Products only after the cursor: on PostgreSQL this page is the database's own JSON.
    after = client.get(f"/v1/sync/catalog?cursor={cursor}", headers=tenant.device())
    assert after.status_code == 200
    assert "cost_price" not in after.text and "3300" not in after.text
    till = catalog_page(json.loads(after.text))
    assert [(p.sku, p.price) for p in till.products] == [("KOP-1", 5500)]
    assert not any("cost" in name for name in CloudProduct.__dataclass_fields__)
    r = client.patch(
        f"/v1/products/{product['id']}", json={"cost_price": None}, headers=tenant.owner
    )
    assert r.json()["cost_price"] is None
    assert (
        client.get(f"/v1/products/{product['id']}", headers=tenant.owner).json()["cost_price"]
        is None
    )
    listed = client.get("/v1/products", headers=tenant.owner).json()["items"]
    assert "cost_price" not in listed[0]  # the list is the till's shape


HEADER = "sku,name,price,tax_code,barcodes,cost_price"


def test_import_preview_writes_nothing_and_names_bad_rows(
    tenant: Tenant, database: Database
) -> None:
    _add(database, tenant.org_id, [ProductIn(sku="OLD-1", name="Lama", price=100, cost_price=60)])
    text = "\n".join(
        [
            HEADER,
            "NEW-1,Baru,1.500,EXEMPT,111,900",
            "OLD-1,Lama,200,EXEMPT,,60",
            "BAD-1,Salah,seribu,EXEMPT,,",
            "BAD-2,Pajak,100,NOPE,,",
        ]
    )
    with database.write() as session:
        before = catalog.current_seq(session, tenant.org_id)
        report = catalog.import_products(session, tenant.org_id, text, NOW, dry_run=True)
        session.commit()
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert [(e["row"], e["error"]) for e in report.errors] == [
        (4, "price: expected whole rupiah, got 'seribu'"),
        (5, "no tax category NOPE"),
    ]
    with database.read() as session:
        assert catalog.current_seq(session, tenant.org_id) == before
        skus = session.execute(
            select(ProductRow.sku).where(ProductRow.org_id == tenant.org_id)
        ).scalars()
        assert list(skus) == ["OLD-1"]
    fixed = "\n".join([HEADER, "NEW-1,Baru,1.500,EXEMPT,111,900", "OLD-1,Lama,200,EXEMPT,,60"])
    with database.write() as session:
        report = catalog.import_products(session, tenant.org_id, fixed, NOW)
        assert not report.errors
        session.commit()
    with database.read() as session:
        rows = session.execute(
            select(ProductRow.sku, ProductRow.price, ProductRow.cost_price)
            .where(ProductRow.org_id == tenant.org_id)
            .order_by(ProductRow.sku)
        ).all()
    assert [tuple(r) for r in rows] == [("NEW-1", 1500, 900), ("OLD-1", 200, 60)]


def test_a_file_without_cost_prices_keeps_them(tenant: Tenant, database: Database) -> None:
    _add(database, tenant.org_id, [ProductIn(sku="OLD-1", name="Lama", price=100, cost_price=60)])
    with database.write() as session:
        report = catalog.import_products(
            session, tenant.org_id, "sku,name,price\nOLD-1,Lama,150", NOW
        )
        assert report.updated == 1 and not report.errors
        session.commit()
    with database.read() as session:
        row = session.execute(
            select(ProductRow).where(ProductRow.org_id == tenant.org_id)
        ).scalar_one()
        assert (row.price, row.cost_price) == (150, 60)


def test_export_imports_back_unchanged(tenant: Tenant, database: Database) -> None:
    products = _catalog(database, tenant.org_id)
    _add(
        database,
        tenant.org_id,
        [
            ProductIn(
                sku="DAG-1",
                name='Daging "sapi", segar',
                price=139900,
                cost_price=120000,
                sold_by_weight=True,
                unit="kg",
                in_store_code="201",
                barcodes=["2001", "2002"],
                active=False,
            )
        ],
    )
    chunks = list(catalog.export_csv(database.read, tenant.org_id))
    text = b"".join(chunks).decode("utf-8")
    assert text.startswith("\ufeffid,sku,name,")
    assert text.count("\r\n") == len(products) + 2
    with database.write() as session:
        report = catalog.import_products(session, tenant.org_id, text, NOW, dry_run=True)
    assert not report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, len(products) + 1)


def test_export_pages_through_a_catalog(tenant: Tenant, database: Database) -> None:
    products = _catalog(database, tenant.org_id)
    with database.read() as session:
        first, after = export_page(session, tenant.org_id, None, limit=10)
        assert first.count("\r\n") == 10 and after is not None
    lines = b"".join(catalog.export_csv(database.read, tenant.org_id)).decode().splitlines()
    assert len(lines) == len(products) + 1


def test_uploads_are_kept_per_organization(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    other = make_tenant(client, database, clock, tills=())
    with database.write() as session:
        digest = catalog.keep_upload(session, tenant.org_id, "a.csv", "sku,name,price\n", NOW)
        session.commit()
    with database.read() as session:
        upload = catalog.read_upload(session, tenant.org_id, digest)
        assert upload is not None and upload.content == "sku,name,price\n"
        assert catalog.read_upload(session, other.org_id, digest) is None
        assert catalog.read_upload(session, tenant.org_id, "../" + digest[3:]) is None
    with database.write() as session:
        catalog.drop_upload(session, tenant.org_id, digest)
        session.commit()
    with database.read() as session:
        assert catalog.read_upload(session, tenant.org_id, digest) is None
