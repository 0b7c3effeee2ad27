"""A member changes their own PIN: the current PIN, then the new one twice.

Opened from the login screen (for the name picked there) or from the F9 operations menu (for
the person logged in). The check and the slow hash run on the database thread
(``StaffService.change_own_pin``); a refusal shows in the dialog, which stays open with the
fields cleared, so nothing typed is ever shown back. The keypad types into the field that has
the focus; Enter moves to the next field and, on the last one, submits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_desktop.domain.errors import UserError
from pos_desktop.services.ports import StaffMember
from pos_desktop.services.staff import MAX_PIN_LENGTH_ACCEPTED, PIN_LENGTHS, StaffService
from pos_desktop.ui.dialogs import touch_buttons
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.keypad import BACK, CLEAR, ENTER, Keypad
from pos_desktop.ui.ops import change_own_pin
from pos_desktop.ui.worker import DbWorker

log = logging.getLogger(__name__)


def _pin_field(parent: QWidget, name: str, max_length: int) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(max_length)
    return field


class PinChangeDialog(QDialog):
    changed = Signal(object)
    """The ``StaffMember`` whose PIN is now the new one."""

    def __init__(
        self,
        member: StaffMember,
        service: StaffService,
        worker: DbWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pinChangeDialog")
        self.setModal(True)
        self.member = member
        self._service = service
        self._worker = worker
        self.busy = False
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("dialogPrompt")
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.old_label = QLabel(self)
        layout.addWidget(self.old_label)
        self.old_pin = _pin_field(self, "oldPin", MAX_PIN_LENGTH_ACCEPTED)
        layout.addWidget(self.old_pin)
        self.new_label = QLabel(self)
        layout.addWidget(self.new_label)
        self.new_pin = _pin_field(self, "newPin", PIN_LENGTHS[-1])
        layout.addWidget(self.new_pin)
        self.again_label = QLabel(self)
        layout.addWidget(self.again_label)
        self.again_pin = _pin_field(self, "newPinAgain", PIN_LENGTHS[-1])
        layout.addWidget(self.again_pin)
        self.fields = (self.old_pin, self.new_pin, self.again_pin)
        self.old_pin.returnPressed.connect(self.new_pin.setFocus)
        self.new_pin.returnPressed.connect(self.again_pin.setFocus)
        self.again_pin.returnPressed.connect(self.submit)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.keypad = Keypad(
            (("7", "8", "9"), ("4", "5", "6"), ("1", "2", "3"), (CLEAR, "0", BACK)),
            target=None,
            parent=self,
        )
        self.keypad.keyPressed.connect(self._on_key)
        layout.addWidget(self.keypad)
        buttons, (self.cancel_button, self.ok_button) = touch_buttons(
            self, "cancelButton", "okButton"
        )
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)
        layout.addLayout(buttons)
        self._retranslate()

    def _focused_field(self) -> QLineEdit:
        return next((f for f in self.fields if f.hasFocus()), self._first_empty())

    def _first_empty(self) -> QLineEdit:
        return next((f for f in self.fields if not f.text()), self.again_pin)

    def _on_key(self, key: str) -> None:
        field = self._focused_field()
        if key == ENTER:
            field.returnPressed.emit()
        elif key == CLEAR:
            field.clear()
        elif key == BACK:
            field.backspace()
        else:
            field.insert(key)
        field.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        old, new, again = (f.text() for f in self.fields)
        self.busy = True
        self.ok_button.setEnabled(False)
        for field in self.fields:
            field.clear()
        change_own_pin(self._service, self.member, old, new, again).success(
            lambda _none: self._done()
        ).failure(self._refused).run(self._worker)

    def _done(self) -> None:
        self.busy = False
        log.info("PIN of %s changed at the till", self.member.code)
        self.changed.emit(self.member)
        self.accept()

    def _refused(self, error: UserError) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.message.show_error(error, self.old_pin)
        QApplication.beep()
        self.old_pin.setFocus()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change PIN"))
        self.prompt.setText(
            self.tr("%1: change your PIN (%2 to %3 digits).")
            .replace("%1", self.member.name)
            .replace("%2", str(PIN_LENGTHS.start))
            .replace("%3", str(PIN_LENGTHS[-1]))
        )
        self.old_label.setText(self.tr("Current PIN"))
        self.new_label.setText(self.tr("New PIN"))
        self.again_label.setText(self.tr("New PIN again"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.setText(self.tr("Change PIN"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.old_pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
