"""Shifts in the till's database: open, cash in/out, X and Z reports, all or nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.refund import build_refund
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.shift_report import MovementKind, ReportKind, ShiftReport
from pos_desktop.localdb import doc_outbox, journal
from pos_desktop.localdb.models import RefundRow
from pos_desktop.localdb.sales import SqlSaleJournal
from pos_desktop.localdb.shifts import SqlShiftBook
from pos_desktop.localdb.transactions import write_session
from pos_desktop.services.ports import StoreProfile
from tests.localdb.conftest import WIB, sale_maker

T0 = datetime(2026, 11, 28, 7, 0, tzinfo=WIB)


@pytest.fixture
def book(factory: sessionmaker[Session], store: StoreProfile) -> SqlShiftBook:
    return SqlShiftBook(factory)


@pytest.fixture
def sales(factory: sessionmaker[Session], store: StoreProfile) -> SqlSaleJournal:
    return SqlSaleJournal(factory, clock=lambda: T0.astimezone(UTC))


def rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def table_counts(engine: Engine) -> dict[str, int]:
    tables = ("shifts", "cash_movements", "shift_reports", "doc_outbox", "journal", "counters")
    return {t: rows(engine, f"SELECT count(*) FROM {t}")[0][0] for t in tables}


def journal_kinds(engine: Engine) -> list[str]:
    return [r[0] for r in rows(engine, "SELECT kind FROM journal ORDER BY seq")]


def sell(sales: SqlSaleJournal, at: datetime) -> SaleRecord:
    return sales.commit_sale(sale_maker(sold_at=at))


def test_open_shift_journals_and_refuses_a_second(book: SqlShiftBook, engine: Engine) -> None:
    assert book.current_shift(T0) is None
    shift = book.open_shift(actor="K01", opening_float=200_000, now=T0)
    assert (shift.opened_by, shift.opening_float, shift.till_code) == ("K01", 200_000, "T01")
    assert shift.opened_at == T0 and shift.opened_at.utcoffset() == timedelta(hours=7)
    assert book.current_shift(T0) == shift
    [(kind, data, seq)] = rows(engine, "SELECT kind, data, seq FROM journal")
    assert kind == JournalKind.SHIFT_OPEN
    assert json.loads(data) == {"shift_id": shift.shift_id, "opening_float": 200_000}
    assert rows(engine, "SELECT open_seq FROM shifts") == [(seq,)]
    before = table_counts(engine)
    with pytest.raises(UserError) as err:
        book.open_shift(actor="K02", opening_float=0, now=T0 + timedelta(minutes=1))
    assert err.value.code == "shift.already_open"
    assert err.value.params == {"opened_by": "K01"}
    assert table_counts(engine) == before


@pytest.mark.parametrize(("amount", "code"), [(-1, "shift.float_negative")])
def test_bad_float_changes_nothing(
    book: SqlShiftBook, engine: Engine, amount: int, code: str
) -> None:
    with pytest.raises(UserError) as err:
        book.open_shift(actor="K01", opening_float=amount, now=T0)
    assert err.value.code == code
    assert table_counts(engine)["shifts"] == 0
    assert table_counts(engine)["journal"] == 0


def test_cash_in_and_out(book: SqlShiftBook, engine: Engine) -> None:
    book.open_shift(actor="K01", opening_float=100_000, now=T0)
    moved_in = book.move_cash(
        kind=MovementKind.IN,
        amount=50_000,
        reason="change_fund",
        note="",
        actor="K01",
        now=T0 + timedelta(minutes=5),
    )
    assert moved_in.amount == 50_000 and moved_in.approver_code is None
    approval = {"permission": "cash_out", "approver_code": "SPV1", "reason": "petty_cash"}
    moved_out = book.move_cash(
        kind=MovementKind.OUT,
        amount=30_000,
        reason="petty_cash",
        note=" beli  galon ",
        actor="K01",
        now=T0 + timedelta(minutes=9),
        approver="SPV1",
        approval=approval,
    )
    assert moved_out.note == "beli galon"
    assert rows(
        engine, "SELECT kind, amount, reason, approver_code FROM cash_movements ORDER BY at"
    ) == [
        ("in", 50_000, "change_fund", None),
        ("out", 30_000, "petty_cash", "SPV1"),
    ]
    entries = rows(engine, "SELECT kind, approver_code, data FROM journal ORDER BY seq")
    assert [e[0] for e in entries] == ["shift_open", "cash_in", "cash_out"]
    assert entries[2][1] == "SPV1"
    assert json.loads(entries[2][2])["approval"] == approval
    assert book.preview(T0 + timedelta(minutes=10)).cash.expected == 120_000


@pytest.mark.parametrize(
    ("kind", "amount", "reason", "note", "code"),
    [
        (MovementKind.IN, 0, "change_fund", "", "cash.amount_not_positive"),
        (MovementKind.OUT, -5_000, "petty_cash", "", "cash.amount_not_positive"),
        (MovementKind.IN, 5_000, "  ", "", "cash.reason_required"),
        (MovementKind.IN, 5_000, "gift", "", "cash.reason_unknown"),
        (MovementKind.OUT, 5_000, "other", "", "cash.note_required"),
        (MovementKind.OUT, 100_001, "safe_drop", "", "cash.out_exceeds_drawer"),
    ],
)
def test_bad_cash_movement_changes_nothing(
    book: SqlShiftBook,
    engine: Engine,
    kind: MovementKind,
    amount: int,
    reason: str,
    note: str,
    code: str,
) -> None:
    book.open_shift(actor="K01", opening_float=100_000, now=T0)
    before = table_counts(engine)
    with pytest.raises(UserError) as err:
        book.move_cash(kind=kind, amount=amount, reason=reason, note=note, actor="K01", now=T0)
    assert err.value.code == code
    assert table_counts(engine) == before


def test_actions_need_an_open_shift(book: SqlShiftBook, engine: Engine) -> None:
    for action in (
        lambda: book.move_cash(
            kind=MovementKind.IN, amount=1_000, reason="change_fund", note="", actor="K01", now=T0
        ),
        lambda: book.x_report(actor="K01", now=T0),
        lambda: book.close_shift(count=CashCount.empty(), note="", actor="K01", now=T0),
        lambda: book.preview(T0),
    ):
        with pytest.raises(UserError) as err:
            action()
        assert err.value.code == "shift.not_open"
    assert table_counts(engine)["journal"] == 0


def test_x_reports_count_the_shift_sales_and_are_numbered_per_shift(
    book: SqlShiftBook, sales: SqlSaleJournal, engine: Engine
) -> None:
    sell(sales, T0 - timedelta(hours=1))  # before any shift: not in a report
    shift = book.open_shift(actor="K01", opening_float=100_000, now=T0)
    s1 = sell(sales, T0 + timedelta(minutes=10))
    s2 = sell(sales, T0 + timedelta(minutes=20))
    x1 = book.x_report(actor="K01", now=T0 + timedelta(hours=1))
    x2 = book.x_report(actor="K01", now=T0 + timedelta(hours=2))
    assert (x1.kind, x1.report_no, x2.report_no) == (ReportKind.X, 1, 2)
    assert x1.shift.shift_id == shift.shift_id
    assert x1.sales_count == 2
    assert x1.sales_total == s1.total + s2.total
    assert x1.cash.received == s1.cash_received + s2.cash_received
    assert x1.cash.expected == 100_000 + s1.cash_received + s2.cash_received - s1.change - s2.change
    assert x1.cash.counted is None
    assert x1.pending_sales == 3  # nothing synced yet, the pre-shift sale included
    stored = rows(engine, "SELECT report_id, kind, report_no, document FROM shift_reports")
    assert [(r[1], r[2]) for r in stored] == [("X", 1), ("X", 2)]
    assert ShiftReport.from_json(json.loads(stored[0][3])) == x1
    assert book.report(x1.report_id) == x1
    assert [r.report_no for r in book.reports(shift.shift_id)] == [2, 1]
    assert rows(engine, "SELECT kind, doc_id, status FROM doc_outbox ORDER BY id") == [
        ("shift_report", x1.report_id, "pending"),
        ("shift_report", x2.report_id, "pending"),
    ]
    assert journal_kinds(engine).count("x_report") == 2


def test_drawer_opens_and_approvals_are_counted_from_the_shift_open(
    book: SqlShiftBook, factory: sessionmaker[Session]
) -> None:
    def record(kind: str) -> None:
        with write_session(factory) as session:
            journal.append(session, kind, at=T0, actor="K01", data={})

    record(JournalKind.DRAWER_OPEN)  # an earlier shift's
    record(JournalKind.APPROVAL)
    book.open_shift(actor="K01", opening_float=0, now=T0)
    for kind in (JournalKind.DRAWER_OPEN, JournalKind.DRAWER_OPEN, JournalKind.APPROVAL):
        record(kind)
    report = book.x_report(actor="K01", now=T0 + timedelta(hours=1))
    assert (report.drawer_opens, report.approvals) == (2, 1)


def test_close_makes_the_z_report_in_one_transaction(
    book: SqlShiftBook, sales: SqlSaleJournal, engine: Engine, factory: sessionmaker[Session]
) -> None:
    shift = book.open_shift(actor="K01", opening_float=150_000, now=T0)
    sale = sell(sales, T0 + timedelta(minutes=10))
    # A cash refund of the first line, booked to this shift.
    refund = build_refund(
        sale,
        {1: Decimal(1)},
        [],
        True,
        refund_id="ref-1",
        refund_no="S01-T01-R000001",
        store_code="S01",
        till_code="T01",
        refunded_at=T0 + timedelta(minutes=30),
        cashier_code="K01",
        cashier_name="Siti",
        reason="damaged",
    )
    with write_session(factory) as session:
        session.execute(
            insert(RefundRow).values(
                refund_id=refund.refund_id,
                refund_no=refund.refund_no,
                refund_seq=1,
                original_sale_id=sale.sale_id,
                original_receipt_no=sale.receipt_no,
                refunded_at=refund.refunded_at,
                cashier_code="K01",
                total=refund.total,
                shift_id=shift.shift_id,
                document=json.dumps(refund.to_json()),
            )
        )
    preview = book.preview(T0 + timedelta(hours=1))
    expected = 150_000 + sale.cash_received - sale.change - refund.total
    assert preview.cash.expected == expected
    assert preview.refunds_total == refund.total

    count = CashCount.of({"note_100000": 1, "note_50000": 1, "coin_500": 1})
    closed_at = T0 + timedelta(hours=8)
    z = book.close_shift(count=count, note="selisih dicek", actor="SPV1", now=closed_at)
    assert (z.kind, z.report_no) == (ReportKind.Z, 1)
    assert z.shift.closed_at == closed_at and z.shift.closed_by == "SPV1"
    assert z.cash.counted == 150_500
    assert z.cash.difference == 150_500 - expected
    assert z.refunds_count == 1 and z.pending_sales == 1
    assert book.current_shift(closed_at) is None
    [(closed_by, counted, count_json, note, z_no)] = rows(
        engine, "SELECT closed_by, counted_cash, count_json, note, z_no FROM shifts"
    )
    assert (closed_by, counted, note, z_no) == ("SPV1", 150_500, "selisih dicek", 1)
    assert CashCount.from_json(json.loads(count_json)) == count
    assert rows(engine, "SELECT kind, report_no FROM shift_reports") == [("Z", 1)]
    assert journal_kinds(engine)[-2:] == ["shift_close", "z_report"]
    close_entry = json.loads(
        rows(engine, "SELECT data FROM journal WHERE kind = 'shift_close'")[0][0]
    )
    assert close_entry["cash_difference"] == z.cash.difference
    assert rows(engine, "SELECT kind, doc_id FROM doc_outbox") == [("shift_report", z.report_id)]
    with factory() as session:
        assert journal.verify(session).fault is None
    with pytest.raises(UserError) as err:
        book.close_shift(count=count, note="", actor="SPV1", now=closed_at)
    assert err.value.code == "shift.not_open"


def test_z_numbers_run_across_shifts_and_x_numbers_restart(book: SqlShiftBook) -> None:
    numbers = []
    for day in range(3):
        start = T0 + timedelta(days=day)
        book.open_shift(actor="K01", opening_float=0, now=start)
        x = book.x_report(actor="K01", now=start + timedelta(hours=1))
        z = book.close_shift(
            count=CashCount.empty(), note="", actor="K01", now=start + timedelta(hours=8)
        )
        numbers.append((x.report_no, z.report_no, z.document_no))
    assert numbers == [
        (1, 1, "S01-T01-Z000001"),
        (1, 2, "S01-T01-Z000002"),
        (1, 3, "S01-T01-Z000003"),
    ]


def test_a_failed_close_leaves_the_shift_open_and_the_z_number_unused(
    book: SqlShiftBook, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    book.open_shift(actor="K01", opening_float=50_000, now=T0)
    before = table_counts(engine)
    journal_before = journal_kinds(engine)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(doc_outbox, "enqueue", broken)
    with pytest.raises(OSError):
        book.close_shift(
            count=CashCount.of({"note_50000": 1}), note="", actor="K01", now=T0 + timedelta(hours=8)
        )
    assert table_counts(engine) == before
    assert journal_kinds(engine) == journal_before
    assert book.current_shift(T0) is not None
    monkeypatch.undo()
    z = book.close_shift(
        count=CashCount.of({"note_50000": 1}), note="", actor="K01", now=T0 + timedelta(hours=9)
    )
    assert z.report_no == 1
    assert z.cash.difference == 0
