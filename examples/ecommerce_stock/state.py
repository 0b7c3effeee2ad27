"""The receiver's own memory, in SQLite so that it survives a restart.

- ``events``: every webhook-id accepted, so a redelivery (the cloud delivers *at least once*:
  after a timeout, a crash on its side, or the owner's *Kirim ulang*) is recognised and ignored,
  today or after the receiver restarted. A ``stock.changed`` event waits here (``done_at`` empty)
  until the applier has set the listing: the HTTP answer goes out as soon as the event is
  stored, well within the cloud's 10 seconds, and nothing is lost if the receiver stops before
  applying it.
- ``applied``: per store and product, the newest event applied. The cloud sends one product's
  events in order, but an event can still come late (the owner redelivers an old one by hand);
  an event older than the one applied is skipped, since the level read for the newer one
  already included its change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from .signature import MalformedWebhook, Webhook
from .store import connect

STOCK_CHANGED: Final = "stock.changed"

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS events (
        webhook_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        event_at TEXT NOT NULL,
        store_code TEXT,
        product_id TEXT,
        received_at TEXT NOT NULL,
        done_at TEXT,
        outcome TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS events_waiting ON events (done_at, event_at)",
    """CREATE TABLE IF NOT EXISTS applied (
        store_code TEXT NOT NULL,
        product_id TEXT NOT NULL,
        event_at TEXT NOT NULL,
        webhook_id TEXT NOT NULL,
        PRIMARY KEY (store_code, product_id)
    )""",
)


@dataclass(frozen=True, slots=True)
class StockEvent:
    """A ``stock.changed`` waiting to be applied. ``event_at``: when the change was stored in
    the cloud, as fixed-width UTC text so that text order is time order."""

    webhook_id: str
    event_at: str
    store_code: str
    product_id: str

    @property
    def position(self) -> tuple[str, str]:
        """Where this event stands among its product's events: time, then id."""
        return (self.event_at, self.webhook_id)


def event_time(event: dict[str, Any]) -> str:
    """The body's ``timestamp`` (RFC 3339), normalised: ``2026-12-08T03:14:07Z`` and
    ``...07.000001Z`` would not sort right as they come."""
    try:
        at = datetime.fromisoformat(str(event["timestamp"]))
    except (KeyError, ValueError):
        raise MalformedWebhook("the event has no valid timestamp") from None
    if at.tzinfo is None:
        raise MalformedWebhook("the event's timestamp has no time zone")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def _stock_fields(event: dict[str, Any]) -> tuple[str, str]:
    data = event.get("data")
    store = data.get("store_code") if isinstance(data, dict) else None
    product = data.get("product_id") if isinstance(data, dict) else None
    if not (isinstance(store, str) and isinstance(product, str) and store and product):
        raise MalformedWebhook("stock.changed without data.store_code and data.product_id")
    return store, product


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class SyncState:
    """The receiver's SQLite file (``sync-state.db`` by default)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with connect(path) as conn:
            for statement in _SCHEMA:
                conn.execute(statement)

    def accept(self, webhook: Webhook) -> bool:
        """Store a verified webhook; ``False`` when its id was accepted before (ignore it).
        Only ``stock.changed`` waits for the applier; other types are noted and done."""
        event_type = str(webhook.event.get("type", ""))
        event_at = event_time(webhook.event)
        store, product, done = None, None, None
        if event_type == STOCK_CHANGED:
            store, product = _stock_fields(webhook.event)
        else:
            done = _now()
        with connect(self.path) as conn:
            cur = conn.execute(
                "INSERT INTO events (webhook_id, type, event_at, store_code, product_id, "
                "received_at, done_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (webhook_id) DO NOTHING",
                (
                    webhook.webhook_id,
                    event_type,
                    event_at,
                    store,
                    product,
                    _now(),
                    done,
                    None if done is None else "not used",
                ),
            )
        return cur.rowcount == 1

    def waiting(self, limit: int = 500) -> list[StockEvent]:
        """``stock.changed`` events not applied yet, oldest change first."""
        with connect(self.path) as conn:
            rows = conn.execute(
                "SELECT webhook_id, event_at, store_code, product_id FROM events "
                "WHERE done_at IS NULL ORDER BY event_at, webhook_id LIMIT ?",
                (limit,),
            ).fetchall()
        return [StockEvent(*row) for row in rows]

    def is_outdated(self, event: StockEvent) -> bool:
        """Whether a newer event (or this one) of the same product was applied already."""
        with connect(self.path) as conn:
            row = conn.execute(
                "SELECT event_at, webhook_id FROM applied WHERE store_code = ? AND product_id = ?",
                (event.store_code, event.product_id),
            ).fetchone()
        return row is not None and tuple(row) >= event.position

    def finish(self, event: StockEvent, outcome: str, *, applied: bool) -> None:
        """Mark ``event`` done; ``applied``: it set the listing, so it becomes the newest."""
        with connect(self.path) as conn:
            conn.execute(
                "UPDATE events SET done_at = ?, outcome = ? WHERE webhook_id = ?",
                (_now(), outcome, event.webhook_id),
            )
            if applied:
                conn.execute(
                    "INSERT INTO applied (store_code, product_id, event_at, webhook_id) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (store_code, product_id) DO UPDATE SET "
                    "event_at = excluded.event_at, webhook_id = excluded.webhook_id "
                    "WHERE (excluded.event_at, excluded.webhook_id) "
                    "> (applied.event_at, applied.webhook_id)",
                    (event.store_code, event.product_id, event.event_at, event.webhook_id),
                )

    def outcome(self, webhook_id: str) -> str | None:
        """What became of one webhook (``None``: never accepted, or still waiting)."""
        with connect(self.path) as conn:
            row = conn.execute(
                "SELECT outcome FROM events WHERE webhook_id = ?", (webhook_id,)
            ).fetchone()
        return None if row is None else row[0]

    def count(self) -> int:
        """How many webhooks were accepted in all (tests and a health check read it)."""
        with connect(self.path) as conn:
            (found,) = conn.execute("SELECT count(*) FROM events").fetchone()
        return int(found)
