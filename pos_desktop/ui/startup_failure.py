"""The dialog that says why the till did not start, for the person standing at it.

The same sentence goes to the log and the console (``ui.console.report``); the dialog adds the
log file's place, and, when the database was damaged and a verified backup exists, the choice to
restore it. It is modal and blocking on purpose: nothing else of the till exists yet.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal"})


def display_available() -> bool:
    """Whether a dialog would be seen: a running GUI application on a real screen."""
    app = QGuiApplication.instance()
    return isinstance(app, QGuiApplication) and app.platformName() not in HEADLESS_PLATFORMS


class StartupFailureBox(QMessageBox):
    """What went wrong and what to do; ``restore_button`` only when a backup is offered."""

    def __init__(
        self,
        text: str,
        *,
        log_file: Path | None = None,
        restore_offered: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("startupFailure")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("The till cannot start"))
        self.setText(text)
        if log_file is not None:
            self.setInformativeText(
                self.tr("This is also written to the log: %1").replace("%1", str(log_file))
            )
        self.restore_button: QAbstractButton | None = None
        if restore_offered:
            self.restore_button = self.addButton(
                self.tr("Restore the backup"), QMessageBox.ButtonRole.AcceptRole
            )
        self.quit_button = self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button or self.quit_button)
        self.setEscapeButton(self.quit_button)

    @property
    def restore_chosen(self) -> bool:
        clicked = self.clickedButton()
        return self.restore_button is not None and clicked is self.restore_button


def show_startup_failure(
    text: str, *, log_file: Path | None = None, restore_offered: bool = False
) -> bool:
    """Show the failure and wait for the person; True when they chose to restore the backup."""
    box = StartupFailureBox(text, log_file=log_file, restore_offered=restore_offered)
    box.exec()
    return box.restore_chosen
