"""F12: take payment, in cash or any mix of tenders, then commit the sale.

The cash amount has focus with quick buttons (exact amount and the next common notes); card,
QRIS and e-wallet are one key away (F7, F8, F9) and come back to cash after adding. Each tender
shows in a list. Enter with an amount adds it; Enter on an empty cash field completes once the
sale is fully tendered. The commit runs on the database thread and the dialog closes only after
it returned, so the cashier never hands over change for a sale that was not saved. Esc backs out
of a tender form, then out of the payment (its tenders are dropped: nothing was saved yet).
"""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import Payment, Tender, TenderKind, quick_cash_amounts
from pos_desktop.services.checkout import CommittedSale, SaleSession
from pos_desktop.services.ports import StaffMember
from pos_desktop.ui.context import TillContext
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.formatting import money, typed_amount
from pos_desktop.ui.keypad import BACK, ENTER, TOUCH_MIN, Keypad
from pos_desktop.ui.ops import commit_sale
from pos_desktop.ui.worker import DbWorker, Task

log = logging.getLogger(__name__)

PAGE_CASH, PAGE_CARD, PAGE_QRIS, PAGE_EWALLET = range(4)

EWALLET_PROVIDERS = ("GoPay", "OVO", "DANA", "ShopeePay", "LinkAja")


