"""The cart as a Qt table model, read straight from the open ``SaleSession``.

The model owns no copy of the cart: after each change the sale screen calls ``sync()``, which
tells the view exactly which rows appeared, changed or went away, so adding a line repaints one
row instead of resetting the table (the scan-to-row-painted time stays flat with long carts).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from pos_desktop.domain.cart import CartLine, DiscountKind
from pos_desktop.services.checkout import SaleSession
from pos_desktop.ui.formatting import money, quantity

COL_NO, COL_NAME, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_TOTAL = range(6)
COLUMNS = 6

_Index = QModelIndex | QPersistentModelIndex


class CartTableModel(QAbstractTableModel):
    def __init__(self, session: SaleSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._ids: list[int] = [line.line_id for line in session.cart.lines]

    # --- binding ------------------------------------------------------------------------------
    @property
    def session(self) -> SaleSession:
        return self._session

    def set_session(self, session: SaleSession) -> None:
        self.beginResetModel()
        self._session = session
        self._ids = [line.line_id for line in session.cart.lines]
        self.endResetModel()

    def sync(self) -> None:
        """Bring the view in line with the cart after any change."""
        new_ids = [line.line_id for line in self._session.cart.lines]
        old_ids = self._ids
        if new_ids == old_ids:
            if new_ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new_ids) - 1, COLUMNS - 1))
            return
        if new_ids[: len(old_ids)] == old_ids:
            first, last = len(old_ids), len(new_ids) - 1
            self.beginInsertRows(QModelIndex(), first, last)
            self._ids = new_ids
            self.endInsertRows()
            if old_ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(old_ids) - 1, COLUMNS - 1))
            return
        removed = [i for i, line_id in enumerate(old_ids) if line_id not in new_ids]
        if len(removed) == 1 and [x for x in old_ids if x in new_ids] == new_ids:
            row = removed[0]
            self.beginRemoveRows(QModelIndex(), row, row)
            self._ids = new_ids
            self.endRemoveRows()
            if new_ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new_ids) - 1, COLUMNS - 1))
            return
        self.beginResetModel()
        self._ids = new_ids
        self.endResetModel()

    def line_at(self, row: int) -> CartLine | None:
        lines = self._session.cart.lines
        return lines[row] if 0 <= row < len(lines) else None

    def row_of(self, line_id: int) -> int:
        try:
            return self._ids.index(line_id)
        except ValueError:
            return -1

    # --- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(section))
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        line = self.line_at(index.row())
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), column, line)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(column))
        if role == Qt.ItemDataRole.UserRole:
            return line.line_id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- helpers ------------------------------------------------------------------------------
    @staticmethod
    def _header(section: int) -> str | None:
        headers = (
            QCoreApplication.translate("CartTableModel", "No"),
            QCoreApplication.translate("CartTableModel", "Name"),
            QCoreApplication.translate("CartTableModel", "Qty"),
            QCoreApplication.translate("CartTableModel", "Price"),
            QCoreApplication.translate("CartTableModel", "Discount"),
            QCoreApplication.translate("CartTableModel", "Total"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    @staticmethod
    def _alignment(column: int) -> Qt.AlignmentFlag:
        if column == COL_NAME:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if column == COL_NO:
            return Qt.AlignmentFlag.AlignCenter
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    @staticmethod
    def _display(row: int, column: int, line: CartLine) -> str:
        if column == COL_NO:
            return str(row + 1)
        if column == COL_NAME:
            return line.product.name
        if column == COL_QTY:
            return quantity(line.quantity, line.product.unit, weighed=line.product.sold_by_weight)
        if column == COL_PRICE:
            return money(line.unit_price)
        if column == COL_DISCOUNT:
            if line.discount is None or line.discount_amount == 0:
                return ""
            amount = money(-line.discount_amount)
            if line.discount.kind is DiscountKind.PERCENT:
                pct = f"{line.discount.value / 100:g}%"
                return f"{pct} ({amount})"
            return amount
        if column == COL_TOTAL:
            return money(line.net_before_order_discount)
        return ""
