"""Sending again what the cloud acknowledged and then lost (it was restored from a backup).

The till marks a sale ``done`` on the cloud's word and never sends it again; the journal's
``synced_seq`` does the same for audit entries. When the cloud's operator restores its database
from last night's backup, everything acknowledged since that backup is gone there but ``done``
here. The cloud's counters for this till (its highest receipt number and journal sequence,
``GET /v1/devices/me/counters``) then fall behind what this till knows it delivered:

- the newest ``done`` sale has a receipt number past the cloud's highest, or
- ``synced_seq`` is past the cloud's highest journal sequence.

Either one means loss. The repair puts back to ``pending`` every ``done`` sale numbered after the
cloud's highest receipt (all of them when the cloud has none), every ``done`` refund, shift
report and PIN change acknowledged since a moment before the newest sale the cloud still holds
was acknowledged, and moves ``synced_seq`` back to the cloud's sequence. The relay then sends them
as usual; whatever the cloud did keep answers ``duplicate`` (the ids are the idempotency keys),
so sending too much is harmless and sending too little is not.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text, update
from sqlalchemy.orm import Session

from pos_desktop.domain.receipt_no import ReceiptMark, parse_receipt_no
from pos_desktop.localdb import journal
from pos_desktop.localdb.models import JournalMetaRow, utc_text
from pos_desktop.localdb.numbering import CloudMarks
from pos_desktop.localdb.sales import numbering

log = logging.getLogger(__name__)

DOCUMENT_MARGIN = timedelta(hours=1)
"""Documents acknowledged this long before the cloud's newest sale are sent again too: the till's
clock may have stepped back since, and a duplicate costs nothing."""

_NEWEST_DONE = text(
    "SELECT s.receipt_no FROM outbox AS o JOIN sales AS s ON s.sale_id = o.sale_id"
    " WHERE o.status = 'done' ORDER BY o.id DESC LIMIT 1"
)
_DONE_SALES = text(
    "SELECT o.id, s.receipt_no FROM outbox AS o JOIN sales AS s ON s.sale_id = o.sale_id"
    " WHERE o.status = 'done'"
)
_ACKED_AT = text(
    "SELECT o.acked_at FROM outbox AS o JOIN sales AS s ON s.sale_id = o.sale_id"
    " WHERE s.receipt_no = :no AND o.status = 'done'"
)
_REQUEUE_SALE = text(
    "UPDATE outbox SET status = 'pending', ack_status = NULL, ack_flags = NULL,"
    " last_error = :why WHERE id = :id AND status = 'done'"
)
_REQUEUE_DOCS = text(
    "UPDATE doc_outbox SET status = 'pending', ack_status = NULL, ack_flags = NULL,"
    " last_error = :why WHERE status = 'done' AND acked_at >= :since"
)
_REQUEUE_ALL_DOCS = text(
    "UPDATE doc_outbox SET status = 'pending', ack_status = NULL, ack_flags = NULL,"
    " last_error = :why WHERE status = 'done'"
)
WHY = "sent again: the cloud no longer had it (restored from a backup)"


@dataclass(frozen=True, slots=True)
class Requeued:
    sales: int
    documents: int
    journal_from: int
    """``synced_seq`` after the repair: journal entries after it go again."""


def _mark(session: Session, number: str | None) -> ReceiptMark | None:
    if number is None:
        return None
    store_code, till_code, _ = numbering(session)
    return parse_receipt_no(number, store_code, till_code)


def cloud_lost(session: Session, cloud: CloudMarks) -> bool:
    """Whether the cloud holds less of this till than the till knows it delivered."""
    cloud_seq = cloud.last_journal_seq or 0
    if journal.synced_seq(session) > cloud_seq:
        return True
    newest = session.execute(_NEWEST_DONE).scalar_one_or_none()
    mine = _mark(session, None if newest is None else str(newest))
    if mine is None:
        return False
    theirs = _mark(session, cloud.last_receipt_no)
    return theirs is None or mine > theirs


def requeue(session: Session, cloud: CloudMarks) -> Requeued:
    """Put back what the cloud lost (the caller's write transaction); see the module."""
    theirs = _mark(session, cloud.last_receipt_no)
    store_code, till_code, _ = numbering(session)
    again = []
    for outbox_id, number in session.execute(_DONE_SALES).all():
        mine = parse_receipt_no(str(number), store_code, till_code)
        if theirs is None or mine is None or mine > theirs:
            again.append({"id": int(outbox_id), "why": WHY})
    if again:
        session.execute(_REQUEUE_SALE, again)
    since = None
    if cloud.last_receipt_no is not None:
        since = session.execute(_ACKED_AT, {"no": cloud.last_receipt_no}).scalar_one_or_none()
    if since is None:
        documents = session.execute(_REQUEUE_ALL_DOCS, {"why": WHY}).rowcount  # type: ignore[attr-defined]
    else:
        start = datetime.fromisoformat(str(since)) - DOCUMENT_MARGIN
        documents = session.execute(  # type: ignore[attr-defined]
            _REQUEUE_DOCS, {"why": WHY, "since": utc_text(start)}
        ).rowcount
    cloud_seq = cloud.last_journal_seq or 0
    journal_from = min(journal.synced_seq(session), cloud_seq)
    session.execute(
        update(JournalMetaRow)
        .where(JournalMetaRow.id == journal.META_ID, JournalMetaRow.synced_seq > cloud_seq)
        .values(synced_seq=cloud_seq)
    )
    done = Requeued(len(again), int(documents), journal_from)
    log.warning(
        "the cloud lost what this till had sent (restored from a backup?): sending again %d "
        "sales, %d documents and the journal after entry %d",
        done.sales,
        done.documents,
        done.journal_from,
    )
    return done
