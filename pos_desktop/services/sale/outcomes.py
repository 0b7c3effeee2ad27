"""What a cashier's action at the sale desk did, as values the screen shows and journals.

An action either went ahead (``CartChange``, ``SaleEnded``, ``Parked``, ...) or needs someone
else's yes first (``NeedsApproval``); a refusal is a ``UserError`` raised before anything
changed. The screen shows the first, asks for the approval on the second and then calls the same
action again with it, and shows the third: one pattern for every action, as the shift's use
cases already follow (``services.shifts``).

A ``JournalDraft`` is what the action asks to be written to the audit journal; the desk does no
storage, so the screen hands it to the database thread.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pos_desktop.domain.cart import Cart, CartLine, Discount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.payments import Payment
from pos_desktop.domain.permissions import Approval, Permission
from pos_desktop.domain.totals import Totals
from pos_desktop.services.checkout import Lookup, SaleSession
from pos_desktop.services.ports import StaffMember


class SaleAction(enum.StrEnum):
    """Which action an approval is asked for, so the screen can name it in its own words."""

    WEIGHT = "weight"
    QUANTITY = "quantity"
    LINE_DISCOUNT = "line_discount"
    ORDER_DISCOUNT = "order_discount"
    PRICE = "price"
    REMOVE = "remove"
    CANCEL = "cancel"


@dataclass(frozen=True, slots=True)
class JournalDraft:
    """An audit journal entry to write for the person at the till (``ApprovalService.record``)."""

    kind: JournalKind
    approval: Approval | None
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class NeedsApproval:
    """The action waits for a supervisor's approval of ``permission``; nothing changed yet.

    ``detail`` names what it is about (a product, a price change); empty for the whole sale,
    which the screen names from ``action``."""

    permission: Permission
    action: SaleAction
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CartChange:
    """The cart after an action: the line it touched and what to journal."""

    line: CartLine | None
    """The line added, changed or removed; ``None`` for the order as a whole."""
    totals: Totals
    journal: tuple[JournalDraft, ...] = ()
    added: bool = False
    """A scan or a search put this line in the cart (or added to it)."""
    removed: bool = False


@dataclass(frozen=True, slots=True)
class Queued:
    """The scan waits behind a weighing and is added after it, in scan order."""

    lookup: Lookup


@dataclass(frozen=True, slots=True)
class WeighOnScale:
    """Ask the scale for ``lookup``'s weight; hand the answer back with ``number``."""

    number: int
    lookup: Lookup


@dataclass(frozen=True, slots=True)
class TypeWeight:
    """Someone allowed (or approved) types ``lookup``'s weight; ``scale_error`` says why the
    scale did not give it (``None``: no scale on this till)."""

    lookup: Lookup
    scale_error: UserError | None
    approval: Approval | None


@dataclass(frozen=True, slots=True)
class Refused:
    """A weighing ended without a line: show ``error``, then the scans behind it go on."""

    error: UserError


@dataclass(frozen=True, slots=True)
class SaleEnded:
    """The open sale was voided; the session is empty again."""

    journal: JournalDraft


@dataclass(frozen=True, slots=True)
class Parked:
    """The cart taken off the till to be stored as a parked sale (``HeldCartStore.hold``)."""

    session: SaleSession
    cart: Cart
    total: int
    actor: StaffMember
    at: datetime


@dataclass(frozen=True, slots=True)
class PaymentWaits:
    """Scans are still being looked up or weighed: payment opens once they are in."""


@dataclass(frozen=True, slots=True)
class PaymentDue:
    """Payment may open for this total."""

    payment: Payment
    total: int


AddOutcome = CartChange | Queued | WeighOnScale | TypeWeight | NeedsApproval
WeightOutcome = CartChange | TypeWeight | NeedsApproval | Refused


def discount_data(discount: Discount | None) -> dict[str, Any] | None:
    return None if discount is None else {"kind": discount.kind.value, "value": discount.value}


def line_data(line: CartLine) -> dict[str, Any]:
    """A line as the journal keeps it: JSON-able, quantity as text."""
    return {
        "line_id": line.line_id,
        "sku": line.product.sku,
        "name": line.product.name,
        "quantity": str(line.quantity),
        "unit_price": line.unit_price,
        "gross": line.gross,
        "discount": discount_data(line.discount),
        "added_at": line.added_at.isoformat() if line.added_at is not None else None,
    }
