"""PIN changes made on this till, on their way to the cloud.

A member who changes their PIN here gets a new argon2id verifier computed here; the plaintext
PIN never leaves the till. The transaction that stores the verifier on the user row also writes
a ``pin_change`` journal entry (the change id and the member's cloud id, never the verifier) and,
for a member from the cloud, a ``staff_pin`` row in the document outbox (``doc_outbox``) holding
the document the cloud takes: ``{id, staff_id, pin_verifier, changed_at}``. The relay sends it
with the other documents to ``POST /v1/sync/staff-pins``, where the change id makes a resent
change a no-op, and settles it on the cloud's answer like a refund.

The outbox row carries the verifier as it was made, so two changes made offline go up in order,
each as it was. Until the cloud has answered for a member's change, a feed page does not
overwrite that member's local verifier (``pending_staff_ids``): the page may have been written
before the change arrived there.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from pos_desktop.domain.journal import JournalKind
from pos_desktop.localdb import doc_outbox, journal

log = logging.getLogger(__name__)

_PENDING_STAFF = text(
    "SELECT DISTINCT json_extract(document, '$.staff_id') FROM doc_outbox"
    " WHERE kind = 'staff_pin' AND status = 'pending'"
)


def record(
    session: Session, *, actor: str, cloud_id: str | None, verifier: str, at: datetime
) -> str:
    """Journal a PIN change and queue it for the cloud (the caller's write transaction, which
    also stores ``verifier``); returns the change id.

    A member with no cloud id (made on this till) has nothing to send: the entry is the record.
    """
    change_id = str(uuid.uuid4())
    entry = journal.append(
        session,
        JournalKind.PIN_CHANGE,
        at=at,
        actor=actor,
        data={"change_id": change_id, "staff_id": cloud_id},
    )
    if cloud_id is not None:
        document = json.dumps(
            {
                "id": change_id,
                "staff_id": cloud_id,
                "pin_verifier": verifier,
                "changed_at": entry.at,
            },
            separators=(",", ":"),
        )
        doc_outbox.enqueue(session, doc_outbox.STAFF_PIN, change_id, at, document)
    return change_id


def pending_staff_ids(session: Session) -> set[str]:
    """Cloud ids of members whose PIN change here the cloud has not answered yet."""
    return {str(r) for r in session.execute(_PENDING_STAFF).scalars() if r is not None}
