"""The sale screen's widgets, and how they show the open sale: the cart, the totals, the change
after a sale, the message strip and the dialog standing over the screen.

Nothing here decides anything: ``SaleScreen`` forwards the cashier's input to the sale desk and
calls these methods to show what came of it. The barcode field always has the focus: every
button and the cart table refuse focus, and every dialog gives it back when it closes, so a
scanner (a keyboard that types a code and Enter) works at any moment.

The words are the sale screen's own (translation context ``SaleScreen``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.totals import Totals
from pos_desktop.services.checkout import SaleSession
from pos_desktop.ui.cart_model import (
    COL_DISCOUNT,
    COL_NAME,
    COL_NO,
    COL_PRICE,
    COL_QTY,
    COL_TOTAL,
    CartTableModel,
)
from pos_desktop.ui.dialogs import ValueDialog
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.formatting import money
from pos_desktop.ui.keypad import BACK, ENTER, TOUCH_MIN, Keypad
from pos_desktop.ui.payment_dialog import PaymentDialog

log = logging.getLogger(__name__)

_FITTED_COLUMNS = (COL_NO, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_TOTAL)

KEY_QTY = "qty"
KEY_DELETE = "del"
TOTAL_PAGE, CHANGE_PAGE = 0, 1


def _action_button(parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setMinimumHeight(TOUCH_MIN)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


class TotalCaption(QLabel):
    """ "Total · 3 lines" above the big total.

    A class of its own because only ``self.tr`` gives lupdate a plural ("%n line(s)"), and
    ``self.tr`` takes its context from the object's class: in ``SaleLayout`` that would be the
    ``SaleScreen`` subclass at run time and ``SaleLayout`` in the catalogue, so English would
    lose its plural.
    """

    def show_count(self, count: int) -> None:
        self.setText(self.tr("Total") + "  ·  " + self.tr("%n line(s)", "", count))


class SaleLayout(QWidget):
    """The sale screen as widgets; ``session`` is the sale shown first."""

    def __init__(self, session: SaleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saleScreen")
        self.dialog: QDialog | None = None
        """The dialog open over this screen (search, payment, quantity ...), if any."""
        self._menu_texts: dict[str, tuple[QAction, Callable[[], str]]] = {}
        self.model = CartTableModel(session, self)
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 8, 8, 8)
        root.setSpacing(6)
        self._build_scan_row(root)
        self.message = MessageBar(self)
        root.addWidget(self.message)
        self._build_cart(root)
        bottom = QHBoxLayout()
        self._build_sums(bottom)
        self._build_big_panel(bottom)
        root.addLayout(bottom)
        self._build_actions(root)

    # --- layout -------------------------------------------------------------------------------
    def _build_scan_row(self, root: QBoxLayout) -> None:
        top = QHBoxLayout()
        self.barcode = QLineEdit(self)
        self.barcode.setObjectName("barcodeField")
        self.barcode.textEdited.connect(self._hide_change_on_typing)
        top.addWidget(self.barcode, 1)
        self.search_button = _action_button(self, "searchButton")
        self.search_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top.addWidget(self.search_button)
        root.addLayout(top)

    def _build_cart(self, root: QBoxLayout) -> None:
        middle = QHBoxLayout()
        self.table = QTableView(self)
        self.table.setObjectName("cartTable")
        self.table.setModel(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        # Columns grow to fit the rows a change touched (fit_columns); ResizeToContents would
        # measure every row on every scan, making each scan slower the longer the cart.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(lambda _index: self.barcode.setFocus())
        middle.addWidget(self.table, 1)

        self.keypad = Keypad(
            (
                ("7", "8", "9", BACK),
                ("4", "5", "6", "*"),
                ("1", "2", "3", "00"),
                ("0", ENTER, ENTER, ENTER),
                ("", "", "", ""),
            ),
            target=self.barcode,
            parent=self,
        )
        self.keypad.add_action_key(KEY_QTY, 4, 0, 2)
        self.keypad.add_action_key(KEY_DELETE, 4, 2, 2)
        self.keypad.setFixedWidth(300)
        middle.addWidget(self.keypad)
        root.addLayout(middle, 1)

    def _build_sums(self, bottom: QBoxLayout) -> None:
        sums = QGridLayout()
        sums.setVerticalSpacing(2)
        self.sum_captions: dict[str, QLabel] = {}
        self.sum_values: dict[str, QLabel] = {}
        for row, key in enumerate(("subtotal", "discount", "tax", "rounding")):
            caption = QLabel(self)
            caption.setProperty("role", "caption")
            value = QLabel(self)
            value.setObjectName(f"{key}Value")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            sums.addWidget(caption, row, 0)
            sums.addWidget(value, row, 1)
            self.sum_captions[key] = caption
            self.sum_values[key] = value
        bottom.addLayout(sums, 2)

    def _build_big_panel(self, bottom: QBoxLayout) -> None:
        """The total in large type, or after a sale the change to give."""
        self.big = QStackedWidget(self)
        self.big.setObjectName("bigPanel")
        total_page = QWidget(self.big)
        total_layout = QVBoxLayout(total_page)
        total_layout.setContentsMargins(12, 4, 12, 4)
        self.total_caption = TotalCaption(total_page)
        self.total_caption.setObjectName("totalCaption")
        self.total_label = QLabel(total_page)
        self.total_label.setObjectName("totalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        total_layout.addWidget(self.total_caption)
        total_layout.addWidget(self.total_label)
        change_page = QWidget(self.big)
        change_page.setObjectName("changePage")
        change_layout = QVBoxLayout(change_page)
        change_layout.setContentsMargins(12, 4, 12, 4)
        change_top = QHBoxLayout()
        self.change_caption = QLabel(change_page)
        self.change_caption.setObjectName("changeCaption")
        self.change_paid = QLabel(change_page)
        self.change_paid.setObjectName("changePaid")
        self.change_paid.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        change_top.addWidget(self.change_caption)
        change_top.addWidget(self.change_paid, 1)
        self.change_label = QLabel(change_page)
        self.change_label.setObjectName("changeLabel")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        change_layout.addLayout(change_top)
        change_layout.addWidget(self.change_label)
        self.big.addWidget(total_page)
        self.big.addWidget(change_page)
        bottom.addWidget(self.big, 3)

    def _build_actions(self, root: QBoxLayout) -> None:
        actions = QHBoxLayout()
        actions.setSpacing(6)
        self.qty_button = _action_button(self, "qtyButton")
        self.line_discount_button = _action_button(self, "lineDiscountButton")
        self.order_discount_button = _action_button(self, "orderDiscountButton")
        self.receipt_button = _action_button(self, "receiptButton")
        self.drawer_button = _action_button(self, "drawerButton")
        self.cancel_sale_button = _action_button(self, "cancelSaleButton")
        self.lock_button = _action_button(self, "lockButton")
        self.logout_button = _action_button(self, "logoutButton")
        self.menu_button = _action_button(self, "menuButton")
        self.menu = QMenu(self)
        self.menu.setObjectName("operationsMenu")
        self.pay_button = _action_button(self, "payButton")
        self.pay_button.setMinimumWidth(150)
        for button in (
            self.qty_button,
            self.line_discount_button,
            self.order_discount_button,
            self.receipt_button,
            self.drawer_button,
            self.cancel_sale_button,
            self.menu_button,
            self.lock_button,
            self.logout_button,
        ):
            actions.addWidget(button)
        actions.addWidget(self.pay_button, 2)
        root.addLayout(actions)

    # --- the operations menu ------------------------------------------------------------------
    def add_operation(
        self, key: str, text: Callable[[], str], slot: Callable[[], object]
    ) -> QAction:
        """An entry in the operations menu (F9); ``text`` is asked again on a language change."""
        action = QAction(text(), self)
        action.setObjectName(f"operation_{key}")
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        self._menu_texts[key] = (action, text)
        return action

    def operation(self, key: str) -> QAction | None:
        entry = self._menu_texts.get(key)
        return entry[0] if entry is not None else None

    # --- the cart and its totals --------------------------------------------------------------
    def show_cart(self) -> None:
        """The session's cart replaced (reset, parked, recalled): show it from scratch."""
        self.model.set_session(self.model.session)
        self.size_columns()
        self.refresh_totals()

    def cart_changed(self, totals: Totals | None = None) -> None:
        """Lines changed: repaint the rows touched and show ``totals`` (the change's own)."""
        self.fit_columns(self.model.sync())
        self.refresh_totals(totals)

    def refresh_totals(self, totals: Totals | None = None) -> None:
        """Show ``totals`` (an action's, computed once), or the session's now."""
        session = self.model.session
        totals = session.totals() if totals is None else totals
        self.sum_values["subtotal"].setText(money(totals.subtotal))
        self.sum_values["discount"].setText(money(-totals.discount_total))
        self.sum_values["tax"].setText(money(totals.tax_total))
        self.sum_values["rounding"].setText(money(totals.rounding))
        self.total_label.setText(money(totals.total))
        self.total_caption.show_count(sum(1 for _ in session.cart.lines))

    def selected_line_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        line = self.model.line_at(rows[0].row())
        return line.line_id if line is not None else None

    def require_line(self) -> int | None:
        """The selected line's id, or ``None`` after saying a line must be selected."""
        line_id = self.selected_line_id()
        if line_id is None:
            self.show_error(UserError("ui.no_line_selected"))
        return line_id

    def select_line(self, line_id: int) -> None:
        row = self.model.row_of(line_id)
        if row >= 0:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def move_selection(self, delta: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        rows = self.table.selectionModel().selectedRows()
        current = rows[0].row() if rows else count - 1
        self.select_row(max(0, min(count - 1, current + delta)))

    def size_columns(self) -> None:
        """Start every number column at its header's width, then fit the current rows."""
        self.table.ensurePolished()
        header_metrics = self.table.horizontalHeader().fontMetrics()
        for column in _FITTED_COLUMNS:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, header_metrics.horizontalAdvance(title) + 24)
        self.fit_columns(range(self.model.rowCount()))

    def fit_columns(self, rows: range) -> None:
        """Widen number columns to fit ``rows``; they never shrink while the cart is open."""
        if not rows:
            return
        metrics = self.table.fontMetrics()
        for column in _FITTED_COLUMNS:
            need = max(metrics.horizontalAdvance(self.model.cells(r)[column]) for r in rows) + 20
            if need > self.table.columnWidth(column):
                self.table.setColumnWidth(column, need)

    # --- the change after a sale --------------------------------------------------------------
    def show_sale_change(self, sale: SaleRecord) -> None:
        """The change to give, large, until the next key."""
        self.change_label.setText(money(sale.change))
        self.change_paid.setText(
            QCoreApplication.translate("SaleScreen", "Total %1  ·  Paid %2")
            .replace("%1", money(sale.total))
            .replace("%2", money(sale.paid))
        )
        self.big.setCurrentIndex(CHANGE_PAGE)

    def show_total(self) -> None:
        self.big.setCurrentIndex(TOTAL_PAGE)

    def hide_change(self) -> None:
        if self.big.currentIndex() == CHANGE_PAGE:
            self.big.setCurrentIndex(TOTAL_PAGE)
            self.message.clear_message()

    def _hide_change_on_typing(self, _text: str) -> None:
        self.hide_change()

    @property
    def change_visible(self) -> bool:
        return self.big.currentIndex() == CHANGE_PAGE

    # --- feedback -----------------------------------------------------------------------------
    def show_error(self, error: UserError) -> None:
        """A refusal on the message strip, with a beep and a red flash of the barcode field."""
        log.info("refused: %s", error)
        self.message.show_error(error, self.barcode)
        self.focus_barcode()

    def focus_barcode(self) -> None:
        self.barcode.setFocus()

    # --- dialogs ------------------------------------------------------------------------------
    def blocked(self) -> bool:
        """True while a dialog is open: its own keys act, the screen's do not."""
        return self.dialog is not None and self.dialog.isVisible()

    def show_dialog(self, dialog: QDialog) -> QDialog:
        """Open ``dialog`` over this screen (its keys act, the screen's wait until it closes)."""
        self.dialog = dialog
        dialog.finished.connect(lambda _result, d=dialog: self._dialog_closed(d))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.window().activateWindow()
        self.focus_barcode()

    def open_value_dialog(
        self,
        title: str,
        prompt: str,
        apply: Callable[[str], None],
        *,
        initial: str = "",
        extra_keys: tuple[str, ...] = (),
    ) -> None:
        """Ask for a number; ``apply`` takes it while the dialog is open (its refusal shows
        there, and the dialog stays)."""

        def applied(text: str) -> None:
            apply(text)
            self.message.clear_message()

        dialog = ValueDialog(
            title, prompt, applied, initial=initial, extra_keys=extra_keys, parent=self
        )
        self.show_dialog(dialog)

    def close_dialog(self) -> bool:
        """Back out of any open dialog (for the auto-lock); False while a sale is committing."""
        dialog = self.dialog
        if dialog is None:
            return True
        if isinstance(dialog, PaymentDialog):
            if not dialog.cancel_payment():
                return False
        else:
            dialog.done(QDialog.DialogCode.Rejected)
        return True

    # --- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.barcode.setPlaceholderText(
            QCoreApplication.translate("SaleScreen", "Scan a barcode, or type 3*code and Enter")
        )
        self.search_button.setText(
            QCoreApplication.translate("SaleScreen", "Search product") + "  F2"
        )
        self.sum_captions["subtotal"].setText(QCoreApplication.translate("SaleScreen", "Subtotal"))
        self.sum_captions["discount"].setText(QCoreApplication.translate("SaleScreen", "Discount"))
        self.sum_captions["tax"].setText(QCoreApplication.translate("SaleScreen", "Tax"))
        self.sum_captions["rounding"].setText(QCoreApplication.translate("SaleScreen", "Rounding"))
        self.qty_button.setText(QCoreApplication.translate("SaleScreen", "Qty") + "\nF4")
        self.line_discount_button.setText(
            QCoreApplication.translate("SaleScreen", "Discount") + "\nF5"
        )
        self.order_discount_button.setText(
            QCoreApplication.translate("SaleScreen", "Order disc.") + "\nF6"
        )
        self.receipt_button.setText(
            QCoreApplication.translate("SaleScreen", "Receipt") + "\nF10/F11"
        )
        self.drawer_button.setText(QCoreApplication.translate("SaleScreen", "Cash drawer"))
        self.cancel_sale_button.setText(QCoreApplication.translate("SaleScreen", "Cancel sale"))
        self.lock_button.setText(QCoreApplication.translate("SaleScreen", "Lock"))
        self.logout_button.setText(QCoreApplication.translate("SaleScreen", "Log out"))
        self.menu_button.setText(QCoreApplication.translate("SaleScreen", "Menu") + "\nF9")
        for action, text in self._menu_texts.values():
            action.setText(text())
        self.pay_button.setText(QCoreApplication.translate("SaleScreen", "Pay") + "  F12")
        self.keypad.button(KEY_QTY).setText(QCoreApplication.translate("SaleScreen", "Qty"))
        self.keypad.button(KEY_DELETE).setText(
            QCoreApplication.translate("SaleScreen", "Delete line")
        )
        self.change_caption.setText(QCoreApplication.translate("SaleScreen", "Change"))
        self.refresh_totals()
        self.size_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
