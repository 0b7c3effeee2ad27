"""Device events, from the devices' own threads, as signals on the UI thread.

The device layer knows no Qt: it calls listeners on whatever thread a device runs. This bridge
is such a listener; it only emits one internal signal, connected with a queued connection, so
every event is handled on the UI thread in the order the devices reported them, and no widget
is ever touched from a device thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot

from pos_desktop.devices.hub import DeviceHub
from pos_desktop.devices.lifecycle import (
    DeviceEvent,
    DrawerOpened,
    PrintFinished,
    Scanned,
    StatusChanged,
)

log = logging.getLogger(__name__)


class DeviceBridge(QObject):
    statusChanged = Signal(object)
    """A ``DeviceStatus``."""
    scanned = Signal(str, str)
    """Device name, code."""
    printFinished = Signal(object)
    """A ``PrintFinished``: its ``error`` is set when the receipt went to the reprint queue."""
    drawerOpened = Signal(object)

    _received = Signal(object)

    def __init__(self, hub: DeviceHub | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._received.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = hub.subscribe(self._received.emit) if hub is not None else None

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    @Slot(object)
    def _dispatch(self, event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged):
            self.statusChanged.emit(event.status)
        elif isinstance(event, Scanned):
            self.scanned.emit(event.device, event.text)
        elif isinstance(event, PrintFinished):
            self.printFinished.emit(event)
        elif isinstance(event, DrawerOpened):
            self.drawerOpened.emit(event)
