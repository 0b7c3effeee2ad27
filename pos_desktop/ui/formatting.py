"""How amounts and quantities read on screen.

Money uses the domain's rupiah formatting (``Rp12.500``; locale libraries give IDR two
decimals). Quantities use the UI language's decimal mark, so a weighed item reads ``1,250 kg``
in Bahasa Indonesia and ``1.250 kg`` in English.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.money import CURRENCIES, IDR, Currency, format_money, parse_amount


def currency_of(code: str) -> Currency:
    return CURRENCIES.get(code, IDR)


def money(amount: int, currency: Currency = IDR) -> str:
    return format_money(amount, currency)


def quantity(value: Decimal, unit: str = "pcs", *, weighed: bool = False) -> str:
    if not weighed and value == value.to_integral_value():
        return str(int(value))
    text = f"{value:.3f}" if weighed else format(value.normalize(), "f")
    mark = QLocale().decimalPoint()
    text = text.replace(".", mark)
    return f"{text} {unit}" if weighed and unit and unit != "pcs" else text


def typed_amount(text: str) -> int:
    """``parse_amount`` for a field the cashier filled in: a bad amount is a ``UserError``."""
    try:
        return parse_amount(text)
    except ValueError:
        raise UserError("ui.bad_amount", text=text.strip()) from None
