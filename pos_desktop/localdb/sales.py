"""The sales journal: committing a sale, all or nothing, with its receipt number and outbox row.

One ``BEGIN IMMEDIATE`` transaction per sale: bump the till's receipt counter (one counter per
receipt series, see ``domain.receipt_no``), let the caller build the ``SaleRecord`` with that
number, insert the sale, its lines, tenders, taxes and its
outbox row, commit. If anything fails (the caller's ``make``, a constraint, a full disk at
COMMIT) everything rolls back, the counter included, so receipt numbers stay gap-free and the
next attempt gets the same number. Taking the write lock up front serialises concurrent
committers on the counter instead of failing one of them on a lock upgrade.

Rows go in through Core ``INSERT``s (one executemany per table): the durable commit itself
(an fsync of the WAL) is the only slow part.
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

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.receipt_no import format_receipt_no
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.localdb import journal
from pos_desktop.localdb.models import (
    OutboxRow,
    OutboxStatus,
    SaleLineRow,
    SaleRow,
    SaleTaxRow,
    SaleTenderRow,
)
from pos_desktop.localdb.settings import SETTINGS_ID
from pos_desktop.localdb.transactions import read_session, write_session

log = logging.getLogger(__name__)

MILLI = Decimal(1000)

_BUMP_COUNTER = text(
    "UPDATE receipt_counters SET last_no = last_no + 1 WHERE till_code = :till RETURNING last_no"
)
_FIRST_COUNTER = text("INSERT INTO receipt_counters (till_code, last_no) VALUES (:till, 1)")
_NUMBERING = text("SELECT store_code, till_code, receipt_series FROM store_settings WHERE id = :id")


def quantity_milli(quantity: Decimal) -> int:
    """A quantity as integer thousandths; refuses more than three decimals rather than round."""
    scaled = quantity * MILLI
    if scaled != scaled.to_integral_value():
        raise ValueError(f"quantity {quantity} has more than three decimals")
    return int(scaled)


def till_identity(session: Session) -> tuple[str, str]:
    """This till's (store code, till code), as the receipt number carries them."""
    store_code, till_code, _ = numbering(session)
    return store_code, till_code


def numbering(session: Session) -> tuple[str, str, str]:
    """This till's (store code, till code, receipt series)."""
    row = session.execute(_NUMBERING, {"id": SETTINGS_ID}).first()
    if row is None:
        raise UserError("store.not_configured")
    return str(row.store_code), str(row.till_code), str(row.receipt_series or "")


def counter_key(till_code: str, series: str = "") -> str:
    """The ``receipt_counters`` row of one series: the till code itself for the first series
    (as before series existed), ``T01/B`` for series ``B``."""
    return f"{till_code}/{series}" if series else till_code


def next_counter(session: Session, till_code: str, series: str = "") -> int:
    """Bump and return the till's receipt counter inside the caller's write transaction."""
    key = counter_key(till_code, series)
    bumped = session.execute(_BUMP_COUNTER, {"till": key}).scalar_one_or_none()
    if bumped is not None:
        return int(bumped)
    session.execute(_FIRST_COUNTER, {"till": key})
    return 1


def peek_counter(session: Session, till_code: str, series: str = "") -> int:
    """The last receipt counter used by ``till_code`` in ``series`` (0 before its first sale)."""
    value = session.execute(
        text("SELECT last_no FROM receipt_counters WHERE till_code = :till"),
        {"till": counter_key(till_code, series)},
    ).scalar_one_or_none()
    return int(value or 0)


def raise_counter(session: Session, till_code: str, series: str, at_least: int) -> int:
    """Move the series' counter up to ``at_least`` (never down); returns the counter now."""
    key = counter_key(till_code, series)
    session.execute(
        text(
            "INSERT INTO receipt_counters (till_code, last_no) VALUES (:till, :n)"
            " ON CONFLICT (till_code) DO UPDATE SET last_no = max(last_no, excluded.last_no)"
        ),
        {"till": key, "n": at_least},
    )
    return peek_counter(session, till_code, series)


_OPEN_SHIFT = text("SELECT shift_id FROM shifts WHERE till_code = :till AND closed_at IS NULL")


def open_shift_id(session: Session, till_code: str) -> str | None:
    """The till's open cash shift, if any (sales and refunds are booked to it)."""
    value = session.execute(_OPEN_SHIFT, {"till": till_code}).scalar_one_or_none()
    return None if value is None else str(value)


def _journal_data(sale: SaleRecord) -> dict[str, Any]:
    return {
        "sale_id": sale.sale_id,
        "receipt_no": sale.receipt_no,
        "total": sale.total,
        "lines": len(sale.lines),
        "discount": sale.discount_total,
        "tenders": [[t.kind.value, t.amount] for t in sale.tenders],
        "change": sale.change,
    }


def _sale_row(
    sale: SaleRecord, seq: int, document: str, shift_id: str | None = None
) -> dict[str, Any]:
    return {
        "sale_id": sale.sale_id,
        "receipt_no": sale.receipt_no,
        "receipt_seq": seq,
        "store_code": sale.store_code,
        "till_code": sale.till_code,
        "sold_at": sale.sold_at,
        "cashier_code": sale.cashier_code,
        "cashier_name": sale.cashier_name,
        "currency": sale.currency,
        "prices_include_tax": sale.prices_include_tax,
        "subtotal": sale.subtotal,
        "line_discounts": sale.line_discounts,
        "order_discount": sale.order_discount,
        "tax_added": sale.tax_added,
        "tax_included": sale.tax_included,
        "rounding": sale.rounding,
        "total": sale.total,
        "paid": sale.paid,
        "change": sale.change,
        "document": document,
        "shift_id": shift_id,
        "profile_version": sale.profile_version,
    }


