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
3. The accepted sales' stock movements go into the ledger in the same transaction.

That fast path runs in a savepoint; if the database refuses it for any other reason, the batch
is retried one sale per savepoint, so a sale the database cannot store fails alone.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from pydantic import ValidationError
from sqlalchemy import Table, insert, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from pos_desktop.domain.cart import CartLine, Discount, Product
from pos_desktop.domain.tax import DEFAULT_CATEGORIES, TaxCategory, TaxKind, TaxSettings
from pos_desktop.domain.totals import compute_totals
from server_stub.core.db import is_unavailable
from server_stub.models import (
    Device,
    ProductRow,
    SaleRow,
    StockMovement,
    Store,
    StoreProfileVersion,
    TaxCategoryRow,
)
from server_stub.schemas import SaleAck, SaleIn, parse_sold_at, validation_reason

log = logging.getLogger(__name__)

FLAG_TOTALS = "totals_mismatch"
FLAG_UNKNOWN_PRODUCT = "unknown_product"
FLAG_CLOCK_SKEW = "clock_skew"
FLAG_TILL = "till_code_mismatch"
FLAG_DUPLICATE_RECEIPT = "duplicate_receipt_no"
"""Another sale of the same store and till already carries this receipt number (a till that
reused its counter, e.g. after a restore): stored anyway, the other sale named in the details."""
FLAG_STALE_PROFILE = "stale_profile"


@dataclass(frozen=True, slots=True)
class ProfileHistory:
    """A store's profile versions, read once per batch: when each was made and its tax rules.

    A sale rung under version ``v`` is stale when a newer version had been made at or before
    the sale's time: the till sold under rules the owner had already replaced. A version made
    after the sale is no fault of the till, however late the sale arrives.
    """

    made_at: dict[int, datetime]
    rules: dict[int, tuple[bool, int]]
    """Version -> (PPN on, rounding step), what the sale's totals are checked against."""

    def in_force(self, version: int, sold_at: datetime) -> int | None:
        """The newest version made at or before ``sold_at`` when it is newer than ``version``."""
        newer = [v for v, at in self.made_at.items() if v > version and at <= sold_at]
        return max(newer) if newer else None


def load_profile_history(session: Session, store: Store) -> ProfileHistory:
    made_at: dict[int, datetime] = {}
    rules: dict[int, tuple[bool, int]] = {}
    rows = session.execute(
        select(
            StoreProfileVersion.version,
            StoreProfileVersion.changed_at,
            StoreProfileVersion.profile,
        ).where(
            StoreProfileVersion.org_id == store.org_id,
            StoreProfileVersion.store_id == store.store_id,
        )
    )
    for version, changed_at, profile in rows:
        made_at[version] = changed_at
        try:
            rules[version] = (bool(profile["ppn_enabled"]), int(profile["rounding_step"]))
        except (KeyError, TypeError, ValueError):
            log.warning("store %s profile version %d lacks its tax rules", store.code, version)
    return ProfileHistory(made_at, rules)


@dataclass(frozen=True, slots=True)
class Submitter:
    """The paired till that sent the batch."""

    org_id: str
    device_id: str
    store: Store
    till_code: str


@dataclass(slots=True)
class Prepared:
    """A sale that passed the checks: its validated document and what the server derived."""

    index: int
    sale_id: str
    sale: SaleIn
    quantities: list[Decimal]
    """The lines' quantities, in line order."""
    sold_at: datetime
    """The till's clock with the till's own offset."""
    payload: str
    content_hash: str
    flags: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


class Rejected(Exception):
    pass


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _category(code: str, known: dict[str, TaxCategory]) -> TaxCategory | None:
    if code in known:
        return known[code]
    return next((c for c in DEFAULT_CATEGORIES if c.code == code), None)


