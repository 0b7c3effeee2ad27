"""Sales ingest: every sale stored exactly once, whatever the retries and races.

A batch is handled in one database transaction:

1. Each sale is checked on its own (shape, store, content hash, recomputed totals). A bad sale
   gets a ``rejected`` result and writes nothing; the others go on.
2. The good ones are inserted with ``INSERT ... ON CONFLICT (org_id, sale_id) DO NOTHING
   RETURNING sale_id``, in ``sale_id`` order so two batches that share sales lock them in the
   same order and cannot deadlock. A sale that was not inserted already exists: if its content
   hash is the same it is a ``duplicate`` (acknowledged with the flags it was stored with), if not
   a ``conflict`` (nothing overwritten). Two workers racing on one sale: PostgreSQL makes the
   second insert wait for the first transaction, then skip the row; SQLite serializes writers.
   Either way one row exists and both answers acknowledge it.
3. The accepted sales' stock movements go into the ledger in the same transaction, and their
   webhook events (sale.created, stock.changed) into the outbox when an endpoint wants them.

That fast path runs in a savepoint; if the database refuses it for any other reason, the batch
is retried one sale per savepoint, so a sale the database cannot store fails alone.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from pos_desktop.domain.tax import TaxCategory, TaxKind
from server_stub import stock_low
from server_stub.core.db import is_unavailable
from server_stub.models import (
    Device,
    ProductRow,
    SaleRow,
    TaxCategoryRow,
)
from server_stub.rollup_writes import enqueue
from server_stub.rollups import Deltas, zone_of
from server_stub.sale_checks import (
    Prepared,
    Rejected,
    load_profile_history,
    prepare,
)
from server_stub.sale_rows import insert_pg, insert_sqlite
from server_stub.schemas import SaleAck
from server_stub.submitter import Submitter
from server_stub.webhooks import sources

log = logging.getLogger(__name__)

FLAG_UNKNOWN_PRODUCT = "unknown_product"
FLAG_DUPLICATE_RECEIPT = "duplicate_receipt_no"
"""Another sale of the same store and till already carries this receipt number (a till that
reused its counter, e.g. after a restore): stored anyway, the other sale named in the details."""


_PG_KNOWN_PRODUCTS = text(
    "SELECT product_id, cost_price FROM products WHERE org_id = :org_id AND product_id = ANY(:ids)"
)


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _insert(
    session: Session, batch: list[Prepared], submitter: Submitter, received_at: datetime
) -> set[str]:
    """Store the sales of ``batch`` not stored yet, and the ledger rows of exactly those.

    ``INSERT ... ON CONFLICT (org_id, sale_id) DO NOTHING RETURNING sale_id``, in ``batch``
    order (the lock order the caller chose); returns the ids it inserted.
    """
    if not batch:
        return set()
    if _is_postgres(session):
        return insert_pg(session, batch, submitter, received_at)
    return insert_sqlite(session, batch, submitter, received_at)


def _store_fast(
    session: Session, batch: list[Prepared], submitter: Submitter, received_at: datetime
) -> set[str]:
    with session.begin_nested():
        return _insert(session, batch, submitter, received_at)


def _store_one_by_one(
    session: Session,
    batch: list[Prepared],
    submitter: Submitter,
    received_at: datetime,
    failed: dict[str, str],
) -> set[str]:
    inserted: set[str] = set()
    for p in batch:
        try:
            with session.begin_nested():
                inserted |= _insert(session, [p], submitter, received_at)
        except DBAPIError as exc:
            if is_unavailable(exc):
                raise
            log.warning("sale %s refused by the database: %s", p.sale_id, exc.orig)
            failed[p.sale_id] = "the server could not store this sale"
    return inserted


def _categories(session: Session, org_id: str) -> dict[str, TaxCategory]:
    rows = session.execute(select(TaxCategoryRow).where(TaxCategoryRow.org_id == org_id)).scalars()
    return {
        r.code: TaxCategory(
            r.code, r.name, TaxKind(r.kind), r.rate_bp, r.base_numerator, r.base_denominator
        )
        for r in rows
    }


def _known_products(session: Session, org_id: str, product_ids: set[str]) -> dict[str, int | None]:
    """The products of ``product_ids`` the catalog has, with their cost prices (for the
    rollups: read here so the batch asks the database once)."""
    if not product_ids:
        return {}
    ids = sorted(product_ids)
    if _is_postgres(session):
        rows = session.execute(_PG_KNOWN_PRODUCTS, {"org_id": org_id, "ids": ids})
        return {product_id: cost for product_id, cost in rows}
    known: dict[str, int | None] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(ProductRow.product_id, ProductRow.cost_price).where(
                ProductRow.org_id == org_id, ProductRow.product_id.in_(ids[start : start + 500])
            )
        )
        known.update({product_id: cost for product_id, cost in rows})
    return known


def ingest(
    session: Session,
    submitter: Submitter,
    sales: list[Any],
    *,
    received_at: datetime,
    sent_at: datetime | None,
    skew_limit_s: int,
) -> list[SaleAck]:
    """Store a batch; one acknowledgement per input sale, in input order. Commits."""
    categories = _categories(session, submitter.org_id)
    # Versions are read only for a batch from a till that names them (every current till).
    versioned = any(isinstance(raw, dict) and "profile_version" in raw for raw in sales)
    history = load_profile_history(session, submitter.store) if versioned else None
    sent_skew = (sent_at - received_at).total_seconds() if sent_at is not None else None
    acks: list[SaleAck | None] = [None] * len(sales)
    first_of: dict[str, Prepared] = {}
    repeats: list[Prepared] = []
    for index, raw in enumerate(sales):
        try:
            p = prepare(
                index, raw, submitter, categories, received_at, sent_skew, skew_limit_s, history
            )
        except Rejected as exc:
            acks[index] = _rejected(raw, exc)
            continue
        if p.sale_id in first_of:
            repeats.append(p)
        else:
            first_of[p.sale_id] = p
    batch = sorted(first_of.values(), key=lambda p: p.sale_id)
    costs = _flag_unknown_products(session, submitter.org_id, batch)
    _flag_duplicate_receipts(session, submitter, batch)
    failed: dict[str, str] = {}
    try:
        inserted = _store_fast(session, batch, submitter, received_at)
    except DBAPIError as exc:
        if is_unavailable(exc):
            raise  # busy, gone or full: the whole batch is answered 503/507 and sent again
        log.warning("batch fast path refused (%s); storing sale by sale", exc.orig)
        inserted = _store_one_by_one(session, batch, submitter, received_at, failed)
    stored = [p for p in batch if p.sale_id in inserted]
    _add_to_rollups(session, submitter, stored, costs, received_at)
    sources.sales_stored(session, submitter, stored, received_at)
    sold = (
        (line.product_id, -int(quantity * 1000))
        for p in stored
        for line, quantity in zip(p.sale.lines, p.quantities, strict=True)
    )
    stock_low.crossed(session, submitter.store, sold, "sale", received_at)
    _answer_batch(session, submitter, batch, inserted, failed, acks)
    _answer_repeats(repeats, first_of, acks)
    session.execute(
        update(Device)
        .where(Device.org_id == submitter.org_id, Device.device_id == submitter.device_id)
        .values(last_sync_at=received_at)
    )
    session.commit()
    return [a for a in acks if a is not None]


def _add_to_rollups(
    session: Session,
    submitter: Submitter,
    stored: list[Prepared],
    costs: dict[str, int],
    received_at: datetime,
) -> None:
    """The sales stored now (not duplicates, conflicts or refusals) queue what they add to the
    rollups in this transaction (``server_stub.rollup_writes``), with the batch's cost prices."""
    if not stored:
        return
    deltas = Deltas(submitter.org_id)
    store_id, zone = submitter.store.store_id, zone_of(submitter.store)
    for p in stored:
        quantities = [int(q * 1000) for q in p.quantities]
        deltas.add_sale(store_id, zone, p.sale, p.sold_at, quantities, costs)
    enqueue(session, deltas, received_at)


