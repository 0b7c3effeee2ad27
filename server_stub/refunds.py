"""Refund ingest and queries: every refund stored exactly once, and never lost.

A batch is one transaction; each refund gets its own savepoint, so one bad refund never blocks
the others. Per refund:

1. Shape and identity: the document must parse as a ``RefundRecord``; its store and its
   original sale's store must be the sending till's store, else ``rejected`` with the reason.
2. Idempotency by ``refund_id`` and content hash: the same refund again is a ``duplicate``
   (acknowledged with the flags it was stored with), another content under the same id a
   ``conflict``; nothing is overwritten. Two workers racing on one refund: the insert is
   ``ON CONFLICT DO NOTHING``, so one row exists and both answers acknowledge it.
3. The original sale is looked up in the till's organization and LOCKED (``SELECT ... FOR
   UPDATE`` on PostgreSQL; SQLite serializes writers), so two refunds of one sale arriving at
   once are checked one after the other. A sale of another store of the organization is
   ``rejected``. An unknown original (not synced yet, or not this organization's) is stored
   with flag ``unknown_original`` and counted: the till checked it against its own copy.
4. Over-refund: the counted refund lines of the sale are summed per original line; if this refund
   would take a line above what was sold (two tills refunding offline at once), it is stored
   with ``counted = False`` and flag ``over_refund`` with the details, kept for the owner but
   left out of stock and totals.
5. A counted refund puts its quantities back through the stock ledger (reason ``refund``).
6. Each refund stored now writes its webhook events (refund.created, and stock.changed when
   counted) in the same transaction, when an endpoint wants them.

Refunds are processed in ``original_sale_id`` order, so two batches lock sales in the same order
and cannot deadlock.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Table, func, insert, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.sale import SaleRecord
from server_stub.core.db import is_unavailable
from server_stub.models import (
    Device,
    RefundLineRow,
    RefundRow,
    SaleRow,
    StockMovement,
    Store,
    new_id,
)
from server_stub.rollup_writes import enqueue
from server_stub.rollups import Deltas, known_costs, zone_of
from server_stub.schemas import DocumentAck, RefundNumbers, validation_reason
from server_stub.submitter import Submitter
from server_stub.webhooks import sources

log = logging.getLogger(__name__)
_NUMBERS = TypeAdapter(RefundNumbers)

FLAG_UNKNOWN_ORIGINAL = "unknown_original"
FLAG_OVER_REFUND = "over_refund"
FLAG_TILL = "till_code_mismatch"
MAX_ID = 64

_REFUNDS = cast(Table, RefundRow.__table__)


class Rejected(Exception):
    pass


@dataclass(slots=True)
class Prepared:
    index: int
    refund_id: str
    record: RefundRecord
    payload: str
    content_hash: str
    flags: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    counted: bool = True


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _milli(quantity: Decimal) -> int:
    scaled = quantity * 1000
    if scaled != scaled.to_integral_value():
        raise Rejected(f"quantity {quantity} has more than three decimals")
    return int(scaled)


def prepare(index: int, raw: Any, submitter: Submitter) -> Prepared:
    if not isinstance(raw, dict):
        raise Rejected("a refund must be a JSON object")
    try:
        _NUMBERS.validate_python(raw)
    except ValidationError as exc:
        raise Rejected(f"unreadable refund: {validation_reason(exc)}") from None
    try:
        record = RefundRecord.from_json(raw)
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        raise Rejected(f"unreadable refund: {exc}") from None
    if not 0 < len(record.refund_id) <= MAX_ID or not 0 < len(record.original_sale_id) <= MAX_ID:
        raise Rejected("refund_id and original_sale_id must be 1 to 64 characters")
    if not record.lines:
        raise Rejected("a refund must return at least one line")
    lines = [ln.line_no for ln in record.lines]
    if len(set(lines)) != len(lines):
        raise Rejected("a refund names each original line once")
    for ln in record.lines:
        if ln.quantity <= 0 or ln.amount < 0:
            raise Rejected(f"line {ln.line_no}: quantity must be positive, amount not negative")
        _milli(ln.quantity)
    if record.total < 0:
        raise Rejected("the refund total must not be negative")
    store_code = submitter.store.code
    if record.store_code != store_code:
        raise Rejected(
            f"store_mismatch: this till belongs to store {store_code}, not {record.store_code}"
        )
    if record.original_store_code != store_code:
        raise Rejected(
            f"other_store: the original sale is of store {record.original_store_code}; "
            f"a till of store {store_code} may refund only its own store's sales"
        )
    payload = canonical_json(raw)
    prepared = Prepared(
        index=index,
        refund_id=record.refund_id,
        record=record,
        payload=payload,
        content_hash=hashlib.sha256(payload.encode("utf-8")).hexdigest(),
    )
    if record.till_code != submitter.till_code:
        prepared.flags.append(FLAG_TILL)
        prepared.details[FLAG_TILL] = {"device_till_code": submitter.till_code}
    return prepared


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _lock_sale(session: Session, org_id: str, sale_id: str) -> SaleRow | None:
    query = select(SaleRow).where(SaleRow.org_id == org_id, SaleRow.sale_id == sale_id)
    if _is_postgres(session):
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def counted_quantities(session: Session, org_id: str, sale_id: str) -> dict[int, int]:
    """Counted refunded thousandths per original line of ``sale_id``."""
    rows = session.execute(
        select(RefundLineRow.line_no, func.sum(RefundLineRow.quantity_milli))
        .where(
            RefundLineRow.org_id == org_id,
            RefundLineRow.original_sale_id == sale_id,
            RefundLineRow.counted.is_(True),
        )
        .group_by(RefundLineRow.line_no)
    ).all()
    return {int(no): int(total or 0) for no, total in rows}


def _check_original(session: Session, p: Prepared, submitter: Submitter) -> None:
    """Lock the original sale, refuse another store's, flag unknown and over-refund."""
    sale_row = _lock_sale(session, submitter.org_id, p.record.original_sale_id)
    if sale_row is None:
        p.flags.append(FLAG_UNKNOWN_ORIGINAL)
        p.details[FLAG_UNKNOWN_ORIGINAL] = {"original_receipt_no": p.record.original_receipt_no}
        return
    if sale_row.store_id != submitter.store.store_id:
        raise Rejected("other_store: the original sale was made in another store")
    sale = SaleRecord.from_json(json.loads(sale_row.payload))
    sold = {ln.line_no: _milli(ln.quantity) for ln in sale.lines}
    already = counted_quantities(session, submitter.org_id, sale.sale_id)
    over: dict[str, dict[str, int]] = {}
    for ln in p.record.lines:
        wanted = _milli(ln.quantity)
        done = already.get(ln.line_no, 0)
        limit = sold.get(ln.line_no, 0)
        if done + wanted > limit:
            over[str(ln.line_no)] = {
                "sold_milli": limit,
                "already_refunded_milli": done,
                "this_refund_milli": wanted,
            }
    if over:
        p.counted = False
        p.flags.append(FLAG_OVER_REFUND)
        p.details[FLAG_OVER_REFUND] = over