def check_totals(
    record: SaleIn,
    quantities: list[Decimal],
    store: Store,
    categories: dict[str, TaxCategory],
    history: ProfileHistory | None = None,
) -> tuple[list[str], list[str]]:
    """Recompute the sale with the pure domain; returns (mismatches, unknown tax codes).

    The PPN switch and rounding step are those of the profile version the sale names (a sale
    rung under a superseded version is flagged ``stale_profile`` instead, with the versions), or
    of the server's current store settings for a sale from a till that names none: a till with
    stale settings then shows up here as a mismatch, which is what an owner wants to see.
    """
    ppn_enabled, rounding_step = store.ppn_enabled, store.rounding_step
    if history is not None and record.profile_version is not None:
        ppn_enabled, rounding_step = history.rules.get(
            record.profile_version, (ppn_enabled, rounding_step)
        )
    unknown_tax: list[str] = []
    lines: list[CartLine] = []
    for ln, quantity in zip(record.lines, quantities, strict=True):
        category = _category(ln.tax_code, categories)
        if category is None:
            unknown_tax.append(ln.tax_code)
            category = TaxCategory(ln.tax_code, ln.tax_code, TaxKind.EXEMPT)
        product = Product(
            product_id=ln.product_id,
            sku=ln.sku,
            name=ln.name,
            unit_price=ln.unit_price,
            tax_category=category,
            barcode=ln.barcode,
            sold_by_weight=quantity != quantity.to_integral_value(),
            unit=ln.unit,
        )
        discount = Discount.amount(ln.line_discount) if ln.line_discount else None
        lines.append(CartLine(ln.line_no, product, quantity, discount, ln.unit_price))
    order_discount = Discount.amount(record.order_discount) if record.order_discount else None
    settings = TaxSettings(ppn_enabled=ppn_enabled, prices_include_tax=record.prices_include_tax)
    totals = compute_totals(lines, order_discount, settings, rounding_step)
    mismatches: list[str] = []

    def compare(what: str, till: object, server: object) -> None:
        if till != server:
            mismatches.append(f"{what}: till {till} server {server}")

    for sent, computed in zip(record.lines, totals.lines, strict=True):
        # Labels are only built for a line that differs: this loop runs for every line ingested.
        if (sent.gross, sent.line_discount, sent.order_discount, sent.net) == (
            computed.gross,
            computed.line_discount,
            computed.order_discount,
            computed.net,
        ):
            continue
        compare(f"line {sent.line_no} gross", sent.gross, computed.gross)
        compare(f"line {sent.line_no} line_discount", sent.line_discount, computed.line_discount)
        compare(f"line {sent.line_no} order_discount", sent.order_discount, computed.order_discount)
        compare(f"line {sent.line_no} net", sent.net, computed.net)
    compare("subtotal", record.subtotal, totals.subtotal)
    compare("line_discounts", record.line_discounts, totals.line_discounts)
    compare("order_discount", record.order_discount, totals.order_discount)
    compare(
        "taxes",
        sorted((t.code, t.base, t.tax, t.included) for t in record.taxes),
        sorted((t.code, t.base, t.tax, t.included) for t in totals.taxes),
    )
    compare("tax_added", record.tax_added, totals.tax_added)
    compare("tax_included", record.tax_included, totals.tax_included)
    compare("rounding", record.rounding, totals.rounding)
    compare("total", record.total, totals.total)
    paid = sum(t.amount for t in record.tenders)
    if paid < record.total:
        mismatches.append(f"paid: {paid} is less than the total {record.total}")
    compare("change", record.change, max(0, paid - record.total))
    return mismatches, unknown_tax


