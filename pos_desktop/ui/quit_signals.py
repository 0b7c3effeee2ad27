"""Ctrl+C, SIGTERM and SIGHUP end the till the normal way: the event loop quits, the caller closes
the worker, devices and database, and whoever started the till (``make run``'s demo) stops what it
started, its demo cloud included.

Python runs a signal handler only when the main thread next executes Python code, and while Qt's
event loop waits in C++ none runs: a plain handler would wait for the next mouse move, so Ctrl+C
in the terminal did nothing. Here the C-level handler also writes to a socket
(``signal.set_wakeup_fd``); a ``QSocketNotifier`` on the other end wakes the event loop, its slot
is Python code, and the handler runs at once. No polling timer.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from collections.abc import Callable, Iterable
from types import FrameType

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

QUIT_SIGNALS: tuple[signal.Signals, ...] = tuple(
    s
    for s in (getattr(signal, name, None) for name in ("SIGINT", "SIGTERM", "SIGHUP"))
    if s is not None
)
"""What a terminal (Ctrl+C, closing it), ``kill`` or a service manager sends to stop a program."""

_PROPERTY = "pos_desktop_quit_signals"


def quit_on_signals(
    app: QCoreApplication, signals: Iterable[signal.Signals] = QUIT_SIGNALS
) -> Callable[[], None]:
    """Make ``signals`` quit ``app``'s event loop; returns a function that puts back what was
    there before. Call from the main thread. A second call for the same app changes nothing."""
    if app.property(_PROPERTY):
        return lambda: None
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        # Reading is all there is to do: running this Python slot lets the handler run.
        with contextlib.suppress(BlockingIOError, InterruptedError):
            reader.recv(512)

    notifier.activated.connect(drain)

    def handler(signum: int, _frame: FrameType | None) -> None:
        log.info("%s received: closing the till", signal.Signals(signum).name)
        # Posted, so a signal that arrives before the event loop runs still ends it.
        QTimer.singleShot(0, app.quit)

    previous = {sig: signal.signal(sig, handler) for sig in signals}
    app.setProperty(_PROPERTY, True)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()
        app.setProperty(_PROPERTY, False)

    return restore
