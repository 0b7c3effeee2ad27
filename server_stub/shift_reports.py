"""X and Z reports from the tills: stored exactly once, a Z number never used twice per till.

A batch is one transaction; each report gets its own savepoint, so one bad report never blocks
the others. Per report:

1. Shape and identity: the document must parse as a ``ShiftReport`` (the domain's own reader,
   which recomputes the derived figures); its store must be the sending till's store, else
   ``rejected``.
2. Idempotency by ``report_id`` and content hash: the same report again is a ``duplicate``;
   another content under the same id is a ``conflict``; nothing is overwritten.
3. A Z report whose number this till already used for another report is a ``conflict``
   (``z_number_used``): the partial unique index (org, store, till, number) WHERE kind = 'Z'
   is the final word, also when two deliveries race.
4. Stored anyway but flagged: ``figures_mismatch`` (the till's totals, expected cash or
   differences disagree with the recomputation) and ``till_code_mismatch`` (the report names
   another till than the paired device's; the device's till code is what is stored).

A Z report stored now writes its shift.closed webhook event in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.shift_report import ReportKind, ShiftReport
from server_stub.models import Device, ShiftReportRow, Store
from server_stub.schemas import INT32_MAX, DocumentAck
from server_stub.submitter import Submitter
from server_stub.webhooks import sources

log = logging.getLogger(__name__)

FLAG_FIGURES = "figures_mismatch"
FLAG_TILL = "till_code_mismatch"
MAX_ID = 64


class Rejected(Exception):
    pass


@dataclass(slots=True)
class Prepared:
    report: ShiftReport
    payload: str
    content_hash: str
    flags: list[str] = field(default_factory=list)


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _read(raw: Any) -> tuple[ShiftReport, list[str]]:
    """The report and its figure problems; ``Rejected`` when it cannot be read."""
    if not isinstance(raw, dict):
        raise Rejected("a shift report must be a JSON object")
    try:
        report = ShiftReport.from_json(raw)
        problems = report.check_consistent(raw)
    except (ValueError, KeyError, TypeError, ArithmeticError, AttributeError) as exc:
        raise Rejected(f"unreadable shift report: {type(exc).__name__}: {exc}"[:300]) from None
    except UserError as exc:  # the cash count: negative pieces, unknown denomination
        raise Rejected(f"unreadable shift report: {exc}"[:300]) from None
    return report, problems


def prepare(raw: Any, submitter: Submitter) -> Prepared:
    report, problems = _read(raw)
    if not report.report_id or len(report.report_id) > MAX_ID:
        raise Rejected("report_id must be 1 to 64 characters")
    if not report.shift.shift_id or len(report.shift.shift_id) > MAX_ID:
        raise Rejected("shift_id must be 1 to 64 characters")
    if not 1 <= report.report_no <= INT32_MAX:
        raise Rejected(f"report_no must be 1 to {INT32_MAX}")
    if not 0 <= report.pending_sales <= INT32_MAX:
        raise Rejected(f"pending_sales must be 0 to {INT32_MAX}")
    if report.shift.store_code != submitter.store.code:
        raise Rejected(
            f"store_mismatch: this till belongs to store {submitter.store.code}, "
            f"not {report.shift.store_code}"
        )
    if report.kind is ReportKind.Z and report.shift.closed_at is None:
        raise Rejected("a Z report must carry the shift's closing time")
    payload = canonical_json(raw)
    prepared = Prepared(report, payload, hashlib.sha256(payload.encode("utf-8")).hexdigest())
    if problems:
        prepared.flags.append(FLAG_FIGURES)
    if report.shift.till_code != submitter.till_code:
        prepared.flags.append(FLAG_TILL)
    return prepared


def _business_day(report: ShiftReport) -> date:
    """The till's local day the report belongs to: the close for a Z, the making for an X."""
    at = report.shift.closed_at if report.kind is ReportKind.Z else None
    return (at or report.created_at).date()


