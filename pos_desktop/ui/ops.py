"""Named storage calls for the screens, typed by what they return, run on the one ``DbWorker``.

A screen used to hand ``DbWorker.submit`` a bare function, its arguments and callbacks typed
``Any``: nothing checked that a callback took what the call returned, and every screen wrote its
own error branch. Here each call is a ``DbOp[T]`` made by a one-line named function below (in the
manner of Anki's ``aqt.operations``), so mypy matches the call's result with the screen's
``success`` handler, and the screen only says what to do with it.

Failure has a default, so a screen states only what differs: ``errors_on(bar, field)`` shows a
``UserError`` on the screen's message strip the usual way (sentence, beep, red flash of the
field); with neither that nor ``failure(...)`` the error is logged with the operation's label.
Anything that is not a ``UserError`` (a bug, a broken disk) never reaches the screen as such:
the worker logs it with the label and hands on ``UserError("storage.unexpected")``.

``run`` submits at once to the single database thread, so operations run, and report back, in the
order they were run: that order is what keeps receipt numbers gap-free, and why nothing here
runs anywhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pos_desktop.domain.errors import UserError
from pos_desktop.ui.worker import DbWorker, Task

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from pos_desktop.domain.cart import Cart, Product
    from pos_desktop.domain.cash import CashCount
    from pos_desktop.domain.journal import JournalKind
    from pos_desktop.domain.permissions import (
        Approval,
        Permission,
        PermissionTable,
        ReasonCode,
        TillPolicy,
    )
    from pos_desktop.domain.refund import RefundRecord
    from pos_desktop.domain.sale import SaleRecord
    from pos_desktop.domain.shift_report import CashMovement, ShiftInfo, ShiftReport
    from pos_desktop.services.approvals import ApprovalService
    from pos_desktop.services.checkout import (
        CommittedSale,
        HeldCart,
        HeldCartStore,
        Lookup,
        TillService,
    )
    from pos_desktop.services.ports import (
        LoginResult,
        SaleJournal,
        StaffDirectory,
        StaffMember,
        StoreProfile,
    )
    from pos_desktop.services.refunds import CommittedRefund, RefundCandidate, RefundService
    from pos_desktop.services.shifts import ShiftService
    from pos_desktop.services.staff import StaffService
    from pos_desktop.services.store_profile import ProfileBook
    from pos_desktop.ui.feedback import MessageBar

log = logging.getLogger(__name__)

T = TypeVar("T")


class DbOp(Generic[T]):
    """One call for the database thread whose result, a ``T``, comes back on the UI thread."""

    __slots__ = ("_call", "_failure", "_success", "label")

    def __init__(self, label: str, call: Callable[[], T]) -> None:
        self.label = label
        """Names the call in logs and in ``UserError("storage.unexpected", task=...)``."""
        self._call = call
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[UserError], object] | None = None

    def success(self, handler: Callable[[T], object]) -> DbOp[T]:
        self._success = handler
        return self

    def failure(self, handler: Callable[[UserError], object]) -> DbOp[T]:
        self._failure = handler
        return self

    def errors_on(self, bar: MessageBar, field: QWidget | None = None) -> DbOp[T]:
        """Show a refusal on ``bar`` and flash ``field``, as every screen shows its errors."""
        return self.failure(lambda error: bar.show_error(error, field))

    def run(self, worker: DbWorker) -> Task:
        """Queue the call behind everything submitted before it; cancel through the task."""
        return worker.submit(
            self._call, on_result=self._succeeded, on_error=self._failed, label=self.label
        )

    def _succeeded(self, result: T) -> None:
        if self._success is not None:
            self._success(result)

    def _failed(self, error: UserError) -> None:
        if self._failure is not None:
            self._failure(error)
        else:
            log.warning("%s failed: %s", self.label, error)


# --- parked sales -----------------------------------------------------------------------------
def held_sales(held: HeldCartStore) -> DbOp[Sequence[HeldCart]]:
    return DbOp("held sales", held.held)


def park_sale(
    held: HeldCartStore, cart: Cart, *, total: int, label: str, actor: StaffMember, now: datetime
) -> DbOp[HeldCart]:
    return DbOp(
        "hold sale", lambda: held.hold(cart, total=total, label=label, actor=actor, now=now)
    )


def recall_parked_sale(
    held: HeldCartStore, hold_id: str, *, actor: StaffMember, now: datetime
) -> DbOp[Cart]:
    return DbOp("recall sale", lambda: held.recall(hold_id, actor=actor, now=now))


# --- the sale ---------------------------------------------------------------------------------
def store_profile(profiles: ProfileBook) -> DbOp[StoreProfile]:
    return DbOp("store profile", profiles.current)


def recent_sales(journal: SaleJournal, limit: int) -> DbOp[Sequence[SaleRecord]]:
    return DbOp("recent sales", lambda: journal.recent_sales(limit))


def look_up(till: TillService, text: str) -> DbOp[Lookup]:
    """What a scanned or typed code names; queued in scan order, so lines land in that order."""
    return DbOp("lookup", lambda: till.lookup(text))


def commit_sale(till: TillService, make: Callable[[str], SaleRecord]) -> DbOp[CommittedSale]:
    """Stores the sale under the next receipt number: queued behind every earlier call."""
    return DbOp("commit sale", lambda: till.commit(make))


def reprint_receipt(till: TillService, receipt_no: str) -> DbOp[str]:
    """Where the copy went (printer or file)."""
    return DbOp("reprint", lambda: till.reprint(receipt_no))


def journal_action(
    approvals: ApprovalService,
    kind: JournalKind,
    actor: StaffMember,
    approval: Approval | None,
    data: Mapping[str, Any],
    now: datetime,
) -> DbOp[None]:
    return DbOp(f"journal {kind}", lambda: approvals.record(kind, actor, approval, data, now))


# --- refunds ----------------------------------------------------------------------------------
def find_refund(
    refunds: RefundService, receipt_or_qr: str, cashier: StaffMember
) -> DbOp[tuple[RefundCandidate, bool]]:
    """The sale behind a receipt, and whether refunding it needs another person's approval."""
    return DbOp(
        "refund find", lambda: (refunds.find(receipt_or_qr), refunds.needs_approval(cashier))
    )


