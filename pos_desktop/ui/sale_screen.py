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
from typing import Any, TypeVar

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

from pos_desktop.domain.cart import Cart, Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.permissions import (
    Approval,
    Permission,
    PermissionTable,
    ReasonCode,
    TillPolicy,
)
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.totals import Totals
from pos_desktop.services.approvals import TillOperations
from pos_desktop.services.checkout import CommittedSale, HeldCart, Lookup, SaleSession
from pos_desktop.services.ports import StaffMember, StoreProfile
from pos_desktop.services.sale import (
    CartChange,
    JournalDraft,
    NeedsApproval,
    PaymentDue,
    Refused,
    SaleAction,
    SaleDesk,
    SaleEnded,
    TypeWeight,
    WeighOnScale,
    WeightOutcome,
    picked,
)
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
from pos_desktop.ui.weighing import Weigher, outcome
from pos_desktop.ui.worker import DbWorker

log = logging.getLogger(__name__)

_FITTED_COLUMNS = (COL_NO, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_TOTAL)

KEY_QTY = "qty"
KEY_DELETE = "del"
TOTAL_PAGE, CHANGE_PAGE = 0, 1

T = TypeVar("T")
Attempt = Callable[[Approval | None], T | NeedsApproval]
"""A desk action, called again with the approval when it needed one."""


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
        self.desk = SaleDesk(SaleSession(context.profile), lambda: self._context.clock())
        """The open sale and its rules; this screen shows it and forwards the cashier's input."""
        self.last_sale: SaleRecord | None = None
        self.last_committed: CommittedSale | None = None
        self.last_profile: StoreProfile | None = None
        """The profile the last sale was rung under, for its receipt preview."""
        self.dialog: QDialog | None = None
        """The dialog open over this screen (search, payment, quantity ...), if any."""
        self._scale: Weigher | None = None
        self.operations: TillOperations | None = None
        """Approvals, journal and parked sales (``set_operations``); ``None``: refuse instead."""
        self._menu_texts: dict[str, tuple[QAction, Callable[[], str]]] = {}
        self._weighed.connect(self._on_weighed, Qt.ConnectionType.QueuedConnection)
        self.payment_guard: Callable[[], bool] | None = None
        """Asked before payment opens; ``False`` keeps it closed (no open cash shift)."""
        self.scan_guard: Callable[[], bool] | None = None
        """Asked before a scan is looked up and before a product goes into the cart; ``False``
        refuses it (no open cash shift: the guard says so and offers to open one)."""

        self.model = CartTableModel(self.desk.session, self)
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
        return self.desk.session

    @property
    def cashier(self) -> StaffMember | None:
        return self.desk.cashier

    @property
    def permissions(self) -> PermissionTable:
        """The permission table as last loaded from storage (``refresh_rules``)."""
        return self.desk.permissions

    @property
    def policy(self) -> TillPolicy:
        """The till's limits as last loaded from storage (``refresh_rules``)."""
        return self.desk.policy

    @property
    def weighing(self) -> Lookup | None:
        """The weighed product waiting for its weight (scale or typed); later scans wait too."""
        return self.desk.weighing

    @property
    def _held(self) -> deque[Lookup]:
        """The scans waiting behind the weighing, in scan order."""
        return self.desk.scale.waiting

    @property
    def scale(self) -> Weigher | None:
        """The scale, when one is configured (``DevicePanel`` sets it)."""
        return self._scale

    @scale.setter
    def scale(self, weigher: Weigher | None) -> None:
        self._scale = weigher
        self.desk.has_scale = weigher is not None

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
        self.desk.approvals = operations is not None
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
        self.desk.set_rules(*rules)

    def set_cashier(self, cashier: StaffMember, session: SaleSession) -> None:
        """Show ``session`` (a new or a held cart) for ``cashier``."""
        self.refresh_rules()
        self.desk.begin(cashier, session)
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
        session = self.session

        def arrived(profile: StoreProfile) -> None:
            if session.offer_profile(profile) and session is self.session:
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
        if self.desk.lookup_sent():
            self.refresh_profile()  # the first line starts a sale: under the profile in force
        look_up(self._context.till, text).success(self._on_lookup).failure(
            lambda error: self._on_lookup_failed(text, error)
        ).run(self._worker)
        self.focus_barcode()

    def _on_lookup(self, lookup: Lookup) -> None:
        self.desk.lookup_returned()
        try:
            self.add_lookup(lookup)
        finally:
            self._after_lookups()

    def _on_lookup_failed(self, text: str, error: UserError) -> None:
        self.desk.lookup_returned()
        self.show_error(error)
        if not self.barcode.text():
            self.barcode.setText(text)
            self.barcode.selectAll()
        self._after_lookups()

    def _after_lookups(self) -> None:
        if self.desk.ready_to_pay():
            self.open_payment()

    def add_lookup(self, lookup: Lookup) -> bool:
        """Add a resolved scan to the cart on the UI thread; False (and a message) if refused.

        A product that needs weighing, and any scan behind it, is added when its weight is
        known: True then means "on its way", and a refusal shows when it comes."""
        if self.scan_guard is not None and not self.scan_guard():
            return False
        try:
            outcome = self.desk.add(lookup)
        except UserError as error:
            self.show_error(error)
            return False
        if isinstance(outcome, CartChange):
            self._show_added(outcome)
        elif isinstance(outcome, WeighOnScale):
            self._weigh_on_scale(outcome)
        elif isinstance(outcome, TypeWeight | NeedsApproval):
            self._weight_outcome(outcome)
        return True

    def _show_added(self, change: CartChange) -> None:
        """A line a scan, a search or a weighing put in the cart (or added to)."""
        self._cart_changed(change.totals)
        self.message.clear_message()
        if change.line is not None:
            self._select_line(change.line.line_id)
            self.lineAdded.emit(change.line.line_id)
        self._journal(change.journal)

    def add_product(self, product: Product) -> bool:
        """A product picked in the search: one unit, like a plain scan (a weighed product is
        weighed)."""
        return self.add_lookup(picked(product))

    # --- weighed products ---------------------------------------------------------------------
    def _weigh_on_scale(self, ask: WeighOnScale) -> None:
        scale, number = self._scale, ask.number
        if scale is None:
            self._on_weighed(number, UserError("scale.unavailable"))
            return
        self.message.show_info(self.tr("Weighing..."))
        future = scale.weigh()
        future.add_done_callback(lambda done: self._weighed.emit(number, outcome(done)))

    def _on_weighed(self, number: int, result: Decimal | UserError) -> None:
        weighed = self.desk.weighed(number, result)
        if weighed is None:
            return
        self._weight_outcome(weighed)
        self._weighing_done()

    def _weight_outcome(self, outcome: WeightOutcome) -> None:
        if isinstance(outcome, CartChange):
            self._show_added(outcome)
        elif isinstance(outcome, Refused):
            self.show_error(outcome.error)
        elif isinstance(outcome, TypeWeight):
            # After the caller is done: a search dialog that picked the product closes first.
            QTimer.singleShot(0, self, lambda: self._type_weight(outcome))
        else:
            self._ask_weight_approval(outcome)

    def _ask_weight_approval(self, need: NeedsApproval) -> None:
        """A supervisor approves typing the weight; later scans wait behind it meanwhile."""
        lookup = self.desk.weighing
        if lookup is None:
            return

        def granted(approval: Approval | None) -> None:
            outcome = self.desk.approve_weight(lookup, approval)
            if outcome is not None:
                self._weight_outcome(outcome)
                self._weighing_done()

        def refused() -> None:
            if self.desk.abandon_weight(lookup):
                self._weighing_done()

        # After the caller is done: a search dialog that picked the product closes first.
        QTimer.singleShot(
            0,
            self,
            lambda: self.request_permission(
                need.permission, granted, detail=need.detail, on_refused=refused
            ),
        )

    def _type_weight(self, typing: TypeWeight) -> None:
        """No weight from the scale: someone allowed (or approved) types it in a dialog; the
        product (and the scans behind it) wait until the dialog closes."""
        lookup, scale_error = typing.lookup, typing.scale_error
        if self.desk.weighing is not lookup:
            return
        if self._blocked() or self.cashier is None:
            self.desk.abandon_weight(lookup)
            self.show_error(scale_error or UserError("scale.unavailable"))
            self._weighing_done()
            return
        name = lookup.product.name
        if scale_error is None:
            prompt = self.tr("Type the weight of %1 in kg.").replace("%1", name)
        else:
            prompt = self.tr("The scale could not weigh %1. Type its weight in kg.").replace(
                "%1", name
            )

        def apply(text: str) -> None:
            self._show_added(self.desk.enter_weight(typing, text))

        dialog = ValueDialog(self.tr("Weight"), prompt, apply, extra_keys=(",",), parent=self)
        dialog.setObjectName("weightDialog")
        dialog.finished.connect(lambda _result: self._manual_weight_closed(lookup))
        self._open_dialog(dialog)

    def _manual_weight_closed(self, lookup: Lookup) -> None:
        if self.desk.abandon_weight(lookup):
            self._weighing_done()

    def _weighing_done(self) -> None:
        """Add the scans that waited behind the weighing, in order, then pay if asked to."""
        while (waiting := self.desk.next_waiting()) is not None:
            self.add_lookup(waiting)
        self._after_lookups()

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

    def _edit(self, attempt: Attempt[CartChange]) -> None:
        """A cart edit typed in a dialog; its refusal raises (the dialog shows it). One that
        needs an approval asks once the dialog closed, and runs again with it."""
        outcome = attempt(None)
        if isinstance(outcome, NeedsApproval):
            QTimer.singleShot(
                0,
                self,
                lambda: self.request_permission(
                    outcome.permission,
                    lambda approval: self._approved(attempt, approval, self._show_edit, True),
                    detail=self._detail(outcome),
                ),
            )
            return
        self._show_edit(outcome)

    def _now_or_approved(self, attempt: Attempt[T], show: Callable[[T], None]) -> None:
        """An action from a key: refusals show; one that needs an approval asks for it now and
        runs again with it."""
        try:
            outcome = attempt(None)
        except UserError as error:
            self.show_error(error)
            return
        if isinstance(outcome, NeedsApproval):
            self.request_permission(
                outcome.permission,
                lambda approval: self._approved(attempt, approval, show, False),
                detail=self._detail(outcome),
            )
            return
        show(outcome)

    def _approved(
        self, attempt: Attempt[T], approval: Approval | None, show: Callable[[T], None], done: bool
    ) -> None:
        """The action again, with the approval: the cart may have moved on, so refusals show.
        ``done``: clear the message strip and focus the barcode afterwards."""
        try:
            outcome = attempt(approval)
            if isinstance(outcome, NeedsApproval):
                raise UserError("permission.required", permission=outcome.permission.value)
        except UserError as error:
            self.show_error(error)
            return
        show(outcome)
        if done:
            self.message.clear_message()
            self.focus_barcode()

    def _detail(self, need: NeedsApproval) -> str:
        """What the approval dialog says the action is about."""
        if need.detail:
            return need.detail
        if need.action is SaleAction.ORDER_DISCOUNT:
            return self.tr("Order discount")
        if need.action is SaleAction.CANCEL:
            return self.tr("Cancel sale")
        return ""

    def _show_edit(self, change: CartChange) -> None:
        """A changed quantity, discount or price: journal it, show it, keep its line selected."""
        self._journal(change.journal)
        self._cart_changed(change.totals)
        if change.line is not None:
            self._select_line(change.line.line_id)

    def set_quantity(self, text: str) -> None:
        """Set the selected line's quantity from what was typed; raises ``UserError``."""
        line_id = self.selected_line_id()
        self._edit(lambda approval: self.desk.set_quantity(line_id, text, approval))

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
        line = self.session.cart.line(self.selected_line_id() or 0)
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
        self._now_or_approved(
            lambda approval: self.desk.remove_line(line_id, approval), self._show_removed
        )

    def _show_removed(self, change: CartChange) -> None:
        row = self.model.row_of(change.line.line_id) if change.line is not None else -1
        self._journal(change.journal)
        self._cart_changed(change.totals)
        self.message.clear_message()
        count = len(self.session.cart.lines)
        if count:
            self._select_row(min(row, count - 1))
        self.focus_barcode()

    def apply_line_discount(self, text: str) -> None:
        """A discount above the limit needs ``DISCOUNT_OVER_LIMIT``: without it the approval
        dialog opens once the typing dialog closed, and the discount applies after it."""
        line_id = self.selected_line_id()
        self._edit(lambda approval: self.desk.line_discount(line_id, text, approval))

    def apply_order_discount(self, text: str) -> None:
        self._edit(lambda approval: self.desk.order_discount(text, approval))

    # --- price override -----------------------------------------------------------------------
    def override_price(self, text: str | None = None) -> None:
        """F7: a new unit price for the selected line; needs ``PRICE_OVERRIDE`` or approval."""
        if self._blocked() or self._require_line() is None:
            return
        if text is not None:
            self._apply_now(self.apply_price_override, text)
            return
        line = self.session.cart.line(self.selected_line_id() or 0)
        self._open_value_dialog(
            self.tr("Change price"),
            self.tr("New unit price for %1 (now %2)")
            .replace("%1", line.product.name)
            .replace("%2", money(line.unit_price)),
            self.apply_price_override,
        )

    def apply_price_override(self, text: str) -> None:
        line_id = self.selected_line_id()
        self._edit(lambda approval: self.desk.override_price(line_id, text, approval))

    def line_discount(self, text: str | None = None) -> None:
        """F5: discount on the selected line, ``10%`` or an amount; empty removes it."""
        if self._blocked() or self._require_line() is None:
            return
        if text is not None:
            self._apply_now(self.apply_line_discount, text)
            return
        line = self.session.cart.line(self.selected_line_id() or 0)
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
        if self.session.cart.is_empty:
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
        if self._blocked() or self.session.cart.is_empty:
            return
        if self.cancel_sale_button.property("armed"):
            self._disarm_cancel()
            self._now_or_approved(self.desk.cancel_sale, self._show_cancelled)
            return
        self.cancel_sale_button.setProperty("armed", True)
        self.message.show_warning(self.tr("Press Cancel again to void this sale."))
        QTimer.singleShot(4000, self, self._disarm_cancel)

    def _disarm_cancel(self) -> None:
        self.cancel_sale_button.setProperty("armed", False)

    def _show_cancelled(self, ended: SaleEnded | None) -> None:
        if ended is None:
            return
        self.refresh_profile()
        self._journal((ended.journal,))
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
        try:
            parked = self.desk.park()
        except UserError as error:
            self.show_error(error)
            return
        # The screen moves on at once; the parked copy is written on the database thread.
        self.refresh_profile()
        self._show_cart()

        def failed(error: UserError) -> None:
            if self.desk.unpark(parked):
                self._show_cart()
            self.show_error(error)

        def done(held: HeldCart) -> None:
            self.message.show_info(self.tr("Sale parked. F3 recalls it."))
            self.saleEnded.emit()  # only once the parked copy is safe

        park_sale(
            ops.held, parked.cart, total=parked.total, label="", actor=parked.actor, now=parked.at
        ).success(done).failure(failed).run(self._worker)
        self.focus_barcode()

    def recall_sale(self) -> HeldDialog | None:
        """F3: choose a parked sale and continue it (only with an empty cart)."""
        if self._blocked() or self.cashier is None:
            return None
        ops = self.operations
        if ops is None:
            self.show_error(UserError("operations.unavailable"))
            return None
        try:
            self.desk.check_recall()
        except UserError as error:
            self.show_error(error)
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
        session = self.session

        def recalled(cart: Cart) -> None:
            if not self.desk.recalled(cart, session):
                # Scanned meanwhile: park it again rather than mix two customers' goods.
                park_sale(
                    ops.held, cart, total=0, label="recalled twice", actor=cashier, now=now
                ).failure(self.show_error).run(self._worker)
                self.show_error(UserError("held.cart_not_empty"))
                return
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
        return self.desk.may(permission)

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

    def record(self, kind: JournalKind, approval: Approval | None, data: dict[str, Any]) -> None:
        """Journal a sensitive action by the logged-in person (on the database thread)."""
        ops, cashier = self.operations, self.cashier
        if ops is None or cashier is None or not self._worker.accepting:
            return
        journal_action(ops.approvals, kind, cashier, approval, data, self._context.clock()).failure(
            self.show_error
        ).run(self._worker)

    def _journal(self, drafts: Sequence[JournalDraft]) -> None:
        for draft in drafts:
            self.record(draft.kind, draft.approval, draft.data)

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
        if not self.session.started:
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
        try:
            start = self.desk.start_payment(self.payment_guard)
        except UserError as error:
            self.show_error(error)
            return None
        if not isinstance(start, PaymentDue):
            return None  # after the scans still on their way, or kept closed by the guard
        try:
            dialog = PaymentDialog(self.session, self._context, self._worker, self.cashier, self)
        except UserError as error:
            self.show_error(error)
            return None
        dialog.completed.connect(self._on_sale_committed)
        dialog.rejected.connect(self._refresh_totals)
        self._open_dialog(dialog)
        self.paymentOpened.emit(start.total)
        return dialog

    def _on_sale_committed(self, committed: CommittedSale) -> None:
        sale = committed.sale
        self.last_sale = sale
        self.last_committed = committed
        self.last_profile = self.desk.sale_committed()
        self.refresh_profile()
        self.model.set_session(self.session)
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
        profile = self.last_profile or self.session.profile
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
        if not self.session.cart.is_empty:
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
        self.model.set_session(self.session)
        self._size_columns()
        self._refresh_totals()

    def _cart_changed(self, totals: Totals | None = None) -> None:
        self._fit_columns(self.model.sync())
        self._refresh_totals(totals)

    def _refresh_totals(self, totals: Totals | None = None) -> None:
        """Show ``totals`` (an action's, computed once), or the session's now."""
        totals = self.session.totals() if totals is None else totals
        self.sum_values["subtotal"].setText(money(totals.subtotal))
        self.sum_values["discount"].setText(money(-totals.discount_total))
        self.sum_values["tax"].setText(money(totals.tax_total))
        self.sum_values["rounding"].setText(money(totals.rounding))
        self.total_label.setText(money(totals.total))
        count = sum(1 for _ in self.session.cart.lines)
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
