"""How the till tells the cashier something went wrong without stealing the scanner's Enter.

A modal message box would swallow the next scan's Enter (and dismiss itself unread), so errors
go to a message strip on the screen instead, with a beep and a red flash of the input field.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from pos_desktop.domain.errors import UserError
from pos_desktop.ui.messages import message_for

FLASH_MS = 700


def set_state(widget: QWidget, state: str) -> None:
    """Switch the ``state`` property the style sheet keys on (``error``, ``ok``, ``info``, "")."""
    widget.setProperty("state", state)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def flash(widget: QWidget, ms: int = FLASH_MS) -> None:
    """Colour ``widget`` red for a moment."""
    set_state(widget, "error")
    QTimer.singleShot(ms, widget, lambda: set_state(widget, ""))


class MessageBar(QLabel):
    """One line (wrapping) of feedback: an error, a warning or a confirmation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumHeight(36)
        self.code: str = ""
        """The code of the error on show, for logs and tests."""
        self._error: UserError | None = None
        self.clear_message()

    def show_error(self, error: UserError, field: QWidget | None = None) -> None:
        self.code = error.code
        self._error = error
        self.setText(message_for(error))
        set_state(self, "error")
        QApplication.beep()
        if field is not None:
            flash(field)

    def show_text(self, text: str, state: str = "info") -> None:
        """A finished sentence (already translated) in the given state's colours."""
        self.code = ""
        self._error = None
        self.setText(text)
        set_state(self, state)

    def show_warning(self, text: str) -> None:
        self.show_text(text, "warning")

    def show_info(self, text: str) -> None:
        self.show_text(text, "info")

    def clear_message(self) -> None:
        self.code = ""
        self._error = None
        self.setText("")
        set_state(self, "")

    @property
    def is_error(self) -> bool:
        return bool(self.property("state") == "error")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == event.Type.LanguageChange and self._error is not None:
            self.setText(message_for(self._error))
        super().changeEvent(event)
