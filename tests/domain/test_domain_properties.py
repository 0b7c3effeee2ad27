"""Properties of the domain that must hold for every input, checked with Hypothesis."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, timedelta, timezone
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_desktop.domain.barcode import (
    GTIN_LENGTHS,
    InStoreRule,
    ValueKind,
    gtin_check_digit,
    is_valid_gtin,
    make_in_store_code,
    normalize,
    parse_in_store,
    parse_store_number,
)
from pos_desktop.domain.cart import Cart, Discount, DiscountKind, Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord, build_sale
from pos_desktop.domain.scan import parse_scan
from pos_desktop.domain.tax import DEFAULT_CATEGORIES, TaxSettings, is_inclusive
from pos_desktop.domain.totals import ROUNDING_STEPS, Totals, allocate, compute_totals

FAST = settings(max_examples=200, deadline=None)

LineSpec = tuple[Product, Decimal, Discount | None]

discounts = st.one_of(
    st.none(),
    st.builds(Discount, st.just(DiscountKind.PERCENT), st.integers(0, 10_000)),
    st.builds(Discount, st.just(DiscountKind.AMOUNT), st.integers(0, 2_000_000)),
)
tax_settings = st.builds(TaxSettings, st.booleans(), st.booleans())
steps = st.sampled_from(ROUNDING_STEPS)


@st.composite
def line_specs(draw: st.DrawFn) -> LineSpec:
    weighed = draw(st.booleans())
    product = Product(
        product_id=draw(st.sampled_from(["p1", "p2", "p3"])),
        sku="SKU",
        name="Barang",
        unit_price=draw(st.integers(0, 5_000_000)),
        tax_category=draw(st.sampled_from(DEFAULT_CATEGORIES)),
        sold_by_weight=weighed,
    )
    if weighed:
        quantity = Decimal(draw(st.integers(1, 50_000))).scaleb(-3)
    else:
        quantity = Decimal(draw(st.integers(1, 200)))
    return product, quantity, draw(discounts)


carts = st.lists(line_specs(), min_size=1, max_size=8)


def _build(specs: list[LineSpec], order: Discount | None, skip_ids: int = 0) -> Cart:
    cart = Cart()
    for _ in range(skip_ids):
        cart.remove(cart.add(specs[0][0], specs[0][1], merge=False).line_id)
    for product, quantity, discount in specs:
        line = cart.add(product, quantity, merge=False)
        cart.set_line_discount(line.line_id, discount)
    cart.set_order_discount(order)
    return cart


def _totals(cart: Cart, tax: TaxSettings, step: int) -> Totals:
    return compute_totals(cart.lines, cart.order_discount, tax, step)


@FAST
@given(carts, discounts, tax_settings, steps)
def test_totals_are_the_sum_of_their_parts(
    specs: list[LineSpec], order: Discount | None, tax: TaxSettings, step: int
) -> None:
    t = _totals(_build(specs, order), tax, step)
    assert t.subtotal == sum(lt.gross for lt in t.lines)
    assert t.subtotal - t.line_discounts - t.order_discount == t.net
    assert t.net + t.tax_added + t.rounding == t.total
    assert sum(lt.net for lt in t.lines) == t.net
    assert sum(lt.order_discount for lt in t.lines) == t.order_discount
    assert t.tax_added == sum(x.tax for x in t.taxes if not x.included)
    assert t.tax_included == sum(x.tax for x in t.taxes if x.included)


@FAST
@given(carts, discounts, tax_settings, steps)
def test_no_discount_makes_a_line_or_tax_negative(
    specs: list[LineSpec], order: Discount | None, tax: TaxSettings, step: int
) -> None:
    cart = _build(specs, order)
    t = _totals(cart, tax, step)
    for lt in t.lines:
        assert 0 <= lt.line_discount <= lt.gross
        assert 0 <= lt.order_discount <= lt.gross - lt.line_discount
        assert lt.net >= 0
    categories = {line.product.tax_category.code: line.product.tax_category for line in cart.lines}
    for tax_line in t.taxes:
        assert tax_line.tax >= 0
        assert tax_line.base >= 0
        category_net = sum(lt.net for lt in t.lines if lt.tax_code == tax_line.code)
        if is_inclusive(categories[tax_line.code], tax):
            assert tax_line.base + tax_line.tax == category_net
        else:
            assert tax_line.base == category_net
    assert t.total >= 0


@FAST
@given(carts, discounts, tax_settings, steps)
def test_rounding_stays_within_half_a_step(
    specs: list[LineSpec], order: Discount | None, tax: TaxSettings, step: int
) -> None:
    t = _totals(_build(specs, order), tax, step)
    if step == 0:
        assert t.rounding == 0
    else:
        assert -step < 2 * t.rounding <= step
        assert t.total % step == 0


def _without_ids(t: Totals) -> Totals:
    return dataclasses.replace(t, lines=tuple(dataclasses.replace(lt, line_id=0) for lt in t.lines))


@FAST
@given(carts, discounts, tax_settings, steps, st.integers(1, 5))
def test_same_input_same_totals(
    specs: list[LineSpec], order: Discount | None, tax: TaxSettings, step: int, shift: int
) -> None:
    cart = _build(specs, order)
    first = _totals(cart, tax, step)
    assert _totals(cart, tax, step) == first
    assert _totals(_build(list(specs), order), tax, step) == first
    # The same lines in the same order under other line ids: only the ids may differ.
    assert _without_ids(_totals(_build(specs, order, skip_ids=shift), tax, step)) == _without_ids(
        first
    )


@FAST
@given(st.integers(0, 10_000_000), st.lists(st.integers(0, 5_000_000), max_size=10))
def test_allocation_adds_up_and_never_exceeds_a_weight(amount: int, weights: list[int]) -> None:
    amount = min(amount, sum(weights))
    shares = allocate(amount, weights)
    assert len(shares) == len(weights)
    if sum(weights) > 0:
        assert sum(shares) == amount
    assert all(0 <= s <= w for s, w in zip(shares, weights, strict=True))


@FAST
@given(discounts, st.integers(0, 100_000_000))
def test_a_discount_never_exceeds_the_gross(discount: Discount | None, gross: int) -> None:
    if discount is not None:
        assert 0 <= discount.amount_on(gross) <= gross


tenders = st.one_of(
    st.builds(Tender, st.just(TenderKind.CASH), st.integers(-10, 2_000_000)),
    st.builds(
        Tender,
        st.just(TenderKind.CARD),
        st.integers(1, 2_000_000),
        st.sampled_from(["A1B2C3", ""]),
        st.sampled_from(["4242", "42"]),
    ),
    st.builds(
        Tender,
        st.just(TenderKind.QRIS),
        st.integers(1, 2_000_000),
        reference=st.sampled_from(["QR-1", ""]),
    ),
)


@FAST
@given(st.integers(0, 1_000_000), st.lists(tenders, max_size=6))
def test_change_is_never_negative_and_only_from_cash(due: int, offered: list[Tender]) -> None:
    payment = Payment(due)
    for tender in offered:
        before = list(payment.tenders)
        try:
            payment.add(tender)
        except UserError:
            assert payment.tenders == before
    cash = sum(t.amount for t in payment.tenders if t.kind is TenderKind.CASH)
    assert 0 <= payment.change <= cash
    assert payment.remaining >= 0
    assert sum(t.amount for t in payment.tenders if t.kind is not TenderKind.CASH) <= due
    if payment.is_complete:
        assert payment.paid - payment.change == due


zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=7)), timezone(timedelta(hours=8)), timezone(timedelta(hours=9))]
)


@FAST
@given(
    carts,
    discounts,
    tax_settings,
    steps,
    st.datetimes(timezones=zones),
    st.text(max_size=20),
    st.integers(0, 2_000_000),
)
def test_random_sales_survive_json(
    specs: list[LineSpec],
    order: Discount | None,
    tax: TaxSettings,
    step: int,
    sold_at: object,
    name: str,
    extra_cash: int,
) -> None:
    cart = _build(specs, order)
    totals = _totals(cart, tax, step)
    payment = Payment(totals.total)
    card_part = totals.total // 2
    if card_part > 0:
        payment.add(Tender(TenderKind.CARD, card_part, "APP1", "0001", provider=name))
    if not payment.is_complete:
        payment.add(Tender(TenderKind.CASH, payment.remaining + extra_cash))
    sale = build_sale(
        sale_id="00000000-0000-4000-8000-000000000000",
        receipt_no="T1-1",
        store_code="S1",
        till_code="T1",
        sold_at=sold_at,  # type: ignore[arg-type]
        cashier_code="K1",
        cashier_name=name,
        currency="IDR",
        prices_include_tax=tax.prices_include_tax,
        cart=cart,
        totals=totals,
        payment=payment,
    )
    assert SaleRecord.from_json(json.loads(json.dumps(sale.to_json()))) == sale
    assert sale.change >= 0


@FAST
@given(st.from_regex(r"2[0-9]{0,4}", fullmatch=True), st.data())
def test_every_generated_in_store_code_parses_back(prefix: str, data: st.DataObject) -> None:
    digits = 12 - len(prefix)
    number = data.draw(st.integers(0, 10**digits - 1))
    code = make_in_store_code(prefix, number, digits)
    assert is_valid_gtin(code)
    assert len(code) == 13
    assert parse_store_number(code, prefix) == number
    assert normalize(code) == code
    assert parse_scan(code, ()).code == code


@st.composite
def scale_labels(draw: st.DrawFn) -> tuple[InStoreRule, str, int]:
    prefix = draw(st.from_regex(r"2[0-9]{0,2}", fullmatch=True))
    item_digits = draw(st.integers(1, 11 - len(prefix)))
    value_digits = 12 - len(prefix) - item_digits
    kind = draw(st.sampled_from(ValueKind))
    decimals = 0 if kind is ValueKind.PRICE else draw(st.integers(0, value_digits))
    rule = InStoreRule(prefix, item_digits, value_digits, decimals, kind)
    item = draw(st.integers(0, 10**item_digits - 1))
    value = draw(st.integers(0, 10**value_digits - 1))
    body = f"{prefix}{item:0{item_digits}d}{value:0{value_digits}d}"
    return rule, body + str(gtin_check_digit(body)), value


@FAST
@given(scale_labels())
def test_scale_labels_parse_back_to_their_value(label: tuple[InStoreRule, str, int]) -> None:
    rule, code, value = label
    parsed = parse_in_store(code, [rule])
    assert parsed is not None
    assert parsed.item_code == code[: len(rule.prefix) + rule.item_digits]
    if rule.kind is ValueKind.WEIGHT:
        assert parsed.weight == Decimal(value) / 10**rule.decimals
        assert parsed.price is None
    else:
        assert parsed.price == value
        assert parsed.weight is None


def _reference_check_digit(body: str) -> int:
    """Padded to 17 digits, weights 3,1,3,... from the left: the GS1 table, read the other way."""
    padded = body.rjust(17, "0")
    total = sum(int(d) * (1 if i % 2 else 3) for i, d in enumerate(padded))
    return -total % 10


gtin_bodies = st.sampled_from(sorted(GTIN_LENGTHS)).flatmap(
    lambda n: st.from_regex(rf"[0-9]{{{n - 1}}}", fullmatch=True)
)


@FAST
@given(gtin_bodies)
def test_check_digit_matches_the_reference_and_catches_any_single_error(body: str) -> None:
    check = gtin_check_digit(body)
    assert check == _reference_check_digit(body)
    code = body + str(check)
    assert is_valid_gtin(code)
    for i, digit in enumerate(code):
        wrong = str((int(digit) + 1) % 10)
        assert not is_valid_gtin(code[:i] + wrong + code[i + 1 :])


code_like = st.one_of(
    st.text(),
    st.text(alphabet=" \t]ECA0123456789-", max_size=20),
    gtin_bodies.map(lambda b: b + str(gtin_check_digit(b))),
    st.tuples(st.sampled_from(["", "]E0", "]E4", " ]C1 "]), gtin_bodies).map(
        lambda p: p[0] + p[1] + str(gtin_check_digit(p[1]))
    ),
)


@FAST
@given(code_like)
def test_normalize_is_idempotent(code: str) -> None:
    once = normalize(code)
    assert normalize(once) == once


@FAST
@given(code_like)
def test_normalize_keeps_valid_codes_valid(code: str) -> None:
    once = normalize(code)
    if is_valid_gtin(code.strip()):
        assert is_valid_gtin(once)


@FAST
@given(st.one_of(st.text(), st.tuples(st.text(max_size=4), code_like).map("*".join)))
def test_parse_scan_refuses_only_with_user_errors(text: str) -> None:
    try:
        scan = parse_scan(text)
    except UserError:
        return
    assert scan.code
    assert scan.quantity is None or scan.quantity > 0
