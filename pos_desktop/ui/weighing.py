"""The scale as the sale screen sees it: a ``Weigher`` whose answer comes back on its own
thread, read into the weight or the ``UserError`` to show.

The rules for weighed products (which scans need a weight, who may type one, what a refused
weight means) are the sale desk's (``services.sale.weighing``); the screen asks the scale and
hands the answer to the desk.
"""

from __future__ import annotations

import logging
from concurrent.futures import CancelledError, Future
from decimal import Decimal
from typing import Protocol

from pos_desktop.domain.errors import UserError
from pos_desktop.services.sale.weighing import needs_weight

log = logging.getLogger(__name__)

__all__ = ["Weigher", "needs_weight", "outcome"]


class Weigher(Protocol):
    """What the sale screen needs of a scale (``pos_desktop.devices.hub.ScaleDevice``)."""

    def weigh(self) -> Future[Decimal]: ...


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
