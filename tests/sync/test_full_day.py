"""A whole day at the till through the real widgets, on the real store, printer file and cloud.

Open the shift with Rp200.000, sell in cash, card and QRIS, return part of a sale and then the
rest, try to return more, void a line with a manager's approval, open the drawer without a sale,
print an X report, close the shift counting Rp5.000 short, and check the printed Z report against
the day. Then sync: the cloud holds the same sales, refunds and Z report once each, however often
they are sent, and the till's audit journal checks out on both sides.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select, text

from pos_desktop.app import open_till
from pos_desktop.config import TillConfig
from pos_desktop.devices.config import parse_devices
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import ReasonCode
from pos_desktop.domain.shift_report import ShiftReport
from pos_desktop.localdb import journal
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.paths import AppPaths
from pos_desktop.sync.runtime import start_sync
from pos_desktop.ui.approval import ApprovalDialog
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.payment_dialog import PAGE_CARD, PAGE_QRIS, PaymentDialog
from pos_desktop.ui.refund_dialog import RefundDialog
from pos_desktop.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog, ReportDialog
from pos_desktop.ui.worker import DbWorker
from server_stub.models import JournalAlert, RefundRow, SaleRow, ShiftReportRow
from tests.devices.conftest import FAST_RETRY
from tests.escpos_decoder import Drawer, decode
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.till import FAST_SYNC, MemoryStore, pair
from tests.ui.fakes import Clock
from tests.ui.helpers import cart_rows, idle, open_payment, scan

INDOMIE = "8998551019898"  # Rp3.500
RENDANG = "8998551019911"  # Rp3.600


def _approve(qtbot, window: MainWindow, code: str, pin: str, reason: ReasonCode) -> None:
    """The supervisor/manager dialog on the same screen (possibly over another dialog)."""

    def find() -> ApprovalDialog | None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, ApprovalDialog):
            return widget
        dialog = window.sale.dialog
        return dialog if isinstance(dialog, ApprovalDialog) else None

    qtbot.waitUntil(lambda: find() is not None and bool(find().approvers), timeout=10_000)
    dialog = find()
    assert dialog is not None
    approver = next(m for m in dialog.approvers if m.code == code)
    dialog.select_approver(approver.user_id)
    dialog.set_reason(reason)
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)


def _pay_cash(qtbot, window: MainWindow, amount: str) -> None:
    dialog = open_payment(qtbot, window.sale)
    qtbot.keyClicks(dialog.cash_field, amount)
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.completed, timeout=10_000):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    idle(qtbot, window.sale)


def _pay_card(qtbot, window: MainWindow) -> None:
    dialog: PaymentDialog = open_payment(qtbot, window.sale)
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_F7)
    assert dialog.pages.currentIndex() == PAGE_CARD
    qtbot.keyClicks(dialog.card_approval, "A1B2C3")
    dialog.card_last4.setText("4321")
    qtbot.keyClick(dialog.card_approval, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.completed, timeout=10_000):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    idle(qtbot, window.sale)


def _pay_qris(qtbot, window: MainWindow) -> None:
    dialog: PaymentDialog = open_payment(qtbot, window.sale)
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_F8)
    assert dialog.pages.currentIndex() == PAGE_QRIS
    qtbot.keyClicks(dialog.qris_reference, "QR-778899")
    qtbot.keyClick(dialog.qris_reference, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.completed, timeout=10_000):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    idle(qtbot, window.sale)


def _refund(qtbot, window: MainWindow, receipt_no: str, quantities: dict[int, int]) -> RefundDialog:
    window.store_operations.open_refund()
    qtbot.waitUntil(lambda: isinstance(window.sale.dialog, RefundDialog), timeout=10_000)
    dialog = window.sale.dialog
    assert isinstance(dialog, RefundDialog)
    with qtbot.waitSignal(dialog.saleShown, timeout=10_000):
        dialog.lookup(receipt_no)
    for line_no, quantity in quantities.items():
        dialog.set_quantity(line_no, Decimal(quantity))
    return dialog


def _report_lines(path: Path) -> list[str]:
    return decode(path.read_bytes()).lines


@pytest.fixture
def worker(qapp) -> DbWorker:
    worker = DbWorker()
    yield worker
    assert worker.stop(10_000), "database thread did not stop"


def test_a_full_day_at_the_till(
    qtbot,
    worker: DbWorker,
    cloud: CloudServer,
    tenant: Tenant,
    till_home: AppPaths,
    secrets: MemoryStore,
    tmp_path: Path,
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    printer_file = tmp_path / "printer.bin"
    devices = parse_devices(
        {"printer": {"url": f"file://{printer_file}"}, "drawer": {"url": "printer"}}
    )
    config = TillConfig(sync=FAST_SYNC, devices=replace(devices, backoff=FAST_RETRY))
    clock = Clock(datetime.now(UTC).replace(microsecond=0))
    till = open_till(till_home, config, clock=clock)
    setup = start_sync(till.store.session_factory, till_home, FAST_SYNC, store=secrets, start=False)
    assert setup.service is not None
    engine = setup.service.engine
    window = MainWindow(till.context, worker, idle_lock_ms=0, devices=till.devices)
    try:
        engine.pull_catalog()
        qtbot.addWidget(window)
        window.resize(1024, 768)
        window.show()
        qtbot.waitUntil(lambda: len(window.login.staff) == 3, timeout=10_000)
        ops = window.store_operations
        screen = window.sale

        # --- Siti logs in: no shift is open, so the till asks for the opening float.
        siti = next(m for m in window.login.staff if m.code == "K01")
        window.login.select_staff(siti.user_id)
        qtbot.keyClicks(window.login.pin, "1111")
        qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: isinstance(screen.dialog, OpenShiftDialog), timeout=10_000)
        opening = screen.dialog
        assert isinstance(opening, OpenShiftDialog)
        opening.float_field.setText("200.000")
        opening.submit()
        qtbot.waitUntil(lambda: ops.shift is not None, timeout=10_000)
        qtbot.waitUntil(lambda: screen.dialog is None)

        # --- Three sales: cash (with change), card, QRIS.
        scan(qtbot, screen, f"2*{INDOMIE}")
        scan(qtbot, screen, RENDANG)
        assert screen.total_label.text() == "Rp10.600"
        _pay_cash(qtbot, window, "20000")
        sale_cash = screen.last_sale
        assert sale_cash is not None and sale_cash.change == 9_400
        scan(qtbot, screen, f"3*{INDOMIE}")
        _pay_card(qtbot, window)
        sale_card = screen.last_sale
        scan(qtbot, screen, f"2*{RENDANG}")
        _pay_qris(qtbot, window)
        sale_qris = screen.last_sale
        assert sale_card is not None and sale_qris is not None
        assert (sale_card.total, sale_qris.total) == (10_500, 7_200)

        # --- A partial return of the cash sale, then the rest; a manager approves each.
        first = _refund(qtbot, window, sale_cash.receipt_no, {1: 1})
        with qtbot.waitSignal(first.refundCommitted, timeout=10_000) as done:
            qtbot.waitUntil(lambda: first.confirm_button.isEnabled(), timeout=10_000)
            first.confirm()
            _approve(qtbot, window, "M01", "9999", ReasonCode.CUSTOMER_CHANGED_MIND)
        refund_one = done.args[0].refund
        assert refund_one.total == 3_500
        second = _refund(qtbot, window, sale_cash.receipt_no, {1: 1, 2: 1})
        with qtbot.waitSignal(second.refundCommitted, timeout=10_000) as done:
            qtbot.waitUntil(lambda: second.confirm_button.isEnabled(), timeout=10_000)
            second.confirm()
            _approve(qtbot, window, "M01", "9999", ReasonCode.CUSTOMER_CHANGED_MIND)
        refund_two = done.args[0].refund
        assert refund_two.total == 7_100
        assert refund_one.total + refund_two.total == sale_cash.total

        # --- Returning more: the dialog says all is back, and the service refuses it too.
        third = _refund(qtbot, window, sale_cash.receipt_no, {1: 1})
        assert third.message.code == "" and not third.requested()
        assert not third.confirm_button.isEnabled()
        candidate = third.candidate
        assert candidate is not None
        third.reject()
        qtbot.waitUntil(lambda: screen.dialog is None)
        refunds = till.context.refunds
        assert refunds is not None
        with pytest.raises(UserError) as over:
            refunds.commit(
                candidate,
                {1: Decimal(1)},
                to_cash=True,
                cashier=siti,
                reason=ReasonCode.OTHER,
                approval=None,
            )
        assert over.value.code in ("refund.exceeds_sold", "permission.required")

        # --- A line voided late: the manager approves on the same screen.
        scan(qtbot, screen, INDOMIE)
        clock.advance(600)
        screen.remove_selected_line()
        _approve(qtbot, window, "M01", "9999", ReasonCode.WRONG_ITEM)
        qtbot.waitUntil(lambda: cart_rows(screen) == [], timeout=10_000)

        # --- The drawer opened without a sale, approved by the manager.
        window.devices.open_drawer()
        _approve(qtbot, window, "M01", "9999", ReasonCode.CHANGE_FOR_CUSTOMER)
        idle(qtbot, screen)

        # --- X report mid-shift: printed as it is made.
        with qtbot.waitSignal(ops.reportReady, timeout=10_000) as x_ready:
            ops.x_report()
        x_dialog = x_ready.args[0]
        assert isinstance(x_dialog, ReportDialog) and x_dialog.report.kind == "X"
        qtbot.waitUntil(lambda: x_dialog._printed_once, timeout=10_000)
        x_dialog.accept()
        qtbot.waitUntil(lambda: screen.dialog is None)

        # --- Close: counted Rp195.000 where Rp200.000 is expected.
        closing = ops.close_shift()
        assert isinstance(closing, CloseShiftDialog)
        counted = {"note_100000": 1, "note_50000": 1, "note_20000": 2, "note_5000": 1}
        for key, count in counted.items():
            closing.count_fields[key].setText(str(count))
        assert closing.total_value.text() == "Rp195.000"
        closing.check()
        qtbot.waitUntil(lambda: closing.expected_value.isVisible(), timeout=10_000)
        assert closing.expected_value.text() == "Rp200.000"
        assert closing.difference_value.text() == "-Rp5.000"
        closing.note_field.setText("kurang Rp5.000, dicek besok")
        with qtbot.waitSignal(ops.reportReady, timeout=20_000) as z_ready:
            closing.close_button.click()
            _approve(qtbot, window, "M01", "9999", ReasonCode.OTHER)
        z_dialog = z_ready.args[0]
        z: ShiftReport = z_dialog.report
        qtbot.waitUntil(lambda: z_dialog._printed_once, timeout=10_000)
        assert ops.shift is None

        # --- The printed Z report matches the day.
        z_file = till_home.receipts_dir / f"{z.document_no}.bin"
        lines = _report_lines(z_file)
        joined = "\n".join(lines)
        assert "LAPORAN Z" in joined
        figures = {
            "Jumlah transaksi": "3",
            "Kas awal": "Rp200.000",
            "Seharusnya": "Rp200.000",
            "Dihitung": "Rp195.000",
            "Selisih": "-Rp5.000",
            "Retur tunai": "Rp10.600",
            "Buka laci tanpa transaksi": "1",
            "Transaksi belum terkirim": "3",
        }
        for label, value in figures.items():
            assert any(
                line.lstrip().startswith(label) and line.rstrip().endswith(value) for line in lines
            ), f"{label} {value} not on the Z report:\n{joined}"
        assert z.sales_count == 3
        # The drawer was kicked for the cash sale, each cash refund and the no-sale open.
        kicks = decode(printer_file.read_bytes()).of(Drawer)
        assert len(kicks) == 4
    finally:
        window.close()
        worker.stop(10_000)

    # --- Sync after the close: everything reaches the cloud once, resends change nothing.
    sales = {sale_cash.sale_id, sale_card.sale_id, sale_qris.sale_id}
    try:
        assert engine.push_pending().done == 3
        assert engine.push_documents().done == 4  # two refunds, the X and the Z report
        assert engine.push_journal() > 0
        with write_session(till.store.session_factory) as session:
            session.execute(text("UPDATE outbox SET status = 'pending'"))
            session.execute(text("UPDATE doc_outbox SET status = 'pending'"))
            session.execute(text("UPDATE journal_meta SET synced_seq = 0"))
        assert engine.push_pending().done == 3
        assert engine.push_documents().done == 4
        engine.push_journal()
        with read_session(till.store.session_factory) as session:
            verified = journal.verify(session)
            local_journal = {e.seq: e.hash for e in journal.entries(session)}
            kinds = [e.kind for e in journal.entries(session)]
    finally:
        setup.service.stop(10)
        till.close()
    assert verified.fault is None
    assert kinds.count("sale") == 3 and kinds.count("refund") == 2
    for kind in ("shift_open", "shift_close", "z_report", "x_report", "drawer_open", "line_void"):
        assert kind in kinds, kind
    assert kinds.count("approval") >= 5

    with tenant.db.read() as session:
        org = tenant.org_id
        assert set(tenant.sale_ids()) == sales
        refunds_in_cloud = session.execute(
            select(RefundRow.refund_id, RefundRow.total, RefundRow.flags).where(
                RefundRow.org_id == org
            )
        ).all()
        reports = session.execute(
            select(ShiftReportRow.kind, ShiftReportRow.report_no, ShiftReportRow.payload).where(
                ShiftReportRow.org_id == org
            )
        ).all()
        alerts = session.execute(
            select(func.count()).select_from(JournalAlert).where(JournalAlert.org_id == org)
        ).scalar_one()
        stored_sales = session.execute(
            select(func.count()).select_from(SaleRow).where(SaleRow.org_id == org)
        ).scalar_one()
    assert stored_sales == 3
    assert sorted((total, tuple(flags)) for _, total, flags in refunds_in_cloud) == [
        (3_500, ()),
        (7_100, ()),
    ]
    assert sorted((kind, no) for kind, no, _ in reports) == [("X", 1), ("Z", 1)]
    z_payload = next(json.loads(p) for kind, _, p in reports if kind == "Z")
    assert ShiftReport.from_json(z_payload) == z
    assert tenant.journal_hashes() == local_journal
    assert alerts == 0
