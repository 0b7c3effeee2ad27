from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.demo_catalog import demo_products, synthetic_products
from pos_desktop.localdb.catalog import SqlCatalog
from pos_desktop.localdb.seed import DEMO_STORE, bulk_load_products, seed_demo
from pos_desktop.localdb.settings import SqlStoreSettings
from pos_desktop.localdb.staff import SqlStaffDirectory
from tests.localdb.conftest import assert_search_index_matches, cheap_hasher

TABLES = ("tax_categories", "products", "product_barcodes", "users", "store_settings")
BANNED = "tidak dapat dikembalikan"


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {
            table: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
            for table in TABLES
        }


@pytest.fixture
def seeded(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    seed_demo(factory)
    return factory


def test_seed_is_idempotent(engine: Engine, seeded: sessionmaker[Session]) -> None:
    first = snapshot(engine)
    seed_demo(seeded)
    assert snapshot(engine) == first
    assert len(first["products"]) == len(demo_products()) >= 500
    assert first["users"] == []  # staff come from the cloud, the demo's too


def test_seed_keeps_what_the_shop_changed(engine: Engine, seeded: sessionmaker[Session]) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE store_settings SET name = 'Toko Baru'"))
    seed_demo(seeded)
    assert SqlStoreSettings(seeded).store_profile().name == "Toko Baru"


def test_demo_store_profile(seeded: sessionmaker[Session]) -> None:
    profile = SqlStoreSettings(seeded).store_profile()
    assert profile == DEMO_STORE
    assert (profile.store_code, profile.till_code, profile.name) == ("S01", "T01", "Toko Maju Jaya")
    assert not profile.tax.ppn_enabled
    assert profile.tax.prices_include_tax
    assert profile.rounding_step == 100
    assert profile.npwp == "01.234.567.8-901.000"
    assert profile.footer_lines
    assert all(BANNED not in line.lower() for line in profile.footer_lines)


def test_the_till_seeds_no_staff(seeded: sessionmaker[Session]) -> None:
    """Staff come from the cloud's feed; a seeded till has no one to log in until it pulls."""
    assert SqlStaffDirectory(seeded, cheap_hasher()).active_staff() == []
    assert seed_demo(seeded) == 0  # nothing new the second time


def test_demo_products_are_found_by_barcode_in_store_code_and_name(
    seeded: sessionmaker[Session],
) -> None:
    catalog = SqlCatalog(seeded)
    demo = demo_products()
    packaged = next(p for p in demo if p.barcode)
    weighed = next(p for p in demo if p.in_store_code)
    found = catalog.product_by_code(packaged.barcode)
    assert found is not None
    assert (found.sku, found.name, found.unit_price) == (
        packaged.sku,
        packaged.name,
        packaged.price,
    )
    assert found.tax_category.code == packaged.tax_code
    by_scale = catalog.product_by_code(weighed.in_store_code)
    assert by_scale is not None
    assert by_scale.sold_by_weight
    assert packaged.name in [p.name for p in catalog.search(packaged.name)]


def test_bulk_load(engine: Engine, factory: sessionmaker[Session]) -> None:
    products = list(synthetic_products(3_000, seed=7))
    assert bulk_load_products(engine, products, batch=700) == 3_000
    assert bulk_load_products(engine, products, batch=700) == 0  # already there
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM products")).scalar() == 3_000
        barcodes = conn.execute(text("SELECT count(*) FROM product_barcodes")).scalar()
        assert barcodes == sum(1 for p in products if p.barcode)
    catalog = SqlCatalog(factory)
    sample = products[1234]
    found = catalog.product_by_code(sample.barcode or sample.sku)
    assert found is not None
    assert found.sku == sample.sku
    word = max(sample.name.split(), key=len)
    assert catalog.search(word)
    words = {w for p in products[:50] for w in p.name.split() if len(w) >= 3}
    assert_search_index_matches(engine, sorted(words))
