"""Shift dialogs: open with a float, cash in/out, close with a blind count, show a report.

Every storage call runs on the database worker (``DbWorker``); a dialog only disables its
buttons while the call runs and closes when it returned, so a shift is never shown as closed
before its Z report is stored. Refusals (``UserError``) show inside the dialog and change
nothing.

Closing is a blind count by default, the professional practice: the cashier counts each
denomination first and sees what the drawer should hold only after pressing "Check", so the
count is not bent towards the expected figure. ``blind=False`` shows it at once.

When an action needs a permission the cashier lacks (cash out, close), the dialog calls
``request_approval(permission, retry)`` if given: the caller shows its approval dialog and calls
``retry(approval)`` with the supervisor's ``Approval``, which repeats the action with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.cash import DENOMINATIONS, CashCount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Approval, Permission
from pos_desktop.domain.shift_report import MovementKind, MovementReason, ShiftReport
from pos_desktop.services.ports import StaffMember
from pos_desktop.services.shifts import ShiftService
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.formatting import money, typed_amount
from pos_desktop.ui.keypad import TOUCH_MIN
from pos_desktop.ui.ops import (
    DbOp,
    cash_in,
    cash_out,
    close_shift,
    expected_cash,
    open_shift,
    print_shift_report,
)
from pos_desktop.ui.worker import DbWorker, Task

log = logging.getLogger(__name__)

T = TypeVar("T")

RequestApproval = Callable[[Permission, Callable[[Approval], None]], None]


def _button(parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.setMinimumHeight(TOUCH_MIN)
    return button


class _StorageDialog(QDialog):
    """A dialog that runs one storage action at a time and shows its refusals."""

    def __init__(self, worker: DbWorker, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._worker = worker
        self._task: Task | None = None
        self.message = MessageBar(self)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def _busy_widgets(self) -> Sequence[QWidget]:
        return ()

    def _set_busy(self, busy: bool) -> None:
        for widget in self._busy_widgets():
            widget.setEnabled(not busy)

    def _run(self, op: DbOp[T], on_result: Callable[[T], None]) -> None:
        if self.busy:
            return
        self._set_busy(True)

        def done(result: T) -> None:
            self._task = None
            self._set_busy(False)
            on_result(result)

        def failed(error: UserError) -> None:
            self._task = None
            self._set_busy(False)
            self._failed(error)

        self._task = op.success(done).failure(failed).run(self._worker)

    def _failed(self, error: UserError) -> None:
        self.message.show_error(error)

    def reject(self) -> None:
        if self.busy:
            return
        super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:  # pragma: no cover - every dialog overrides it
        pass


class OpenShiftDialog(_StorageDialog):
    """Kas awal: the cash put in the drawer to start the shift."""

    opened = Signal(object)
    """The ``ShiftInfo`` of the shift just opened."""

    def __init__(
        self,
        service: ShiftService,
        worker: DbWorker,
        actor: StaffMember,
        parent: QWidget | None = None,
        *,
        suggested_float: int | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self.setObjectName("openShiftDialog")
        self._service = service
        self._actor = actor
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.float_field = QLineEdit(self)
        self.float_field.setObjectName("floatField")
        if suggested_float is not None:
            self.float_field.setText(str(suggested_float))
        self.float_field.returnPressed.connect(self.submit)
        layout.addWidget(self.float_field)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = _button(self, "cancelButton")
        self.ok_button = _button(self, "okButton")
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self._retranslate()

    def _busy_widgets(self) -> Sequence[QWidget]:
        return (self.float_field, self.ok_button, self.cancel_button)

    def submit(self) -> None:
        try:
            amount = typed_amount(self.float_field.text() or "0")
        except UserError as error:
            self.message.show_error(error, self.float_field)
            return
        self._run(open_shift(self._service, self._actor, amount), self._opened)

    def _opened(self, shift: object) -> None:
        self.opened.emit(shift)
        self.done(QDialog.DialogCode.Accepted)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open shift"))
        self.prompt.setText(self.tr("Opening float (cash in the drawer now):"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.setText(self.tr("Open shift"))


class CashMovementDialog(_StorageDialog):
    """Cash in (change brought in) or out (safe drop, petty cash), with a reason."""

    moved = Signal(object)
    """The ``CashMovement`` just stored."""

    def __init__(
        self,
        service: ShiftService,
        worker: DbWorker,
        actor: StaffMember,
        parent: QWidget | None = None,
        *,
        kind: MovementKind = MovementKind.IN,
        request_approval: RequestApproval | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self.setObjectName("cashMovementDialog")
        self._service = service
        self._actor = actor
        self._request_approval = request_approval
        layout = QVBoxLayout(self)
        kinds = QHBoxLayout()
        self.in_button = QRadioButton(self)
        self.in_button.setObjectName("cashInButton")
        self.out_button = QRadioButton(self)
        self.out_button.setObjectName("cashOutButton")
        self._kinds = QButtonGroup(self)
        self._kinds.addButton(self.in_button)
        self._kinds.addButton(self.out_button)
        (self.in_button if MovementKind(kind) is MovementKind.IN else self.out_button).setChecked(
            True
        )
        kinds.addWidget(self.in_button)
        kinds.addWidget(self.out_button)
        layout.addLayout(kinds)
        form = QFormLayout()
        self.amount_label = QLabel(self)
        self.amount_field = QLineEdit(self)
        self.amount_field.setObjectName("amountField")
        self.reason_label = QLabel(self)
        self.reason_box = QComboBox(self)
        self.reason_box.setObjectName("reasonBox")
        for reason in MovementReason:
            self.reason_box.addItem("", reason.value)
        self.note_label = QLabel(self)
        self.note_field = QLineEdit(self)
        self.note_field.setObjectName("noteField")
        self.note_field.setMaxLength(200)
        form.addRow(self.amount_label, self.amount_field)
        form.addRow(self.reason_label, self.reason_box)
        form.addRow(self.note_label, self.note_field)
        layout.addLayout(form)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = _button(self, "cancelButton")
        self.ok_button = _button(self, "okButton")
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.amount_field.returnPressed.connect(self.submit)
        self._retranslate()

    @property
    def kind(self) -> MovementKind:
        return MovementKind.IN if self.in_button.isChecked() else MovementKind.OUT

    def _busy_widgets(self) -> Sequence[QWidget]:
        return (
            self.in_button,
            self.out_button,
            self.amount_field,
            self.reason_box,
            self.note_field,
            self.ok_button,
            self.cancel_button,
        )

    def submit(self, approval: Approval | None = None) -> None:
        try:
            amount = typed_amount(self.amount_field.text())
        except UserError as error:
            self.message.show_error(error, self.amount_field)
            return
        reason = str(self.reason_box.currentData())
        note = self.note_field.text()
        if self.kind is MovementKind.IN:
            self._run(cash_in(self._service, self._actor, amount, reason, note), self._moved)
        else:
            taking = cash_out(
                self._service,
                self._actor,
                amount,
                reason,
                note,
                approval if isinstance(approval, Approval) else None,
            )
            self._run(taking, self._moved)

    def _failed(self, error: UserError) -> None:
        if error.code == "permission.required" and self._request_approval is not None:
            self._request_approval(Permission.CASH_OUT, self.submit)
            return
        super()._failed(error)

    def _moved(self, movement: object) -> None:
        self.moved.emit(movement)
        self.done(QDialog.DialogCode.Accepted)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Cash in / out"))
        self.in_button.setText(self.tr("Cash in"))
        self.out_button.setText(self.tr("Cash out"))
        self.amount_label.setText(self.tr("Amount"))
        self.reason_label.setText(self.tr("Reason"))
        self.note_label.setText(self.tr("Note"))
        names = {
            MovementReason.CHANGE_FUND.value: self.tr("Change fund"),
            MovementReason.SAFE_DROP.value: self.tr("Safe drop"),
            MovementReason.PETTY_CASH.value: self.tr("Petty cash"),
            MovementReason.SUPPLIER_PAYMENT.value: self.tr("Supplier payment"),
            MovementReason.OTHER.value: self.tr("Other (note required)"),
        }
        for i in range(self.reason_box.count()):
            self.reason_box.setItemText(i, names[str(self.reason_box.itemData(i))])
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.setText(self.tr("Save"))


class CloseShiftDialog(_StorageDialog):
    """Count the drawer by denomination, see the difference, close with the Z report."""

    closed = Signal(object)
    """The Z ``ShiftReport``, emitted after it was stored and before the dialog closes."""

    def __init__(
        self,
        service: ShiftService,
        worker: DbWorker,
        actor: StaffMember,
        parent: QWidget | None = None,
        *,
        blind: bool = True,
        request_approval: RequestApproval | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self.setObjectName("closeShiftDialog")
        self._service = service
        self._actor = actor
        self._blind = blind
        self._request_approval = request_approval
        self.expected_cash: int | None = None
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        grid = QGridLayout()
        self.count_fields: dict[str, QLineEdit] = {}
        self.amount_labels: dict[str, QLabel] = {}
        self._denomination_labels: dict[str, QLabel] = {}
        # Notes on the left, coins on the right: the dialog fits a 1024x768 till screen.
        notes = [d for d in DENOMINATIONS if not d.coin]
        coins = [d for d in DENOMINATIONS if d.coin]
        placed = [(row, 0, d) for row, d in enumerate(notes)]
        placed += [(row, 3, d) for row, d in enumerate(coins)]
        grid.setColumnMinimumWidth(3, 24)
        for row, first_column, denomination in placed:
            label = QLabel(self)
            field = QLineEdit(self)
            field.setObjectName(f"count_{denomination.key}")
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setMaxLength(6)
            field.textChanged.connect(self._recount)
            amount = QLabel(money(0), self)
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, first_column + (1 if first_column else 0))
            grid.addWidget(field, row, first_column + (2 if first_column else 1))
            grid.addWidget(amount, row, first_column + (3 if first_column else 2))
            self.count_fields[denomination.key] = field
            self.amount_labels[denomination.key] = amount
            self._denomination_labels[denomination.key] = label
        layout.addLayout(grid)
        figures = QFormLayout()
        self.total_caption = QLabel(self)
        self.total_value = QLabel(money(0), self)
        self.total_value.setObjectName("countedTotal")
        self.expected_caption = QLabel(self)
        self.expected_value = QLabel("", self)
        self.expected_value.setObjectName("expectedCash")
        self.difference_caption = QLabel(self)
        self.difference_value = QLabel("", self)
        self.difference_value.setObjectName("cashDifference")
        figures.addRow(self.total_caption, self.total_value)
        figures.addRow(self.expected_caption, self.expected_value)
        figures.addRow(self.difference_caption, self.difference_value)
        layout.addLayout(figures)
        self.note_field = QLineEdit(self)
        self.note_field.setObjectName("noteField")
        self.note_field.setMaxLength(200)
        layout.addWidget(self.note_field)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = _button(self, "cancelButton")
        self.check_button = _button(self, "checkButton")
        self.close_button = _button(self, "closeShiftButton")
        self.cancel_button.clicked.connect(self.reject)
        self.check_button.clicked.connect(self.check)
        self.close_button.clicked.connect(self.submit)
        for button in (self.cancel_button, self.check_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._retranslate()
        self._show_expected(None)
        if not blind:
            self.check()

    # --- counting -----------------------------------------------------------------------------
    def count(self) -> CashCount:
        """The count as typed; ``UserError`` names the first bad field's denomination."""
        return CashCount.of({key: field.text() or "0" for key, field in self.count_fields.items()})

    def _recount(self) -> None:
        total = 0
        for denomination in DENOMINATIONS:
            text = self.count_fields[denomination.key].text().strip()
            pieces = int(text) if text.isascii() and text.isdecimal() else 0
            amount = pieces * denomination.value
            self.amount_labels[denomination.key].setText(money(amount))
            total += amount
        self.total_value.setText(money(total))
        self._show_expected(self.expected_cash)

    def _show_expected(self, expected: int | None) -> None:
        self.expected_cash = expected
        visible = expected is not None
        for widget in (
            self.expected_caption,
            self.expected_value,
            self.difference_caption,
            self.difference_value,
        ):
            widget.setVisible(visible)
        self.close_button.setEnabled(visible and not self.busy)
        if expected is None:
            return
        self.expected_value.setText(money(expected))
        try:
            difference = self.count().total - expected
        except UserError:
            self.difference_value.setText("")
            return
        sign = "+" if difference > 0 else ""
        self.difference_value.setText(sign + money(difference))
        self.difference_value.setProperty(
            "state", "" if difference == 0 else ("warning" if difference > 0 else "error")
        )

    def check(self) -> None:
        """Ask the database what the drawer should hold (after counting, when blind)."""
        if self._blind:
            try:
                self.count()
            except UserError as error:
                self.message.show_error(error)
                return
        self._run(expected_cash(self._service), self._expected)

    def _expected(self, report: object) -> None:
        assert isinstance(report, ShiftReport)
        self.message.clear_message()
        if report.pending_sales:
            self.message.show_warning(
                self.tr(
                    "%n sale(s) not yet sent to the cloud; the Z report will say so.",
                    "",
                    report.pending_sales,
                )
            )
        self._show_expected(report.cash.expected)

    def _busy_widgets(self) -> Sequence[QWidget]:
        return (
            *self.count_fields.values(),
            self.note_field,
            self.cancel_button,
            self.check_button,
            self.close_button,
        )

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if not busy:
            self.close_button.setEnabled(self.expected_cash is not None)

    def submit(self, approval: Approval | None = None) -> None:
        if self.expected_cash is None:
            self.check()
            return
        try:
            counted = self.count()
        except UserError as error:
            self.message.show_error(error)
            return
        closing = close_shift(
            self._service,
            self._actor,
            counted,
            self.note_field.text(),
            approval if isinstance(approval, Approval) else None,
        )
        self._run(closing, self._closed)

    def _failed(self, error: UserError) -> None:
        if error.code == "permission.required" and self._request_approval is not None:
            self._request_approval(Permission.CLOSE_SHIFT, self.submit)
            return
        super()._failed(error)

    def _closed(self, report: object) -> None:
        self.closed.emit(report)
        self.done(QDialog.DialogCode.Accepted)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Close shift"))
        self.prompt.setText(self.tr("Count the drawer: pieces of each note and coin."))
        for denomination in DENOMINATIONS:
            word = self.tr("coin") if denomination.coin else self.tr("note")
            self._denomination_labels[denomination.key].setText(
                f"{money(denomination.value)} ({word})"
            )
        self.total_caption.setText(self.tr("Counted"))
        self.expected_caption.setText(self.tr("Expected"))
        self.difference_caption.setText(self.tr("Difference"))
        self.note_field.setPlaceholderText(self.tr("Note (why there is a difference)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.check_button.setText(self.tr("Check"))
        self.close_button.setText(self.tr("Close shift"))


class ReportDialog(_StorageDialog):
    """An X or Z report as it prints, with a Print button."""

    printed = Signal(str)
    """Where the report went (file path), after a print."""

    def __init__(
        self,
        report: ShiftReport,
        lines: Sequence[str],
        service: ShiftService,
        worker: DbWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self.setObjectName("reportDialog")
        self.report = report
        self._service = service
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("reportText")
        self.text.setReadOnly(True)
        font: QFont = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text.setFont(font)
        self.text.setPlainText("\n".join(lines))
        width = max((len(line) for line in lines), default=32)
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance("M" * width) + 40)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.close_button = _button(self, "closeButton")
        self.print_button = _button(self, "printButton")
        self.close_button.clicked.connect(self.accept)
        self.print_button.clicked.connect(self.print_report)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.print_button)
        layout.addLayout(buttons)
        self.resize(self.minimumSizeHint().width(), 640)
        self._printed_once = False
        self._retranslate()

    def _busy_widgets(self) -> Sequence[QWidget]:
        return (self.print_button, self.close_button)

    def print_report(self) -> None:
        """Print; every print after the first is marked as a copy."""
        self._run(
            print_shift_report(self._service, self.report, copy=self._printed_once), self._printed
        )

    def _printed(self, target: object) -> None:
        self._printed_once = True
        self.message.show_info(self.tr("Report printed."))
        self.printed.emit(str(target))

    def _retranslate(self) -> None:
        kind = self.report.kind.value
        self.setWindowTitle(
            self.tr("%1 report %2").replace("%1", kind).replace("%2", self.report.document_no)
        )
        self.close_button.setText(self.tr("Close"))
        self.print_button.setText(self.tr("Print"))
