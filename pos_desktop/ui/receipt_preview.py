"""The last receipt on screen, in the printer's own monospace layout, and its reprint (F10).

The text comes from the receipts package (``build_receipt`` + ``render_text``): the same lines
the printer prints, so the preview and the paper cannot disagree. ``receipt_text`` is the one
seam to that package; if it cannot render (a store text it refuses, a receipts bug), the preview
falls back to a plain summary of the ``SaleRecord`` rather than showing nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.config import ReceiptConfig
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.services.ports import StoreProfile
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.formatting import money
from pos_desktop.ui.keypad import TOUCH_MIN

log = logging.getLogger(__name__)


def receipt_text(sale: SaleRecord, profile: StoreProfile, config: ReceiptConfig) -> str:
    """The receipt of ``sale`` as the printer lays it out, ``config.columns`` wide."""
    try:
        from pos_desktop.receipts import build_receipt, render_text
        from pos_desktop.receipts.model import store_info

        receipt = build_receipt(
            sale,
            store_info(profile),
            ppn_enabled=profile.tax.ppn_enabled,
            money_space=config.money_space,
        )
        return "\n".join(render_text(receipt, config.columns))
    except Exception:
        log.exception("receipt preview of %s failed; showing a summary", sale.receipt_no)
        return sale_summary(sale)


def sale_summary(sale: SaleRecord) -> str:
    """A plain listing of the sale, used when the receipt layout is unavailable."""
    lines = [
        sale.receipt_no,
        sale.sold_at.strftime("%d/%m/%Y %H:%M"),
        sale.cashier_name or sale.cashier_code,
        "",
    ]
    for line in sale.lines:
        lines.append(f"{line.name}  {line.quantity} x {money(line.unit_price)}  {money(line.net)}")
    lines += [
        "",
        f"TOTAL {money(sale.total)}",
        *(f"{t.kind.value} {money(t.amount)}" for t in sale.tenders),
        f"change {money(sale.change)}",
    ]
    return "\n".join(lines)


class ReceiptPreview(QPlainTextEdit):
    """A read-only monospace page showing one receipt."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setReadOnly(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(11)
        self.setFont(font)
        self.sale: SaleRecord | None = None

    def show_sale(self, sale: SaleRecord, profile: StoreProfile, config: ReceiptConfig) -> None:
        self.sale = sale
        self.setPlainText(receipt_text(sale, profile, config))
        width = self.fontMetrics().horizontalAdvance("M") * (config.columns + 4)
        self.setMinimumWidth(width)


class ReceiptPreviewDialog(QDialog):
    """The last receipt with a reprint button (F10); Esc closes."""

    reprintRequested = Signal()

    def __init__(
        self,
        sale: SaleRecord,
        profile: StoreProfile,
        config: ReceiptConfig,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.preview = ReceiptPreview(self)
        self.preview.show_sale(sale, profile, config)
        layout.addWidget(self.preview, 1)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.reprint_button = QPushButton(self)
        self.close_button = QPushButton(self)
        for button in (self.reprint_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            button.setMinimumHeight(TOUCH_MIN)
            buttons.addWidget(button)
        self.reprint_button.clicked.connect(self.reprintRequested)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_F10), self, self.reprintRequested.emit)
        layout.addLayout(buttons)
        self.resize(self.preview.minimumWidth() + 40, 680)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Last receipt"))
        self.reprint_button.setText(self.tr("Reprint") + "  F10")
        self.close_button.setText(self.tr("Close") + "  Esc")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
