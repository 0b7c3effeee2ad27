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

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_USER = int(Qt.ItemDataRole.UserRole.value)
_ROLES = frozenset({_DISPLAY, _ALIGN, _USER})
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class CartTableModel(QAbstractTableModel):
    def __init__(self, session: SaleSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._lines: tuple[CartLine, ...] = tuple(session.cart.lines)
        self._cell_cache: dict[int, tuple[tuple[int, CartLine], tuple[str, ...]]] = {}

    # --- binding ------------------------------------------------------------------------------
    @property
    def session(self) -> SaleSession:
        return self._session

    def set_session(self, session: SaleSession) -> None:
        self.beginResetModel()
        self._session = session
        self._lines = tuple(session.cart.lines)
        self._cell_cache.clear()
        self.endResetModel()

    def sync(self) -> range:
        """Bring the view in line with the cart after any change; returns the rows touched.

        Cart lines are immutable and replaced on every edit, so identity tells which rows
        changed: an append inserts one row and repaints nothing else, a merge repaints one row.
        """
        new = tuple(self._session.cart.lines)
        old = self._lines
        old_ids = [line.line_id for line in old]
        new_ids = [line.line_id for line in new]
        if new_ids[: len(old_ids)] == old_ids:
            if len(new) > len(old):
                self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
                self._lines = new
                self.endInsertRows()
            self._lines = new
            changed = self._emit_changed(old, new)
            return range(changed, len(new)) if changed >= 0 else range(len(old), len(new))
        removed = [i for i, line_id in enumerate(old_ids) if line_id not in new_ids]
        if len(removed) == 1 and [x for x in old_ids if x in new_ids] == new_ids:
            row = removed[0]
            self.beginRemoveRows(QModelIndex(), row, row)
            self._lines = new
            self.endRemoveRows()
            # Rows below the removed one are renumbered in the "No" column.
            if row < len(new):
                self.dataChanged.emit(self.index(row, 0), self.index(len(new) - 1, COLUMNS - 1))
            return range(row, len(new))
        self.beginResetModel()
        self._lines = new
        self.endResetModel()
        return range(len(new))

    def _emit_changed(self, old: tuple[CartLine, ...], new: tuple[CartLine, ...]) -> int:
        """Repaint the rows whose line was replaced; returns the first such row or -1."""
        changed = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a is not b]
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], COLUMNS - 1))
        return changed[0] if changed else -1

    def cells(self, row: int) -> tuple[str, ...]:
        """The display text of every column of ``row``."""
        return self._cells(row)

    def line_at(self, row: int) -> CartLine | None:
        lines = self._lines
        return lines[row] if 0 <= row < len(lines) else None

    def row_of(self, line_id: int) -> int:
        for row, line in enumerate(self._lines):
            if line.line_id == line_id:
                return row
        return -1

    # --- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGNMENTS[section] if 0 <= section < COLUMNS else None
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        # The view asks for a dozen roles per cell on every paint; answer the unused ones
        # before touching anything else, and serve text from a per-line cache.
        if role not in _ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self._lines):
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._cells(row)[column]
        if role == _ALIGN:
            return _ALIGNMENTS[column]
        return self._lines[row].line_id

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else _NO_FLAGS

    def _cells(self, row: int) -> tuple[str, ...]:
        line = self._lines[row]
        cached = self._cell_cache.get(line.line_id)
        if cached is None or cached[0][0] != row or cached[0][1] is not line:
            cells = tuple(self._display(row, column, line) for column in range(COLUMNS))
            cached = ((row, line), cells)
            self._cell_cache[line.line_id] = cached
        return cached[1]

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


_ALIGNMENTS: tuple[int, ...] = tuple(
    int(CartTableModel._alignment(column).value) for column in range(COLUMNS)
)
