"""Keep a Qt binding reference bug from aborting the till.

PySide6 6.12.0 (the ``cp310-abi3`` wheel) on CPython 3.10/3.11 returns ``None`` from every void
method and ``True`` from ``Signal.emit()`` without taking a reference to it, so each call from
Python costs the interpreter one reference to that singleton. After some thousands of calls the
count reaches zero and the process aborts with "Fatal Python error: none_dealloc" (or
"bool_dealloc"). A till makes that many calls in its first minutes. CPython 3.12+ makes these
singletons immortal, which is why the bug hides there.

``protect_interpreter`` does what 3.12 does: it detects the loss with a few probe calls and, if
there is one, gives ``None``, ``True`` and ``False`` so many references (2**40) that no session
can use them up. These objects are static and never freed, so the extra count changes nothing
else. It runs when ``pos_desktop.ui`` is imported, before any screen exists.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

_PROBES = 32
_PIN = 1 << 40

_protected = False


class _Probe(QObject):
    ping = Signal()


def references_lost() -> dict[str, int]:
    """How many references to ``None`` and ``True`` a few void calls and emits cost."""
    timer = QTimer()
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        timer.setInterval(1)
    none_after = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.ping.emit()
    true_after = sys.getrefcount(True)
    return {"None": none_before - none_after, "True": true_before - true_after}


def protect_interpreter() -> bool:
    """Pin ``None``/``True``/``False`` when the binding loses references to them.

    Returns True when pinned (now or by an earlier call).
    """
    global _protected
    if _protected:
        return True
    if sys.version_info >= (3, 12):
        return False  # immortal singletons: the lost references do no harm
    lost = references_lost()
    if max(lost.values()) < _PROBES // 2:
        return False
    if hasattr(sys, "gettotalrefcount"):
        log.error("Qt binding loses references (%s) on a debug build; not pinning", lost)
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython < 3.12.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += _PIN
    _protected = True
    log.info(
        "PySide6 loses references to None/True on this Python (%s per %d calls); pinned them",
        lost,
        _PROBES,
    )
    return True
