"""Tenders: change from cash only, card and QRIS references, split tender, completeness."""

from __future__ import annotations

import pytest

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import (
    MAX_TENDER,
    Payment,
    Tender,
    TenderKind,
    quick_cash_amounts,
)

CARD = Tender(TenderKind.CARD, 50_000, approval_code="A1B2C3", card_last4="4242", provider="BCA")


def test_cash_over_tender_gives_change() -> None:
    payment = Payment(81_500)
    payment.add(Tender(TenderKind.CASH, 100_000))
    assert payment.is_complete
    assert (payment.paid, payment.remaining, payment.change) == (100_000, 0, 18_500)
    payment.require_complete()


def test_split_tender_card_then_cash() -> None:
    payment = Payment(81_500)
    payment.add(CARD)
    assert payment.remaining == 31_500
    assert not payment.is_complete
    payment.add(Tender(TenderKind.CASH, 40_000))
    assert payment.change == 8_500
    assert payment.is_complete


def test_split_tender_exact_with_qris() -> None:
    payment = Payment(81_500)
    payment.add(Tender(TenderKind.CASH, 20_000))
    payment.add(Tender(TenderKind.QRIS, 61_500, reference="QR-20250101-0001"))
    assert (payment.remaining, payment.change) == (0, 0)


@pytest.mark.parametrize(
    ("tender", "code"),
    [
        (Tender(TenderKind.CASH, 0), "tender.not_positive"),
        (Tender(TenderKind.CASH, -5), "tender.not_positive"),
        (Tender(TenderKind.CASH, MAX_TENDER + 1), "tender.too_large"),
        (Tender(TenderKind.CARD, 1_000, card_last4="4242"), "tender.card.approval_code"),
        (Tender(TenderKind.CARD, 1_000, "AB 12", "4242"), "tender.card.approval_code"),
        (Tender(TenderKind.CARD, 1_000, "A1", "42a2"), "tender.card.last4"),
        (Tender(TenderKind.CARD, 1_000, "A1", "4111111111111111"), "tender.card.last4"),
        (Tender(TenderKind.QRIS, 1_000), "tender.reference"),
        (Tender(TenderKind.EWALLET, 1_000, reference="no spaces"), "tender.reference"),
    ],
)
def test_invalid_tenders_are_refused_without_change(tender: Tender, code: str) -> None:
    payment = Payment(81_500)
    payment.add(Tender(TenderKind.CASH, 1_000))
    with pytest.raises(UserError) as err:
        payment.add(tender)
    assert err.value.code == code
    assert payment.tenders == [Tender(TenderKind.CASH, 1_000)]


@pytest.mark.parametrize(
    "tender",
    [
        Tender(TenderKind.CARD, 90_000, approval_code="A1", card_last4="4242"),
        Tender(TenderKind.QRIS, 81_501, reference="R1"),
        Tender(TenderKind.EWALLET, 100_000, reference="R1", provider="GoPay"),
    ],
)
def test_non_cash_cannot_exceed_what_is_due(tender: Tender) -> None:
    payment = Payment(81_500)
    with pytest.raises(UserError) as err:
        payment.add(tender)
    assert err.value.code == "tender.exceeds_due"
    assert err.value.params == {"remaining": 81_500}
    assert payment.tenders == []


def test_incomplete_payment_is_refused() -> None:
    payment = Payment(81_500)
    payment.add(Tender(TenderKind.CASH, 50_000))
    with pytest.raises(UserError) as err:
        payment.require_complete()
    assert err.value.code == "payment.incomplete"
    assert err.value.params == {"remaining": 31_500}


def test_no_tender_after_full_payment() -> None:
    payment = Payment(10_000)
    payment.add(Tender(TenderKind.CASH, 10_000))
    with pytest.raises(UserError) as err:
        payment.add(Tender(TenderKind.CASH, 1_000))
    assert err.value.code == "tender.already_paid"
    assert payment.paid == 10_000


def test_remove_last_tender() -> None:
    payment = Payment(10_000)
    assert payment.remove_last() is None
    payment.add(Tender(TenderKind.CASH, 4_000))
    assert payment.remove_last() == Tender(TenderKind.CASH, 4_000)
    assert payment.remaining == 10_000


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (81_500, [81_500, 82_000, 85_000, 90_000, 100_000]),
        (100_000, [100_000]),
        (1_500, [1_500, 2_000, 5_000, 10_000, 20_000]),
        (0, []),
    ],
)
def test_quick_cash_amounts(due: int, expected: list[int]) -> None:
    assert quick_cash_amounts(due) == expected