def _rejected(raw: Any, exc: Rejected) -> SaleAck:
    sale_id = raw.get("sale_id") if isinstance(raw, dict) else None
    return SaleAck(
        sale_id=sale_id if isinstance(sale_id, str) and len(sale_id) <= 64 else None,
        status="rejected",
        reason=str(exc),
    )


def _flag_unknown_products(session: Session, org_id: str, batch: list[Prepared]) -> dict[str, int]:
    """Flag the sales with products the catalog lacks; answer the known cost prices."""
    product_ids = {ln.product_id for p in batch for ln in p.sale.lines}
    known = _known_products(session, org_id, product_ids)
    for p in batch:
        unknown = sorted({ln.product_id for ln in p.sale.lines} - known.keys())
        if unknown:
            p.flags.append(FLAG_UNKNOWN_PRODUCT)
            p.details[FLAG_UNKNOWN_PRODUCT] = unknown[:50]
    return {product_id: cost for product_id, cost in known.items() if cost is not None}


def _answer_batch(
    session: Session,
    submitter: Submitter,
    batch: list[Prepared],
    inserted: set[str],
    failed: dict[str, str],
    acks: list[SaleAck | None],
) -> None:
    """Answer each sale of ``batch``: stored now, refused by the database, or already there."""
    existing = _existing(
        session,
        submitter.org_id,
        [p.sale_id for p in batch if p.sale_id not in inserted and p.sale_id not in failed],
    )
    for p in batch:
        if p.sale_id in failed:
            acks[p.index] = SaleAck(sale_id=p.sale_id, status="rejected", reason=failed[p.sale_id])
        elif p.sale_id in inserted:
            acks[p.index] = SaleAck(sale_id=p.sale_id, status="accepted", flags=p.flags)
        else:
            acks[p.index] = _ack_existing(p, existing.get(p.sale_id), submitter)