def preview_refund(
    refunds: RefundService,
    candidate: RefundCandidate,
    requested: Mapping[int, Decimal],
    *,
    to_cash: bool,
    cashier: StaffMember,
) -> DbOp[RefundRecord]:
    return DbOp(
        "refund preview",
        lambda: refunds.preview(candidate, requested, to_cash=to_cash, cashier=cashier),
    )


def commit_refund(
    refunds: RefundService,
    candidate: RefundCandidate,
    requested: Mapping[int, Decimal],
    *,
    to_cash: bool,
    cashier: StaffMember,
    reason: ReasonCode,
    approval: Approval | None,
) -> DbOp[CommittedRefund]:
    return DbOp(
        "refund commit",
        lambda: refunds.commit(
            candidate,
            requested,
            to_cash=to_cash,
            cashier=cashier,
            reason=reason,
            approval=approval,
        ),
    )


# --- staff ------------------------------------------------------------------------------------
def check_on_duty(service: StaffService, member: StaffMember) -> DbOp[UserError | None]:
    return DbOp("staff on duty", lambda: service.check_on_duty(member))


def active_staff(staff: StaffDirectory) -> DbOp[Sequence[StaffMember]]:
    return DbOp("staff list", staff.active_staff)


def verify_pin(staff: StaffDirectory, user_id: int, pin: str, now: datetime) -> DbOp[LoginResult]:
    return DbOp("verify PIN", lambda: staff.verify_pin(user_id, pin, now))


def unlock_with_pin(
    approvals: ApprovalService, user_id: int, manager_user_id: int, pin: str, now: datetime
) -> DbOp[StaffMember]:
    return DbOp(
        "unlock user", lambda: approvals.unlock_with_pin(user_id, manager_user_id, pin, now)
    )


def change_own_pin(
    service: StaffService, member: StaffMember, old_pin: str, new_pin: str, again: str
) -> DbOp[None]:
    return DbOp("change PIN", lambda: service.change_own_pin(member, old_pin, new_pin, again))


# --- the catalog ------------------------------------------------------------------------------
def search_products(till: TillService, text: str, limit: int) -> DbOp[Sequence[Product]]:
    return DbOp("search", lambda: till.search(text, limit))


# --- permissions and approvals ----------------------------------------------------------------
def permission_rules(approvals: ApprovalService) -> DbOp[tuple[PermissionTable, TillPolicy]]:
    return DbOp("permissions", approvals.rules)


def save_permission_rules(
    approvals: ApprovalService,
    table: PermissionTable,
    policy: TillPolicy,
    actor: StaffMember,
    approval: Approval | None,
) -> DbOp[bool]:
    return DbOp("save permissions", lambda: approvals.save_rules(table, policy, actor, approval))


def approvers(
    approvals: ApprovalService, permission: Permission, requester: StaffMember
) -> DbOp[Sequence[StaffMember]]:
    return DbOp("approvers", lambda: approvals.approvers(permission, requester))


def approve(
    approvals: ApprovalService,
    permission: Permission,
    requester: StaffMember,
    approver_user_id: int,
    pin: str,
    reason: ReasonCode,
    now: datetime,
) -> DbOp[Approval]:
    return DbOp(
        "approve",
        lambda: approvals.approve(permission, requester, approver_user_id, pin, reason, now),
    )


# --- the shift --------------------------------------------------------------------------------
def current_shift(shifts: ShiftService) -> DbOp[ShiftInfo | None]:
    return DbOp("current shift", shifts.current)


def open_shift(shifts: ShiftService, actor: StaffMember, opening_float: int) -> DbOp[ShiftInfo]:
    return DbOp("open shift", lambda: shifts.open_shift(actor, opening_float))


def cash_in(
    shifts: ShiftService, actor: StaffMember, amount: int, reason: str, note: str
) -> DbOp[CashMovement]:
    return DbOp("cash in", lambda: shifts.cash_in(actor, amount, reason, note))


def cash_out(
    shifts: ShiftService,
    actor: StaffMember,
    amount: int,
    reason: str,
    note: str,
    approval: Approval | None,
) -> DbOp[CashMovement]:
    return DbOp("cash out", lambda: shifts.cash_out(actor, amount, reason, note, approval))


def expected_cash(shifts: ShiftService) -> DbOp[ShiftReport]:
    """What the drawer should hold now, as a report of the open shift."""
    return DbOp("shift expected", shifts.expected)


def x_report(shifts: ShiftService, actor: StaffMember) -> DbOp[ShiftReport]:
    return DbOp("X report", lambda: shifts.x_report(actor))


def close_shift(
    shifts: ShiftService,
    actor: StaffMember,
    count: CashCount,
    note: str,
    approval: Approval | None,
) -> DbOp[ShiftReport]:
    return DbOp("close shift", lambda: shifts.close_shift(actor, count, note, approval))


def print_shift_report(shifts: ShiftService, report: ShiftReport, *, copy: bool) -> DbOp[str]:
    """Where the report went (printer or file)."""
    return DbOp("print report", lambda: shifts.print_report(report, copy=copy))