def _insert_refund(
    session: Session, p: Prepared, submitter: Submitter, received_at: datetime
) -> bool:
    r = p.record
    row = {
        "org_id": submitter.org_id,
        "refund_id": p.refund_id,
        "store_id": submitter.store.store_id,
        "device_id": submitter.device_id,
        "till_code": r.till_code[:16],
        "refund_no": r.refund_no[:64],
        "original_sale_id": r.original_sale_id,
        "refunded_at": r.refunded_at.astimezone(UTC),
        "business_day": r.refunded_at.date(),
        "received_at": received_at,
        "total": r.total,
        "content_hash": p.content_hash,
        "payload": p.payload,
        "flags": p.flags,
        "flag_details": p.details,
        "counted": p.counted,
    }
    dialect_insert = pg_insert if _is_postgres(session) else sqlite_insert
    stmt = (
        dialect_insert(_REFUNDS)
        .values(**row)
        .on_conflict_do_nothing(index_elements=["org_id", "refund_id"])
        .returning(_REFUNDS.c.refund_id)
    )
    if session.execute(stmt).scalar_one_or_none() is None:
        return False
    session.execute(
        insert(RefundLineRow),
        [
            {
                "org_id": submitter.org_id,
                "refund_id": p.refund_id,
                "line_no": ln.line_no,
                "original_sale_id": r.original_sale_id,
                "product_id": ln.product_id[:64],
                "quantity_milli": _milli(ln.quantity),
                "amount": ln.amount,
                "counted": p.counted,
            }
            for ln in r.lines
        ],
    )
    if p.counted:
        session.execute(
            insert(StockMovement),
            [
                {
                    "org_id": submitter.org_id,
                    "movement_id": new_id(),
                    "store_id": submitter.store.store_id,
                    "product_id": ln.product_id[:64],
                    "qty_milli": _milli(ln.quantity),
                    "reason": "refund",
                    "ref": f"{p.refund_id}:{ln.line_no}"[:100],
                    "created_at": received_at,
                }
                for ln in r.lines
            ],
        )
    return True


