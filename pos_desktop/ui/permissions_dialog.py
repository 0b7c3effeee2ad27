"""Store IT's editor for who may do what: a grid of roles x permissions, the discount limit and
the void grace period.

Opening it needs ``CHANGE_SETTINGS`` (the sale screen asks, with approval if need be); saving
runs on the database thread, where the store checks the permission again against the table as
stored and journals the old and new values with the change. The manager's right to change
settings cannot be unticked, so the table can never lock everyone out of itself.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import (
    MAX_VOID_GRACE_S,
    Approval,
    Permission,
    PermissionTable,
    Role,
    TillPolicy,
)
from pos_desktop.services.approvals import ApprovalService
from pos_desktop.services.ports import StaffMember
from pos_desktop.ui.approval import permission_text, role_text
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.keypad import TOUCH_MIN
from pos_desktop.ui.ops import permission_rules, save_permission_rules
from pos_desktop.ui.worker import DbWorker

ROLES = (Role.CASHIER, Role.SUPERVISOR, Role.MANAGER)


class PermissionsDialog(QDialog):
    saved = Signal(object)
    """``(PermissionTable, TillPolicy)`` after a save was stored."""

    def __init__(
        self,
        approvals: ApprovalService,
        worker: DbWorker,
        actor: StaffMember,
        approval: Approval | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("permissionsDialog")
        self.setModal(True)
        self._approvals = approvals
        self._worker = worker
        self._actor = actor
        self._approval = approval
        self._saving = False
        self.boxes: dict[tuple[str, Permission], QCheckBox] = {}

        root = QVBoxLayout(self)
        grid = QGridLayout()
        self.role_headers: dict[str, QLabel] = {}
        for column, role in enumerate(ROLES, start=1):
            header = QLabel(self)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, column)
            self.role_headers[role] = header
        self.permission_labels: dict[Permission, QLabel] = {}
        for row, permission in enumerate(Permission, start=1):
            label = QLabel(self)
            grid.addWidget(label, row, 0)
            self.permission_labels[permission] = label
            for column, role in enumerate(ROLES, start=1):
                box = QCheckBox(self)
                box.setObjectName(f"perm_{role.value}_{permission.value}")
                box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                grid.addWidget(box, row, column, Qt.AlignmentFlag.AlignCenter)
                self.boxes[(role.value, permission)] = box
        keep = self.boxes[(Role.MANAGER.value, Permission.CHANGE_SETTINGS)]
        keep.setChecked(True)
        keep.setEnabled(False)
        root.addLayout(grid)

        form = QFormLayout()
        self.discount_limit = QDoubleSpinBox(self)
        self.discount_limit.setObjectName("discountLimit")
        self.discount_limit.setRange(0, 100)
        self.discount_limit.setDecimals(2)
        self.discount_limit.setSuffix(" %")
        self.void_grace = QSpinBox(self)
        self.void_grace.setObjectName("voidGrace")
        self.void_grace.setRange(0, MAX_VOID_GRACE_S)
        self.void_grace.setSuffix(" s")
        self.discount_caption = QLabel(self)
        self.void_caption = QLabel(self)
        form.addRow(self.discount_caption, self.discount_limit)
        form.addRow(self.void_caption, self.void_grace)
        root.addLayout(form)

        self.message = MessageBar(self)
        root.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelButton")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveButton")
        for button in (self.cancel_button, self.save_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(TOUCH_MIN)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        root.addLayout(buttons)
        self.save_button.setEnabled(False)
        self._retranslate()
        permission_rules(approvals).success(self._show).errors_on(self.message).run(self._worker)

    def _show(self, rules: tuple[PermissionTable, TillPolicy]) -> None:
        table, policy = rules
        for (role, permission), box in self.boxes.items():
            box.setChecked(table.allows(role, permission))
        self.boxes[(Role.MANAGER.value, Permission.CHANGE_SETTINGS)].setChecked(True)
        self.discount_limit.setValue(policy.discount_limit_bp / 100)
        self.void_grace.setValue(policy.void_grace_s)
        self.save_button.setEnabled(True)

    def edited(self) -> tuple[PermissionTable, TillPolicy]:
        """The table and limits as ticked; ``UserError`` for values the till refuses."""
        grants = {
            role.value: frozenset(p for p in Permission if self.boxes[(role.value, p)].isChecked())
            for role in ROLES
        }
        limit_bp = int((Decimal(str(self.discount_limit.value())) * 100).to_integral_value())
        return PermissionTable(grants), TillPolicy(limit_bp, self.void_grace.value())

    def save(self) -> None:
        if self._saving:
            return
        try:
            table, policy = self.edited()
        except UserError as error:
            self.message.show_error(error)
            return
        self._saving = True
        self.save_button.setEnabled(False)
        save_permission_rules(self._approvals, table, policy, self._actor, self._approval).success(
            lambda _changed: self._saved(table, policy)
        ).failure(self._failed).run(self._worker)

    def _saved(self, table: PermissionTable, policy: TillPolicy) -> None:
        self._saving = False
        self.accept()
        self.saved.emit((table, policy))

    def _failed(self, error: UserError) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.message.show_error(error)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Permissions"))
        for role, header in self.role_headers.items():
            header.setText(role_text(role))
        for permission, label in self.permission_labels.items():
            label.setText(permission_text(permission))
        self.discount_caption.setText(self.tr("Cashier discount limit"))
        self.void_caption.setText(self.tr("Free line removal within"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.save_button.setText(self.tr("Save"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
