"""One refund has one reason: the cashier picks it in the refund dialog, the manager's approval
dialog shows that reason and cannot change it, and the same reason is in the approval's journal
entry, the refund's journal entry, the refund the cloud holds and the printed slip.

Real widgets in Indonesian on a real till, a real ``pos-server`` for the synced refund."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_desktop.app import open_till
from pos_desktop.config import TillConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Approval, Permission, ReasonCode
from pos_desktop.paths import AppPaths
from pos_desktop.receipts.refund_receipt import REASONS_ID
from pos_desktop.services.ports import StaffMember
from pos_desktop.sync.lookup import lookup_sale
from pos_desktop.sync.runtime import start_sync
from pos_desktop.ui.approval import ApprovalDialog, reason_text
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.refund_dialog import REASONS, RefundDialog
from pos_desktop.ui.shift_dialogs import OpenShiftDialog
from pos_desktop.ui.worker import DbWorker
from tests.escpos_decoder import decode
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.till import FAST_SYNC, MemoryStore, pair
from tests.ui.conftest import indonesian, qm_dir  # noqa: F401
from tests.ui.fakes import Clock
from tests.ui.helpers import idle, open_payment, scan

INDOMIE = "8998551019898"  # Rp3.500


@pytest.fixture
def worker(qapp) -> DbWorker:
    worker = DbWorker()
    yield worker
    assert worker.stop(10_000), "database thread did not stop"


def _approval_dialog(window: MainWindow) -> ApprovalDialog | None:
    widget = QApplication.activeModalWidget()
    if isinstance(widget, ApprovalDialog):
        return widget
    found = window.findChildren(ApprovalDialog)
    visible = [d for d in found if shiboken6.isValid(d) and d.isVisible()]
    return visible[0] if visible else None


def _journal(database: Path) -> list[tuple[str, dict]]:
    conn = sqlite3.connect(database)
    try:
        rows = conn.execute("SELECT kind, data FROM journal ORDER BY seq").fetchall()
    finally:
        conn.close()
    return [(kind, json.loads(data)) for kind, data in rows]


def test_the_reason_chosen_once_is_the_reason_everywhere(
    qtbot,
    indonesian: None,  # noqa: F811
    worker: DbWorker,
    cloud: CloudServer,
    tenant: Tenant,
    till_home: AppPaths,
    secrets: MemoryStore,
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    till = open_till(
        till_home, TillConfig(sync=FAST_SYNC), clock=Clock(datetime.now(UTC).replace(microsecond=0))
    )
    setup = start_sync(till.store.session_factory, till_home, FAST_SYNC, store=secrets, start=False)
    assert setup.service is not None
    engine = setup.service.engine
    window = MainWindow(till.context, worker, idle_lock_ms=0)
    try:
        engine.pull_catalog()
        qtbot.addWidget(window)
        window.resize(1024, 768)
        window.show()
        qtbot.waitUntil(lambda: len(window.login.staff) >= 3, timeout=10_000)
        screen = window.sale

        # Siti (a cashier) opens the shift and sells.
        siti = next(m for m in window.login.staff if m.code == "K01")
        window.login.select_staff(siti.user_id)
        qtbot.keyClicks(window.login.pin, "1111")
        qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: isinstance(screen.dialog, OpenShiftDialog), timeout=10_000)
        opening = screen.dialog
        assert isinstance(opening, OpenShiftDialog)
        opening.float_field.setText("100.000")
        opening.submit()
        qtbot.waitUntil(lambda: screen.dialog is None, timeout=10_000)
        scan(qtbot, screen, f"2*{INDOMIE}")
        pay = open_payment(qtbot, screen)
        qtbot.keyClicks(pay.cash_field, "10000")
        qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
        with qtbot.waitSignal(pay.completed, timeout=10_000) as paid:
            qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
        sale = paid.args[0].sale
        idle(qtbot, screen)

        # The refund: Siti picks "damaged" in the refund dialog.
        refund_dialog = window.store_operations.open_refund()
        assert isinstance(refund_dialog, RefundDialog)
        with qtbot.waitSignal(refund_dialog.saleShown, timeout=10_000):
            refund_dialog.lookup(sale.receipt_no)
        refund_dialog.set_quantity(1, Decimal(1))
        refund_dialog.set_reason(ReasonCode.DAMAGED)
        chosen_words = refund_dialog.reason.currentText()
        qtbot.waitUntil(refund_dialog.confirm_button.isEnabled, timeout=10_000)
        with qtbot.waitSignal(refund_dialog.refundCommitted, timeout=20_000) as done:
            refund_dialog.confirm()
            # The manager's dialog shows Siti's reason, and only that one.
            qtbot.waitUntil(lambda: _approval_dialog(window) is not None, timeout=10_000)
            approval_dialog = _approval_dialog(window)
            assert approval_dialog is not None
            qtbot.waitUntil(lambda: bool(approval_dialog.approvers), timeout=10_000)
            assert approval_dialog.reason is ReasonCode.DAMAGED
            assert approval_dialog.reasons.count() == 1
            assert not approval_dialog.reasons.isEnabled()
            assert approval_dialog.reasons.item(0).text() == chosen_words
            assert sale.receipt_no in approval_dialog.title.text()
            approval_dialog.set_reason(ReasonCode.CUSTOMER_CHANGED_MIND)  # cannot be changed
            assert approval_dialog.reason is ReasonCode.DAMAGED
            manager = next(m for m in approval_dialog.approvers if m.code == "M01")
            approval_dialog.select_approver(manager.user_id)
            qtbot.keyClicks(approval_dialog.pin, "9999")
            qtbot.keyClick(approval_dialog.pin, Qt.Key.Key_Return)
        committed = done.args[0]
        refund = committed.refund
        assert refund.reason == "damaged" and refund.approver_code == "M01"

        # The journal: the approval and the refund, one reason.
        entries = _journal(till_home.database)
        approvals = [d for kind, d in entries if kind == "approval" and d["permission"] == "refund"]
        refunds = [d for kind, d in entries if kind == "refund"]
        assert [a["reason"] for a in approvals] == ["damaged"]
        assert [(r["reason"], r["approval"]["reason"]) for r in refunds] == [("damaged", "damaged")]

        # The slip says it in the words the dialogs showed.
        slip = decode(Path(committed.receipt_target).read_bytes()).lines
        reason_lines = [line for line in slip if line.lstrip().startswith("Alasan")]
        assert len(reason_lines) == 1
        assert reason_lines[0].rstrip().endswith(REASONS_ID["damaged"])
        assert REASONS_ID["damaged"] == chosen_words

        # The cloud holds the refund with the same reason.
        engine.push_pending()
        assert engine.push_documents().done >= 1
        found = lookup_sale(setup.service.client, sale.receipt_no)
        assert found is not None
        assert [r.reason for r in found.refunds] == ["damaged"]
    finally:
        window.close()
        setup.service.client.close()
        worker.stop(10_000)
        till.close()


def test_an_approval_for_another_reason_is_refused(worker: DbWorker, till_home: AppPaths) -> None:
    """The service keeps the rule whoever calls it: the approval's reason is the refund's."""
    till = open_till(till_home, TillConfig(), clock=Clock(datetime.now(UTC)))
    try:
        refunds = till.context.refunds
        shifts = till.context.shifts
        assert refunds is not None and shifts is not None
        siti = next(m for m in till.context.staff.active_staff() if m.code == "K01")
        cashier = StaffMember(siti.user_id, siti.code, siti.name, siti.role)
        shifts.open_shift(cashier, 100_000)
        from pos_desktop.domain.payments import Tender, TenderKind
        from pos_desktop.services.checkout import SaleSession

        session = SaleSession(till.context.profile)
        session.add(till.context.till.lookup(INDOMIE))
        due = session.begin_payment().total_due
        session.add_tender(Tender(TenderKind.CASH, due))
        sale = till.context.till.commit(session.prepare_commit(siti, till.context.clock())).sale
        candidate = refunds.find(sale.receipt_no)
        approval = Approval(
            Permission.REFUND, "M01", "Ani", "manager", ReasonCode.DAMAGED, datetime.now(UTC)
        )
        with pytest.raises(UserError) as refused:
            refunds.commit(
                candidate,
                {1: Decimal(1)},
                to_cash=True,
                cashier=cashier,
                reason=ReasonCode.CUSTOMER_CHANGED_MIND,
                approval=approval,
            )
        assert refused.value.code == "refund.reason_mismatch"
        assert refunds.store.refunds_of(sale.sale_id) == []
    finally:
        till.close()


def test_the_slip_names_each_reason_as_the_dialogs_do(
    qtbot,
    indonesian: None,  # noqa: F811
) -> None:
    """Needs the merged translations (tillux.tsv: "Wrong item" in the Approval context)."""
    for reason in REASONS:
        assert reason_text(reason) == REASONS_ID[reason.value], reason
