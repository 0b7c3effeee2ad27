"""Refunds: never more than sold, partial refunds add up exactly, tenders and pembulatan."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_desktop.domain.cart import Cart, Discount, Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.refund import (
    RefundRecord,
    build_refund,
    refundable,
    split_tenders,
    tender_contributions,
)
from pos_desktop.domain.sale import SaleRecord, build_sale
from pos_desktop.domain.tax import EXEMPT, PB1, PPN_STANDARD, TaxSettings
from pos_desktop.domain.totals import compute_totals

WIB = timezone(timedelta(hours=7))
NOW = datetime(2025, 3, 2, 10, 0, tzinfo=WIB)
MIE = Product("p-mie", "MIE", "Mie goreng", 3_100, PPN_STANDARD)
AQUA = Product("p-aqua", "AQUA", "Aqua 600 ml", 4_000, EXEMPT)
BERAS = Product("p-beras", "BERAS", "Beras curah", 14_000, EXEMPT, sold_by_weight=True, unit="kg")
KOPI = Product("p-kopi", "KOPI", "Kopi susu", 18_000, PB1)


def make_sale(
    items: Sequence[tuple[Product, str]],
    *,
    tenders: Sequence[Tender] | None = None,
    order_discount: Discount | None = None,
    settings_: TaxSettings = TaxSettings(ppn_enabled=True, prices_include_tax=True),
    step: int = 100,
    store_code: str = "S01",
) -> SaleRecord:
    cart = Cart()
    for product, qty in items:
        cart.add(product, Decimal(qty), merge=False)
    cart.set_order_discount(order_discount)
    totals = compute_totals(cart.lines, cart.order_discount, settings_, step)
    payment = Payment(totals.total)
    for tender in tenders or (Tender(TenderKind.CASH, totals.total),):
        payment.add(tender)
    return build_sale(
        sale_id=str(uuid.uuid4()),
        receipt_no=f"{store_code}-T01-000001",
        store_code=store_code,
        till_code="T01",
        sold_at=NOW - timedelta(days=1),
        cashier_code="K01",
        cashier_name="Siti",
        currency="IDR",
        prices_include_tax=settings_.prices_include_tax,
        cart=cart,
        totals=totals,
        payment=payment,
    )


def refund(
    sale: SaleRecord,
    requested: dict[int, Decimal],
    earlier: Sequence[RefundRecord] = (),
    *,
    to_cash: bool = False,
    step: int = 100,
) -> RefundRecord:
    return build_refund(
        sale,
        requested,
        earlier,
        to_cash,
        refund_id=str(uuid.uuid4()),
        refund_no="S01-T01-R000001",
        store_code="S01",
        till_code="T01",
        refunded_at=NOW,
        cashier_code="K02",
        cashier_name="Budi",
        reason="damaged",
        approver_code="M01",
        approver_name="Pak Manajer",
        rounding_step=step,
    )


def test_a_full_refund_gives_back_exactly_what_was_paid() -> None:
    sale = make_sale([(MIE, "3"), (BERAS, "1.255")], order_discount=Discount.amount(777))
    r = refund(sale, {1: Decimal(3), 2: Decimal("1.255")})
    assert r.total == sale.total
    assert sum(t.amount for t in r.tenders) == sale.total
    assert [ln.amount for ln in r.lines] == [ln.net for ln in sale.lines]
    assert r.tax_included == sum(t.tax for t in sale.taxes if t.included)
    assert refundable(sale, [r]) == {1: Decimal(0), 2: Decimal(0)}


def test_partial_refunds_add_up_to_the_line_net_and_the_rest_is_refused() -> None:
    sale = make_sale([(MIE, "3")], order_discount=Discount.amount(100))
    net = sale.lines[0].net  # 9200: not divisible by 3
    first = refund(sale, {1: Decimal(1)})
    second = refund(sale, {1: Decimal(1)}, [first])
    third = refund(sale, {1: Decimal(1)}, [first, second])
    assert first.lines[0].amount + second.lines[0].amount + third.lines[0].amount == net
    assert first.total + second.total + third.total == sale.total
    assert all(r.total % 100 == 0 for r in (first, second, third))
    with pytest.raises(UserError) as exc:
        refund(sale, {1: Decimal(1)}, [first, second, third])
    assert exc.value.code == "refund.exceeds_sold"
    assert exc.value.params == {"name": "Mie goreng", "remaining": "0"}


def test_more_than_remains_is_refused_with_what_remains() -> None:
    sale = make_sale([(AQUA, "5")])
    first = refund(sale, {1: Decimal(2)})
    with pytest.raises(UserError) as exc:
        refund(sale, {1: Decimal(4)}, [first])
    assert exc.value.code == "refund.exceeds_sold"
    assert exc.value.params["remaining"] == "3"
    assert exc.value.params["name"] == "Aqua 600 ml"


def test_the_same_earlier_refund_counted_twice_is_counted_once() -> None:
    sale = make_sale([(AQUA, "2")])
    first = refund(sale, {1: Decimal(1)})
    assert refundable(sale, [first, first]) == {1: Decimal(1)}
    refund(sale, {1: Decimal(1)}, [first, first])


@pytest.mark.parametrize(
    ("requested", "code"),
    [
        ({1: Decimal(-1)}, "refund.quantity_not_positive"),
        ({1: Decimal("1.5")}, "refund.quantity_not_whole"),
        ({1: Decimal("NaN")}, "refund.quantity_invalid"),
        ({2: Decimal("0.0005")}, "refund.quantity_invalid"),
        ({2: Decimal("-0.5")}, "refund.quantity_not_positive"),
        ({9: Decimal(1)}, "refund.no_such_line"),
        ({}, "refund.nothing_selected"),
        ({1: Decimal(0)}, "refund.nothing_selected"),
    ],
)
def test_bad_requests_are_refused(requested: dict[int, Decimal], code: str) -> None:
    sale = make_sale([(MIE, "3"), (BERAS, "1.255")])
    with pytest.raises(UserError) as exc:
        refund(sale, requested)
    assert exc.value.code == code


def test_weighed_items_may_be_returned_in_part() -> None:
    sale = make_sale([(BERAS, "1.255")])
    r = refund(sale, {1: Decimal("0.5")})
    assert r.lines[0].quantity == Decimal("0.500")
    assert r.lines[0].amount == round(sale.lines[0].net * 500 / 1255)


def test_a_sale_of_another_store_is_refused() -> None:
    sale = make_sale([(AQUA, "1")], store_code="S02")
    with pytest.raises(UserError) as exc:
        refund(sale, {1: Decimal(1)})
    assert exc.value.code == "refund.other_store"


def test_tax_added_on_top_is_given_back_on_top() -> None:
    sale = make_sale([(KOPI, "2"), (AQUA, "1")], step=0)
    r = refund(sale, {1: Decimal(1)}, step=0)
    line = r.lines[0]
    assert not line.tax_included and line.tax == 1_800
    assert r.total == line.amount + 1_800 == 19_800
    rest = refund(sale, {1: Decimal(1), 2: Decimal(1)}, [r], step=0)
    assert r.total + rest.total == sale.total
    assert r.tax_added + rest.tax_added == sale.tax_added


def test_tenders_go_back_in_proportion_with_cash_last() -> None:
    sale = make_sale(
        [(AQUA, "5")],
        tenders=[
            Tender(TenderKind.CARD, 7_000, approval_code="A1", card_last4="1234", provider="BCA"),
            Tender(TenderKind.CASH, 20_000),
        ],
    )
    assert tender_contributions(sale) == [7_000, 13_000]
    r = refund(sale, {1: Decimal(1)})
    assert r.total == 4_000
    card, cash = r.tenders
    assert (card.kind, card.amount, card.card_last4, card.original_tender_no) == (
        TenderKind.CARD,
        1_400,
        "1234",
        1,
    )
    assert (cash.kind, cash.amount, cash.original_tender_no) == (TenderKind.CASH, 2_600, 2)
    everything = refund(sale, {1: Decimal(4)}, [r])
    card_total = sum(
        t.amount for x in (r, everything) for t in x.tenders if t.kind is TenderKind.CARD
    )
    assert card_total == 7_000


def test_refund_all_to_cash() -> None:
    sale = make_sale([(AQUA, "2")], tenders=[Tender(TenderKind.QRIS, 8_000, reference="Q1")])
    r = refund(sale, {1: Decimal(1)}, to_cash=True)
    assert [(t.kind, t.amount) for t in r.tenders] == [(TenderKind.CASH, 4_000)]
    back = refund(sale, {1: Decimal(1)}, to_cash=False)
    assert [(t.kind, t.amount, t.reference) for t in back.tenders] == [
        (TenderKind.QRIS, 4_000, "Q1")
    ]


def test_split_never_gives_a_non_cash_tender_more_than_it_paid() -> None:
    sale = make_sale(
        [(AQUA, "3")],
        tenders=[
            Tender(TenderKind.QRIS, 5_001, reference="Q1"),
            Tender(TenderKind.EWALLET, 6_999, reference="E1", provider="OVO"),
        ],
        step=0,
    )
    done: list[RefundRecord] = []
    for _ in range(3):
        done.append(refund(sale, {1: Decimal(1)}, done, step=0))
    per_tender = [0, 0]
    for r in done:
        for t in r.tenders:
            assert t.kind is not TenderKind.CASH
            per_tender[t.original_tender_no - 1] += t.amount
    assert per_tender == [5_001, 6_999]


def test_zero_total_refund_has_no_tenders() -> None:
    assert split_tenders(make_sale([(AQUA, "1")]), 0, [], to_cash=False) == ()


def test_json_round_trip_is_identical() -> None:
    sale = make_sale([(MIE, "3"), (BERAS, "1.255")])
    r = refund(sale, {2: Decimal("0.255"), 1: Decimal(2)})
    data = json.loads(json.dumps(r.to_json()))
    assert data["schema"] == 1
    assert RefundRecord.from_json(data) == r
    assert [ln["line_no"] for ln in data["lines"]] == [1, 2]


def test_unknown_schema_is_refused() -> None:
    sale = make_sale([(AQUA, "1")])
    data = refund(sale, {1: Decimal(1)}).to_json()
    data["schema"] = 99
    with pytest.raises(ValueError, match="schema"):
        RefundRecord.from_json(data)


@settings(max_examples=150, deadline=None)
@given(
    price=st.integers(min_value=0, max_value=500_000),
    sold=st.integers(min_value=1, max_value=12),
    discount=st.integers(min_value=0, max_value=3_000),
    step=st.sampled_from([0, 100, 500, 1000]),
    data=st.data(),
)
def test_partial_refunds_in_any_order_add_up_exactly(
    price: int, sold: int, discount: int, step: int, data: st.DataObject
) -> None:
    product = Product("p", "P", "Barang", price, PPN_STANDARD)
    other = Product("q", "Q", "Lain", 2_500, PB1)
    sale = make_sale(
        [(product, str(sold)), (other, "2")],
        order_discount=Discount.amount(discount),
        step=step,
    )
    # Split each line's quantity into parts, then return the parts in a random interleaving.
    parts: list[tuple[int, int]] = []
    for ln in sale.lines:
        left = int(ln.quantity)
        while left > 0:
            take = data.draw(st.integers(min_value=1, max_value=left))
            parts.append((ln.line_no, take))
            left -= take
    order = data.draw(st.permutations(parts))
    done: list[RefundRecord] = []
    for line_no, qty in order:
        r = refund(sale, {line_no: Decimal(qty)}, done, step=step)
        assert r.total >= 0 and all(ln.amount >= 0 for ln in r.lines)
        done.append(r)
        for ln in sale.lines:
            given_back = sum(x.amount for d in done for x in d.lines if x.line_no == ln.line_no)
            assert given_back <= ln.net
        assert sum(d.total for d in done) <= sale.total
        assert sum(t.amount for t in r.tenders) == r.total
    for ln in sale.lines:
        assert sum(x.amount for d in done for x in d.lines if x.line_no == ln.line_no) == ln.net
    assert sum(d.total for d in done) == sale.total
    assert sum(d.tax_added for d in done) == sale.tax_added