def _line_rows(sale: SaleRecord) -> list[dict[str, Any]]:
    return [
        {
            "sale_id": sale.sale_id,
            "line_no": ln.line_no,
            "product_id": ln.product_id,
            "sku": ln.sku,
            "barcode": ln.barcode,
            "name": ln.name,
            "quantity_milli": quantity_milli(ln.quantity),
            "unit": ln.unit,
            "unit_price": ln.unit_price,
            "gross": ln.gross,
            "line_discount": ln.line_discount,
            "order_discount": ln.order_discount,
            "net": ln.net,
            "tax_code": ln.tax_code,
        }
        for ln in sale.lines
    ]


def _tender_rows(sale: SaleRecord) -> list[dict[str, Any]]:
    return [
        {
            "sale_id": sale.sale_id,
            "tender_no": no,
            "kind": t.kind.value,
            "amount": t.amount,
            "approval_code": t.approval_code,
            "card_last4": t.card_last4,
            "reference": t.reference,
            "provider": t.provider,
        }
        for no, t in enumerate(sale.tenders, start=1)
    ]


def _tax_rows(sale: SaleRecord) -> list[dict[str, Any]]:
    return [
        {
            "sale_id": sale.sale_id,
            "code": t.code,
            "name": t.name,
            "rate_bp": t.rate_bp,
            "base": t.base,
            "tax": t.tax,
            "included": t.included,
        }
        for t in sale.taxes
    ]


def insert_sale(session: Session, sale: SaleRecord, seq: int, now: datetime) -> None:
    """Insert the sale, its lines, tenders, taxes, outbox row and journal entry, booked to the
    open shift (caller's transaction)."""
    document = json.dumps(sale.to_json(), ensure_ascii=False, separators=(",", ":"))
    shift_id = open_shift_id(session, sale.till_code)
    conn = session.connection()
    # Core executemany on the connection: plain values, no ORM unit of work.
    conn.execute(insert(SaleRow), [_sale_row(sale, seq, document, shift_id)])
    if sale.lines:
        conn.execute(insert(SaleLineRow), _line_rows(sale))
    if sale.tenders:
        conn.execute(insert(SaleTenderRow), _tender_rows(sale))
    if sale.taxes:
        conn.execute(insert(SaleTaxRow), _tax_rows(sale))
    conn.execute(
        insert(OutboxRow),
        [
            {
                "sale_id": sale.sale_id,
                "kind": "sale",
                "created_at": now,
                "status": OutboxStatus.PENDING,
                "attempts": 0,
                "last_error": None,
                "acked_at": None,
            }
        ],
    )
    journal.append(
        session,
        JournalKind.SALE,
        at=sale.sold_at,
        actor=sale.cashier_code,
        data=_journal_data(sale),
    )


def _record(document: str) -> SaleRecord:
    return SaleRecord.from_json(json.loads(document))


class SqlSaleJournal:
    """``SaleJournal`` on the local database.

    ``clock`` stamps outbox rows (UTC, for the relay's bookkeeping); the sale's own time is the
    ``sold_at`` inside the record.
    """

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock or (lambda: datetime.now(UTC))

    def commit_sale(self, make: Callable[[str], SaleRecord]) -> SaleRecord:
        with write_session(self._sessions, "sale commit") as session:
            store_code, till_code, series = numbering(session)
            seq = next_counter(session, till_code, series)
            receipt_no = format_receipt_no(store_code, till_code, seq, series)
            sale = make(receipt_no)
            if sale.receipt_no != receipt_no:
                raise ValueError(
                    f"sale carries receipt {sale.receipt_no!r}, expected {receipt_no!r}"
                )
            if (sale.store_code, sale.till_code) != (store_code, till_code):
                raise ValueError(
                    f"sale is for {sale.store_code}/{sale.till_code}, "
                    f"this till is {store_code}/{till_code}"
                )
            insert_sale(session, sale, seq, self._clock())
        log.info("sale %s committed as %s, total %d", sale.sale_id, receipt_no, sale.total)
        return sale

    def recent_sales(self, limit: int = 20) -> Sequence[SaleRecord]:
        with read_session(self._sessions, "recent sales") as session:
            documents = session.scalars(
                select(SaleRow.document)
                .order_by(SaleRow.sold_at.desc(), SaleRow.receipt_seq.desc())
                .limit(max(0, limit))
            ).all()
        return [_record(doc) for doc in documents]

    def sale_by_receipt(self, receipt_no: str) -> SaleRecord | None:
        with read_session(self._sessions, "sale lookup") as session:
            document = session.scalar(
                select(SaleRow.document).where(SaleRow.receipt_no == receipt_no.strip())
            )
        return None if document is None else _record(document)

    def last_receipt_counter(self) -> int:
        """The counter of this till's last committed receipt in its current series (0 before
        the first sale of the series)."""
        with read_session(self._sessions, "receipt counter") as session:
            _, till_code, series = numbering(session)
            return peek_counter(session, till_code, series)
