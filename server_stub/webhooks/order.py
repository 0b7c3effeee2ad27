"""Order per resource: of the deliveries still to be sent for one endpoint and one resource (a
sale, one product's stock in one store, ...), only the oldest (the *head*, smallest event id)
may be due; the others wait with ``next_attempt_at = WAITING``. When the head is delivered or
dies, the next one becomes the head and is due at once.

So claiming due deliveries never has to look for older ones (a query that, written as an
anti-join over every due delivery, turned quadratic on PostgreSQL when its statistics lagged a
burst: 111 s for one claim over 16,000 queued deliveries). Making deliveries, recording results
and redelivering change heads; on PostgreSQL they take one transaction-scoped advisory lock
first, so two workers never both decide a group's head (SQLite has one writer anyway).
``sweep`` repairs any group left without a head, whatever the cause, every minute.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Final, cast

from sqlalchemy import Table, and_, bindparam, func, select, text, update
from sqlalchemy.orm import Session

from server_stub.models import UTCDateTime, WebhookDelivery
from server_stub.webhooks import lists

WAITING: Final = datetime(9999, 1, 1, tzinfo=UTC)
"""``next_attempt_at`` of a delivery waiting for an older one of its resource."""
LOCK_KEY: Final = 0x57484B53
"""The advisory lock that serializes head changes on PostgreSQL ("WHKS")."""

Group = tuple[str, str, str]
"""(org id, endpoint id, resource)."""

_D = cast(Table, WebhookDelivery.__table__)
_UNSENT = text("webhook_deliveries.status IN ('pending', 'failed')")


def serialize(session: Session) -> None:
    """Take the head-changing lock until the caller's transaction ends (PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})


def busy(session: Session, org_id: str, groups: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (endpoint id, resource) of ``org_id`` have a delivery still to be sent."""
    wanted = set(groups)
    on_postgres = lists.postgres(session)
    endpoints = sorted({endpoint_id for endpoint_id, _ in wanted})
    resources = sorted({resource for _, resource in wanted})
    found: set[tuple[str, str]] = set()
    for some in lists.chunks(resources, on_postgres):
        # Each column against a list (both databases walk the order index with them), the
        # pairs picked out here: a list of row values was planned as a scan of every row.
        rows = session.execute(
            select(_D.c.endpoint_id, _D.c.resource)
            .where(
                _D.c.org_id == org_id,
                lists.among(_D.c.endpoint_id, endpoints, on_postgres),
                lists.among(_D.c.resource, some, on_postgres),
                _UNSENT,
            )
            .distinct()
        )
        found.update((e, r) for e, r in rows if (e, r) in wanted)
    return found


def first_times(session: Session, rows: list[dict[str, Any]], now: datetime) -> None:
    """Set ``next_attempt_at`` of new delivery rows: ``now`` for the oldest of a group that has
    nothing else to send, ``WAITING`` for the rest. The caller holds ``serialize``."""
    by_org: dict[str, dict[tuple[str, str], list[dict[str, Any]]]] = {}
    for row in rows:
        key = (row["endpoint_id"], row["resource"])
        by_org.setdefault(row["org_id"], {}).setdefault(key, []).append(row)
    for org_id, groups in by_org.items():
        taken = busy(session, org_id, groups)
        for key, members in groups.items():
            members.sort(key=lambda r: r["event_id"])
            for i, row in enumerate(members):
                row["next_attempt_at"] = now if i == 0 and key not in taken else WAITING


_PROMOTE = (
    update(_D)
    .where(
        _D.c.org_id == bindparam("o"),
        _D.c.endpoint_id == bindparam("p"),
        _D.c.event_id == bindparam("e"),
        _D.c.next_attempt_at == bindparam("w", type_=UTCDateTime()),
    )
    .values(next_attempt_at=bindparam("n", type_=UTCDateTime()))
)


def promote(session: Session, groups: Iterable[Group], now: datetime) -> None:
    """The head of each group is gone (delivered or dead): its next delivery, if it has one,
    is due now. One read per organization finds them (most groups, a sale's, have none); the
    caller holds ``serialize``."""
    by_org: dict[str, set[tuple[str, str]]] = {}
    for org_id, endpoint_id, resource in groups:
        by_org.setdefault(org_id, set()).add((endpoint_id, resource))
    params: list[dict[str, Any]] = []
    on_postgres = lists.postgres(session)
    for org_id, pairs in sorted(by_org.items()):
        endpoints = sorted({endpoint_id for endpoint_id, _ in pairs})
        resources = sorted({resource for _, resource in pairs})
        for some in lists.chunks(resources, on_postgres):
            heads = session.execute(
                select(_D.c.endpoint_id, _D.c.resource, func.min(_D.c.event_id))
                .where(
                    _D.c.org_id == org_id,
                    lists.among(_D.c.endpoint_id, endpoints, on_postgres),
                    lists.among(_D.c.resource, some, on_postgres),
                    _UNSENT,
                )
                .group_by(_D.c.endpoint_id, _D.c.resource)
            )
            params.extend(
                {"o": org_id, "p": endpoint_id, "e": event_id, "w": WAITING, "n": now}
                for endpoint_id, resource, event_id in heads
                if (endpoint_id, resource) in pairs
            )
    if params:
        session.execute(_PROMOTE, params)


def rehead(session: Session, group: Group, now: datetime) -> None:
    """Put ``group`` right: its oldest unsent delivery due (now, unless it already has a time),
    every other one not in flight waiting. The caller holds ``serialize``."""
    org_id, endpoint_id, resource = group
    rows = session.execute(
        select(_D.c.event_id, _D.c.next_attempt_at, _D.c.lease_token)
        .where(
            _D.c.org_id == org_id,
            _D.c.endpoint_id == endpoint_id,
            _D.c.resource == resource,
            _UNSENT,
        )
        .order_by(_D.c.event_id)
    ).all()
    for i, (event_id, at, lease) in enumerate(rows):
        value = _head_time(at, now) if i == 0 else _follower_time(at, lease)
        if value != at:
            session.execute(
                update(_D)
                .where(
                    _D.c.org_id == org_id,
                    _D.c.endpoint_id == endpoint_id,
                    _D.c.event_id == event_id,
                )
                .values(next_attempt_at=value)
            )


def _head_time(at: datetime, now: datetime) -> datetime:
    """The head keeps its time (a retry's, a lease's) or, when it was waiting, is due now."""
    return now if at >= WAITING else at


def _follower_time(at: datetime, lease: str | None) -> datetime:
    """Behind the head: waiting, unless it is in flight (its lease runs its course)."""
    return at if lease is not None else WAITING


def sweep(session: Session, now: datetime) -> int:
    """Give every group without a due or in-flight delivery its head back; the groups fixed.
    Nothing should need it; it is the net under the bookkeeping above."""
    serialize(session)
    stuck = session.execute(
        select(_D.c.org_id, _D.c.endpoint_id, _D.c.resource)
        .where(_UNSENT)
        .group_by(_D.c.org_id, _D.c.endpoint_id, _D.c.resource)
        .having(
            and_(func.min(_D.c.next_attempt_at) >= bindparam("w", WAITING, type_=UTCDateTime()))
        )
    ).all()
    for org_id, endpoint_id, resource in stuck:
        rehead(session, (org_id, endpoint_id, resource), now)
    return len(stuck)
