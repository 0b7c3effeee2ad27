"""The device screen: each device's port and state, a test button for each, and the reprint
queue. Store IT uses it to check the wiring without a terminal; the same tests run from
``pos-desktop devices test``. Tests run on the devices' own threads; results come back here
through a queued signal."""

from __future__ import annotations

import logging
from concurrent.futures import Future
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.devices.hub import DeviceHub
from pos_desktop.devices.lifecycle import DeviceStatus
from pos_desktop.devices.selftest import start_test
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Permission, PermissionTable
from pos_desktop.services.ports import StaffMember
from pos_desktop.ui.device_bridge import DeviceBridge
from pos_desktop.ui.feedback import MessageBar

log = logging.getLogger(__name__)


class DeviceSettingsDialog(QDialog):
    testFinished = Signal(str, object)
    """Kind, and the result line or the ``UserError``."""

    def __init__(
        self,
        hub: DeviceHub,
        bridge: DeviceBridge,
        cashier: StaffMember | None,
        permissions: PermissionTable,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deviceSettings")
        self.hub = hub
        self.cashier = cashier
        self.permissions = permissions
        self.results: dict[str, str] = {}
        self.state_labels: dict[str, QLabel] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        self.testFinished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        bridge.statusChanged.connect(self._status)
        bridge.printFinished.connect(lambda _e: self._refresh_queue())

        root = QVBoxLayout(self)
        grid = QGridLayout()
        urls = {
            "printer": hub.config.printer.url.raw if hub.config.printer else "",
            "drawer": hub.config.drawer.url.raw if hub.config.drawer else "",
            "scanner": hub.config.scanner.url.raw if hub.config.scanner else "",
            "display": hub.config.display.url.raw if hub.config.display else "",
            "scale": hub.config.scale.url.raw if hub.config.scale else "",
        }
        for row, (kind, url) in enumerate(urls.items()):
            grid.addWidget(QLabel(kind, self), row, 0)
            grid.addWidget(QLabel(url or "—", self), row, 1)
            state = QLabel(self)
            state.setObjectName(f"state_{kind}")
            self.state_labels[kind] = state
            grid.addWidget(state, row, 2)
            button = QPushButton(self)
            button.setObjectName(f"test_{kind}")
            button.setEnabled(bool(url))
            button.clicked.connect(lambda _c=False, k=kind: self.run_test(k))
            self.test_buttons[kind] = button
            grid.addWidget(button, row, 3)
        root.addLayout(grid)
        self.reprint_button = QPushButton(self)
        self.reprint_button.setObjectName("printWaiting")
        self.reprint_button.clicked.connect(self.print_waiting)
        root.addWidget(self.reprint_button)
        self.message = MessageBar(self)
        root.addWidget(self.message)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        root.addWidget(self.close_button)
        for status in hub.statuses():
            self._status(status)
        self._retranslate()

    def run_test(self, kind: str) -> None:
        if kind == "drawer" and not self.may_test_drawer():
            self.message.show_error(UserError("drawer.not_permitted"))
            return
        try:
            future = start_test(self.hub, kind, by=self.cashier.code if self.cashier else "")
        except UserError as error:
            self.message.show_error(error)
            return
        self.message.show_info(self.tr("Testing %1…").replace("%1", kind))
        future.add_done_callback(partial(self._relay, kind))

    def may_test_drawer(self) -> bool:
        """A test kick opens the drawer with no sale and no journal entry, so it is a settings
        action (``CHANGE_SETTINGS``, by default a manager's), not the drawer button's
        ``NO_SALE``."""
        cashier = self.cashier
        return cashier is not None and self.permissions.allows(
            cashier.role, Permission.CHANGE_SETTINGS
        )

    def _relay(self, kind: str, future: Future[Any]) -> None:
        error = future.exception()
        self.testFinished.emit(kind, error if error is not None else future.result())

    def _finished(self, kind: str, result: object) -> None:
        if isinstance(result, UserError):
            self.results[kind] = result.code
            self.message.show_error(result)
        elif isinstance(result, BaseException):
            log.error("device test %s failed: %s", kind, result)
            self.results[kind] = repr(result)
            self.message.show_error(UserError(f"{kind}.unavailable", detail=str(result)))
        else:
            self.results[kind] = str(result)
            self.message.show_info(str(result))

    def print_waiting(self) -> None:
        if self.hub.printer is None:
            self.message.show_error(UserError("device.not_configured", device="printer"))
            return
        future = self.hub.printer.print_waiting()
        future.add_done_callback(partial(self._relay, "reprint"))

    def _status(self, status: DeviceStatus) -> None:
        label = self.state_labels.get(status.name)
        if label is not None:
            label.setText(status.state.value + (f" ({status.problem})" if status.problem else ""))

    def _refresh_queue(self) -> None:
        waiting = len(self.hub.queue)
        self.reprint_button.setText(
            self.tr("Print waiting receipts (%1)").replace("%1", str(waiting))
        )
        self.reprint_button.setEnabled(waiting > 0 and self.hub.printer is not None)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Devices"))
        names = {
            "printer": self.tr("Print a test receipt"),
            "drawer": self.tr("Open the drawer"),
            "scanner": self.tr("Wait for a scan"),
            "display": self.tr("Show a test message"),
            "scale": self.tr("Read the weight"),
        }
        for kind, button in self.test_buttons.items():
            button.setText(names[kind])
        self.close_button.setText(self.tr("Close"))
        self._refresh_queue()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
