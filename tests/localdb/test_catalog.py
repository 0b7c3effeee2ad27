from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.tax import PPN_STANDARD, TaxKind
from pos_desktop.localdb.catalog import SqlCatalog
from pos_desktop.localdb.seed import product_id_for
from pos_desktop.localdb.transactions import write_session
from tests.localdb.conftest import UPC_A, Spec, assert_search_index_matches, ean13


@pytest.fixture
def reader(factory: sessionmaker[Session], catalog: tuple[Spec, ...]) -> SqlCatalog:
    return SqlCatalog(factory)


def names(products: object) -> list[str]:
    return [p.name for p in products]  # type: ignore[attr-defined]


def test_ean13_lookup_returns_the_domain_product(reader: SqlCatalog) -> None:
    product = reader.product_by_code(ean13("899100000004"))
    assert product is not None
    assert product.product_id == product_id_for("GULA-1KG")
    assert (product.sku, product.name, product.unit_price) == (
        "GULA-1KG",
        "Gulaku Gula Tebu 1 kg",
        17_650,
    )
    assert product.barcode == ean13("899100000004")
    assert product.tax_category == PPN_STANDARD
    assert product.tax_category.kind is TaxKind.PPN_STANDARD


def test_a_scanned_upc_a_finds_the_product_stored_as_ean13(reader: SqlCatalog) -> None:
    product = reader.product_by_code(UPC_A)
    assert product is not None
    assert product.sku == "KLEENEX"
    assert product.barcode == "0" + UPC_A


def test_an_aim_prefix_and_whitespace_are_ignored(reader: SqlCatalog) -> None:
    product = reader.product_by_code(f" ]E0{ean13('899100000001')}\r\n")
    assert product is not None
    assert product.sku == "IDM-GRG"


def test_in_store_code_finds_the_weighed_product(reader: SqlCatalog) -> None:
    product = reader.product_by_code("2010001")
    assert product is not None
    assert product.sku == "BERAS-KG"
    assert product.sold_by_weight
    assert product.unit == "kg"
    assert product.barcode == ""


def test_sku_lookup_ignores_case(reader: SqlCatalog) -> None:
    product = reader.product_by_code("idm-soto")
    assert product is not None
    assert product.name == "Indomie Soto Mie 70 g"


@pytest.mark.parametrize("code", ["8991000000999", "NOPE", "", "   ", "2010002"])
def test_unknown_codes_give_none(reader: SqlCatalog, code: str) -> None:
    assert reader.product_by_code(code) is None


def test_inactive_products_are_not_for_sale(
    reader: SqlCatalog, factory: sessionmaker[Session]
) -> None:
    with write_session(factory) as session:
        session.execute(text("UPDATE products SET active = 0 WHERE sku = 'AQUA-600'"))
    assert reader.product_by_code(ean13("899100000003")) is None
    assert reader.product_by_code("AQUA-600") is None
    assert reader.search("aqua") == []


def test_barcode_wins_over_a_sku_with_the_same_text(
    reader: SqlCatalog, engine: Engine, factory: sessionmaker[Session]
) -> None:
    from pos_desktop.localdb.seed import bulk_load_products

    clash = ean13("899100000005")  # Teh Botol's barcode, used as another product's SKU
    bulk_load_products(engine, [Spec(clash, None, "Barang Lain", 1_000)])
    product = reader.product_by_code(clash)
    assert product is not None
    assert product.sku == "TEH-SOSRO"


def test_search_lists_name_prefixes_first_then_substrings(reader: SqlCatalog) -> None:
    assert names(reader.search("indomie")) == [
        "Indomie Goreng Original 85 g",
        "Indomie Soto Mie 70 g",
    ]
    # One name starts with "mie", two more contain it: those follow, sorted by name.
    assert names(reader.search("MIE")) == [
        "Mie Sedaap Goreng 90 g",
        "Indomie Goreng Original 85 g",
        "Indomie Soto Mie 70 g",
    ]
    assert names(reader.search("mineral")) == ["Aqua Air Mineral 600 ml"]


