"""Retur: find a receipt (typed or scanned QR), pick what comes back, refund it.

Every storage or network step (the lookup, which may ask the cloud; the preview; the commit) runs
on the database worker; the Qt thread only shows results. Each request carries a generation
number and a result that is no longer the newest is dropped, so a slow lookup can never replace
the sale of a later one, nor a stale preview the total shown.

The refund needs permission ``refund``. When the cashier lacks it, Refund asks the
``request_approval`` callable (the supervisor/manager PIN dialog) for an ``Approval`` of this
refund with the reason chosen here, which the approver sees and cannot change: one refund has
one reason, the same in the approval, the journal, the refund the cloud gets and the slip.
Without an approval the service refuses with ``permission.required``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Approval, ReasonCode
from pos_desktop.domain.refund import RefundRecord, is_countable
from pos_desktop.domain.sale import SaleLine
from pos_desktop.services.ports import StaffMember
from pos_desktop.services.refunds import CommittedRefund, RefundCandidate, RefundService
from pos_desktop.ui.approval import reason_text
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.formatting import money, quantity
from pos_desktop.ui.keypad import TOUCH_MIN
from pos_desktop.ui.ops import DbOp, commit_refund, find_refund, preview_refund
from pos_desktop.ui.worker import DbWorker, Task

log = logging.getLogger(__name__)

T = TypeVar("T")

REASONS = (
    ReasonCode.CUSTOMER_CHANGED_MIND,
    ReasonCode.WRONG_ITEM,
    ReasonCode.DAMAGED,
    ReasonCode.PRICE_ERROR,
    ReasonCode.OTHER,
)

COL_NAME, COL_SOLD, COL_DONE, COL_NOW = range(4)

ApprovalGranted = Callable[[Approval | None], None]
ApprovalRequest = Callable[[ReasonCode, str, ApprovalGranted], None]
"""``request(reason, detail, granted)``: ask a supervisor or manager to approve this refund for
``reason`` (``detail`` says which); ``granted(approval)`` runs once they did, and not at all
when they cancel."""


class RefundDialog(QDialog):
    saleShown = Signal(object)
    """The ``RefundCandidate`` now on screen."""
    totalShown = Signal(int)
    """The refund total now shown (0 when nothing is selected)."""
    refundCommitted = Signal(object)
    """The ``CommittedRefund`` (refund stored; ``receipt_error`` set when the slip failed)."""

    def __init__(
        self,
        service: RefundService,
        worker: DbWorker,
        cashier: StaffMember,
        parent: QWidget | None = None,
        *,
        request_approval: ApprovalRequest | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.setModal(True)
        self.resize(860, 620)
        self._service = service
        self._worker = worker
        self._cashier = cashier
        self._request_approval = request_approval
        self._candidate: RefundCandidate | None = None
        self._spins: dict[int, QSpinBox | QDoubleSpinBox] = {}
        self._tasks: dict[str, Task] = {}
        self._generation: dict[str, int] = {"find": 0, "preview": 0, "commit": 0}
        self._preview: RefundRecord | None = None
        self._committing = False
        self._needs_approval = False

        layout = QVBoxLayout(self)
        self._build_receipt_search(layout)
        self._build_lines_table(layout)
        self._build_options(layout)
        self._build_footer(layout)

        self.finished.connect(self._cancel_pending)
        self._retranslate()
        self._show_total(0)
        self._update_buttons()
        self.field.setFocus()

    # --- layout -------------------------------------------------------------------------------
    def _build_receipt_search(self, layout: QVBoxLayout) -> None:
        """The receipt field on top, where a scanned receipt QR lands like a typed number."""
        top = QHBoxLayout()
        self.field = QLineEdit(self)
        self.field.setObjectName("refundReceiptField")
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(lambda: self.lookup(self.field.text()))
        self.find_button = QPushButton(self)
        self.find_button.clicked.connect(lambda: self.lookup(self.field.text()))
        top.addWidget(self.field, 1)
        top.addWidget(self.find_button)
        layout.addLayout(top)
        self.sale_label = QLabel(self)
        self.sale_label.setObjectName("refundSaleLabel")
        layout.addWidget(self.sale_label)
        self.message = MessageBar(self)
        layout.addWidget(self.message)

    def _build_lines_table(self, layout: QVBoxLayout) -> None:
        """Read-only rows: the quantities are chosen in spin boxes set into ``COL_NOW``."""
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("refundLines")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(TOUCH_MIN)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (COL_SOLD, COL_DONE, COL_NOW):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

    def _build_options(self, layout: QVBoxLayout) -> None:
        """Refund all, where the money goes (a change re-runs the preview) and the one reason."""
        options = QHBoxLayout()
        self.all_button = QPushButton(self)
        self.all_button.setObjectName("refundAllButton")
        self.all_button.clicked.connect(self.select_all)
        options.addWidget(self.all_button)
        self.to_original = QRadioButton(self)
        self.to_cash = QRadioButton(self)
        self.to_original.setChecked(True)
        self.to_original.toggled.connect(self._schedule_preview)
        options.addWidget(self.to_original)
        options.addWidget(self.to_cash)
        self.reason_label = QLabel(self)
        options.addWidget(self.reason_label)
        self.reason = QComboBox(self)
        self.reason.setObjectName("refundReason")
        options.addWidget(self.reason, 1)
        layout.addLayout(options)

    def _build_footer(self, layout: QVBoxLayout) -> None:
        """The total and the two closing buttons; no button is the default, so Enter in the
        receipt field looks a receipt up instead of confirming a refund."""
        bottom = QHBoxLayout()
        self.total_label = QLabel(self)
        self.total_label.setObjectName("refundTotal")
        bottom.addWidget(self.total_label, 1)
        self.cancel_button = QPushButton(self)
        self.confirm_button = QPushButton(self)
        self.confirm_button.setObjectName("refundConfirmButton")
        for button in (self.all_button, self.find_button, self.cancel_button, self.confirm_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(TOUCH_MIN)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.confirm)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.confirm_button)
        layout.addLayout(bottom)

    # --- state for the caller and tests -------------------------------------------------------
    @property
    def candidate(self) -> RefundCandidate | None:
        return self._candidate

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def requested(self) -> dict[int, Decimal]:
        """Original line number -> quantity to return now (lines at zero left out)."""
        out: dict[int, Decimal] = {}
        for line_no, spin in self._spins.items():
            value = Decimal(str(spin.value()))
            if isinstance(spin, QDoubleSpinBox):
                value = value.quantize(Decimal("0.001"))
            if value > 0:
                out[line_no] = value
        return out

    def set_quantity(self, line_no: int, value: Decimal) -> None:
        spin = self._spins[line_no]
        if isinstance(spin, QSpinBox):
            spin.setValue(int(value))
        else:
            spin.setValue(float(value))

    def set_to_cash(self, to_cash: bool) -> None:
        (self.to_cash if to_cash else self.to_original).setChecked(True)

    def set_reason(self, reason: ReasonCode) -> None:
        self.reason.setCurrentIndex(REASONS.index(reason))

    def selected_reason(self) -> ReasonCode:
        return REASONS[max(0, self.reason.currentIndex())]

    # --- lookup -------------------------------------------------------------------------------
    def lookup(self, text: str) -> None:
        """Find the sale behind a typed receipt number or scanned receipt QR code."""
        if self._committing:
            return
        self.field.setText(text.strip())
        self._submit("find", find_refund(self._service, text, self._cashier), self._show_candidate)

    def _show_candidate(self, found: tuple[RefundCandidate, bool]) -> None:
        candidate, needs_approval = found
        self._candidate = candidate
        self._needs_approval = needs_approval
        sale = candidate.sale
        self.sale_label.setText(
            self.tr("Receipt {receipt} · {date} · {cashier} · total {total}").format(
                receipt=sale.receipt_no,
                date=sale.sold_at.strftime("%d/%m/%Y %H:%M"),
                cashier=sale.cashier_name or sale.cashier_code,
                total=money(sale.total),
            )
        )
        self._spins.clear()
        self.table.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            self._fill_row(row, line, candidate)
        if candidate.fully_refunded:
            self.message.show_warning(self.tr("Everything on this receipt was already returned."))
        elif not candidate.cloud_checked:
            self.message.show_warning(
                self.tr("Offline: returns made on other tills may not be known yet.")
            )
        else:
            self.message.clear_message()
        self._show_total(0)
        self._update_buttons()
        self.saleShown.emit(candidate)

    def _fill_row(self, row: int, line: SaleLine, candidate: RefundCandidate) -> None:
        weighed = not is_countable(line)
        already = candidate.already.get(line.line_no, Decimal(0))
        remaining = candidate.remaining.get(line.line_no, Decimal(0))
        cells = (
            (COL_NAME, line.name),
            (COL_SOLD, quantity(line.quantity, line.unit, weighed=weighed)),
            (COL_DONE, quantity(already, line.unit, weighed=weighed)),
        )
        for column, text in cells:
            item = QTableWidgetItem(text)
            if column != COL_NAME:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        spin: QSpinBox | QDoubleSpinBox
        if weighed:
            spin = QDoubleSpinBox(self.table)
            spin.setDecimals(3)
            spin.setSingleStep(0.1)
            spin.setRange(0.0, float(remaining))
            spin.setSuffix(f" {line.unit}")
        else:
            spin = QSpinBox(self.table)
            spin.setRange(0, int(remaining))
        spin.setObjectName(f"refundQty{line.line_no}")
        spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.PlusMinus)
        spin.setMinimumHeight(TOUCH_MIN - 8)
        spin.setEnabled(remaining > 0)
        spin.valueChanged.connect(self._schedule_preview)
        self._spins[line.line_no] = spin
        self.table.setCellWidget(row, COL_NOW, spin)

    def select_all(self) -> None:
        """Return everything that remains."""
        if self._candidate is None:
            return
        for line_no, spin in self._spins.items():
            spin.blockSignals(True)
            self.set_quantity(line_no, self._candidate.remaining.get(line_no, Decimal(0)))
            spin.blockSignals(False)
        self._schedule_preview()

    # --- preview ------------------------------------------------------------------------------
    def _schedule_preview(self, *_args: object) -> None:
        self._preview = None
        requested = self.requested()
        if self._candidate is None or not requested:
            self._cancel("preview")
            self._show_total(0)
            self._update_buttons()
            return
        preview = preview_refund(
            self._service,
            self._candidate,
            requested,
            to_cash=self.to_cash.isChecked(),
            cashier=self._cashier,
        )
        self._submit("preview", preview, self._show_preview)

    def _show_preview(self, refund: RefundRecord) -> None:
        self._preview = refund
        self._show_total(refund.total)
        self.message.clear_message()
        self._update_buttons()

    def _show_total(self, total: int) -> None:
        self.total_label.setText(self.tr("To refund: {amount}").format(amount=money(total)))
        self.totalShown.emit(total)

    # --- commit -------------------------------------------------------------------------------
    def confirm(self) -> None:
        """Refund what is selected; asks for an approval of it, with the reason chosen here,
        first when the cashier needs one."""
        if self._candidate is None or self._committing or not self.requested():
            return
        reason = self.selected_reason()
        if self._needs_approval and self._request_approval is not None:
            candidate, requested = self._candidate, self.requested()
            detail = self.tr("Refund of receipt {receipt}: {amount}").format(
                receipt=candidate.sale.receipt_no,
                amount=money(self._preview.total if self._preview is not None else 0),
            )

            def granted(approval: Approval | None) -> None:
                if self._candidate is candidate and self.requested() == requested:
                    self._commit(reason, approval)

            self._request_approval(reason, detail, granted)
            return
        self._commit(reason, None)

    def _commit(self, reason: ReasonCode, approval: Approval | None) -> None:
        if self._candidate is None or self._committing:
            return
        self._committing = True
        self._update_buttons()
        commit = commit_refund(
            self._service,
            self._candidate,
            self.requested(),
            to_cash=self.to_cash.isChecked(),
            cashier=self._cashier,
            reason=reason,
            approval=approval,
        )
        self._submit("commit", commit, self._committed)

    def _committed(self, done: CommittedRefund) -> None:
        self._committing = False
        log.info("refund %s committed from the dialog", done.refund.refund_no)
        self.refundCommitted.emit(done)
        self.accept()

    # --- plumbing -----------------------------------------------------------------------------
    def _submit(self, kind: str, op: DbOp[T], on_result: Callable[[T], None]) -> None:
        self._cancel(kind)
        self._generation[kind] += 1
        generation = self._generation[kind]

        def result(value: T) -> None:
            if generation == self._generation[kind]:
                self._tasks.pop(kind, None)
                on_result(value)
                self._update_buttons()

        def error(exc: UserError) -> None:
            if generation == self._generation[kind]:
                self._tasks.pop(kind, None)
                if kind == "commit":
                    self._committing = False
                if kind == "preview":
                    self._show_total(0)
                self.message.show_error(exc, self.field if kind == "find" else None)
                self._update_buttons()

        self._tasks[kind] = op.success(result).failure(error).run(self._worker)
        self._update_buttons()

    def _cancel(self, kind: str) -> None:
        task = self._tasks.pop(kind, None)
        if task is not None:
            task.cancel()

    def _cancel_pending(self, *_args: object) -> None:
        # A commit already queued is left to finish (it is durable either way); only its
        # callback is dropped, like a search result for a closed dialog.
        for kind in list(self._tasks):
            self._cancel(kind)

    def _update_buttons(self) -> None:
        ready = (
            self._candidate is not None
            and self._preview is not None
            and not self._committing
            and "preview" not in self._tasks
        )
        self.confirm_button.setEnabled(ready)
        self.all_button.setEnabled(self._candidate is not None and not self._committing)

    # --- language -----------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Return / refund"))
        self.field.setPlaceholderText(self.tr("Receipt number, or scan the receipt's QR code"))
        self.find_button.setText(self.tr("Find"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Sold"), self.tr("Returned"), self.tr("Return now")]
        )
        self.all_button.setText(self.tr("All"))
        self.to_original.setText(self.tr("To original payment"))
        self.to_cash.setText(self.tr("All in cash"))
        self.reason_label.setText(self.tr("Reason"))
        current = self.reason.currentIndex()
        self.reason.clear()
        # The approval dialog's words for the same codes, so both dialogs say the same.
        for reason in REASONS:
            self.reason.addItem(reason_text(reason), reason.value)
        self.reason.setCurrentIndex(max(0, current))
        self.cancel_button.setText(self.tr("Cancel"))
        self.confirm_button.setText(self.tr("Refund"))
        if self._preview is not None:
            self._show_total(self._preview.total)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.field.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
