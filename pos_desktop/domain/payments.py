"""Tenders and the rule that a sale completes only when fully paid.

The till never sees card data: for a card paid on the bank's EDC terminal it records the approval
code and the last four digits only. QRIS and e-wallets record the reference the customer's app
or the acquirer shows. Only cash can exceed what is due; the excess is change.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from pos_desktop.domain.errors import UserError

MAX_TENDER = 10_000_000_000
"""Rp10 miliar: more is a typo."""

_APPROVAL = re.compile(r"^[A-Za-z0-9]{1,12}$")
_LAST4 = re.compile(r"^[0-9]{4}$")
_REFERENCE = re.compile(r"^[A-Za-z0-9\-_/.]{1,64}$")


class TenderKind(enum.StrEnum):
    CASH = "cash"
    CARD = "card"
    QRIS = "qris"
    EWALLET = "ewallet"


@dataclass(frozen=True, slots=True)
class Tender:
    kind: TenderKind
    amount: int
    approval_code: str = ""
    card_last4: str = ""
    reference: str = ""
    provider: str = ""
    """E-wallet or card network name as the cashier chose it (GoPay, OVO, DANA, BCA ...)."""

    def validate(self) -> None:
        if self.amount <= 0:
            raise UserError("tender.not_positive")
        if self.amount > MAX_TENDER:
            raise UserError("tender.too_large")
        if self.kind is TenderKind.CARD:
            if not _APPROVAL.match(self.approval_code):
                raise UserError("tender.card.approval_code")
            if not _LAST4.match(self.card_last4):
                raise UserError("tender.card.last4")
        elif self.kind in (TenderKind.QRIS, TenderKind.EWALLET) and not _REFERENCE.match(
            self.reference
        ):
            raise UserError("tender.reference")


@dataclass(slots=True)
class Payment:
    """Tenders collected against a total due."""

    total_due: int
    tenders: list[Tender] = field(default_factory=list)

    @property
    def paid(self) -> int:
        return sum(t.amount for t in self.tenders)

    @property
    def remaining(self) -> int:
        return max(0, self.total_due - self.paid)

    @property
    def change(self) -> int:
        return max(0, self.paid - self.total_due)

    @property
    def is_complete(self) -> bool:
        return self.paid >= self.total_due

    def add(self, tender: Tender) -> None:
        """Validate and add; nothing changes when the tender is refused."""
        tender.validate()
        if self.is_complete:
            raise UserError("tender.already_paid")
        if tender.kind is not TenderKind.CASH and tender.amount > self.remaining:
            raise UserError("tender.exceeds_due", remaining=self.remaining)
        self.tenders.append(tender)

    def remove_last(self) -> Tender | None:
        return self.tenders.pop() if self.tenders else None

    def require_complete(self) -> None:
        if not self.is_complete:
            raise UserError("payment.incomplete", remaining=self.remaining)


def quick_cash_amounts(
    due: int, notes: tuple[int, ...] = (2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
) -> list[int]:
    """The exact amount and the next few common notes a customer might hand over."""
    if due <= 0:
        return []
    amounts = [due]
    for note in notes:
        candidate = -(-due // note) * note
        if candidate > due and candidate not in amounts:
            amounts.append(candidate)
    return sorted(amounts)[:5]