def test_search_with_one_or_two_characters_uses_prefixes(reader: SqlCatalog) -> None:
    assert names(reader.search("i")) == [
        "Indomie Goreng Original 85 g",
        "Indomie Soto Mie 70 g",
    ]
    assert names(reader.search("m")) == ["Mie Sedaap Goreng 90 g"]
    assert names(reader.search("te")) == ["Teh Botol Sosro 450 ml"]
    # Two letters inside a name are not searched (no trigram index for them).
    assert reader.search("ot") == []


def test_search_matches_every_word_in_any_order(reader: SqlCatalog) -> None:
    assert names(reader.search("soto indomie")) == ["Indomie Soto Mie 70 g"]
    assert names(reader.search("  gula   tebu ")) == ["Gulaku Gula Tebu 1 kg"]
    assert names(reader.search("teh ml")) == ["Teh Botol Sosro 450 ml"]
    assert reader.search("indomie kopi") == []


def test_search_finds_codes(reader: SqlCatalog) -> None:
    assert names(reader.search("aqua-6")) == ["Aqua Air Mineral 600 ml"]
    assert names(reader.search(ean13("899100000004"))) == ["Gulaku Gula Tebu 1 kg"]
    # A barcode prefix lists by barcode.
    assert names(reader.search("89910000000")) == [
        "Indomie Goreng Original 85 g",
        "Indomie Soto Mie 70 g",
        "Aqua Air Mineral 600 ml",
        "Gulaku Gula Tebu 1 kg",
        "Teh Botol Sosro 450 ml",
        SAMPO,
        "Mie Sedaap Goreng 90 g",
    ]
    assert names(reader.search(UPC_A)) == ["Kleenex Tissue Imported"]


SAMPO = 'Sampo 100% Alami [50%] "Segar"'


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"segar"', [SAMPO]),
        ("[50%]", [SAMPO]),
        ("100%", [SAMPO]),
        ("sampo_5", [SAMPO]),  # the SKU, underscore and all
        ("100_", []),  # ``_`` is no LIKE wildcard here
        ("%", []),
        ("1%", []),
        ('"', []),
        ("AND", ["Beras Pandan Wangi"]),  # text, not an FTS operator
        ("goreng NOT", []),
        ("goreng OR soto", []),
        ("gor*", []),
        ("(", []),
    ],
)
def test_search_takes_punctuation_and_operators_literally(
    reader: SqlCatalog, query: str, expected: list[str]
) -> None:
    assert names(reader.search(query)) == expected


def test_search_limit_and_empty_text(reader: SqlCatalog) -> None:
    assert len(reader.search("i", limit=1)) == 1
    assert reader.search("i", limit=0) == []
    assert reader.search("") == []
    assert reader.search("   ") == []


def test_search_index_follows_renames_and_deletes(
    reader: SqlCatalog, factory: sessionmaker[Session], engine: Engine
) -> None:
    with write_session(factory) as session:
        session.execute(
            text("UPDATE products SET name = 'Air Mineral Le Minerale' WHERE sku = 'AQUA-600'")
        )
        session.execute(text("DELETE FROM products WHERE sku = 'TEH-SOSRO'"))
    assert reader.search("aqua air") == []
    assert names(reader.search("le minerale")) == ["Air Mineral Le Minerale"]
    assert reader.search("sosro") == []
    assert reader.product_by_code(ean13("899100000005")) is None  # its barcode went too
    assert_search_index_matches(engine, ["aqua", "minerale", "sosro", "botol", "indomie"])


def test_search_index_follows_a_replace(
    reader: SqlCatalog, factory: sessionmaker[Session], engine: Engine
) -> None:
    """REPLACE deletes the old row without delete triggers unless recursive_triggers is on."""
    with write_session(factory) as session:
        session.execute(
            text(
                "INSERT OR REPLACE INTO products (id, sku, name, category, price, tax_code,"
                " sold_by_weight, unit, in_store_code, active)"
                " SELECT id, sku, 'Aqua Galon 19 L', category, price, tax_code, sold_by_weight,"
                " unit, in_store_code, active FROM products WHERE sku = 'AQUA-600'"
            )
        )
    assert names(reader.search("galon")) == ["Aqua Galon 19 L"]
    assert_search_index_matches(engine, ["aqua", "galon", "mineral"])
