"""What the cashier typed, read into values: a quantity or weight, a price, a discount.

The domain reads numbers (``parse_quantity``, ``parse_amount``) and says ``ValueError``; here a
bad text becomes the ``UserError`` the screen shows with the text itself.
"""

from __future__ import annotations

from decimal import Decimal

from pos_desktop.domain.cart import MAX_UNIT_PRICE, Discount, parse_quantity
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.money import parse_amount


def typed_quantity(text: str) -> Decimal:
    """``3``, ``1,5`` or ``1.5``; whether it may be sold is the cart's question."""
    try:
        return parse_quantity(text)
    except ValueError:
        raise UserError("ui.bad_quantity", text=text.strip()) from None


def typed_price(text: str) -> int:
    """A unit price (``3000``, ``3.000``), within what a product may cost."""
    try:
        price = parse_amount(text)
    except ValueError:
        raise UserError("ui.bad_amount", text=text.strip()) from None
    if not 0 <= price <= MAX_UNIT_PRICE:
        raise UserError("price.out_of_range")
    return price


def typed_discount(text: str) -> Discount | None:
    """``10%`` / ``12,5%`` is a percentage, ``5000`` / ``5.000`` an amount, empty removes."""
    text = text.strip()
    if not text:
        return None
    try:
        if text.endswith("%"):
            return Discount.percent(parse_quantity(text[:-1]))
        return Discount.amount(parse_amount(text))
    except ValueError:
        raise UserError("ui.bad_discount", text=text) from None