def _answer_repeats(
    repeats: list[Prepared], first_of: dict[str, Prepared], acks: list[SaleAck | None]
) -> None:
    """A sale sent twice in one batch is answered after its first copy."""
    for p in repeats:
        first = first_of[p.sale_id]
        original = acks[first.index]
        assert original is not None
        if p.content_hash == first.content_hash and original.status in ("accepted", "duplicate"):
            acks[p.index] = SaleAck(sale_id=p.sale_id, status="duplicate", flags=original.flags)
        elif original.status in ("accepted", "duplicate"):
            acks[p.index] = _conflict(p.sale_id)
        else:
            acks[p.index] = original


def _flag_duplicate_receipts(session: Session, submitter: Submitter, batch: list[Prepared]) -> None:
    """Flag each sale whose receipt number another sale of its store and till already has:
    one stored earlier, or one before it in this batch (input order)."""
    by_till: dict[str, set[str]] = {}
    for p in batch:
        by_till.setdefault(p.sale.till_code, set()).add(p.sale.receipt_no)
    holders: dict[tuple[str, str], list[str]] = {}
    for till_code, numbers in by_till.items():
        ordered = sorted(numbers)
        for start in range(0, len(ordered), 500):
            rows = session.execute(
                select(SaleRow.receipt_no, SaleRow.sale_id)
                .where(
                    SaleRow.org_id == submitter.org_id,
                    SaleRow.store_id == submitter.store.store_id,
                    SaleRow.till_code == till_code,
                    SaleRow.receipt_no.in_(ordered[start : start + 500]),
                )
                .order_by(SaleRow.received_at, SaleRow.sale_id)
            ).all()
            for number, sale_id in rows:
                holders.setdefault((till_code, number), []).append(sale_id)
    for p in sorted(batch, key=lambda p: p.index):
        key = (p.sale.till_code, p.sale.receipt_no)
        others = [sale_id for sale_id in holders.get(key, []) if sale_id != p.sale_id]
        if others:
            p.flags.append(FLAG_DUPLICATE_RECEIPT)
            p.details[FLAG_DUPLICATE_RECEIPT] = {"other_sale_id": others[0]}
        holders.setdefault(key, []).append(p.sale_id)


def _existing(session: Session, org_id: str, sale_ids: list[str]) -> dict[str, SaleRow]:
    found: dict[str, SaleRow] = {}
    for start in range(0, len(sale_ids), 500):
        rows = session.execute(
            select(SaleRow).where(
                SaleRow.org_id == org_id, SaleRow.sale_id.in_(sale_ids[start : start + 500])
            )
        ).scalars()
        found.update({r.sale_id: r for r in rows})
    return found


def _conflict(sale_id: str) -> SaleAck:
    return SaleAck(
        sale_id=sale_id,
        status="conflict",
        reason=("a different sale with this sale_id is already stored; nothing was overwritten"),
    )


def _ack_existing(p: Prepared, row: SaleRow | None, submitter: Submitter) -> SaleAck:
    if row is None:  # pragma: no cover - the insert skipped it, so it exists
        log.error("sale %s neither inserted nor found", p.sale_id)
        return SaleAck(sale_id=p.sale_id, status="rejected", reason="please send again")
    if row.store_id != submitter.store.store_id or row.content_hash != p.content_hash:
        return _conflict(p.sale_id)
    return SaleAck(sale_id=p.sale_id, status="duplicate", flags=list(row.flags))
