"""Weighed products on the sale screen: the scale is asked, an approval or a typed weight is
asked for, and the sale desk decides each step (``services.sale.weighing`` has the rules).

The scale answers on its own device thread (``Weigher``); the answer comes back to the screen by
a queued signal, so a slow or missing scale never blocks a scan, and the desk adds the line or
says why not. A weight typed by hand is asked in a dialog once someone allowed (or approved)
may type it; the product, and the scans behind it, wait until that dialog closes.

The words are the sale screen's own (translation context ``SaleScreen``).
"""

from __future__ import annotations

import logging
from concurrent.futures import CancelledError, Future
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Approval
from pos_desktop.services.checkout import Lookup
from pos_desktop.services.sale import (
    CartChange,
    NeedsApproval,
    Refused,
    TypeWeight,
    WeighOnScale,
    WeightOutcome,
)
from pos_desktop.services.sale.weighing import needs_weight
from pos_desktop.ui.dialogs import ValueDialog

if TYPE_CHECKING:
    from pos_desktop.ui.sale_screen import SaleScreen

log = logging.getLogger(__name__)

__all__ = ["SaleWeighing", "Weigher", "needs_weight", "outcome"]


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


class SaleWeighing(QObject):
    """The sale screen's side of a weighing: each step the desk asks for, shown or asked."""

    _weighed = Signal(int, object)
    """A weighing's number and its ``Decimal`` kg or ``UserError``, from the scale's thread."""

    def __init__(self, screen: SaleScreen) -> None:
        super().__init__(screen)
        self._screen = screen
        self.scale: Weigher | None = None
        """The scale, when one is configured."""
        self._weighed.connect(self._on_weighed, Qt.ConnectionType.QueuedConnection)

    def take(self, step: WeighOnScale | WeightOutcome) -> None:
        """Carry out what the desk said a weighed product needs next."""
        screen = self._screen
        if isinstance(step, WeighOnScale):
            self._ask_scale(step)
        elif isinstance(step, CartChange):
            screen.show_added(step)
        elif isinstance(step, Refused):
            screen.show_error(step.error)
        elif isinstance(step, TypeWeight):
            # After the caller is done: a search dialog that picked the product closes first.
            QTimer.singleShot(0, self, lambda: self._type_weight(step))
        else:
            self._ask_approval(step)

    def _ask_scale(self, ask: WeighOnScale) -> None:
        scale, number = self.scale, ask.number
        if scale is None:
            self._on_weighed(number, UserError("scale.unavailable"))
            return
        self._screen.message.show_info(QCoreApplication.translate("SaleScreen", "Weighing..."))
        future = scale.weigh()
        future.add_done_callback(lambda done: self._weighed.emit(number, outcome(done)))

    def _on_weighed(self, number: int, result: Decimal | UserError) -> None:
        step = self._screen.desk.weighed(number, result)
        if step is None:
            return
        self.take(step)
        self.done()

    def _ask_approval(self, need: NeedsApproval) -> None:
        """A supervisor approves typing the weight; later scans wait behind it meanwhile."""
        screen = self._screen
        lookup = screen.desk.weighing
        if lookup is None:
            return

        def granted(approval: Approval | None) -> None:
            step = screen.desk.approve_weight(lookup, approval)
            if step is not None:
                self.take(step)
                self.done()

        # After the caller is done: a search dialog that picked the product closes first.
        QTimer.singleShot(
            0,
            self,
            lambda: screen.request_permission(
                need.permission, granted, detail=need.detail, on_refused=lambda: self._end(lookup)
            ),
        )

    def _type_weight(self, typing: TypeWeight) -> None:
        """No weight from the scale: someone allowed (or approved) types it in a dialog."""
        screen = self._screen
        lookup, scale_error = typing.lookup, typing.scale_error
        if screen.desk.weighing is not lookup:
            return
        if screen.blocked() or screen.cashier is None:
            screen.desk.abandon_weight(lookup)
            screen.show_error(scale_error or UserError("scale.unavailable"))
            self.done()
            return
        name = lookup.product.name
        if scale_error is None:
            prompt = QCoreApplication.translate("SaleScreen", "Type the weight of %1 in kg.")
        else:
            prompt = QCoreApplication.translate(
                "SaleScreen", "The scale could not weigh %1. Type its weight in kg."
            )

        def apply(text: str) -> None:
            screen.show_added(screen.desk.enter_weight(typing, text))

        dialog = ValueDialog(
            QCoreApplication.translate("SaleScreen", "Weight"),
            prompt.replace("%1", name),
            apply,
            extra_keys=(",",),
            parent=screen,
        )
        dialog.setObjectName("weightDialog")
        dialog.finished.connect(lambda _result: self._end(lookup))
        screen.show_dialog(dialog)

    def _end(self, lookup: Lookup) -> None:
        """No (more) weight for ``lookup``: the approval was refused or the dialog closed."""
        if self._screen.desk.abandon_weight(lookup):
            self.done()

    def done(self) -> None:
        """Add the scans that waited behind the weighing, in order, then pay if asked to."""
        screen = self._screen
        while (waiting := screen.desk.next_waiting()) is not None:
            screen.add_lookup(waiting)
        screen.pay_if_asked()
