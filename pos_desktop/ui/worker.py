"""One database thread for the whole UI, so the Qt thread never waits on a disk.

SQLite wants one connection per thread and the journal wants one writer, so every storage call
(lookup, search, commit, PIN check) is queued to a single ``QThread`` and runs there in
submission order. Each result travels back to the Qt thread through a queued signal, so the
callbacks run on the UI thread in the same order the calls were submitted.

Errors are split the way the cashier needs them: a ``UserError`` goes to ``on_error`` as it is;
anything else is a bug or a broken disk, which is logged with the task's label (never its
arguments: they may hold a PIN) and reaches ``on_error`` as ``UserError("storage.unexpected")``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from pos_desktop.domain.errors import UserError

log = logging.getLogger(__name__)

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[UserError], None]


class Task:
    """A call queued on the database thread. Its callbacks run on the UI thread.

    ``cancel()`` makes the worker skip the call if it has not started and drops its result
    otherwise, so a screen that moved on (a newer search, a closed dialog) never hears back.
    """

    __slots__ = (
        "_cancelled",
        "args",
        "done",
        "error",
        "fn",
        "id",
        "label",
        "on_error",
        "on_result",
        "result",
    )

    def __init__(
        self,
        task_id: int,
        label: str,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        on_result: ResultCallback | None,
        on_error: ErrorCallback | None,
    ) -> None:
        self.id = task_id
        self.label = label
        self.fn = fn
        self.args = args
        self.on_result = on_result
        self.on_error = on_error
        self.result: Any = None
        self.error: UserError | None = None
        self.done = False
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def __repr__(self) -> str:
        return f"<Task #{self.id} {self.label}>"


class _Stop:
    """Queued after everything else by ``DbWorker.stop``: ends the thread's event loop."""


class _Runner(QObject):
    """Lives on the database thread; runs one task per queued signal."""

    finished = Signal(object)

    @Slot(object)
    def run(self, task: Task | _Stop) -> None:
        if isinstance(task, _Stop):
            thread = QThread.currentThread()
            if thread is not None:
                thread.quit()
            return
        if not task.cancelled:
            try:
                task.result = task.fn(*task.args)
            except UserError as exc:
                task.error = exc
            except Exception:
                log.exception("database task %r failed", task)
                task.error = UserError("storage.unexpected", task=task.label)
        self.finished.emit(task)


class DbWorker(QObject):
    """Queue storage calls to the database thread; hear back on the UI thread.

    ``submit(fn, *args, on_result=..., on_error=...)`` returns a ``Task`` at once. ``stop()``
    lets every queued call finish (a sale being committed is never cut off), then ends the
    thread and waits for it.
    """

    pendingChanged = Signal(int)
    """How many submitted tasks have not reported back yet."""
    taskDone = Signal(object)
    """A ``Task`` whose callback has just run (or was skipped because it was cancelled)."""

    _post = Signal(object)

    def __init__(self, parent: QObject | None = None, *, name: str = "pos-db") -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending = 0
        self._stopped = False
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._post.connect(self._runner.run, Qt.ConnectionType.QueuedConnection)
        self._runner.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self._thread.start()

    # --- API ----------------------------------------------------------------------------------
    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        label: str | None = None,
    ) -> Task:
        if self._stopped:
            raise RuntimeError("the database worker has been stopped")
        task = Task(
            next(self._ids),
            label or str(getattr(fn, "__qualname__", None) or repr(fn)),
            fn,
            args,
            on_result,
            on_error,
        )
        self._pending += 1
        self.pendingChanged.emit(self._pending)
        self._post.emit(task)
        return task

    @property
    def pending(self) -> int:
        return self._pending

    @property
    def accepting(self) -> bool:
        """False once ``stop()`` was called: ``submit`` would raise."""
        return not self._stopped

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def thread_object(self) -> QThread:
        """The database thread, for tests and diagnostics."""
        return self._thread

    def stop(self, timeout_ms: int = 30_000) -> bool:
        """Finish queued tasks, end the thread and wait for it. True when the thread is gone."""
        if not self._stopped:
            self._stopped = True
            self._post.emit(_Stop())
        if not self._thread.isRunning():
            return True
        finished = bool(self._thread.wait(timeout_ms))
        if not finished:
            log.error("database thread still busy after %d ms", timeout_ms)
        return finished

    # --- UI thread ----------------------------------------------------------------------------
    @Slot(object)
    def _deliver(self, task: Task) -> None:
        task.done = True
        self._pending -= 1
        try:
            if not task.cancelled:
                if task.error is None:
                    if task.on_result is not None:
                        task.on_result(task.result)
                elif task.on_error is not None:
                    task.on_error(task.error)
                else:
                    log.warning("unhandled error from %r: %s", task, task.error)
        except Exception:
            log.exception("callback of %r failed", task)
        finally:
            self.pendingChanged.emit(self._pending)
            self.taskDone.emit(task)
