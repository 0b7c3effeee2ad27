"""Parked sales on the sale screen: park the cart (F8) so the next customer can be served, and
recall it (F3) later, even after a restart.

The sale desk takes the cart off the till at once (``SaleDesk.park``) and the parked copy is
written on the database thread; should that fail, the cart comes back. A recalled cart goes only
into the empty cart it was asked for: one scanned into meanwhile gets it parked again rather than
two customers' goods mixed.

The words are the sale screen's own (translation context ``SaleScreen``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_desktop.domain.cart import Cart
from pos_desktop.domain.errors import UserError
from pos_desktop.services.checkout import HeldCart
from pos_desktop.ui.held_dialog import HeldDialog
from pos_desktop.ui.ops import park_sale, recall_parked_sale

if TYPE_CHECKING:
    from pos_desktop.ui.sale_screen import SaleScreen


class ParkedSales:
    """Parking and recalling for one sale screen."""

    def __init__(self, screen: SaleScreen) -> None:
        self._screen = screen

    def hold_sale(self) -> None:
        """Park the cart (it survives a restart) and start an empty one."""
        screen = self._screen
        if screen.blocked() or screen.cashier is None:
            return
        ops = screen.operations
        if ops is None:
            screen.show_error(UserError("operations.unavailable"))
            return
        try:
            parked = screen.desk.park()
        except UserError as error:
            screen.show_error(error)
            return
        # The screen moves on at once; the parked copy is written on the database thread.
        screen.refresh_profile()
        screen.show_cart()

        def failed(error: UserError) -> None:
            if screen.desk.unpark(parked):
                screen.show_cart()
            screen.show_error(error)

        def done(held: HeldCart) -> None:
            screen.message.show_info(
                QCoreApplication.translate("SaleScreen", "Sale parked. F3 recalls it.")
            )
            screen.saleEnded.emit()  # only once the parked copy is safe

        park_sale(
            ops.held, parked.cart, total=parked.total, label="", actor=parked.actor, now=parked.at
        ).success(done).failure(failed).run(screen.worker)
        screen.focus_barcode()

    def recall_sale(self) -> HeldDialog | None:
        """Choose a parked sale and continue it (only with an empty cart)."""
        screen = self._screen
        if screen.blocked() or screen.cashier is None:
            return None
        ops = screen.operations
        if ops is None:
            screen.show_error(UserError("operations.unavailable"))
            return None
        try:
            screen.desk.check_recall()
        except UserError as error:
            screen.show_error(error)
            return None
        dialog = HeldDialog(ops.held, screen.worker, screen)
        dialog.chosen.connect(screen.recall)
        screen.show_dialog(dialog)
        return dialog

    def recall(self, hold_id: str) -> None:
        screen = self._screen
        ops, cashier = screen.operations, screen.cashier
        if ops is None or cashier is None:
            return
        now = screen.desk.clock()
        session = screen.session

        def recalled(cart: Cart) -> None:
            if not screen.desk.recalled(cart, session):
                # Scanned meanwhile: park it again rather than mix two customers' goods.
                park_sale(
                    ops.held, cart, total=0, label="recalled twice", actor=cashier, now=now
                ).failure(screen.show_error).run(screen.worker)
                screen.show_error(UserError("held.cart_not_empty"))
                return
            screen.show_cart()
            if cart.lines:
                screen.select_row(len(cart.lines) - 1)
            screen.message.show_info(
                QCoreApplication.translate("SaleScreen", "Parked sale recalled.")
            )
            screen.focus_barcode()

        recall_parked_sale(ops.held, hold_id, actor=cashier, now=now).success(recalled).failure(
            screen.show_error
        ).run(screen.worker)