def _z_holder(session: Session, p: Prepared, submitter: Submitter) -> ShiftReportRow | None:
    return session.execute(
        select(ShiftReportRow).where(
            ShiftReportRow.org_id == submitter.org_id,
            ShiftReportRow.store_id == submitter.store.store_id,
            ShiftReportRow.till_code == submitter.till_code,
            ShiftReportRow.kind == ReportKind.Z.value,
            ShiftReportRow.report_no == p.report.report_no,
        )
    ).scalar_one_or_none()


def _flags(row: ShiftReportRow) -> list[str]:
    """Flags are not a column of their own: they are recomputed from the stored payload."""
    try:
        report, problems = _read(json.loads(row.payload))
    except (Rejected, ValueError):  # pragma: no cover - it was checked on arrival
        return []
    flags = [FLAG_FIGURES] if problems else []
    if report.shift.till_code != row.till_code:
        flags.append(FLAG_TILL)
    return flags


def _answer_existing(row: ShiftReportRow, p: Prepared, submitter: Submitter) -> DocumentAck:
    if row.store_id != submitter.store.store_id or row.content_hash != p.content_hash:
        return DocumentAck(
            id=p.report.report_id,
            status="conflict",
            reason="a different report with this report_id is already stored;"
            " nothing was overwritten",
        )
    return DocumentAck(id=p.report.report_id, status="duplicate", flags=_flags(row))


def _z_conflict(p: Prepared) -> DocumentAck:
    return DocumentAck(
        id=p.report.report_id,
        status="conflict",
        reason=f"z_number_used: Z {p.report.report_no} of this till is already another report",
    )


def _row(p: Prepared, submitter: Submitter, received_at: datetime) -> ShiftReportRow:
    r = p.report
    return ShiftReportRow(
        org_id=submitter.org_id,
        report_id=r.report_id,
        store_id=submitter.store.store_id,
        device_id=submitter.device_id,
        till_code=submitter.till_code,
        kind=r.kind.value,
        report_no=r.report_no,
        shift_id=r.shift.shift_id,
        opened_at=r.shift.opened_at,
        closed_at=r.shift.closed_at,
        business_day=_business_day(r),
        received_at=received_at,
        pending_sales=r.pending_sales,
        content_hash=p.content_hash,
        payload=p.payload,
    )


def _settled(session: Session, p: Prepared, submitter: Submitter) -> DocumentAck | None:
    """The answer when the report or its Z number is already stored, else ``None``."""
    existing = session.get(ShiftReportRow, (submitter.org_id, p.report.report_id))
    if existing is not None:
        return _answer_existing(existing, p, submitter)
    if p.report.kind is ReportKind.Z and _z_holder(session, p, submitter) is not None:
        return _z_conflict(p)
    return None


def _store_one(
    session: Session, p: Prepared, submitter: Submitter, received_at: datetime
) -> DocumentAck:
    answer = _settled(session, p, submitter)
    if answer is not None:
        return answer
    try:
        with session.begin_nested():
            session.add(_row(p, submitter, received_at))
    except IntegrityError:
        # Another request stored this report, or this Z number, since we looked.
        answer = _settled(session, p, submitter)
        if answer is None:
            raise
        return answer
    return DocumentAck(id=p.report.report_id, status="accepted", flags=p.flags)


def _event_head(p: Prepared) -> dict[str, Any]:
    """What shift.closed says besides the report itself (``server_stub.webhooks.sources``)."""
    r = p.report
    return {
        "report_id": r.report_id,
        "report_no": r.report_no,
        "shift_id": r.shift.shift_id,
        "opened_at": r.shift.opened_at.isoformat(),
        "closed_at": r.shift.closed_at.isoformat() if r.shift.closed_at else None,
        "business_day": _business_day(r).isoformat(),
        "pending_sales": r.pending_sales,
        "flags": p.flags,
    }


