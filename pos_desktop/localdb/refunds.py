"""Refunds on the till: finding the original sale, what was already returned, and the commit.

A refund commits in ONE write transaction (``BEGIN IMMEDIATE``): the refund counter is bumped,
this till's earlier refunds of the sale are read again under the write lock and handed to the
caller's ``make`` (which checks "never more than sold" against them), then the refund, its lines,
its journal entry and its outbox row are inserted. If anything fails, everything rolls back, the
counter included, so refund numbers stay gap-free and two refunds of the same sale on this till
can never both pass the check.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.permissions import Approval
from pos_desktop.domain.refund import RefundRecord, receipt_from_scan
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.localdb import doc_outbox
from pos_desktop.localdb.journal import append, bump_counter
from pos_desktop.localdb.models import RefundLineRow, RefundRow, SaleRow
from pos_desktop.localdb.sales import MILLI, quantity_milli, till_identity
from pos_desktop.localdb.transactions import read_session, write_session

log = logging.getLogger(__name__)

COUNTER = "refund"

_OPEN_SHIFT = text("SELECT shift_id FROM shifts WHERE closed_at IS NULL LIMIT 1")

RefundMaker = Callable[[str, Sequence[RefundRecord]], RefundRecord]
"""``make(refund_no, this till's earlier refunds of the sale) -> RefundRecord``."""


def format_refund_no(store_code: str, till_code: str, counter: int) -> str:
    """``S01-T01-R000001``: like a receipt number, with R so the two never collide."""
    return f"{store_code}-{till_code}-R{counter:06d}"


def sale_by_receipt(session: Session, receipt_no: str) -> SaleRecord | None:
    document = session.scalar(
        select(SaleRow.document).where(SaleRow.receipt_no == receipt_from_scan(receipt_no))
    )
    return None if document is None else SaleRecord.from_json(json.loads(document))


def refunds_of(session: Session, sale_id: str) -> list[RefundRecord]:
    """This till's refunds of ``sale_id``, oldest first."""
    documents = session.scalars(
        select(RefundRow.document)
        .where(RefundRow.original_sale_id == sale_id)
        .order_by(RefundRow.refund_seq)
    ).all()
    return [RefundRecord.from_json(json.loads(doc)) for doc in documents]


def refunded_quantities(session: Session, sale_id: str) -> dict[int, Decimal]:
    """Quantity this till already returned per original line (refund_lines join refunds)."""
    rows = session.execute(
        select(RefundLineRow.line_no, RefundLineRow.quantity_milli)
        .join(RefundRow, RefundRow.refund_id == RefundLineRow.refund_id)
        .where(RefundRow.original_sale_id == sale_id)
    ).all()
    done: dict[int, Decimal] = {}
    for line_no, milli in rows:
        done[int(line_no)] = done.get(int(line_no), Decimal(0)) + Decimal(int(milli)) / MILLI
    return done


def _journal_data(refund: RefundRecord, approval: Approval | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "refund_id": refund.refund_id,
        "refund_no": refund.refund_no,
        "original_sale_id": refund.original_sale_id,
        "original_receipt_no": refund.original_receipt_no,
        "total": refund.total,
        "reason": refund.reason,
        "lines": [
            {"line_no": ln.line_no, "quantity": str(ln.quantity), "amount": ln.amount}
            for ln in refund.lines
        ],
        "tenders": [{"kind": t.kind.value, "amount": t.amount} for t in refund.tenders],
    }
    if approval is not None:
        data["approval"] = approval.to_json()
    return data


def insert_refund(
    session: Session, refund: RefundRecord, seq: int, approval: Approval | None, now: datetime
) -> None:
    """Refund, lines, journal entry and outbox row (the caller's write transaction)."""
    document = json.dumps(refund.to_json(), ensure_ascii=False, separators=(",", ":"))
    shift_id = session.execute(_OPEN_SHIFT).scalar_one_or_none()
    conn = session.connection()
    conn.execute(
        insert(RefundRow),
        [
            {
                "refund_id": refund.refund_id,
                "refund_no": refund.refund_no,
                "refund_seq": seq,
                "original_sale_id": refund.original_sale_id,
                "original_receipt_no": refund.original_receipt_no,
                "refunded_at": refund.refunded_at,
                "cashier_code": refund.cashier_code,
                "approver_code": refund.approver_code,
                "total": refund.total,
                "shift_id": shift_id,
                "document": document,
            }
        ],
    )
    conn.execute(
        insert(RefundLineRow),
        [
            {
                "refund_id": refund.refund_id,
                "line_no": ln.line_no,
                "quantity_milli": quantity_milli(ln.quantity),
                "amount": ln.amount,
            }
            for ln in refund.lines
        ],
    )
    append(
        session,
        JournalKind.REFUND,
        at=refund.refunded_at,
        actor=refund.cashier_code,
        approver=refund.approver_code,
        data=_journal_data(refund, approval),
    )
    doc_outbox.enqueue(session, doc_outbox.REFUND, refund.refund_id, now)


class SqlRefundStore:
    """Refund storage on the local database; call from the database worker thread only."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock or (lambda: datetime.now(UTC))

    def sale_by_receipt(self, receipt_or_qr: str) -> SaleRecord | None:
        with read_session(self._sessions, "refund sale lookup") as session:
            return sale_by_receipt(session, receipt_or_qr)

    def refunds_of(self, sale_id: str) -> list[RefundRecord]:
        with read_session(self._sessions, "refunds of sale") as session:
            return refunds_of(session, sale_id)

    def till_identity(self) -> tuple[str, str]:
        with read_session(self._sessions, "till identity") as session:
            return till_identity(session)

    def commit_refund(
        self, sale_id: str, make: RefundMaker, approval: Approval | None = None
    ) -> RefundRecord:
        """Number, check and store the refund ``make`` builds, all in one transaction."""
        with write_session(self._sessions, "refund commit") as session:
            store_code, till_code = till_identity(session)
            earlier = refunds_of(session, sale_id)
            seq = bump_counter(session, COUNTER)
            refund_no = format_refund_no(store_code, till_code, seq)
            refund = make(refund_no, earlier)
            if refund.refund_no != refund_no:
                raise ValueError(f"refund carries {refund.refund_no!r}, expected {refund_no!r}")
            if refund.original_sale_id != sale_id:
                raise ValueError(f"refund is for sale {refund.original_sale_id}, not {sale_id}")
            if (refund.store_code, refund.till_code) != (store_code, till_code):
                raise ValueError(
                    f"refund is for {refund.store_code}/{refund.till_code}, "
                    f"this till is {store_code}/{till_code}"
                )
            insert_refund(session, refund, seq, approval, self._clock())
        log.info(
            "refund %s of %s committed as %s, total %d",
            refund.refund_id,
            refund.original_receipt_no,
            refund.refund_no,
            refund.total,
        )
        return refund
