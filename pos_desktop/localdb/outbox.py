"""The outbox as the sync relay sees it: pending sales out, the server's answers in.

A row leaves ``pending`` only on the server's word about that exact sale: ``accepted`` or
``duplicate`` make it ``done`` (stored in the cloud, once); ``conflict`` or ``rejected`` make it
``failed``, the "needs attention" list, with the server's reason in ``last_error``. Nothing is
ever deleted here, and a batch whose answer was lost stays pending and is simply sent again (the
server's idempotency key is the sale id).

Reads are deferred transactions (they never wait for the sale writer); each batch's answers are
written in one short ``BEGIN IMMEDIATE`` transaction of a few hundred indexed updates, so a sale
commit on the UI's database thread waits milliseconds at most.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from pos_desktop.domain.sync_messages import Ack
from pos_desktop.localdb.models import OutboxStatus

log = logging.getLogger(__name__)

ACKNOWLEDGED = frozenset({"accepted", "duplicate"})
REFUSED = frozenset({"conflict", "rejected"})


@dataclass(frozen=True, slots=True)
class PendingSale:
    outbox_id: int
    sale_id: str
    document: str
    """The sale's JSON document exactly as stored (and printed): sent as is."""


@dataclass(frozen=True, slots=True)
class QueueStats:
    pending: int
    oldest_pending_at: datetime | None
    needs_attention: int


@dataclass(frozen=True, slots=True)
class AckReport:
    done: int
    needs_attention: int
    unanswered: int


@dataclass(frozen=True, slots=True)
class AttentionItem:
    sale_id: str
    receipt_no: str
    sold_at: datetime
    total: int
    status: str
    reason: str


_PENDING = text(
    "SELECT o.id, o.sale_id, s.document FROM outbox AS o JOIN sales AS s ON s.sale_id = o.sale_id"
    " WHERE o.status = 'pending' AND o.id > :after ORDER BY o.id LIMIT :limit"
)
_STATS = text(
    "SELECT count(*), min(created_at) FROM outbox WHERE status = 'pending'"
    " UNION ALL SELECT count(*), NULL FROM outbox WHERE status = 'failed'"
)
_SETTLE = text(
    "UPDATE outbox SET status = :status, acked_at = :now, ack_status = :ack, ack_flags = :flags,"
    " last_error = :reason, attempts = attempts + 1 WHERE id = :id AND status = 'pending'"
)
_UNANSWERED = text(
    "UPDATE outbox SET attempts = attempts + 1, last_error = :error"
    " WHERE id = :id AND status = 'pending'"
)


def pending_batch(session: Session, limit: int, after_id: int = 0) -> list[PendingSale]:
    """The oldest pending sales (outbox order), at most ``limit``."""
    rows = session.execute(_PENDING, {"after": after_id, "limit": limit}).all()
    return [PendingSale(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def queue_stats(session: Session) -> QueueStats:
    pending_row, failed_row = session.execute(_STATS).all()
    oldest = pending_row[1]
    return QueueStats(
        pending=int(pending_row[0]),
        oldest_pending_at=None if oldest is None else datetime.fromisoformat(str(oldest)),
        needs_attention=int(failed_row[0]),
    )


@dataclass(frozen=True, slots=True)
class Settlement:
    """One batch's answers sorted into outbox row updates (shared by both outboxes)."""

    settle: list[dict[str, object]]
    unanswered: list[dict[str, object]]
    report: AckReport


def settle_answers(
    items: Sequence[tuple[int, str]], acks: Sequence[Ack], now: datetime, what: str = "sale"
) -> Settlement:
    """Pair (outbox id, document id) with the server's answers, in order.

    The n-th answer belongs to the n-th document sent; an answer that names another document
    acknowledges nothing (it is logged and the document stays pending), so a confused server can
    never mark a document done that it did not store.
    """
    from pos_desktop.localdb.models import utc_text

    if len(acks) != len(items):
        raise ValueError(f"{len(acks)} answers for {len(items)} {what}s")
    settle: list[dict[str, object]] = []
    unanswered: list[dict[str, object]] = []
    done = refused = 0
    stamp = utc_text(now)
    for (outbox_id, doc_id), ack in zip(items, acks, strict=True):
        if ack.sale_id != doc_id:
            log.error("answer for %r came back in the place of %s %s", ack.sale_id, what, doc_id)
            unanswered.append({"id": outbox_id, "error": f"the server answered another {what}"})
            continue
        if ack.status in ACKNOWLEDGED:
            status, reason = OutboxStatus.DONE, None
            done += 1
        elif ack.status in REFUSED:
            status, reason = OutboxStatus.FAILED, ack.reason or ack.status
            refused += 1
            log.warning("%s %s needs attention: %s (%s)", what, doc_id, ack.status, reason)
        else:
            unanswered.append({"id": outbox_id, "error": f"unknown answer {ack.status!r}"})
            continue
        settle.append(
            {
                "id": outbox_id,
                "status": status,
                "now": stamp,
                "ack": ack.status,
                "flags": json.dumps(list(ack.flags)) if ack.flags else None,
                "reason": reason,
            }
        )
    report = AckReport(done=done, needs_attention=refused, unanswered=len(unanswered))
    return Settlement(settle, unanswered, report)


def record_acks(
    session: Session, batch: Sequence[PendingSale], acks: Sequence[Ack], now: datetime
) -> AckReport:
    """Apply one batch's answers (the caller's write transaction); see ``settle_answers``."""
    result = settle_answers([(s.outbox_id, s.sale_id) for s in batch], acks, now)
    if result.settle:
        session.execute(_SETTLE, result.settle)
    if result.unanswered:
        session.execute(_UNANSWERED, result.unanswered)
    return result.report


def record_failed_attempt(session: Session, batch: Sequence[PendingSale], error: str) -> None:
    """Count a send that got no usable answer; the sales stay pending."""
    if batch:
        session.execute(
            _UNANSWERED, [{"id": sale.outbox_id, "error": error[:500]} for sale in batch]
        )


def needs_attention(session: Session, limit: int = 200) -> list[AttentionItem]:
    rows = session.execute(
        text(
            "SELECT s.sale_id, s.receipt_no, s.sold_at, s.total, o.ack_status, o.last_error"
            " FROM outbox AS o JOIN sales AS s ON s.sale_id = o.sale_id"
            " WHERE o.status = 'failed' ORDER BY o.id LIMIT :limit"
        ),
        {"limit": limit},
    ).all()
    return [
        AttentionItem(
            sale_id=str(r[0]),
            receipt_no=str(r[1]),
            sold_at=datetime.fromisoformat(str(r[2])),
            total=int(r[3]),
            status=str(r[4] or ""),
            reason=str(r[5] or ""),
        )
        for r in rows
    ]


def retry_needs_attention(session: Session, sale_ids: Sequence[str] | None = None) -> int:
    """Put refused sales back in the queue (after the cause was fixed in the cloud)."""
    if sale_ids is None:
        result = session.execute(
            text("UPDATE outbox SET status = 'pending', ack_status = NULL WHERE status = 'failed'")
        )
    else:
        result = session.execute(
            text(
                "UPDATE outbox SET status = 'pending', ack_status = NULL"
                " WHERE status = 'failed' AND sale_id = :sale_id"
            ),
            [{"sale_id": s} for s in sale_ids],
        )
    return int(result.rowcount)  # type: ignore[attr-defined]
