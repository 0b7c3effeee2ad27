"""Shift dialogs on a real till database: open, cash in/out, blind close, report with Print."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.permissions import Approval, Permission, PermissionTable, ReasonCode
from pos_desktop.domain.shift_report import MovementKind, ReportKind, ShiftReport
from pos_desktop.localdb.engine import make_session_factory, open_engine
from pos_desktop.localdb.migrate import upgrade
from pos_desktop.localdb.settings import save_profile
from pos_desktop.localdb.shifts import SqlShiftBook
from pos_desktop.localdb.transactions import write_session
from pos_desktop.receipts import PROFILE_58MM
from pos_desktop.receipts.shift_receipt import ShiftReportSink
from pos_desktop.services.ports import StaffMember
from pos_desktop.services.shifts import ShiftService
from pos_desktop.ui.shift_dialogs import (
    CashMovementDialog,
    CloseShiftDialog,
    OpenShiftDialog,
    ReportDialog,
)
from pos_desktop.ui.worker import DbWorker
from tests.localdb.conftest import PROFILE
from tests.receipts.factories import STORE

WIB = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 28, 7, 0, tzinfo=WIB)
CASHIER = StaffMember(1, "K01", "Siti", "cashier")
SUPERVISOR = StaffMember(2, "SPV1", "Budi", "supervisor")


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = open_engine(tmp_path / "till.db")
    upgrade(engine)
    sessions = make_session_factory(engine)
    with write_session(sessions) as session:
        save_profile(session, PROFILE)
    yield sessions
    engine.dispose()


@pytest.fixture
def service(factory: sessionmaker[Session], tmp_path: Path) -> ShiftService:
    sink = ShiftReportSink(tmp_path / "reports", STORE, profile=PROFILE_58MM)
    return ShiftService(SqlShiftBook(factory), PermissionTable.default, lambda: NOW, sink)


def wait_done(qtbot, dialog: QDialog) -> None:
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5_000)


def wait_idle(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5_000)


def open_shift(qtbot, service: ShiftService, worker: DbWorker, amount: str = "200000") -> None:
    dialog = OpenShiftDialog(service, worker, CASHIER)
    qtbot.addWidget(dialog)
    opened: list[object] = []
    dialog.opened.connect(opened.append)
    dialog.float_field.setText(amount)
    dialog.submit()
    wait_done(qtbot, dialog)
    assert len(opened) == 1


def test_open_shift_and_refusals(qtbot, service: ShiftService, worker: DbWorker) -> None:
    dialog = OpenShiftDialog(service, worker, CASHIER)
    qtbot.addWidget(dialog)
    dialog.float_field.setText("abc")
    dialog.submit()
    assert dialog.message.code == "ui.bad_amount"
    dialog.float_field.setText("-5000")
    dialog.submit()
    wait_idle(qtbot, dialog)
    assert dialog.message.code in ("ui.bad_amount", "shift.float_negative")
    assert service.current() is None
    dialog.float_field.setText("Rp200.000")
    dialog.submit()
    wait_done(qtbot, dialog)
    shift = service.current()
    assert shift is not None and shift.opening_float == 200_000
    again = OpenShiftDialog(service, worker, CASHIER)
    qtbot.addWidget(again)
    again.float_field.setText("0")
    again.submit()
    wait_idle(qtbot, again)
    assert again.message.code == "shift.already_open"
    assert again.result() != QDialog.DialogCode.Accepted


def test_cash_out_asks_for_approval_then_retries(
    qtbot, service: ShiftService, worker: DbWorker
) -> None:
    open_shift(qtbot, service, worker)
    asked: list[Permission] = []

    def request(permission: Permission, retry: Callable[[Approval], None]) -> None:
        asked.append(permission)
        retry(Approval(permission, "SPV1", "Budi", "supervisor", ReasonCode.PETTY_CASH, NOW))

    dialog = CashMovementDialog(
        service, worker, CASHIER, kind=MovementKind.OUT, request_approval=request
    )
    qtbot.addWidget(dialog)
    moved: list[object] = []
    dialog.moved.connect(moved.append)
    dialog.amount_field.setText("25.000")
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("petty_cash"))
    dialog.note_field.setText("galon")
    dialog.ok_button.click()
    wait_done(qtbot, dialog)
    assert asked == [Permission.CASH_OUT]
    [movement] = moved
    assert movement.approver_code == "SPV1"  # type: ignore[attr-defined]
    assert service.expected().cash.expected == 175_000


def test_cash_in_other_needs_a_note(qtbot, service: ShiftService, worker: DbWorker) -> None:
    open_shift(qtbot, service, worker)
    dialog = CashMovementDialog(service, worker, CASHIER)
    qtbot.addWidget(dialog)
    dialog.amount_field.setText("10000")
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("other"))
    dialog.ok_button.click()
    wait_idle(qtbot, dialog)
    assert dialog.message.code == "cash.note_required"
    dialog.note_field.setText("uang receh dari kantor")
    dialog.ok_button.click()
    wait_done(qtbot, dialog)
    assert service.expected().cash.cash_in == 10_000


def test_blind_close_shows_expected_only_after_checking(
    qtbot, service: ShiftService, worker: DbWorker
) -> None:
    open_shift(qtbot, service, worker)
    dialog = CloseShiftDialog(service, worker, SUPERVISOR)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.expected_value.isVisible()
    assert not dialog.close_button.isEnabled()
    dialog.count_fields["note_100000"].setText("1")
    dialog.count_fields["note_50000"].setText("2")
    dialog.count_fields["coin_500"].setText("1")
    assert dialog.total_value.text() == "Rp200.500"
    dialog.count_fields["coin_100"].setText("-2")
    dialog.check()
    assert dialog.message.code == "cash.count_negative"
    assert not dialog.expected_value.isVisible()
    dialog.count_fields["coin_100"].setText("")
    dialog.check()
    qtbot.waitUntil(lambda: dialog.expected_value.isVisible(), timeout=5_000)
    assert dialog.expected_value.text() == "Rp200.000"
    assert dialog.difference_value.text() == "+Rp500"
    dialog.count_fields["coin_500"].setText("")
    assert dialog.difference_value.text() == "Rp0"
    closed: list[ShiftReport] = []
    dialog.closed.connect(closed.append)
    dialog.note_field.setText("pas")
    dialog.close_button.click()
    wait_done(qtbot, dialog)
    [z] = closed
    assert (z.kind, z.report_no, z.cash.difference, z.note) == (ReportKind.Z, 1, 0, "pas")
    assert service.current() is None


def test_cashier_close_needs_approval_and_is_refused_without_it(
    qtbot, service: ShiftService, worker: DbWorker
) -> None:
    open_shift(qtbot, service, worker)
    dialog = CloseShiftDialog(service, worker, CASHIER, blind=False)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.expected_cash == 200_000, timeout=5_000)
    dialog.count_fields["note_100000"].setText("2")
    dialog.close_button.click()
    wait_idle(qtbot, dialog)
    assert dialog.message.code == "permission.required"
    assert service.current() is not None


def test_report_dialog_prints(qtbot, service: ShiftService, worker: DbWorker) -> None:
    open_shift(qtbot, service, worker)
    report = service.x_report(CASHIER)
    lines = service.report_text(report)
    dialog = ReportDialog(report, lines, service, worker)
    qtbot.addWidget(dialog)
    assert "LAPORAN X" in dialog.text.toPlainText()
    printed: list[str] = []
    dialog.printed.connect(printed.append)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=5_000)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=5_000)
    assert Path(printed[0]).name.endswith(".bin")
    assert ".copy-1" in Path(printed[1]).name