def _ack_existing(session: Session, p: Prepared, submitter: Submitter) -> DocumentAck | None:
    row = session.execute(
        select(RefundRow).where(
            RefundRow.org_id == submitter.org_id, RefundRow.refund_id == p.refund_id
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    if row.store_id != submitter.store.store_id or row.content_hash != p.content_hash:
        return DocumentAck(
            id=p.refund_id,
            status="conflict",
            reason="a different refund with this refund_id is already stored; nothing was "
            "overwritten",
        )
    return DocumentAck(id=p.refund_id, status="duplicate", flags=list(row.flags))


def _store_one(
    session: Session, p: Prepared, submitter: Submitter, received_at: datetime
) -> DocumentAck:
    existing = _ack_existing(session, p, submitter)
    if existing is not None:
        return existing
    with session.begin_nested():
        _check_original(session, p, submitter)
        inserted = _insert_refund(session, p, submitter, received_at)
    if not inserted:  # a concurrent request stored it first
        return _ack_existing(session, p, submitter) or DocumentAck(
            id=p.refund_id, status="rejected", reason="please send again"
        )
    if p.counted:
        log.info("refund %s stored (flags %s)", p.refund_id, p.flags)
    else:
        log.warning("refund %s stored NOT counted: %s", p.refund_id, p.details)
    return DocumentAck(id=p.refund_id, status="accepted", flags=list(p.flags))


def ingest_refunds(
    session: Session, submitter: Submitter, documents: Sequence[Any], *, received_at: datetime
) -> list[DocumentAck]:
    """Store a batch of refunds; one acknowledgement per document, in input order. Commits."""
    acks: list[DocumentAck | None] = [None] * len(documents)
    batch: list[Prepared] = []
    counted: list[RefundRecord] = []
    stored: list[Prepared] = []
    for index, raw in enumerate(documents):
        try:
            batch.append(prepare(index, raw, submitter))
        except Rejected as exc:
            refund_id = raw.get("refund_id") if isinstance(raw, dict) else None
            ok_id = isinstance(refund_id, str) and len(refund_id) <= MAX_ID
            acks[index] = DocumentAck(
                id=refund_id if ok_id else None, status="rejected", reason=str(exc)
            )
    for p in sorted(batch, key=lambda p: (p.record.original_sale_id, p.refund_id, p.index)):
        try:
            acks[p.index] = ack = _store_one(session, p, submitter, received_at)
            if ack.status == "accepted":
                stored.append(p)
                if p.counted:
                    counted.append(p.record)
        except Rejected as exc:
            acks[p.index] = DocumentAck(id=p.refund_id, status="rejected", reason=str(exc))
        except DBAPIError as exc:
            if is_unavailable(exc):
                raise
            log.warning("refund %s refused by the database: %s", p.refund_id, exc.orig)
            acks[p.index] = DocumentAck(
                id=p.refund_id, status="rejected", reason="the server could not store this refund"
            )
    add_refunds_to_rollups(session, submitter.org_id, submitter.store, counted)
    sources.refunds_stored(session, submitter, stored, received_at)
    session.execute(
        update(Device)
        .where(Device.org_id == submitter.org_id, Device.device_id == submitter.device_id)
        .values(last_sync_at=received_at)
    )
    session.commit()
    return [a for a in acks if a is not None]


def add_refunds_to_rollups(
    session: Session, org_id: str, store: Store, refunds: Sequence[RefundRecord]
) -> None:
    """Counted refunds take their money off the rollups of the day they were paid out, in the
    caller's transaction; also for an over-refund when someone resolves it into the totals."""
    if not refunds:
        return
    costs = known_costs(session, org_id, {ln.product_id for r in refunds for ln in r.lines})
    deltas = Deltas(org_id)
    zone = zone_of(store)
    for refund in refunds:
        deltas.add_refund(store.store_id, zone, refund, costs)
    enqueue(session, deltas)


# -- queries --------------------------------------------------------------------------------


class SaleNotFound(Exception):
    pass


class OtherStore(Exception):
    pass


def lookup_sale(session: Session, org_id: str, store: Store, receipt_no: str) -> dict[str, Any]:
    """The sale with ``receipt_no`` in ``store`` and the counted refunds' documents.

    Raises ``OtherStore`` for a receipt of another store of the organization and
    ``SaleNotFound`` otherwise; another organization's sales are never looked at.
    """
    rows = (
        session.execute(
            select(SaleRow).where(SaleRow.org_id == org_id, SaleRow.receipt_no == receipt_no)
        )
        .scalars()
        .all()
    )
    own = [r for r in rows if r.store_id == store.store_id]
    if not own:
        if rows:
            raise OtherStore(receipt_no)
        raise SaleNotFound(receipt_no)
    sale = own[0]
    refunds = session.execute(
        select(RefundRow.payload)
        .where(
            RefundRow.org_id == org_id,
            RefundRow.original_sale_id == sale.sale_id,
            RefundRow.counted.is_(True),
        )
        .order_by(RefundRow.refunded_at, RefundRow.refund_id)
    ).scalars()
    return {"sale": json.loads(sale.payload), "refunds": [json.loads(p) for p in refunds]}


def list_refunds(
    session: Session,
    org_id: str,
    *,
    store: Store | None,
    day: date | None,
    flagged: bool | None,
    limit: int,
    store_ids: Collection[str] | None = None,
    after: tuple[datetime, str] | None = None,
) -> list[dict[str, Any]]:
    """``store_ids``: only these stores (an API key limited to them); ``None``: every store.
    ``after``: only refunds past that ``(refunded_at, refund_id)`` (the owner API's cursor)."""
    query = select(RefundRow, Store.code).join(
        Store, (Store.org_id == RefundRow.org_id) & (Store.store_id == RefundRow.store_id)
    )
    query = query.where(RefundRow.org_id == org_id)
    if store is not None:
        query = query.where(RefundRow.store_id == store.store_id)
    if store_ids is not None:
        query = query.where(RefundRow.store_id.in_(sorted(store_ids)))
    if day is not None:
        query = query.where(RefundRow.business_day == day)
    if after is not None:
        query = query.where(tuple_(RefundRow.refunded_at, RefundRow.refund_id) > after)
    query = query.order_by(RefundRow.refunded_at, RefundRow.refund_id)
    items: list[dict[str, Any]] = []
    for row, store_code in session.execute(query):
        if flagged is not None and bool(row.flags) != flagged:
            continue
        items.append(
            {
                "refund_id": row.refund_id,
                "refund_no": row.refund_no,
                "store_code": store_code,
                "till_code": row.till_code,
                "original_sale_id": row.original_sale_id,
                "refunded_at": row.refunded_at,
                "business_day": row.business_day,
                "received_at": row.received_at,
                "total": row.total,
                "counted": row.counted,
                "flags": list(row.flags),
                "flag_details": dict(row.flag_details),
                "refund": json.loads(row.payload),
            }
        )
        if len(items) >= limit:
            break
    return items
