"""Weighed products on the sale screen: the weight comes from the scale, or is typed by someone
allowed to type it.

A product sold by weight that arrives without a weight (not a scale label, no typed quantity)
is weighed on the scale's own device thread; the sale screen only waits for the answer, so a
slow or missing scale never blocks a scan. A moving weight is asked again for a short while by
the driver, then refused like an overload; the cart is never touched by a refused weighing.

A weight typed by hand (no scale, a scale that fails, ``1,5*code``, a changed quantity on a
weighed line) costs the shop money if it is wrong, so it needs the ``MANUAL_WEIGHT`` permission
(by default a supervisor or manager): someone without it gets a supervisor's approval on the
same screen (``ui.approval``), or, on a till without approvals wired, a refusal. Every typed
weight is logged with who typed it (and journaled by the sale screen, with the approval).
"""

from __future__ import annotations

import logging
from concurrent.futures import CancelledError, Future
from dataclasses import replace
from decimal import Decimal
from typing import Final, Protocol

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


class Weigher(Protocol):
    """What the sale screen needs of a scale (``pos_desktop.devices.hub.ScaleDevice``)."""

    def weigh(self) -> Future[Decimal]: ...


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


def outcome(future: Future[Decimal]) -> Decimal | UserError:
    """A finished weighing as the weight or the ``UserError`` to show; runs on any thread."""
    try:
        error = future.exception()
    except CancelledError:
        return UserError("scale.unavailable", detail="cancelled")
    if error is None:
        return future.result()
    if isinstance(error, UserError):
        return error
    log.error("weighing failed: %r", error)
    return UserError("scale.unavailable", detail=str(error))
