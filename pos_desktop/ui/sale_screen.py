"""The sale screen: scan, adjust, pay, by keyboard alone or by touch.

The screen shows the open sale and forwards the cashier's input to the sale desk
(``services.sale.SaleDesk``), which holds the sale and decides; the screen shows what the desk
did, asks for an approval when the desk says one is needed, and runs storage calls on the
database thread (``ui.ops``). Its parts: ``sale_layout`` (the widgets and how they show the
sale), ``sale_keys`` (keys and buttons), ``sale_edits`` (quantity, discounts, price, removal,
voiding), ``sale_parking`` (park and recall) and ``weighing`` (the scale and typed weights).

Enter queues the lookup on the database thread and clears the field at once, so the next scan
can start before the first result is back; results come back in scan order and are added to the
open sale here, on the UI thread.

Sensitive actions follow the till's permission table (``set_operations`` gives the screen its
storage): removing a line later than the grace period, a discount above the limit, a price
change, a reprint, a drawer opened without a sale and a typed weight need the permission or a
supervisor's approval on the same screen (``ui.approval``), and each is journaled with who did it
and who approved it. Without operations wired (tests of other things, an old composition root)
the default table applies and anything needing an approval is refused.

Any refusal (unknown code, bad check digit, zero quantity, storage failure) shows in the message
strip with a beep and a red flash of the field; the desk refuses before changing anything, so
the cart stays as it was.

A product sold by weight without a weight is weighed on the scale (``ui.weighing``); scans
that come back meanwhile wait and are added after it, in scan order.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QMenu, QWidget

from pos_desktop.domain.cart import Product
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
from pos_desktop.services.approvals import TillOperations
from pos_desktop.services.checkout import CommittedSale, Lookup, SaleSession
from pos_desktop.services.ports import StaffMember, StoreProfile
from pos_desktop.services.sale import CartChange, JournalDraft, Queued, SaleDesk, picked
from pos_desktop.ui.approval import request_permission
from pos_desktop.ui.context import TillContext
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.held_dialog import HeldDialog
from pos_desktop.ui.ops import (
    journal_action,
    look_up,
    permission_rules,
    store_profile,
)
from pos_desktop.ui.payment_dialog import PaymentDialog
from pos_desktop.ui.permissions_dialog import PermissionsDialog
from pos_desktop.ui.receipt_preview import ReceiptPreviewDialog
from pos_desktop.ui.sale_checkout import Checkout
from pos_desktop.ui.sale_edits import CartEdits
from pos_desktop.ui.sale_keys import SaleKeys
from pos_desktop.ui.sale_layout import SaleLayout
from pos_desktop.ui.sale_parking import ParkedSales
from pos_desktop.ui.search_dialog import SearchDialog
from pos_desktop.ui.weighing import SaleWeighing, Weigher
from pos_desktop.ui.worker import DbWorker

log = logging.getLogger(__name__)


class SaleScreen(SaleLayout):
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

    def __init__(
        self,
        context: TillContext,
        worker: DbWorker,
        parent: QWidget | None = None,
    ) -> None:
        session = SaleSession(context.profile)
        super().__init__(session, parent)
        self._context = context
        self._worker = worker
        self.desk = SaleDesk(session, lambda: self._context.clock())
        """The open sale and its rules; this screen shows it and forwards the cashier's input."""
        self.last_sale: SaleRecord | None = None
        self.last_committed: CommittedSale | None = None
        self.last_profile: StoreProfile | None = None
        """The profile the last sale was rung under, for its receipt preview."""
        self.operations: TillOperations | None = None
        """Approvals, journal and parked sales (``set_operations``); ``None``: refuse instead."""
        self.payment_guard: Callable[[], bool] | None = None
        """Asked before payment opens; ``False`` keeps it closed (no open cash shift)."""
        self.scan_guard: Callable[[], bool] | None = None
        """Asked before a scan is looked up and before a product goes into the cart; ``False``
        refuses it (no open cash shift: the guard says so and offers to open one)."""
        self.weighings = SaleWeighing(self)
        self.edits = CartEdits(self)
        self.parked = ParkedSales(self)
        self.checkout = Checkout(self)
        self.keys = SaleKeys(self)
        self.retranslate()
        self.refresh_totals()

    # --- the sale and its rules ---------------------------------------------------------------
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
        return self.weighings.scale

    @scale.setter
    def scale(self, weigher: Weigher | None) -> None:
        self.weighings.scale = weigher
        self.desk.has_scale = weigher is not None

    @property
    def context(self) -> TillContext:
        """The till's services and settings (``set_context``)."""
        return self._context

    @property
    def worker(self) -> DbWorker:
        """The database thread every storage call of this screen runs on."""
        return self._worker

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
        self.size_columns()
        self.refresh_totals()
        self.show_total()
        self.message.clear_message()
        if session.cart.lines:
            self.select_row(len(session.cart.lines) - 1)
        if self.last_sale is None:
            self.checkout.load_last_sale()
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
                self.refresh_totals()
            self.profileInForce.emit(profile)

        store_profile(profiles).success(arrived).failure(
            lambda error: log.warning("store profile not read: %s", error)
        ).run(self._worker)

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
        self.hide_change()
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
            self.pay_if_asked()

    def _on_lookup_failed(self, text: str, error: UserError) -> None:
        self.desk.lookup_returned()
        self.show_error(error)
        if not self.barcode.text():
            self.barcode.setText(text)
            self.barcode.selectAll()
        self.pay_if_asked()

    def pay_if_asked(self) -> None:
        """Payment was asked while scans were on their way; open it once they are all in."""
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
            self.show_added(outcome)
        elif not isinstance(outcome, Queued):
            self.weighings.take(outcome)
        return True

    def show_added(self, change: CartChange) -> None:
        """A line a scan, a search or a weighing put in the cart (or added to)."""
        self.cart_changed(change.totals)
        self.message.clear_message()
        if change.line is not None:
            self.select_line(change.line.line_id)
            self.lineAdded.emit(change.line.line_id)
        self.journal(change.journal)

    def add_product(self, product: Product) -> bool:
        """A product picked in the search: one unit, like a plain scan (a weighed product is
        weighed)."""
        return self.add_lookup(picked(product))

    # --- cart edits, parked sales (``sale_edits``, ``sale_parking``) -------------------------
    def set_quantity(self, text: str) -> None:
        """Set the selected line's quantity from what was typed; raises ``UserError``."""
        self.edits.set_quantity(text)

    def change_quantity(self, text: str | None = None) -> None:
        """F4 / Qty key: the number typed in the barcode field, or a quantity dialog."""
        self.edits.change_quantity(text)

    def remove_selected_line(self) -> None:
        """Del: remove the selected line; past the grace period it needs an approval."""
        self.edits.remove_selected_line()

    def line_discount(self, text: str | None = None) -> None:
        """F5: discount on the selected line, ``10%`` or an amount; empty removes it."""
        self.edits.line_discount(text)

    def apply_line_discount(self, text: str) -> None:
        self.edits.apply_line_discount(text)

    def order_discount(self, text: str | None = None) -> None:
        """F6: discount on the whole order, ``10%`` or an amount; empty removes it."""
        self.edits.order_discount(text)

    def apply_order_discount(self, text: str) -> None:
        self.edits.apply_order_discount(text)

    def override_price(self, text: str | None = None) -> None:
        """F7: a new unit price for the selected line; needs ``PRICE_OVERRIDE`` or approval."""
        self.edits.override_price(text)

    def apply_price_override(self, text: str) -> None:
        self.edits.apply_price_override(text)

    def cancel_sale(self) -> None:
        """Void the open cart (nothing was saved yet). A second press confirms."""
        self.edits.cancel_sale()

    def hold_sale(self) -> None:
        """F8: park the cart (it survives a restart) and start an empty one."""
        self.parked.hold_sale()

    def recall_sale(self) -> HeldDialog | None:
        """F3: choose a parked sale and continue it (only with an empty cart)."""
        return self.parked.recall_sale()

    def recall(self, hold_id: str) -> None:
        self.parked.recall(hold_id)

    # --- permissions and the journal ----------------------------------------------------------
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
        nested = self.blocked()  # e.g. a reprint asked from the receipt preview
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
                open_dialog=None if nested else self.show_dialog,
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

    def journal(self, drafts: Sequence[JournalDraft]) -> None:
        """Journal what an action of the desk asked for."""
        for draft in drafts:
            self.record(draft.kind, draft.approval, draft.data)

    # --- menu, dialogs, receipts --------------------------------------------------------------
    def open_menu(self) -> QMenu | None:
        if self.blocked() or self.cashier is None:
            return None
        self.menu.popup(self.menu_button.mapToGlobal(QPoint(0, 0)))
        return self.menu

    def open_permissions(self) -> None:
        """Store IT's permission grid (needs ``CHANGE_SETTINGS`` or a manager's approval)."""
        if self.blocked() or self.cashier is None:
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
            self.show_dialog(dialog)

        self.request_permission(Permission.CHANGE_SETTINGS, granted)

    def open_search(self) -> SearchDialog | None:
        if self.blocked():
            return None
        if not self.session.started:
            self.refresh_profile()  # a product picked here may start the sale
        dialog = SearchDialog(self._context.till, self._worker, self)
        dialog.productChosen.connect(self.add_product)
        typed = self.barcode.text().strip()
        if typed:
            self.barcode.clear()
            dialog.set_query(typed)
        self.show_dialog(dialog)
        return dialog

    def open_payment(self) -> PaymentDialog | None:
        """F12. Waits for scans still being looked up, so the total paid is the final one."""
        return self.checkout.open_payment()

    def show_last_receipt(self) -> ReceiptPreviewDialog | None:
        """F11: the last sale's receipt on screen, with a button to print it again."""
        return self.checkout.show_last_receipt()

    def reprint_last(self, bar: MessageBar | None = None) -> None:
        """F10: print the last receipt again, marked as a copy by the receipt sink."""
        self.checkout.reprint_last(bar)

    def request_logout(self) -> None:
        if not self.session.cart.is_empty:
            self.show_error(UserError("ui.cart_open"))
            return
        self.logoutRequested.emit()
