"""Money as integers of the currency's minor unit.

Amounts are plain ``int`` everywhere (IDR has exponent 0: one unit is one rupiah), so no float
ever touches a price. Multiplying by a fractional quantity or a rate goes through ``Fraction`` and
one explicit rounding step, half away from zero, the rule cashiers and auditors expect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    exponent: int
    symbol: str
    group_sep: str = "."
    decimal_sep: str = ","


IDR = Currency(code="IDR", exponent=0, symbol="Rp")

CURRENCIES: dict[str, Currency] = {IDR.code: IDR}


def _divide_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` (denominator > 0) rounded half away from zero."""
    whole, rest = divmod(abs(numerator), denominator)
    if 2 * rest >= denominator:
        whole += 1
    return whole if numerator >= 0 else -whole


def round_half_up(value: Fraction | Decimal | int) -> int:
    """Round to the nearest integer, halves away from zero (Rp 0,5 -> Rp 1, -0,5 -> -1)."""
    if isinstance(value, int):
        return value
    frac = Fraction(value)
    return _divide_half_up(frac.numerator, frac.denominator)


def multiply(amount: int, factor: Fraction | Decimal | int) -> int:
    """``amount x factor`` rounded once, half away from zero.

    Integer arithmetic only: a Decimal quantity like ``1.255`` becomes ``1255 / 1000``.
    """
    if isinstance(factor, int):
        return amount * factor
    if isinstance(factor, Decimal):
        exponent = factor.as_tuple().exponent
        if isinstance(exponent, int):  # finite
            if exponent >= 0:
                return amount * int(factor)
            scale = 10**-exponent
            return _divide_half_up(amount * int(factor.scaleb(-exponent)), scale)
    frac = Fraction(factor)
    return _divide_half_up(amount * frac.numerator, frac.denominator)


def format_money(amount: int, currency: Currency = IDR, *, space: bool = False) -> str:
    """Format like ``Rp12.500`` (official spelling) or ``Rp 12.500`` with ``space=True``.

    Locale libraries give IDR two decimals (CLDR: ``Rp123,00``), which no shop prints, so the
    grouping is done here by hand.
    """
    sign = "-" if amount < 0 else ""
    units, minor = (
        divmod(abs(amount), 10**currency.exponent)
        if currency.exponent
        else (
            abs(amount),
            0,
        )
    )
    digits = f"{units:,}".replace(",", currency.group_sep)
    if currency.exponent:
        digits += f"{currency.decimal_sep}{minor:0{currency.exponent}d}"
    gap = " " if space else ""
    return f"{sign}{currency.symbol}{gap}{digits}"


def format_number(amount: int, currency: Currency = IDR) -> str:
    """The amount without the symbol (``12.500``), for narrow receipt columns."""
    return format_money(amount, currency).replace(currency.symbol, "", 1)


def parse_amount(text: str, currency: Currency = IDR) -> int:
    """Read what a cashier typed (``12500``, ``12.500``, ``Rp 12.500``) as minor units.

    Raises ``ValueError`` for anything else; the caller turns it into a user message.
    """
    cleaned = text.strip().replace(currency.symbol, "").replace(" ", "")
    whole, _, minor = (
        (cleaned, "", "") if currency.exponent == 0 else cleaned.partition(currency.decimal_sep)
    )
    # Separators must sit between groups of three: "12.50" is a typo, not Rp1.250.
    group = re.escape(currency.group_sep)
    if not re.fullmatch(rf"[0-9]+|[0-9]{{1,3}}(?:{group}[0-9]{{3}})+", whole) or not re.fullmatch(
        rf"[0-9]{{0,{currency.exponent}}}", minor
    ):
        raise ValueError(f"not an amount: {text!r}")
    scale: int = 10**currency.exponent
    units = int(whole.replace(currency.group_sep, ""))
    return units * scale + int(minor.ljust(currency.exponent, "0") or "0")
