"""F2: find a product by name, SKU or barcode as the cashier types.

Each keystroke restarts a short debounce timer; when it fires, the query goes to the database
thread and any older query still queued is cancelled. Results of a query that is no longer the
newest are dropped, so a slow early query can never overwrite the list of a later one.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.cart import Product
from pos_desktop.domain.errors import UserError
from pos_desktop.services.checkout import TillService
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.formatting import money
from pos_desktop.ui.keypad import TOUCH_MIN
from pos_desktop.ui.messages import message_for
from pos_desktop.ui.ops import search_products
from pos_desktop.ui.worker import DbWorker, Task

log = logging.getLogger(__name__)

DEBOUNCE_MS = 120
RESULT_LIMIT = 50


class SearchDialog(QDialog):
    productChosen = Signal(object)
    """The ``Product`` the cashier picked (Enter, double-click or the Add button)."""
    resultsShown = Signal(str)
    """The query whose results are now in the list (for tests and the bench)."""

    def __init__(
        self,
        till: TillService,
        worker: DbWorker,
        parent: QWidget | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setModal(True)
        self.resize(820, 560)
        self._till = till
        self._worker = worker
        self._task: Task | None = None
        self._generation = 0
        self._products: list[Product] = []
        self._choose_pending = False

        layout = QVBoxLayout(self)
        self.field = QLineEdit(self)
        self.field.setObjectName("searchField")
        self.field.setClearButtonEnabled(True)
        self.field.textEdited.connect(self._schedule)
        self.field.returnPressed.connect(self.choose_current)
        self.field.installEventFilter(self)
        layout.addWidget(self.field)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.results = QTableWidget(0, 3, self)
        self.results.setObjectName("searchResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().setVisible(False)
        self.results.verticalHeader().setDefaultSectionSize(44)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.results.cellDoubleClicked.connect(lambda _row, _col: self.choose_current())
        layout.addWidget(self.results, 1)
        buttons = QHBoxLayout()
        self.hint = QLabel(self)
        buttons.addWidget(self.hint, 1)
        self.cancel_button = QPushButton(self)
        self.add_button = QPushButton(self)
        for button in (self.cancel_button, self.add_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            button.setMinimumHeight(TOUCH_MIN)
            buttons.addWidget(button)
        self.cancel_button.clicked.connect(self.reject)
        self.add_button.clicked.connect(self.choose_current)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._run_query)
        self.finished.connect(self._cancel_pending)
        self._retranslate()
        self.field.setFocus()

    # --- querying -----------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """Type ``text`` as if the cashier had (the debounce still applies)."""
        self.field.setText(text)
        self._schedule()

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def _run_query(self) -> None:
        text = self.field.text().strip()
        self._generation += 1
        generation = self._generation
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if not text:
            self._show(text, [])
            return
        self._task = (
            search_products(self._till, text, RESULT_LIMIT)
            .success(lambda products: self._on_results(generation, text, products))
            .failure(lambda error: self._on_error(generation, error))
            .run(self._worker)
        )

    def _on_results(self, generation: int, text: str, products: Sequence[Product]) -> None:
        if generation != self._generation:
            return
        self._task = None
        self._show(text, list(products))

    def _on_error(self, generation: int, error: UserError) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.message.show_error(error, self.field)

    def _show(self, text: str, products: list[Product]) -> None:
        self._products = products
        self.results.setRowCount(len(products))
        for row, product in enumerate(products):
            name = QTableWidgetItem(product.name)
            code = QTableWidgetItem(product.barcode or product.sku)
            price = QTableWidgetItem(money(product.unit_price))
            price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate((name, code, price)):
                self.results.setItem(row, column, item)
        if products:
            self.results.selectRow(0)
            self.message.clear_message()
        elif text:
            self.message.show_info(message_for(UserError("ui.nothing_found", text=text)))
        else:
            self.message.clear_message()
        self.resultsShown.emit(text)
        if self._choose_pending:
            self._choose_pending = False
            self.choose_current()

    def _cancel_pending(self, *_args: object) -> None:
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None

    # --- choosing -----------------------------------------------------------------------------
    @property
    def products(self) -> list[Product]:
        return list(self._products)

    def current_product(self) -> Product | None:
        row = self.results.currentRow()
        if 0 <= row < len(self._products):
            return self._products[row]
        return None

    def choose_current(self) -> None:
        if self._timer.isActive() or self._task is not None:
            # Enter typed before the newest results arrived: run it now and pick when shown.
            self._timer.stop()
            if self._task is None:
                self._run_query()
            self._choose_pending = self._task is not None
            if self._choose_pending:
                return
        product = self.current_product()
        if product is None:
            self.field.setFocus()
            return
        self.productChosen.emit(product)
        self.accept()

    def _move(self, delta: int) -> None:
        if not self._products:
            return
        row = max(0, min(len(self._products) - 1, self.results.currentRow() + delta))
        self.results.selectRow(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down:
                self._move(1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if key == Qt.Key.Key_PageDown:
                self._move(10)
                return True
            if key == Qt.Key.Key_PageUp:
                self._move(-10)
                return True
        return super().eventFilter(watched, event)

    # --- language -----------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Search product"))
        self.field.setPlaceholderText(self.tr("Type a name, SKU or barcode"))
        self.results.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Code"), self.tr("Price")])
        self.hint.setText(self.tr("↑↓ choose · Enter add · Esc back"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.add_button.setText(self.tr("Add"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.field.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
