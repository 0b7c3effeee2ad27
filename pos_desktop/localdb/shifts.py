"""Cash shifts in SQLite: open, cash in/out, X reports, and close with the Z report.

Every action is one ``BEGIN IMMEDIATE`` transaction that also writes its journal entry (and, for
a report, its outbox row), so a shift is never closed without its Z report, a Z number is never
used twice (the counter rolls back with a failed close) and the journal never names an action
that did not happen.

A report is computed from what the database holds for the shift: sales and refunds booked to it
(``shift_id``), its cash movements, the journal entries after the shift was opened (drawer opens
and approvals) and the sales the cloud has not acknowledged yet. The figures themselves come from
``domain.shift_report``, so the till and the cloud compute them the same way.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.shift_report import (
    CashMovement,
    MovementKind,
    RefundSummary,
    ReportKind,
    ShiftInfo,
    ShiftReport,
    check_float,
    check_movement,
)
from pos_desktop.domain.shift_totals import build_shift_report
from pos_desktop.localdb import doc_outbox, journal
from pos_desktop.localdb.models import (
    CashMovementRow,
    RefundRow,
    SaleRow,
    ShiftReportRow,
    ShiftRow,
)
from pos_desktop.localdb.sales import till_identity
from pos_desktop.localdb.transactions import read_session, write_session

log = logging.getLogger(__name__)

Z_COUNTER = "z_report"
_PENDING_SALES = text("SELECT count(*) FROM outbox WHERE status = 'pending'")
_JOURNAL_KINDS = text(
    "SELECT kind, count(*) FROM journal WHERE seq > :after AND kind IN ('drawer_open', 'approval')"
    " GROUP BY kind"
)


def x_counter(shift_id: str) -> str:
    return f"x_report:{shift_id}"


def _dumps(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def refund_summary(record: RefundRecord) -> RefundSummary:
    """What a shift report needs of a stored refund."""
    taxes: dict[str, int] = {}
    for line in record.lines:
        if line.tax:
            taxes[line.tax_code] = taxes.get(line.tax_code, 0) + line.tax
    return RefundSummary(
        refund_id=record.refund_id,
        refund_no=record.refund_no,
        total=record.total,
        tenders=tuple((t.kind.value, t.amount) for t in record.tenders),
        taxes=tuple(sorted(taxes.items())),
    )


def _open_row(session: Session, till_code: str) -> ShiftRow | None:
    return session.execute(
        select(ShiftRow).where(ShiftRow.till_code == till_code, ShiftRow.closed_at.is_(None))
    ).scalar_one_or_none()


def _require_open(session: Session) -> tuple[str, ShiftRow]:
    store_code, till_code = till_identity(session)
    row = _open_row(session, till_code)
    if row is None:
        raise UserError("shift.not_open")
    return store_code, row


def _info(store_code: str, row: ShiftRow, local: datetime) -> ShiftInfo:
    """The shift with its times in the till's local offset (``local``'s), as printed."""
    tz = local.tzinfo or UTC
    return ShiftInfo(
        shift_id=row.shift_id,
        store_code=store_code,
        till_code=row.till_code,
        opened_at=row.opened_at.astimezone(tz),
        opened_by=row.opened_by,
        opening_float=row.opening_float,
        closed_at=None if row.closed_at is None else row.closed_at.astimezone(tz),
        closed_by=row.closed_by,
    )


def _movements(session: Session, shift_id: str, local: datetime) -> list[CashMovement]:
    tz = local.tzinfo or UTC
    rows = session.execute(
        select(CashMovementRow)
        .where(CashMovementRow.shift_id == shift_id)
        .order_by(CashMovementRow.at, CashMovementRow.movement_id)
    ).scalars()
    return [
        CashMovement(
            movement_id=r.movement_id,
            kind=MovementKind(r.kind),
            amount=r.amount,
            reason=r.reason,
            note=r.note,
            at=r.at.astimezone(tz),
            actor_code=r.actor_code,
            approver_code=r.approver_code,
        )
        for r in rows
    ]


def _report(
    session: Session,
    shift: ShiftInfo,
    open_seq: int,
    *,
    report_id: str,
    kind: ReportKind,
    report_no: int,
    now: datetime,
    count: CashCount | None = None,
    other_counted: Mapping[str, int] | None = None,
    note: str = "",
) -> ShiftReport:
    sales = [
        SaleRecord.from_json(json.loads(doc))
        for doc in session.scalars(
            select(SaleRow.document).where(SaleRow.shift_id == shift.shift_id)
        )
    ]
    refunds = [
        refund_summary(RefundRecord.from_json(json.loads(doc)))
        for doc in session.scalars(
            select(RefundRow.document).where(RefundRow.shift_id == shift.shift_id)
        )
    ]
    kinds = {str(k): int(n) for k, n in session.execute(_JOURNAL_KINDS, {"after": open_seq}).all()}
    return build_shift_report(
        report_id=report_id,
        kind=kind,
        report_no=report_no,
        created_at=now,
        shift=shift,
        sales=sales,
        refunds=refunds,
        movements=_movements(session, shift.shift_id, now),
        drawer_opens=kinds.get(JournalKind.DRAWER_OPEN.value, 0),
        approvals=kinds.get(JournalKind.APPROVAL.value, 0),
        pending_sales=int(session.execute(_PENDING_SALES).scalar_one()),
        count=count,
        other_counted=other_counted,
        note=note,
    )


def _store_report(session: Session, report: ShiftReport, now: datetime) -> None:
    session.execute(
        insert(ShiftReportRow).values(
            report_id=report.report_id,
            shift_id=report.shift.shift_id,
            kind=report.kind.value,
            report_no=report.report_no,
            created_at=report.created_at,
            document=_dumps(report.to_json()),
        )
    )
    doc_outbox.enqueue(session, doc_outbox.SHIFT_REPORT, report.report_id, now)


def _report_entry(report: ShiftReport) -> dict[str, Any]:
    return {
        "report_id": report.report_id,
        "report_no": report.report_no,
        "shift_id": report.shift.shift_id,
        "sales_count": report.sales_count,
        "sales_total": report.sales_total,
        "refunds_total": report.refunds_total,
        "cash_expected": report.cash.expected,
        "cash_counted": report.cash.counted,
        "pending_sales": report.pending_sales,
    }


class SqlShiftBook:
    """The till's shifts; database thread only. Times passed in are the till's aware clock."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- reading ------------------------------------------------------------------------------
    def current_shift(self, now: datetime | None = None) -> ShiftInfo | None:
        """The open shift (times in ``now``'s offset, UTC without it), or ``None``."""
        with read_session(self._sessions, "current shift") as session:
            store_code, till_code = till_identity(session)
            row = _open_row(session, till_code)
            return None if row is None else _info(store_code, row, now or datetime.now(UTC))

    def preview(self, now: datetime) -> ShiftReport:
        """The open shift's figures as an X report would show them, stored nowhere (the close
        dialog's expected amounts, the cash-out check)."""
        with read_session(self._sessions, "shift preview") as session:
            store_code, row = _require_open(session)
            no = journal.peek_counter(session, x_counter(row.shift_id)) + 1
            return _report(
                session,
                _info(store_code, row, now),
                row.open_seq,
                report_id="",
                kind=ReportKind.X,
                report_no=no,
                now=now,
            )

    def report(self, report_id: str) -> ShiftReport | None:
        with read_session(self._sessions, "shift report") as session:
            doc = session.scalar(
                select(ShiftReportRow.document).where(ShiftReportRow.report_id == report_id)
            )
        return None if doc is None else ShiftReport.from_json(json.loads(doc))

    def reports(self, shift_id: str | None = None, limit: int = 50) -> Sequence[ShiftReport]:
        """Reports of ``shift_id`` (all shifts without it), newest first."""
        query = select(ShiftReportRow.document)
        if shift_id is not None:
            query = query.where(ShiftReportRow.shift_id == shift_id)
        query = query.order_by(ShiftReportRow.created_at.desc(), ShiftReportRow.report_no.desc())
        with read_session(self._sessions, "shift reports") as session:
            docs = session.scalars(query.limit(max(0, limit))).all()
        return [ShiftReport.from_json(json.loads(doc)) for doc in docs]

    # --- writing ------------------------------------------------------------------------------
    def open_shift(
        self, *, actor: str, opening_float: int, now: datetime, shift_id: str | None = None
    ) -> ShiftInfo:
        """Open a shift with ``opening_float`` in the drawer; refused while one is open."""
        opening_float = check_float(opening_float)
        the_id = shift_id or str(uuid.uuid4())
        try:
            with write_session(self._sessions, "shift open") as session:
                store_code, till_code = till_identity(session)
                current = _open_row(session, till_code)
                if current is not None:
                    raise UserError("shift.already_open", opened_by=current.opened_by)
                entry = journal.append(
                    session,
                    JournalKind.SHIFT_OPEN,
                    at=now,
                    actor=actor,
                    data={"shift_id": the_id, "opening_float": opening_float},
                )
                session.execute(
                    insert(ShiftRow).values(
                        shift_id=the_id,
                        till_code=till_code,
                        opened_at=now,
                        opened_by=actor,
                        opening_float=opening_float,
                        open_seq=entry.seq,
                        note="",
                    )
                )
                row = session.get_one(ShiftRow, the_id)
                info = _info(store_code, row, now)
        except IntegrityError:
            # Another writer opened one between our check and insert (only possible without
            # BEGIN IMMEDIATE, e.g. a second process on an old build): the index said no.
            log.warning("shift open refused by the one-open-shift index")
            raise UserError("shift.already_open", opened_by="") from None
        log.info("shift %s opened by %s with float %d", the_id, actor, opening_float)
        return info

    def move_cash(
        self,
        *,
        kind: MovementKind,
        amount: int,
        reason: str,
        note: str,
        actor: str,
        now: datetime,
        approver: str | None = None,
        approval: Mapping[str, Any] | None = None,
    ) -> CashMovement:
        """Cash in or out of the open shift's drawer; a cash out never takes more than the
        drawer should hold."""
        kind = MovementKind(kind)
        amount, known, note = check_movement(amount, reason, note)
        movement_id = str(uuid.uuid4())
        with write_session(self._sessions, f"cash {kind.value}") as session:
            store_code, row = _require_open(session)
            if kind is MovementKind.OUT:
                figures = _report(
                    session,
                    _info(store_code, row, now),
                    row.open_seq,
                    report_id="",
                    kind=ReportKind.X,
                    report_no=1,
                    now=now,
                )
                if amount > figures.cash.expected:
                    raise UserError("cash.out_exceeds_drawer", available=figures.cash.expected)
            session.execute(
                insert(CashMovementRow).values(
                    movement_id=movement_id,
                    shift_id=row.shift_id,
                    kind=kind.value,
                    amount=amount,
                    reason=known.value,
                    note=note,
                    at=now,
                    actor_code=actor,
                    approver_code=approver,
                )
            )
            data: dict[str, Any] = {
                "movement_id": movement_id,
                "shift_id": row.shift_id,
                "amount": amount,
                "reason": known.value,
                "note": note,
            }
            if approval is not None:
                data["approval"] = dict(approval)
            journal.append(
                session,
                JournalKind.CASH_IN if kind is MovementKind.IN else JournalKind.CASH_OUT,
                at=now,
                actor=actor,
                approver=approver,
                data=data,
            )
        log.info(
            "cash %s %d (%s) by %s in shift %s", kind.value, amount, known, actor, row.shift_id
        )
        tz = now.tzinfo or UTC
        return CashMovement(
            movement_id, kind, amount, known.value, note, now.astimezone(tz), actor, approver
        )

    def x_report(self, *, actor: str, now: datetime) -> ShiftReport:
        """Make, store, journal and queue the next X report of the open shift."""
        report_id = str(uuid.uuid4())
        with write_session(self._sessions, "x report") as session:
            store_code, row = _require_open(session)
            no = journal.bump_counter(session, x_counter(row.shift_id))
            report = _report(
                session,
                _info(store_code, row, now),
                row.open_seq,
                report_id=report_id,
                kind=ReportKind.X,
                report_no=no,
                now=now,
            )
            _store_report(session, report, now)
            journal.append(
                session, JournalKind.X_REPORT, at=now, actor=actor, data=_report_entry(report)
            )
        log.info("X report %d of shift %s by %s", report.report_no, row.shift_id, actor)
        return report

    def close_shift(
        self,
        *,
        count: CashCount,
        note: str,
        actor: str,
        now: datetime,
        approver: str | None = None,
        approval: Mapping[str, Any] | None = None,
        other_counted: Mapping[str, int] | None = None,
    ) -> ShiftReport:
        """Close the open shift with the counted cash: the Z report (next Z number of this till),
        the shift's closing columns, the journal entries and the outbox row, all or nothing."""
        report_id = str(uuid.uuid4())
        with write_session(self._sessions, "shift close") as session:
            store_code, row = _require_open(session)
            z_no = journal.bump_counter(session, Z_COUNTER)
            closed = replace(_info(store_code, row, now), closed_at=now, closed_by=actor)
            report = _report(
                session,
                closed,
                row.open_seq,
                report_id=report_id,
                kind=ReportKind.Z,
                report_no=z_no,
                now=now,
                count=count,
                other_counted=other_counted,
                note=note,
            )
            session.execute(
                update(ShiftRow)
                .where(ShiftRow.shift_id == row.shift_id, ShiftRow.closed_at.is_(None))
                .values(
                    closed_at=now,
                    closed_by=actor,
                    counted_cash=count.total,
                    count_json=_dumps(count.to_json()),
                    note=report.note,
                    z_no=z_no,
                )
            )
            _store_report(session, report, now)
            close_data: dict[str, Any] = {
                "shift_id": row.shift_id,
                "z_no": z_no,
                "cash_expected": report.cash.expected,
                "cash_counted": count.total,
                "cash_difference": report.cash.difference,
                "count": count.to_json(),
                "note": report.note,
            }
            if approval is not None:
                close_data["approval"] = dict(approval)
            journal.append(
                session,
                JournalKind.SHIFT_CLOSE,
                at=now,
                actor=actor,
                approver=approver,
                data=close_data,
            )
            journal.append(
                session, JournalKind.Z_REPORT, at=now, actor=actor, data=_report_entry(report)
            )
        log.info(
            "shift %s closed by %s: Z %d, cash expected %d counted %d",
            row.shift_id,
            actor,
            z_no,
            report.cash.expected,
            count.total,
        )
        return report
