"""One thread per physical device: it alone opens, uses and closes the port.

Callers hand work to the thread as small functions (``call``) and get a ``Future`` back; nothing
outside the thread touches the port, so a printer stuck on a full buffer delays only its own
jobs. Between jobs the driver may poll (a scanner reads, a printer checks its paper now and
then). A port that fails is closed, the state goes to ``ERROR`` and the thread reopens it with a
growing delay; jobs that arrive meanwhile fail at once with ``<kind>.unavailable`` instead of
waiting, so the till never hangs on a missing device.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Final, Protocol, TypeVar

from pos_desktop.devices.lifecycle import (
    Backoff,
    DeviceEvent,
    DeviceKind,
    DeviceState,
    DeviceStatus,
    StatusChanged,
)
from pos_desktop.devices.transports import Transport
from pos_desktop.domain.errors import UserError

log = logging.getLogger(__name__)

T = TypeVar("T")
THREAD_PREFIX: Final = "pos-device-"


class Port:
    """What a driver sees of its worker: the open transport and a way to report."""

    def __init__(self, worker: DeviceWorker, transport: Transport) -> None:
        self.worker = worker
        self.transport = transport

    @property
    def name(self) -> str:
        return self.worker.name

    def emit(self, event: DeviceEvent) -> None:
        self.worker.emit(event)

    def report(
        self, problem: str | None, detail: str = "", *, drawer_open: bool | None = None
    ) -> None:
        """Set (or clear, with ``None``) the device's current problem, e.g. paper out, and what
        the printer says of the drawer on its drawer port."""
        self.worker.set_state(DeviceState.ENABLED, problem, detail, drawer_open=drawer_open)

    def pause(self, seconds: float) -> bool:
        """Wait between two requests to the device; True when the worker is stopping meanwhile
        (the job should give up rather than hold the shutdown)."""
        return self.worker.pause(seconds)


class Driver(Protocol):
    poll_interval: float | None
    """Seconds between ``poll`` calls while idle; ``None`` never polls, ``0`` polls constantly
    (the poll itself must then wait on the port, as a scanner's short read does)."""

    def enable(self, port: Port) -> None:
        """Bring a freshly opened device into service; raise ``OSError`` if it does not answer."""

    def poll(self, port: Port) -> None: ...


class _Job:
    __slots__ = ("fn", "future")

    def __init__(self, fn: Callable[[Port], Any]) -> None:
        self.fn = fn
        self.future: Future[Any] = Future()


_STOP: Final = object()


class DeviceWorker:
    def __init__(
        self,
        name: str,
        kind: DeviceKind,
        connect: Callable[[], Transport],
        driver: Driver,
        emit: Callable[[DeviceEvent], None],
        *,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.kind = kind
        self.driver = driver
        self._connect = connect
        self._emit = emit
        self._backoff = backoff or Backoff()
        self._clock = clock
        self._jobs: queue.Queue[_Job | object] = queue.Queue()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._status = DeviceStatus(name, kind, DeviceState.CLOSED)
        self._port: Port | None = None
        self._thread: threading.Thread | None = None
        self._failures = 0

    # --- any thread ---------------------------------------------------------------------------
    @property
    def status(self) -> DeviceStatus:
        with self._lock:
            return self._status

    @property
    def thread(self) -> threading.Thread | None:
        return self._thread

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._run, name=f"{THREAD_PREFIX}{self.name}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Finish the job in hand, fail the queued ones, close the port. True when it ended."""
        self._stopping.set()
        self._jobs.put(_STOP)
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        if thread.is_alive():
            log.error("device %s did not stop within %.1f s", self.name, timeout)
            return False
        return True

    def call(self, fn: Callable[[Port], T]) -> Future[T]:
        """Run ``fn(port)`` on the device thread; the future fails with ``UserError`` when the
        device is not usable now."""
        job = _Job(fn)
        if self._stopping.is_set() or self._thread is None:
            job.future.set_exception(self.unavailable("device stopped"))
        else:
            self._jobs.put(job)
        return job.future

    def unavailable(self, detail: str = "") -> UserError:
        return UserError(f"{self.kind.value}.unavailable", device=self.name, detail=detail)

    def emit(self, event: DeviceEvent) -> None:
        try:
            self._emit(event)
        except Exception:
            log.exception("device %s: listener failed on %r", self.name, event)

    def pause(self, seconds: float) -> bool:
        return self._stopping.wait(seconds)

    def set_state(
        self,
        state: DeviceState,
        problem: str | None = None,
        detail: str = "",
        *,
        drawer_open: bool | None = None,
    ) -> None:
        with self._lock:
            old = self._status
            if (old.state, old.problem, old.drawer_open) == (state, problem, drawer_open):
                return
            self._status = DeviceStatus(self.name, self.kind, state, problem, detail, drawer_open)
            new = self._status
        level = logging.WARNING if state is DeviceState.ERROR or problem else logging.INFO
        drawer = "" if drawer_open is None else f" drawer {'open' if drawer_open else 'closed'}"
        log.log(level, "device %s: %s %s %s%s", self.name, state, problem or "", detail, drawer)
        self.emit(StatusChanged(new))

    # --- device thread ------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                if self._port is None and not self._open():
                    self._wait_for_retry()
                    continue
                self._serve_one()
        except Exception:
            log.exception("device %s: worker crashed", self.name)
        finally:
            self._close()
            self._fail_queued("device stopped")
            self.set_state(DeviceState.CLOSED)

    def _open(self) -> bool:
        try:
            transport = self._connect()
        except OSError as exc:
            self._failures += 1
            self.set_state(DeviceState.ERROR, f"{self.kind.value}.unavailable", str(exc))
            return False
        port = Port(self, transport)
        self.set_state(DeviceState.OPEN, None, transport.description)
        try:
            self.driver.enable(port)
        except OSError as exc:
            self._failures += 1
            self._drop(port, exc)
            return False
        self._port = port
        if self.status.state is not DeviceState.ENABLED:
            self.set_state(DeviceState.ENABLED, None, transport.description)
        self._failures = 0
        return True

    def _wait_for_retry(self) -> None:
        """Sleep until the next open attempt, failing any job that arrives meanwhile."""
        deadline = self._clock() + self._backoff.delay(self._failures - 1)
        while not self._stopping.is_set():
            remaining = deadline - self._clock()
            if remaining <= 0:
                return
            try:
                job = self._jobs.get(timeout=remaining)
            except queue.Empty:
                return
            if job is _STOP:
                return
            assert isinstance(job, _Job)
            status = self.status
            job.future.set_exception(self.unavailable(status.detail))

    def _serve_one(self) -> None:
        port = self._port
        assert port is not None
        interval = self.driver.poll_interval
        job: _Job | object | None
        try:
            if interval is None:
                job = self._jobs.get()
            elif interval > 0:
                job = self._jobs.get(timeout=interval)
            else:
                job = self._jobs.get_nowait()
        except queue.Empty:
            job = None
        try:
            if job is _STOP:
                return
            if job is None:
                self.driver.poll(port)
                return
            assert isinstance(job, _Job)
            if not job.future.set_running_or_notify_cancel():
                return
            try:
                result = job.fn(port)
            except OSError as exc:
                job.future.set_exception(self.unavailable(str(exc)))
                raise
            except UserError as exc:
                job.future.set_exception(exc)
            except Exception as exc:
                log.exception("device %s: job failed", self.name)
                job.future.set_exception(exc)
            else:
                job.future.set_result(result)
        except OSError as exc:
            self._failures = 1
            self._drop(port, exc)

    def _drop(self, port: Port, exc: OSError) -> None:
        log.warning("device %s lost: %s", self.name, exc)
        self._port = None
        try:
            port.transport.close()
        except OSError:
            log.debug("closing %s failed", self.name, exc_info=True)
        self.set_state(DeviceState.ERROR, f"{self.kind.value}.unavailable", str(exc))

    def _close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.transport.close()
            except OSError:
                log.debug("closing %s failed", self.name, exc_info=True)

    def _fail_queued(self, detail: str) -> None:
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if isinstance(job, _Job):
                job.future.set_exception(self.unavailable(detail))
