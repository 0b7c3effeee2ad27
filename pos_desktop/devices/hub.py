"""All of a till's devices, built from the config, started and stopped together.

The hub fans every device event out to its listeners (the Qt bridge, the CLI, tests) and keeps
each device's last status, so a screen that subscribes late still shows the right state.
Each device class here is a thin facade: it turns a request ("print these bytes", "open the
drawer") into a job for the device's own thread and returns a ``Future``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from decimal import Decimal
from typing import Any

from pos_desktop.devices.config import DevicesConfig
from pos_desktop.devices.display import DisplayDriver, two_sided
from pos_desktop.devices.lifecycle import (
    DeviceEvent,
    DeviceKind,
    DeviceStatus,
    DrawerOpened,
    Listener,
    PrintFinished,
    StatusChanged,
)
from pos_desktop.devices.printer import DrawerKick, PrinterDriver
from pos_desktop.devices.reprint_queue import ReprintQueue
from pos_desktop.devices.scale import SERIAL_DEFAULTS, Reading, ScaleDriver
from pos_desktop.devices.scanner import ScannerDriver
from pos_desktop.devices.transports import Transport, open_transport
from pos_desktop.devices.url import DeviceUrl, SerialSettings
from pos_desktop.devices.worker import DeviceWorker, Port
from pos_desktop.domain.errors import UserError

log = logging.getLogger(__name__)

Connector = Callable[[DeviceUrl, SerialSettings | None], Transport]


class PlainDriver:
    """For devices that only receive commands (a serial drawer)."""

    poll_interval: float | None = None

    def enable(self, port: Port) -> None:
        pass

    def poll(self, port: Port) -> None:
        pass


class PrinterDevice:
    def __init__(
        self, worker: DeviceWorker, driver: PrinterDriver, queue: ReprintQueue, hub: DeviceHub
    ) -> None:
        self.worker = worker
        self.driver = driver
        self.queue = queue
        self._hub = hub

    @property
    def name(self) -> str:
        return self.worker.name

    def print_receipt(
        self,
        receipt_no: str,
        data: bytes,
        *,
        copy: bool,
        copy_bytes: Callable[[], bytes] | None = None,
    ) -> Future[None]:
        """Print on the printer thread. On failure the copy's bytes (``copy_bytes()``, run on
        the printer thread) wait in the reprint queue and ``PrintFinished`` carries the error."""
        job = f"receipt {receipt_no}"
        future = self.worker.call(lambda port: self.driver.print_bytes(port, data, job))

        def finished(done: Future[None]) -> None:
            error = _as_user_error(done.exception(), "printer")
            if error is None:
                self.queue.remove(receipt_no)  # a reprint of a queued receipt clears it
            else:
                try:
                    payload = data if copy or copy_bytes is None else copy_bytes()
                    self.queue.add(receipt_no, payload, error.code)
                except Exception:
                    log.exception("receipt %s could not be queued for reprint", receipt_no)
            self._hub.emit(PrintFinished(receipt_no, copy, error))

        future.add_done_callback(finished)
        return future

    def print_waiting(self) -> Future[int]:
        """Print the queued receipts, oldest first; stops at the first failure (they stay)."""

        def run(port: Port) -> int:
            printed = 0
            for entry in self.queue.entries():
                self.driver.print_bytes(port, entry.read(), f"reprint {entry.receipt_no}")
                self.queue.remove(entry.receipt_no)
                printed += 1
                self._hub.emit(PrintFinished(entry.receipt_no, True, None))
            return printed

        return self.worker.call(run)

    def print_raw(self, data: bytes, job: str = "test") -> Future[None]:
        return self.worker.call(lambda port: self.driver.print_bytes(port, data, job))

    def kick(self, kick: DrawerKick) -> Future[None]:
        return self.worker.call(lambda port: self.driver.kick(port, kick))


class DrawerDevice:
    """A cash drawer on the printer's drawer port or on a serial port of its own."""

    def __init__(
        self,
        hub: DeviceHub,
        kick: DrawerKick,
        *,
        printer: PrinterDevice | None = None,
        worker: DeviceWorker | None = None,
        command: bytes | None = None,
    ) -> None:
        if (printer is None) == (worker is None):
            raise ValueError("a drawer is on the printer or on its own port")
        self._hub = hub
        self.kick = kick
        self.printer = printer
        self.worker = worker
        self.command = command or kick.command

    @property
    def name(self) -> str:
        return "drawer"

    @property
    def is_open(self) -> bool | None:
        """Whether the drawer is open, as the printer last reported (DLE EOT, pin 3); ``None``
        where the hardware does not tell (a serial drawer, a printer without status, a drawer
        without a switch). Kept current by the printer's status poll."""
        if self.printer is None:
            return None
        return self.printer.worker.status.drawer_open

    def check(self) -> Future[bool | None]:
        """Ask the printer for the drawer's state now (on the printer thread)."""
        printer = self.printer
        if printer is None:
            unknown: Future[bool | None] = Future()
            unknown.set_result(None)
            return unknown
        return printer.worker.call(printer.driver.drawer_state)

    def open(self, reason: str, by: str = "") -> Future[None]:
        if self.printer is not None:
            future = self.printer.kick(self.kick)
        else:
            assert self.worker is not None
            command = self.command
            future = self.worker.call(lambda port: port.transport.write(command))

        def finished(done: Future[None]) -> None:
            error = done.exception()
            if error is None:
                log.info("cash drawer opened: %s by %s", reason, by or "-")
                self._hub.emit(DrawerOpened(reason, by))
            else:
                log.warning("cash drawer did not open (%s): %s", reason, error)

        future.add_done_callback(finished)
        return future


