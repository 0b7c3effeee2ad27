"""The back office's sales list: filters, and keyset pages that stay fast on millions of sales.

Pages are keyed on ``(sold_at, sale_id)``, newest first, never on an OFFSET: page 10,000 of
a year of sales costs what page 1 costs, and a sale synced while the owner pages does not shift
the next page. Every query starts with the organization and, for a manager, the stores they may
see; a store outside that scope reads as not existing (the page answers 404).

A store-local date range is the sales' ``business_day`` (the till's own calendar day). It is
also turned into a loose ``sold_at`` window (any zone from UTC-12 to UTC+14), so the database
walks the ``(org_id, [store_id,] sold_at, sale_id)`` index over that window only.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, Text, and_, cast, exists, func, select, tuple_
from sqlalchemy.orm import Session

from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.receipt_content import StoreInfo, build_receipt
from pos_desktop.domain.receipt_no import format_receipt_no
from pos_desktop.domain.receipt_text import render_text
from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.sale import SaleRecord
from server_stub.ingest import FLAG_DUPLICATE_RECEIPT, FLAG_UNKNOWN_PRODUCT
from server_stub.models import (
    Device,
    RefundRow,
    SaleRow,
    StaffMember,
    StaffStore,
    Store,
    StoreProfileVersion,
)
from server_stub.refunds import FLAG_OVER_REFUND
from server_stub.sale_checks import FLAG_CLOCK_SKEW, FLAG_STALE_PROFILE, FLAG_TILL, FLAG_TOTALS
from server_stub.tenancy import store_profile
from server_stub.tender_mask import paid_with

log = logging.getLogger(__name__)
Ts = TypeVarTuple("Ts")

SALE_FLAGS: tuple[str, ...] = (
    FLAG_TOTALS,
    FLAG_UNKNOWN_PRODUCT,
    FLAG_CLOCK_SKEW,
    FLAG_STALE_PROFILE,
    FLAG_DUPLICATE_RECEIPT,
    FLAG_TILL,
)
"""What ingest flags on a sale itself (``sales.flags``)."""
FLAG_ANY = "any"
"""Any of ``SALE_FLAGS``."""
FLAG_REFUNDED = "refunded"
"""A refund was stored against the sale."""
FLAG_CHOICES: tuple[str, ...] = (FLAG_ANY, *SALE_FLAGS, FLAG_OVER_REFUND, FLAG_REFUNDED)
TENDER_CHOICES: tuple[str, ...] = tuple(kind.value for kind in TenderKind)

PAGE_SIZE = 50
_WIDEST_EAST = timedelta(hours=14)
_WIDEST_WEST = timedelta(hours=12)


class NotFound(Exception):
    """Not this organization's, or outside the person's stores: the page answers 404."""


class BadCursor(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Scope:
    """Who is looking: the organization, and the stores a manager may see (None: every store)."""

    org_id: str
    store_ids: frozenset[str] | None = None

    def sees(self, store_id: str) -> bool:
        return self.store_ids is None or store_id in self.store_ids


@dataclass(frozen=True, slots=True)
class SaleQuery:
    """The list's filters; ``None`` means not filtered. Dates are the stores' own days."""

    store_id: str | None = None
    till_code: str | None = None
    cashier_code: str | None = None
    day_from: date | None = None
    day_to: date | None = None
    tender: str | None = None
    """A ``TenderKind`` value: sales paid (at least partly) that way."""
    flag: str | None = None
    """One of ``FLAG_CHOICES``."""
    receipt_no: str | None = None
    """A whole receipt number, or its counter (``42``) to match the end of the number."""


@dataclass(frozen=True, slots=True)
class SaleItem:
    """One row of the list."""

    sale_id: str
    store_id: str
    store_code: str
    store_name: str
    timezone: str
    till_code: str
    receipt_no: str
    cashier_code: str
    cashier_name: str
    sold_at: datetime
    business_day: date
    total: int
    line_count: int
    flags: tuple[str, ...]
    refund_marks: tuple[str, ...] = ()
    """``refunded`` when a refund was stored against the sale, ``over_refund`` when one of them
    was held back as more than was sold."""


@dataclass(frozen=True, slots=True)
class SalePage:
    items: tuple[SaleItem, ...]
    older: str | None
    """Cursor of the next page (older sales), when there is one."""
    newer: str | None
    """Cursor of the previous page (newer sales), when this is not the first page."""


@dataclass(frozen=True, slots=True)
class StoreChoice:
    store_id: str
    code: str
    name: str
    timezone: str


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the filter form offers: the person's stores, their tills and their cashiers."""

    stores: tuple[StoreChoice, ...]
    tills: tuple[str, ...]
    cashiers: tuple[tuple[str, str], ...]
    """(cashier code, name)."""