def prepare(
    index: int,
    raw: Any,
    submitter: Submitter,
    categories: dict[str, TaxCategory],
    received_at: datetime,
    sent_skew_s: float | None,
    skew_limit_s: int,
    history: ProfileHistory | None = None,
) -> Prepared:
    if not isinstance(raw, dict):
        raise Rejected("a sale must be a JSON object")
    try:
        # Validated once; the checks below read the model, not the raw document again.
        record = SaleIn.model_validate(raw)
    except ValidationError as exc:
        raise Rejected(validation_reason(exc, whole="sale", most=3)) from None
    if record.store_code != submitter.store.code:
        raise Rejected(
            f"store_mismatch: this till belongs to store {submitter.store.code}, "
            f"not {record.store_code}"
        )
    sold_at = parse_sold_at(record.sold_at)
    assert sold_at is not None  # checked by SaleIn
    quantities = [Decimal(ln.quantity) for ln in record.lines]
    payload = canonical_json(raw)
    prepared = Prepared(
        index=index,
        sale_id=record.sale_id,
        sale=record,
        quantities=quantities,
        sold_at=sold_at,
        payload=payload,
        content_hash=content_hash(payload),
    )
    if record.till_code != submitter.till_code:
        prepared.flags.append(FLAG_TILL)
        prepared.details[FLAG_TILL] = {"device_till_code": submitter.till_code}
    mismatches, unknown_tax = check_totals(record, quantities, submitter.store, categories, history)
    if mismatches:
        prepared.flags.append(FLAG_TOTALS)
        prepared.details[FLAG_TOTALS] = mismatches[:20]
    if unknown_tax:
        prepared.details["unknown_tax_codes"] = sorted(set(unknown_tax))
    ahead_s = (sold_at - received_at).total_seconds()
    skew = sent_skew_s if sent_skew_s is not None else (ahead_s if ahead_s > 0 else None)
    if skew is not None and abs(skew) > skew_limit_s:
        prepared.flags.append(FLAG_CLOCK_SKEW)
        prepared.details[FLAG_CLOCK_SKEW] = {"seconds": round(skew)}
    if history is not None and record.profile_version is not None:
        newer = history.in_force(record.profile_version, sold_at)
        if newer is not None:
            prepared.flags.append(FLAG_STALE_PROFILE)
            prepared.details[FLAG_STALE_PROFILE] = {
                "rung_under": record.profile_version,
                "current": newer,
                "current_since": history.made_at[newer].isoformat(),
            }
    return prepared


def _sale_row(p: Prepared, submitter: Submitter, received_at: datetime) -> dict[str, Any]:
    r = p.sale
    return {
        "org_id": submitter.org_id,
        "sale_id": p.sale_id,
        "store_id": submitter.store.store_id,
        "device_id": submitter.device_id,
        "till_code": r.till_code,
        "receipt_no": r.receipt_no,
        "cashier_code": r.cashier_code,
        "sold_at": p.sold_at,
        "business_day": p.sold_at.date(),
        "received_at": received_at,
        "currency": r.currency,
        "subtotal": r.subtotal,
        "discount_total": r.line_discounts + r.order_discount,
        "tax_total": r.tax_added + r.tax_included,
        "rounding": r.rounding,
        "total": r.total,
        "line_count": len(r.lines),
        "content_hash": p.content_hash,
        "payload": p.payload,
        "flags": p.flags,
        "flag_details": p.details,
    }


def _movement_ids(count: int) -> list[str]:
    """``count`` ids of 32 hex digits: the time in milliseconds (12 digits), then 80 random bits.

    A batch of 50 ten-line sales needs 500; ``uuid4`` per row cost more than the rest of the
    ledger write, so the random part comes from one read. The time goes first so that new rows
    land at the end of the ledger's primary key: wholly random ids put each of the 500 on its
    own index page, and the database dirtied (and logged) a page per row.
    """
    prefix = f"{time.time_ns() // 1_000_000:012x}"
    raw = os.urandom(10 * count).hex()
    return [prefix + raw[i : i + 20] for i in range(0, 20 * count, 20)]


