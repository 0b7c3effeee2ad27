"""The PIN login (and lock) screen.

One big button per active staff member, a PIN field and a numeric keypad. The staff list and the
PIN check run on the database thread (the check is a deliberately slow hash). The lockout with
growing delays lives in storage (``StaffDirectory.verify_pin``); this screen only says how long
it still lasts, counting down with the till's clock.

Keyboard: digits type the PIN, Enter logs in, Up/Down pick the staff member.

Staff come from the cloud, so the list is read again every ``STAFF_REFRESH_MS`` while the
screen shows, and after a refused PIN: someone added in the office appears without a restart, and
someone deactivated disappears. "Change PIN" (with a staff service wired) opens the PIN change
for the name picked, which asks for that person's current PIN first.

A locked-out colleague need not wait: with operations wired (``set_operations``), "Unlock"
appears under a locked name; a manager (anyone whose role may ``UNLOCK_USER``) then taps their
own name and types their own PIN, the lockout is lifted and journaled (``USER_UNLOCK``). A wrong
manager PIN counts towards the manager's own lockout and unlocks nothing. Esc backs out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Role
from pos_desktop.services.approvals import TillOperations
from pos_desktop.services.ports import LoginResult, StaffMember
from pos_desktop.services.staff import MAX_PIN_LENGTH_ACCEPTED
from pos_desktop.ui.context import TillContext
from pos_desktop.ui.feedback import MessageBar, flash
from pos_desktop.ui.keypad import BACK, CLEAR, ENTER, TOUCH_MIN, Keypad
from pos_desktop.ui.ops import active_staff, unlock_with_pin, verify_pin
from pos_desktop.ui.worker import DbWorker

log = logging.getLogger(__name__)

STAFF_COLUMNS = 2
STAFF_RETRY_MS = 5000
STAFF_REFRESH_MS = 15_000


def _clock_text(seconds: int) -> str:
    minutes, seconds = divmod(max(0, seconds), 60)
    return f"{minutes}:{seconds:02d}"


class LoginScreen(QWidget):
    loggedIn = Signal(object)
    """The ``StaffMember`` whose PIN was accepted."""
    staffLoaded = Signal()
    changePinRequested = Signal(object)
    """The ``StaffMember`` picked, who wants to change their PIN."""

    def __init__(self, context: TillContext, worker: DbWorker, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginScreen")
        self._context = context
        self._worker = worker
        self.staff: list[StaffMember] = []
        self.staff_loaded = False
        self._selected: StaffMember | None = None
        self._held_for: StaffMember | None = None
        self._locked_until: dict[int, datetime] = {}
        self._verifying = False
        self.operations: TillOperations | None = None
        self.unlocking: StaffMember | None = None
        """The locked-out person a manager is unlocking, while the screen asks for that PIN."""

        root = QHBoxLayout(self)
        root.setContentsMargins(24, 24, 24, 24)
        root.setSpacing(24)
        root.addLayout(self._build_staff_side(context.profile.name), 3)
        root.addLayout(self._build_pin_side(), 2)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._update_lock_message)
        self._staff_timer = QTimer(self)
        self._staff_timer.setInterval(STAFF_REFRESH_MS)
        self._staff_timer.timeout.connect(self._refresh_if_shown)
        self._staff_timer.start()
        self._retranslate()

    def set_context(self, context: TillContext) -> None:
        """The till's context as it is now (a pairing changed the store profile): the store's
        name on this screen follows it."""
        self._context = context
        self.store_label.setText(context.profile.name)

    def _build_staff_side(self, store_name: str) -> QVBoxLayout:
        """The title, the store's name and one button per staff member (filled when loaded)."""
        left = QVBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("loginTitle")
        left.addWidget(self.title)
        self.store_label = QLabel(store_name, self)
        self.store_label.setObjectName("storeName")
        left.addWidget(self.store_label)
        self.staff_box = QWidget(self)
        self.staff_grid = QGridLayout(self.staff_box)
        self.staff_grid.setSpacing(10)
        self.staff_group = QButtonGroup(self)
        self.staff_group.setExclusive(True)
        left.addWidget(self.staff_box)
        left.addStretch(1)
        return left

    def _build_pin_side(self) -> QVBoxLayout:
        """Whose PIN, the PIN field, the message bar, unlock and change-PIN, the keypad."""
        right = QVBoxLayout()
        self.who = QLabel(self)
        self.who.setObjectName("loginWho")
        right.addWidget(self.who)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("pinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(MAX_PIN_LENGTH_ACCEPTED)
        self.pin.returnPressed.connect(self.submit_pin)
        self.pin.installEventFilter(self)
        right.addWidget(self.pin)
        self.message = MessageBar(self)
        right.addWidget(self.message)
        self.unlock_button = self._side_button("unlockButton", self.toggle_unlock)
        right.addWidget(self.unlock_button)
        self.change_pin_button = self._side_button("changePinButton", self.request_pin_change)
        right.addWidget(self.change_pin_button)
        self.keypad = Keypad(
            (
                ("7", "8", "9"),
                ("4", "5", "6"),
                ("1", "2", "3"),
                (CLEAR, "0", BACK),
                (ENTER, ENTER, ENTER),
            ),
            target=self.pin,
            parent=self,
        )
        self.keypad.setFixedWidth(330)
        self.keypad.keyPressed.connect(self._on_key)
        right.addWidget(self.keypad, 1)
        return right

    def _side_button(self, name: str, clicked: Callable[[], None]) -> QPushButton:
        """A touch-sized button beside the keypad, hidden until the screen offers it."""
        button = QPushButton(self)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(TOUCH_MIN)
        button.clicked.connect(clicked)
        button.hide()
        return button

    def show_change_pin(self, visible: bool) -> None:
        """Offer "Change PIN" (the window wires it when a staff service exists)."""
        self.change_pin_button.setVisible(visible)

    def request_pin_change(self) -> None:
        member = self._selected
        if member is not None and self.unlocking is None and not self._verifying:
            self.changePinRequested.emit(member)

    def _refresh_if_shown(self) -> None:
        if self.isVisible() and not self._verifying and self.unlocking is None:
            self.refresh_staff()

    def set_operations(self, operations: TillOperations | None) -> None:
        """Approvals for the manager's unlock (``None``: no unlock button)."""
        self.operations = operations
        self._update_unlock_button()

    # --- staff --------------------------------------------------------------------------------
    def refresh_staff(self) -> None:
        """Load the active staff on the database thread."""
        if not self._worker.accepting:
            return
        active_staff(self._context.staff).success(self._show_staff).failure(self._staff_failed).run(
            self._worker
        )

    def _staff_failed(self, error: UserError) -> None:
        # Typically a locked database at start-up: say so, and try again shortly.
        self.message.show_error(error, self.pin)
        QTimer.singleShot(STAFF_RETRY_MS, self, self.refresh_staff)

    def _show_staff(self, staff: Sequence[StaffMember]) -> None:
        self.staff_loaded = True
        if list(staff) == self.staff and self.staff_group.buttons():
            return  # unchanged: keep the buttons (and the PIN being typed)
        for button in self.staff_group.buttons():
            self.staff_group.removeButton(button)
            button.deleteLater()
        self.staff = list(staff)
        for i, member in enumerate(self.staff):
            button = QPushButton(self.staff_box)
            button.setObjectName(f"staff_{member.code}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("staff", True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setText(self._staff_text(member))
            button.setProperty("user_id", member.user_id)
            button.clicked.connect(lambda _=False, m=member: self.select_staff(m.user_id))
            self.staff_group.addButton(button, member.user_id)
            self.staff_grid.addWidget(button, i // STAFF_COLUMNS, i % STAFF_COLUMNS)
        wanted = self._held_for or self._selected
        ids = {m.user_id for m in self.staff}
        if wanted is not None and wanted.user_id in ids:
            self.select_staff(wanted.user_id)
        elif self.staff:
            self.select_staff(self.staff[0].user_id)
        else:
            # A till just paired (or still offline) has no one yet: look again soon.
            self._selected = None
            self.who.setText(self._no_staff_text())
            QTimer.singleShot(STAFF_RETRY_MS, self, self._refresh_if_shown)
        self.staffLoaded.emit()

    def _no_staff_text(self) -> str:
        return self.tr("No staff on this till yet: they come from the cloud when the till syncs.")

    def _staff_text(self, member: StaffMember) -> str:
        roles: dict[str, str] = {
            Role.CASHIER: self.tr("Cashier"),
            Role.SUPERVISOR: self.tr("Supervisor"),
            Role.MANAGER: self.tr("Manager"),
        }
        return f"{member.name}\n{roles.get(member.role, member.role)}"

    def select_staff(self, user_id: int) -> None:
        member = next((m for m in self.staff if m.user_id == user_id), None)
        if member is None:
            return
        self._selected = member
        button = self.staff_group.button(user_id)
        if button is not None:
            button.setChecked(True)
        self.pin.clear()
        if self.unlocking is not None:
            self._show_unlock_prompt()
        else:
            self.who.setText(self.tr("PIN for %1").replace("%1", member.name))
            self._update_lock_message()
        self._update_unlock_button()
        self.pin.setFocus()

    @property
    def selected(self) -> StaffMember | None:
        return self._selected

    def _move_selection(self, delta: int) -> None:
        if not self.staff:
            return
        ids = [m.user_id for m in self.staff]
        current = ids.index(self._selected.user_id) if self._selected in self.staff else 0
        self.select_staff(ids[(current + delta) % len(ids)])

    # --- locking ------------------------------------------------------------------------------
    def show_locked(self, cashier: StaffMember | None) -> None:
        """Enter lock mode: the screen says whose sale is held and preselects them."""
        self._held_for = cashier
        self.unlocking = None
        self.pin.clear()
        if not self.staff:
            self.refresh_staff()
        if cashier is not None:
            self.select_staff(cashier.user_id)
            self.message.show_info(
                self.tr("Locked. %1, enter your PIN to continue the sale.").replace(
                    "%1", cashier.name
                )
            )
        else:
            self.message.clear_message()
        self.pin.setFocus()

    # --- unlock by a manager -----------------------------------------------------------------
    def _update_unlock_button(self) -> None:
        show = self.operations is not None and (
            self.unlocking is not None or self.lock_seconds_left() > 0
        )
        self.unlock_button.setVisible(show)
        if self.unlocking is not None:
            self.unlock_button.setText(self.tr("Cancel unlock"))
        else:
            self.unlock_button.setText(self.tr("Unlock (manager)"))

    def toggle_unlock(self) -> None:
        if self.unlocking is not None:
            self.cancel_unlock()
        else:
            self.start_unlock()

    def start_unlock(self) -> None:
        """The selected person is locked out: ask a manager for their own PIN."""
        member = self._selected
        if self.operations is None or member is None or self._verifying:
            return
        self.unlocking = member
        self._countdown.stop()
        managers = [m for m in self.staff if m.role == Role.MANAGER and m != member]
        if managers:
            self.select_staff(managers[0].user_id)
        else:
            self._show_unlock_prompt()
        self._update_unlock_button()

    def cancel_unlock(self) -> None:
        member, self.unlocking = self.unlocking, None
        self.message.clear_message()
        if member is not None:
            self.select_staff(member.user_id)
        self._update_unlock_button()

    def _show_unlock_prompt(self) -> None:
        locked, manager = self.unlocking, self._selected
        if locked is None:
            return
        self.who.setText(
            self.tr("Manager PIN to unlock %1").replace("%1", locked.name)
            if manager is None
            else self.tr("PIN of %1 to unlock %2")
            .replace("%1", manager.name)
            .replace("%2", locked.name)
        )
        self.message.show_info(self.tr("A manager taps their own name and types their PIN."))

    def _submit_unlock(self, locked: StaffMember, manager: StaffMember, pin: str) -> None:
        ops = self.operations
        if ops is None:
            return
        self._verifying = True
        self.keypad.setEnabled(False)
        self.pin.clear()
        unlock_with_pin(
            ops.approvals, locked.user_id, manager.user_id, pin, self._context.clock()
        ).success(self._unlocked).failure(self._unlock_failed).run(self._worker)

    def _unlocked(self, member: StaffMember) -> None:
        self._verifying = False
        self.keypad.setEnabled(True)
        self._locked_until.pop(member.user_id, None)
        self.unlocking = None
        self.select_staff(member.user_id)
        self.message.show_info(self.tr("%1 is unlocked.").replace("%1", member.name))

    def _unlock_failed(self, error: UserError) -> None:
        self._verifying = False
        self.keypad.setEnabled(True)
        self.message.show_error(error, self.pin)
        QApplication.beep()
        self.pin.setFocus()

    # --- PIN ----------------------------------------------------------------------------------
    def submit_pin(self, pin: str | None = None) -> None:
        member = self._selected
        pin = self.pin.text() if pin is None else pin
        if member is None or self._verifying or not pin:
            self.pin.setFocus()
            return
        if self.unlocking is not None:
            self._submit_unlock(self.unlocking, member, pin)
            return
        self._verifying = True
        self.keypad.setEnabled(False)
        self.pin.clear()
        now = self._context.clock()
        verify_pin(self._context.staff, member.user_id, pin, now).success(
            lambda result: self._verified(member, result)
        ).failure(self._verify_failed).run(self._worker)

    def _verify_failed(self, error: UserError) -> None:
        self._verifying = False
        self.keypad.setEnabled(True)
        self.message.show_error(error, self.pin)
        self.pin.setFocus()

    def _verified(self, member: StaffMember, result: LoginResult) -> None:
        self._verifying = False
        self.keypad.setEnabled(True)
        self.pin.setFocus()
        if result.user is not None:
            self._locked_until.pop(member.user_id, None)
            self._held_for = None
            self.message.clear_message()
            self._countdown.stop()
            self.loggedIn.emit(result.user)
            return
        self.refresh_staff()  # refused because no longer active? then the name goes
        if result.locked_until is None and result.failed_attempts == 0:
            # A wrong PIN always counts; nothing counted means the member may not log in here
            # (deactivated in the cloud since the list was read).
            self.message.show_error(UserError("staff.inactive"), self.pin)
            QApplication.beep()
            return
        was_locked = self._is_locked(member.user_id)
        if result.locked_until is not None:
            self._locked_until[member.user_id] = result.locked_until
        else:
            self._locked_until.pop(member.user_id, None)
        self._update_lock_message(wrong_pin=not was_locked)
        self._update_unlock_button()
        QApplication.beep()
        flash(self.pin)

    def _is_locked(self, user_id: int) -> bool:
        until = self._locked_until.get(user_id)
        return until is not None and self._context.clock() < until

    def lock_seconds_left(self) -> int:
        if self._selected is None:
            return 0
        until = self._locked_until.get(self._selected.user_id)
        if until is None:
            return 0
        return max(0, int((until - self._context.clock()).total_seconds() + 0.999))

    def _update_lock_message(self, wrong_pin: bool = False) -> None:
        left = self.lock_seconds_left()
        if left <= 0:
            self._countdown.stop()
            if self.unlock_button.isVisible() and self.unlocking is None:
                self._update_unlock_button()
            if wrong_pin:
                self._set_error_text(self.tr("Wrong PIN. Try again."))
            elif self.message.property("state") == "error" and not self.message.code:
                self.message.clear_message()
            return
        if not self._countdown.isActive():
            self._countdown.start()
        if wrong_pin:
            text = self.tr("Wrong PIN. Locked: try again in %1.")
        else:
            text = self.tr("Locked after wrong PINs: try again in %1.")
        self._set_error_text(text.replace("%1", _clock_text(left)))

    def _set_error_text(self, text: str) -> None:
        self.message.show_text(text, "error")

    def _on_key(self, key: str) -> None:
        if key == ENTER:
            self.submit_pin()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pin and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
                self._move_selection(-1)
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
                self._move_selection(1)
                return True
            if key == Qt.Key.Key_Escape:
                self.pin.clear()
                if self.unlocking is not None:
                    self.cancel_unlock()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.pin.setFocus()

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Cashier login"))
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.keypad.button(ENTER).setText(self.tr("Log in"))
        self.change_pin_button.setText(self.tr("Change PIN"))
        for member in self.staff:
            button = self.staff_group.button(member.user_id)
            if button is not None:
                button.setText(self._staff_text(member))
        if self.unlocking is not None:
            self._show_unlock_prompt()
        elif self._selected is not None:
            self.who.setText(self.tr("PIN for %1").replace("%1", self._selected.name))
        elif self.staff_loaded and not self.staff:
            self.who.setText(self._no_staff_text())
        else:
            self.who.setText(self.tr("Choose your name"))
        self._update_unlock_button()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
