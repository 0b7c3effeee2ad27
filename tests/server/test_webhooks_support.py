"""What the webhook tests share (no tests here): a real HTTP receiver on 127.0.0.1 that records
every request, checks its signature like an integrator would, and can answer 500, redirect, or
be down; an app that allows loopback targets; helpers to make endpoints and run a worker; and
the fixtures ``hooks`` (that app, every webhook row removed afterwards), ``shop`` (a tenant of
it) and ``receiver`` (one receiver on the tests' clock), which a test module imports to use:
pytest finds fixtures by name in the module."""

from __future__ import annotations

import json
import socket
import threading
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import delete, select

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.core.config import Settings
from server_stub.core.db import Clock, Database
from server_stub.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from server_stub.webhooks import events, signing
from server_stub.webhooks.worker import Worker
from tests.server.factories import FakeClock, Tenant, make_tenant


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    path: str
    verified: bool
    answered: int
    payload: Any = None
    client_port: int = 0
    """The sender's port: the same for requests that came over one kept connection."""

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]

    @property
    def type(self) -> str:
        return str(self.payload["type"]) if self.payload else ""


@dataclass
class Receiver:
    """An HTTP server in a thread. ``status`` is what it answers (200 by default; set 500 to
    fail, 302 to redirect to ``location``); ``stop`` takes it off the port (connection
    refused) and ``start`` brings it back on the same port. ``secrets`` are checked on every
    request with ``signing.verify`` at the time ``clock`` says."""

    clock: Clock
    secrets: list[str] = field(default_factory=list)
    status: int = 200
    location: str = ""
    answer: bytes = b'{"ok":true}'
    keep_alive: bool = False
    delay_s: float = 0.0
    """How long each answer takes (to widen the window two senders could overlap in)."""
    port: int = 0
    requests: list[Received] = field(default_factory=list)
    overlaps: int = 0
    """Requests that came while another one with the same webhook-id was still in hand."""
    _active: Counter[str] = field(default_factory=Counter)
    _connections: list[Any] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.1 keeps a connection open after an answer with a length (as most
            # receivers do); HTTP/1.0 closes it after each answer.
            protocol_version = "HTTP/1.1" if receiver.keep_alive else "HTTP/1.0"

            def setup(self) -> None:
                super().setup()
                with receiver._lock:
                    receiver._connections.append(self.connection)

            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(size)
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = receiver.status
                webhook_id = headers.get("webhook-id", "")
                receiver.enter(webhook_id)
                try:
                    receiver.keep(headers, body, self.path, status, self.client_address[1])
                    if receiver.delay_s:
                        time.sleep(receiver.delay_s)  # a slow receiver, on purpose
                finally:
                    receiver.leave(webhook_id)
                self.send_response(status)
                if receiver.location:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(receiver.answer)))
                self.end_headers()
                self.wfile.write(receiver.answer)

            def log_message(self, *_: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def drop_connections(self) -> None:
        """Close every connection a sender kept open (as a receiver's idle timeout would)."""
        with self._lock:
            dropped, self._connections = self._connections, []
        for conn in dropped:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # the sender closed it already

    def enter(self, webhook_id: str) -> None:
        with self._lock:
            self._active[webhook_id] += 1
            if self._active[webhook_id] > 1:
                self.overlaps += 1

    def leave(self, webhook_id: str) -> None:
        with self._lock:
            self._active[webhook_id] -= 1

    def keep(
        self, headers: dict[str, str], body: bytes, path: str, status: int, port: int = 0
    ) -> None:
        payload, verified = None, False
        for secret in self.secrets:
            try:
                payload = signing.verify(secret, body, headers, now=self.clock())
                verified = True
                break
            except signing.VerificationError:
                continue
        with self._lock:
            self.requests.append(Received(headers, body, path, verified, status, payload, port))

    def received(self) -> list[Received]:
        with self._lock:
            return list(self.requests)

    def ids(self) -> Counter[str]:
        """Requests per webhook-id, answered any way."""
        return Counter(r.webhook_id for r in self.received())

    def accepted(self) -> list[Received]:
        """The requests it answered 2xx, in the order they came."""
        return [r for r in self.received() if 200 <= r.answered < 300]

    def of_type(self, event_type: str) -> list[Received]:
        return [r for r in self.received() if r.type == event_type]


def hooks_app(database_url: str, database: Database, clock: Clock) -> FastAPI:
    """The API as the tests' ``app``, but webhooks may go to loopback (the dev exception)."""
    settings = Settings(database_url=database_url, webhook_allow_loopback=True)
    return create_app(settings, clock=clock, database=database)


def add_endpoint(
    client: TestClient, tenant: Tenant, url: str, events: list[str], **extra: Any
) -> dict[str, Any]:
    r = client.post(
        "/v1/webhooks/endpoints",
        json={"url": url, "event_types": events, **extra},
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    created: dict[str, Any] = r.json()
    return created


def worker(database: Database, clock: Clock, **options: Any) -> Worker:
    """A worker driven by hand (``run_once``), never started as a thread unless the test does."""
    options.setdefault("allow_loopback", True)
    options.setdefault("rng", lambda: 0.5)
    return Worker(database, clock=clock, **options)


def deliveries(database: Database, org_id: str) -> list[WebhookDelivery]:
    with database.read() as session:
        return list(
            session.execute(
                select(WebhookDelivery)
                .where(WebhookDelivery.org_id == org_id)
                .order_by(WebhookDelivery.event_id)
            ).scalars()
        )


def data_of(received: Received) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(received.body)["data"]
    return data


def clear(database: Database) -> None:
    """Remove every endpoint, event and delivery (the database is shared by a session)."""
    with database.write() as session:
        for model in (WebhookDelivery, WebhookEvent, WebhookEndpoint):
            session.execute(delete(model))
        session.commit()


@pytest.fixture
def hooks(database_url: str, database: Database, clock: FakeClock) -> Iterator[TestClient]:
    """The API with loopback webhooks, on an outbox emptied first: the database is shared by
    the session, and other modules' servers (the generated client's, the examples') leave
    events behind that a global prune or sweep would count."""
    clear(database)
    events.forget()
    with TestClient(hooks_app(database_url, database, clock)) as client:
        yield client
    clear(database)


@pytest.fixture
def shop(hooks: TestClient, database: Database, clock: FakeClock) -> Tenant:
    return make_tenant(hooks, database, clock)


@pytest.fixture
def receiver(clock: Clock) -> Iterator[Receiver]:
    """A receiver that checks signatures at the time of the tests' ``clock`` (a module whose
    server runs on real time gives it a real ``clock``)."""
    found = Receiver(clock).start()
    yield found
    found.stop()
