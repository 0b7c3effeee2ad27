"""Keyboard-wedge scanners recognised by timing, wherever the focus is on the sale screen.

A wedge scanner is a keyboard: it types the code and Enter. In the barcode field that is just
a scan. Elsewhere on the sale screen (focus lost after a click, a touch on the table), the keys
would be lost or trigger something else, so an app-wide event filter holds printable keys that
arrive on the sale screen outside the barcode field: keys no more than ``max_gap_ms`` apart,
at least ``min_length`` of them and then Enter or Tab are a scan and go to the cart; anything
slower is a person typing, and the held keys are put into the barcode field instead.

Qt's test key events carry timestamp 0 and real events carry the windowing system's clock, so
the detector reads its own injectable clock (milliseconds) rather than the event's timestamp.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from pos_desktop.devices.config import WedgeConfig

log = logging.getLogger(__name__)

TERMINATORS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def monotonic_ms() -> float:
    return time.monotonic() * 1000.0


class WedgeDetector:
    """Pure timing logic: feed keys with their time, ask at a terminator whether it was a scan."""

    def __init__(self, config: WedgeConfig) -> None:
        self.config = config
        self.text = ""
        self._last: float | None = None
        self._fast = True

    def gap_too_long(self, now: float) -> bool:
        return self._last is not None and now - self._last > self.config.max_gap_ms

    def key(self, char: str, now: float) -> None:
        if self.text and self.gap_too_long(now):
            self._fast = False
        self.text += char
        self._last = now

    def end(self, now: float) -> str | None:
        """The scanned code if the held keys were a scan; resets either way."""
        text, fast = self.text, self._fast and not self.gap_too_long(now)
        self.reset()
        if fast and len(text) >= self.config.min_length:
            return text
        return None

    def reset(self) -> None:
        self.text = ""
        self._last = None
        self._fast = True


class WedgeScanFilter(QObject):
    """Install with ``install()``; emits ``scanned`` for each wedge scan it catches."""

    scanned = Signal(str)

    def __init__(
        self,
        target: QWidget,
        field: QWidget,
        config: WedgeConfig,
        *,
        active: Callable[[], bool],
        typed: Callable[[str], None],
        clock: Callable[[], float] = monotonic_ms,
        parent: QObject | None = None,
    ) -> None:
        """``target``: the screen watched; ``field``: its own input, left alone; ``active``:
        whether the screen takes scans now; ``typed``: where slow (human) keys go."""
        super().__init__(parent)
        self.target = target
        self.field = field
        self.detector = WedgeDetector(config)
        self._active = active
        self._typed = typed
        self.clock = clock
        """Milliseconds; tests replace it (Qt test key events all carry timestamp 0)."""
        self._installed = False
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(max(250, config.max_gap_ms * 5))
        self._flush.timeout.connect(self.flush_typed)

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._installed and self.detector.config.enabled:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
        self._flush.stop()

    def flush_typed(self) -> None:
        """Keys held but not ended by a fast terminator were typed by a person."""
        self._flush.stop()
        text = self.detector.text
        self.detector.reset()
        if text:
            self._typed(text)

    def _watches(self, watched: QObject) -> bool:
        if not isinstance(watched, QWidget) or watched is self.field:
            return False
        if not (watched is self.target or self.target.isAncestorOf(watched)):
            return False
        return self._active()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self._watches(watched):
            return False
        assert isinstance(event, QKeyEvent)
        now = self.clock()
        if event.key() in TERMINATORS:
            if not self.detector.text:
                return False
            self._flush.stop()
            held = self.detector.text
            code = self.detector.end(now)
            if code is None:
                self._typed(held)  # a person typing: the field shows it, Enter is theirs again
            else:
                log.info("wedge scan caught outside the barcode field")
                self.scanned.emit(code)
            return True
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & _MODIFIERS:
            return False
        if self.detector.text and self.detector.gap_too_long(now):
            self.flush_typed()
            self._typed(text)
            return True
        self.detector.key(text, now)
        self._flush.start()
        return True
