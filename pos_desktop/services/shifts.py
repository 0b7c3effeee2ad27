"""Shift and cash control at the till: open with a float, cash in/out, X report, close with Z.

Who may do what comes from the permission table: taking cash out and closing a shift need
``CASH_OUT`` / ``CLOSE_SHIFT`` or a supervisor's approval (``services.approvals`` makes one);
putting cash in and X reports are open to everyone on the till, since they cannot take money
away. The approval travels into the journal entry of the action, naming both people.

Every method touches storage: call them on the database worker thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Approval, Permission, PermissionTable
from pos_desktop.domain.shift_report import (
    CashMovement,
    MovementKind,
    ShiftInfo,
    ShiftReport,
)
from pos_desktop.services.ports import StaffMember

log = logging.getLogger(__name__)


class ShiftBook(Protocol):
    """Storage for shifts (``localdb.shifts.SqlShiftBook``)."""

    def current_shift(self, now: datetime | None = None) -> ShiftInfo | None: ...

    def preview(self, now: datetime) -> ShiftReport: ...

    def report(self, report_id: str) -> ShiftReport | None: ...

    def reports(self, shift_id: str | None = None, limit: int = 50) -> Sequence[ShiftReport]: ...

    def open_shift(
        self, *, actor: str, opening_float: int, now: datetime, shift_id: str | None = None
    ) -> ShiftInfo: ...

    def move_cash(
        self,
        *,
        kind: MovementKind,
        amount: int,
        reason: str,
        note: str,
        actor: str,
        now: datetime,
        approver: str | None = None,
        approval: Mapping[str, object] | None = None,
    ) -> CashMovement: ...

    def x_report(self, *, actor: str, now: datetime) -> ShiftReport: ...

    def close_shift(
        self,
        *,
        count: CashCount,
        note: str,
        actor: str,
        now: datetime,
        approver: str | None = None,
        approval: Mapping[str, object] | None = None,
        other_counted: Mapping[str, int] | None = None,
    ) -> ShiftReport: ...


class ReportSink(Protocol):
    """Where a report goes on paper (``receipts.shift_receipt.ShiftReportSink``)."""

    def deliver(self, report: ShiftReport, *, copy: bool = False) -> str: ...

    def preview(self, report: ShiftReport, *, copy: bool = False) -> list[str]: ...


def cart_refusal(shift: ShiftInfo | None, *, known: bool = True) -> UserError | None:
    """Why nothing may go into a cart now (``shift.closed_scan``), or ``None`` when it may.

    A sale is only taken inside an open cash shift, so once a shift is closed the till refuses
    the first scan, rather than let a cashier fill a whole cart that no one can take payment
    for. While the shift is still being read after a login (``known`` is False) scans go
    through: the database thread answers in order, so the shift is known before their
    products come back, and those are checked again before they go into the cart.
    """
    if known and shift is None:
        return UserError("shift.closed_scan")
    return None


class ShiftService:
    """Shift actions with their permission checks; database worker thread only."""

    def __init__(
        self,
        book: ShiftBook,
        permissions: Callable[[], PermissionTable],
        clock: Callable[[], datetime],
        sink: ReportSink | None = None,
        after_close: Callable[[ShiftReport], None] | None = None,
    ) -> None:
        self.book = book
        self.permissions = permissions
        """Read per action, so a change in settings applies at once (``ApprovalService.table``)."""
        self.clock = clock
        self.sink = sink
        self.after_close = after_close
        """Called once the Z report is committed (the automatic backup asks for its copy)."""

    def _require(
        self, actor: StaffMember, permission: Permission, approval: Approval | None
    ) -> Approval | None:
        """The approval to journal (``None`` when the actor's own role allows the action)."""
        table = self.permissions()
        table.require(actor.role, permission, approval, actor_code=actor.code)
        return None if table.allows(actor.role, permission) else approval

    # --- reading ------------------------------------------------------------------------------
    def current(self) -> ShiftInfo | None:
        return self.book.current_shift(self.clock())

    def require_open(self) -> ShiftInfo:
        shift = self.current()
        if shift is None:
            raise UserError("shift.not_open")
        return shift

    def expected(self) -> ShiftReport:
        """The open shift's figures now, stored nowhere: what the drawer should hold, for the
        close dialog once the count is entered."""
        return self.book.preview(self.clock())

    def report(self, report_id: str) -> ShiftReport | None:
        return self.book.report(report_id)

    def reports(self, shift_id: str | None = None, limit: int = 50) -> Sequence[ShiftReport]:
        return self.book.reports(shift_id, limit)

    # --- actions ------------------------------------------------------------------------------
    def open_shift(self, actor: StaffMember, opening_float: int) -> ShiftInfo:
        return self.book.open_shift(actor=actor.code, opening_float=opening_float, now=self.clock())

    def cash_in(self, actor: StaffMember, amount: int, reason: str, note: str = "") -> CashMovement:
        """Put cash in the drawer (change from the office); anyone at the till may."""
        return self.book.move_cash(
            kind=MovementKind.IN,
            amount=amount,
            reason=reason,
            note=note,
            actor=actor.code,
            now=self.clock(),
        )

    def cash_out(
        self,
        actor: StaffMember,
        amount: int,
        reason: str,
        note: str = "",
        approval: Approval | None = None,
    ) -> CashMovement:
        """Take cash out (``CASH_OUT`` or an approval); never more than the drawer should hold."""
        used = self._require(actor, Permission.CASH_OUT, approval)
        return self.book.move_cash(
            kind=MovementKind.OUT,
            amount=amount,
            reason=reason,
            note=note,
            actor=actor.code,
            now=self.clock(),
            approver=None if used is None else used.approver_code,
            approval=None if used is None else used.to_json(),
        )

    def x_report(self, actor: StaffMember) -> ShiftReport:
        return self.book.x_report(actor=actor.code, now=self.clock())

    def close_shift(
        self,
        actor: StaffMember,
        count: CashCount | Mapping[str, object],
        note: str = "",
        approval: Approval | None = None,
        other_counted: Mapping[str, int] | None = None,
    ) -> ShiftReport:
        """Close with the counted cash (``CLOSE_SHIFT`` or an approval) and make the Z report.

        Unsynced sales do not block the close: the Z report says how many are pending.
        """
        counted = count if isinstance(count, CashCount) else CashCount.of(count)
        used = self._require(actor, Permission.CLOSE_SHIFT, approval)
        report = self.book.close_shift(
            count=counted,
            note=note,
            actor=actor.code,
            now=self.clock(),
            approver=None if used is None else used.approver_code,
            approval=None if used is None else used.to_json(),
            other_counted=other_counted,
        )
        if report.pending_sales:
            log.warning(
                "shift closed with %d sales not yet in the cloud (Z %d)",
                report.pending_sales,
                report.report_no,
            )
        if self.after_close is not None:
            try:
                self.after_close(report)
            except Exception:  # the shift is closed; a hook must not make it look failed
                log.exception("after-close hook failed for Z %d", report.report_no)
        return report

    # --- paper --------------------------------------------------------------------------------
    def print_report(self, report: ShiftReport, *, copy: bool = False) -> str:
        """Print (or file) a report; returns where it went. Needs a sink."""
        if self.sink is None:
            raise UserError("report.print_failed", reason="no report printer configured")
        try:
            return self.sink.deliver(report, copy=copy)
        except OSError as exc:
            log.exception("report %s not printed", report.document_no)
            raise UserError("report.print_failed", reason=str(exc)) from exc

    def report_text(self, report: ShiftReport, *, copy: bool = False) -> list[str]:
        """The report as the printer lays it out (the dialog's text)."""
        if self.sink is None:
            raise UserError("report.print_failed", reason="no report printer configured")
        return self.sink.preview(report, copy=copy)
