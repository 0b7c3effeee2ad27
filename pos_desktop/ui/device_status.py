"""Each configured device's state in the status bar: one small button per device.

The words are short ("Printer: paper out", "Printer: ready · Drawer open" where the printer
reports the drawer on its drawer port); the tooltip has the full sentence from the message
table, and a click opens the device screen, where store IT can test each device and the
cashier can print the receipts waiting in the reprint queue.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from pos_desktop.devices.hub import DeviceHub
from pos_desktop.devices.lifecycle import DeviceKind, DeviceState, DeviceStatus
from pos_desktop.domain.errors import UserError
from pos_desktop.ui.device_bridge import DeviceBridge
from pos_desktop.ui.feedback import set_state
from pos_desktop.ui.messages import message_for
from pos_desktop.ui.status_bar import ElidedButton


class DeviceStatusBar(QWidget):
    clicked = Signal(str)
    """The device name whose button was pressed."""

    def __init__(self, hub: DeviceHub, bridge: DeviceBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deviceStatusBar")
        self.hub = hub
        self.buttons: dict[str, ElidedButton] = {}
        self.statuses: dict[str, DeviceStatus] = {}
        self.waiting = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for status in hub.statuses():
            button = ElidedButton(self)
            button.setObjectName(f"device_{status.name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFlat(True)
            button.clicked.connect(lambda _c=False, name=status.name: self.clicked.emit(name))
            layout.addWidget(button)
            self.buttons[status.name] = button
            self.statuses[status.name] = status
        bridge.statusChanged.connect(self.show_status)
        bridge.printFinished.connect(lambda _event: self.refresh_waiting())
        # The hub keeps each device's last state: show it now, not only at the next change
        # (a device that settled before this window opened would stay blank).
        for status in hub.statuses():
            self.show_status(status)
        self.refresh_waiting()

    def refresh_waiting(self) -> None:
        self.waiting = len(self.hub.queue) if self.hub.printer is not None else 0
        if "printer" in self.statuses:
            self.show_status(self.statuses["printer"])

    def show_status(self, status: DeviceStatus) -> None:
        button = self.buttons.get(status.name)
        if button is None:
            return
        self.statuses[status.name] = status
        text = f"{self.kind_name(status.kind)}: {self.state_text(status)}"
        essential = text
        if status.kind is DeviceKind.PRINTER and self.waiting:
            text += "  · " + self.tr("%n waiting", "", self.waiting)
        tips = [message_for(UserError(status.problem))] if status.problem else []
        if status.drawer_open:
            text += "  · " + self.tr("Drawer open")
            tips.append(self.tr("The cash drawer is open."))
        # Short of room, the waiting count and the drawer give way before the state does.
        button.set_full_text(text, "\n".join(tips), essential=essential)
        if status.ready:
            set_state(button, "warning" if status.problem or status.drawer_open else "ok")
        else:
            set_state(
                button, "error" if status.state is DeviceState.ERROR or status.problem else ""
            )

    def text_of(self, name: str) -> str:
        """The button's whole text (what shows may end in "…" on a narrow screen)."""
        return self.buttons[name].full_text()

    def kind_name(self, kind: DeviceKind) -> str:
        return {
            DeviceKind.PRINTER: self.tr("Printer"),
            DeviceKind.DRAWER: self.tr("Drawer"),
            DeviceKind.SCANNER: self.tr("Scanner"),
            DeviceKind.DISPLAY: self.tr("Display"),
            DeviceKind.SCALE: self.tr("Scale"),
        }[kind]

    def state_text(self, status: DeviceStatus) -> str:
        problems = {
            "printer.paper_near_end": self.tr("paper low"),
            "printer.paper_out": self.tr("paper out"),
            "printer.cover_open": self.tr("cover open"),
            "printer.offline": self.tr("offline"),
            "printer.error": self.tr("error"),
        }
        if status.state is DeviceState.ENABLED:
            return problems.get(status.problem or "", self.tr("ready"))
        if status.state is DeviceState.OPEN:
            return self.tr("starting")
        if status.state is DeviceState.ERROR:
            return self.tr("not connected")
        return self.tr("off")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for status in list(self.statuses.values()):
                self.show_status(status)
        super().changeEvent(event)
