"""Check digits, UPC-E expansion, normalization and in-store (scale) codes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_desktop.domain.barcode import (
    DEFAULT_RULES,
    InStoreCode,
    InStoreRule,
    ValueKind,
    expand_upce,
    gtin_check_digit,
    is_valid_gtin,
    make_in_store_code,
    normalize,
    normalize_scan,
    parse_in_store,
    parse_store_number,
    strip_aim,
)

WEIGHT_20, PRICE_21, PRICE_23 = DEFAULT_RULES


# Textbook codes, each check digit also worked by hand (weights 3,1 from the right of the body):
# 4006381333931  EAN-13: 4+0+0+18+3+24+1+9+3+9+9+9 = 89 -> 1
# 036000291452   UPC-A:  5*3+4+1*3+9+2*3+0+0+0+6*3+3+0 = 58 -> 2
# 96385074       EAN-8:  7*3+0+5*3+8+3*3+6+9*3 = 86 -> 4
# 10012345678902 GTIN-14: 88 -> 2
@pytest.mark.parametrize(
    "code",
    ["4006381333931", "036000291452", "96385074", "10012345678902", "8991002101234"],
)
def test_textbook_codes_are_valid(code: str) -> None:
    assert is_valid_gtin(code)
    assert gtin_check_digit(code[:-1]) == int(code[-1])


@pytest.mark.parametrize(
    "code",
    [
        "4006381333932",  # wrong check digit
        "400638133393",  # a digit dropped
        "4006383133931",  # two digits swapped
        "400638133393X",
        "40063813339３1",  # a full-width digit
        "1234567",  # not a GTIN length
        "",
    ],
)
def test_invalid_codes(code: str) -> None:
    assert not is_valid_gtin(code)


def test_check_digit_needs_digits() -> None:
    for body in ("", "12a4", "١٢٣"):
        with pytest.raises(ValueError):
            gtin_check_digit(body)


def test_leading_zeros_never_change_the_check_digit() -> None:
    assert gtin_check_digit("03600029145") == gtin_check_digit("003600029145") == 2


@pytest.mark.parametrize(
    ("upce", "upca"),
    [
        ("04252614", "042100005264"),  # last digit 0-2: manufacturer ends in it, 0000, 3 digits
        ("14252611", "142100005261"),  # number system 1
        ("01234531", "012300000451"),  # last digit 3
        ("01234543", "012340000053"),  # last digit 4
        ("01234565", "012345000065"),  # last digit 5-9
    ],
)
def test_expand_upce(upce: str, upca: str) -> None:
    assert expand_upce(upce) == upca
    assert is_valid_gtin(upca)


@pytest.mark.parametrize("code", ["04252615", "24252614", "0425261", "042526144", "0425261x"])
def test_expand_upce_refuses(code: str) -> None:
    with pytest.raises(ValueError):
        expand_upce(code)


@pytest.mark.parametrize(
    ("raw", "code", "symbology"),
    [
        ("]E04006381333931", "4006381333931", "]E0"),
        ("  ]C1BERAS-5KG\r\n", "BERAS-5KG", "]C1"),
        ("]A0 123", "123", "]A0"),
        ("4006381333931", "4006381333931", None),
        ("]E", "]E", None),
        ("]-0123", "]-0123", None),
    ],
)
def test_strip_aim(raw: str, code: str, symbology: str | None) -> None:
    assert strip_aim(raw) == (code, symbology)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4006381333931", "4006381333931"),  # EAN-13 stays
        ("036000291452", "0036000291452"),  # UPC-A -> EAN-13
        ("04252614", "0042100005264"),  # UPC-E (not a valid EAN-8) -> UPC-A -> EAN-13
        ("96385074", "96385074"),  # EAN-8 stays
        ("00036000291452", "0036000291452"),  # GTIN-14, indicator 0 -> EAN-13
        ("10012345678902", "10012345678902"),  # GTIN-14 of a case stays
        ("]E0036000291452", "0036000291452"),
        (" 8 991002 101234\t", "8991002101234"),  # typed from the digits under the bars
        ("BERAS-5KG", "BERAS-5KG"),
        ("  beras 5kg ", "beras 5kg"),
        ("4006381333932", "4006381333932"),  # a bad check digit stays visible
        ("036000291453", "036000291453"),
        ("12345", "12345"),  # a PLU
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_eight_digits_valid_as_both_ean8_and_upce() -> None:
    # 01234565 has a valid EAN-8 check digit and is also a valid UPC-E: the AIM id decides.
    assert is_valid_gtin("01234565")
    assert normalize("01234565") == "01234565"
    assert normalize("]E401234565") == "01234565"
    assert normalize_scan("]E001234565") == ("0012345000065", "]E0")
    # An EAN-8 identifier on a code that only works as UPC-E still finds the UPC-E.
    assert normalize("]E404252614") == "0042100005264"


def test_upca_and_upce_of_one_product_normalize_alike() -> None:
    assert normalize("04252614") == normalize("042100005264") == normalize("0042100005264")


def test_default_rules() -> None:
    assert WEIGHT_20 == InStoreRule("20", 5, 5, 3, ValueKind.WEIGHT)
    assert PRICE_21 == InStoreRule("21", 5, 5, 0, ValueKind.PRICE)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2", 5, 5, 3, ValueKind.WEIGHT), "!= 13"),
        (("20", 5, 4, 3, ValueKind.WEIGHT), "!= 13"),
        (("2A", 5, 5, 3, ValueKind.WEIGHT), "digits"),
        (("", 6, 6, 3, ValueKind.WEIGHT), "digits"),
        (("20", 10, 0, 0, ValueKind.WEIGHT), "at least one"),
        (("20", 5, 5, 6, ValueKind.WEIGHT), "decimals"),
        (("21", 5, 5, 2, ValueKind.PRICE), "whole minor units"),
    ],
)
def test_rule_validation(args: tuple[str, int, int, int, ValueKind], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        InStoreRule(*args)


def test_rule_of_another_length() -> None:
    rule = InStoreRule("2", 2, 4, 0, ValueKind.PRICE, length=8)
    code = "2" + "17" + "0950"
    code += str(gtin_check_digit(code))
    assert parse_in_store(code, [rule]) == InStoreCode("217", None, 950, rule)
    with pytest.raises(ValueError, match="GTIN length"):
        InStoreRule("2", 2, 5, 0, ValueKind.PRICE, length=9)


def test_parse_weight_label() -> None:
    # 20 12345 01234 + check: 4*3+3+2*3+1+0+5+4*3+3+2*3+1+0+2 = 51 -> 9.
    assert gtin_check_digit("201234501234") == 9
    assert parse_in_store("2012345012349", DEFAULT_RULES) == InStoreCode(
        "2012345", Decimal("1.234"), None, WEIGHT_20
    )


def test_parse_price_label() -> None:
    code = "2100042" + "18500"
    code += str(gtin_check_digit(code))
    assert parse_in_store(code, DEFAULT_RULES) == InStoreCode("2100042", None, 18_500, PRICE_21)


def test_a_23_label_is_a_price_label_by_default() -> None:
    code = "2300042" + "23500"
    code += str(gtin_check_digit(code))
    assert parse_in_store(code, DEFAULT_RULES) == InStoreCode("2300042", None, 23_500, PRICE_23)


def test_parse_in_store_returns_none_when_nothing_matches() -> None:
    assert parse_in_store("4006381333931", DEFAULT_RULES) is None
    assert parse_in_store("2012345012340", DEFAULT_RULES) is None  # bad check digit
    assert parse_in_store("2900000000018", DEFAULT_RULES) is None  # no rule for 29
    assert parse_in_store("2012345012349", []) is None
    assert parse_in_store("BERAS", DEFAULT_RULES) is None


def test_longest_prefix_wins() -> None:
    general = InStoreRule("2", 6, 5, 3, ValueKind.WEIGHT)
    specific = InStoreRule("21", 5, 5, 0, ValueKind.PRICE)
    code = "2100042018500"[:-1]
    code += str(gtin_check_digit(code))
    assert parse_in_store(code, [general, specific]) == parse_in_store(code, [specific, general])
    assert parse_in_store(code, [general, specific]).rule is specific  # type: ignore[union-attr]


def test_make_in_store_code() -> None:
    code = make_in_store_code("29", 1, 10)
    assert code == "2900000000018"  # 1*3 + 9*3 + 2 = 32 -> check 8
    assert is_valid_gtin(code)
    assert normalize(code) == code
    assert parse_store_number(code, "29") == 1
    assert make_in_store_code("2", 12_345, 11) == "2000000123455"  # 5*3+4+3*3+2+1*3+2 = 35 -> 5


@pytest.mark.parametrize(
    ("prefix", "number", "digits"),
    [("19", 1, 10), ("29", 1, 9), ("29", 10**10, 10), ("29", -1, 10), ("2x", 1, 10), ("", 1, 12)],
)
def test_make_in_store_code_refuses(prefix: str, number: int, digits: int) -> None:
    with pytest.raises(ValueError):
        make_in_store_code(prefix, number, digits)


def test_parse_store_number_ignores_other_codes() -> None:
    assert parse_store_number("2900000000019", "29") is None
    assert parse_store_number("4006381333931", "29") is None
    assert parse_store_number("290000000001", "29") is None
