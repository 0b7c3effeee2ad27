"""The delivery queue in the database: making deliveries of new events, claiming the due ones,
recording what each attempt got. Each step is one short transaction of the caller's; nothing
here waits on the network.

Claiming is what keeps two workers (threads, processes or machines) from sending one delivery at
the same time: on PostgreSQL the due rows are selected ``FOR UPDATE SKIP LOCKED`` (a row another
worker is claiming is skipped, not waited for) and moved to the end of a lease with the
claimer's token; on SQLite the claim's ``BEGIN IMMEDIATE`` lets one writer claim at a time. The
result is recorded only while the token is still the claimer's. A worker that dies mid-delivery
records nothing; its lease runs out and the delivery is due again, so an event can arrive twice
(once per lease that ran out), never zero times: receivers dedupe by ``webhook-id``.

Order per resource (``order``): of one endpoint's deliveries of one resource, only the oldest
still to be sent is ever due, so the events of one sale, one product's stock or one till's
shifts reach an endpoint in the order they were made. Events of one resource written by two
transactions that commit in the same instant may be ordered by when their ids were made rather
than by commit.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, cast

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from server_stub.models import UTCDateTime, WebhookDelivery, WebhookEndpoint, WebhookEvent
from server_stub.models.webhooks import UNDISPATCHED
from server_stub.webhooks import lists, order, sources
from server_stub.webhooks.events import forget
from server_stub.webhooks.sender import Attempt

RETRY_DELAYS_S: Final = (5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600)
"""After the n-th failed attempt, wait the n-th of these (the last one again after that),
give or take 20 % so that many failed deliveries do not come back at once."""
RETRY_FOR: Final = timedelta(days=3)
"""Retried this long after the event; then the delivery is dead and its endpoint disabled."""
EXCERPT_CHARS: Final = 500

_DELIVERIES = cast(Table, WebhookDelivery.__table__)
_EVENTS = cast(Table, WebhookEvent.__table__)
_ENDPOINTS = cast(Table, WebhookEndpoint.__table__)
_NOW = bindparam("now", type_=UTCDateTime())

_DUE = (
    "FROM webhook_deliveries d JOIN webhook_endpoints e "
    "ON e.org_id = d.org_id AND e.endpoint_id = d.endpoint_id "
    "WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= :now AND e.enabled "
)
"""Due deliveries of enabled endpoints (a delivery waiting for an older one of its resource is
never due: ``order.WAITING``). The status test is written as text so both databases' planners
match the partial indexes."""
_CLAIM = text(  # fixed text, no input in it
    "SELECT d.org_id, d.endpoint_id, d.event_id " + _DUE + "ORDER BY d.next_attempt_at LIMIT :n"
).bindparams(_NOW)
_CLAIM_PG = text(  # fixed text, no input in it
    "UPDATE webhook_deliveries AS u SET next_attempt_at = :lease_end, lease_token = :token, "  # noqa: S608
    "attempts = u.attempts + 1, last_attempt_at = :now "
    "FROM (SELECT d.org_id, d.endpoint_id, d.event_id "
    + _DUE
    + "ORDER BY d.next_attempt_at LIMIT :n FOR UPDATE OF d SKIP LOCKED) AS c "
    "WHERE u.org_id = c.org_id AND u.endpoint_id = c.endpoint_id AND u.event_id = c.event_id "
    "RETURNING u.org_id, u.endpoint_id, u.event_id"
).bindparams(_NOW, bindparam("lease_end", type_=UTCDateTime()))
"""PostgreSQL: select the due deliveries, lock them (skipping any another worker holds) and
lease them, in one statement."""
_TAKE_PG = text(  # fixed text, no input in it
    "UPDATE webhook_events AS u SET dispatched_at = :now "  # noqa: S608
    "FROM (SELECT org_id, event_id FROM webhook_events WHERE " + UNDISPATCHED + " "
    "ORDER BY org_id, event_id LIMIT :n FOR UPDATE SKIP LOCKED) AS c "
    "WHERE u.org_id = c.org_id AND u.event_id = c.event_id "
    "RETURNING u.org_id, u.event_id, u.event_type, u.resource, u.created_at, u.endpoint_id"
).bindparams(_NOW)
"""PostgreSQL: take up to ``n`` new events (skipping any another worker holds) and mark them
dispatched, in one statement."""
_INSERT_PG = text(
    "INSERT INTO webhook_deliveries (org_id, endpoint_id, event_id, resource, status, attempts, "
    "next_attempt_at, give_up_at, created_at) "
    "SELECT r.o, r.p, r.e, r.r, 'pending', 0, r.n, r.g, :now "
    "FROM json_to_recordset(CAST(:rows AS json)) "
    "AS r(o varchar, p varchar, e varchar, r varchar, n timestamptz, g timestamptz) "
    "ON CONFLICT (org_id, endpoint_id, event_id) DO NOTHING"
).bindparams(_NOW)
"""PostgreSQL: a batch's deliveries as one statement over one JSON parameter (as the events
themselves, ``events._PG_INSERT``): one fixed text, where a multi-row INSERT of 500 rows was a
new text of 4,500 placeholders for psycopg to parse on every batch."""
_RECORD_PG = text(
    "UPDATE webhook_deliveries AS d SET status = r.s, next_attempt_at = r.n, lease_token = NULL, "
    "last_status_code = r.c, last_latency_ms = r.l, last_error = r.r, response_excerpt = r.x, "
    "delivered_at = r.w "
    "FROM json_to_recordset(CAST(:rows AS json)) AS r(o varchar, p varchar, e varchar, "
    "t varchar, s varchar, n timestamptz, c integer, l integer, r text, x text, w timestamptz) "
    "WHERE d.org_id = r.o AND d.endpoint_id = r.p AND d.event_id = r.e AND d.lease_token = r.t"
)
_WORK = text(  # fixed text, no input in it
    "SELECT EXISTS (SELECT 1 FROM webhook_events WHERE dispatched_at IS NULL), "  # noqa: S608
    "EXISTS (SELECT 1 " + _DUE + ")"
).bindparams(_NOW)


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def work(session: Session, now: datetime) -> tuple[bool, bool]:
    """Whether an event waits for its deliveries, and whether a delivery can be claimed: a
    cheap read, so an idle worker never takes SQLite's write lock."""
    events, due = session.execute(_WORK, {"now": now}).one()
    return bool(events), bool(due)


