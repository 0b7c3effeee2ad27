"""A TCP fault proxy on 127.0.0.1 between the till's sync and a real ``pos-server``.

It forwards bytes both ways and, per HTTP request, applies a fault taken from a plan (or the
default): pass, drop the connection before the request reaches the server, reset it (RST),
delay it, black-hole it (accept and never answer), or cut the response after the server has
answered, which means it has committed ("committed, answer lost"), either before the first
byte or part-way through.

A request starts with the first client bytes after the server last spoke on that connection
(HTTP/1.1 without pipelining, which is what httpx sends), so faults apply per request even on
kept-alive connections. The proxy runs its own asyncio loop on a thread and stops by itself
with ``stop()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import socket
import struct
import threading
from collections import Counter, deque
from collections.abc import Iterable


class Fault(enum.StrEnum):
    PASS = "pass"
    DROP = "drop"
    """Close the client's connection without forwarding: the server never sees the request."""
    RESET = "reset"
    """Abort the client's connection with a TCP reset."""
    DELAY = "delay"
    """Forward after ``delay_s``."""
    BLACKHOLE = "blackhole"
    """Swallow the request and never answer (the client's read timeout ends it)."""
    CUT_RESPONSE = "cut_response"
    """Forward the request; when the server answers, close the client without a byte of it."""
    CUT_PARTIAL = "cut_partial"
    """Forward the request; pass only the start of the answer, then close."""
    UNAUTHORIZED = "unauthorized"
    """Answer 401 without forwarding: a proxy, or a server restarting behind one, that refuses
    every request for a while although the till's credential is good."""


_UNAUTHORIZED_BODY = b'{"code":"unauthorized","detail":"proxy says no"}'
UNAUTHORIZED_ANSWER = (
    b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/problem+json\r\n"
    b"Content-Length: %d\r\nConnection: close\r\n\r\n"
    % len(_UNAUTHORIZED_BODY)
    + _UNAUTHORIZED_BODY
)


NETWORK_FAULTS = (
    Fault.DROP,
    Fault.RESET,
    Fault.DELAY,
    Fault.BLACKHOLE,
    Fault.CUT_RESPONSE,
    Fault.CUT_PARTIAL,
)


class FaultProxy:
    def __init__(self, upstream_port: int, *, delay_s: float = 0.3, partial_bytes: int = 40):
        self.upstream_port = upstream_port
        self.delay_s = delay_s
        self.partial_bytes = partial_bytes
        self.port = 0
        self.default = Fault.PASS
        self.applied: Counter[Fault] = Counter()
        self.requests = 0
        self._plan: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fault-proxy", daemon=True)
        self._writers: set[asyncio.StreamWriter] = set()

    # -- control (test thread) ------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        return self

    def stop(self) -> None:
        loop = self._loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(loop.stop)
        self._thread.join(10)

    def plan(self, faults: Iterable[Fault]) -> None:
        """Apply these faults to the next requests, in order (then the default again)."""
        with self._lock:
            self._plan.extend(faults)

    def clear_plan(self) -> int:
        """Drop the faults not applied yet; returns how many there were."""
        with self._lock:
            left = len(self._plan)
            self._plan.clear()
        return left

    def set_default(self, fault: Fault) -> None:
        with self._lock:
            self.default = fault

    def planned(self) -> int:
        with self._lock:
            return len(self._plan)

    def cut_all(self) -> None:
        """Close every open connection now (a network blip)."""
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(self._close_all)

    # -- the loop -------------------------------------------------------------------------------

    def _next_fault(self) -> Fault:
        with self._lock:
            fault = self._plan.popleft() if self._plan else self.default
            self.applied[fault] += 1
            self.requests += 1
        return fault

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._server = loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            self._close_all()
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            with contextlib.suppress(Exception):
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    def _close_all(self) -> None:
        for writer in list(self._writers):
            with contextlib.suppress(Exception):
                writer.close()

    @staticmethod
    def _reset(writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.close()

    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        self._writers.add(client_w)
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        state = {"new_request": True, "cut": None}
        server_task: asyncio.Task[None] | None = None
        try:
            while True:
                chunk = await client_r.read(65536)
                if not chunk:
                    return
                if state["new_request"]:
                    state["new_request"] = False
                    fault = self._next_fault()
                    state["cut"] = None
                    if fault is Fault.DROP:
                        return
                    if fault is Fault.RESET:
                        self._reset(client_w)
                        return
                    if fault is Fault.BLACKHOLE:
                        while await client_r.read(65536):
                            pass
                        return
                    if fault is Fault.UNAUTHORIZED:
                        client_w.write(UNAUTHORIZED_ANSWER)
                        with contextlib.suppress(ConnectionError, OSError):
                            await client_w.drain()
                        return
                    if fault is Fault.DELAY:
                        await asyncio.sleep(self.delay_s)
                    if fault in (Fault.CUT_RESPONSE, Fault.CUT_PARTIAL):
                        state["cut"] = fault
                if upstream is None:
                    try:
                        upstream = await asyncio.open_connection("127.0.0.1", self.upstream_port)
                    except OSError:
                        return  # the server is down: the client sees the connection close
                    self._writers.add(upstream[1])
                    server_task = asyncio.create_task(self._pump_back(upstream[0], client_w, state))
                upstream[1].write(chunk)
                await upstream[1].drain()
        except (ConnectionError, OSError):
            return
        finally:
            if server_task is not None:
                server_task.cancel()
            if upstream is not None:
                upstream[1].close()
                self._writers.discard(upstream[1])
            with contextlib.suppress(Exception):
                client_w.close()
            self._writers.discard(client_w)

    async def _pump_back(
        self,
        server_r: asyncio.StreamReader,
        client_w: asyncio.StreamWriter,
        state: dict[str, object],
    ) -> None:
        try:
            while True:
                chunk = await server_r.read(65536)
                if not chunk:
                    client_w.close()
                    return
                cut = state["cut"]
                if cut is Fault.CUT_RESPONSE:
                    client_w.close()
                    return
                if cut is Fault.CUT_PARTIAL:
                    client_w.write(chunk[: self.partial_bytes])
                    with contextlib.suppress(ConnectionError, OSError):
                        await client_w.drain()
                    client_w.close()
                    return
                state["new_request"] = True
                client_w.write(chunk)
                await client_w.drain()
        except (ConnectionError, OSError):
            with contextlib.suppress(Exception):
                client_w.close()
