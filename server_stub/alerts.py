"""Alerts for the owner: what ingest flagged, listed in one place and resolved with a note.

Three sources, each left exactly as ingest stored it:

- ``journal``: a journal alert (``journal_alerts``: a gap, a break, a tampered or conflicting
  entry in a till's audit journal);
- ``refund``: an over-refund (``refunds`` kept but not counted, flag ``over_refund``);
- ``sale``: a sale with flags (totals mismatch, unknown product, clock skew, stale profile, a
  reused receipt number, a till code that is not the device's).

An alert is open until a ``resolutions`` row names it: who resolved it, when, and their note.
Resolving changes no figure: an over-refund stays out of stock and totals (the money went out of
the drawer, but the goods did not come back twice), a flagged sale stays as the till sent it.
The note says what was done about it, in the shop.

Every function takes the caller's organization and the stores they may see (``None``: all,
the owner); an alert of another organization or of a store out of sight is "not found", never
"forbidden", so no id can be probed. The lists read the partial indexes of
``server_stub.models.resolutions`` (only flagged rows), never the whole sales table.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from sqlalchemy import Select, TextClause, and_, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server_stub.models import JournalAlert, RefundRow, SaleRow, Store
from server_stub.models.resolutions import REFUND_NOT_COUNTED, SALE_FLAGGED, Resolution
from server_stub.models.web import UserStore
from server_stub.schemas import clean_text

log = logging.getLogger(__name__)

AlertKind = Literal["journal", "refund", "sale"]
AlertStatus = Literal["open", "resolved", "all"]
KINDS: tuple[AlertKind, ...] = get_args(AlertKind)
STATUSES: tuple[AlertStatus, ...] = get_args(AlertStatus)
DEFAULT_ZONE = "Asia/Jakarta"
MAX_NOTE = 1000


def _note(value: str) -> str:
    value = clean_text(value).strip()
    if not value:
        raise ValueError("the note must say what was done")
    return value


Note = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NOTE), AfterValidator(_note)]


class ResolveIn(BaseModel):
    """What was done about the alert, in a few words (required, at most 1000 characters)."""

    note: Note

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"note": "Checked with Siti: refunded twice, repaid."}]},
    )


class ResolutionOut(BaseModel):
    note: str
    resolved_by: str
    """The email of the user who resolved it."""
    resolved_at: datetime


class AlertOut(BaseModel):
    """One alert. ``reasons`` are the flags (or the journal alert's kind), ``details`` what ingest
    recorded about each; ``reference`` the receipt or refund number, or the journal entry."""

    kind: AlertKind
    id: str
    store_code: str
    till_code: str
    at: datetime
    reasons: list[str]
    details: dict[str, Any]
    reference: str
    total: int | None
    resolution: ResolutionOut | None


class AlertList(BaseModel):
    items: list[AlertOut]
    has_more: bool


class AlertNotFound(LookupError):
    """No such alert for this caller (another organization's, or a store out of sight)."""


class AlreadyResolved(Exception):
    """Someone resolved this alert first; their note stands."""


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose alerts: an organization, and the stores the caller sees (``None``: all of them)."""

    org_id: str
    store_ids: frozenset[str] | None = None

    def sees(self, store_id: str) -> bool:
        return self.store_ids is None or store_id in self.store_ids


def user_store_ids(session: Session, org_id: str, user_id: str, role: str) -> frozenset[str] | None:
    """The stores an owner-API user sees: every store for the owner (``None``), a manager's own
    (``user_stores``, as in the back office)."""
    if role == "owner":
        return None
    return frozenset(
        session.execute(
            select(UserStore.store_id).where(
                UserStore.org_id == org_id, UserStore.user_id == user_id
            )
        ).scalars()
    )


@dataclass(frozen=True, slots=True)
class StoreInfo:
    store_id: str
    code: str
    name: str
    timezone: str


@dataclass(frozen=True, slots=True)
class Alert:
    kind: AlertKind
    subject_id: str
    store: StoreInfo
    till_code: str
    at: datetime
    """When it happened: the sale or refund on the till's clock, or when the journal fault was
    detected; UTC."""
    reasons: list[str]
    details: dict[str, Any]
    reference: str
    total: int | None
    resolution: Resolution | None

    def out(self) -> AlertOut:
        res = self.resolution
        return AlertOut(
            kind=self.kind,
            id=self.subject_id,
            store_code=self.store.code,
            till_code=self.till_code,
            at=self.at,
            reasons=self.reasons,
            details=self.details,
            reference=self.reference,
            total=self.total,
            resolution=None
            if res is None
            else ResolutionOut(
                note=res.note, resolved_by=res.resolved_by_email, resolved_at=res.resolved_at
            ),
        )


@dataclass(frozen=True, slots=True)
class AlertPage:
    items: list[Alert]
    has_more: bool


@dataclass(frozen=True, slots=True)
class AlertQuery:
    status: AlertStatus = "open"
    kind: AlertKind | None = None
    store_id: str | None = None
    """One store (already checked visible), or ``None`` for every store in scope."""
    limit: int = 50
    offset: int = 0


# -- sources ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Source:
    kind: AlertKind
    model: type[Any]
    id_col: Any
    at_col: Any
    only_alerts: TextClause | None

    def id_of(self, row: Any) -> str:
        value: str = getattr(row, self.id_col.key)
        return value


_SOURCES: dict[AlertKind, _Source] = {
    "journal": _Source(
        "journal", JournalAlert, JournalAlert.alert_id, JournalAlert.detected_at, None
    ),
    "refund": _Source(
        "refund", RefundRow, RefundRow.refund_id, RefundRow.refunded_at, text(REFUND_NOT_COUNTED)
    ),
    "sale": _Source("sale", SaleRow, SaleRow.sale_id, SaleRow.sold_at, text(SALE_FLAGGED)),
}


def _joined(source: _Source, scope: Scope, status: AlertStatus) -> Select[Any]:
    model = source.model
    on = and_(
        Resolution.org_id == model.org_id,
        Resolution.subject_kind == source.kind,
        Resolution.subject_id == source.id_col,
    )
    query = select(model, Resolution).where(model.org_id == scope.org_id)
    if source.only_alerts is not None:
        query = query.where(source.only_alerts)
    if status == "resolved":
        query = query.join(Resolution, on)
    else:
        query = query.outerjoin(Resolution, on)
        if status == "open":
            query = query.where(Resolution.subject_id.is_(None))
    if scope.store_ids is not None:
        query = query.where(model.store_id.in_(sorted(scope.store_ids)))
    return query


def _stores(session: Session, org_id: str) -> dict[str, StoreInfo]:
    return {
        s.store_id: StoreInfo(s.store_id, s.code, s.name, store_zone(s))
        for s in session.execute(select(Store).where(Store.org_id == org_id)).scalars()
    }


def store_zone(store: Store) -> str:
    """The store's IANA time zone, in which its alerts' times are shown."""
    return store.timezone or DEFAULT_ZONE


def _alert(kind: AlertKind, row: Any, res: Resolution | None, store: StoreInfo) -> Alert:
    if kind == "journal":
        return Alert(
            kind=kind,
            subject_id=row.alert_id,
            store=store,
            till_code=row.till_code,
            at=row.detected_at,
            reasons=[row.kind],
            details={"detail": row.detail, "journal_id": row.journal_id, "seq": row.seq},
            reference=f"#{row.seq}",
            total=None,
            resolution=res,
        )
    if kind == "refund":
        return Alert(
            kind=kind,
            subject_id=row.refund_id,
            store=store,
            till_code=row.till_code,
            at=row.refunded_at,
            reasons=list(row.flags),
            details={**dict(row.flag_details), "original_sale_id": row.original_sale_id},
            reference=row.refund_no,
            total=row.total,
            resolution=res,
        )
    return Alert(
        kind=kind,
        subject_id=row.sale_id,
        store=store,
        till_code=row.till_code,
        at=row.sold_at,
        reasons=list(row.flags),
        details=dict(row.flag_details),
        reference=row.receipt_no,
        total=row.total,
        resolution=res,
    )


def _missing_store(store_id: str) -> StoreInfo:
    return StoreInfo(store_id, "?", "?", DEFAULT_ZONE)


# -- queries ----------------------------------------------------------------------------------


def list_alerts(session: Session, scope: Scope, query: AlertQuery) -> AlertPage:
    """Newest first across the kinds asked for; ``has_more`` when a next page exists.

    Each kind is read newest first up to ``offset + limit + 1`` rows through its own index and
    the three are merged, so a page costs three short index reads, whatever the history.
    """
    if query.store_id is not None and not scope.sees(query.store_id):
        return AlertPage([], False)
    wanted = min(query.offset + query.limit + 1, 10_000)
    rows: list[tuple[AlertKind, Any, Resolution | None]] = []
    for kind in KINDS if query.kind is None else (query.kind,):
        source = _SOURCES[kind]
        stmt = _joined(source, scope, query.status)
        if query.store_id is not None:
            stmt = stmt.where(source.model.store_id == query.store_id)
        stmt = stmt.order_by(source.at_col.desc(), source.id_col.desc()).limit(wanted)
        rows.extend((kind, row, res) for row, res in session.execute(stmt))
    rows.sort(key=lambda r: (_at(r[0], r[1]), r[0], _SOURCES[r[0]].id_of(r[1])), reverse=True)
    page = rows[query.offset : query.offset + query.limit + 1]
    stores = _stores(session, scope.org_id)
    items = [
        _alert(kind, row, res, stores.get(row.store_id) or _missing_store(row.store_id))
        for kind, row, res in page[: query.limit]
    ]
    return AlertPage(items, len(page) > query.limit)


def _at(kind: AlertKind, row: Any) -> datetime:
    value: datetime = getattr(row, _SOURCES[kind].at_col.key)
    return value


def count_open(session: Session, scope: Scope, store_id: str | None = None) -> dict[AlertKind, int]:
    """Open alerts per kind, for the tabs and the header's badge."""
    counts: dict[AlertKind, int] = {}
    for kind, source in _SOURCES.items():
        stmt = _joined(source, scope, "open")
        if store_id is not None:
            stmt = stmt.where(source.model.store_id == store_id)
        counted = stmt.with_only_columns(func.count()).order_by(None)
        counts[kind] = int(session.execute(counted).scalar_one())
    return counts


def count_open_total(session: Session, scope: Scope) -> int:
    """Open alerts of every kind in one statement (the three counts of ``count_open`` as scalar
    subqueries, added): the menu's badge, paid on every page."""
    if scope.store_ids is not None and not scope.store_ids:
        return 0
    total: Any = None
    for source in _SOURCES.values():
        counted = _joined(source, scope, "open").with_only_columns(func.count()).order_by(None)
        part = counted.scalar_subquery()
        total = part if total is None else total + part
    return int(session.execute(select(total)).scalar_one())


def get_alert(session: Session, scope: Scope, kind: AlertKind, subject_id: str) -> Alert:
    """One alert with its resolution, or :class:`AlertNotFound`."""
    source = _SOURCES[kind]
    stmt = _joined(source, scope, "all").where(source.id_col == subject_id)
    found = session.execute(stmt).first()
    if found is None:
        raise AlertNotFound(subject_id)
    row, res = found
    store = _stores(session, scope.org_id).get(row.store_id) or _missing_store(row.store_id)
    return _alert(kind, row, res, store)


# -- the one write ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Resolver:
    """Who resolves: the signed-in user, kept with the note."""

    user_id: str
    email: str


def resolve(
    session: Session,
    scope: Scope,
    kind: AlertKind,
    subject_id: str,
    note: str,
    by: Resolver,
    now: datetime,
) -> Alert:
    """Mark the alert resolved with ``note`` (the caller commits; a note that is empty or too
    long raises pydantic's ``ValidationError``, so check it with :class:`ResolveIn` first).

    :class:`AlertNotFound` for an alert the caller cannot see, :class:`AlreadyResolved` when it
    has a resolution (also when another request wrote one a moment before: the key refuses the
    second, inside a savepoint, so the caller's transaction stays usable).
    """
    alert = get_alert(session, scope, kind, subject_id)
    if alert.resolution is not None:
        raise AlreadyResolved(subject_id)
    row = Resolution(
        org_id=scope.org_id,
        subject_kind=kind,
        subject_id=subject_id,
        store_id=alert.store.store_id,
        note=ResolveIn(note=note).note,
        resolved_by=by.user_id,
        resolved_by_email=by.email,
        resolved_at=now,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        raise AlreadyResolved(subject_id) from None
    log.info("%s alert %s of store %s resolved by %s", kind, subject_id, alert.store.code, by.email)
    return get_alert(session, scope, kind, subject_id)