def encode_cursor(sold_at: datetime, sale_id: str) -> str:
    raw = json.dumps([sold_at.astimezone(UTC).isoformat(), sale_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        at_text, sale_id = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        at = datetime.fromisoformat(at_text)
        if at.tzinfo is None or not isinstance(sale_id, str):
            raise ValueError("not a cursor")
        return at, sale_id
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise BadCursor(cursor) from None


def visible_stores(session: Session, scope: Scope) -> list[Store]:
    stmt = select(Store).where(Store.org_id == scope.org_id).order_by(Store.code)
    if scope.store_ids is not None:
        stmt = stmt.where(Store.store_id.in_(sorted(scope.store_ids)))
    return list(session.execute(stmt).scalars())


def require_store(session: Session, scope: Scope, store_id: str) -> Store:
    store = session.get(Store, (scope.org_id, store_id))
    if store is None or not scope.sees(store_id):
        raise NotFound(store_id)
    return store


def filter_choices(session: Session, scope: Scope, store_id: str | None) -> FilterChoices:
    """The stores, tills and cashiers the filter form lists (of one store when one is chosen)."""
    stores = visible_stores(session, scope)
    ids = [s.store_id for s in stores if store_id is None or s.store_id == store_id]
    tills = session.execute(
        select(Device.till_code)
        .where(Device.org_id == scope.org_id, Device.store_id.in_(ids))
        .distinct()
        .order_by(Device.till_code)
    ).scalars()
    staff = select(StaffMember.staff_id, StaffMember.name).where(StaffMember.org_id == scope.org_id)
    if scope.store_ids is not None or store_id is not None:
        staff = staff.where(
            exists().where(
                StaffStore.org_id == StaffMember.org_id,
                StaffStore.staff_id == StaffMember.staff_id,
                StaffStore.store_id.in_(ids),
            )
        )
    cashiers = session.execute(staff.order_by(StaffMember.name, StaffMember.staff_id)).all()
    return FilterChoices(
        stores=tuple(StoreChoice(s.store_id, s.code, s.name, s.timezone) for s in stores),
        tills=tuple(tills),
        cashiers=tuple((code, name) for code, name in cashiers),
    )


def _flags_text(column: Any) -> ColumnElement[str]:
    return cast(column, Text)


def _flag_condition(flag: str) -> ColumnElement[bool]:
    # The same test as the partial index of flagged sales (``ix_sales_flagged``, migration 0008),
    # so the database can walk that index instead of every sale.
    flagged = func.json_array_length(SaleRow.flags) > 0
    if flag == FLAG_ANY:
        return flagged
    if flag in SALE_FLAGS:
        return and_(flagged, _flags_text(SaleRow.flags).like(f'%"{flag}"%'))
    refund = exists().where(
        RefundRow.org_id == SaleRow.org_id, RefundRow.original_sale_id == SaleRow.sale_id
    )
    if flag == FLAG_OVER_REFUND:
        refund = refund.where(_flags_text(RefundRow.flags).like(f'%"{FLAG_OVER_REFUND}"%'))
    elif flag != FLAG_REFUNDED:
        raise ValueError(f"unknown flag {flag!r}")
    return refund


MAX_COUNTER_DIGITS = 9


def receipt_numbers(session: Session, scope: Scope, q: SaleQuery, term: str) -> list[str]:
    """The receipt numbers a search stands for: the whole number as typed, or for a bare counter
    (``42``) that counter's number on every till in reach (first series: ``S01-T01-000042``).
    Either way the search is an exact match on the ``(org_id, receipt_no)`` index; a number of a
    later series (``S01-T01-B-000042``) is found when typed whole."""
    term = term.strip().upper()
    if not (term.isascii() and term.isdigit() and len(term) <= MAX_COUNTER_DIGITS):
        return [term]
    stmt = (
        select(Store.code, Device.till_code)
        .join(Device, (Device.org_id == Store.org_id) & (Device.store_id == Store.store_id))
        .where(Store.org_id == scope.org_id)
        .distinct()
    )
    if q.store_id is not None:
        stmt = stmt.where(Store.store_id == q.store_id)
    elif scope.store_ids is not None:
        stmt = stmt.where(Store.store_id.in_(sorted(scope.store_ids)))
    if q.till_code:
        stmt = stmt.where(Device.till_code == q.till_code)
    counter = int(term)
    return sorted({format_receipt_no(code, till, counter) for code, till in session.execute(stmt)})


def _filtered(
    stmt: Select[*Ts], scope: Scope, q: SaleQuery, numbers: list[str] | None
) -> Select[*Ts]:
    stmt = stmt.where(SaleRow.org_id == scope.org_id)
    if q.store_id is not None:
        stmt = stmt.where(SaleRow.store_id == q.store_id)
    elif scope.store_ids is not None:
        stmt = stmt.where(SaleRow.store_id.in_(sorted(scope.store_ids)))
    if q.till_code:
        stmt = stmt.where(SaleRow.till_code == q.till_code)
    if q.cashier_code:
        stmt = stmt.where(SaleRow.cashier_code == q.cashier_code)
    if q.day_from is not None:
        start = datetime.combine(q.day_from, time(), UTC) - _WIDEST_EAST
        stmt = stmt.where(SaleRow.business_day >= q.day_from, SaleRow.sold_at >= start)
    if q.day_to is not None:
        end = datetime.combine(q.day_to + timedelta(days=1), time(), UTC) + _WIDEST_WEST
        stmt = stmt.where(SaleRow.business_day <= q.day_to, SaleRow.sold_at < end)
    if q.tender:
        if q.tender not in TENDER_CHOICES:
            raise ValueError(f"unknown tender {q.tender!r}")
        # As the predicate of the kind's partial indexes (``ix_sales_[store_]tender_<kind>``).
        stmt = stmt.where(paid_with(SaleRow.tender_mask, q.tender))
    if q.flag:
        stmt = stmt.where(_flag_condition(q.flag))
    if numbers is not None:
        stmt = stmt.where(SaleRow.receipt_no.in_(numbers))
    return stmt


_LIST_COLUMNS = (
    SaleRow.sale_id,
    SaleRow.store_id,
    SaleRow.till_code,
    SaleRow.receipt_no,
    SaleRow.cashier_code,
    SaleRow.sold_at,
    SaleRow.business_day,
    SaleRow.total,
    SaleRow.line_count,
    SaleRow.flags,
)


def list_sales(
    session: Session,
    scope: Scope,
    query: SaleQuery,
    *,
    older_than: str | None = None,
    newer_than: str | None = None,
    limit: int = PAGE_SIZE,
) -> SalePage:
    """One page of sales, newest first: the first page, the one after ``older_than`` (going
    back in time) or the one before ``newer_than`` (coming back). Raises ``NotFound`` for a
    store outside the scope and ``BadCursor``/``ValueError`` for a forged cursor or filter."""
    if query.store_id is not None:
        require_store(session, scope, query.store_id)
    key = tuple_(SaleRow.sold_at, SaleRow.sale_id)
    numbers = None
    if query.receipt_no and query.receipt_no.strip():
        numbers = receipt_numbers(session, scope, query, query.receipt_no)
    stmt = _filtered(select(*_LIST_COLUMNS), scope, query, numbers)
    if newer_than is not None:
        at, sale_id = decode_cursor(newer_than)
        stmt = stmt.where(key > tuple_(at, sale_id))
        stmt = stmt.order_by(SaleRow.sold_at, SaleRow.sale_id)
    else:
        if older_than is not None:
            at, sale_id = decode_cursor(older_than)
            stmt = stmt.where(key < tuple_(at, sale_id))
        stmt = stmt.order_by(SaleRow.sold_at.desc(), SaleRow.sale_id.desc())
    rows = list(session.execute(stmt.limit(limit + 1)).all())
    more = len(rows) > limit
    rows = rows[:limit]
    if newer_than is not None:
        rows.reverse()
    items = _items(session, scope, rows)
    first, last = (items[0], items[-1]) if items else (None, None)
    older: str | None
    newer: str | None
    if newer_than is not None:
        older = encode_cursor(last.sold_at, last.sale_id) if last else newer_than
        newer = encode_cursor(first.sold_at, first.sale_id) if first and more else None
    else:
        older = encode_cursor(last.sold_at, last.sale_id) if last and more else None
        newer = encode_cursor(first.sold_at, first.sale_id) if first and older_than else None
    return SalePage(items=tuple(items), older=older, newer=newer)


def staff_names(session: Session, org_id: str, codes: Iterable[str]) -> dict[str, str]:
    """Cashier code (the staff id the tills send) to name, for the codes asked for."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    rows = session.execute(
        select(StaffMember.staff_id, StaffMember.name).where(
            StaffMember.org_id == org_id, StaffMember.staff_id.in_(wanted)
        )
    )
    return {code: name for code, name in rows}


def refund_marks(session: Session, org_id: str, sale_ids: list[str]) -> dict[str, tuple[str, ...]]:
    """Sale id to its refund marks, for one page of sales (one query on the refunds index)."""
    if not sale_ids:
        return {}
    marks: dict[str, set[str]] = {}
    rows = session.execute(
        select(RefundRow.original_sale_id, RefundRow.flags).where(
            RefundRow.org_id == org_id, RefundRow.original_sale_id.in_(sale_ids)
        )
    )
    for sale_id, flags in rows:
        found = marks.setdefault(sale_id, {FLAG_REFUNDED})
        if FLAG_OVER_REFUND in (flags or ()):
            found.add(FLAG_OVER_REFUND)
    return {sale_id: tuple(sorted(found, reverse=True)) for sale_id, found in marks.items()}


def _items(session: Session, scope: Scope, rows: list[Any]) -> list[SaleItem]:
    stores = {s.store_id: s for s in visible_stores(session, scope)}
    names = staff_names(session, scope.org_id, (r.cashier_code for r in rows))
    refunded = refund_marks(session, scope.org_id, [r.sale_id for r in rows])
    items = []
    for r in rows:
        store = stores.get(r.store_id)
        items.append(
            SaleItem(
                sale_id=r.sale_id,
                store_id=r.store_id,
                store_code=store.code if store else "",
                store_name=store.name if store else "",
                timezone=store.timezone if store else "Asia/Jakarta",
                till_code=r.till_code,
                receipt_no=r.receipt_no,
                cashier_code=r.cashier_code,
                cashier_name=names.get(r.cashier_code, r.cashier_code),
                sold_at=r.sold_at,
                business_day=r.business_day,
                total=r.total,
                line_count=r.line_count,
                flags=tuple(r.flags or ()),
                refund_marks=refunded.get(r.sale_id, ()),
            )
        )
    return items


# -- one sale ---------------------------------------------------------------------------------

RECEIPT_COLUMNS = 48
"""The till's default receipt width (80 mm paper, ``ReceiptConfig.columns``)."""


@dataclass(frozen=True, slots=True)
class RefundLineView:
    line_no: int
    name: str
    quantity: Decimal
    unit: str
    amount: int


@dataclass(frozen=True, slots=True)
class RefundView:
    """A refund stored against the sale, counted or held back as an over-refund."""

    refund_id: str
    refund_no: str
    till_code: str
    refunded_at: datetime
    total: int
    counted: bool
    flags: tuple[str, ...]
    flag_details: dict[str, Any]
    reason: str
    cashier_name: str
    approver_name: str
    lines: tuple[RefundLineView, ...]


@dataclass(frozen=True, slots=True)
class SaleView:
    """Everything the sale's page shows."""

    item: SaleItem
    received_at: datetime
    record: SaleRecord | None
    """The till's document read back; None for one this version cannot read."""
    flag_details: dict[str, Any]
    refunds: tuple[RefundView, ...]
    profile_version: int | None
    """The store profile version the receipt is drawn with."""
    receipt_text: str | None
    """The receipt as the till lays it out; None when it cannot be drawn."""

    @property
    def refunded_total(self) -> int:
        return sum(r.total for r in self.refunds if r.counted)


def store_info_of(profile: dict[str, Any]) -> StoreInfo:
    """The store on paper from a stored profile version, the way the till reads the cloud's
    store (``localdb.catalog_sync``): address split into lines, header and footer as lists."""
    address = str(profile.get("address") or "")
    return StoreInfo(
        name=str(profile.get("name") or ""),
        address_lines=tuple(line.strip() for line in address.splitlines() if line.strip()),
        npwp=str(profile.get("npwp") or ""),
        phone=str(profile.get("phone") or ""),
        footer_lines=tuple(str(x) for x in profile.get("receipt_footer") or ()),
        legal_name=str(profile.get("legal_name") or ""),
        header_lines=tuple(str(x) for x in profile.get("receipt_header") or ()),
        ppn_enabled=bool(profile.get("ppn_enabled")),
    )


def receipt_text(sale: SaleRecord, profile: dict[str, Any], columns: int = RECEIPT_COLUMNS) -> str:
    """The receipt exactly as the till prints it under ``profile``: the till's own code."""
    info = store_info_of(profile)
    receipt = build_receipt(sale, info, ppn_enabled=info.ppn_enabled)
    return "\n".join(render_text(receipt, columns))


def _profile_for(
    session: Session, store: Store, version: int | None
) -> tuple[int | None, dict[str, Any]]:
    """The profile version the sale was rung under; the store as it is now when the sale names
    none or its version was never kept (a store from before versions)."""
    if version is not None:
        row = session.get(StoreProfileVersion, (store.org_id, store.store_id, version))
        if row is not None:
            return version, dict(row.profile)
    return None, store_profile(store)


def _read_sale(payload: str) -> SaleRecord | None:
    try:
        return SaleRecord.from_json(json.loads(payload))
    except (ValueError, KeyError, TypeError, ArithmeticError):
        log.warning("a stored sale could not be read back", exc_info=True)
        return None


def _refunds(session: Session, org_id: str, sale_id: str) -> tuple[RefundView, ...]:
    rows = session.execute(
        select(RefundRow)
        .where(RefundRow.org_id == org_id, RefundRow.original_sale_id == sale_id)
        .order_by(RefundRow.refunded_at, RefundRow.refund_id)
    ).scalars()
    views = []
    for row in rows:
        try:
            record: RefundRecord | None = RefundRecord.from_json(json.loads(row.payload))
        except (ValueError, KeyError, TypeError, ArithmeticError):
            record = None
        lines = () if record is None else record.lines
        views.append(
            RefundView(
                refund_id=row.refund_id,
                refund_no=row.refund_no,
                till_code=row.till_code,
                refunded_at=row.refunded_at,
                total=row.total,
                counted=row.counted,
                flags=tuple(row.flags or ()),
                flag_details=dict(row.flag_details or {}),
                reason=record.reason if record else "",
                cashier_name=(record.cashier_name or record.cashier_code) if record else "",
                approver_name=record.approver_name if record else "",
                lines=tuple(
                    RefundLineView(ln.line_no, ln.name, ln.quantity, ln.unit, ln.amount)
                    for ln in lines
                ),
            )
        )
    return tuple(views)


def sale_view(session: Session, scope: Scope, sale_id: str) -> SaleView:
    """The sale's page; ``NotFound`` for another organization's sale or a store out of scope."""
    row = session.get(SaleRow, (scope.org_id, sale_id)) if len(sale_id) <= 36 else None
    if row is None or not scope.sees(row.store_id):
        raise NotFound(sale_id)
    store = require_store(session, scope, row.store_id)
    record = _read_sale(row.payload)
    (item,) = _items(session, scope, [row])
    if record is not None and record.cashier_name:
        item = replace(item, cashier_name=record.cashier_name)
    version, text = None, None
    if record is not None:
        version, profile = _profile_for(session, store, record.profile_version)
        try:
            text = receipt_text(record, profile)
        except ValueError:
            log.warning("sale %s: its receipt cannot be drawn", sale_id, exc_info=True)
    return SaleView(
        item=item,
        received_at=row.received_at,
        record=record,
        flag_details=dict(row.flag_details or {}),
        refunds=_refunds(session, scope.org_id, sale_id),
        profile_version=version,
        receipt_text=text,
    )
