"""Editing the open cart on the sale screen: quantity, line and order discounts, price, removing
a line and voiding the sale.

The sale desk decides (``services.sale.SaleDesk``); here each edit is typed (in the barcode
field or a dialog), handed to the desk, and its outcome shown and journaled. An edit the desk
says needs an approval asks for it on the same screen (``SaleScreen.request_permission``) and
is handed to the desk again with it: a value typed in a dialog asks once the dialog closed, a
key (Del, the second press of Cancel) asks at once. The cart may have moved on meanwhile, so a
refusal then shows on the message strip.

The words are the sale screen's own (translation context ``SaleScreen``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QTimer

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Approval
from pos_desktop.services.sale import CartChange, NeedsApproval, SaleAction, SaleEnded
from pos_desktop.ui.formatting import money

if TYPE_CHECKING:
    from pos_desktop.ui.sale_screen import SaleScreen

T = TypeVar("T")
Attempt = Callable[[Approval | None], T | NeedsApproval]
"""A desk action, handed the approval when it needed one."""


class CartEdits:
    """The cart edits of one sale screen."""

    def __init__(self, screen: SaleScreen) -> None:
        self._screen = screen

    # --- the approval pattern -----------------------------------------------------------------
    def _after_dialog(self, attempt: Attempt[CartChange]) -> None:
        """An edit typed in a dialog; its refusal raises (the dialog shows it). One that needs
        an approval asks once the dialog closed, and runs again with it."""
        outcome = attempt(None)
        if isinstance(outcome, NeedsApproval):
            need = outcome
            QTimer.singleShot(
                0,
                self._screen,
                lambda: self._screen.request_permission(
                    need.permission,
                    lambda approval: self._again(attempt, approval, self._show_edit, done=True),
                    detail=self._detail(need),
                ),
            )
            return
        self._show_edit(outcome)

    def _now(self, attempt: Attempt[T], show: Callable[[T], None]) -> None:
        """An edit from a key: refusals show; one that needs an approval asks for it now and
        runs again with it."""
        try:
            outcome = attempt(None)
        except UserError as error:
            self._screen.show_error(error)
            return
        if isinstance(outcome, NeedsApproval):
            self._screen.request_permission(
                outcome.permission,
                lambda approval: self._again(attempt, approval, show, done=False),
                detail=self._detail(outcome),
            )
            return
        show(outcome)

    def _again(
        self,
        attempt: Attempt[T],
        approval: Approval | None,
        show: Callable[[T], None],
        *,
        done: bool,
    ) -> None:
        """The edit again, with the approval. ``done``: clear the strip and focus the field."""
        screen = self._screen
        try:
            outcome = attempt(approval)
            if isinstance(outcome, NeedsApproval):
                raise UserError("permission.required", permission=outcome.permission.value)
        except UserError as error:
            screen.show_error(error)
            return
        show(outcome)
        if done:
            screen.message.clear_message()
            screen.focus_barcode()

    @staticmethod
    def _detail(need: NeedsApproval) -> str:
        """What the approval dialog says the edit is about."""
        if need.detail:
            return need.detail
        if need.action is SaleAction.ORDER_DISCOUNT:
            return QCoreApplication.translate("SaleScreen", "Order discount")
        if need.action is SaleAction.CANCEL:
            return QCoreApplication.translate("SaleScreen", "Cancel sale")
        return ""

    def _show_edit(self, change: CartChange) -> None:
        """A changed quantity, discount or price: journal it, show it, keep its line selected."""
        screen = self._screen
        screen.journal(change.journal)
        screen.cart_changed(change.totals)
        if change.line is not None:
            screen.select_line(change.line.line_id)

    def _apply_now(self, apply: Callable[[str], None], text: str) -> None:
        screen = self._screen
        try:
            apply(text)
        except UserError as error:
            screen.show_error(error)
            return
        screen.message.clear_message()
        screen.focus_barcode()

    # --- typed values (a refusal raises, for the dialog to show) ------------------------------
    def set_quantity(self, text: str) -> None:
        line_id, desk = self._screen.selected_line_id(), self._screen.desk
        self._after_dialog(lambda approval: desk.set_quantity(line_id, text, approval))

    def apply_line_discount(self, text: str) -> None:
        line_id, desk = self._screen.selected_line_id(), self._screen.desk
        self._after_dialog(lambda approval: desk.line_discount(line_id, text, approval))

    def apply_order_discount(self, text: str) -> None:
        desk = self._screen.desk
        self._after_dialog(lambda approval: desk.order_discount(text, approval))

    def apply_price_override(self, text: str) -> None:
        line_id, desk = self._screen.selected_line_id(), self._screen.desk
        self._after_dialog(lambda approval: desk.override_price(line_id, text, approval))

    # --- keys ---------------------------------------------------------------------------------
    def change_quantity(self, text: str | None = None) -> None:
        """A number typed in the barcode field becomes the selected line's quantity; with an
        empty field a quantity dialog opens."""
        screen = self._screen
        if screen.blocked() or screen.require_line() is None:
            return
        typed = screen.barcode.text().strip() if text is None else text
        if typed:
            try:
                self.set_quantity(typed)
            except UserError as error:
                screen.show_error(error)
                return
            screen.barcode.clear()
            screen.message.clear_message()
            screen.focus_barcode()
            return
        line = screen.session.cart.line(screen.selected_line_id() or 0)
        screen.open_value_dialog(
            QCoreApplication.translate("SaleScreen", "Quantity"),
            QCoreApplication.translate("SaleScreen", "New quantity for %1").replace(
                "%1", line.product.name
            ),
            screen.set_quantity,
            initial=str(line.quantity.normalize()),
            extra_keys=(",",),
        )

    def line_discount(self, text: str | None = None) -> None:
        """Discount on the selected line, ``10%`` or an amount; empty removes it."""
        screen = self._screen
        if screen.blocked() or screen.require_line() is None:
            return
        if text is not None:
            self._apply_now(screen.apply_line_discount, text)
            return
        line = screen.session.cart.line(screen.selected_line_id() or 0)
        screen.open_value_dialog(
            QCoreApplication.translate("SaleScreen", "Line discount"),
            QCoreApplication.translate(
                "SaleScreen", "Discount for %1: type 10% or an amount. Empty removes it."
            ).replace("%1", line.product.name),
            screen.apply_line_discount,
            extra_keys=("%",),
        )

    def order_discount(self, text: str | None = None) -> None:
        """Discount on the whole order, ``10%`` or an amount; empty removes it."""
        screen = self._screen
        if screen.blocked():
            return
        if screen.session.cart.is_empty:
            screen.show_error(UserError("sale.empty"))
            return
        if text is not None:
            self._apply_now(screen.apply_order_discount, text)
            return
        screen.open_value_dialog(
            QCoreApplication.translate("SaleScreen", "Order discount"),
            QCoreApplication.translate(
                "SaleScreen", "Discount on the whole sale: type 10% or an amount. Empty removes it."
            ),
            screen.apply_order_discount,
            extra_keys=("%",),
        )

    def override_price(self, text: str | None = None) -> None:
        """A new unit price for the selected line."""
        screen = self._screen
        if screen.blocked() or screen.require_line() is None:
            return
        if text is not None:
            self._apply_now(screen.apply_price_override, text)
            return
        line = screen.session.cart.line(screen.selected_line_id() or 0)
        screen.open_value_dialog(
            QCoreApplication.translate("SaleScreen", "Change price"),
            QCoreApplication.translate("SaleScreen", "New unit price for %1 (now %2)")
            .replace("%1", line.product.name)
            .replace("%2", money(line.unit_price)),
            screen.apply_price_override,
        )

    def remove_selected_line(self) -> None:
        """Remove the selected line (journaled); late ones need an approval."""
        screen = self._screen
        if screen.blocked():
            return
        line_id = screen.require_line()
        if line_id is None:
            return
        desk = screen.desk
        self._now(lambda approval: desk.remove_line(line_id, approval), self._show_removed)

    def _show_removed(self, change: CartChange) -> None:
        screen = self._screen
        row = screen.model.row_of(change.line.line_id) if change.line is not None else -1
        screen.journal(change.journal)
        screen.cart_changed(change.totals)
        screen.message.clear_message()
        count = len(screen.session.cart.lines)
        if count:
            screen.select_row(min(row, count - 1))
        screen.focus_barcode()

    # --- voiding the sale ---------------------------------------------------------------------
    def cancel_sale(self) -> None:
        """Void the open cart (nothing was saved yet). A second press confirms."""
        screen = self._screen
        if screen.blocked() or screen.session.cart.is_empty:
            return
        button = screen.cancel_sale_button
        if button.property("armed"):
            self._disarm_cancel()
            self._now(screen.desk.cancel_sale, self._show_cancelled)
            return
        button.setProperty("armed", True)
        screen.message.show_warning(
            QCoreApplication.translate("SaleScreen", "Press Cancel again to void this sale.")
        )
        QTimer.singleShot(4000, screen, self._disarm_cancel)

    def _disarm_cancel(self) -> None:
        self._screen.cancel_sale_button.setProperty("armed", False)

    def _show_cancelled(self, ended: SaleEnded | None) -> None:
        if ended is None:
            return
        screen = self._screen
        screen.refresh_profile()
        screen.journal((ended.journal,))
        screen.show_cart()
        screen.message.show_info(QCoreApplication.translate("SaleScreen", "Sale cancelled."))
        screen.focus_barcode()
        screen.saleEnded.emit()
