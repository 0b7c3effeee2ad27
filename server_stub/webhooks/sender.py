"""One delivery attempt: a POST to a checked target, with the standard library's ``http.client``.

The cloud installs without the till's HTTP client (``httpx`` is in the till's extra only, and
``tests/app/test_install_split.py`` holds the cloud to that), and ``http.client`` does what a
webhook sender needs: it never follows a redirect (a 3xx is a failed attempt, as any answer
outside 2xx), and it lets the connection go to the very address the guard checked
(``targets.Target.address``) while the ``Host`` header and the TLS server name (SNI, and the
certificate check) stay the URL's host name.

A 10-second budget covers connecting, sending and waiting for the answer; of the answer only the
status and the first 500 bytes are read, never the whole body. A worker keeps each thread's
connections open between deliveries (``Connections``) when the receiver allows it and its
answer was read to the end, so a busy receiver is not handed a new TCP and TLS handshake for
every event.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Final

from server_stub.webhooks.targets import Target

TIMEOUT_S: Final = 10.0
EXCERPT_BYTES: Final = 500
USER_AGENT: Final = "pos-cloud-webhooks/1"
KEEP_PER_THREAD: Final = 32


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one attempt got: the status (``None`` when no answer came), the time it took, the
    first 500 bytes of the answer, or what went wrong before an answer."""

    status_code: int | None
    latency_ms: int
    excerpt: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to ``address``; everything else (the Host header) uses the host name."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPS(_PinnedHTTP):
    """TLS to ``address``, with the host name as server name and for the certificate check."""

    def __init__(self, target: Target, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(target, timeout)
        self.tls = context
        self.default_port = http.client.HTTPS_PORT

    def connect(self) -> None:
        super().connect()
        self.sock = self.tls.wrap_socket(self.sock, server_hostname=self.host)


_CONTEXT: list[ssl.SSLContext] = []


def default_context() -> ssl.SSLContext:
    """The system's trusted certificates, loaded once (loading them costs milliseconds)."""
    if not _CONTEXT:
        _CONTEXT.append(ssl.create_default_context())
    return _CONTEXT[0]


class Connections(threading.local):
    """Each sending thread's open connections, by where they go (the checked address
    included), reused while the receiver keeps them open: no new TCP and TLS handshake per
    delivery to the same receiver."""

    def __init__(self) -> None:
        self.open: dict[tuple[str, str, int, str], _PinnedHTTP] = {}

    def take(self, key: tuple[str, str, int, str]) -> _PinnedHTTP | None:
        return self.open.pop(key, None)

    def keep(self, key: tuple[str, str, int, str], conn: _PinnedHTTP) -> None:
        if len(self.open) >= KEEP_PER_THREAD:
            for old in self.open.values():
                old.close()
            self.open.clear()
        self.open[key] = conn


def _error(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timeout: no answer within 10 seconds"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ssl.SSLError):
        return f"TLS: {exc.reason or exc}"[:300]
    if isinstance(exc, http.client.HTTPException):
        return f"not an HTTP answer: {type(exc).__name__}"[:300]
    return f"{type(exc).__name__}: {exc}"[:300]


def _new(target: Target, timeout_s: float, context: ssl.SSLContext | None) -> _PinnedHTTP:
    if target.scheme == "https":
        return _PinnedHTTPS(target, timeout_s, context or default_context())
    return _PinnedHTTP(target, timeout_s)


def _exchange(
    conn: _PinnedHTTP, target: Target, body: bytes, headers: dict[str, str], deadline: float
) -> tuple[int, bytes, bool]:
    """One request and the start of its answer: (status, first bytes, whether the connection
    can carry the next request: the answer was read to its end and the receiver keeps it)."""
    if conn.sock is not None:
        conn.sock.settimeout(max(deadline - time.monotonic(), 0.001))
    conn.request("POST", target.path, body=body, headers=headers)
    if conn.sock is not None:
        conn.sock.settimeout(max(deadline - time.monotonic(), 0.001))
    response = conn.getresponse()
    excerpt = response.read(EXCERPT_BYTES)
    reusable = response.isclosed() and not response.will_close
    return response.status, excerpt, reusable


STALE = (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected)
"""What a kept connection the receiver has closed meanwhile fails with: the request is sent
again on a new connection. (It almost never reached the receiver's application; when it did,
the receiver gets the webhook-id twice and dedupes it, as after any retry.)"""


def post(
    target: Target,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout_s: float = TIMEOUT_S,
    context: ssl.SSLContext | None = None,
    connections: Connections | None = None,
) -> Attempt:
    """POST ``body`` with ``headers`` to ``target``; never raises for what the network does.
    ``connections``: reuse and keep open connections (a worker's), else one per request."""
    started = time.monotonic()
    deadline = started + timeout_s
    sent = {**headers, "Content-Type": "application/json", "User-Agent": USER_AGENT}
    if connections is None:
        sent["Connection"] = "close"
    key = (target.scheme, target.host, target.port, target.address)
    kept = connections.take(key) if connections is not None else None
    for conn in (kept, None) if kept is not None else (None,):
        fresh = conn is None
        conn = conn or _new(target, timeout_s, context)
        try:
            status, excerpt, reusable = _exchange(conn, target, body, sent, deadline)
        except STALE as exc:
            conn.close()
            if fresh:
                return Attempt(None, _ms(started), error=_error(exc))
            continue  # a kept connection the receiver had closed: once more, on a new one
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            return Attempt(None, _ms(started), error=_error(exc))
        if reusable and connections is not None:
            connections.keep(key, conn)
        else:
            conn.close()
        text = excerpt.decode("utf-8", errors="replace") if excerpt else None
        return Attempt(status, _ms(started), excerpt=text)
    return Attempt(None, _ms(started), error="no connection")  # pragma: no cover


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
