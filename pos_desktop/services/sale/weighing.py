"""Weighed products at the sale desk: which scans need a weight, and the queue behind a weighing.

A product sold by weight that arrives without a weight (not a scale label, no typed quantity)
is weighed on the scale's own device thread; the desk only waits for the answer, so a slow or
missing scale never blocks a scan. Scans that come back meanwhile wait behind it and go into the
cart after it, in scan order. A moving weight is asked again for a short while by the driver,
then refused like an overload; the cart is never touched by a refused weighing.

A weight typed by hand (no scale, a scale that fails, ``1,5*code``, a changed quantity on a
weighed line) costs the shop money if it is wrong, so it needs the ``MANUAL_WEIGHT`` permission
(by default a supervisor or manager) or a supervisor's approval; on a till without approvals it
is refused. Every typed weight is logged with who typed it, and journaled with the approval.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import replace
from decimal import Decimal
from typing import Final

from pos_desktop.domain.cart import Product
from pos_desktop.domain.errors import UserError
from pos_desktop.services.checkout import Lookup
from pos_desktop.services.ports import StaffMember

log = logging.getLogger(__name__)

SCALE_REFUSALS: Final = frozenset(
    {"scale.in_motion", "scale.overload", "scale.under_zero", "scale.no_weight"}
)
"""The scale works but the weight is not one to sell: refused, never replaced by a typed one.
Any other failure (not connected, no answer, garbled reply) allows a typed weight."""


def needs_weight(lookup: Lookup) -> bool:
    """Sold by weight, and no scale label said how much: a weight label carries the weight, a
    price label the amount the weight came to (``domain.scan.scanned_line``), so neither is
    weighed again nor asks anyone to type a weight."""
    return lookup.product.sold_by_weight and not lookup.scan.from_label


def weighed(lookup: Lookup, kg: Decimal) -> Lookup:
    """``lookup`` carrying ``kg`` as its weight, as if a scale label had said it."""
    return Lookup(scan=replace(lookup.scan, quantity=None, weight=kg), product=lookup.product)


def manual_weight_refused(member: StaffMember | None) -> UserError:
    """Log the refusal and return the error to show (no approval possible)."""
    log.warning(
        "manual weight refused for %s (%s)",
        member.code if member else "-",
        member.role if member else "-",
    )
    return UserError("scale.manual_not_permitted")


def log_manual_weight(member: StaffMember, product: Product, kg: Decimal, why: str) -> None:
    log.warning(
        "manual weight %s kg of %s (%s) typed by %s %s (%s): %s",
        kg,
        product.sku,
        product.name,
        member.code,
        member.name,
        member.role,
        why,
    )


class ScaleQueue:
    """The product waiting for its weight (on the scale, or typed) and the scans behind it."""

    def __init__(self) -> None:
        self.current: Lookup | None = None
        self.scale_error: UserError | None = None
        """Why the scale gave no weight for ``current`` (``None``: not asked, or no scale)."""
        self.waiting: deque[Lookup] = deque()
        self.number = 0
        """The weighing asked last: an answer for an older one is dropped."""

    def start(self, lookup: Lookup, scale_error: UserError | None = None) -> None:
        self.current = lookup
        self.scale_error = scale_error

    def ask_scale(self, lookup: Lookup) -> int:
        """``lookup`` goes on the scale; returns the number its answer must carry."""
        self.start(lookup)
        self.number += 1
        return self.number

    def finish(self, lookup: Lookup) -> bool:
        """``lookup``'s weighing is over; False when it was over already (the desk moved on)."""
        if self.current is not lookup:
            return False
        self.current = None
        self.scale_error = None
        return True

    def next_waiting(self) -> Lookup | None:
        """The oldest scan waiting, once nothing is being weighed."""
        if self.current is not None or not self.waiting:
            return None
        return self.waiting.popleft()

    def drop(self) -> None:
        """Forget the weighing and the scans behind it (the cart is no longer on screen)."""
        if self.current is not None or self.waiting:
            log.info("weighing dropped with %d scan(s) behind it", len(self.waiting))
        self.number += 1
        self.current = None
        self.scale_error = None
        self.waiting.clear()
