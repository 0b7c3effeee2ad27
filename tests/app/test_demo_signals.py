"""Ctrl+C (SIGINT) and SIGTERM reach a till that sits idle in Qt's event loop."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_desktop.ui.quit_signals import quit_on_signals

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

FAIL_SAFE_MS = 20_000
"""Only reached when the signal did not end the loop (the test then fails)."""

SETTLE_S = 0.3
"""Lets the main thread return into Qt's C++ loop, so the signal finds no Python running (sent
earlier, the test only passes for a weaker reason; never fails because of it)."""


def send_from_another_thread(sig: signal.Signals) -> None:
    def send() -> None:
        time.sleep(SETTLE_S)
        os.kill(os.getpid(), sig)

    threading.Thread(target=send, daemon=True).start()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_quits_an_idle_event_loop(qapp: QApplication, sig: signal.Signals) -> None:
    before = signal.getsignal(sig)
    restore = quit_on_signals(qapp)
    timed_out: list[bool] = []

    def fail_safe() -> None:
        timed_out.append(True)
        qapp.quit()

    try:
        # Sent while the loop idles in C++; nothing else runs Python until the fail-safe.
        QTimer.singleShot(0, lambda: send_from_another_thread(sig))
        QTimer.singleShot(FAIL_SAFE_MS, fail_safe)
        qapp.exec()
    finally:
        restore()
    assert not timed_out, f"{sig.name} did not end the event loop"
    assert signal.getsignal(sig) is before


def test_a_signal_before_the_loop_starts_still_ends_it(qapp: QApplication) -> None:
    restore = quit_on_signals(qapp)
    assert quit_on_signals(qapp)() is None  # installed once per app; the second is a no-op
    timed_out: list[bool] = []
    try:
        os.kill(os.getpid(), signal.SIGINT)

        def fail_safe() -> None:
            timed_out.append(True)
            qapp.quit()

        QTimer.singleShot(FAIL_SAFE_MS, fail_safe)
        qapp.exec()
    finally:
        restore()
    assert not timed_out