def ingest_reports(
    session: Session, submitter: Submitter, documents: list[Any], *, received_at: datetime
) -> list[DocumentAck]:
    """Store a batch; one acknowledgement per document, in order. Commits."""
    acks: list[DocumentAck] = []
    for raw in documents:
        try:
            p = prepare(raw, submitter)
        except Rejected as exc:
            report_id = raw.get("report_id") if isinstance(raw, dict) else None
            good_id = isinstance(report_id, str) and 0 < len(report_id) <= MAX_ID
            acks.append(
                DocumentAck(id=report_id if good_id else None, status="rejected", reason=str(exc))
            )
            continue
        ack = _store_one(session, p, submitter, received_at)
        if ack.status == "accepted" and p.report.kind is ReportKind.Z:
            sources.shift_closed(session, submitter, _event_head(p), p.payload, received_at)
        if ack.status == "accepted":
            log.info(
                "%s report %d of %s/%s stored (%s)",
                p.report.kind.value,
                p.report.report_no,
                submitter.store.code,
                submitter.till_code,
                p.report.report_id,
            )
        elif ack.status == "conflict":
            log.warning("shift report %s: %s", p.report.report_id, ack.reason)
        acks.append(ack)
    session.execute(
        update(Device)
        .where(Device.org_id == submitter.org_id, Device.device_id == submitter.device_id)
        .values(last_sync_at=received_at)
    )
    session.commit()
    return acks


# -- owner queries ------------------------------------------------------------------------------


class ShiftReportOut(BaseModel):
    report_id: str
    store_code: str
    till_code: str
    kind: str
    report_no: int
    shift_id: str
    opened_at: datetime
    closed_at: datetime | None
    business_day: date
    received_at: datetime
    pending_sales: int
    flags: list[str]
    report: dict[str, Any]
    """The report document as the till printed and sent it."""


class ShiftReportList(BaseModel):
    items: list[ShiftReportOut]


REPORT_ORDER = (
    ShiftReportRow.business_day,
    Store.code,
    ShiftReportRow.till_code,
    ShiftReportRow.opened_at,
    ShiftReportRow.kind,
    ShiftReportRow.report_no,
    ShiftReportRow.report_id,
)


def list_reports(
    session: Session,
    org_id: str,
    *,
    store: Store | None,
    till: str | None,
    day: date | None,
    kind: str | None,
    limit: int,
    store_ids: Collection[str] | None = None,
    after: tuple[Any, ...] | None = None,
) -> ShiftReportList:
    """``store_ids``: only these stores (an API key limited to them); ``None``: every store.
    ``after``: only reports past that key of :data:`REPORT_ORDER`'s columns (the owner API's
    cursor: business day, store code, till code, opened at, kind, number, report id)."""
    stmt = (
        select(ShiftReportRow, Store.code)
        .join(
            Store,
            (Store.org_id == ShiftReportRow.org_id) & (Store.store_id == ShiftReportRow.store_id),
        )
        .where(ShiftReportRow.org_id == org_id)
    )
    if store is not None:
        stmt = stmt.where(ShiftReportRow.store_id == store.store_id)
    if store_ids is not None:
        stmt = stmt.where(ShiftReportRow.store_id.in_(sorted(store_ids)))
    if till is not None:
        stmt = stmt.where(ShiftReportRow.till_code == till)
    if day is not None:
        stmt = stmt.where(ShiftReportRow.business_day == day)
    if kind is not None:
        stmt = stmt.where(ShiftReportRow.kind == kind)
    if after is not None:
        stmt = stmt.where(tuple_(*REPORT_ORDER) > after)
    stmt = stmt.order_by(*REPORT_ORDER).limit(limit)
    items = [
        ShiftReportOut(
            report_id=row.report_id,
            store_code=code,
            till_code=row.till_code,
            kind=row.kind,
            report_no=row.report_no,
            shift_id=row.shift_id,
            opened_at=row.opened_at,
            closed_at=row.closed_at,
            business_day=row.business_day,
            received_at=row.received_at,
            pending_sales=row.pending_sales,
            flags=_flags(row),
            report=json.loads(row.payload),
        )
        for row, code in session.execute(stmt).all()
    ]
    return ShiftReportList(items=items)
