"""Held carts as JSON: the whole sale comes back exactly; bad documents are refused."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_desktop.domain import cart_codec
from pos_desktop.domain.cart import Cart, Discount, Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.tax import EXEMPT, PPN_STANDARD, TaxSettings
from pos_desktop.domain.totals import compute_totals

WIB = timezone(timedelta(hours=7))
T0 = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=WIB)
MIE = Product(
    "p-mie", "MIE-GRG", "Mie goreng “pedas”", 3_100, PPN_STANDARD, barcode="0089686010015"
)
BERAS = Product("p-beras", "BERAS", "Beras curah", 14_000, EXEMPT, sold_by_weight=True, unit="kg")
SETTINGS = TaxSettings(ppn_enabled=True, prices_include_tax=True)


def _full_cart() -> Cart:
    cart = Cart()
    mie = cart.add(MIE, Decimal(3), now=T0)
    beras = cart.add(BERAS, Decimal("1.255"), now=T0 + timedelta(seconds=40))
    label = cart.add(MIE, unit_price=2_500, merge=False)  # a price-embedded label, no time
    removed = cart.add(MIE, merge=False, now=T0)
    cart.remove(removed.line_id)
    cart.set_line_discount(mie.line_id, Discount.percent("12.5"))
    cart.set_line_discount(beras.line_id, Discount.amount(1_000))
    cart.set_unit_price(label.line_id, 2_000)
    cart.set_order_discount(Discount.amount(500))
    return cart


def test_a_cart_comes_back_exactly() -> None:
    cart = _full_cart()
    back = cart_codec.loads(cart_codec.dumps(cart))
    assert back.lines == cart.lines
    assert back.order_discount == cart.order_discount
    assert back._next_id == cart._next_id == 5
    assert back.lines[0].added_at == T0 and back.lines[0].added_at.utcoffset() == timedelta(hours=7)
    assert back.lines[2].added_at is None and back.lines[2].price_overridden
    assert back.lines[1].quantity == Decimal("1.255")
    assert compute_totals(back.lines, back.order_discount, SETTINGS) == compute_totals(
        cart.lines, cart.order_discount, SETTINGS
    )
    # New lines continue the numbering: no id is reused after a recall.
    assert back.add(BERAS, Decimal(1)).line_id == 5


def test_the_document_holds_no_floats_and_is_stable() -> None:
    cart = _full_cart()
    text = cart_codec.dumps(cart)
    assert text == cart_codec.dumps(cart_codec.loads(text))

    def walk(value: object) -> None:
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(text))
    assert "Mie goreng “pedas”" in text


@pytest.mark.parametrize(
    "mangle",
    [
        lambda d: d.update(version=99),
        lambda d: d["lines"][0].update(quantity="lots"),
        lambda d: d["lines"][0].update(added_at="2026-11-28T09:30:00"),  # no offset
        lambda d: d["lines"][0]["product"].pop("sku"),
        lambda d: d["lines"][1].update(line_id=d["lines"][0]["line_id"]),
        lambda d: d.update(next_id=1),
        lambda d: d["lines"][0].update(discount={"kind": "percent", "value": -5}),
        lambda d: d["lines"][0]["product"]["tax_category"].update(kind="vat"),
    ],
)
def test_a_damaged_document_is_refused(mangle) -> None:
    raw = cart_codec.cart_to_json(_full_cart())
    mangle(raw)
    with pytest.raises(UserError) as refused:
        cart_codec.cart_from_json(raw)
    assert refused.value.code == "held.unreadable"


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]"])
def test_text_that_is_no_cart_is_refused(text: str) -> None:
    with pytest.raises(UserError) as refused:
        cart_codec.loads(text)
    assert refused.value.code == "held.unreadable"


def test_old_callers_get_lines_without_a_time_and_price_overrides_are_checked() -> None:
    cart = Cart()
    line = cart.add(MIE)
    assert line.added_at is None and not line.price_overridden
    with pytest.raises(UserError) as refused:
        cart.set_unit_price(line.line_id, -1)
    assert refused.value.code == "price.out_of_range"
    assert cart.line(line.line_id).unit_price == 3_100
    merged = cart.add(MIE, now=T0)
    assert merged.line_id == line.line_id and merged.added_at is None
