"""``Idempotency-Key`` on owner-API POSTs, with Stripe's semantics.

A client that sends a POST with ``Idempotency-Key: <1 to 255 printable characters>`` and loses
the answer (a timeout, a dropped connection) sends the same request with the same key again and
gets the first answer back, with ``Idempotent-Replayed: true``, instead of a second store, key or
movement. Keys belong to the organization and the caller (a person or an API key) and last 24
hours from the first request. The same key with another method, path or body is a client bug:
422 ``idempotency.key_reused``. The same key while the first request still runs: 409
``idempotency.in_progress``. Every answer is kept except a 5xx, which leaves the key free for
a retry (the request stored nothing: the unit of work rolled back).

Three parts, because the answer is known only to the ASGI layer and the caller only to the
route's dependencies:

* :class:`Middleware` (ASGI, inside the body size limit): for a POST with the header, reads the
  body, fingerprints method, path and body (SHA-256), and puts a :class:`Pending` in the
  request's scope; once the request has claimed the key it holds back the answer until it is
  stored (so no client ever holds an answer the server could not replay), or frees the key on
  a 5xx or an exception.
* :func:`claim`, called by the owner routes' scope check (``api.scopes``) once the caller is
  known: writes the key's row as *in progress* in its own committed transaction before the
  route runs. The primary key ``(org_id, caller, key)`` lets only one of two identical
  requests take it, across workers and hosts; the other gets 409, a replay or 422.
* :class:`Replay`, raised by :func:`claim` and answered by :func:`install`'s handler with the
  stored status, headers and body.

A worker that dies between the route's commit and storing the answer leaves the row in
progress; after :data:`LEASE` another request with the key runs again (the one window in which
a retry can repeat a write, as with Stripe).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import Table, delete, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server_stub.core.db import Database
from server_stub.core.problems import Problem
from server_stub.models import IdempotencyKey
from server_stub.models.idempotency import KEY_LENGTH

log = logging.getLogger(__name__)

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
TTL = timedelta(hours=24)
"""How long a key's answer is replayed, from its first request (Stripe's 24 hours)."""
LEASE = timedelta(minutes=5)
"""How long a key stays *in progress* without an answer before another request may take it
(a worker died mid-request); far above any owner-API request's time."""
KEY_PATTERN = r"^[!-~](?:[ -~]{0,253}[!-~])?$"
"""1 to 255 printable ASCII characters, no space at either end (HTTP would strip it)."""
PURGE_BATCH = 200
"""Expired keys deleted per claim at most, so the purge never makes one request slow."""
MAX_STORED_BODY = 1024 * 1024
"""An answer larger than this is not kept (no owner-API POST answers near it); the key is
freed instead, as for a 5xx."""
KEPT_HEADERS = frozenset({b"content-type", b"location", b"retry-after"})

_SCOPE_KEY = "pos.idempotency"
_KEY_RE = re.compile(KEY_PATTERN)
_TABLE = cast(Table, IdempotencyKey.__table__)


@dataclass
class Pending:
    """A POST that carried the header: its key and fingerprint, and once :func:`claim` has
    taken the key for it, whose key it is."""

    key: str
    fingerprint: str
    holder: tuple[str, str] | None = None
    """``(org_id, caller)`` once this request holds the key; the answer is then stored."""


class Replay(Exception):
    """Not an error: the stored answer, to be answered again."""

    def __init__(self, status: int, headers: list[Any], body: bytes) -> None:
        super().__init__(status)
        self.status = status
        self.headers = headers
        self.body = body


def fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(f"{method} {path}".encode())
    if query:
        digest.update(b"?" + query)
    digest.update(b"\n")
    digest.update(body)
    return digest.hexdigest()


def caller_id(user_id: str, is_key: bool) -> str:
    return f"{'key' if is_key else 'user'}:{user_id}"


# -- the claim, before the route runs ---------------------------------------------------------


def pending_of(scope: Scope) -> Pending | None:
    pending = scope.get(_SCOPE_KEY)
    return pending if isinstance(pending, Pending) else None


