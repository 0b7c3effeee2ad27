"""The sale screen: scan, adjust, pay, by keyboard alone or by touch.

The barcode field always has the focus: every button and the cart table refuse focus, and every
action gives it back, so a scanner (a keyboard that types a code and Enter) works at any moment.
Enter queues the lookup on the database thread and clears the field at once, so the next scan
can start before the first result is back; results come back in scan order and are added to the
open ``SaleSession`` here, on the UI thread.

Keys: Enter add · F2 search · F3 recall a parked sale · F4 quantity · Del remove line (empty
field) · F5 line discount · F6 order discount · F7 change the line's price · F8 park the sale ·
F9 operations menu · F10 reprint last receipt · F11 show last receipt · F12 pay · Esc clear ·
Up/Down select a line.

Sensitive actions follow the till's permission table (``set_operations`` gives the screen its
storage): removing a line later than the grace period, a discount above the limit, a price
change, a reprint, a drawer opened without a sale and a typed weight need the permission or a
supervisor's approval on the same screen (``ui.approval``), and each is journaled with who did it
and who approved it. Without operations wired (tests of other things, an old composition root)
the default table applies and anything needing an approval is refused.

Any refusal (unknown code, bad check digit, zero quantity, storage failure) shows in the message
strip with a beep and a red flash of the field; the session refuses before changing anything,
so the cart stays as it was.

A product sold by weight without a weight is weighed on the scale (``ui.weighing``); scans
that come back meanwhile wait and are added after it, in scan order.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from pos_desktop.domain.cart import (
    MAX_UNIT_PRICE,
    Cart,
    CartLine,
    Discount,
    Product,
    parse_quantity,
    validate_quantity,
)
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.money import parse_amount
from pos_desktop.domain.permissions import (
    Approval,
    Permission,
    PermissionTable,
    ReasonCode,
    TillPolicy,
    discount_needs_approval,
    void_needs_approval,
)
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.scan import ScanInput
from pos_desktop.services.approvals import TillOperations
from pos_desktop.services.checkout import CommittedSale, HeldCart, Lookup, SaleSession
from pos_desktop.services.ports import StaffMember, StoreProfile
from pos_desktop.ui.approval import request_permission
from pos_desktop.ui.cart_model import (
    COL_DISCOUNT,
    COL_NAME,
    COL_NO,
    COL_PRICE,
    COL_QTY,
    COL_TOTAL,
    CartTableModel,
)
from pos_desktop.ui.context import TillContext
from pos_desktop.ui.dialogs import ValueDialog
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.formatting import money
from pos_desktop.ui.held_dialog import HeldDialog
from pos_desktop.ui.keypad import BACK, ENTER, TOUCH_MIN, Keypad
from pos_desktop.ui.ops import (
    journal_action,
    look_up,
    park_sale,
    permission_rules,
    recall_parked_sale,
    recent_sales,
    reprint_receipt,
    store_profile,
)
from pos_desktop.ui.payment_dialog import PaymentDialog
from pos_desktop.ui.permissions_dialog import PermissionsDialog
from pos_desktop.ui.receipt_preview import ReceiptPreviewDialog
from pos_desktop.ui.search_dialog import SearchDialog
from pos_desktop.ui.weighing import (
    SCALE_REFUSALS,
    Weigher,
    log_manual_weight,
    manual_weight_refused,
    needs_weight,
    outcome,
    weighed,
)
from pos_desktop.ui.worker import DbWorker

log = logging.getLogger(__name__)

_FITTED_COLUMNS = (COL_NO, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_TOTAL)

KEY_QTY = "qty"
KEY_DELETE = "del"
TOTAL_PAGE, CHANGE_PAGE = 0, 1


def parse_discount(text: str) -> Discount | None:
    """``10%`` / ``12,5%`` is a percentage, ``5000`` / ``5.000`` an amount, empty removes."""
    text = text.strip()
    if not text:
        return None
    try:
        if text.endswith("%"):
            return Discount.percent(parse_quantity(text[:-1]))
        return Discount.amount(parse_amount(text))
    except ValueError:
        raise UserError("ui.bad_discount", text=text) from None


def _discount_data(discount: Discount | None) -> dict[str, Any] | None:
    return None if discount is None else {"kind": discount.kind.value, "value": discount.value}


def _line_data(line: CartLine) -> dict[str, Any]:
    """A line as the journal keeps it: JSON-able, quantity as text."""
    return {
        "line_id": line.line_id,
        "sku": line.product.sku,
        "name": line.product.name,
        "quantity": str(line.quantity),
        "unit_price": line.unit_price,
        "gross": line.gross,
        "discount": _discount_data(line.discount),
        "added_at": line.added_at.isoformat() if line.added_at is not None else None,
    }


def _action_button(parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setMinimumHeight(TOUCH_MIN)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


class SaleScreen(QWidget):
    lockRequested = Signal()
    logoutRequested = Signal()
    drawerRequested = Signal()
    saleCompleted = Signal(object)
    """A ``CommittedSale``, after the screen has shown the change."""
    saleEnded = Signal()
    """The open sale was cancelled or parked: the cart is empty again (a sale boundary)."""
    lineAdded = Signal(int)
    """The line id a scan or a search just added to (or merged into)."""
    paymentOpened = Signal(int)
    """The total due, when the payment dialog opens (the pole display shows it)."""
    profileInForce = Signal(object)
    """The store profile as just read at a sale boundary (a ``StoreProfile``)."""
    _weighed = Signal(int, object)
    """A weighing's number and its ``Decimal`` kg or ``UserError``, from the scale's thread."""

    def __init__(
        self,
        context: TillContext,
        worker: DbWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("saleScreen")
        self._context = context
        self._worker = worker
        self._session = SaleSession(context.profile)
        self.cashier: StaffMember | None = None
        self.last_sale: SaleRecord | None = None
        self.last_committed: CommittedSale | None = None
        self.last_profile: StoreProfile | None = None
        """The profile the last sale was rung under, for its receipt preview."""
        self.dialog: QDialog | None = None
        """The dialog open over this screen (search, payment, quantity ...), if any."""
        self._lookups_pending = 0
        self._pay_when_ready = False
        self.scale: Weigher | None = None
        """The scale, when one is configured (``DevicePanel`` sets it)."""
        self.weighing: Lookup | None = None
        """The weighed product waiting for its weight (scale or typed); later scans wait too."""
        self._held: deque[Lookup] = deque()
        self._weigh_no = 0
        self.operations: TillOperations | None = None
        """Approvals, journal and parked sales (``set_operations``); ``None``: refuse instead."""
        self.permissions = PermissionTable.default()
        self.policy = TillPolicy()
        """The table and limits as last loaded from storage (``refresh_rules``)."""
        self._menu_texts: dict[str, tuple[QAction, Callable[[], str]]] = {}
        self._weighed.connect(self._on_weighed, Qt.ConnectionType.QueuedConnection)
        self.payment_guard: Callable[[], bool] | None = None
        """Asked before payment opens; ``False`` keeps it closed (no open cash shift)."""
        self.scan_guard: Callable[[], bool] | None = None
        """Asked before a scan is looked up and before a product goes into the cart; ``False``
        refuses it (no open cash shift: the guard says so and offers to open one)."""

        self.model = CartTableModel(self._session, self)
        self._build()
        self._shortcuts()
        self._retranslate()
        self._refresh_totals()

    # --- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(8, 8, 8, 8)
        root.setSpacing(6)

        top = QHBoxLayout()
        self.barcode = QLineEdit(self)
        self.barcode.setObjectName("barcodeField")
        self.barcode.returnPressed.connect(self.submit_scan)
        self.barcode.installEventFilter(self)
        self.barcode.textEdited.connect(self._hide_change_on_typing)
        top.addWidget(self.barcode, 1)
        self.search_button = _action_button(self, "searchButton")
        self.search_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.search_button.clicked.connect(self.open_search)
        top.addWidget(self.search_button)
        root.addLayout(top)

        self.message = MessageBar(self)
        root.addWidget(self.message)

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
        # Columns grow to fit the rows a change touched (_fit_columns); ResizeToContents would
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
        self.keypad.keyPressed.connect(self._on_keypad)
        middle.addWidget(self.keypad)
        root.addLayout(middle, 1)

        bottom = QHBoxLayout()
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

        self.big = QStackedWidget(self)
        self.big.setObjectName("bigPanel")
        total_page = QWidget(self.big)
        total_layout = QVBoxLayout(total_page)
        total_layout.setContentsMargins(12, 4, 12, 4)
        self.total_caption = QLabel(total_page)
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
        root.addLayout(bottom)

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

        self.qty_button.clicked.connect(lambda: self.change_quantity())
        self.line_discount_button.clicked.connect(lambda: self.line_discount())
        self.order_discount_button.clicked.connect(lambda: self.order_discount())
        self.receipt_button.clicked.connect(self.show_last_receipt)
        self.drawer_button.clicked.connect(self.drawerRequested)
        self.cancel_sale_button.clicked.connect(self.cancel_sale)
        self.lock_button.clicked.connect(self.lockRequested)
        self.logout_button.clicked.connect(self.request_logout)
        self.pay_button.clicked.connect(self.open_payment)
        self.menu_button.clicked.connect(self.open_menu)
        self.add_operation("hold", lambda: self.tr("Park sale") + "  F8", self.hold_sale)
        self.add_operation(
            "recall", lambda: self.tr("Recall parked sale") + "  F3", self.recall_sale
        )
        self.add_operation(
            "price", lambda: self.tr("Change price") + "  F7", lambda: self.override_price()
        )
        self.add_operation("permissions", lambda: self.tr("Permissions"), self.open_permissions)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            (Qt.Key.Key_F2, self.open_search),
            (Qt.Key.Key_F4, lambda: self.change_quantity()),
            (Qt.Key.Key_F5, lambda: self.line_discount()),
            (Qt.Key.Key_F6, lambda: self.order_discount()),
            (Qt.Key.Key_F3, self.recall_sale),
            (Qt.Key.Key_F7, lambda: self.override_price()),
            (Qt.Key.Key_F8, self.hold_sale),
            (Qt.Key.Key_F9, self.open_menu),
            (Qt.Key.Key_F10, self.reprint_last),
            (Qt.Key.Key_F11, self.show_last_receipt),
            (Qt.Key.Key_F12, self.open_payment),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # --- session ------------------------------------------------------------------------------
    @property
    def session(self) -> SaleSession:
        return self._session

    def set_context(self, context: TillContext) -> None:
        """The till's services after a change (a pairing, a new store profile); the open sale
        keeps its own profile snapshot."""
        self._context = context

    def set_scale(self, weigher: Weigher | None) -> None:
        """The scale, when one is configured (``DevicePanel`` sets it; ``None`` when it goes)."""
        self.scale = weigher

    def set_operations(self, operations: TillOperations | None) -> None:
        """Give the screen its approvals, journal and parked sales, and load the table."""
        self.operations = operations
        self.refresh_rules()

    def refresh_rules(self) -> None:
        """Load the permission table and limits (on the database thread)."""
        ops = self.operations
        if ops is None or not self._worker.accepting:
            return
        permission_rules(ops.approvals).success(self._set_rules).failure(
            lambda error: log.warning("permission table not loaded: %s", error)
        ).run(self._worker)

    def _set_rules(self, rules: tuple[PermissionTable, TillPolicy]) -> None:
        self.permissions, self.policy = rules

    def set_cashier(self, cashier: StaffMember, session: SaleSession) -> None:
        """Show ``session`` (a new or a held cart) for ``cashier``."""
        self.refresh_rules()
        self.cashier = cashier
        self._session = session
        self._drop_weighing()
        self.model.set_session(session)
        self._size_columns()
        self._refresh_totals()
        self.big.setCurrentIndex(TOTAL_PAGE)
        self.message.clear_message()
        if session.cart.lines:
            self._select_row(len(session.cart.lines) - 1)
        if self.last_sale is None:
            self._load_last_sale()
        self.refresh_profile()
        self.focus_barcode()

    def refresh_profile(self) -> None:
        """At a sale boundary, read the store profile in force on the database thread.

        The open sale takes it only if it has not started yet, otherwise its next sale does
        (``SaleSession.offer_profile``). Results come back in submission order, so a profile
        asked for before a scan's lookup is in place before that scan's line is added.
        """
        profiles = self._context.profiles
        if profiles is None or not self._worker.accepting:
            return
        session = self._session

        def arrived(profile: StoreProfile) -> None:
            if session.offer_profile(profile) and session is self._session:
                self._refresh_totals()
            self.profileInForce.emit(profile)

        store_profile(profiles).success(arrived).failure(
            lambda error: log.warning("store profile not read: %s", error)
        ).run(self._worker)

    def _load_last_sale(self) -> None:
        journal = self._context.till.journal

        def loaded(sales: Sequence[SaleRecord]) -> None:
            if sales and self.last_sale is None:
                self.last_sale = sales[0]

        recent_sales(journal, 1).success(loaded).failure(
            lambda e: log.warning("last sale not loaded: %s", e)
        ).run(self._worker)

    def focus_barcode(self) -> None:
        self.barcode.setFocus()

    # --- scanning -----------------------------------------------------------------------------
    def submit_scan(self, text: str | None = None) -> None:
        """Enter in the barcode field: look the code up on the database thread."""
        text = (self.barcode.text() if text is None else text).strip()
        if not text:
            self.focus_barcode()
            return
        if self.scan_guard is not None and not self.scan_guard():
            # Kept in the field, so Enter sells it once the shift is open.
            self.barcode.setText(text)
            self.barcode.selectAll()
            return
        self.barcode.clear()
        self._hide_change()
        if not self._session.started and not self._lookups_pending:
            self.refresh_profile()  # the first line starts a sale: under the profile in force
        self._lookups_pending += 1
        look_up(self._context.till, text).success(self._on_lookup).failure(
            lambda error: self._on_lookup_failed(text, error)
        ).run(self._worker)
        self.focus_barcode()

    def _on_lookup(self, lookup: Lookup) -> None:
        self._lookups_pending -= 1
        try:
            self.add_lookup(lookup)
        finally:
            self._after_lookups()

    def _on_lookup_failed(self, text: str, error: UserError) -> None:
        self._lookups_pending -= 1
        self.show_error(error)
        if not self.barcode.text():
            self.barcode.setText(text)
            self.barcode.selectAll()
        self._after_lookups()

    def _after_lookups(self) -> None:
        if self._lookups_pending == 0 and self.weighing is None and self._pay_when_ready:
            self._pay_when_ready = False
            self.open_payment()

    def add_lookup(self, lookup: Lookup) -> bool:
        """Add a resolved scan to the cart on the UI thread; False (and a message) if refused.

        A product that needs weighing, and any scan behind it, is added when its weight is
        known: True then means "on its way", and a refusal shows when it comes."""
        if self.scan_guard is not None and not self.scan_guard():
            return False
        if self.weighing is not None:
            self._held.append(lookup)
            return True
        if needs_weight(lookup):
            return self._weigh(lookup)
        return self._add_now(lookup)

    def _add_now(self, lookup: Lookup) -> bool:
        try:
            self._add_line(lookup)
        except UserError as error:
            self.show_error(error)
            return False
        return True

    def _add_line(self, lookup: Lookup) -> None:
        line = self._session.add(lookup, self._context.clock())
        self._cart_changed()
        self.message.clear_message()
        self._select_line(line.line_id)
        self.lineAdded.emit(line.line_id)

    # --- weighed products ---------------------------------------------------------------------
    def _weigh(self, lookup: Lookup) -> bool:
        typed = lookup.scan.quantity
        if typed is not None:  # 1,5*code: a weight typed by hand

            def add_typed(approval: Approval | None) -> None:
                if self._add_now(weighed(lookup, typed)):
                    self._typed_weight_done(lookup.product, typed, "typed with the code", approval)

            if self.may(Permission.MANUAL_WEIGHT):
                if not self._add_now(weighed(lookup, typed)):
                    return False
                self._typed_weight_done(lookup.product, typed, "typed with the code", None)
                return True
            return self._manual_weight(lookup, add_typed)
        if self.scale is None:
            return self._manual_weight(lookup, lambda a: self._begin_type_weight(lookup, None, a))
        self.weighing = lookup
        self._weigh_no += 1
        number = self._weigh_no
        self.message.show_info(self.tr("Weighing..."))
        future = self.scale.weigh()
        future.add_done_callback(lambda done: self._weighed.emit(number, outcome(done)))
        return True

    def _manual_weight(self, lookup: Lookup, proceed: Callable[[Approval | None], None]) -> bool:
        """Run ``proceed`` once typing a weight for ``lookup`` is allowed: at once for a role
        with ``MANUAL_WEIGHT``, after a supervisor's approval otherwise (later scans wait behind
        it). False when refused on the spot."""
        cashier = self.cashier
        if cashier is not None and self.permissions.allows(cashier.role, Permission.MANUAL_WEIGHT):
            proceed(None)
            return True
        if self.operations is None or cashier is None:
            self.show_error(manual_weight_refused(cashier))
            return False
        self.weighing = lookup

        def granted(approval: Approval | None) -> None:
            if self.weighing is not lookup:
                return
            self.weighing = None
            proceed(approval)
            self._weighing_done()

        def refused() -> None:
            if self.weighing is lookup:
                self.weighing = None
                self._weighing_done()

        # After the caller is done: a search dialog that picked the product closes first.
        QTimer.singleShot(
            0,
            self,
            lambda: self.request_permission(
                Permission.MANUAL_WEIGHT,
                granted,
                detail=lookup.product.name,
                on_refused=refused,
            ),
        )
        return True

    def _typed_weight_done(
        self, product: Product, kg: Decimal, why: str, approval: Approval | None
    ) -> None:
        member = self.cashier
        if member is None:
            return
        if approval is not None:
            why += f"; approved by {approval.approver_code} ({approval.reason})"
        log_manual_weight(member, product, kg, why)
        self.record(
            JournalKind.MANUAL_WEIGHT,
            approval,
            {"sku": product.sku, "name": product.name, "kg": str(kg), "why": why},
        )

    def _on_weighed(self, number: int, result: Decimal | UserError) -> None:
        lookup = self.weighing
        if number != self._weigh_no or lookup is None:
            log.info("weighing %d dropped: the screen moved on", number)
            return
        if isinstance(result, Decimal):
            self.weighing = None
            if self._add_now(weighed(lookup, result)):
                log.info("weighed %s kg of %s on the scale", result, lookup.product.sku)
        elif result.code in SCALE_REFUSALS:
            self.weighing = None
            log.info("weighing %s refused: %s", lookup.product.sku, result.code)
            self.show_error(result)
        else:
            log.warning("scale failed weighing %s: %s", lookup.product.sku, result)
            self.weighing = None
            self._manual_weight(lookup, lambda a: self._begin_type_weight(lookup, result, a))
        self._weighing_done()

    def _begin_type_weight(
        self, lookup: Lookup, scale_error: UserError | None, approval: Approval | None
    ) -> None:
        self.weighing = lookup
        QTimer.singleShot(0, self, lambda: self._type_weight(lookup, scale_error, approval))

    def _type_weight(
        self, lookup: Lookup, scale_error: UserError | None, approval: Approval | None = None
    ) -> None:
        """No weight from the scale: someone allowed (or approved) types it in a dialog; the
        product (and the scans behind it) wait until the dialog closes."""
        if self.weighing is not lookup:
            return
        if self._blocked() or self.cashier is None:
            self.weighing = None
            self.show_error(scale_error or UserError("scale.unavailable"))
            self._weighing_done()
            return
        why = "no scale" if scale_error is None else f"scale failed: {scale_error.code}"
        name = lookup.product.name
        if scale_error is None:
            prompt = self.tr("Type the weight of %1 in kg.").replace("%1", name)
        else:
            prompt = self.tr("The scale could not weigh %1. Type its weight in kg.").replace(
                "%1", name
            )

        def apply(text: str) -> None:
            try:
                kg = parse_quantity(text)
            except ValueError:
                raise UserError("ui.bad_quantity", text=text.strip()) from None
            self._add_line(weighed(lookup, kg))
            self._typed_weight_done(lookup.product, kg, why, approval)

        dialog = ValueDialog(self.tr("Weight"), prompt, apply, extra_keys=(",",), parent=self)
        dialog.setObjectName("weightDialog")
        dialog.finished.connect(lambda _result: self._manual_weight_closed(lookup))
        self._open_dialog(dialog)

    def _manual_weight_closed(self, lookup: Lookup) -> None:
        if self.weighing is lookup:
            self.weighing = None
            self._weighing_done()

    def _drop_weighing(self) -> None:
        """Forget a weighing (and the scans behind it) for a cart that is no longer on screen."""
        if self.weighing is not None or self._held:
            log.info("weighing dropped with %d scan(s) behind it", len(self._held))
        self._weigh_no += 1
        self.weighing = None
        self._held.clear()

    def _weighing_done(self) -> None:
        """Add the scans that waited behind the weighing, in order, then pay if asked to."""
        while self._held and self.weighing is None:
            self.add_lookup(self._held.popleft())
        self._after_lookups()

    def add_product(self, product: Product) -> bool:
        """A product picked in the search: one unit, like a plain scan (a weighed product is
        weighed)."""
        scan = ScanInput(product.barcode or product.sku, None, None, None, None)
        return self.add_lookup(Lookup(scan=scan, product=product))

    # --- cart edits ---------------------------------------------------------------------------
    def selected_line_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        line = self.model.line_at(rows[0].row())
        return line.line_id if line is not None else None

    def _require_line(self) -> int | None:
        line_id = self.selected_line_id()
        if line_id is None:
            self.show_error(UserError("ui.no_line_selected"))
        return line_id

    def set_quantity(self, text: str) -> None:
        """Set the selected line's quantity from what was typed; raises ``UserError``."""
        line_id = self.selected_line_id()
        if line_id is None:
            raise UserError("ui.no_line_selected")
        try:
            quantity = parse_quantity(text)
        except ValueError:
            raise UserError("ui.bad_quantity", text=text.strip()) from None
        product = self._session.cart.line(line_id).product
        if not product.sold_by_weight or self.may(Permission.MANUAL_WEIGHT):
            self._set_quantity_now(line_id, quantity, None)
            return
        if self.operations is None:
            raise manual_weight_refused(self.cashier)
        validate_quantity(quantity, sold_by_weight=True)
        self._session.check_editable()
        self._later(
            Permission.MANUAL_WEIGHT,
            lambda approval: self._guarded(self._set_quantity_now, line_id, quantity, approval),
            product.name,
        )

    def _set_quantity_now(self, line_id: int, quantity: Decimal, approval: Approval | None) -> None:
        line = self._session.set_quantity(line_id, quantity)
        if line.product.sold_by_weight:
            self._typed_weight_done(line.product, line.quantity, "quantity changed", approval)
        self._cart_changed()
        self._select_line(line_id)

    def change_quantity(self, text: str | None = None) -> None:
        """F4 / Qty key: a number typed in the barcode field becomes the selected line's
        quantity; with an empty field a quantity dialog opens."""
        if self._blocked():
            return
        if self._require_line() is None:
            return
        typed = self.barcode.text().strip() if text is None else text
        if typed:
            try:
                self.set_quantity(typed)
            except UserError as error:
                self.show_error(error)
                return
            self.barcode.clear()
            self.message.clear_message()
            self.focus_barcode()
            return
        line = self._session.cart.line(self.selected_line_id() or 0)
        self._open_value_dialog(
            self.tr("Quantity"),
            self.tr("New quantity for %1").replace("%1", line.product.name),
            self.set_quantity,
            initial=str(line.quantity.normalize()),
            extra_keys=(",",),
        )

    def remove_selected_line(self) -> None:
        """Del: remove the selected line (logged); past the grace period it needs
        ``LINE_VOID_LATE``, or an approval."""
        if self._blocked():
            return
        line_id = self._require_line()
        if line_id is None:
            return
        line = self._session.cart.line(line_id)
        if not void_needs_approval(line.added_at, self._context.clock(), self.policy):
            self._remove_line(line_id, None, late=False)
            return
        self.request_permission(
            Permission.LINE_VOID_LATE,
            lambda approval: self._remove_line(line_id, approval, late=True),
            detail=line.product.name,
        )

    def _remove_line(self, line_id: int, approval: Approval | None, *, late: bool) -> None:
        try:
            line = self._session.cart.line(line_id)
            row = self.model.row_of(line_id)
            self._session.remove(line_id)
        except UserError as error:
            self.show_error(error)
            return
        self.record(JournalKind.LINE_VOID, approval, {**_line_data(line), "late": late})
        self._cart_changed()
        self.message.clear_message()
        count = len(self._session.cart.lines)
        if count:
            self._select_row(min(row, count - 1))
        self.focus_barcode()

    def apply_line_discount(self, text: str) -> None:
        """A discount above the limit needs ``DISCOUNT_OVER_LIMIT``: without it the approval
        dialog opens once the typing dialog closed, and the discount applies after it."""
        line_id = self.selected_line_id()
        if line_id is None:
            raise UserError("ui.no_line_selected")
        discount = parse_discount(text)
        self._session.check_line_discount(line_id, discount)
        base = self._session.discount_base(line_id)
        if not self._discount_over(discount, base) or self.may(Permission.DISCOUNT_OVER_LIMIT):
            self._set_line_discount(line_id, discount, None)
            return
        if self.operations is None:
            raise UserError("permission.required", permission=Permission.DISCOUNT_OVER_LIMIT.value)
        name = self._session.cart.line(line_id).product.name
        self._later(
            Permission.DISCOUNT_OVER_LIMIT,
            lambda a: self._guarded(self._set_line_discount, line_id, discount, a),
            name,
        )

    def _set_line_discount(
        self, line_id: int, discount: Discount | None, approval: Approval | None
    ) -> None:
        base = self._session.discount_base(line_id)
        line = self._session.set_line_discount(line_id, discount)
        self.record(
            JournalKind.DISCOUNT,
            approval,
            {
                "scope": "line",
                **_line_data(line),
                "base": base,
                "over_limit": self._discount_over(discount, base),
            },
        )
        self._cart_changed()
        self._select_line(line_id)

    def apply_order_discount(self, text: str) -> None:
        discount = parse_discount(text)
        self._session.check_editable()
        base = self._session.discount_base(None)
        if not self._discount_over(discount, base) or self.may(Permission.DISCOUNT_OVER_LIMIT):
            self._set_order_discount(discount, None)
            return
        if self.operations is None:
            raise UserError("permission.required", permission=Permission.DISCOUNT_OVER_LIMIT.value)
        self._later(
            Permission.DISCOUNT_OVER_LIMIT,
            lambda a: self._guarded(self._set_order_discount, discount, a),
            self.tr("Order discount"),
        )

    def _set_order_discount(self, discount: Discount | None, approval: Approval | None) -> None:
        base = self._session.discount_base(None)
        self._session.set_order_discount(discount)
        self.record(
            JournalKind.DISCOUNT,
            approval,
            {
                "scope": "order",
                "discount": _discount_data(discount),
                "amount": self._session.totals().order_discount,
                "base": base,
                "over_limit": self._discount_over(discount, base),
            },
        )
        self._cart_changed()

    def _discount_over(self, discount: Discount | None, base: int) -> bool:
        return discount is not None and discount_needs_approval(
            discount.kind, discount.value, base, self.policy
        )

    # --- price override -----------------------------------------------------------------------
    def override_price(self, text: str | None = None) -> None:
        """F7: a new unit price for the selected line; needs ``PRICE_OVERRIDE`` or approval."""
        if self._blocked() or self._require_line() is None:
            return
        if text is not None:
            self._apply_now(self.apply_price_override, text)
            return
        line = self._session.cart.line(self.selected_line_id() or 0)
        self._open_value_dialog(
            self.tr("Change price"),
            self.tr("New unit price for %1 (now %2)")
            .replace("%1", line.product.name)
            .replace("%2", money(line.unit_price)),
            self.apply_price_override,
        )

    def apply_price_override(self, text: str) -> None:
        line_id = self.selected_line_id()
        if line_id is None:
            raise UserError("ui.no_line_selected")
        try:
            price = parse_amount(text)
        except ValueError:
            raise UserError("ui.bad_amount", text=text.strip()) from None
        if not 0 <= price <= MAX_UNIT_PRICE:
            raise UserError("price.out_of_range")
        self._session.check_editable()
        if self.may(Permission.PRICE_OVERRIDE):
            self._set_price(line_id, price, None)
            return
        if self.operations is None:
            raise UserError("permission.required", permission=Permission.PRICE_OVERRIDE.value)
        line = self._session.cart.line(line_id)
        self._later(
            Permission.PRICE_OVERRIDE,
            lambda a: self._guarded(self._set_price, line_id, price, a),
            f"{line.product.name}: {money(line.unit_price)} → {money(price)}",
        )

    def _set_price(self, line_id: int, price: int, approval: Approval | None) -> None:
        old = self._session.cart.line(line_id).unit_price
        line = self._session.set_unit_price(line_id, price)
        self.record(
            JournalKind.PRICE_OVERRIDE,
            approval,
            {**_line_data(line), "old_price": old, "shelf_price": line.product.unit_price},
        )
        self._cart_changed()
        self._select_line(line_id)

    def line_discount(self, text: str | None = None) -> None:
        """F5: discount on the selected line, ``10%`` or an amount; empty removes it."""
        if self._blocked() or self._require_line() is None:
            return
        if text is not None:
            self._apply_now(self.apply_line_discount, text)
            return
        line = self._session.cart.line(self.selected_line_id() or 0)
        self._open_value_dialog(
            self.tr("Line discount"),
            self.tr("Discount for %1: type 10% or an amount. Empty removes it.").replace(
                "%1", line.product.name
            ),
            self.apply_line_discount,
            extra_keys=("%",),
        )

    def order_discount(self, text: str | None = None) -> None:
        """F6: discount on the whole order, ``10%`` or an amount; empty removes it."""
        if self._blocked():
            return
        if self._session.cart.is_empty:
            self.show_error(UserError("sale.empty"))
            return
        if text is not None:
            self._apply_now(self.apply_order_discount, text)
            return
        self._open_value_dialog(
            self.tr("Order discount"),
            self.tr("Discount on the whole sale: type 10% or an amount. Empty removes it."),
            self.apply_order_discount,
            extra_keys=("%",),
        )

    def _apply_now(self, apply: Callable[[str], None], text: str) -> None:
        try:
            apply(text)
        except UserError as error:
            self.show_error(error)
            return
        self.message.clear_message()
        self.focus_barcode()

    def cancel_sale(self) -> None:
        """Void the open cart (nothing was saved yet). A second press confirms."""
        if self._blocked() or self._session.cart.is_empty:
            return
        if self.cancel_sale_button.property("armed"):
            self._disarm_cancel()
            now = self._context.clock()
            late = [
                line
                for line in self._session.cart.lines
                if void_needs_approval(line.added_at, now, self.policy)
            ]
            if not late:
                self._cancel_now(None, late=False)
                return
            self.request_permission(
                Permission.LINE_VOID_LATE,
                lambda approval: self._cancel_now(approval, late=True),
                detail=self.tr("Cancel sale"),
            )
            return
        self.cancel_sale_button.setProperty("armed", True)
        self.message.show_warning(self.tr("Press Cancel again to void this sale."))
        QTimer.singleShot(4000, self, self._disarm_cancel)

    def _disarm_cancel(self) -> None:
        self.cancel_sale_button.setProperty("armed", False)

    def _cancel_now(self, approval: Approval | None, *, late: bool) -> None:
        cart = self._session.cart
        if cart.is_empty:
            return
        data = {
            "lines": [_line_data(line) for line in cart.lines],
            "order_discount": _discount_data(cart.order_discount),
            "total": self._session.totals().total,
            "late": late,
        }
        self._drop_weighing()
        self._session.reset()
        self.refresh_profile()
        self.record(JournalKind.SALE_CANCEL, approval, data)
        self._show_cart()
        self.message.show_info(self.tr("Sale cancelled."))
        self.focus_barcode()
        self.saleEnded.emit()

    # --- parked sales -------------------------------------------------------------------------
    def hold_sale(self) -> None:
        """F8: park the cart (it survives a restart) and start an empty one."""
        if self._blocked() or self.cashier is None:
            return
        ops = self.operations
        if ops is None:
            self.show_error(UserError("operations.unavailable"))
            return
        if self._session.cart.is_empty:
            self.show_error(UserError("sale.empty"))
            return
        if self._lookups_pending or self.weighing is not None:
            self.show_error(UserError("held.busy"))
            return
        cashier, session = self.cashier, self._session
        cart, total, now = session.cart, session.totals().total, self._context.clock()
        # The screen moves on at once; the parked copy is written on the database thread.
        session.reset()
        self.refresh_profile()
        self._show_cart()

        def failed(error: UserError) -> None:
            if session.cart.is_empty:
                session.cart = cart
                if session is self._session:
                    self._show_cart()
            self.show_error(error)

        def done(held: HeldCart) -> None:
            self.message.show_info(self.tr("Sale parked. F3 recalls it."))
            self.saleEnded.emit()  # only once the parked copy is safe

        park_sale(ops.held, cart, total=total, label="", actor=cashier, now=now).success(
            done
        ).failure(failed).run(self._worker)
        self.focus_barcode()

    def recall_sale(self) -> HeldDialog | None:
        """F3: choose a parked sale and continue it (only with an empty cart)."""
        if self._blocked() or self.cashier is None:
            return None
        ops = self.operations
        if ops is None:
            self.show_error(UserError("operations.unavailable"))
            return None
        if not self._session.cart.is_empty:
            self.show_error(UserError("held.cart_not_empty"))
            return None
        dialog = HeldDialog(ops.held, self._worker, self)
        dialog.chosen.connect(self.recall)
        self._open_dialog(dialog)
        return dialog

    def recall(self, hold_id: str) -> None:
        ops, cashier = self.operations, self.cashier
        if ops is None or cashier is None:
            return
        now = self._context.clock()
        session = self._session

        def recalled(cart: Cart) -> None:
            if not session.cart.is_empty or session is not self._session:
                # Scanned meanwhile: park it again rather than mix two customers' goods.
                park_sale(
                    ops.held, cart, total=0, label="recalled twice", actor=cashier, now=now
                ).failure(self.show_error).run(self._worker)
                self.show_error(UserError("held.cart_not_empty"))
                return
            session.cart = cart
            session.payment = None
            self._show_cart()
            if cart.lines:
                self._select_row(len(cart.lines) - 1)
            self.message.show_info(self.tr("Parked sale recalled."))
            self.focus_barcode()

        recall_parked_sale(ops.held, hold_id, actor=cashier, now=now).success(recalled).failure(
            self.show_error
        ).run(self._worker)

    # --- operations menu ----------------------------------------------------------------------
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

    def open_menu(self) -> QMenu | None:
        if self._blocked() or self.cashier is None:
            return None
        self.menu.popup(self.menu_button.mapToGlobal(QPoint(0, 0)))
        return self.menu

    def open_permissions(self) -> None:
        """Store IT's permission grid (needs ``CHANGE_SETTINGS`` or a manager's approval)."""
        if self._blocked() or self.cashier is None:
            return
        ops = self.operations
        if ops is None:
            self.show_error(UserError("operations.unavailable"))
            return
        cashier = self.cashier

        def granted(approval: Approval | None) -> None:
            dialog = PermissionsDialog(ops.approvals, self._worker, cashier, approval, self)
            dialog.saved.connect(self._set_rules)
            dialog.saved.connect(lambda _rules: self.message.show_info(self.tr("Saved.")))
            self._open_dialog(dialog)

        self.request_permission(Permission.CHANGE_SETTINGS, granted)

    # --- permissions --------------------------------------------------------------------------
    def may(self, permission: Permission) -> bool:
        """The logged-in person's role allows ``permission`` by the table as last loaded."""
        return self.cashier is not None and self.permissions.allows(self.cashier.role, permission)

    def request_permission(
        self,
        permission: Permission,
        on_granted: Callable[[Approval | None], None],
        *,
        detail: str = "",
        refuse: Callable[[], UserError] | None = None,
        on_refused: Callable[[], None] | None = None,
        reason: ReasonCode | None = None,
    ) -> None:
        """``on_granted(None)`` now if the role allows it, else after a supervisor's approval on
        this screen; without operations wired, refuse (``refuse()`` makes the error).
        ``reason``: the action's own reason, which the approval must carry (a refund's)."""
        cashier = self.cashier
        if cashier is None:
            return
        if self.operations is None and not self.permissions.allows(cashier.role, permission):
            error = (
                refuse()
                if refuse is not None
                else UserError("permission.required", permission=permission.value)
            )
            self.show_error(error)
            if on_refused is not None:
                on_refused()
            return
        nested = self._blocked()  # e.g. a reprint asked from the receipt preview
        parent: QWidget = self.dialog if nested and self.dialog is not None else self
        try:
            request_permission(
                parent,
                self.operations,
                self._worker,
                cashier,
                permission,
                on_granted,
                table=self.permissions,
                clock=self._context.clock,
                detail=detail,
                on_refused=on_refused,
                open_dialog=None if nested else self._open_dialog,
                reason=reason,
            )
        except UserError as error:
            self.show_error(error)
            if on_refused is not None:
                on_refused()

    def _later(
        self, permission: Permission, on_granted: Callable[[Approval | None], None], detail: str
    ) -> None:
        """Ask once the dialog that is applying a value (quantity, discount, price) closed."""
        QTimer.singleShot(
            0, self, lambda: self.request_permission(permission, on_granted, detail=detail)
        )

    def _guarded(self, apply: Callable[..., None], *args: Any) -> None:
        """Apply a change after an approval: the cart may have moved on, so refusals show."""
        try:
            apply(*args)
        except UserError as error:
            self.show_error(error)
            return
        self.message.clear_message()
        self.focus_barcode()

    def record(self, kind: JournalKind, approval: Approval | None, data: dict[str, Any]) -> None:
        """Journal a sensitive action by the logged-in person (on the database thread)."""
        ops, cashier = self.operations, self.cashier
        if ops is None or cashier is None or not self._worker.accepting:
            return
        journal_action(ops.approvals, kind, cashier, approval, data, self._context.clock()).failure(
            self.show_error
        ).run(self._worker)

    # --- dialogs ------------------------------------------------------------------------------
    def _blocked(self) -> bool:
        """True while a dialog is open: its own keys act, the screen's do not."""
        return self.dialog is not None and self.dialog.isVisible()

    def _open_dialog(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _result, d=dialog: self._dialog_closed(d))
        dialog.open()
        return dialog

    def show_dialog(self, dialog: QDialog) -> QDialog:
        """Open ``dialog`` over this screen (its keys act, the screen's wait until it closes)."""
        return self._open_dialog(dialog)

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.window().activateWindow()
        self.focus_barcode()

    def _open_value_dialog(
        self,
        title: str,
        prompt: str,
        apply: Callable[[str], None],
        *,
        initial: str = "",
        extra_keys: tuple[str, ...] = (),
    ) -> None:
        def applied(text: str) -> None:
            apply(text)
            self.message.clear_message()

        dialog = ValueDialog(
            title, prompt, applied, initial=initial, extra_keys=extra_keys, parent=self
        )
        self._open_dialog(dialog)

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

    def open_search(self) -> SearchDialog | None:
        if self._blocked():
            return None
        if not self._session.started:
            self.refresh_profile()  # a product picked here may start the sale
        dialog = SearchDialog(self._context.till, self._worker, self)
        dialog.productChosen.connect(self.add_product)
        typed = self.barcode.text().strip()
        if typed:
            self.barcode.clear()
            dialog.set_query(typed)
        self._open_dialog(dialog)
        return dialog

    def open_payment(self) -> PaymentDialog | None:
        """F12. Waits for scans still being looked up, so the total paid is the final one."""
        if self._blocked() or self.cashier is None:
            return None
        if self._lookups_pending or self.weighing is not None:
            self._pay_when_ready = True
            return None
        guard = self.payment_guard
        if guard is not None and not self._session.cart.is_empty and not guard():
            return None
        try:
            dialog = PaymentDialog(self._session, self._context, self._worker, self.cashier, self)
        except UserError as error:
            self.show_error(error)
            return None
        dialog.completed.connect(self._on_sale_committed)
        dialog.rejected.connect(self._refresh_totals)
        self._open_dialog(dialog)
        self.paymentOpened.emit(self._session.totals().total)
        return dialog

    def _on_sale_committed(self, committed: CommittedSale) -> None:
        sale = committed.sale
        self.last_sale = sale
        self.last_committed = committed
        self.last_profile = self._session.profile
        self._session.reset()
        self.refresh_profile()
        self.model.set_session(self._session)
        self._size_columns()
        self._refresh_totals()
        self.change_label.setText(money(sale.change))
        self.change_paid.setText(
            self.tr("Total %1  ·  Paid %2")
            .replace("%1", money(sale.total))
            .replace("%2", money(sale.paid))
        )
        self.big.setCurrentIndex(CHANGE_PAGE)
        if committed.receipt_error is not None:
            self.show_error(committed.receipt_error)
        else:
            self.message.show_info(self.tr("Sale %1 saved.").replace("%1", sale.receipt_no))
        self.saleCompleted.emit(committed)

    def show_last_receipt(self) -> ReceiptPreviewDialog | None:
        if self._blocked():
            return None
        if self.last_sale is None:
            self.show_error(UserError("ui.no_last_sale"))
            return None
        profile = self.last_profile or self._session.profile
        dialog = ReceiptPreviewDialog(self.last_sale, profile, self._context.config.receipt, self)
        dialog.reprintRequested.connect(lambda: self.reprint_last(dialog.message))
        self._open_dialog(dialog)
        return dialog

    def reprint_last(self, bar: MessageBar | None = None) -> None:
        """F10: print the last receipt again, marked as a copy by the receipt sink."""
        target = bar if isinstance(bar, MessageBar) else self.message
        if bar is None and self._blocked():
            return
        if self.last_sale is None:
            target.show_error(UserError("ui.no_last_sale"))
            return
        receipt_no = self.last_sale.receipt_no

        def reprint(approval: Approval | None) -> None:
            def done(where: str) -> None:
                self.record(JournalKind.REPRINT, approval, {"receipt_no": receipt_no})
                target.show_info(self.tr("Receipt %1 reprinted (copy).").replace("%1", receipt_no))

            reprint_receipt(self._context.till, receipt_no).success(done).failure(
                lambda error: target.show_error(error)
            ).run(self._worker)

        self.request_permission(Permission.REPRINT, reprint, detail=receipt_no)

    def request_logout(self) -> None:
        if not self._session.cart.is_empty:
            self.show_error(UserError("ui.cart_open"))
            return
        self.logoutRequested.emit()

    # --- feedback -----------------------------------------------------------------------------
    def show_error(self, error: UserError) -> None:
        log.info("refused: %s", error)
        self.message.show_error(error, self.barcode)
        self.focus_barcode()

    def _hide_change(self) -> None:
        if self.big.currentIndex() == CHANGE_PAGE:
            self.big.setCurrentIndex(TOTAL_PAGE)
            self.message.clear_message()

    def _hide_change_on_typing(self, _text: str) -> None:
        self._hide_change()

    @property
    def change_visible(self) -> bool:
        return self.big.currentIndex() == CHANGE_PAGE

    # --- internals ----------------------------------------------------------------------------
    def _show_cart(self) -> None:
        """The session's cart replaced (reset, parked, recalled): show it from scratch."""
        self.model.set_session(self._session)
        self._size_columns()
        self._refresh_totals()

    def _cart_changed(self) -> None:
        self._fit_columns(self.model.sync())
        self._refresh_totals()

    def _refresh_totals(self) -> None:
        totals = self._session.totals()
        self.sum_values["subtotal"].setText(money(totals.subtotal))
        self.sum_values["discount"].setText(money(-totals.discount_total))
        self.sum_values["tax"].setText(money(totals.tax_total))
        self.sum_values["rounding"].setText(money(totals.rounding))
        self.total_label.setText(money(totals.total))
        count = sum(1 for _ in self._session.cart.lines)
        lines = self.tr("%n line(s)", "", count)
        self.total_caption.setText(self.tr("Total") + "  ·  " + lines)

    def _select_line(self, line_id: int) -> None:
        row = self.model.row_of(line_id)
        if row >= 0:
            self._select_row(row)

    def _select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _move_selection(self, delta: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        rows = self.table.selectionModel().selectedRows()
        current = rows[0].row() if rows else count - 1
        self._select_row(max(0, min(count - 1, current + delta)))

    def _on_keypad(self, key: str) -> None:
        if key == ENTER:
            self.submit_scan()
        elif key == KEY_QTY:
            self.change_quantity()
        elif key == KEY_DELETE:
            self.remove_selected_line()
        elif key != BACK:
            self._hide_change()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.barcode and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape:
                self.barcode.clear()
                self.message.clear_message()
                return True
            if key == Qt.Key.Key_Delete and not self.barcode.text():
                self.remove_selected_line()
                return True
            if key == Qt.Key.Key_Up:
                self._move_selection(-1)
                return True
            if key == Qt.Key.Key_Down:
                self._move_selection(1)
                return True
        return super().eventFilter(watched, event)

    def _retranslate(self) -> None:
        self.barcode.setPlaceholderText(self.tr("Scan a barcode, or type 3*code and Enter"))
        self.search_button.setText(self.tr("Search product") + "  F2")
        self.sum_captions["subtotal"].setText(self.tr("Subtotal"))
        self.sum_captions["discount"].setText(self.tr("Discount"))
        self.sum_captions["tax"].setText(self.tr("Tax"))
        self.sum_captions["rounding"].setText(self.tr("Rounding"))
        self.qty_button.setText(self.tr("Qty") + "\nF4")
        self.line_discount_button.setText(self.tr("Discount") + "\nF5")
        self.order_discount_button.setText(self.tr("Order disc.") + "\nF6")
        self.receipt_button.setText(self.tr("Receipt") + "\nF10/F11")
        self.drawer_button.setText(self.tr("Cash drawer"))
        self.cancel_sale_button.setText(self.tr("Cancel sale"))
        self.lock_button.setText(self.tr("Lock"))
        self.logout_button.setText(self.tr("Log out"))
        self.menu_button.setText(self.tr("Menu") + "\nF9")
        for action, text in self._menu_texts.values():
            action.setText(text())
        self.pay_button.setText(self.tr("Pay") + "  F12")
        self.keypad.button(KEY_QTY).setText(self.tr("Qty"))
        self.keypad.button(KEY_DELETE).setText(self.tr("Delete line"))
        self.change_caption.setText(self.tr("Change"))
        self._refresh_totals()
        self._size_columns()

    def _size_columns(self) -> None:
        """Start every number column at its header's width, then fit the current rows."""
        self.table.ensurePolished()
        header_metrics = self.table.horizontalHeader().fontMetrics()
        for column in _FITTED_COLUMNS:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, header_metrics.horizontalAdvance(title) + 24)
        self._fit_columns(range(self.model.rowCount()))

    def _fit_columns(self, rows: range) -> None:
        """Widen number columns to fit ``rows``; they never shrink while the cart is open."""
        if not rows:
            return
        metrics = self.table.fontMetrics()
        for column in _FITTED_COLUMNS:
            need = max(metrics.horizontalAdvance(self.model.cells(r)[column]) for r in rows) + 20
            if need > self.table.columnWidth(column):
                self.table.setColumnWidth(column, need)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
