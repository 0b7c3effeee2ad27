"""Z reports for the back office: the list per store, till and day, one report, and the cash
over/short (selisih) per cashier.

The cloud keeps each Z report exactly as the till printed it (``shift_reports``); the figures
shown here are read back through the domain's own reader (``ShiftReport.from_json``), which
recomputes the derived ones (expected cash, selisih), so the back office and the paper agree.

Selisih belongs to the cashier who ran the shift (``opened_by``, the one whose float it was);
who closed it (counted the drawer) is shown beside it. Days are the till's local day of the
close (``business_day``), so a date range is store-local.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pos_desktop.domain.shift_report import ReportKind, ShiftReport
from server_stub.models import ShiftReportRow, StaffMember, Store

log = logging.getLogger(__name__)

MAX_LISTED = 2_000
"""A list page never holds more Z reports than this (20 stores x 3 tills x a month is 1,800)."""


@dataclass(frozen=True, slots=True)
class ZSummary:
    report_id: str
    store_id: str
    store_code: str
    store_name: str
    till_code: str
    report_no: int
    document_no: str
    business_day: date
    opened_at: datetime
    closed_at: datetime | None
    opened_by: str
    closed_by: str
    sales_count: int
    sales_total: int
    refunds_total: int
    net_total: int
    cash_expected: int
    cash_counted: int | None
    selisih: int | None
    """Counted minus expected cash: negative is short (kurang), positive over (lebih)."""


@dataclass(frozen=True, slots=True)
class ZDetail:
    summary: ZSummary
    report: ShiftReport
    received_at: datetime
    pending_sales: int


@dataclass(slots=True)
class CashierSelisih:
    cashier_code: str
    cashier_name: str
    shifts: int = 0
    counted_shifts: int = 0
    short_shifts: int = 0
    over_shifts: int = 0
    short_total: int = 0
    """Sum of the shortfalls, as a negative number."""
    over_total: int = 0
    selisih: int = 0
    """Net over/short across the shifts."""
    sales_total: int = 0
    stores: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class ZFilter:
    """What a Z list is limited to; ``visible`` is the signed-in person's stores (None: all)."""

    org_id: str
    visible: frozenset[str] | None
    store_id: str | None = None
    till_code: str | None = None
    day_from: date | None = None
    day_to: date | None = None


def _select(f: ZFilter) -> Select[ShiftReportRow, Store]:
    stmt = (
        select(ShiftReportRow, Store)
        .join(
            Store,
            (Store.org_id == ShiftReportRow.org_id) & (Store.store_id == ShiftReportRow.store_id),
        )
        .where(ShiftReportRow.org_id == f.org_id, ShiftReportRow.kind == ReportKind.Z.value)
    )
    if f.visible is not None:
        stmt = stmt.where(ShiftReportRow.store_id.in_(sorted(f.visible)))
    if f.store_id is not None:
        stmt = stmt.where(ShiftReportRow.store_id == f.store_id)
    if f.till_code:
        stmt = stmt.where(ShiftReportRow.till_code == f.till_code)
    if f.day_from is not None:
        stmt = stmt.where(ShiftReportRow.business_day >= f.day_from)
    if f.day_to is not None:
        stmt = stmt.where(ShiftReportRow.business_day <= f.day_to)
    return stmt


def _read(row: ShiftReportRow) -> ShiftReport | None:
    try:
        return ShiftReport.from_json(json.loads(row.payload))
    except (ValueError, KeyError, TypeError, ArithmeticError):  # pragma: no cover - checked
        log.warning("stored Z report %s no longer reads", row.report_id)
        return None


def _summary(row: ShiftReportRow, store: Store, report: ShiftReport) -> ZSummary:
    return ZSummary(
        report_id=row.report_id,
        store_id=row.store_id,
        store_code=store.code,
        store_name=store.name,
        till_code=row.till_code,
        report_no=row.report_no,
        document_no=report.document_no,
        business_day=row.business_day,
        opened_at=row.opened_at,
        closed_at=row.closed_at,
        opened_by=report.shift.opened_by,
        closed_by=report.shift.closed_by or "",
        sales_count=report.sales_count,
        sales_total=report.sales_total,
        refunds_total=report.refunds_total,
        net_total=report.net_total,
        cash_expected=report.cash.expected,
        cash_counted=report.cash.counted,
        selisih=report.cash.difference,
    )


def _rows(session: Session, f: ZFilter) -> Iterable[tuple[ShiftReportRow, Store, ShiftReport]]:
    stmt = _select(f).order_by(
        ShiftReportRow.business_day.desc(),
        Store.code,
        ShiftReportRow.till_code,
        ShiftReportRow.report_no.desc(),
    )
    for row, store in session.execute(stmt.limit(MAX_LISTED)):
        report = _read(row)
        if report is not None:
            yield row, store, report


def list_z_reports(session: Session, f: ZFilter) -> list[ZSummary]:
    """Newest day first, then store, till and Z number."""
    return [_summary(row, store, report) for row, store, report in _rows(session, f)]


def z_report(
    session: Session, org_id: str, visible: frozenset[str] | None, report_id: str
) -> ZDetail | None:
    """One Z report, or ``None`` when it is not this person's to see (the page answers 404)."""
    found = session.execute(
        _select(ZFilter(org_id=org_id, visible=visible)).where(
            ShiftReportRow.report_id == report_id
        )
    ).first()
    if found is None:
        return None
    row, store = found
    report = _read(row)
    if report is None:
        return None
    return ZDetail(_summary(row, store, report), report, row.received_at, row.pending_sales)


def staff_names(session: Session, org_id: str) -> dict[str, str]:
    """Cashier code (the staff id the tills send) to name."""
    rows = session.execute(
        select(StaffMember.staff_id, StaffMember.name).where(StaffMember.org_id == org_id)
    )
    return {staff_id: name for staff_id, name in rows}


def selisih_by_cashier(session: Session, f: ZFilter) -> list[CashierSelisih]:
    """Per cashier: shifts, shifts short and over, and the amounts; the biggest net shortfall
    first, since that is what an owner looks for."""
    names = staff_names(session, f.org_id)
    found: dict[str, CashierSelisih] = {}
    for summary in list_z_reports(session, f):
        code = summary.opened_by
        entry = found.get(code)
        if entry is None:
            entry = found[code] = CashierSelisih(code, names.get(code, ""))
        entry.shifts += 1
        entry.sales_total += summary.sales_total
        entry.stores.add(summary.store_code)
        if summary.selisih is None:
            continue
        entry.counted_shifts += 1
        entry.selisih += summary.selisih
        if summary.selisih < 0:
            entry.short_shifts += 1
            entry.short_total += summary.selisih
        elif summary.selisih > 0:
            entry.over_shifts += 1
            entry.over_total += summary.selisih
    return sorted(found.values(), key=lambda e: (e.selisih, e.cashier_code))