DISPATCH_BATCH: Final = 2000
"""Events per dispatch: the head-changing lock is taken once per batch, so a larger batch
spends less of it on each transaction's fixed costs. With 500, dispatch held the lock about
1.2 s per batch on a loaded machine while ingest wrote 850 events a second: it fell behind."""


def dispatch(session: Session, now: datetime, limit: int = DISPATCH_BATCH) -> int:
    """Make the deliveries of up to ``limit`` new events: one per enabled endpoint that wants
    the event's type (a test event: its one endpoint). The caller commits."""
    order.serialize(session)
    if _postgres(session):
        # Take the events and mark them dispatched in one statement.
        taken = session.execute(_TAKE_PG, {"now": now, "n": limit}).all()
        events: Sequence[Any] = sorted(taken, key=lambda e: (e.org_id, e.event_id))
        return _deliveries_of(session, events, now)
    ev = _EVENTS
    query = (
        select(
            ev.c.org_id,
            ev.c.event_id,
            ev.c.event_type,
            ev.c.resource,
            ev.c.created_at,
            ev.c.endpoint_id,
        )
        .where(text(UNDISPATCHED))
        .order_by(ev.c.org_id, ev.c.event_id)
        .limit(limit)
    )
    events = session.execute(query).all()
    made = _deliveries_of(session, events, now)
    if events:
        _mark_dispatched(session, events, now)
    return made


