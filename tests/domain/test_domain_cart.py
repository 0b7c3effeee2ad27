"""The cart: merging repeat scans, weighed lines, discounts, and refusals that change nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

import pytest

from pos_desktop.domain.cart import (
    MAX_QUANTITY,
    Cart,
    Discount,
    DiscountKind,
    Product,
    parse_quantity,
)
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.tax import EXEMPT, PPN_STANDARD

MIE = Product("p-mie", "MIE-GRG", "Mie goreng", 3_100, PPN_STANDARD, barcode="0089686010015")
SABUN = Product("p-sabun", "SBN-100", "Sabun mandi", 4_750, PPN_STANDARD)
BERAS = Product("p-beras", "BERAS", "Beras curah", 14_000, EXEMPT, sold_by_weight=True, unit="kg")


def _snapshot(cart: Cart) -> tuple[object, ...]:
    return (copy.deepcopy(cart.lines), cart.order_discount, cart._next_id)


def test_repeat_scan_of_a_countable_item_merges_into_its_line() -> None:
    cart = Cart()
    first = cart.add(MIE)
    second = cart.add(MIE, Decimal(2))
    assert len(cart.lines) == 1
    assert second.line_id == first.line_id
    assert cart.lines[0].quantity == 3


def test_merge_only_with_the_last_line_and_same_price() -> None:
    cart = Cart()
    cart.add(MIE)
    cart.add(SABUN)
    cart.add(MIE)
    assert [line.product.sku for line in cart.lines] == ["MIE-GRG", "SBN-100", "MIE-GRG"]
    cart.add(MIE, unit_price=2_900)
    assert len(cart.lines) == 4
    cart.add(MIE, merge=False)
    assert len(cart.lines) == 5


def test_a_discounted_line_is_not_merged_into() -> None:
    cart = Cart()
    line = cart.add(MIE)
    cart.set_line_discount(line.line_id, Discount.percent(10))
    cart.add(MIE)
    assert len(cart.lines) == 2


def test_weighed_lines_never_merge() -> None:
    cart = Cart()
    cart.add(BERAS, Decimal("1.5"))
    cart.add(BERAS, Decimal("1.5"))
    assert [line.quantity for line in cart.lines] == [Decimal("1.500"), Decimal("1.500")]
    assert cart.lines[0].line_id != cart.lines[1].line_id


def test_weights_are_kept_to_grams() -> None:
    cart = Cart()
    line = cart.add(BERAS, Decimal("0.12345"))
    assert line.quantity == Decimal("0.123")
    assert line.gross == 1_722  # 0,123 kg x Rp14.000


def test_set_quantity_and_remove() -> None:
    cart = Cart()
    mie = cart.add(MIE)
    sabun = cart.add(SABUN)
    assert cart.set_quantity(mie.line_id, Decimal(4)).quantity == 4
    assert cart.line(mie.line_id).gross == 12_400
    assert cart.remove(sabun.line_id).product is SABUN
    assert [line.line_id for line in cart.lines] == [mie.line_id]
    again = cart.add(SABUN)
    assert again.line_id not in (mie.line_id, sabun.line_id)


def test_line_snapshot_keeps_the_price_at_scan_time() -> None:
    cart = Cart()
    line = cart.add(MIE)
    assert line.unit_price == 3_100
    priced = cart.add(MIE, unit_price=2_500)
    assert priced.unit_price == 2_500


def test_discounts() -> None:
    cart = Cart()
    line = cart.add(SABUN, Decimal(2))
    cart.set_line_discount(line.line_id, Discount.percent("12.5"))
    assert cart.line(line.line_id).discount_amount == 1_188  # 9.500 x 12,5% = 1.187,5 -> 1.188
    cart.set_line_discount(line.line_id, Discount.amount(500))
    assert cart.line(line.line_id).net_before_order_discount == 9_000
    cart.set_line_discount(line.line_id, Discount.amount(50_000))
    assert cart.line(line.line_id).net_before_order_discount == 0
    cart.set_line_discount(line.line_id, None)
    assert cart.line(line.line_id).discount_amount == 0
    cart.set_order_discount(Discount.percent(5))
    assert cart.order_discount == Discount(DiscountKind.PERCENT, 500)


def test_percent_discount_reads_typed_text() -> None:
    assert Discount.percent("10") == Discount(DiscountKind.PERCENT, 1_000)
    assert Discount.percent("33.335").value == 3_334
    assert Discount.percent(100).amount_on(12_345) == 12_345


@pytest.mark.parametrize(
    ("pct", "code"),
    [
        ("abc", "discount.invalid"),
        ("NaN", "discount.invalid"),
        ("Infinity", "discount.invalid"),
        ("-1", "discount.negative"),
        ("100.01", "discount.percent_over_100"),
        ("1e999999", "discount.percent_over_100"),
    ],
)
def test_bad_percent_discounts_are_user_errors(pct: str, code: str) -> None:
    with pytest.raises(UserError) as err:
        Discount.percent(pct)
    assert err.value.code == code


def test_bad_amount_discount() -> None:
    with pytest.raises(UserError) as err:
        Discount.amount(-1)
    assert err.value.code == "discount.negative"


@pytest.mark.parametrize(
    ("product", "quantity", "code"),
    [
        (MIE, Decimal(0), "quantity.not_positive"),
        (MIE, Decimal(-1), "quantity.not_positive"),
        (MIE, Decimal("1.5"), "quantity.not_whole"),
        (MIE, Decimal("NaN"), "quantity.invalid"),
        (MIE, Decimal("Infinity"), "quantity.invalid"),
        (MIE, MAX_QUANTITY + 1, "quantity.too_large"),
        (BERAS, Decimal("0.0004"), "quantity.not_positive"),
    ],
)
def test_refused_adds_leave_the_cart_unchanged(
    product: Product, quantity: Decimal, code: str
) -> None:
    cart = Cart()
    cart.add(SABUN)
    before = _snapshot(cart)
    with pytest.raises(UserError) as err:
        cart.add(product, quantity)
    assert err.value.code == code
    assert _snapshot(cart) == before


def test_refusals_on_existing_lines_leave_the_cart_unchanged() -> None:
    cart = Cart()
    mie = cart.add(MIE, Decimal(3))
    cart.add(BERAS, Decimal("2"))
    cart.set_order_discount(Discount.amount(1_000))
    before = _snapshot(cart)
    refusals: list[tuple[str, Callable[[], object]]] = [
        ("price.out_of_range", lambda: cart.add(SABUN, unit_price=-1)),
        ("price.out_of_range", lambda: cart.add(SABUN, unit_price=1_000_000_001)),
        ("quantity.not_whole", lambda: cart.set_quantity(mie.line_id, Decimal("0.5"))),
        ("cart.no_such_line", lambda: cart.set_quantity(99, Decimal(1))),
        ("cart.no_such_line", lambda: cart.remove(99)),
        ("cart.no_such_line", lambda: cart.set_line_discount(99, None)),
        ("cart.no_such_line", lambda: cart.line(99)),
    ]
    for code, action in refusals:
        with pytest.raises(UserError) as err:
            action()
        assert err.value.code == code
        assert _snapshot(cart) == before


def test_merge_past_the_maximum_is_refused_without_change() -> None:
    cart = Cart()
    cart.add(MIE, MAX_QUANTITY)
    before = _snapshot(cart)
    with pytest.raises(UserError) as err:
        cart.add(MIE)
    assert err.value.code == "quantity.too_large"
    assert _snapshot(cart) == before


def test_clear_empties_the_cart_and_keeps_ids_unique() -> None:
    cart = Cart()
    first = cart.add(MIE)
    cart.set_order_discount(Discount.amount(100))
    cart.clear()
    assert cart.is_empty
    assert cart.order_discount is None
    assert cart.add(MIE).line_id != first.line_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", Decimal(3)),
        (" 2 ", Decimal(2)),
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),
        ("0,125", Decimal("0.125")),
        ("-1", Decimal(-1)),
    ],
)
def test_parse_quantity_takes_either_decimal_mark(text: str, expected: Decimal) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "1,2.3", "1.2.3", "abc", "1,5kg", "NaN", "Infinity"])
def test_parse_quantity_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="not a quantity"):
        parse_quantity(text)
