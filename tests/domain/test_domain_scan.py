"""Reading the barcode field: multipliers, AIM prefixes, normalization and scale labels."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from pos_desktop.domain.barcode import (
    DEFAULT_RULES,
    InStoreRule,
    ValueKind,
    gtin_check_digit,
    make_in_store_code,
)
from pos_desktop.domain.cart import Cart, CartLine, Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.money import multiply
from pos_desktop.domain.scan import (
    ScanInput,
    ScannedLine,
    parse_scan,
    scanned_line,
    weight_for_price,
)
from pos_desktop.domain.tax import EXEMPT


def _label(body: str) -> str:
    return body + str(gtin_check_digit(body))


WEIGHT_LABEL = _label("201234501234")  # item 2012345, 1,234 kg
PRICE_LABEL = _label("210004218500")  # item 2100042, Rp18.500


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8991002101234", ScanInput("8991002101234", None, None, None, None)),
        ("  ]E08991002101234\r\n", ScanInput("8991002101234", None, None, None, None)),
        ("036000291452", ScanInput("0036000291452", None, None, None, None)),
        ("04252614", ScanInput("0042100005264", None, None, None, None)),
        ("3*8991002101234", ScanInput("8991002101234", Decimal(3), None, None, None)),
        (" 12 * ]E08991002101234", ScanInput("8991002101234", Decimal(12), None, None, None)),
        ("1.5*BERAS", ScanInput("BERAS", Decimal("1.5"), None, None, None)),
        ("1,5*BERAS", ScanInput("BERAS", Decimal("1.5"), None, None, None)),
        ("0,25*BERAS", ScanInput("BERAS", Decimal("0.25"), None, None, None)),
        ("BERAS-5KG", ScanInput("BERAS-5KG", None, None, None, None)),
        ("12345", ScanInput("12345", None, None, None, None)),  # a PLU of non-GTIN length
        ("123456789", ScanInput("123456789", None, None, None, None)),
        (WEIGHT_LABEL, ScanInput(WEIGHT_LABEL, None, Decimal("1.234"), None, "2012345")),
        (PRICE_LABEL, ScanInput(PRICE_LABEL, None, None, 18_500, "2100042")),
        ("2*" + PRICE_LABEL, ScanInput(PRICE_LABEL, Decimal(2), None, 18_500, "2100042")),
        ("]E0" + WEIGHT_LABEL, ScanInput(WEIGHT_LABEL, None, Decimal("1.234"), None, "2012345")),
    ],
)
def test_parse_scan(text: str, expected: ScanInput) -> None:
    assert parse_scan(text) == expected


def test_shop_made_codes_are_plain_barcodes() -> None:
    code = make_in_store_code("29", 42, 10)
    assert parse_scan(code) == ScanInput(code, None, None, None, None)


def test_custom_rules_replace_the_defaults() -> None:
    rules = [InStoreRule("28", 4, 6, 2, ValueKind.WEIGHT)]
    label = _label("281234000150")
    assert parse_scan(label, rules).weight == Decimal("1.50")
    assert parse_scan(label, rules).in_store_item == "281234"
    assert parse_scan(WEIGHT_LABEL, rules).in_store_item is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "scan.empty"),
        ("   \t", "scan.empty"),
        ("]E0", "scan.empty"),
        ("3*", "scan.empty"),
        ("3*  ", "scan.empty"),
        ("*8991002101234", "scan.bad_multiplier"),
        ("x*8991002101234", "scan.bad_multiplier"),
        ("1e3*8991002101234", "scan.bad_multiplier"),
        ("1.2.3*BERAS", "scan.bad_multiplier"),
        ("2*3*BERAS", "scan.bad_multiplier"),
        ("0*8991002101234", "quantity.not_positive"),
        ("-2*8991002101234", "quantity.not_positive"),
        ("0.0001*BERAS", "quantity.not_positive"),
        ("10000*8991002101234", "quantity.too_large"),
        ("8991002101235", "barcode.bad_check_digit"),
        ("036000291453", "barcode.bad_check_digit"),
        ("04252615", "barcode.bad_check_digit"),
        ("10012345678903", "barcode.bad_check_digit"),
        ("3*8991002101235", "barcode.bad_check_digit"),
        (_label("201234500000"), "quantity.not_positive"),  # a zero-weight label
        (_label("210004200000"), "price.out_of_range"),  # a zero-price label
    ],
)
def test_parse_scan_refuses(text: str, code: str) -> None:
    with pytest.raises(UserError) as err:
        parse_scan(text)
    assert err.value.code == code


def test_bad_check_digit_names_the_code() -> None:
    with pytest.raises(UserError) as err:
        parse_scan("]E0 036000291453")
    assert err.value.params == {"barcode": "036000291453"}


def test_default_rules_are_the_default() -> None:
    assert parse_scan(WEIGHT_LABEL) == parse_scan(WEIGHT_LABEL, DEFAULT_RULES)
    assert parse_scan(WEIGHT_LABEL, ()).weight is None


# --- what a scan puts in the cart --------------------------------------------------------------
DAGING = Product("p-daging", "2100042", "Daging Sapi Has Dalam", 145_000, EXEMPT, "", True, "kg")
INDOMIE = Product("p-indomie", "IDM", "Indomie Goreng", 3_500, EXEMPT, "8991002101234")
ROTI = Product("p-roti", "2100077", "Roti Sobek (bakery)", 0, EXEMPT, "")
PRICE_23 = InStoreRule("23", 5, 5, 0, ValueKind.PRICE)


def _added(text: str, product: Product, rules: Sequence[InStoreRule] = DEFAULT_RULES) -> CartLine:
    line = scanned_line(parse_scan(text, rules), product)
    return Cart().add(product, line.quantity, unit_price=line.unit_price, merge=line.merge)


def test_a_price_label_sells_a_weighed_product_at_the_label_price() -> None:
    scan = parse_scan(_label("210004223500"))  # Rp23.500 of beef at Rp145.000/kg
    assert scan.from_label and scan.weight is None
    line = _added(_label("210004223500"), DAGING)
    assert line.gross == 23_500
    assert line.quantity == Decimal("0.162")  # 23.500 / 145.000 kg, to the gram
    assert line.unit_price == 145_059  # the price per kg that makes 162 g exactly Rp23.500


@pytest.mark.parametrize("per_kg", [145_000, 14_000])
def test_a_price_label_the_scale_worked_out_at_the_shelf_price_keeps_it(per_kg: int) -> None:
    product = Product("p-x", "2100042", "Ditimbang", per_kg, EXEMPT, "", True, "kg")
    for grams in (1, 7, 162, 689, 999, 1000, 1234, 4567, 7142):
        price = multiply(per_kg, Decimal(grams).scaleb(-3))
        if price > 99_999:  # five digits on the label
            continue
        line = _added(_label(f"2100042{price:05d}"), product)
        assert (line.quantity, line.unit_price, line.gross) == (
            Decimal(grams).scaleb(-3),
            per_kg,
            price,
        )


def test_a_configured_price_rule_reads_the_same() -> None:
    daging = Product("p-daging", "2300042", "Daging", 120_000, EXEMPT, "", True, "kg")
    line = _added(_label("230004212345"), daging, (PRICE_23, *DEFAULT_RULES))
    assert line.gross == 12_345 and line.quantity == Decimal("0.103")


@pytest.mark.parametrize(
    ("price", "per_kg"),
    [(99_999, 5_000), (99_999, 1_000), (99_999, 12_345), (50_001, 3_000), (7, 145_000), (1, 99)],
)
def test_weight_for_price_always_comes_to_the_label_price(price: int, per_kg: int) -> None:
    line = weight_for_price(price, per_kg)
    assert multiply(line.unit_price or 0, line.quantity) == price
    assert line.quantity > 0 and line.merge is False
    # Within a few grams (above a kilogram a gram can be worth more than a rupiah).
    assert abs(line.quantity - Decimal(price) / per_kg) < Decimal("0.5")


def test_every_label_price_of_five_digits_fits_exactly() -> None:
    for per_kg in (3_000, 14_000, 145_000):
        for price in range(1, 100_000, 37):
            line = weight_for_price(price, per_kg)
            assert multiply(line.unit_price or 0, line.quantity) == price, (price, per_kg)


def test_three_packs_of_the_same_price_label_are_one_line_of_three_times_the_price() -> None:
    line = _added("3*" + _label("210004223500"), DAGING)
    assert line.gross == 3 * 23_500 and line.quantity == Decimal("0.486")
    with pytest.raises(UserError) as err:
        _added("1,5*" + _label("210004223500"), DAGING)
    assert err.value.code == "quantity.not_whole"


def test_a_product_without_a_price_per_kg_sells_one_kg_at_the_label_price() -> None:
    weighed = Product("p-x", "2100077", "Sayur campur", 0, EXEMPT, "", True, "kg")
    line = _added(_label("210007702500"), weighed)
    assert (line.quantity, line.unit_price, line.gross) == (Decimal(1), 2_500, 2_500)


def test_counted_and_weight_labels_sell_as_before() -> None:
    assert _added(_label("210007702500"), ROTI).gross == 2_500  # a countable price label
    assert scanned_line(parse_scan("3*8991002101234"), INDOMIE) == ScannedLine(Decimal(3))
    line = _added(WEIGHT_LABEL, DAGING)
    assert (line.quantity, line.unit_price) == (Decimal("1.234"), DAGING.unit_price)
    with pytest.raises(UserError) as err:
        scanned_line(parse_scan(WEIGHT_LABEL), INDOMIE)
    assert err.value.code == "scan.weight_for_countable"
    assert not parse_scan("8991002101234").from_label


def test_a_price_label_too_heavy_for_a_cart_line_is_refused() -> None:
    with pytest.raises(UserError) as err:
        weight_for_price(99_999, 1)  # 99.999 kg at Rp1/kg would be 99 999 kg
    assert err.value.code == "quantity.too_large"
