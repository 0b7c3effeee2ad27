"""Staff changes the cloud made, felt at the till: log out at a sale boundary, change one's PIN.

The decision lives in ``services.staff`` (Qt-free); this panel only asks it at the right moments
and acts on the answer. The moments are sale boundaries: a sale completed, cancelled or parked,
and, while the cart is empty, every ``DUTY_CHECK_MS``. A cart in progress is never interrupted;
a cashier deactivated mid-cart finishes that sale and is logged out after it, with the reason on
the login screen (and, after a cash sale, the change the customer is due, which the change
screen was about to show).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from pos_desktop.domain.errors import UserError
from pos_desktop.services.ports import StaffMember
from pos_desktop.services.staff import staff_service
from pos_desktop.ui.ops import check_on_duty
from pos_desktop.ui.pin_change_dialog import PinChangeDialog

if TYPE_CHECKING:
    from pos_desktop.services.changes import TillChanges
    from pos_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DUTY_CHECK_MS = 20_000
"""How often an idle, empty till asks whether the person logged in may still be there."""


class StaffPanel(QObject):
    loggedOut = Signal(object)
    """The ``UserError`` saying why the person at the till was logged out."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = staff_service(window.context.staff, window.context.clock)
        self._checking = False
        self.dialog: PinChangeDialog | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(DUTY_CHECK_MS)
        self.timer.timeout.connect(self._idle_check)
        if self.service is None:
            return
        window.changes.subscribe(self._changed_till)
        window.sale.add_operation(
            "change_pin",
            lambda: QCoreApplication.translate("StaffPanel", "Change my PIN"),
            self.change_own_pin,
        )
        window.login.changePinRequested.connect(self.change_pin_for)
        window.login.show_change_pin(True)
        self.timer.start()

    # --- logging out at a sale boundary -----------------------------------------------------
    def _idle_check(self) -> None:
        window = self.window
        on_sale = window.stack.currentWidget() is window.sale
        if on_sale and window.sale.dialog is None and window.cart_empty:
            self.check_now()

    def _changed_till(self, changes: TillChanges) -> None:
        if changes.sale is not None:
            self.check_now(change=changes.sale.sale.change)
        elif changes.sale_ended:
            self.check_now()

    def check_now(self, change: int = 0) -> None:
        """Ask storage (on the database thread) whether the person logged in may stay."""
        cashier = self.window.cashier
        service = self.service
        if cashier is None or service is None or self._checking:
            return
        if not self.window.worker.accepting:
            return
        self._checking = True
        check_on_duty(service, cashier).success(
            lambda reason: self._checked(cashier, reason, change)
        ).failure(self._check_failed).run(self.window.worker)

    def _check_failed(self, error: UserError) -> None:
        self._checking = False
        log.warning("could not check the staff member on duty: %s", error)

    def _checked(self, cashier: StaffMember, reason: UserError | None, change: int) -> None:
        self._checking = False
        window = self.window
        if reason is None or window.cashier != cashier or not window.cart_empty:
            return  # allowed, someone else by now, or a new sale started: the next boundary
        if change > 0 and reason.code == "staff.deactivated":
            reason = UserError("staff.deactivated_change", name=cashier.name, amount=change)
        window.sale.close_dialog()
        window.logout()
        if window.cashier is not None:
            return
        log.info("%s logged out at a sale boundary: %s", cashier.code, reason.code)
        window.login.message.show_error(reason, window.login.pin)
        window.login.refresh_staff()
        self.loggedOut.emit(reason)

    # --- one's own PIN ------------------------------------------------------------------------
    def change_own_pin(self) -> PinChangeDialog | None:
        """F9: the person logged in changes their PIN."""
        cashier = self.window.cashier
        if cashier is None:
            return None
        return self.change_pin_for(cashier, parent_is_sale=True)

    def change_pin_for(
        self, member: StaffMember, *, parent_is_sale: bool = False
    ) -> PinChangeDialog | None:
        service = self.service
        if service is None or self.dialog is not None:
            return None
        parent = self.window.sale if parent_is_sale else self.window.login
        dialog = PinChangeDialog(member, service, self.window.worker, parent)
        self.dialog = dialog
        dialog.changed.connect(self._changed)
        dialog.finished.connect(self._closed)
        dialog.open()
        return dialog

    def _changed(self, member: StaffMember) -> None:
        text = QCoreApplication.translate("StaffPanel", "PIN of %1 changed.").replace(
            "%1", member.name
        )
        if self.window.stack.currentWidget() is self.window.sale:
            self.window.sale.message.show_info(text)
        else:
            self.window.login.message.show_info(text)

    def _closed(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
