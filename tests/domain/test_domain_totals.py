"""Totals: order-discount allocation, pembulatan and one receipt worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_desktop.domain.cart import Cart, Discount, Product
from pos_desktop.domain.tax import EXEMPT, PB1, PPN_STANDARD, TaxSettings
from pos_desktop.domain.totals import allocate, compute_totals, round_to_step

MIE = Product("p-mie", "MIE", "Mie goreng", 3_100, PPN_STANDARD)
BERAS = Product("p-beras", "BERAS-5KG", "Beras 5 kg", 68_900, EXEMPT)
SABUN = Product("p-sabun", "SABUN", "Sabun mandi", 4_750, PPN_STANDARD)


@pytest.mark.parametrize(
    ("amount", "weights", "expected"),
    [
        (100, [1, 1, 1], [34, 33, 33]),
        (2, [1, 1, 1], [1, 1, 0]),
        (5_000, [15_500, 62_010, 9_000], [896, 3_584, 520]),
        (10, [0, 5], [0, 10]),
        (10, [0, 0], [0, 0]),
        (0, [3, 4], [0, 0]),
        (7, [], []),
    ],
)
def test_allocate(amount: int, weights: list[int], expected: list[int]) -> None:
    assert allocate(amount, weights) == expected


@pytest.mark.parametrize(
    ("amount", "step", "expected"),
    [
        (12_349, 100, 12_300),
        (12_350, 100, 12_400),
        (12_300, 100, 12_300),
        (12_249, 500, 12_000),
        (12_250, 500, 12_500),
        (12_499, 1_000, 12_000),
        (12_500, 1_000, 13_000),
        (12_345, 0, 12_345),
        (49, 100, 0),
        (0, 100, 0),
    ],
)
def test_round_to_step(amount: int, step: int, expected: int) -> None:
    assert round_to_step(amount, step) == expected


def test_hand_worked_receipt() -> None:
    """A PKP shop, prices include PPN, pembulatan Rp100.

    =====================  =======  =========  ======  =========  ======
    line                   gross    line disc  net     order 5rb  net
    =====================  =======  =========  ======  =========  ======
    Mie 5 x 3.100 (PPN)    15.500   0          15.500  896        14.604
    Beras 68.900 (exempt)  68.900   10% 6.890  62.010  3.584      58.426
    Sabun 2 x 4.750 (PPN)  9.500    500        9.000   520        8.480
    =====================  =======  =========  ======  =========  ======

    Order discount 5.000 over nets 86.510: 895,85 / 3.583,98 / 520,17, floors 4.998, the two
    left go to the largest remainders (Beras, Mie). PPN base 14.604 + 8.480 = 23.084, PPN inside
    23.084 x 11/111 = 2.287,60 -> 2.288. Payable 81.510 -> 81.500, pembulatan -10.
    """
    cart = Cart()
    mie = cart.add(MIE, Decimal(5))
    beras = cart.add(BERAS)
    sabun = cart.add(SABUN, Decimal(2))
    cart.set_line_discount(beras.line_id, Discount.percent(10))
    cart.set_line_discount(sabun.line_id, Discount.amount(500))
    cart.set_order_discount(Discount.amount(5_000))

    totals = compute_totals(cart.lines, cart.order_discount, TaxSettings(True, True), 100)

    assert [
        (lt.line_id, lt.gross, lt.line_discount, lt.order_discount, lt.net) for lt in totals.lines
    ] == [
        (mie.line_id, 15_500, 0, 896, 14_604),
        (beras.line_id, 68_900, 6_890, 3_584, 58_426),
        (sabun.line_id, 9_500, 500, 520, 8_480),
    ]
    assert totals.subtotal == 93_900
    assert totals.line_discounts == 7_390
    assert totals.order_discount == 5_000
    assert totals.discount_total == 12_390
    assert totals.net == 81_510
    assert [(t.code, t.base, t.tax, t.included) for t in totals.taxes] == [
        ("PPN", 20_796, 2_288, True)
    ]
    assert (totals.tax_added, totals.tax_included, totals.tax_total) == (0, 2_288, 2_288)
    assert totals.rounding == -10
    assert totals.total == 81_500


def test_exclusive_prices_and_pb1_are_added_before_rounding() -> None:
    nasi = Product("p-nasi", "NASI", "Nasi goreng", 25_000, PB1)
    cart = Cart()
    cart.add(nasi, Decimal(2))
    cart.add(MIE)
    totals = compute_totals(cart.lines, None, TaxSettings(True, False), 500)
    # PB1 5.000 on 50.000; PPN 11% of 3.100 = 341. Payable 58.441 -> 58.500.
    assert [(t.code, t.tax) for t in totals.taxes] == [("PB1", 5_000), ("PPN", 341)]
    assert totals.tax_added == 5_341
    assert totals.rounding == 59
    assert totals.total == 58_500


def test_empty_cart_totals_to_zero() -> None:
    totals = compute_totals([], None, TaxSettings(), 100)
    assert (totals.subtotal, totals.net, totals.total, totals.taxes) == (0, 0, 0, ())


def test_order_discount_larger_than_the_sale_stops_at_zero() -> None:
    cart = Cart()
    cart.add(MIE)
    totals = compute_totals(cart.lines, Discount.amount(10_000), TaxSettings(True, True), 100)
    assert totals.order_discount == 3_100
    assert totals.net == 0
    assert totals.total == 0