def _button(parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    button.setMinimumHeight(TOUCH_MIN)
    return button


class PaymentDialog(QDialog):
    completed = Signal(object)
    """The ``CommittedSale``, emitted after the commit returned and before the dialog closes."""
    tendersChanged = Signal()

    def __init__(
        self,
        session: SaleSession,
        context: TillContext,
        worker: DbWorker,
        cashier: StaffMember,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setModal(True)
        self.resize(900, 640)
        self._session = session
        self._context = context
        self._worker = worker
        self._cashier = cashier
        self._sale_id = str(uuid.uuid4())
        """One id per payment: a retried commit can never store the sale twice."""
        self._commit_task: Task | None = None
        self.committed: CommittedSale | None = None
        self.payment: Payment = session.begin_payment()

        root = QHBoxLayout(self)
        left = QVBoxLayout()
        root.addLayout(left, 3)
        right = QVBoxLayout()
        root.addLayout(right, 2)
        self._build_amounts(left)
        self._build_tender_forms(right)
        self._build_tender_buttons(right)
        self._bind_shortcuts()

        self._retranslate()
        self._refresh()
        self.show_page(PAGE_CASH)

    # --- layout -------------------------------------------------------------------------------
    def _build_amounts(self, left: QVBoxLayout) -> None:
        """The left column: what is due, paid, remaining and change, the tenders, the messages."""
        amounts = QGridLayout()
        self.due_caption = QLabel(self)
        self.due_value = QLabel(self)
        self.due_value.setObjectName("dueValue")
        self.paid_caption = QLabel(self)
        self.paid_value = QLabel(self)
        self.remaining_caption = QLabel(self)
        self.remaining_value = QLabel(self)
        self.remaining_value.setObjectName("remainingValue")
        self.change_caption = QLabel(self)
        self.change_value = QLabel(self)
        self.change_value.setObjectName("paymentChangeValue")
        rows = (
            (self.due_caption, self.due_value),
            (self.paid_caption, self.paid_value),
            (self.remaining_caption, self.remaining_value),
            (self.change_caption, self.change_value),
        )
        for r, (caption, value) in enumerate(rows):
            caption.setProperty("role", "caption")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            amounts.addWidget(caption, r, 0)
            amounts.addWidget(value, r, 1)
        left.addLayout(amounts)

        self.tender_list = QListWidget(self)
        self.tender_list.setObjectName("tenderList")
        self.tender_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        left.addWidget(self.tender_list, 1)
        self.message = MessageBar(self)
        left.addWidget(self.message)

    def _build_tender_forms(self, right: QVBoxLayout) -> None:
        """One stacked page per tender kind, indexed by the ``PAGE_*`` constants."""
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_cash_page())
        self.pages.addWidget(self._build_card_page())
        self.pages.addWidget(self._build_qris_page())
        self.pages.addWidget(self._build_ewallet_page())
        right.addWidget(self.pages, 1)

    def _build_tender_buttons(self, right: QVBoxLayout) -> None:
        """The touch buttons under the forms; none takes focus, so typing stays in the field."""
        kinds = QGridLayout()
        self.cash_button = _button(self, "cashButton")
        self.card_button = _button(self, "cardButton")
        self.qris_button = _button(self, "qrisButton")
        self.ewallet_button = _button(self, "ewalletButton")
        self.remove_button = _button(self, "removeTenderButton")
        self.cancel_button = _button(self, "cancelPaymentButton")
        self.complete_button = _button(self, "completeButton")
        kinds.addWidget(self.cash_button, 0, 0)
        kinds.addWidget(self.card_button, 0, 1)
        kinds.addWidget(self.qris_button, 1, 0)
        kinds.addWidget(self.ewallet_button, 1, 1)
        kinds.addWidget(self.remove_button, 2, 0)
        kinds.addWidget(self.cancel_button, 2, 1)
        kinds.addWidget(self.complete_button, 3, 0, 1, 2)
        right.addLayout(kinds)
        self.cash_button.clicked.connect(lambda: self.show_page(PAGE_CASH))
        self.card_button.clicked.connect(lambda: self.show_page(PAGE_CARD))
        self.qris_button.clicked.connect(lambda: self.show_page(PAGE_QRIS))
        self.ewallet_button.clicked.connect(lambda: self.show_page(PAGE_EWALLET))
        self.remove_button.clicked.connect(self.remove_last_tender)
        self.cancel_button.clicked.connect(self.cancel_payment)
        self.complete_button.clicked.connect(self.finish)

    def _bind_shortcuts(self) -> None:
        """F7/F8/F9 open the card, QRIS and e-wallet forms; F3 removes the last tender."""
        for key, page in (
            (Qt.Key.Key_F7, PAGE_CARD),
            (Qt.Key.Key_F8, PAGE_QRIS),
            (Qt.Key.Key_F9, PAGE_EWALLET),
        ):
            QShortcut(QKeySequence(key), self, lambda p=page: self.show_page(p))
        QShortcut(QKeySequence(Qt.Key.Key_F3), self, self.remove_last_tender)

    # --- pages --------------------------------------------------------------------------------
    def _build_cash_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.cash_title = QLabel(page)
        self.cash_title.setObjectName("tenderTitle")
        layout.addWidget(self.cash_title)
        self.cash_field = QLineEdit(page)
        self.cash_field.setObjectName("cashField")
        self.cash_field.returnPressed.connect(self.enter)
        layout.addWidget(self.cash_field)
        self.quick_row = QGridLayout()
        self.quick_buttons: list[QPushButton] = []
        for i in range(5):
            button = _button(page, f"quickCash{i}")
            button.clicked.connect(lambda _=False, i=i: self._quick(i))
            self.quick_row.addWidget(button, i // 3, i % 3)
            self.quick_buttons.append(button)
        layout.addLayout(self.quick_row)
        self.cash_keypad = Keypad(
            (("7", "8", "9"), ("4", "5", "6"), ("1", "2", "3"), ("0", "000", BACK)),
            target=self.cash_field,
            parent=page,
        )
        self.cash_keypad.keyPressed.connect(self._on_key)
        layout.addWidget(self.cash_keypad, 1)
        return page

    def _form_page(self) -> tuple[QWidget, QFormLayout, QLabel]:
        page = QWidget(self)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        title = QLabel(page)
        title.setObjectName("tenderTitle")
        outer.addWidget(title)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        return page, form, title

    def _line(self, page: QWidget, name: str) -> QLineEdit:
        field = QLineEdit(page)
        field.setObjectName(name)
        field.returnPressed.connect(self.enter)
        return field

    def _build_card_page(self) -> QWidget:
        page, form, self.card_title = self._form_page()
        self.card_amount = self._line(page, "cardAmount")
        self.card_approval = self._line(page, "cardApproval")
        self.card_approval.setMaxLength(12)
        self.card_last4 = self._line(page, "cardLast4")
        self.card_last4.setMaxLength(4)
        self.card_labels = (QLabel(page), QLabel(page), QLabel(page))
        form.addRow(self.card_labels[0], self.card_amount)
        form.addRow(self.card_labels[1], self.card_approval)
        form.addRow(self.card_labels[2], self.card_last4)
        return page

    def _build_qris_page(self) -> QWidget:
        page, form, self.qris_title = self._form_page()
        self.qris_amount = self._line(page, "qrisAmount")
        self.qris_reference = self._line(page, "qrisReference")
        self.qris_labels = (QLabel(page), QLabel(page))
        form.addRow(self.qris_labels[0], self.qris_amount)
        form.addRow(self.qris_labels[1], self.qris_reference)
        return page

    def _build_ewallet_page(self) -> QWidget:
        page, form, self.ewallet_title = self._form_page()
        self.ewallet_provider = QComboBox(page)
        self.ewallet_provider.setObjectName("ewalletProvider")
        self.ewallet_provider.setEditable(True)
        self.ewallet_provider.addItems(EWALLET_PROVIDERS)
        self.ewallet_amount = self._line(page, "ewalletAmount")
        self.ewallet_reference = self._line(page, "ewalletReference")
        self.ewallet_labels = (QLabel(page), QLabel(page), QLabel(page))
        form.addRow(self.ewallet_labels[0], self.ewallet_provider)
        form.addRow(self.ewallet_labels[1], self.ewallet_amount)
        form.addRow(self.ewallet_labels[2], self.ewallet_reference)
        return page

    def show_page(self, page: int) -> None:
        if self.is_committing:
            return
        self.pages.setCurrentIndex(page)
        remaining = str(self.payment.remaining) if self.payment.remaining else ""
        if page == PAGE_CASH:
            self.cash_field.setFocus()
        elif page == PAGE_CARD:
            self.card_amount.setText(remaining)
            self.card_approval.clear()
            self.card_last4.clear()
            self.card_approval.setFocus()
        elif page == PAGE_QRIS:
            self.qris_amount.setText(remaining)
            self.qris_reference.clear()
            self.qris_reference.setFocus()
        elif page == PAGE_EWALLET:
            self.ewallet_amount.setText(remaining)
            self.ewallet_reference.clear()
            self.ewallet_reference.setFocus()

    # --- tenders ------------------------------------------------------------------------------
    def enter(self) -> None:
        """Enter anywhere: add the tender being typed, or complete when fully tendered."""
        if self.is_committing:
            return
        if self.pages.currentIndex() == PAGE_CASH and not self.cash_field.text().strip():
            self.complete()
            return
        self._add_typed()

    def finish(self) -> None:
        """The Finish button (touch): add what is typed, if anything, then complete."""
        if self.is_committing:
            return
        typed = self.pages.currentIndex() != PAGE_CASH or self.cash_field.text().strip()
        if typed and not self._add_typed():
            return
        self.complete()

    def _typed_tender(self) -> Tender:
        page = self.pages.currentIndex()
        if page == PAGE_CARD:
            return Tender(
                TenderKind.CARD,
                typed_amount(self.card_amount.text()),
                approval_code=self.card_approval.text().strip(),
                card_last4=self.card_last4.text().strip(),
            )
        if page == PAGE_QRIS:
            return Tender(
                TenderKind.QRIS,
                typed_amount(self.qris_amount.text()),
                reference=self.qris_reference.text().strip(),
                provider="QRIS",
            )
        if page == PAGE_EWALLET:
            return Tender(
                TenderKind.EWALLET,
                typed_amount(self.ewallet_amount.text()),
                reference=self.ewallet_reference.text().strip(),
                provider=self.ewallet_provider.currentText().strip(),
            )
        return Tender(TenderKind.CASH, typed_amount(self.cash_field.text()))

    def _add_typed(self) -> bool:
        try:
            self.add_tender(self._typed_tender())
        except UserError as error:
            self._error(error)
            return False
        return True

    def add_tender(self, tender: Tender) -> None:
        """Add ``tender``; raises ``UserError`` (and changes nothing) when refused."""
        self.payment = self._session.add_tender(tender)
        self.message.clear_message()
        self.cash_field.clear()
        self._refresh()
        self.show_page(PAGE_CASH)
        if self.payment.is_complete:
            self.message.show_info(self.tr("Fully paid. Press Enter to finish."))
        self.tendersChanged.emit()

    def _quick(self, index: int) -> None:
        amount = self.quick_buttons[index].property("amount")
        if not amount or self.is_committing:
            return
        try:
            self.add_tender(Tender(TenderKind.CASH, int(amount)))
        except UserError as error:
            self._error(error)

    def remove_last_tender(self) -> None:
        if self.is_committing:
            return
        if self.payment.remove_last() is not None:
            self.message.clear_message()
            self._refresh()
            self.tendersChanged.emit()
        self.show_page(PAGE_CASH)

    def _on_key(self, key: str) -> None:
        if key == ENTER:
            self.enter()

    # --- completing ---------------------------------------------------------------------------
    @property
    def is_committing(self) -> bool:
        return self._commit_task is not None

    def complete(self) -> None:
        """Commit the fully tendered sale on the database thread; refuses anything less."""
        if self.is_committing:
            return
        try:
            make = self._session.prepare_commit(
                self._cashier, self._context.clock(), sale_id=self._sale_id
            )
        except UserError as error:
            self._error(error)
            return
        self._set_busy(True)
        self.message.show_info(self.tr("Saving the sale…"))
        self._commit_task = (
            commit_sale(self._context.till, make)
            .success(self._on_committed)
            .failure(self._on_commit_failed)
            .run(self._worker)
        )

    def _on_committed(self, committed: CommittedSale) -> None:
        self._commit_task = None
        self.committed = committed
        self.completed.emit(committed)
        self.done(QDialog.DialogCode.Accepted)

    def _on_commit_failed(self, error: UserError) -> None:
        self._commit_task = None
        self._set_busy(False)
        self._error(error)

    def _set_busy(self, busy: bool) -> None:
        self.pages.setEnabled(not busy)
        for button in (
            self.cash_button,
            self.card_button,
            self.qris_button,
            self.ewallet_button,
            self.remove_button,
            self.cancel_button,
            self.complete_button,
        ):
            button.setEnabled(not busy)
        if not busy:
            self.show_page(self.pages.currentIndex())

    # --- backing out --------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc: leave a tender form first; from cash, cancel the payment. Never mid-commit."""
        if self.is_committing:
            return
        if self.pages.currentIndex() != PAGE_CASH:
            self.message.clear_message()
            self.show_page(PAGE_CASH)
            return
        self.cancel_payment()

    def cancel_payment(self) -> bool:
        """Drop the tenders and close; False while a commit is running."""
        if self.is_committing:
            return False
        self._session.cancel_payment()
        self.done(QDialog.DialogCode.Rejected)
        return True

    # --- display ------------------------------------------------------------------------------
    def _error(self, error: UserError) -> None:
        field = {
            PAGE_CASH: self.cash_field,
            PAGE_CARD: self.card_approval,
            PAGE_QRIS: self.qris_reference,
            PAGE_EWALLET: self.ewallet_reference,
        }.get(self.pages.currentIndex())
        self.message.show_error(error, field)
        if isinstance(field, QLineEdit):
            field.selectAll()
            field.setFocus()

    def _tender_text(self, tender: Tender) -> str:
        amount = money(tender.amount)
        if tender.kind is TenderKind.CASH:
            cash = self.tr("Cash")
            return f"{cash}    {amount}"
        if tender.kind is TenderKind.CARD:
            card = self.tr("Card")
            return f"{card} ••••{tender.card_last4} ({tender.approval_code})    {amount}"
        if tender.kind is TenderKind.QRIS:
            return f"QRIS {tender.reference}    {amount}"
        provider = tender.provider or self.tr("E-wallet")
        return f"{provider} {tender.reference}    {amount}"

    def _refresh(self) -> None:
        payment = self.payment
        self.due_value.setText(money(payment.total_due))
        self.paid_value.setText(money(payment.paid))
        self.remaining_value.setText(money(payment.remaining))
        self.change_value.setText(money(payment.change))
        self.tender_list.clear()
        for tender in payment.tenders:
            self.tender_list.addItem(self._tender_text(tender))
        amounts = [] if payment.is_complete else quick_cash_amounts(payment.remaining)
        for i, button in enumerate(self.quick_buttons):
            if i < len(amounts):
                button.setProperty("amount", amounts[i])
                button.setText(money(amounts[i]))
                button.setVisible(True)
            else:
                button.setProperty("amount", 0)
                button.setVisible(False)
        self.complete_button.setProperty("ready", payment.is_complete)
        self.complete_button.style().unpolish(self.complete_button)
        self.complete_button.style().polish(self.complete_button)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Payment"))
        self.due_caption.setText(self.tr("Total due"))
        self.paid_caption.setText(self.tr("Paid"))
        self.remaining_caption.setText(self.tr("Remaining"))
        self.change_caption.setText(self.tr("Change"))
        self.cash_title.setText(self.tr("Cash amount received"))
        self.cash_field.setPlaceholderText(self.tr("Type the amount, Enter"))
        self.card_title.setText(self.tr("Card (bank EDC)"))
        self.card_labels[0].setText(self.tr("Amount"))
        self.card_labels[1].setText(self.tr("Approval code"))
        self.card_labels[2].setText(self.tr("Last 4 digits"))
        self.qris_title.setText("QRIS")
        self.qris_labels[0].setText(self.tr("Amount"))
        self.qris_labels[1].setText(self.tr("Reference"))
        self.ewallet_title.setText(self.tr("E-wallet"))
        self.ewallet_labels[0].setText(self.tr("Provider"))
        self.ewallet_labels[1].setText(self.tr("Amount"))
        self.ewallet_labels[2].setText(self.tr("Reference"))
        self.cash_button.setText(self.tr("Cash") + "  Esc")
        self.card_button.setText(self.tr("Card") + "  F7")
        self.qris_button.setText("QRIS  F8")
        self.ewallet_button.setText(self.tr("E-wallet") + "  F9")
        self.remove_button.setText(self.tr("Remove payment") + "  F3")
        self.cancel_button.setText(self.tr("Cancel") + "  Esc")
        self.complete_button.setText(self.tr("Finish") + "  Enter")
        self._refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.show_page(self.pages.currentIndex())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
