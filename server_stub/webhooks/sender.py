"""One delivery attempt: a POST to a checked target, with the standard library's ``http.client``.

The cloud installs without the till's HTTP client (``httpx`` is in the till's extra only, and
``tests/app/test_install_split.py`` holds the cloud to that), and ``http.client`` does what a
webhook sender needs: it never follows a redirect (a 3xx is a failed attempt, as any answer
outside 2xx), and it lets the connection go to the very address the guard checked
(``targets.Target.address``) while the ``Host`` header and the TLS server name (SNI, and the
certificate check) stay the URL's host name.

A 10-second budget covers connecting, sending and waiting for the answer; of the answer only the
status and the first 500 bytes are read, never the whole body.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Final

from server_stub.webhooks.targets import Target

TIMEOUT_S: Final = 10.0
EXCERPT_BYTES: Final = 500
USER_AGENT: Final = "pos-cloud-webhooks/1"


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


def default_context() -> ssl.SSLContext:
    return ssl.create_default_context()


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


def post(
    target: Target,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout_s: float = TIMEOUT_S,
    context: ssl.SSLContext | None = None,
) -> Attempt:
    """POST ``body`` with ``headers`` to ``target``; never raises for what the network does."""
    started = time.monotonic()
    deadline = started + timeout_s
    conn: _PinnedHTTP
    if target.scheme == "https":
        conn = _PinnedHTTPS(target, timeout_s, context or default_context())
    else:
        conn = _PinnedHTTP(target, timeout_s)
    sent = {
        **headers,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Connection": "close",
    }
    try:
        conn.request("POST", target.path, body=body, headers=sent)
        if conn.sock is not None:
            conn.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        response = conn.getresponse()
        excerpt = response.read(EXCERPT_BYTES)
        status = response.status
    except (OSError, http.client.HTTPException) as exc:
        return Attempt(None, _ms(started), error=_error(exc))
    finally:
        conn.close()
    text = excerpt.decode("utf-8", errors="replace") if excerpt else None
    return Attempt(status, _ms(started), excerpt=text)


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
