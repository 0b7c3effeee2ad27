"""Typed operations: results in run order, refusals on the screen's strip, the rest logged."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLineEdit

from pos_desktop.domain.errors import UserError
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.ops import DbOp
from pos_desktop.ui.worker import DbWorker


def test_results_reach_their_handlers_in_the_order_the_operations_ran(qtbot, worker: DbWorker):
    heard: list[object] = []
    for i in range(20):
        if i % 2:
            DbOp("square", lambda i=i: i * i).success(heard.append).run(worker)
        else:
            DbOp("text", lambda i=i: f"#{i}").success(heard.append).run(worker)
    qtbot.waitUntil(lambda: worker.pending == 0)
    assert heard == [i * i if i % 2 else f"#{i}" for i in range(20)]


def test_errors_on_shows_the_refusal_on_the_strip_and_skips_success(qtbot, worker: DbWorker):
    bar, field = MessageBar(), QLineEdit()
    qtbot.addWidget(bar)
    qtbot.addWidget(field)
    done: list[None] = []

    def refuse() -> None:
        raise UserError("storage.locked")

    DbOp("held sales", refuse).success(done.append).errors_on(bar, field).run(worker)
    qtbot.waitUntil(lambda: worker.pending == 0)
    assert (bar.code, bar.is_error, done) == ("storage.locked", True, [])
    assert field.property("state") == "error"  # flashed, as every screen shows a refusal


def test_an_unhandled_refusal_is_logged_with_the_operations_label(qtbot, worker: DbWorker, caplog):
    def refuse() -> None:
        raise UserError("storage.locked")

    with caplog.at_level(logging.WARNING, logger="pos_desktop.ui.ops"):
        DbOp("staff on duty", refuse).run(worker)
        qtbot.waitUntil(lambda: worker.pending == 0)
    [record] = [r for r in caplog.records if r.name == "pos_desktop.ui.ops"]
    assert "staff on duty" in record.getMessage() and "storage.locked" in record.getMessage()


def test_a_crash_reaches_failure_as_storage_unexpected_naming_the_operation(
    qtbot, worker: DbWorker, caplog
):
    errors: list[UserError] = []

    def crash() -> int:
        raise ZeroDivisionError("disk on fire")

    with caplog.at_level(logging.ERROR, logger="pos_desktop.ui.worker"):
        DbOp("commit sale", crash).failure(errors.append).run(worker)
        qtbot.waitUntil(lambda: worker.pending == 0)
    [error] = errors
    assert (error.code, error.params.get("task")) == ("storage.unexpected", "commit sale")
    assert any("commit sale" in r.getMessage() and r.exc_info for r in caplog.records)


def test_a_cancelled_operation_reports_nothing(qtbot, worker: DbWorker):
    heard: list[int] = []
    task = DbOp("search", lambda: 1).success(heard.append).run(worker)
    task.cancel()
    DbOp("search", lambda: 2).success(heard.append).run(worker)
    qtbot.waitUntil(lambda: worker.pending == 0)
    assert heard == [2]