def _movements(p: Prepared, submitter: Submitter, received_at: datetime) -> list[dict[str, Any]]:
    ids = _movement_ids(len(p.sale.lines))
    return [
        {
            "org_id": submitter.org_id,
            "movement_id": movement_id,
            "store_id": submitter.store.store_id,
            "product_id": ln.product_id,
            "qty_milli": -int(quantity * 1000),
            "reason": "sale",
            "ref": f"{p.sale_id}:{ln.line_no}",
            "created_at": received_at,
        }
        for movement_id, ln, quantity in zip(ids, p.sale.lines, p.quantities, strict=True)
    ]


_SALES = cast(Table, SaleRow.__table__)
_MOVEMENTS = cast(Table, StockMovement.__table__)


_SALE_RECORD = (
    "sale_id varchar, till_code varchar, receipt_no varchar, cashier_code varchar, "
    "sold_at timestamptz, business_day date, currency varchar, subtotal bigint, "
    "discount_total bigint, tax_total bigint, rounding bigint, total bigint, line_count integer, "
    "content_hash varchar, flags json, flag_details json, moves json, payload json"
)
_SALE_FIELDS = tuple(part.split()[0] for part in _SALE_RECORD.split(", "))[:-2]
"""The ``sales`` columns a row document carries besides ``payload`` (``moves`` is the ledger)."""
_PG_INSERT_SALES = text(  # built once from the constants above, never from input
    f"WITH r AS (SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS r({_SALE_RECORD})), "  # noqa: S608
    "ins AS ("
    "INSERT INTO sales (org_id, store_id, device_id, received_at, "
    f"{', '.join(_SALE_FIELDS)}, payload) "
    "SELECT :org_id, :store_id, :device_id, CAST(:received_at AS timestamptz), "
    f"{', '.join('r.' + name for name in _SALE_FIELDS)}, CAST(r.payload AS text) FROM r "
    "ON CONFLICT (org_id, sale_id) DO NOTHING RETURNING sale_id), "
    "ledger AS ("
    "INSERT INTO stock_movements "
    "(org_id, movement_id, store_id, product_id, qty_milli, reason, ref, created_at) "
    "SELECT :org_id, m.i, :store_id, m.p, m.q, "
    "'sale', ins.sale_id || ':' || m.n, CAST(:received_at AS timestamptz) "
    "FROM ins JOIN r ON r.sale_id = ins.sale_id "
    "CROSS JOIN LATERAL json_to_recordset(r.moves) "
    "AS m(i varchar, p varchar, q bigint, n integer)) "
    "SELECT sale_id FROM ins"
)
"""PostgreSQL: the whole batch, sales and their ledger rows, as one statement over one JSON
parameter.

One fixed SQL text whatever the batch size, so neither SQLAlchemy nor psycopg builds and parses a
statement with a thousand placeholders per request, and the server plans it once. The rows travel
as one JSON document because ``json.dumps`` escapes the small fields in C, where psycopg's text
arrays escape them with a Python callback per quote. Each sale's canonical document goes into it
as a JSON value, not as an escaped string: a ``json`` value keeps its exact text, so the stored
payload is byte for byte the canonical text and neither side escapes it a second time. Only the
sales the insert returns get ledger rows (``moves``: movement id, product, quantity in
thousandths, line number). Rows go in in the document's order, the sorted order the caller
chose, so two batches sharing sales take their row locks in the same order.
"""
_PG_KNOWN_PRODUCTS = text(
    "SELECT product_id FROM products WHERE org_id = :org_id AND product_id = ANY(:ids)"
)


