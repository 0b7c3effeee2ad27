"""How far a till's numbering got, as the cloud saw it: a restored till asks before it sells.

A till restored from a backup has counters from the day the backup was taken. The receipts and
journal entries it issued after that may be gone from the till but are here, so the till moves
its counters past these (``pos_desktop.localdb.numbering``) and never issues a number twice.
Receipt numbers of one length sort like their counters (``domain.receipt_no``), so the highest
per length, read through the ``(org, store, till, receipt_no)`` index, is all there is to parse.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_desktop.domain.receipt_no import highest, parse_receipt_no
from server_stub.models import JournalEntryRow, SaleRow, Store


def last_receipt_no(session: Session, org_id: str, store: Store, till_code: str) -> str | None:
    """This till's receipt number issued last (latest series, highest counter), if any."""
    rows = session.execute(
        select(func.max(SaleRow.receipt_no))
        .where(
            SaleRow.org_id == org_id,
            SaleRow.store_id == store.store_id,
            SaleRow.till_code == till_code,
        )
        .group_by(func.length(SaleRow.receipt_no))
    ).scalars()
    marks = {}
    for number in rows:
        mark = parse_receipt_no(str(number), store.code, till_code)
        if mark is not None:
            marks[mark] = str(number)
    top = highest(list(marks))
    return None if top is None else marks[top]


def last_journal_seq(session: Session, org_id: str, store: Store, till_code: str) -> int | None:
    """The highest journal sequence number this till sent, under any of its journal ids."""
    value = session.execute(
        select(func.max(JournalEntryRow.seq)).where(
            JournalEntryRow.org_id == org_id,
            JournalEntryRow.store_id == store.store_id,
            JournalEntryRow.till_code == till_code,
        )
    ).scalar_one_or_none()
    return None if value is None else int(value)
