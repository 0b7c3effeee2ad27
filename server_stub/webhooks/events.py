"""The outbox: event types, event ids, and writing events in the caller's transaction.

An event is written by the same transaction as the change it tells of, so it exists exactly when
the change does. Writing costs ingest one ``INSERT`` for a whole batch, and nothing at all for an
organization without an enabled endpoint that wants the event's type: which types an
organization wants is kept per process for a few seconds (``wanted``), so a busy till's batches
ask the database once per organization in that time, not once per batch. A change to an
endpoint forgets its organization's entry in this process at once; another worker process of the
same server learns of it within ``WANTED_TTL_S`` (events of those seconds are not written for an
endpoint it did not know of yet).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from server_stub.models import WebhookEndpoint, WebhookEvent

EVENT_TYPES: Final[dict[str, str]] = {
    "sale.created": "A till's sale is stored in the cloud (once per sale, never for a duplicate).",
    "refund.created": "A till's refund is stored (counted or not: see data.counted).",
    "shift.closed": "A shift closed: its Z report is stored.",
    "product.updated": "A product was created or changed (back office, owner API or CSV import).",
    "stock.changed": "A product's stock in a store changed: a sale, a refund or a movement.",
    "stock.low": "A change took a store's stock of a product to or below its reorder point.",
    "customer.created": "Reserved: the product keeps no customers yet, so it is never sent.",
    "journal.alert": "A till's audit journal raised an alert (a gap, a break, an altered entry).",
}
"""Every type an endpoint may subscribe to, with what it means."""
RESERVED: Final = frozenset({"customer.created"})
"""Accepted in a subscription, never sent yet (docs/integrations.md says why)."""
TEST_EVENT: Final = "webhook.test"
"""Sent by "send a test event" to one endpoint, whatever it subscribed to."""

WANTED_TTL_S: Final = 5.0
_EVENTS = cast(Table, WebhookEvent.__table__)
_PG_INSERT = text(
    "INSERT INTO webhook_events "
    "(org_id, event_id, event_type, resource, payload, created_at, endpoint_id) "
    "SELECT :org_id, r.i, r.t, r.r, r.p, CAST(:now AS timestamptz), :endpoint_id "
    "FROM json_to_recordset(CAST(:rows AS json)) AS r(i varchar, t varchar, r varchar, p text)"
)
"""PostgreSQL: a batch's events as one statement over one JSON parameter, as ingest stores the
sales themselves (``sale_rows``): one fixed text the server plans once, about half the time of
an executemany of the same rows."""


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to write: its type, the resource whose events go out in order, and ``data``
    as JSON text (so a sale's document goes in as it is, never parsed and dumped again)."""

    event_type: str
    resource: str
    data: str


def data_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def with_document(head: dict[str, Any], name: str, document: str) -> str:
    """``head`` as JSON with one more member, ``name``, holding ``document`` (JSON text) as is."""
    text = data_json(head)
    return f'{text[:-1]},"{name}":{document}}}' if len(text) > 2 else f'{{"{name}":{document}}}'


def timestamp_text(at: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``, as the specification's examples."""
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def body(event_type: str, at: datetime, data: str) -> str:
    """The webhook's body: ``{"type", "timestamp", "data"}`` (the spec's payload structure)."""
    return f'{{"type":{json.dumps(event_type)},"timestamp":"{timestamp_text(at)}","data":{data}}}'


class _EventIds:
    """``msg_``, the time in microseconds as 14 hex digits, then 48 random bits: ids sort in
    the order they were made (strictly increasing within a process), which is the order the
    events of one resource are delivered in."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = 0

    def take(self, count: int) -> list[str]:
        with self._lock:
            first = max(time.time_ns() // 1000, self._last + 1)
            self._last = first + count - 1
        noise = os.urandom(6 * count).hex()
        return [f"msg_{first + i:014x}{noise[12 * i : 12 * i + 12]}" for i in range(count)]


EVENT_IDS = _EventIds()


def new_event_id() -> str:
    return EVENT_IDS.take(1)[0]


class _Wanted:
    """Per organization: the event types its enabled endpoints want, kept ``WANTED_TTL_S``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: dict[str, tuple[float, frozenset[str]]] = {}

    def types(self, session: Session, org_id: str) -> frozenset[str]:
        now = time.monotonic()
        with self._lock:
            hit = self._known.get(org_id)
        if hit is not None and hit[0] > now:
            return hit[1]
        lists = session.execute(
            select(WebhookEndpoint.event_types).where(
                WebhookEndpoint.org_id == org_id, WebhookEndpoint.enabled.is_(True)
            )
        ).scalars()
        types = frozenset(t for listed in lists for t in listed)
        with self._lock:
            self._known[org_id] = (now + WANTED_TTL_S, types)
        return types

    def forget(self, org_id: str | None = None) -> None:
        with self._lock:
            if org_id is None:
                self._known.clear()
            else:
                self._known.pop(org_id, None)


WANTED = _Wanted()


def wanted(session: Session, org_id: str) -> frozenset[str]:
    """The event types some enabled endpoint of ``org_id`` wants (cached a few seconds)."""
    return WANTED.types(session, org_id)


def forget(org_id: str | None = None) -> None:
    """Drop what this process knows of ``org_id``'s endpoints (all, for ``None``): called after
    an endpoint is created, changed or removed."""
    WANTED.forget(org_id)


def emit(
    session: Session,
    org_id: str,
    events: Sequence[NewEvent],
    now: datetime,
    *,
    endpoint_id: str | None = None,
) -> list[str]:
    """Write ``events`` in the caller's transaction, one ``INSERT`` for them all; returns their
    ids. Callers ask ``wanted`` first and build only the events some endpoint wants.
    ``endpoint_id``: for that one endpoint only (a test event)."""
    if not events:
        return []
    ids = EVENT_IDS.take(len(events))
    if session.get_bind().dialect.name == "postgresql":
        document = json.dumps(
            [
                {
                    "i": i,
                    "t": e.event_type,
                    "r": e.resource[:160],
                    "p": body(e.event_type, now, e.data),
                }
                for i, e in zip(ids, events, strict=True)
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        params = {"org_id": org_id, "now": now, "endpoint_id": endpoint_id, "rows": document}
        session.execute(_PG_INSERT, params)
        return ids
    rows = [
        {
            "org_id": org_id,
            "event_id": event_id,
            "event_type": e.event_type,
            "resource": e.resource[:160],
            "payload": body(e.event_type, now, e.data),
            "created_at": now,
            "dispatched_at": None,
            "endpoint_id": endpoint_id,
        }
        for event_id, e in zip(ids, events, strict=True)
    ]
    session.execute(insert(_EVENTS), rows)  # SQLite: one executemany, a loop in C
    return ids
