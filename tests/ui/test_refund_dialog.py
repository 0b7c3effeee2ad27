"""The refund dialog: lookup on the worker, spin boxes limited to what remains, approval, commit."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

from pos_desktop.domain.permissions import Approval, Permission, PermissionTable, ReasonCode
from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.services.ports import StaffMember
from pos_desktop.services.refunds import CommittedRefund, RefundService
from pos_desktop.ui.refund_dialog import RefundDialog
from pos_desktop.ui.worker import DbWorker
from tests.localdb.conftest import PROFILE, SOLD_AT, sale_maker

NOW = SOLD_AT + timedelta(hours=1)
CASHIER = StaffMember(1, "K01", "Siti", "cashier")
MANAGER = StaffMember(2, "M01", "Pak Budi", "manager")


class MemoryRefunds:
    """``RefundStore`` in memory; ``gate`` holds lookups back to prove the UI does not wait."""

    def __init__(self, sale: SaleRecord) -> None:
        self.sale = sale
        self.refunds: list[RefundRecord] = []
        self.gate = threading.Event()
        self.gate.set()

    def sale_by_receipt(self, receipt_or_qr: str) -> SaleRecord | None:
        assert self.gate.wait(10)
        return self.sale if receipt_or_qr.strip() == self.sale.receipt_no else None

    def refunds_of(self, sale_id: str) -> list[RefundRecord]:
        return [r for r in self.refunds if r.original_sale_id == sale_id]

    def commit_refund(
        self,
        sale_id: str,
        make: Callable[[str, Sequence[RefundRecord]], RefundRecord],
        approval: Approval | None = None,
    ) -> RefundRecord:
        refund = make(f"S01-T01-R{len(self.refunds) + 1:06d}", self.refunds_of(sale_id))
        self.refunds.append(refund)
        return refund


@pytest.fixture
def memory() -> MemoryRefunds:
    return MemoryRefunds(sale_maker(PROFILE)("S01-T01-000042"))


def _dialog(qtbot, memory: MemoryRefunds, worker: DbWorker, cashier: StaffMember, **kw):
    service = RefundService(
        store=memory,
        profile=lambda: PROFILE,
        permissions=PermissionTable.default,
        clock=lambda: NOW,
    )
    dialog = RefundDialog(service, worker, cashier, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _find(qtbot, dialog: RefundDialog, text: str) -> None:
    with qtbot.waitSignal(dialog.saleShown, timeout=5000):
        dialog.field.setText(text)
        dialog.field.returnPressed.emit()


def test_lookup_shows_lines_with_what_remains(
    qtbot, indonesian: None, memory: MemoryRefunds, worker: DbWorker
) -> None:
    dialog = _dialog(qtbot, memory, worker, MANAGER)
    _find(qtbot, dialog, f"{memory.sale.receipt_no}\n")
    assert dialog.table.rowCount() == len(memory.sale.lines)
    spins = [dialog.table.cellWidget(row, 3) for row in range(dialog.table.rowCount())]
    for spin, line in zip(spins, memory.sale.lines, strict=True):
        assert isinstance(spin, QDoubleSpinBox if line.unit == "kg" else QSpinBox)
        assert Decimal(str(spin.maximum())) == line.quantity
    assert not dialog.confirm_button.isEnabled()


def test_all_then_refund_commits_everything(
    qtbot, indonesian: None, memory: MemoryRefunds, worker: DbWorker
) -> None:
    dialog = _dialog(qtbot, memory, worker, MANAGER)
    _find(qtbot, dialog, memory.sale.receipt_no)
    with qtbot.waitSignal(dialog.totalShown, check_params_cb=lambda t: t > 0, timeout=5000) as s:
        dialog.all_button.click()
    assert s.args == [memory.sale.total]
    qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=5000)
    dialog.set_reason(ReasonCode.DAMAGED)
    with qtbot.waitSignal(dialog.refundCommitted, timeout=5000) as committed:
        dialog.confirm_button.click()
    done = committed.args[0]
    assert isinstance(done, CommittedRefund)
    assert done.refund.total == memory.sale.total and done.refund.reason == "damaged"
    assert not dialog.isVisible()
    # Opened again, the receipt shows nothing left to return.
    again = _dialog(qtbot, memory, worker, MANAGER)
    _find(qtbot, again, memory.sale.receipt_no)
    assert again.candidate is not None and again.candidate.fully_refunded
    assert again.message.text()


def test_partial_quantity_and_cash(
    qtbot, indonesian: None, memory: MemoryRefunds, worker: DbWorker
) -> None:
    dialog = _dialog(qtbot, memory, worker, MANAGER)
    _find(qtbot, dialog, memory.sale.receipt_no)
    dialog.set_to_cash(True)
    with qtbot.waitSignal(dialog.totalShown, check_params_cb=lambda t: t > 0, timeout=5000):
        dialog.set_quantity(2, Decimal(1))
    assert dialog.requested() == {2: Decimal(1)}
    qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(dialog.refundCommitted, timeout=5000) as committed:
        dialog.confirm()
    refund = committed.args[0].refund
    assert refund.to_cash and [t.kind.value for t in refund.tenders] == ["cash"]
    assert refund.lines[0].line_no == 2 and refund.lines[0].quantity == 1


def test_unknown_receipt_shows_the_error_and_nothing_else(
    qtbot, indonesian: None, memory: MemoryRefunds, worker: DbWorker
) -> None:
    dialog = _dialog(qtbot, memory, worker, MANAGER)
    dialog.lookup("S01-T01-999999")
    qtbot.waitUntil(lambda: dialog.message.code != "", timeout=5000)
    assert dialog.message.code == "refund.sale_not_found_offline"
    assert dialog.table.rowCount() == 0 and dialog.candidate is None


def test_a_cashier_needs_an_approval(
    qtbot, indonesian: None, memory: MemoryRefunds, worker: DbWorker
) -> None:
    answers: list[Approval | None] = [
        None,
        Approval(Permission.REFUND, "M01", "Pak Budi", "manager", ReasonCode.WRONG_ITEM, NOW),
    ]
    asked: list[tuple[ReasonCode, str]] = []

    def request(reason: ReasonCode, detail: str, granted) -> None:  # type: ignore[no-untyped-def]
        asked.append((reason, detail))
        answer = answers.pop(0)
        if answer is not None:  # a cancelled approval never calls back
            granted(answer)

    dialog = _dialog(qtbot, memory, worker, CASHIER, request_approval=request)
    _find(qtbot, dialog, memory.sale.receipt_no)
    dialog.set_reason(ReasonCode.WRONG_ITEM)
    with qtbot.waitSignal(dialog.totalShown, check_params_cb=lambda t: t > 0, timeout=5000):
        dialog.set_quantity(1, Decimal(1))
    qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=5000)
    dialog.confirm()  # the approver said no: nothing happens
    assert memory.refunds == [] and dialog.isVisible() and not dialog.busy
    with qtbot.waitSignal(dialog.refundCommitted, timeout=5000) as committed:
        dialog.confirm()
    assert committed.args[0].refund.approver_code == "M01"
    assert [reason for reason, _ in asked] == [ReasonCode.WRONG_ITEM] * 2
    assert memory.sale.receipt_no in asked[0][1]


def test_a_cashier_without_an_approver_is_refused(
    qtbot, indonesian: None, memory: MemoryRefunds, worker: DbWorker
) -> None:
    dialog = _dialog(qtbot, memory, worker, CASHIER)
    _find(qtbot, dialog, memory.sale.receipt_no)
    with qtbot.waitSignal(dialog.totalShown, check_params_cb=lambda t: t > 0, timeout=5000):
        dialog.set_quantity(1, Decimal(1))
    qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=5000)
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.message.code == "permission.required", timeout=5000)
    assert memory.refunds == [] and dialog.confirm_button.isEnabled()


def test_the_lookup_never_blocks_the_qt_thread(
    qtbot, indonesian: None, memory: MemoryRefunds, worker: DbWorker
) -> None:
    dialog = _dialog(qtbot, memory, worker, MANAGER)
    memory.gate.clear()
    dialog.lookup(memory.sale.receipt_no)  # returns at once although the store is stuck
    assert dialog.busy and dialog.candidate is None
    qtbot.wait(50)
    assert dialog.candidate is None
    with qtbot.waitSignal(dialog.saleShown, timeout=5000):
        memory.gate.set()
    assert dialog.candidate is not None and not dialog.busy
