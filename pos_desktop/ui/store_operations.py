"""Shifts and refunds on the till's window: the F9 menu entries, and no sale outside a shift.

Kept beside the main window (as ``DevicePanel`` is) so the window stays a frame: this panel opens
the shift and refund dialogs over the sale screen, asks a supervisor or manager when the person
at the till lacks a permission, and prints X and Z reports once as they are made. Every storage
call goes through the database worker; nothing here waits on the Qt thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Approval, Permission, ReasonCode
from pos_desktop.domain.shift_report import MovementKind, ShiftInfo, ShiftReport
from pos_desktop.services.changes import TillChanges
from pos_desktop.services.ports import StaffMember
from pos_desktop.services.refunds import CommittedRefund
from pos_desktop.services.shifts import cart_refusal
from pos_desktop.ui.formatting import money
from pos_desktop.ui.ops import current_shift, x_report
from pos_desktop.ui.refund_dialog import RefundDialog
from pos_desktop.ui.shift_dialogs import (
    CashMovementDialog,
    CloseShiftDialog,
    OpenShiftDialog,
    ReportDialog,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from pos_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class StoreOperationsPanel(QObject):
    """The window's shift state and the shift/refund entries of the operations menu."""

    shiftChanged = Signal(object)
    """The open ``ShiftInfo``, or ``None`` after a close."""
    refunded = Signal(object)
    """A ``CommittedRefund``."""
    reportReady = Signal(object)
    """A ``ReportDialog`` just opened for a new X or Z report."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.shift: ShiftInfo | None = None
        self.shift_known = False
        """The shift state was loaded since the last login (``shift`` is then meaningful)."""
        context = window.context
        sale = window.sale
        if context.operations is not None:
            sale.set_operations(context.operations)
            window.login.set_operations(context.operations)
        if context.shifts is not None:
            sale.add_operation(
                "cash_in",
                lambda: QCoreApplication.translate("StoreOperations", "Cash in"),
                self.cash_in,
            )
            sale.add_operation(
                "cash_out",
                lambda: QCoreApplication.translate("StoreOperations", "Cash out"),
                self.cash_out,
            )
            sale.add_operation(
                "x_report",
                lambda: QCoreApplication.translate("StoreOperations", "X report"),
                self.x_report,
            )
            sale.add_operation(
                "close_shift",
                lambda: QCoreApplication.translate("StoreOperations", "Close shift (Z)"),
                self.close_shift,
            )
            sale.payment_guard = self._shift_open_or_ask
            sale.scan_guard = self._may_scan_or_ask
        if context.refunds is not None:
            sale.add_operation(
                "refund",
                lambda: QCoreApplication.translate("StoreOperations", "Return / refund"),
                self.open_refund,
            )
        window.changes.subscribe(self._till_changed)

    def _till_changed(self, changes: TillChanges) -> None:
        if changes.cashier is not None:
            self.logged_in()

    # --- helpers ------------------------------------------------------------------------------
    @property
    def _cashier(self) -> StaffMember | None:
        return self.window.cashier

    def _request_approval(self, permission: Permission, retry: Callable[[Approval], None]) -> None:
        def granted(approval: Approval | None) -> None:
            if approval is not None:
                retry(approval)

        self.window.sale.request_permission(permission, granted)

    # --- the shift ----------------------------------------------------------------------------
    def logged_in(self) -> None:
        """After each login: load the shift; with none open, ask for the opening float."""
        shifts = self.window.context.shifts
        self.shift_known = False
        if shifts is None:
            return
        current_shift(shifts).success(lambda info: self._shift_loaded(info, ask=True)).failure(
            self.window.sale.show_error
        ).run(self.window.worker)

    def _shift_loaded(self, info: ShiftInfo | None, *, ask: bool) -> None:
        self.shift = info
        self.shift_known = True
        self.shiftChanged.emit(info)
        if info is None and ask and self._cashier is not None:
            self.open_shift()

    def _shift_open_or_ask(self) -> bool:
        """The sale screen's check before payment: a sale is only taken in an open shift."""
        if self.shift is not None:
            return True
        self.window.sale.show_error(UserError("shift.not_open"))
        if self.shift_known:
            self.open_shift()
        return False

    def _may_scan_or_ask(self) -> bool:
        """The sale screen's check before a scan: outside an open shift, say so and offer to
        open one (the rule is ``services.shifts.cart_refusal``)."""
        refusal = cart_refusal(self.shift, known=self.shift_known)
        if refusal is None:
            return True
        log.info("scan refused: no shift open")
        self.window.sale.show_error(refusal)
        self.open_shift()
        return False

    def open_shift(self) -> OpenShiftDialog | None:
        shifts, cashier = self.window.context.shifts, self._cashier
        if shifts is None or cashier is None or self.window.sale.dialog is not None:
            return None
        dialog = OpenShiftDialog(shifts, self.window.worker, cashier, self.window.sale)
        dialog.opened.connect(self._opened)
        self.window.sale.show_dialog(dialog)
        return dialog

    def _opened(self, info: ShiftInfo) -> None:
        self.shift = info
        self.shift_known = True
        self.shiftChanged.emit(info)
        self.window.changes.publish(TillChanges(shift=True))
        self.window.sale.message.show_info(
            QCoreApplication.translate(
                "StoreOperations", "Shift open with %1 in the drawer."
            ).replace("%1", money(info.opening_float))
        )

    def _movement(self, kind: MovementKind) -> CashMovementDialog | None:
        shifts, cashier = self.window.context.shifts, self._cashier
        if shifts is None or cashier is None:
            return None
        if self.shift is None:
            self._shift_open_or_ask()
            return None
        dialog = CashMovementDialog(
            shifts,
            self.window.worker,
            cashier,
            self.window.sale,
            kind=kind,
            request_approval=self._request_approval,
        )
        dialog.moved.connect(self._moved)
        self.window.sale.show_dialog(dialog)
        return dialog

    def _moved(self, _movement: object) -> None:
        self.window.sale.message.show_info(QCoreApplication.translate("StoreOperations", "Saved."))
        self.window.changes.publish(TillChanges(shift=True))

    def cash_in(self) -> CashMovementDialog | None:
        return self._movement(MovementKind.IN)

    def cash_out(self) -> CashMovementDialog | None:
        return self._movement(MovementKind.OUT)

    def x_report(self) -> None:
        shifts, cashier = self.window.context.shifts, self._cashier
        if shifts is None or cashier is None:
            return
        x_report(shifts, cashier).success(self._report_made).failure(
            self.window.sale.show_error
        ).run(self.window.worker)

    def close_shift(self) -> CloseShiftDialog | None:
        shifts, cashier = self.window.context.shifts, self._cashier
        if shifts is None or cashier is None:
            return None
        if self.shift is None:
            self._shift_open_or_ask()
            return None
        if not self.window.cart_empty:
            self.window.sale.show_error(UserError("ui.cart_open"))
            return None
        dialog = CloseShiftDialog(
            shifts,
            self.window.worker,
            cashier,
            self.window.sale,
            request_approval=self._request_approval,
        )
        dialog.closed.connect(self._closed)
        self.window.sale.show_dialog(dialog)
        return dialog

    def _closed(self, report: ShiftReport) -> None:
        self.shift = None
        self.shiftChanged.emit(None)
        self.window.changes.publish(TillChanges(shift=True))
        # The close dialog is still finishing; show the Z report once it has gone.
        QTimer.singleShot(0, self, lambda: self._show_report(report))

    def _report_made(self, report: ShiftReport) -> None:
        self._show_report(report)

    def _show_report(self, report: ShiftReport) -> ReportDialog | None:
        shifts = self.window.context.shifts
        if shifts is None:
            return None
        dialog = ReportDialog(
            report, shifts.report_text(report), shifts, self.window.worker, self.window.sale
        )
        self.window.sale.show_dialog(dialog)
        dialog.print_report()  # printed once as it is made; the button prints copies
        self.reportReady.emit(dialog)
        return dialog

    # --- refunds ------------------------------------------------------------------------------
    def open_refund(self) -> RefundDialog | None:
        """The refund dialog; a cashier who may not refund gets a supervisor's or manager's
        approval when confirming, for the reason chosen in the dialog."""
        refunds, cashier = self.window.context.refunds, self._cashier
        if refunds is None or cashier is None:
            return None
        if self.window.context.shifts is not None and self.shift is None:
            self._shift_open_or_ask()
            return None
        dialog = RefundDialog(
            refunds,
            self.window.worker,
            cashier,
            self.window.sale,
            request_approval=self._approve_refund,
        )
        dialog.refundCommitted.connect(self._refunded)
        self.window.sale.show_dialog(dialog)
        return dialog

    def _approve_refund(
        self, reason: ReasonCode, detail: str, granted: Callable[[Approval | None], None]
    ) -> None:
        self.window.sale.request_permission(
            Permission.REFUND, granted, detail=detail, reason=reason
        )

    def _refunded(self, committed: CommittedRefund) -> None:
        refund = committed.refund
        self.window.sale.message.show_info(
            QCoreApplication.translate("StoreOperations", "Refund %1: %2 given back.")
            .replace("%1", refund.refund_no)
            .replace("%2", money(refund.total))
        )
        self.refunded.emit(committed)
