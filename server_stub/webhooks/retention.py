"""Retention: the outbox and the delivery log do not grow forever.

Every delivery and event is a row; a shop selling all day makes thousands a day, so the worker
prunes them (``Worker.prune``, hourly): a delivery's log row goes once it is settled
(``delivered``, or ``dead`` after its 3 days of retries) and nothing has happened to it for
``POS_SERVER_WEBHOOK_RETENTION_DAYS`` days (30 by default); an event goes once it is that old,
its deliveries have been made, and none of them is left, so an event still to be delivered to
any endpoint that wants it (pending, failed and waiting to be retried, or waiting behind an
older event of its resource, or queued for an endpoint switched off) is never pruned. A dead
delivery stays in the log, where the owner can send it again, for the same N days.

The work goes in batches of events, oldest first along the events' (organization, creation)
index, each batch its own short transaction, so neither database is held for long (SQLite has
one writer) and a worker stopped midway has lost nothing. Every delete repeats its conditions,
so a delivery sent again (``redeliver``) between the read and the delete is not removed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, cast

from sqlalchemy import CursorResult, Table, and_, delete, exists, func, or_, select, text
from sqlalchemy.orm import Session

from server_stub.core.db import Database
from server_stub.models import Organization, WebhookDelivery, WebhookEvent
from server_stub.webhooks import lists

ENV_DAYS: Final = "POS_SERVER_WEBHOOK_RETENTION_DAYS"
DEFAULT_DAYS: Final = 30
BATCH: Final = 1000
"""Events looked at per transaction."""

_D = cast(Table, WebhookDelivery.__table__)
_E = cast(Table, WebhookEvent.__table__)
_SETTLED = text("webhook_deliveries.status IN ('delivered', 'dead')")


def days_from_env(environ: Mapping[str, str] | None = None) -> int:
    """The retention in days from ``POS_SERVER_WEBHOOK_RETENTION_DAYS`` (30 when unset)."""
    raw = (os.environ if environ is None else environ).get(ENV_DAYS, "").strip()
    if not raw:
        return DEFAULT_DAYS
    try:
        days = int(raw)
    except ValueError:
        days = 0
    if days < 1:
        raise ValueError(
            f"{ENV_DAYS} must be a whole number of days, at least 1 (default {DEFAULT_DAYS}); "
            f"it is {raw!r}"
        )
    return days


@dataclass(frozen=True, slots=True)
class Pruned:
    """What one pass removed."""

    deliveries: int = 0
    events: int = 0

    def __add__(self, other: Pruned) -> Pruned:
        return Pruned(self.deliveries + other.deliveries, self.events + other.events)


def prune(db: Database, now: datetime, days: int, batch: int = BATCH) -> Pruned:
    """Remove what is older than ``days`` and settled, every organization, in batches."""
    cutoff = now - timedelta(days=days)
    with db.read() as session:
        orgs = list(session.execute(select(Organization.org_id)).scalars())
    total = Pruned()
    for org_id in orgs:
        after: tuple[datetime, str] | None = None
        while True:
            with db.write() as session:
                done, after = _prune_batch(session, org_id, cutoff, after, batch)
                session.commit()
            total += done
            if after is None:
                break
    return total


def _prune_batch(
    session: Session,
    org_id: str,
    cutoff: datetime,
    after: tuple[datetime, str] | None,
    batch: int,
) -> tuple[Pruned, tuple[datetime, str] | None]:
    """One batch of ``org_id``'s events made before ``cutoff``, after ``after`` (creation,
    event id); what was removed and where the next batch starts (``None``: no more)."""
    query = select(_E.c.event_id, _E.c.created_at).where(
        _E.c.org_id == org_id, _E.c.created_at < cutoff
    )
    if after is not None:
        at, event_id = after
        query = query.where(
            _E.c.created_at >= at,
            or_(_E.c.created_at > at, and_(_E.c.created_at == at, _E.c.event_id > event_id)),
        )
    found = session.execute(query.order_by(_E.c.created_at, _E.c.event_id).limit(batch)).all()
    if not found:
        return Pruned(), None
    on_postgres = lists.postgres(session)
    ids = [event_id for event_id, _ in found]
    deliveries = events = 0
    for some in lists.chunks(ids, on_postgres):
        deliveries += _count(
            session.execute(
                delete(_D).where(
                    _D.c.org_id == org_id,
                    lists.among(_D.c.event_id, some, on_postgres),
                    _SETTLED,
                    func.coalesce(_D.c.delivered_at, _D.c.last_attempt_at, _D.c.created_at)
                    < cutoff,
                )
            )
        )
        left = exists().where(_D.c.org_id == _E.c.org_id, _D.c.event_id == _E.c.event_id)
        events += _count(
            session.execute(
                delete(_E).where(
                    _E.c.org_id == org_id,
                    lists.among(_E.c.event_id, some, on_postgres),
                    _E.c.dispatched_at.is_not(None),
                    ~left,
                )
            )
        )
    last = found[-1]
    return Pruned(deliveries, events), (last.created_at, last.event_id)


def _count(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount or 0)
