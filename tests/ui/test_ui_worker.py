"""The database worker: off the UI thread, in order, errors split, clean shutdown."""

from __future__ import annotations

import logging
import threading

import pytest

from pos_desktop.domain.errors import UserError
from pos_desktop.ui.worker import DbWorker


def test_runs_off_the_ui_thread_and_reports_in_submission_order(qtbot, worker: DbWorker):
    results: list[tuple[int, str]] = []
    threads: set[str] = set()

    def job(i: int) -> int:
        threads.add(threading.current_thread().name)
        return i * i

    for i in range(50):
        worker.submit(job, i, on_result=lambda r, i=i: results.append((i, r)))
    assert worker.pending == 50
    qtbot.waitUntil(lambda: worker.pending == 0)
    assert results == [(i, i * i) for i in range(50)]
    assert threading.main_thread().name not in threads
    assert len(threads) == 1


def test_user_error_passes_through_and_anything_else_becomes_storage_unexpected(
    qtbot, worker: DbWorker, caplog
):
    errors: list[UserError] = []

    def refuse() -> None:
        raise UserError("storage.locked")

    def crash(pin: str) -> None:
        raise ZeroDivisionError("secret detail")

    worker.submit(refuse, on_error=errors.append)
    with caplog.at_level(logging.ERROR, logger="pos_desktop.ui.worker"):
        worker.submit(crash, "1234", on_error=errors.append, label="verify PIN")
        qtbot.waitUntil(lambda: worker.pending == 0)
    assert [e.code for e in errors] == ["storage.locked", "storage.unexpected"]
    [record] = [r for r in caplog.records if r.exc_info]
    assert "verify PIN" in record.getMessage()
    assert "1234" not in record.getMessage()  # arguments (a PIN) are never logged


def test_cancelled_task_is_skipped_and_reports_nothing(qtbot, worker: DbWorker):
    gate = threading.Event()
    calls: list[str] = []
    heard: list[str] = []
    worker.submit(gate.wait, 5)
    task = worker.submit(calls.append, "late", on_result=lambda _: heard.append("late"))
    task.cancel()
    worker.submit(calls.append, "next", on_result=lambda _: heard.append("next"))
    gate.set()
    qtbot.waitUntil(lambda: worker.pending == 0)
    assert calls == ["next"] and heard == ["next"]
    assert task.done and task.cancelled


def test_stop_finishes_queued_work_then_ends_the_thread(qapp):
    worker = DbWorker()
    thread = worker.thread_object()
    done: list[int] = []
    for i in range(5):
        worker.submit(done.append, i)
    assert worker.stop(10_000)
    assert done == [0, 1, 2, 3, 4], "a queued commit must never be dropped at shutdown"
    assert thread.isFinished() and not worker.is_running()
    with pytest.raises(RuntimeError):
        worker.submit(done.append, 99)
    assert worker.stop()  # idempotent
