"""The demo catalog (``domain.demo_catalog``), tested next to its first user, the receipts."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from itertools import islice

import pytest

from pos_desktop.domain.barcode import (
    DEFAULT_RULES,
    gtin_check_digit,
    is_valid_gtin,
    parse_in_store,
)
from pos_desktop.domain.cart import Cart
from pos_desktop.domain.demo_catalog import DemoProduct, demo_products, synthetic_products
from pos_desktop.domain.tax import DEFAULT_CATEGORIES

CATEGORIES = {
    "Makanan",
    "Minuman",
    "Sembako",
    "Perawatan Diri",
    "Kebersihan Rumah",
    "Bayi",
    "ATK",
    "Obat & Kesehatan",
    "Segar",
}
TAX_CODES = {c.code for c in DEFAULT_CATEGORIES}


@pytest.fixture(scope="module")
def catalog() -> list[DemoProduct]:
    return demo_products()


def test_catalog_size_and_categories(catalog: list[DemoProduct]) -> None:
    packaged = [p for p in catalog if not p.sold_by_weight]
    assert len(packaged) >= 500
    assert len(catalog) >= 520
    assert {p.category for p in catalog} == CATEGORIES


def test_barcodes_are_valid_unique_indonesian_ean13(catalog: list[DemoProduct]) -> None:
    barcodes = [p.barcode for p in catalog if not p.sold_by_weight]
    assert all(len(b) == 13 and b.startswith("899") and is_valid_gtin(b) for b in barcodes)
    assert len(set(barcodes)) == len(barcodes)


def test_skus_and_names_are_unique(catalog: list[DemoProduct]) -> None:
    assert len({p.sku for p in catalog}) == len(catalog)
    assert len({p.name for p in catalog}) == len(catalog)


def test_prices_are_round_rupiah(catalog: list[DemoProduct]) -> None:
    assert all(p.price > 0 and p.price % 100 == 0 for p in catalog)


def test_tax_codes_follow_the_goods(catalog: list[DemoProduct]) -> None:
    codes = Counter(p.tax_code for p in catalog)
    assert set(codes) <= TAX_CODES
    assert codes["PPN"] > len(catalog) // 2
    assert 3 <= codes["PPNBM"] <= 4
    by_name = {p.name: p for p in catalog}
    staples = [n for n in by_name if n.split()[0] in {"Beras", "Telur", "Gula", "Sayur"}]
    assert len(staples) >= 15
    assert all(by_name[n].tax_code == "EXEMPT" for n in staples)
    assert all(p.tax_code == "EXEMPT" for p in catalog if p.sold_by_weight)
    luxury = [p for p in catalog if p.tax_code == "PPNBM"]
    assert all(p.name.startswith("Parfum") for p in luxury)


def test_weighed_goods_have_scale_item_codes(catalog: list[DemoProduct]) -> None:
    weighed = [p for p in catalog if p.sold_by_weight]
    assert len(weighed) >= 15
    assert all(p.unit == "kg" and p.barcode == "" for p in weighed)
    assert all(re.fullmatch(r"20\d{5}", p.in_store_code) for p in weighed)
    assert len({p.in_store_code for p in weighed}) == len(weighed)
    assert all(p.in_store_code == "" for p in catalog if not p.sold_by_weight)

    # A scale label for the first one reads back as that item and weight.
    item = weighed[0]
    body = f"{item.in_store_code}01255"
    label = parse_in_store(body + str(gtin_check_digit(body)), DEFAULT_RULES)
    assert label is not None
    assert (label.item_code, label.weight) == (item.in_store_code, Decimal("1.255"))


def test_catalog_is_deterministic(catalog: list[DemoProduct]) -> None:
    assert demo_products() == catalog


def test_demo_products_go_into_a_cart(catalog: list[DemoProduct]) -> None:
    cart = Cart()
    weighed = next(p for p in catalog if p.sold_by_weight)
    packaged = next(p for p in catalog if not p.sold_by_weight)
    cart.add(packaged.to_product(), Decimal(2))
    line = cart.add(weighed.to_product(), Decimal("0.750"))
    assert cart.lines[0].gross == 2 * packaged.price
    assert line.product.tax_category.code == weighed.tax_code
    assert line.product.sold_by_weight


def test_synthetic_products_are_unique_and_valid(catalog: list[DemoProduct]) -> None:
    products = list(synthetic_products(20_000))
    assert len(products) == 20_000
    barcodes = [p.barcode for p in products]
    assert len(set(barcodes)) == len(barcodes)
    assert len({p.sku for p in products}) == len(products)
    assert all(b.startswith("899") and is_valid_gtin(b) for b in barcodes)
    assert not set(barcodes) & {p.barcode for p in catalog}
    assert {p.category for p in products} <= CATEGORIES
    assert {p.tax_code for p in products} <= TAX_CODES
    assert all(p.price > 0 and p.price % 100 == 0 for p in products)


def test_synthetic_products_depend_only_on_the_seed() -> None:
    assert list(islice(synthetic_products(500, seed=7), 500)) == list(synthetic_products(500, 7))
    assert list(synthetic_products(50, 1)) != list(synthetic_products(50, 2))
    assert list(synthetic_products(0)) == []


def test_synthetic_count_is_checked() -> None:
    with pytest.raises(ValueError, match="n must be"):
        list(synthetic_products(-1))
