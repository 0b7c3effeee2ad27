"""Fake devices on real serial lines (``os.openpty``) and a fake network printer on 127.0.0.1.

The till opens a stable path (a symlink, like ``/dev/serial/by-id/...``) to the pty's slave
end; a thread plays the device on the master end. ``unplug()`` closes the master, which the
till sees exactly as a pulled USB cable (reads and writes fail with EIO), and ``replug()``
makes a new pty behind the same path. Every fake records what it received and lets a test
wait for a condition instead of sleeping.
"""

from __future__ import annotations

import os
import select
import socket
import threading
import tty
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from pos_desktop.devices.lifecycle import DeviceEvent, DeviceState, StatusChanged

WAIT = 10.0


class Recorder:
    """Collects device events from a hub listener; tests wait on it."""

    def __init__(self) -> None:
        self.events: list[DeviceEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: DeviceEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[DeviceEvent]], bool], timeout: float = WAIT):
        with self._cond:
            ok = self._cond.wait_for(lambda: predicate(self.events), timeout)
        assert ok, f"timed out; events: {self.events}"

    def of(self, kind: type) -> list:
        with self._cond:
            return [e for e in self.events if isinstance(e, kind)]

    def wait_state(self, name: str, state: DeviceState, problem: object = ..., timeout=WAIT):
        def seen(events: list[DeviceEvent]) -> bool:
            for e in reversed(events):
                if isinstance(e, StatusChanged) and e.status.name == name:
                    return e.status.state is state and (
                        problem is ... or e.status.problem == problem
                    )
            return False

        self.wait_for(seen, timeout)


class PtyDevice:
    def __init__(self, link: Path) -> None:
        self.link = link
        self.received = bytearray()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self.master = -1
        self.plugged = False
        self.replug()

    # --- plugging -------------------------------------------------------------------------
    def replug(self) -> None:
        assert not self.plugged
        master, slave = os.openpty()
        tty.setraw(slave)
        self.master, self._slave = master, slave
        self.link.unlink(missing_ok=True)
        self.link.symlink_to(os.ttyname(slave))
        self._stop_r, self._stop_w = os.pipe()
        self.plugged = True
        self._thread = threading.Thread(target=self._serve, name=f"fake-{self.link.name}")
        self._thread.start()

    def unplug(self) -> None:
        if not self.plugged:
            return
        self.plugged = False
        os.write(self._stop_w, b"x")
        assert self._thread is not None
        self._thread.join(WAIT)
        assert not self._thread.is_alive()
        for fd in (self.master, self._slave, self._stop_r, self._stop_w):
            os.close(fd)
        self.link.unlink(missing_ok=True)

    close = unplug

    # --- the line -------------------------------------------------------------------------
    def _serve(self) -> None:
        while True:
            ready, _, _ = select.select([self.master, self._stop_r], [], [], WAIT)
            if self._stop_r in ready:
                return
            if self.master in ready:
                try:
                    data = os.read(self.master, 4096)
                except OSError:
                    continue
                with self._cond:
                    self.received += data
                    self.handle(data)
                    self._cond.notify_all()

    def handle(self, data: bytes) -> None:
        """Called with the lock held for every chunk the till wrote."""

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = WAIT) -> None:
        with self._cond:
            assert self._cond.wait_for(predicate, timeout), f"timed out; got {self.received!r}"

    @property
    def url(self) -> str:
        return f"serial://{self.link}?baudrate=9600"


class FakePrinter(PtyDevice):
    """Answers ``DLE EOT n`` from ``status`` (n -> byte); ``paper_out_after`` data bytes into
    the job it reports paper out (and, like a real printer, prints nothing more)."""

    OK: ClassVar[dict[int, int]] = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}

    def __init__(self, link: Path, *, answers: bool = True) -> None:
        self.answers = answers
        self.status = dict(self.OK)
        self.paper_out_after: int | None = None
        self.printed = bytearray()
        self.queries: list[int] = []
        self._pending = b""
        super().__init__(link)

    def set_paper_out(self) -> None:
        self.status = {1: 0x12 | 0x08, 2: 0x12 | 0x20, 3: 0x12, 4: 0x12 | 0x60}

    def handle(self, data: bytes) -> None:
        buf = self._pending + data
        self._pending = b""
        i = 0
        while i < len(buf):
            if buf[i] == 0x10:
                if len(buf) - i < 3:
                    self._pending = buf[i:]
                    break
                if buf[i + 1] == 0x04 and buf[i + 2] in self.status:
                    n = buf[i + 2]
                    self.queries.append(n)
                    if self.answers:
                        os.write(self.master, bytes([self.status[n]]))
                    i += 3
                    continue
            if not self.status[4] & 0x60:  # out of paper, the byte is lost
                self.printed.append(buf[i])
                if self.paper_out_after is not None and len(self.printed) >= self.paper_out_after:
                    self.set_paper_out()
            i += 1


class MemoryPrinter:
    """A printer transport in memory for the printer driver: keeps every write in order and
    answers each status query (a write of ``DLE EOT n``) with ``status[n]`` at once, so a
    test can send thousands of chunks without a thread or a line in between."""

    description = "memory printer"
    readable = True

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.status = dict(FakePrinter.OK)
        self._answers = bytearray()

    @property
    def received(self) -> bytes:
        return b"".join(self.writes)

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))
        if len(data) == 3 and data[:2] == b"\x10\x04" and data[2] in self.status:
            self._answers.append(self.status[data[2]])

    def read(self, max_bytes: int, timeout: float) -> bytes:
        answer = bytes(self._answers[:max_bytes])
        del self._answers[:max_bytes]
        return answer

    def discard_input(self) -> None:
        self._answers.clear()

    def begin_job(self, name: str) -> None:
        pass

    def end_job(self) -> None:
        pass

    def close(self) -> None:
        pass


class FakeScanner(PtyDevice):
    pass


class FakeScale(PtyDevice):
    """Answers a weight request (``W`` or ``P CR LF``) with the next of ``script`` (a load
    settling: moving, moving, stable), then with ``reply`` for good."""

    def __init__(self, link: Path, reply: bytes = b"\x0201.250\r") -> None:
        self.reply = reply
        self.script: list[bytes] = []
        self.requests = 0
        self.held = False
        """While held, requests are counted but answered only by ``release()``."""
        self.owed = 0
        super().__init__(link)

    def handle(self, data: bytes) -> None:
        if b"W" in data or b"P" in data:
            self.requests += 1
            if self.held:
                self.owed += 1
            else:
                self._answer()

    def _answer(self) -> None:
        os.write(self.master, self.script.pop(0) if self.script else self.reply)

    def release(self) -> None:
        with self._cond:
            self.held = False
            for _ in range(self.owed):
                self._answer()
            self.owed = 0


class TcpPrinter:
    """A network printer's port 9100 on 127.0.0.1: records every byte, answers nothing."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self.received = bytearray()
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-tcp-printer")
        self._thread.start()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        self._server.settimeout(0.05)
        conns: list[socket.socket] = []
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
                conn.setblocking(False)
                conns.append(conn)
            except TimeoutError:
                pass
            readable = [c for c in conns if c.fileno() >= 0]
            if not readable:
                continue
            ready, _, _ = select.select(readable, [], [], 0.05)
            for conn in ready:
                try:
                    data = conn.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    conn.close()
                    conns.remove(conn)
                    continue
                with self._cond:
                    self.received += data
                    self._cond.notify_all()
        for conn in conns:
            conn.close()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = WAIT) -> None:
        with self._cond:
            assert self._cond.wait_for(predicate, timeout), f"timed out; got {self.received!r}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(WAIT)
        self._server.close()
