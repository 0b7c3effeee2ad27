"""A small entry dialog for a quantity or a discount, usable by keyboard and by touch.

The value is applied by the caller's ``apply`` function while the dialog is still open: a
refusal (``UserError``) shows inside the dialog with a beep and the dialog stays, so the cashier
corrects the number where they typed it. Enter applies, Esc backs out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.keypad import BACK, CLEAR, ENTER, TOUCH_MIN, Keypad

Apply = Callable[[str], None]


def touch_buttons(parent: QWidget, *names: str) -> tuple[QHBoxLayout, list[QPushButton]]:
    """A row of finger-sized buttons that never take the keyboard focus from the field."""
    row = QHBoxLayout()
    made: list[QPushButton] = []
    for name in names:
        button = QPushButton(parent)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(TOUCH_MIN)
        button.setAutoDefault(False)
        row.addWidget(button)
        made.append(button)
    return row, made


class ValueDialog(QDialog):
    def __init__(
        self,
        title: str,
        prompt: str,
        apply: Apply,
        *,
        initial: str = "",
        extra_keys: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("valueDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        self._apply = apply
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt, self)
        self.prompt.setObjectName("dialogPrompt")
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.field = QLineEdit(initial, self)
        self.field.setObjectName("valueField")
        self.field.selectAll()
        self.field.returnPressed.connect(self.apply_value)
        layout.addWidget(self.field)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        last_row = ["0", *extra_keys, BACK] if extra_keys else ["0", "00", BACK]
        self.keypad = Keypad(
            (("7", "8", "9"), ("4", "5", "6"), ("1", "2", "3"), tuple(last_row)),
            target=self.field,
            parent=self,
        )
        layout.addWidget(self.keypad)
        buttons, (self.cancel_button, self.ok_button) = touch_buttons(
            self, "cancelButton", "okButton"
        )
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.apply_value)
        layout.addLayout(buttons)
        self.keypad.keyPressed.connect(self._on_key)
        self._retranslate()
        self.field.setFocus()

    def _on_key(self, key: str) -> None:
        if key == ENTER:
            self.apply_value()
        elif key == CLEAR:
            self.field.clear()

    def apply_value(self) -> None:
        try:
            self._apply(self.field.text())
        except UserError as error:
            self.message.show_error(error, self.field)
            self.field.selectAll()
            self.field.setFocus()
            return
        self.accept()

    def _retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.setText(self.tr("OK"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.field.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
