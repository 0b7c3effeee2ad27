"""Signed updates on the status bar, and the login screen's word that this version started.

Hidden while there is nothing to say. It tells the shift that an update is ready and waits for
the shift to close, that one is installed and starts with the next start, that the repository's
answer was refused (the till keeps its version; store IT should look), or that a new version
failed to start and the till went back to the previous one. The update task
(``pos_desktop.updates.task``) reports on the sync thread; ``UpdateBridge`` re-emits on the UI
thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from pos_desktop.updates.status import UpdateState, UpdateStatus

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session, sessionmaker

    from pos_desktop.config import TillConfig
    from pos_desktop.paths import AppPaths
    from pos_desktop.updates.task import UpdateTask
    from pos_desktop.updates.wiring import UpdateBoot

log = logging.getLogger(__name__)


class UpdateBridge(QObject):
    statusChanged = Signal(object)

    def report(self, status: UpdateStatus) -> None:
        self.statusChanged.emit(status)


def refusal_text(code: str | None) -> str:
    """Why an update was refused, in the shift's words."""
    # Literal context and text in each call: pyside6-lupdate collects no others.
    if code == "update.tampered":
        return QCoreApplication.translate("UpdateStatus", "the file was changed")
    if code == "update.rollback":
        return QCoreApplication.translate("UpdateStatus", "older update data than already seen")
    if code == "update.frozen":
        return QCoreApplication.translate("UpdateStatus", "the update data has expired")
    if code == "update.mismatch":
        return QCoreApplication.translate("UpdateStatus", "the update data does not match")
    if code == "update.bad_signature":
        return QCoreApplication.translate("UpdateStatus", "the signature is not valid")
    return QCoreApplication.translate("UpdateStatus", "the release cannot be used")


class UpdateStatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None, *, previous: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateStatus")
        self.status = UpdateStatus()
        self.running = previous
        self.setVisible(False)

    def show_status(self, status: UpdateStatus) -> None:
        self.status = status
        self._refresh()

    def _texts(self) -> tuple[str, str]:
        status, version = self.status, self.status.version or ""
        if status.state is UpdateState.READY:
            return (
                QCoreApplication.translate(
                    "UpdateStatus", "Update %1 ready; installed after the shift is closed"
                ).replace("%1", version),
                QCoreApplication.translate(
                    "UpdateStatus", "Downloaded and verified. Nothing changes during a shift."
                ),
            )
        if status.state is UpdateState.INSTALLED:
            return (
                QCoreApplication.translate(
                    "UpdateStatus", "Update %1 installed; it starts when the till restarts"
                ).replace("%1", version),
                QCoreApplication.translate(
                    "UpdateStatus", "The database was backed up and the current version is kept."
                ),
            )
        if status.state is UpdateState.REFUSED:
            return (
                QCoreApplication.translate("UpdateStatus", "Update refused: %1").replace(
                    "%1", refusal_text(status.problem)
                ),
                QCoreApplication.translate(
                    "UpdateStatus", "The till keeps its current version. Tell the store's IT."
                ),
            )
        if status.state is UpdateState.ROLLED_BACK:
            return (
                QCoreApplication.translate(
                    "UpdateStatus", "Update %1 failed to start; back on version %2"
                )
                .replace("%1", version)
                .replace("%2", self.running or ""),
                QCoreApplication.translate(
                    "UpdateStatus", "The database was put back as it was before the update."
                ),
            )
        return "", ""

    def _refresh(self) -> None:
        text, tip = self._texts()
        self.setText(text)
        self.setToolTip(tip)
        trouble = self.status.state in (UpdateState.REFUSED, UpdateState.ROLLED_BACK)
        self.setStyleSheet("color: #b00020; font-weight: bold;" if trouble else "color: #1b5e20;")
        self.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._refresh()
        super().changeEvent(event)


def attach_updates(
    window: QMainWindow,
    boot: UpdateBoot | None,
    paths: AppPaths,
    config: TillConfig,
    sessions: sessionmaker[Session],
    monotonic: Callable[[], float],
) -> UpdateTask | None:
    """The label on ``window``'s status bar, the sync thread's update task reporting to it, and
    the confirmation of this start once the event loop runs with the login screen up."""
    if boot is None:
        return None
    from pos_desktop.updates.wiring import update_task

    label = UpdateStatusLabel(window, previous=boot.report.running)
    window.statusBar().addPermanentWidget(label)
    bridge = UpdateBridge(label)
    bridge.statusChanged.connect(label.show_status)
    label.show_status(boot.first_status)
    QTimer.singleShot(0, window, boot.confirm)
    return update_task(boot, paths, config, sessions, monotonic=monotonic, on_status=bridge.report)
