"""The backup state and the receipt-series notice on the status bar.

Hidden while all is well. A failed automatic backup (``services.backups``) shows in red until a
later one succeeds, with the reason and the folder in the tooltip. A till that started a new
receipt series after a restore says so, with the next receipt number, until that number is used.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from pos_desktop.services.backups import BackupService, BackupState
from pos_desktop.services.changes import TillChanges
from pos_desktop.ui.changes import ChangeHub
from pos_desktop.ui.messages import message_for

log = logging.getLogger(__name__)


class BackupBridge(QObject):
    """Lives on the UI thread; ``report`` is called on the backup thread."""

    stateChanged = Signal(object)

    def report(self, state: BackupState) -> None:
        self.stateChanged.emit(state)


class BackupStatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupStatus")
        self.state = BackupState(ok=None)
        self.next_receipt_no: str | None = None
        self.setVisible(False)

    def show_state(self, state: BackupState) -> None:
        self.state = state
        self._refresh()

    def show_new_series(self, next_receipt_no: str | None) -> None:
        self.next_receipt_no = next_receipt_no
        self._refresh()

    def sale_completed(self, *_: object) -> None:
        if self.next_receipt_no is not None:
            self.next_receipt_no = None
            self._refresh()

    def till_changed(self, changes: TillChanges) -> None:
        if changes.sale is not None:
            self.sale_completed()

    def _refresh(self) -> None:
        failed = self.state.ok is False
        parts: list[str] = []
        tips: list[str] = []
        # Literal context and text in each call: pyside6-lupdate collects no others.
        if failed:
            parts.append(QCoreApplication.translate("BackupStatus", "Backup failed"))
            if self.state.error is not None:
                tips.append(message_for(self.state.error))
            tips.append(
                QCoreApplication.translate("BackupStatus", "Shown until the next backup succeeds.")
            )
        if self.next_receipt_no is not None:
            parts.append(
                QCoreApplication.translate("BackupStatus", "New receipt series from %1").replace(
                    "%1", self.next_receipt_no
                )
            )
            tips.append(
                QCoreApplication.translate(
                    "BackupStatus",
                    "This till was restored from a backup without reaching the cloud, so its "
                    "receipt numbers continue in a new series that cannot repeat an earlier "
                    "number. The next receipt is %1.",
                ).replace("%1", self.next_receipt_no)
            )
        self.setText(" · ".join(parts))
        self.setToolTip("\n".join(tips))
        self.setStyleSheet("color: #b00020; font-weight: bold;" if failed else "color: #8a5a00;")
        self.setVisible(bool(parts))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._refresh()
        super().changeEvent(event)


def attach_backup_status(
    window: QMainWindow,
    service: BackupService | None,
    next_receipt_no: str | None,
    changes: ChangeHub | None = None,
) -> BackupStatusLabel:
    """Put the label on ``window``'s status bar and feed it from ``service``; the till's
    ``changes`` tell it when the new series' first sale is made."""
    label = BackupStatusLabel(window)
    window.statusBar().addPermanentWidget(label)
    bridge = BackupBridge(label)
    bridge.stateChanged.connect(label.show_state)
    if service is not None:
        service.add_listener(bridge.report)
        label.show_state(service.state)
    label.show_new_series(next_receipt_no)
    if next_receipt_no is not None:
        log.warning("new receipt series after a restore: next receipt %s", next_receipt_no)
    if changes is not None:
        changes.subscribe(label.till_changed)
    return label
