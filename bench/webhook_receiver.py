"""The webhook benchmark's receiver: an asyncio HTTP server in a process of its own (so its
parsing never shares an interpreter with the benchmark's tills), stamping each arrival with its
webhook-id, the time it arrived and the event's own creation time from its body."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from multiprocessing.connection import Connection
from typing import Any

TIMESTAMP_KEY = b'"timestamp":"'


def _header(head: bytes, name: bytes) -> bytes:
    """A header's value from a request head (lower-case ``name``), or b""."""
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return b""


def created_stamp(body: bytes) -> str:
    """The event's ``timestamp`` from the start of a webhook body (``{"type", "timestamp",
    ...}``), without parsing the whole sale document that follows it."""
    start = body.find(TIMESTAMP_KEY, 0, 200)
    if start < 0:
        return ""
    start += len(TIMESTAMP_KEY)
    end = body.find(b'"', start)
    return body[start:end].decode("ascii", errors="replace")


Arrival = tuple[str, float, str]
"""(webhook-id, arrival in seconds since the epoch, the event's timestamp as sent)."""


async def _connection(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, arrivals: list[Arrival]
) -> None:
    """Serve one kept-open connection: record each POST's arrival and answer 200 at once."""
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            body = await reader.readexactly(int(_header(head, b"content-length") or b"0"))
            arrivals.append(
                (_header(head, b"webhook-id").decode(), time.time(), created_stamp(body))
            )
            closing = _header(head, b"connection").lower() == b"close"
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + (b"Connection: close\r\n" if closing else b"")
                + b"\r\n{}"
            )
            await writer.drain()
            if closing:
                break
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass  # the sender closed its connection
    finally:
        writer.close()


def _receiver_main(control: Connection) -> None:
    """The receiver process: serve on a free loopback port, answer ``count`` and ``dump``
    requests over ``control`` until ``stop``."""
    arrivals: list[Arrival] = []
    ready: list[int] = []

    async def serve() -> None:
        server = await asyncio.start_server(
            lambda r, w: _connection(r, w, arrivals), "127.0.0.1", 0, backlog=512
        )
        ready.append(server.sockets[0].getsockname()[1])
        loop = asyncio.get_running_loop()
        while True:
            command = await loop.run_in_executor(None, control.recv)
            if command == "count":
                control.send(len(arrivals))
            elif command == "dump":
                control.send(list(arrivals))
            elif command == "cpu":
                control.send(time.process_time())
            else:
                server.close()
                return

    async def main() -> None:
        task = asyncio.create_task(serve())
        while not ready:
            await asyncio.sleep(0.01)  # the server binding its port
        control.send(ready[0])
        await task

    asyncio.run(main())


class Receiver:
    """The receiver process, seen from the benchmark."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._control, child = context.Pipe()
        self._proc = context.Process(target=_receiver_main, args=(child,), daemon=True)
        self._proc.start()
        if not self._control.poll(60):
            raise RuntimeError("the webhook receiver process did not start")
        self.port: int = self._control.recv()
        self.url = f"http://127.0.0.1:{self.port}/hooks"

    def _ask(self, command: str) -> Any:
        self._control.send(command)
        return self._control.recv()

    def count(self) -> int:
        return int(self._ask("count"))

    def arrivals(self) -> list[Arrival]:
        return list(self._ask("dump"))

    def cpu_s(self) -> float:
        return float(self._ask("cpu"))

    def stop(self) -> None:
        self._control.send("stop")
        self._proc.join(timeout=10)
        if self._proc.is_alive():
            self._proc.kill()
