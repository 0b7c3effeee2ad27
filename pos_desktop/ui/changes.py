"""The one change event of the till's window (see ``services.changes``).

``MainWindow.changes`` is the only ``ChangeHub``; publishers call ``publish`` after an operation
has taken effect, subscribers connect to ``changed`` and read the fields they need. Delivery is
synchronous on the Qt thread, in subscription order, so a subscriber sees the screen as the
operation left it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from pos_desktop.services.changes import TillChanges

log = logging.getLogger(__name__)


class ChangeHub(QObject):
    changed = Signal(object)
    """A ``TillChanges``."""

    def publish(self, changes: TillChanges) -> None:
        log.debug("changes: %s", changes)
        self.changed.emit(changes)

    def subscribe(self, handler: Callable[[TillChanges], object]) -> None:
        self.changed.connect(handler)