def _deliveries_of(session: Session, events: Sequence[Any], now: datetime) -> int:
    """Make the deliveries of ``events``; how many events there were."""
    if not events:
        return 0
    orgs = sorted({e.org_id for e in events})
    endpoints: dict[str, list[Any]] = {org: [] for org in orgs}
    for ep in session.execute(
        select(_ENDPOINTS.c.org_id, _ENDPOINTS.c.endpoint_id, _ENDPOINTS.c.event_types).where(
            _ENDPOINTS.c.org_id.in_(orgs), _ENDPOINTS.c.enabled.is_(True)
        )
    ):
        endpoints[ep.org_id].append(ep)
    rows = []
    for e in events:
        for ep in endpoints[e.org_id]:
            if e.endpoint_id:
                wanted = ep.endpoint_id == e.endpoint_id
            else:
                wanted = e.event_type in ep.event_types
            if wanted:
                rows.append(_new_delivery(e, ep.endpoint_id, now))
    if rows:
        order.first_times(session, rows, now)
        _insert_deliveries(session, rows, now)
    return len(events)


def _insert_deliveries(session: Session, rows: list[dict[str, Any]], now: datetime) -> None:
    if _postgres(session):
        document = json.dumps(
            [
                {
                    "o": r["org_id"],
                    "p": r["endpoint_id"],
                    "e": r["event_id"],
                    "r": r["resource"],
                    "n": r["next_attempt_at"].isoformat(),
                    "g": r["give_up_at"].isoformat(),
                }
                for r in rows
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        session.execute(_INSERT_PG, {"rows": document, "now": now})
        return
    stmt = sqlite_insert(_DELIVERIES).on_conflict_do_nothing(
        index_elements=["org_id", "endpoint_id", "event_id"]
    )
    # RETURNING makes SQLAlchemy send the rows as multi-row INSERTs, not one per row.
    session.execute(stmt.returning(_DELIVERIES.c.event_id), rows).all()


def _mark_dispatched(session: Session, events: Sequence[Any], now: datetime) -> None:
    """SQLite: one executemany on the primary key (PostgreSQL marks them as it takes them)."""
    session.execute(
        update(_EVENTS)
        .where(_EVENTS.c.org_id == bindparam("o"), _EVENTS.c.event_id == bindparam("e"))
        .values(dispatched_at=now),
        [{"o": e.org_id, "e": e.event_id} for e in events],
    )


def _new_delivery(event: Any, endpoint_id: str, now: datetime) -> dict[str, Any]:
    return {
        "org_id": event.org_id,
        "endpoint_id": endpoint_id,
        "event_id": event.event_id,
        "resource": event.resource,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "give_up_at": event.created_at + RETRY_FOR,
        "created_at": now,
    }


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery this worker holds until ``lease_token`` is recorded or the lease runs out."""

    org_id: str
    endpoint_id: str
    event_id: str
    resource: str
    lease_token: str
    attempts: int
    """Attempts so far, this one included."""
    give_up_at: datetime
    url: str
    allow_lan: bool
    secrets: tuple[str, ...]
    body: str


def claim(session: Session, now: datetime, limit: int, lease_s: float) -> list[Claimed]:
    """Claim up to ``limit`` due deliveries for ``lease_s`` seconds (the caller commits)."""
    token = secrets.token_hex(16)
    lease_end = now + timedelta(seconds=lease_s)
    if _postgres(session):
        params = {"now": now, "n": limit, "token": token, "lease_end": lease_end}
        keys = [tuple(r) for r in session.execute(_CLAIM_PG, params)]
        return _load(session, keys, token, now) if keys else []
    keys = [tuple(r) for r in session.execute(_CLAIM, {"now": now, "n": limit})]
    if not keys:
        return []
    d = _DELIVERIES
    session.execute(
        update(d)
        .where(
            d.c.org_id == bindparam("o"),
            d.c.endpoint_id == bindparam("p"),
            d.c.event_id == bindparam("e"),
        )
        .values(
            next_attempt_at=lease_end,
            lease_token=token,
            attempts=d.c.attempts + 1,
            last_attempt_at=now,
        ),
        [{"o": o, "p": p, "e": e} for o, p, e in keys],
    )
    return _load(session, keys, token, now)


def _load(
    session: Session, keys: Sequence[tuple[Any, ...]], token: str, now: datetime
) -> list[Claimed]:
    """What sending the claimed deliveries needs: the body, the endpoint's URL and secrets."""
    d, ev, ep = _DELIVERIES, _EVENTS, _ENDPOINTS
    on_postgres = _postgres(session)
    query = (
        select(
            d.c.org_id,
            d.c.endpoint_id,
            d.c.event_id,
            d.c.resource,
            d.c.attempts,
            d.c.give_up_at,
            ep.c.url,
            ep.c.allow_lan,
            ep.c.secret,
            ep.c.previous_secret,
            ep.c.previous_secret_expires_at,
            ev.c.event_type,
            ev.c.resource,
            ev.c.payload,
        )
        .join(ev, (ev.c.org_id == d.c.org_id) & (ev.c.event_id == d.c.event_id))
        .join(ep, (ep.c.org_id == d.c.org_id) & (ep.c.endpoint_id == d.c.endpoint_id))
        .where(
            # The claimed keys pick the rows out by the (org, event) index; the token alone
            # would be a scan of every delivery ever made.
            lists.among(d.c.org_id, sorted({k[0] for k in keys}), on_postgres),
            lists.among(d.c.event_id, sorted({k[2] for k in keys}), on_postgres),
            d.c.lease_token == token,
        )
    )
    rows = session.execute(query).all()
    documents = _sale_documents(session, rows)
    claimed = []
    for r in rows:
        in_use = [r.secret]
        if r.previous_secret and (r.previous_secret_expires_at or now) > now:
            in_use.append(r.previous_secret)
        claimed.append(
            Claimed(
                r.org_id,
                r.endpoint_id,
                r.event_id,
                r.resource,
                token,
                r.attempts,
                r.give_up_at,
                r.url,
                bool(r.allow_lan),
                tuple(in_use),
                sources.complete(r.event_type, r.resource, r.payload, documents.get(r.org_id, {})),
            )
        )
    order = {key: i for i, key in enumerate(keys)}
    claimed.sort(key=lambda c: order[(c.org_id, c.endpoint_id, c.event_id)])
    return claimed


def _sale_documents(session: Session, rows: Sequence[Any]) -> dict[str, dict[str, str]]:
    """Per organization, the documents of the sales whose sale.created is being sent."""
    wanted: dict[str, set[str]] = {}
    for r in rows:
        if r.event_type == sources.SALE and r.resource.startswith(sources.SALE_RESOURCE):
            wanted.setdefault(r.org_id, set()).add(r.resource.removeprefix(sources.SALE_RESOURCE))
    return {org: sources.sale_documents(session, org, ids) for org, ids in wanted.items()}


def retry_delay_s(attempts: int, rng: Callable[[], float]) -> float:
    """Seconds to wait after the ``attempts``-th failed attempt, with jitter."""
    base = RETRY_DELAYS_S[min(attempts, len(RETRY_DELAYS_S)) - 1]
    return base * (0.8 + 0.4 * rng())


def record(
    session: Session,
    results: Sequence[tuple[Claimed, Attempt]],
    now: datetime,
    rng: Callable[[], float],
) -> list[str]:
    """Record each attempt while its lease is still the claimer's; the caller commits.
    Returns the endpoints disabled now (a delivery that failed for 3 days).

    The outcomes are written before the head-changing lock is taken, so the lock is held only
    for deciding heads (``order.promote``). That is safe: a dispatch holding the lock meanwhile
    sees these heads still unsent and makes its new deliveries of their resources wait; it
    commits before ``promote`` here can read, and ``promote`` then finds them."""
    rows = []
    dead: dict[tuple[str, str], Attempt] = {}
    back: set[tuple[str, str]] = set()
    done: set[order.Group] = set()
    for c, attempt in results:
        row = _outcome(c, attempt, now, rng)
        rows.append(row)
        if row["s"] in ("delivered", "dead"):
            done.add((c.org_id, c.endpoint_id, c.resource))
        if row["s"] == "dead":
            dead[(c.org_id, c.endpoint_id)] = attempt
        elif attempt.ok and c.attempts > 1:
            back.add((c.org_id, c.endpoint_id))
    if rows:
        _write_outcomes(session, rows)
    order.serialize(session)
    order.promote(session, done, now)
    for org_id, endpoint_id in sorted(back):
        hurry(session, org_id, endpoint_id, now)
    return [_disable(session, key, attempt, now) for key, attempt in sorted(dead.items())]


def _write_outcomes(session: Session, rows: list[dict[str, Any]]) -> None:
    """Each attempt's outcome, where the lease is still the claimer's: on PostgreSQL one
    statement over one JSON parameter (an executemany ran one UPDATE per delivery)."""
    if _postgres(session):
        document = json.dumps(
            [{**r, "n": r["n"].isoformat(), "w": r["w"] and r["w"].isoformat()} for r in rows],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        session.execute(_RECORD_PG, {"rows": document})
        return
    d = _DELIVERIES
    session.execute(
        update(d)
        .where(
            d.c.org_id == bindparam("o"),
            d.c.endpoint_id == bindparam("p"),
            d.c.event_id == bindparam("e"),
            d.c.lease_token == bindparam("t"),
        )
        .values(
            status=bindparam("s"),
            next_attempt_at=bindparam("n"),
            lease_token=None,
            last_status_code=bindparam("c"),
            last_latency_ms=bindparam("l"),
            last_error=bindparam("r"),
            response_excerpt=bindparam("x"),
            delivered_at=bindparam("w"),
        ),
        rows,
    )


def _outcome(
    c: Claimed, attempt: Attempt, now: datetime, rng: Callable[[], float]
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "o": c.org_id,
        "p": c.endpoint_id,
        "e": c.event_id,
        "t": c.lease_token,
        "c": attempt.status_code,
        "l": attempt.latency_ms,
        "r": attempt.error,
        "x": attempt.excerpt[:EXCERPT_CHARS] if attempt.excerpt else None,
        "w": None,
        "n": now,
    }
    if attempt.ok:
        row.update(s="delivered", w=now)
    elif now >= c.give_up_at:
        row.update(s="dead")
    else:
        wait = timedelta(seconds=retry_delay_s(c.attempts, rng))
        row.update(s="failed", n=min(now + wait, c.give_up_at))
    return row


def hurry(session: Session, org_id: str, endpoint_id: str, now: datetime) -> None:
    """The endpoint answers again: its failed deliveries waiting for a retry are due now, so a
    receiver that was down gets its backlog at once, not hours later."""
    d = _DELIVERIES
    session.execute(
        update(d)
        .where(
            d.c.org_id == org_id,
            d.c.endpoint_id == endpoint_id,
            text("webhook_deliveries.status IN ('pending', 'failed')"),
            d.c.status == "failed",
            d.c.lease_token.is_(None),
            d.c.next_attempt_at > _NOW,
            d.c.next_attempt_at < order.WAITING,
        )
        .values(next_attempt_at=_NOW),
        {"now": now},
    )


def _disable(session: Session, key: tuple[str, str], attempt: Attempt, now: datetime) -> str:
    org_id, endpoint_id = key
    last = f"HTTP {attempt.status_code}" if attempt.status_code else (attempt.error or "?")
    session.execute(
        update(_ENDPOINTS)
        .where(
            _ENDPOINTS.c.org_id == org_id,
            _ENDPOINTS.c.endpoint_id == endpoint_id,
            _ENDPOINTS.c.enabled.is_(True),
        )
        .values(
            enabled=False,
            disabled_at=now,
            disabled_reason=f"failing: deliveries failed for 3 days; last: {last}"[:300],
            updated_at=now,
        )
    )
    forget(org_id)
    return endpoint_id
