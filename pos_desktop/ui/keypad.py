"""An on-screen keypad for touch tills.

Its buttons never take keyboard focus, so tapping a digit types into the field that has focus
(the barcode field, the PIN, the cash amount) and the scanner keeps working between taps.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

BACK = "back"
ENTER = "enter"
CLEAR = "clear"

TOUCH_MIN = 56
"""Smallest touch target in pixels (about 9 mm on a 15" 1024x768 screen)."""


def _special_label(key: str) -> str:
    if key == BACK:
        return "⌫"
    if key == ENTER:
        return QCoreApplication.translate("Keypad", "Enter")
    if key == CLEAR:
        return QCoreApplication.translate("Keypad", "Clear")
    return key


class Keypad(QWidget):
    """A grid of keys. ``rows`` hold key tokens: text to type, or ``BACK``/``ENTER``/``CLEAR``;
    a key repeated in adjacent cells of a row is one wide key, an empty token an empty cell.

    Typing keys go into ``target`` when one is set; every key is also emitted as ``keyPressed``.
    Extra keys with their own meaning (``Qty``, ``Hapus``) are added with ``add_action_key``.
    """

    keyPressed = Signal(str)

    def __init__(
        self,
        rows: Sequence[Sequence[str]],
        target: QLineEdit | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self._target = target
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(6)
        self._buttons: dict[str, QPushButton] = {}
        self._actions: set[str] = set()
        for r, row in enumerate(rows):
            c = 0
            while c < len(row):
                key = row[c]
                span = 1
                while c + span < len(row) and row[c + span] == key:
                    span += 1
                if key:
                    self._add(key, _special_label(key), r, c, span)
                c += span
        self._retranslate()

    def _add(self, key: str, text: str, row: int, column: int, span: int = 1) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"key_{key}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(key == BACK)
        button.setMinimumSize(TOUCH_MIN, TOUCH_MIN)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.clicked.connect(lambda _=False, k=key: self.press(k))
        self._grid.addWidget(button, row, column, 1, span)
        self._buttons[key] = button
        return button

    def add_action_key(self, key: str, row: int, column: int, span: int = 1) -> QPushButton:
        """A key that only emits ``keyPressed(key)``; the owner sets and translates its text."""
        self._actions.add(key)
        return self._add(key, key, row, column, span)

    def button(self, key: str) -> QPushButton:
        return self._buttons[key]

    def set_target(self, target: QLineEdit | None) -> None:
        self._target = target

    def press(self, key: str) -> None:
        target = self._target
        if target is not None and target.isEnabled():
            if key == BACK:
                target.backspace()
            elif key == CLEAR:
                target.clear()
            elif key != ENTER and key not in self._actions:
                target.insert(key)
        self.keyPressed.emit(key)

    def _retranslate(self) -> None:
        for key in (ENTER, CLEAR):
            if key in self._buttons:
                self._buttons[key].setText(_special_label(key))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