def _pg_rows(batch: list[Prepared]) -> str:
    """The JSON document of ``_PG_INSERT_SALES``, one object per sale in ``batch`` order."""
    parts = []
    for p in batch:
        r = p.sale
        head = json.dumps(
            {
                "sale_id": p.sale_id,
                "till_code": r.till_code,
                "receipt_no": r.receipt_no,
                "cashier_code": r.cashier_code,
                "sold_at": p.sold_at.isoformat(),
                "business_day": p.sold_at.date().isoformat(),
                "currency": r.currency,
                "subtotal": r.subtotal,
                "discount_total": r.line_discounts + r.order_discount,
                "tax_total": r.tax_added + r.tax_included,
                "rounding": r.rounding,
                "total": r.total,
                "line_count": len(r.lines),
                "content_hash": p.content_hash,
                "flags": p.flags,
                "flag_details": p.details,
                "moves": [
                    {
                        "i": movement_id,
                        "p": ln.product_id,
                        "q": -int(quantity * 1000),
                        "n": ln.line_no,
                    }
                    for movement_id, ln, quantity in zip(
                        _movement_ids(len(r.lines)), r.lines, p.quantities, strict=True
                    )
                ],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        # The canonical document goes in as it is: a JSON value inside the row object.
        parts.append(f'{head[:-1]},"payload":{p.payload}}}')
    return "[" + ",".join(parts) + "]"


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
        params = {
            "org_id": submitter.org_id,
            "store_id": submitter.store.store_id,
            "device_id": submitter.device_id,
            "received_at": received_at,
            "rows": _pg_rows(batch),
        }
        return set(session.execute(_PG_INSERT_SALES, params).scalars())
    # SQLite: one executemany, which SQLAlchemy sends as multi-row statements in the rows' order.
    stmt = (
        sqlite_insert(_SALES)
        .on_conflict_do_nothing(index_elements=["org_id", "sale_id"])
        .returning(_SALES.c.sale_id)
    )
    rows = [_sale_row(p, submitter, received_at) for p in batch]
    inserted = set(session.execute(stmt, rows).scalars())
    movements = [
        m for p in batch if p.sale_id in inserted for m in _movements(p, submitter, received_at)
    ]
    if movements:
        session.execute(insert(_MOVEMENTS), movements)
    return inserted


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


def _known_products(session: Session, org_id: str, product_ids: set[str]) -> set[str]:
    if not product_ids:
        return set()
    ids = sorted(product_ids)
    if _is_postgres(session):
        return set(session.execute(_PG_KNOWN_PRODUCTS, {"org_id": org_id, "ids": ids}).scalars())
    known: set[str] = set()
    for start in range(0, len(ids), 500):
        known.update(
            session.execute(
                select(ProductRow.product_id).where(
                    ProductRow.org_id == org_id, ProductRow.product_id.in_(ids[start : start + 500])
                )
            ).scalars()
        )
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
            sale_id = raw.get("sale_id") if isinstance(raw, dict) else None
            acks[index] = SaleAck(
                sale_id=sale_id if isinstance(sale_id, str) and len(sale_id) <= 64 else None,
                status="rejected",
                reason=str(exc),
            )
            continue
        if p.sale_id in first_of:
            repeats.append(p)
        else:
            first_of[p.sale_id] = p
    batch = sorted(first_of.values(), key=lambda p: p.sale_id)
    product_ids = {ln.product_id for p in batch for ln in p.sale.lines}
    known = _known_products(session, submitter.org_id, product_ids)
    for p in batch:
        unknown = sorted({ln.product_id for ln in p.sale.lines} - known)
        if unknown:
            p.flags.append(FLAG_UNKNOWN_PRODUCT)
            p.details[FLAG_UNKNOWN_PRODUCT] = unknown[:50]
    _flag_duplicate_receipts(session, submitter, batch)
    failed: dict[str, str] = {}
    try:
        inserted = _store_fast(session, batch, submitter, received_at)
    except DBAPIError as exc:
        if is_unavailable(exc):
            raise  # busy, gone or full: the whole batch is answered 503/507 and sent again
        log.warning("batch fast path refused (%s); storing sale by sale", exc.orig)
        inserted = _store_one_by_one(session, batch, submitter, received_at, failed)
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
    session.execute(
        update(Device)
        .where(Device.org_id == submitter.org_id, Device.device_id == submitter.device_id)
        .values(last_sync_at=received_at)
    )
    session.commit()
    return [a for a in acks if a is not None]


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
