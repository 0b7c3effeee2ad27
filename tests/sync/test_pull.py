"""Pull: the catalog, prices, tax categories and stock follow the cloud through its cursor."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime

from sqlalchemy import text

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.sync_messages import CatalogPage, CloudProduct
from pos_desktop.localdb import journal
from pos_desktop.localdb.catalog_sync import apply_catalog_page, stock_level
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.paths import AppPaths
from pos_desktop.services.checkout import SaleSession
from server_stub import stock, tenancy
from server_stub.schemas import ProductIn
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.helpers import paired_till
from tests.sync.till import MemoryStore, pair, till_catalog


def _lookup_price(t, barcode: str) -> int:
    return int(t.till.context.till.lookup(barcode).product.unit_price)


def test_a_new_till_pulls_the_whole_catalog_and_drops_what_the_cloud_lacks(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    before = till_catalog(till_home.database)
    assert before and set(before).isdisjoint(tenant.catalog_snapshot()), "demo ids differ"
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets) as t:
        report = t.engine.pull_catalog()
        assert report.products == len(tenant.catalog_snapshot())
        assert till_catalog(till_home.database) == tenant.catalog_snapshot()
        # Nothing more to pull: an empty page, same cursor.
        assert t.engine.pull_catalog().products == 0


def test_price_changes_reach_the_till_but_never_a_line_already_in_the_cart(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets) as t:
        t.engine.pull_catalog()
        ctx = t.till.context
        product = next(p for p in ctx.till.search("indomie", 20) if p.barcode)
        session = SaleSession(ctx.profile)
        first = session.add(ctx.till.lookup(product.barcode))
        old_price = first.unit_price
        totals_before = session.totals().lines[0]
        tenant.patch_product(product.product_id, price=old_price + 1500, name="Indomie Baru")
        assert t.engine.pull_catalog().products == 1
        assert _lookup_price(t, product.barcode) == old_price + 1500
        # The line in the cart is a snapshot: same price, same name, same totals.
        line = session.cart.line(first.line_id)
        assert (line.unit_price, line.product.name) == (old_price, product.name)
        assert session.totals().lines[0] == totals_before
        # Scanning again adds a line at the new price beside it.
        second = session.add(ctx.till.lookup(product.barcode))
        assert second.line_id != first.line_id and second.unit_price == old_price + 1500
        assert [ln.unit_price for ln in session.cart.lines] == [old_price, old_price + 1500]
    # The price change the till received is in its audit journal, old and new.
    with read_session(t.engine.sessions) as db:
        changes = [e for e in journal.entries(db) if e.kind == "price_change"]
    assert len(changes) == 1
    assert json.loads(changes[0].data)["changes"] == [
        [product.product_id, product.sku, old_price, old_price + 1500]
    ]


def test_deletions_moves_and_swaps_apply_in_one_consistent_step(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    tenant.add_products(
        [
            ProductIn(id="A", sku="SKU-A", name="Produk A", price=1000, barcodes=["2900000000018"]),
            ProductIn(id="B", sku="SKU-B", name="Produk B", price=2000, barcodes=["2900000000025"]),
            ProductIn(id="C", sku="SKU-C", name="Produk C", price=3000),
        ]
    )
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets) as t:
        t.engine.pull_catalog()
        # SKUs swapped (through a temporary value), a barcode moved from A to C, B deleted.
        tenant.patch_product("A", sku="TMP")
        tenant.patch_product("B", sku="SKU-A")
        tenant.patch_product("A", sku="SKU-B")
        tenant.patch_product("A", barcodes=[])
        tenant.patch_product("C", barcodes=["2900000000018"])
        tenant.delete_product("B")
        tenant.add_products([ProductIn(id="D", sku="SKU-A", name="Produk D", price=4000)])
        t.engine.pull_catalog()
        assert till_catalog(till_home.database) == tenant.catalog_snapshot()
        ctx = t.till.context
        assert ctx.till.lookup("2900000000018").product.product_id == "C"
        assert ctx.till.lookup("SKU-B").product.product_id == "A"
        assert ctx.till.lookup("SKU-A").product.product_id == "D"
        assert not ctx.till.search("Produk B", 5)
        # Deactivated products are not for sale.
        tenant.patch_product("C", active=False)
        t.engine.pull_catalog()
        try:
            ctx.till.lookup("2900000000018")
        except UserError as exc:
            assert exc.code == "product.not_found"
        else:
            raise AssertionError("an inactive product was found")


def test_tax_categories_follow_the_cloud(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    from server_stub import catalog

    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets) as t:
        t.engine.pull_catalog()
        with tenant.db.write() as session:
            catalog.put_tax_category(
                session,
                tenant.org_id,
                "PB1",
                name="Pajak restoran",
                kind="added_on_top",
                rate_bp=1000,
                base_numerator=1,
                base_denominator=1,
                now=datetime.now(UTC),
            )
            session.commit()
        tenant.add_products(
            [ProductIn(id="R1", sku="NASI", name="Nasi goreng", price=20000, tax_code="PB1")]
        )
        t.engine.pull_catalog()
        product = t.till.context.till.lookup("NASI").product
        assert product.tax_category.code == "PB1" and product.tax_category.rate_bp == 1000
        tenant.delete_product("R1")
        with tenant.db.write() as session:
            catalog.delete_tax_category(session, tenant.org_id, "PB1", datetime.now(UTC))
            session.commit()
        t.engine.pull_catalog()
    conn = sqlite3.connect(till_home.database)
    try:
        codes = {r[0] for r in conn.execute("SELECT code FROM tax_categories")}
    finally:
        conn.close()
    assert "PB1" not in codes


def test_stock_levels_and_store_rules_come_from_the_cloud(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with tenant.db.write() as session:
        store = tenancy.require_store(session, tenant.org_id, "S01")
        stock.add_movement(
            session,
            store,
            product_id="IDM-GRG",
            qty_milli=24_000,
            reason="receive",
            ref="",
            now=datetime.now(UTC),
        )
        store.rounding_step = 500
        store.ppn_enabled = True
        session.commit()
    with paired_till(till_home, secrets) as t:
        assert t.engine.pull_stock() >= 1
        t.engine.refresh_profile()
        with read_session(t.till.store.session_factory) as session:
            assert stock_level(session, "IDM-GRG") == 24_000
        profile = t.till.store.settings.store_profile()
        assert profile.rounding_step == 500 and profile.tax.ppn_enabled
        assert (profile.store_code, profile.till_code) == ("S01", "T01")


def test_a_page_is_applied_with_its_cursor_or_not_at_all(
    till_home: AppPaths,
) -> None:
    from pos_desktop.localdb.store import open_local_store

    store = open_local_store(till_home.database)
    bad = CloudProduct(
        id="X",
        sku="X",
        name="X",
        category="",
        price=-5,
        tax_code="EXEMPT",
        barcodes=(),
        sold_by_weight=False,
        unit="pcs",
        in_store_code=None,
        active=True,
        seq=9,
    )
    page = CatalogPage([bad], [], [], next_cursor="9", has_more=False)
    try:
        try:
            with write_session(store.session_factory) as session:
                apply_catalog_page(session, page, sent_cursor=None, now=datetime.now(UTC))
        except Exception:
            pass
        else:
            raise AssertionError("a negative price was stored")
        with read_session(store.session_factory) as session:
            cursor = session.execute(text("SELECT catalog_cursor FROM sync_state")).scalar()
            count = session.execute(text("SELECT count(*) FROM products")).scalar()
        assert cursor is None
        assert count > 500, "the failed page changed the catalog"
    finally:
        store.close()


def test_random_catalog_changes_converge(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    rng = random.Random(9)
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    ids = sorted(tenant.catalog_snapshot())
    with paired_till(till_home, secrets) as t:
        t.engine.config = t.engine.config.__class__(catalog_page_size=7, full_pull_page_size=50)
        t.engine.pull_catalog()
        for round_no in range(5):
            for _ in range(15):
                pid = rng.choice(ids)
                if pid not in tenant.catalog_snapshot():
                    continue
                action = rng.random()
                if action < 0.6:
                    tenant.patch_product(pid, price=rng.randint(100, 90000))
                elif action < 0.8:
                    tenant.patch_product(pid, name=f"Nama baru {round_no} {rng.random():.6f}")
                else:
                    tenant.delete_product(pid)
            t.engine.pull_catalog()
            assert till_catalog(till_home.database) == tenant.catalog_snapshot()
