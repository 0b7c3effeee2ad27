"""Refunds, shift reports and PIN changes waiting for the cloud: the outbox for documents that
are not sales.

Same rules as the sales outbox (``outbox.py``): a row is written in the transaction that stores
its document, leaves ``pending`` only on the server's word about that exact document, and is
never deleted. A refund's or a shift report's document lives in its own table; the relay reads
it from there as stored, so what the cloud receives is what was printed. A PIN change has no
table of its own (see ``pin_changes``), so its row carries its document (``document``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from pos_desktop.domain.sync_messages import Ack
from pos_desktop.localdb.models import DocOutboxRow, OutboxStatus
from pos_desktop.localdb.outbox import AckReport, settle_answers

log = logging.getLogger(__name__)

REFUND = "refund"
SHIFT_REPORT = "shift_report"
STAFF_PIN = "staff_pin"
KINDS = (REFUND, SHIFT_REPORT, STAFF_PIN)
"""In the order the relay sends them: refunds and Z reports after the sales they refer to."""
CARRIED = frozenset({STAFF_PIN})
"""Kinds whose outbox row holds the document itself."""

_DOCUMENT_SQL = {
    REFUND: "SELECT o.id, o.doc_id, d.document FROM doc_outbox AS o"
    " JOIN refunds AS d ON d.refund_id = o.doc_id"
    " WHERE o.kind = 'refund' AND o.status = 'pending' AND o.id > :after"
    " ORDER BY o.id LIMIT :limit",
    SHIFT_REPORT: "SELECT o.id, o.doc_id, d.document FROM doc_outbox AS o"
    " JOIN shift_reports AS d ON d.report_id = o.doc_id"
    " WHERE o.kind = 'shift_report' AND o.status = 'pending' AND o.id > :after"
    " ORDER BY o.id LIMIT :limit",
    STAFF_PIN: "SELECT o.id, o.doc_id, o.document FROM doc_outbox AS o"
    " WHERE o.kind = 'staff_pin' AND o.status = 'pending' AND o.id > :after"
    " ORDER BY o.id LIMIT :limit",
}
_SETTLE = text(
    "UPDATE doc_outbox SET status = :status, acked_at = :now, ack_status = :ack,"
    " ack_flags = :flags, last_error = :reason, attempts = attempts + 1"
    " WHERE id = :id AND status = 'pending'"
)
_UNANSWERED = text(
    "UPDATE doc_outbox SET attempts = attempts + 1, last_error = :error"
    " WHERE id = :id AND status = 'pending'"
)


@dataclass(frozen=True, slots=True)
class PendingDocument:
    outbox_id: int
    doc_id: str
    document: str


def enqueue(
    session: Session, kind: str, doc_id: str, now: datetime, document: str | None = None
) -> None:
    """Queue document ``doc_id`` of ``kind`` for the cloud (the caller's write transaction).

    ``document`` is the JSON sent, for the kinds in ``CARRIED`` only (the others are read from
    their own tables).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    if (document is not None) != (kind in CARRIED):
        need = "needs a" if kind in CARRIED else "takes no"
        raise ValueError(f"a {kind} outbox row {need} document")
    session.execute(
        insert(DocOutboxRow).values(
            kind=kind,
            doc_id=doc_id,
            created_at=now,
            status=OutboxStatus.PENDING,
            attempts=0,
            document=document,
        )
    )


def pending(session: Session, kind: str, limit: int, after_id: int = 0) -> list[PendingDocument]:
    rows = session.execute(text(_DOCUMENT_SQL[kind]), {"after": after_id, "limit": limit}).all()
    return [PendingDocument(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def pending_count(session: Session) -> int:
    return int(
        session.execute(
            text("SELECT count(*) FROM doc_outbox WHERE status = 'pending'")
        ).scalar_one()
    )


def record_acks(
    session: Session, batch: Sequence[PendingDocument], acks: Sequence[Ack], now: datetime
) -> AckReport:
    """Apply one batch's answers (the caller's write transaction); see ``settle_answers``."""
    result = settle_answers([(d.outbox_id, d.doc_id) for d in batch], acks, now, "document")
    if result.settle:
        session.execute(_SETTLE, result.settle)
    if result.unanswered:
        session.execute(_UNANSWERED, result.unanswered)
    return result.report


def record_failed_attempt(session: Session, batch: Sequence[PendingDocument], error: str) -> None:
    if batch:
        session.execute(_UNANSWERED, [{"id": d.outbox_id, "error": error[:500]} for d in batch])
