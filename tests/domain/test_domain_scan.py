"""Reading the barcode field: multipliers, AIM prefixes, normalization and scale labels."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_desktop.domain.barcode import (
    DEFAULT_RULES,
    InStoreRule,
    ValueKind,
    gtin_check_digit,
    make_in_store_code,
)
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.scan import ScanInput, parse_scan


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