def claim(db: Database, scope: Scope, org_id: str, caller: str, now: datetime) -> None:
    """Take the request's key for it, or answer for it: the stored answer (:class:`Replay`),
    409 while another request holds the key, 422 for a reused key. Nothing for a request
    without the header (or one already holding its key)."""
    pending = pending_of(scope)
    if pending is None or pending.holder is not None:
        return
    if not _KEY_RE.match(pending.key):
        raise Problem(
            422,
            "idempotency.key_invalid",
            f"{HEADER} must be 1 to {KEY_LENGTH} printable ASCII characters.",
        )
    with db.write() as session:
        _purge(session, org_id, now)
        stored = _take(session, org_id, caller, pending, now)
        session.commit()
    if stored is None:
        pending.holder = (org_id, caller)
        return
    raise Replay(
        stored.status or 200, list(stored.response_headers or []), stored.response_body or b""
    )


def _take(
    session: Session, org_id: str, caller: str, pending: Pending, now: datetime
) -> IdempotencyKey | None:
    """``None`` when this request now holds the key; the row with its answer to replay."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    new = {
        "org_id": org_id,
        "caller": caller,
        "idempotency_key": pending.key,
        "fingerprint": pending.fingerprint,
        "created_at": now,
        "locked_at": now,
    }
    for _ in range(2):  # a second round only if the row vanished between the two statements
        stmt = (
            insert(_TABLE)
            .values(**new)
            .on_conflict_do_nothing(index_elements=["org_id", "caller", "idempotency_key"])
            .returning(_TABLE.c.org_id)
        )
        if session.execute(stmt).scalar_one_or_none() is not None:
            return None
        row = session.execute(
            select(IdempotencyKey)
            .where(
                IdempotencyKey.org_id == org_id,
                IdempotencyKey.caller == caller,
                IdempotencyKey.idempotency_key == pending.key,
            )
            .with_for_update()
        ).scalar_one_or_none()
        if row is not None:
            return _decide(row, pending, now)
    raise Problem(409, "idempotency.in_progress", "A request with this key is being processed.")


def _decide(row: IdempotencyKey, pending: Pending, now: datetime) -> IdempotencyKey | None:
    if row.created_at <= now - TTL:
        log.debug("idempotency key %s expired; taken anew", row.idempotency_key)
        _restart(row, pending, now)
        return None
    if row.fingerprint != pending.fingerprint:
        raise Problem(
            422,
            "idempotency.key_reused",
            f"This {HEADER} was used with another request (method, path or body) in the "
            "last 24 hours; use a new key for a new request.",
        )
    if row.status is not None:
        return row
    if row.locked_at is not None and row.locked_at > now - LEASE:
        raise Problem(
            409,
            "idempotency.in_progress",
            "A request with this key is being processed; send it again once it has answered.",
            headers={"Retry-After": "1"},
        )
    log.warning(
        "idempotency key of %s held since %s without an answer; taken over",
        row.caller,
        row.locked_at,
    )
    row.locked_at = now
    return None


def _restart(row: IdempotencyKey, pending: Pending, now: datetime) -> None:
    row.fingerprint = pending.fingerprint
    row.created_at = now
    row.locked_at = now
    row.status = None
    row.response_headers = None
    row.response_body = None


def _purge(session: Session, org_id: str, now: datetime) -> None:
    """Delete up to :data:`PURGE_BATCH` of the organization's expired keys: one short read of
    the ``(org_id, created_at)`` index, nothing to delete on most requests."""
    expired = session.execute(
        select(IdempotencyKey.caller, IdempotencyKey.idempotency_key)
        .where(IdempotencyKey.org_id == org_id, IdempotencyKey.created_at <= now - TTL)
        .limit(PURGE_BATCH)
    ).all()
    if expired:
        session.execute(
            delete(IdempotencyKey).where(
                IdempotencyKey.org_id == org_id,
                tuple_(IdempotencyKey.caller, IdempotencyKey.idempotency_key).in_(
                    [tuple(row) for row in expired]
                ),
            )
        )


# -- the answer, after the route ran ----------------------------------------------------------


def store(
    db: Database, pending: Pending, status: int, headers: list[list[str]], body: bytes
) -> None:
    assert pending.holder is not None
    org_id, caller = pending.holder
    with db.write() as session:
        session.execute(
            update(IdempotencyKey)
            .where(
                IdempotencyKey.org_id == org_id,
                IdempotencyKey.caller == caller,
                IdempotencyKey.idempotency_key == pending.key,
                IdempotencyKey.fingerprint == pending.fingerprint,
            )
            .values(status=status, response_headers=headers, response_body=body, locked_at=None)
        )
        session.commit()


def release(db: Database, pending: Pending) -> None:
    """Free the key (a 5xx, an exception, an answer too large to keep)."""
    assert pending.holder is not None
    org_id, caller = pending.holder
    with db.write() as session:
        session.execute(
            delete(IdempotencyKey).where(
                IdempotencyKey.org_id == org_id,
                IdempotencyKey.caller == caller,
                IdempotencyKey.idempotency_key == pending.key,
                IdempotencyKey.status.is_(None),
            )
        )
        session.commit()


class Middleware:
    """See the module docstring. Runs inside ``BodySizeLimit``, which has already read the
    body (and refused one too large), so reading it here again costs one buffered message."""

    def __init__(self, app: ASGIApp, db: Database) -> None:
        self.app = app
        self.db = db

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = _header(scope) if scope["type"] == "http" and scope["method"] == "POST" else None
        if key is None:
            await self.app(scope, receive, send)
            return
        body, receive = await _read_body(receive)
        pending = Pending(
            key, fingerprint("POST", scope["path"], scope.get("query_string", b""), body)
        )
        scope[_SCOPE_KEY] = pending
        answer = _Answer(self.db, pending, send)
        try:
            await self.app(scope, receive, answer.send)
        except BaseException:
            if pending.holder is not None and not answer.done:
                await anyio.to_thread.run_sync(release, self.db, pending)
            raise
        if pending.holder is not None and not answer.done:
            await anyio.to_thread.run_sync(release, self.db, pending)


class _Answer:
    """Passes an answer on untouched unless the request holds its key; then holds it back
    until it is stored (or the key freed), and sends it whole."""

    def __init__(self, db: Database, pending: Pending, send: Send) -> None:
        self.db = db
        self.pending = pending
        self._send = send
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.size = 0
        self.done = False

    async def send(self, message: Message) -> None:
        if self.pending.holder is None:
            await self._send(message)
            return
        if message["type"] == "http.response.start":
            self.start = message
            return
        if message["type"] != "http.response.body" or self.start is None:
            await self._send(message)
            return
        chunk = message.get("body", b"")
        self.size += len(chunk)
        self.chunks.append(chunk)
        if message.get("more_body", False):
            return
        await self._finish()

    async def _finish(self) -> None:
        assert self.start is not None
        status = int(self.start["status"])
        body = b"".join(self.chunks)
        try:
            if status >= 500 or self.size > MAX_STORED_BODY:
                await anyio.to_thread.run_sync(release, self.db, self.pending)
            else:
                kept = [
                    [name.decode("latin-1"), value.decode("latin-1")]
                    for name, value in self.start.get("headers", [])
                    if name.lower() in KEPT_HEADERS
                ]
                await anyio.to_thread.run_sync(store, self.db, self.pending, status, kept, body)
        except Exception:
            # The answer still goes out; the key stays in progress until its lease runs out.
            log.exception("could not keep the answer of idempotency key %r", self.pending.key)
        self.done = True
        await self._send(self.start)
        await self._send({"type": "http.response.body", "body": body, "more_body": False})


def _header(scope: Scope) -> str | None:
    wanted = HEADER.lower().encode("ascii")
    for name, value in scope.get("headers", ()):
        if name == wanted:
            decoded: str = value.decode("latin-1")
            return decoded
    return None


async def _read_body(receive: Receive) -> tuple[bytes, Receive]:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            first = message
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            first = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            break
    body = b"".join(chunks)
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return first
        return await receive()

    return body, replay


async def _on_replay(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, Replay)
    headers = {str(name): str(value) for name, value in exc.headers}
    headers[REPLAYED_HEADER] = "true"
    return Response(content=exc.body, status_code=exc.status, headers=headers)


def install(app: FastAPI, db: Database) -> None:
    """The replay handler and the middleware; call before adding the body size limit, which
    must stay outside this middleware."""
    app.add_exception_handler(Replay, _on_replay)
    app.add_middleware(Middleware, db=db)
