"""Rupiah formatting and parsing as cashiers write amounts."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from pos_desktop.domain.money import (
    IDR,
    Currency,
    format_money,
    format_number,
    multiply,
    parse_amount,
    round_half_up,
)

USD = Currency(code="USD", exponent=2, symbol="$", group_sep=",", decimal_sep=".")


@pytest.mark.parametrize(
    ("amount", "plain", "spaced"),
    [
        (12_500, "Rp12.500", "Rp 12.500"),
        (0, "Rp0", "Rp 0"),
        (-12_500, "-Rp12.500", "-Rp 12.500"),
        (999, "Rp999", "Rp 999"),
        (1_000, "Rp1.000", "Rp 1.000"),
        (1_234_567_890, "Rp1.234.567.890", "Rp 1.234.567.890"),
    ],
)
def test_format_money(amount: int, plain: str, spaced: str) -> None:
    assert format_money(amount) == plain
    assert format_money(amount, IDR, space=True) == spaced


def test_format_number_drops_the_symbol() -> None:
    assert format_number(12_500) == "12.500"
    assert format_number(-1_500) == "-1.500"


def test_format_with_minor_units() -> None:
    assert format_money(123_456, USD) == "$1,234.56"
    assert format_money(-5, USD) == "-$0.05"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12500", 12_500),
        ("12.500", 12_500),
        ("Rp 12.500", 12_500),
        ("Rp12.500", 12_500),
        ("  Rp 1.000.000 ", 1_000_000),
        ("0", 0),
        ("Rp0", 0),
    ],
)
def test_parse_amount(text: str, expected: int) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text", ["", "Rp", "abc", "-500", "12,5", "12.50", "1.2.3", "1.0000", "١٢٣", "12.500,-x"]
)
def test_parse_amount_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(text)


def test_parse_amount_with_minor_units() -> None:
    assert parse_amount("$ 1,234.56", USD) == 123_456
    assert parse_amount("1,234.5", USD) == 123_450
    assert parse_amount("7", USD) == 700
    with pytest.raises(ValueError):
        parse_amount("1.234", USD)


@pytest.mark.parametrize("amount", [0, 1, 999, 12_500, 1_234_567_890])
def test_parse_reads_what_format_writes(amount: int) -> None:
    assert parse_amount(format_money(amount)) == amount
    assert parse_amount(format_money(amount, space=True)) == amount


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(1, 2), 1),
        (Fraction(-1, 2), -1),
        (Fraction(3, 2), 2),
        (Fraction(149, 100), 1),
        (Decimal("2.5"), 3),
        (Decimal("-2.4999"), -2),
        (7, 7),
    ],
)
def test_round_half_up_is_away_from_zero(value: Fraction | Decimal | int, expected: int) -> None:
    assert round_half_up(value) == expected


def test_multiply_rounds_once() -> None:
    # 1.255 kg at Rp 12.999: 16.313,745 -> 16.314
    assert multiply(12_999, Decimal("1.255")) == 16_314
    assert multiply(1_000, Fraction(11, 111)) == 99
