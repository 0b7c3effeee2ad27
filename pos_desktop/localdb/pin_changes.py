"""PIN changes made on this till, on their way to the cloud.

A member who changes their PIN here gets a new argon2id verifier computed here; the plaintext
PIN never leaves the till. The change is recorded as a ``pin_change`` journal entry (the change
id and the member's cloud id, never the verifier) in the transaction that stores the verifier,
and that entry is what queues it: the relay sends, in journal order, every ``pin_change`` entry
after the named counter ``pin_changes.sent_seq``, each with the member's current verifier, to
``POST /v1/sync/staff-pins``, where the change id makes a resent change a no-op.

Why the journal and not the document outbox (``doc_outbox``): that table's ``kind`` column is
limited by a CHECK constraint to refunds and shift reports, and this change ships without a
migration. The journal is written in the same transaction, is never rewritten, and is already
read in sequence order by the relay, so it carries the queue just as durably.

Until the cloud has answered for a member's change, a feed page does not overwrite that
member's local verifier (``pending_staff_ids``): the page may have been written before the
change arrived there.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from pos_desktop.localdb import journal

log = logging.getLogger(__name__)

PIN_CHANGE = "pin_change"
"""The journal kind of a PIN change."""
SENT_COUNTER = "pin_changes.sent_seq"
"""Named counter: the journal sequence number up to which PIN changes have been answered."""

_PENDING = text(
    "SELECT j.seq, json_extract(j.data, '$.change_id'), j.at, u.cloud_id, u.pin_hash"
    " FROM journal AS j JOIN users AS u ON u.cloud_id = json_extract(j.data, '$.staff_id')"
    " WHERE j.kind = 'pin_change' AND j.seq > :after AND j.seq <= :high"
    " ORDER BY j.seq LIMIT :limit"
)
_PENDING_STAFF = text(
    "SELECT DISTINCT json_extract(data, '$.staff_id') FROM journal"
    " WHERE kind = 'pin_change' AND seq > :after AND json_extract(data, '$.staff_id') IS NOT NULL"
)
_ADVANCE = text("UPDATE counters SET last_no = max(last_no, :seq) WHERE name = :name")
_FIRST = text("INSERT INTO counters (name, last_no) VALUES (:name, :seq)")


@dataclass(frozen=True, slots=True)
class PendingPinChange:
    seq: int
    """The journal entry that recorded the change."""
    change_id: str
    document: str
    """``{id, staff_id, pin_verifier, changed_at}`` as the cloud takes it."""


def record(session: Session, *, actor: str, cloud_id: str | None, at: datetime) -> str:
    """Journal a PIN change (the caller's write transaction, which also stores the verifier).

    A member with no cloud id (made on this till) has nothing to send: the entry is the record.
    """
    change_id = str(uuid.uuid4())
    journal.append(
        session, PIN_CHANGE, at=at, actor=actor, data={"change_id": change_id, "staff_id": cloud_id}
    )
    return change_id


def sent_seq(session: Session) -> int:
    return journal.peek_counter(session, SENT_COUNTER)


def outgoing(session: Session, limit: int) -> tuple[list[PendingPinChange], int]:
    """Changes not yet answered, oldest first, and the journal's last sequence number.

    Read in one snapshot: when nothing is pending, every entry up to that number has been looked
    at, so ``mark_sent`` may move past it and later rounds do not scan the journal again.
    """
    high = journal.last_seq(session)
    rows = session.execute(
        _PENDING, {"after": sent_seq(session), "high": high, "limit": limit}
    ).all()
    changes = [
        PendingPinChange(
            seq=int(seq),
            change_id=str(change_id),
            document=json.dumps(
                {
                    "id": str(change_id),
                    "staff_id": str(staff_id),
                    "pin_verifier": str(verifier),
                    "changed_at": str(at),
                },
                separators=(",", ":"),
            ),
        )
        for seq, change_id, at, staff_id, verifier in rows
    ]
    return changes, high


def mark_sent(session: Session, seq: int) -> None:
    """Everything up to journal entry ``seq`` is answered (the caller's write transaction)."""
    if session.execute(_ADVANCE, {"seq": seq, "name": SENT_COUNTER}).rowcount == 0:  # type: ignore[attr-defined]
        session.execute(_FIRST, {"seq": seq, "name": SENT_COUNTER})


def pending_staff_ids(session: Session) -> set[str]:
    """Cloud ids of members whose PIN change here the cloud has not answered yet."""
    rows = session.execute(_PENDING_STAFF, {"after": sent_seq(session)}).scalars()
    return {str(r) for r in rows}
