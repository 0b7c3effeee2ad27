"""Approval on the same screen: a supervisor or manager picks their name, types their own PIN
and a reason, and the action the cashier asked for goes ahead.

``request_permission`` is what the screens call before a sensitive action: when the person at
the till may do it, the action runs at once; otherwise the dialog opens, and the action runs
only after a checked approval (the PIN is checked on the database thread, through the same
lockout as a login). A wrong PIN says so inside the dialog and changes nothing else.

An action that has its own reason already (a refund, whose reason the cashier chose in the
refund dialog) passes it as ``reason``: the dialog shows it and the approver cannot pick
another, so the approval, the action's journal entry and its paper all say the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Approval, Permission, PermissionTable, ReasonCode
from pos_desktop.services.approvals import TillOperations
from pos_desktop.services.ports import StaffMember
from pos_desktop.ui.dialogs import touch_buttons
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.keypad import BACK, CLEAR, ENTER, TOUCH_MIN, Keypad
from pos_desktop.ui.ops import approve, approvers
from pos_desktop.ui.worker import DbWorker

log = logging.getLogger(__name__)

APPROVER_COLUMNS = 2

SUGGESTED_REASON: dict[Permission, ReasonCode] = {
    Permission.NO_SALE: ReasonCode.CHANGE_FOR_CUSTOMER,
    Permission.MANUAL_WEIGHT: ReasonCode.SCALE_FAULT,
    Permission.LINE_VOID_LATE: ReasonCode.CUSTOMER_CHANGED_MIND,
    Permission.DISCOUNT_OVER_LIMIT: ReasonCode.PROMOTION,
    Permission.PRICE_OVERRIDE: ReasonCode.PRICE_ERROR,
    Permission.CASH_OUT: ReasonCode.PETTY_CASH,
    Permission.REFUND: ReasonCode.DAMAGED,
}


def permission_text(permission: Permission) -> str:
    """What the permission allows, as the screens name it."""
    texts = {
        Permission.DISCOUNT_OVER_LIMIT: QCoreApplication.translate(
            "Approval", "Discount above the limit"
        ),
        Permission.PRICE_OVERRIDE: QCoreApplication.translate("Approval", "Change a price"),
        Permission.LINE_VOID_LATE: QCoreApplication.translate(
            "Approval", "Remove a line after the grace period"
        ),
        Permission.REFUND: QCoreApplication.translate("Approval", "Refund"),
        Permission.NO_SALE: QCoreApplication.translate(
            "Approval", "Open the drawer without a sale"
        ),
        Permission.REPRINT: QCoreApplication.translate("Approval", "Reprint a receipt"),
        Permission.CASH_OUT: QCoreApplication.translate("Approval", "Take cash out"),
        Permission.CLOSE_SHIFT: QCoreApplication.translate("Approval", "Close the shift"),
        Permission.CHANGE_SETTINGS: QCoreApplication.translate("Approval", "Change settings"),
        Permission.MANUAL_WEIGHT: QCoreApplication.translate("Approval", "Type a weight"),
        Permission.UNLOCK_USER: QCoreApplication.translate("Approval", "Unlock a user"),
        Permission.PAIR_TILL: QCoreApplication.translate(
            "Approval", "Pair the till with the cloud"
        ),
    }
    return texts.get(permission, permission.value)


def reason_text(reason: ReasonCode) -> str:
    texts = {
        ReasonCode.CUSTOMER_CHANGED_MIND: QCoreApplication.translate(
            "Approval", "Customer changed their mind"
        ),
        ReasonCode.WRONG_ITEM: QCoreApplication.translate("Approval", "Wrong item"),
        ReasonCode.DAMAGED: QCoreApplication.translate("Approval", "Damaged goods"),
        ReasonCode.PRICE_ERROR: QCoreApplication.translate("Approval", "Wrong price"),
        ReasonCode.PROMOTION: QCoreApplication.translate("Approval", "Promotion"),
        ReasonCode.LOYAL_CUSTOMER: QCoreApplication.translate("Approval", "Loyal customer"),
        ReasonCode.CHANGE_FOR_CUSTOMER: QCoreApplication.translate(
            "Approval", "Change for a customer"
        ),
        ReasonCode.PETTY_CASH: QCoreApplication.translate("Approval", "Petty cash"),
        ReasonCode.SCALE_FAULT: QCoreApplication.translate("Approval", "Scale fault"),
        ReasonCode.OTHER: QCoreApplication.translate("Approval", "Other"),
    }
    return texts.get(reason, reason.value)


def role_text(role: str) -> str:
    return {
        "cashier": QCoreApplication.translate("Approval", "Cashier"),
        "supervisor": QCoreApplication.translate("Approval", "Supervisor"),
        "manager": QCoreApplication.translate("Approval", "Manager"),
    }.get(role, role)


class ApprovalDialog(QDialog):
    """Approver, PIN, reason; ``approved`` carries the ``Approval`` after the dialog closed."""

    approved = Signal(object)

    def __init__(
        self,
        operations: TillOperations,
        worker: DbWorker,
        requester: StaffMember,
        permission: Permission,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        *,
        detail: str = "",
        reason: ReasonCode | None = None,
    ) -> None:
        """``reason``: the action's own reason, shown and not to be changed (a refund's)."""
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setModal(True)
        self._ops = operations
        self._worker = worker
        self._clock = clock
        self.requester = requester
        self.permission = permission
        self.detail = detail
        self.approvers: list[StaffMember] = []
        self.approver: StaffMember | None = None
        self.approval: Approval | None = None
        self.fixed_reason = ReasonCode(reason) if reason is not None else None
        self._verifying = False

        root = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("approvalTitle")
        self.title.setWordWrap(True)
        root.addWidget(self.title)

        body = QHBoxLayout()
        self._build_choices(body)
        self._build_pin_entry(body)
        root.addLayout(body, 1)
        self._retranslate()
        self._load_approvers()

    # --- layout -------------------------------------------------------------------------------
    def _build_choices(self, body: QHBoxLayout) -> None:
        """The left column: who approves (buttons filled in once the worker listed them) and why."""
        left = QVBoxLayout()
        self.approver_caption = QLabel(self)
        left.addWidget(self.approver_caption)
        self.approver_box = QWidget(self)
        self.approver_grid = QGridLayout(self.approver_box)
        self.approver_group = QButtonGroup(self)
        self.approver_group.setExclusive(True)
        left.addWidget(self.approver_box)
        self.reason_caption = QLabel(self)
        left.addWidget(self.reason_caption)
        self._build_reasons(left)
        body.addLayout(left, 3)

    def _build_reasons(self, left: QVBoxLayout) -> None:
        """Every reason with the permission's usual one selected, or only the action's own
        reason, disabled, so the approval cannot name a reason other than the action's."""
        self.reasons = QListWidget(self)
        self.reasons.setObjectName("reasonList")
        self.reasons.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        choices = list(ReasonCode) if self.fixed_reason is None else [self.fixed_reason]
        for choice in choices:
            item = QListWidgetItem(reason_text(choice), self.reasons)
            item.setData(Qt.ItemDataRole.UserRole, choice.value)
        if self.fixed_reason is None:
            self.set_reason(SUGGESTED_REASON.get(self.permission, ReasonCode.OTHER))
        else:
            self.set_reason(self.fixed_reason)
            self.reasons.setEnabled(False)
        self.reasons.itemClicked.connect(lambda _item: self._focus_pin())
        left.addWidget(self.reasons, 1)

    def _build_pin_entry(self, body: QHBoxLayout) -> None:
        """The right column: the approver's PIN, its messages, a keypad for touch, the buttons."""
        right = QVBoxLayout()
        self.pin = QLineEdit(self)
        self.pin.setObjectName("approvalPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.returnPressed.connect(self.submit)
        right.addWidget(self.pin)
        self.message = MessageBar(self)
        right.addWidget(self.message)
        self.keypad = Keypad(
            (("7", "8", "9"), ("4", "5", "6"), ("1", "2", "3"), (CLEAR, "0", BACK)),
            target=self.pin,
            parent=self,
        )
        self.keypad.keyPressed.connect(self._on_key)
        right.addWidget(self.keypad)
        buttons, (self.cancel_button, self.ok_button) = touch_buttons(
            self, "cancelButton", "approveButton"
        )
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)
        right.addLayout(buttons)
        body.addLayout(right, 2)

    # --- approvers --------------------------------------------------------------------------
    def _load_approvers(self) -> None:
        approvers(self._ops.approvals, self.permission, self.requester).success(
            self._show_approvers
        ).errors_on(self.message, self.pin).run(self._worker)

    def _show_approvers(self, approvers: Sequence[StaffMember]) -> None:
        self.approvers = list(approvers)
        for i, member in enumerate(self.approvers):
            button = QPushButton(f"{member.name}\n{role_text(member.role)}", self.approver_box)
            button.setObjectName(f"approver_{member.code}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(TOUCH_MIN)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, m=member: self.select_approver(m.user_id))
            self.approver_group.addButton(button, member.user_id)
            self.approver_grid.addWidget(button, i // APPROVER_COLUMNS, i % APPROVER_COLUMNS)
        if not self.approvers:
            self.message.show_error(UserError("approval.no_approver"), self.pin)
        elif len(self.approvers) == 1:
            self.select_approver(self.approvers[0].user_id)

    def select_approver(self, user_id: int) -> None:
        member = next((m for m in self.approvers if m.user_id == user_id), None)
        if member is None:
            return
        self.approver = member
        button = self.approver_group.button(user_id)
        if button is not None:
            button.setChecked(True)
        self.pin.clear()
        self.pin.setFocus()

    def set_reason(self, reason: ReasonCode) -> None:
        """Pick ``reason``; a dialog with a fixed reason keeps its own."""
        for row in range(self.reasons.count()):
            item = self.reasons.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == reason.value:
                self.reasons.setCurrentItem(item)
                return

    @property
    def reason(self) -> ReasonCode | None:
        item = self.reasons.currentItem()
        return None if item is None else ReasonCode(item.data(Qt.ItemDataRole.UserRole))

    # --- approving --------------------------------------------------------------------------
    def submit(self, pin: str | None = None) -> None:
        pin = self.pin.text() if pin is None else pin
        if self._verifying:
            return
        if self.approver is None:
            self.message.show_error(UserError("approval.choose_approver"), self.pin)
            return
        reason = self.reason
        if reason is None:
            self.message.show_error(UserError("approval.choose_reason"), self.pin)
            return
        if not pin:
            self.pin.setFocus()
            return
        self._verifying = True
        self.ok_button.setEnabled(False)
        self.pin.clear()
        approve(
            self._ops.approvals,
            self.permission,
            self.requester,
            self.approver.user_id,
            pin,
            reason,
            self._clock(),
        ).success(self._approved).failure(self._refused).run(self._worker)

    def _approved(self, approval: Approval) -> None:
        self._verifying = False
        self.approval = approval
        # Close first: the granted action may open a dialog of its own on the same screen.
        self.accept()
        self.approved.emit(approval)

    def _refused(self, error: UserError) -> None:
        self._verifying = False
        self.ok_button.setEnabled(True)
        self.message.show_error(error, self.pin)
        self.pin.setFocus()

    def _focus_pin(self) -> None:
        self.pin.setFocus()

    def _on_key(self, key: str) -> None:
        if key == ENTER:
            self.submit()
        elif key == CLEAR:
            self.pin.clear()

    # --- text -------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Approval"))
        title = (
            self.tr("%1 needs approval: %2")
            .replace("%1", self.requester.name)
            .replace("%2", permission_text(self.permission))
        )
        if self.detail:
            title += "\n" + self.detail
        self.title.setText(title)
        self.approver_caption.setText(self.tr("Supervisor or manager"))
        if self.fixed_reason is None:
            self.reason_caption.setText(self.tr("Reason"))
        else:
            self.reason_caption.setText(self.tr("Reason (as chosen by the cashier)"))
        self.pin.setPlaceholderText(self.tr("PIN of the approver"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.setText(self.tr("Approve"))
        for row in range(self.reasons.count()):
            item = self.reasons.item(row)
            item.setText(reason_text(ReasonCode(item.data(Qt.ItemDataRole.UserRole))))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.pin.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


def request_permission(
    parent: QWidget,
    operations: TillOperations | None,
    worker: DbWorker,
    actor: StaffMember,
    permission: Permission,
    on_granted: Callable[[Approval | None], None],
    *,
    table: PermissionTable | None = None,
    clock: Callable[[], datetime] | None = None,
    detail: str = "",
    on_refused: Callable[[], None] | None = None,
    open_dialog: Callable[[QDialog], Any] | None = None,
    reason: ReasonCode | None = None,
) -> ApprovalDialog | None:
    """Run ``on_granted(None)`` now when ``actor``'s role allows ``permission``; otherwise open
    the approval dialog and run ``on_granted(approval)`` after a checked approval
    (``on_refused()`` if it is cancelled).

    ``table`` is the permission table the screen last loaded (the default table when none).
    ``reason``: the action's own reason, which the approval then carries (no other choice).
    Without ``operations`` (no storage for approvals) a missing permission raises
    ``UserError("permission.required")`` at once.
    """
    table = table or PermissionTable.default()
    if table.allows(actor.role, permission):
        on_granted(None)
        return None
    if operations is None:
        raise UserError("permission.required", permission=permission.value)
    dialog = ApprovalDialog(
        operations,
        worker,
        actor,
        permission,
        clock or operations.approvals.clock,
        parent,
        detail=detail,
        reason=reason,
    )
    dialog.approved.connect(on_granted)
    if on_refused is not None:
        dialog.rejected.connect(on_refused)
    log.info("approval of %s asked for %s", permission, actor.code)
    if open_dialog is not None:
        open_dialog(dialog)
    else:
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
    return dialog