class DisplayDevice:
    def __init__(self, worker: DeviceWorker, driver: DisplayDriver) -> None:
        self.worker = worker
        self.driver = driver

    def show(self, top: str, bottom: str = "") -> Future[None]:
        """Remembered at once, so a display plugged back in shows it even when this job
        fails because the display is away."""
        self.driver.want(top, bottom)
        return self.worker.call(self.driver.repaint)

    def show_pair(self, label: str, amount: str, bottom_label: str, bottom: str) -> Future[None]:
        return self.show(two_sided(label, amount), two_sided(bottom_label, bottom))

    def welcome(self) -> Future[None]:
        return self.show(*self.driver.welcome)


class ScaleDevice:
    def __init__(self, worker: DeviceWorker, driver: ScaleDriver) -> None:
        self.worker = worker
        self.driver = driver

    def read(self) -> Future[Reading]:
        return self.worker.call(self.driver.read)

    def weigh(self) -> Future[Decimal]:
        """The stable weight in kg, asking again while it moves (``ScaleDriver.weigh``); fails
        with the ``UserError`` the cashier sees (``scale.in_motion``, ``scale.overload`` ...)."""
        return self.worker.call(self.driver.weigh)


class ScannerDevice:
    def __init__(self, worker: DeviceWorker, driver: ScannerDriver) -> None:
        self.worker = worker
        self.driver = driver

    def wait_for_scan(self, timeout: float) -> Future[str | None]:
        return self.worker.call(lambda port: self.driver.wait_for_scan(port, timeout))


def _as_user_error(exc: BaseException | None, kind: str) -> UserError | None:
    if exc is None:
        return None
    if isinstance(exc, UserError):
        return exc
    return UserError(f"{kind}.write_failed", reason=str(exc))


class DeviceHub:
    def __init__(
        self,
        config: DevicesConfig,
        queue: ReprintQueue,
        *,
        connect: Connector = open_transport,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.queue = queue
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._statuses: dict[str, DeviceStatus] = {}
        self.workers: list[DeviceWorker] = []
        self.printer: PrinterDevice | None = None
        self.drawer: DrawerDevice | None = None
        self.scanner: ScannerDevice | None = None
        self.display: DisplayDevice | None = None
        self.scale: ScaleDevice | None = None
        self._connect = connect
        self._clock = clock

        if config.printer is not None:
            kick_port = config.drawer if config.drawer and config.drawer.via_printer else None
            driver = PrinterDriver(
                chunk_size=config.printer.chunk_size,
                drawer_open_level=kick_port.open_level if kick_port is not None else None,
            )
            self.printer = PrinterDevice(
                self._worker("printer", DeviceKind.PRINTER, config.printer.url, driver),
                driver,
                queue,
                self,
            )
        if config.drawer is not None:
            if config.drawer.via_printer:
                self.drawer = DrawerDevice(self, config.drawer.kick, printer=self.printer)
            else:
                drawer = self._worker("drawer", DeviceKind.DRAWER, config.drawer.url, PlainDriver())
                self.drawer = DrawerDevice(
                    self,
                    config.drawer.kick,
                    worker=drawer,
                    command=config.drawer.open_command,
                )
        if config.scanner is not None:
            scan_driver = ScannerDriver(config.scanner.settings, clock)
            self.scanner = ScannerDevice(
                self._worker("scanner", DeviceKind.SCANNER, config.scanner.url, scan_driver),
                scan_driver,
            )
        if config.display is not None:
            display = DisplayDriver(config.display.protocol, config.display.welcome)
            self.display = DisplayDevice(
                self._worker("display", DeviceKind.DISPLAY, config.display.url, display), display
            )
        if config.scale is not None:
            scale = ScaleDriver(
                config.scale.protocol,
                attempts=1 + config.scale.settle_ms // config.scale.retry_ms,
                retry_interval=config.scale.retry_ms / 1000,
            )
            self.scale = ScaleDevice(
                self._worker(
                    "scale",
                    DeviceKind.SCALE,
                    config.scale.url,
                    scale,
                    SERIAL_DEFAULTS[config.scale.protocol],
                ),
                scale,
            )

    def _worker(
        self,
        name: str,
        kind: DeviceKind,
        url: DeviceUrl,
        driver: Any,
        serial_defaults: SerialSettings | None = None,
    ) -> DeviceWorker:
        """A worker thread for one configured device, its status reported from the start."""
        connect = self._connect
        w = DeviceWorker(
            name,
            kind,
            lambda: connect(url, serial_defaults),
            driver,
            self.emit,
            backoff=self.config.backoff,
            clock=self._clock,
        )
        self.workers.append(w)
        self._statuses[name] = w.status
        return w

    # --- events -------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def emit(self, event: DeviceEvent) -> None:
        with self._lock:
            if isinstance(event, StatusChanged):
                self._statuses[event.status.name] = event.status
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("device listener failed on %r", event)

    def statuses(self) -> list[DeviceStatus]:
        with self._lock:
            return list(self._statuses.values())

    # --- lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        for w in self.workers:
            w.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop every device thread; True when all of them ended."""
        ok = True
        for w in self.workers:
            ok = w.stop(timeout) and ok
        return ok
