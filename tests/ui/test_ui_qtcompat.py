"""The PySide6 reference bug (void calls and emits losing references to None/True) must not
be able to abort the till."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal

from pos_desktop.ui.qtcompat import protect_interpreter, references_lost


class _Source(QObject):
    value = Signal(int)


def test_many_void_calls_and_emits_cannot_free_none_or_true(qapp):
    protect_interpreter()
    source = _Source()
    heard: list[int] = []
    source.value.connect(heard.append)
    timer = QTimer()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(200_000):  # far more than None's or True's count in a fresh interpreter
        source.value.emit(i)
        timer.setInterval(i % 7 + 1)
    assert len(heard) == 200_000
    # Either the binding keeps its references, or the singletons are pinned out of reach.
    for singleton, before in ((None, none_before), (True, true_before)):
        lost = before - sys.getrefcount(singleton)
        assert lost <= 10 or sys.getrefcount(singleton) > 2**39


def test_protection_is_applied_only_when_needed(qapp):
    lost = references_lost()
    if sys.version_info >= (3, 12) or max(lost.values()) == 0:
        assert protect_interpreter() is False
    else:
        assert protect_interpreter() is True
        assert sys.getrefcount(None) > 2**39
