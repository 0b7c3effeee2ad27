"""The list of parked sales to recall: oldest first, with who parked it, its label and total.

The list is loaded on the database thread; choosing one emits ``chosen`` with its id and closes,
the sale screen then recalls it (which removes it from storage, so it cannot come back twice).
Keyboard: Up/Down choose, Enter recalls, Esc backs out.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.services.checkout import HeldCart, HeldCartStore
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.formatting import money
from pos_desktop.ui.keypad import TOUCH_MIN
from pos_desktop.ui.ops import held_sales
from pos_desktop.ui.worker import DbWorker


class HeldDialog(QDialog):
    chosen = Signal(str)
    """The ``hold_id`` to recall."""

    def __init__(self, held: HeldCartStore, worker: DbWorker, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("heldDialog")
        self.setModal(True)
        self._held = held
        self._worker = worker
        self.carts: list[HeldCart] = []
        root = QVBoxLayout(self)
        self.caption = QLabel(self)
        root.addWidget(self.caption)
        self.list = QListWidget(self)
        self.list.setObjectName("heldList")
        self.list.itemActivated.connect(lambda _item: self.recall_selected())
        self.list.itemDoubleClicked.connect(lambda _item: self.recall_selected())
        root.addWidget(self.list, 1)
        self.message = MessageBar(self)
        root.addWidget(self.message)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelButton")
        self.recall_button = QPushButton(self)
        self.recall_button.setObjectName("recallButton")
        for button in (self.cancel_button, self.recall_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(TOUCH_MIN)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.cancel_button.clicked.connect(self.reject)
        self.recall_button.clicked.connect(self.recall_selected)
        root.addLayout(buttons)
        self.resize(640, 420)
        self._retranslate()
        self.reload()

    def reload(self) -> None:
        held_sales(self._held).success(self._show).errors_on(self.message, self.list).run(
            self._worker
        )

    def _show(self, carts: Sequence[HeldCart]) -> None:
        self.carts = list(carts)
        self.list.clear()
        for cart in self.carts:
            item = QListWidgetItem(self._text(cart), self.list)
            item.setData(Qt.ItemDataRole.UserRole, cart.hold_id)
        if self.carts:
            self.list.setCurrentRow(0)
        else:
            self.message.show_info(self.tr("No parked sales."))
        self.list.setFocus()

    def _text(self, cart: HeldCart) -> str:
        lines = self.tr("%n line(s)", "", cart.line_count)
        when = cart.held_at.astimezone().strftime("%H:%M")
        label = f"  ·  {cart.label}" if cart.label else ""
        return f"{when}  ·  {cart.cashier_code}{label}  ·  {lines}  ·  {money(cart.total)}"

    def recall_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.message.show_error(UserError("held.none_selected"), self.list)
            return
        hold_id = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
        self.chosen.emit(hold_id)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Parked sales"))
        self.caption.setText(self.tr("Choose the sale to continue"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.recall_button.setText(self.tr("Recall"))
        for row, cart in enumerate(self.carts):
            item = self.list.item(row)
            if item is not None:
                item.setText(self._text(cart))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.list.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
