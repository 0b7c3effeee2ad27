"""The sale desk: the open sale and every cashier action on it, without Qt or storage.

The desk holds who is selling (``cashier``), the permission table and limits they sell under,
the open ``SaleSession``, the scans still being looked up, and the product being weighed with
the scans waiting behind it. Each action validates, checks the permission, changes the session
and says what changed (``outcomes``); an action that needs a supervisor returns
``NeedsApproval`` and changes nothing, and the caller asks for the approval and calls the same
action again with it. Permissions are enforced with ``PermissionTable.require``, as the shift's
use cases do (``services.shifts``), so the sale and the shift follow one approval pattern.

The desk does no I/O: lookups, parked carts and the journal go through the screen's database
operations, and the scale is asked by the screen. It lives on the UI thread, like the session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from pos_desktop.domain.cart import Cart, Discount, Product, validate_quantity
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.money import format_money
from pos_desktop.domain.permissions import (
    Approval,
    Permission,
    PermissionTable,
    TillPolicy,
    discount_needs_approval,
    void_needs_approval,
)
from pos_desktop.domain.scan import ScanInput
from pos_desktop.services.checkout import Lookup, SaleSession
from pos_desktop.services.ports import StaffMember, StoreProfile
from pos_desktop.services.sale.outcomes import (
    AddOutcome,
    CartChange,
    JournalDraft,
    NeedsApproval,
    Parked,
    PaymentDue,
    PaymentWaits,
    Queued,
    Refused,
    SaleAction,
    SaleEnded,
    TypeWeight,
    WeighOnScale,
    WeightOutcome,
    discount_data,
    line_data,
)
from pos_desktop.services.sale.typed import typed_discount, typed_price, typed_quantity
from pos_desktop.services.sale.weighing import (
    SCALE_REFUSALS,
    ScaleQueue,
    log_manual_weight,
    manual_weight_refused,
    needs_weight,
    weighed,
)

log = logging.getLogger(__name__)


def picked(product: Product) -> Lookup:
    """A product picked in the search, as a plain scan of one unit (a weighed one is weighed)."""
    scan = ScanInput(product.barcode or product.sku, None, None, None, None)
    return Lookup(scan=scan, product=product)


class SaleDesk:
    """The open sale and the rules around it; UI thread only (it is not locked)."""

    def __init__(self, session: SaleSession, clock: Callable[[], datetime]) -> None:
        self.session = session
        self.clock = clock
        """Timezone-aware now: a line's scan time, the void grace period, a parked sale's time."""
        self.cashier: StaffMember | None = None
        self.permissions = PermissionTable.default()
        self.policy = TillPolicy()
        """The table and limits as last loaded from storage (``set_rules``)."""
        self.approvals = False
        """A supervisor can approve on this till; without, a missing permission is refused."""
        self.has_scale = False
        """A scale is configured: a weighed product goes on it instead of a typed weight."""
        self.scale = ScaleQueue()
        self.pending = 0
        """Scans sent to be looked up whose product has not come back yet."""
        self._pay_when_ready = False

    # --- who sells, under which rules --------------------------------------------------------
    def begin(self, cashier: StaffMember, session: SaleSession) -> None:
        """``cashier`` continues ``session`` (a new or a held cart); a weighing is forgotten."""
        self.cashier = cashier
        self.session = session
        self.scale.drop()

    def set_rules(self, permissions: PermissionTable, policy: TillPolicy) -> None:
        self.permissions = permissions
        self.policy = policy

    def may(self, permission: Permission) -> bool:
        """The cashier's own role allows ``permission`` (no approval needed)."""
        return self.cashier is not None and self.permissions.allows(self.cashier.role, permission)

    def _permit(
        self,
        permission: Permission,
        action: SaleAction,
        approval: Approval | None,
        detail: str = "",
    ) -> Approval | NeedsApproval | None:
        """The approval to journal (``None`` when the cashier's role allows the action), or
        ``NeedsApproval`` when a supervisor must say yes first. Raises when no one can: nobody
        logged in, no approvals on this till, or an approval that does not fit."""
        cashier = self.cashier
        if cashier is not None and self.permissions.allows(cashier.role, permission):
            return None
        if cashier is None or (approval is None and not self.approvals):
            raise self._refusal(permission)
        if approval is None:
            return NeedsApproval(permission, action, detail)
        self.permissions.require(cashier.role, permission, approval, actor_code=cashier.code)
        return approval

    def _refusal(self, permission: Permission) -> UserError:
        if permission is Permission.MANUAL_WEIGHT:
            return manual_weight_refused(self.cashier)
        return UserError("permission.required", permission=permission.value)

    # --- scans --------------------------------------------------------------------------------
    def lookup_sent(self) -> bool:
        """A scan went to be looked up; True when it may start the sale (so the profile in
        force is read before its product comes back)."""
        starts = not self.session.started and not self.pending
        self.pending += 1
        return starts

    def lookup_returned(self) -> None:
        self.pending -= 1

    @property
    def busy(self) -> bool:
        """Scans are still being looked up or weighed."""
        return bool(self.pending) or self.scale.current is not None

    @property
    def weighing(self) -> Lookup | None:
        """The product waiting for its weight; later scans wait behind it."""
        return self.scale.current

    def add(self, lookup: Lookup) -> AddOutcome:
        """A resolved scan (or a product picked in the search) into the cart, or onto the scale
        or the weight dialog first; behind a weighing it waits its turn."""
        if self.scale.current is not None:
            self.scale.waiting.append(lookup)
            return Queued(lookup)
        if not needs_weight(lookup):
            return self._add_line(lookup)
        typed = lookup.scan.quantity
        if typed is not None:  # 1,5*code: a weight typed by hand
            permit = self._permit_weight(lookup, None)
            if isinstance(permit, NeedsApproval):
                return permit
            return self._add_typed(lookup, typed, "typed with the code", permit)
        if not self.has_scale:
            permit = self._permit_weight(lookup, None)
            if isinstance(permit, NeedsApproval):
                return permit
            self.scale.start(lookup)
            return TypeWeight(lookup, None, permit)
        return WeighOnScale(self.scale.ask_scale(lookup), lookup)

    def next_waiting(self) -> Lookup | None:
        """The next scan that waited behind a weighing, once the weighing is over."""
        return self.scale.next_waiting()

    def _add_line(self, lookup: Lookup) -> CartChange:
        line = self.session.add(lookup, self.clock())
        return CartChange(line, self.session.totals(), added=True)

    # --- weighed products ---------------------------------------------------------------------
    def _permit_weight(
        self, lookup: Lookup, scale_error: UserError | None
    ) -> Approval | NeedsApproval | None:
        """May the cashier type ``lookup``'s weight? Waiting for an approval, the product holds
        the queue, so scans behind it keep their order."""
        permit = self._permit(
            Permission.MANUAL_WEIGHT, SaleAction.WEIGHT, None, lookup.product.name
        )
        if isinstance(permit, NeedsApproval):
            self.scale.start(lookup, scale_error)
        return permit

    def _add_typed(
        self, lookup: Lookup, kg: Decimal, why: str, approval: Approval | None
    ) -> CartChange:
        line = self.session.add(weighed(lookup, kg), self.clock())
        journal = self._typed_weight(lookup.product, kg, why, approval)
        return CartChange(line, self.session.totals(), journal, added=True)

    def _typed_weight(
        self, product: Product, kg: Decimal, why: str, approval: Approval | None
    ) -> tuple[JournalDraft, ...]:
        """Log a typed weight with who typed it; the journal entry to write for it."""
        member = self.cashier
        if member is None:
            return ()
        if approval is not None:
            why += f"; approved by {approval.approver_code} ({approval.reason})"
        log_manual_weight(member, product, kg, why)
        data = {"sku": product.sku, "name": product.name, "kg": str(kg), "why": why}
        return (JournalDraft(JournalKind.MANUAL_WEIGHT, approval, data),)

    def weighed(self, number: int, result: Decimal | UserError) -> WeightOutcome | None:
        """The scale's answer to weighing ``number``: the line, a refusal, or a weight to type
        (``None``: the desk moved on since it was asked, the answer is dropped)."""
        lookup = self.scale.current
        if number != self.scale.number or lookup is None:
            log.info("weighing %d dropped: the screen moved on", number)
            return None
        self.scale.finish(lookup)
        if isinstance(result, Decimal):
            try:
                change = self._add_line(weighed(lookup, result))
            except UserError as error:
                return Refused(error)
            log.info("weighed %s kg of %s on the scale", result, lookup.product.sku)
            return change
        if result.code in SCALE_REFUSALS:
            log.info("weighing %s refused: %s", lookup.product.sku, result.code)
            return Refused(result)
        log.warning("scale failed weighing %s: %s", lookup.product.sku, result)
        try:
            permit = self._permit_weight(lookup, result)
        except UserError as error:
            return Refused(error)
        if isinstance(permit, NeedsApproval):
            return permit
        self.scale.start(lookup, result)
        return TypeWeight(lookup, result, permit)

    def approve_weight(self, lookup: Lookup, approval: Approval | None) -> WeightOutcome | None:
        """The approval to type ``lookup``'s weight: a weight typed with the code goes in, else
        the weight is to be typed now (``None``: the desk moved on meanwhile)."""
        scale_error = self.scale.scale_error
        if not self.scale.finish(lookup):
            return None
        try:
            permit = self._permit(Permission.MANUAL_WEIGHT, SaleAction.WEIGHT, approval)
            if isinstance(permit, NeedsApproval):
                raise self._refusal(Permission.MANUAL_WEIGHT)
            typed = lookup.scan.quantity
            if typed is not None:
                return self._add_typed(lookup, typed, "typed with the code", permit)
        except UserError as error:
            return Refused(error)
        self.scale.start(lookup, scale_error)
        return TypeWeight(lookup, scale_error, permit)

    def abandon_weight(self, lookup: Lookup) -> bool:
        """No weight for ``lookup`` (approval refused, dialog closed); True when the scans
        behind it may go on now."""
        return self.scale.finish(lookup)

    def enter_weight(self, typing: TypeWeight, text: str) -> CartChange:
        """The weight typed in the dialog for ``typing.lookup``; refusals change nothing."""
        kg = typed_quantity(text)
        lookup = typing.lookup
        permit = self._permit(Permission.MANUAL_WEIGHT, SaleAction.WEIGHT, typing.approval)
        if isinstance(permit, NeedsApproval):
            raise self._refusal(Permission.MANUAL_WEIGHT)
        error = typing.scale_error
        why = "no scale" if error is None else f"scale failed: {error.code}"
        line = self.session.add(weighed(lookup, kg), self.clock())
        journal = self._typed_weight(lookup.product, kg, why, permit)
        return CartChange(line, self.session.totals(), journal, added=True)

    def drop_weighing(self) -> None:
        """Forget a weighing and the scans behind it (the cart is no longer on screen)."""
        self.scale.drop()

    # --- cart edits ---------------------------------------------------------------------------
    @staticmethod
    def _selected(line_id: int | None) -> int:
        if line_id is None:
            raise UserError("ui.no_line_selected")
        return line_id

    def set_quantity(
        self, line_id: int | None, text: str, approval: Approval | None = None
    ) -> CartChange | NeedsApproval:
        """A typed quantity for a line; on a weighed line it is a typed weight."""
        line_id = self._selected(line_id)
        quantity = typed_quantity(text)
        product = self.session.cart.line(line_id).product
        permit: Approval | None = None
        if product.sold_by_weight:
            checked = self._permit(
                Permission.MANUAL_WEIGHT, SaleAction.QUANTITY, approval, product.name
            )
            if isinstance(checked, NeedsApproval):
                validate_quantity(quantity, sold_by_weight=True)
                self.session.check_editable()
                return checked
            permit = checked
        line = self.session.set_quantity(line_id, quantity)
        journal: tuple[JournalDraft, ...] = ()
        if line.product.sold_by_weight:
            journal = self._typed_weight(line.product, line.quantity, "quantity changed", permit)
        return CartChange(line, self.session.totals(), journal)

    def remove_line(
        self, line_id: int | None, approval: Approval | None = None
    ) -> CartChange | NeedsApproval:
        """Remove a line (journaled); past the grace period it needs ``LINE_VOID_LATE``."""
        line_id = self._selected(line_id)
        line = self.session.cart.line(line_id)
        late = void_needs_approval(line.added_at, self.clock(), self.policy)
        permit: Approval | None = None
        if late:
            checked = self._permit(
                Permission.LINE_VOID_LATE, SaleAction.REMOVE, approval, line.product.name
            )
            if isinstance(checked, NeedsApproval):
                return checked
            permit = checked
        self.session.remove(line_id)
        draft = JournalDraft(JournalKind.LINE_VOID, permit, {**line_data(line), "late": late})
        return CartChange(line, self.session.totals(), (draft,), removed=True)

    def _over(self, discount: Discount | None, base: int) -> bool:
        return discount is not None and discount_needs_approval(
            discount.kind, discount.value, base, self.policy
        )

    def line_discount(
        self, line_id: int | None, text: str, approval: Approval | None = None
    ) -> CartChange | NeedsApproval:
        """``10%`` or an amount off a line (empty removes it); above the till's limit it needs
        ``DISCOUNT_OVER_LIMIT``."""
        line_id = self._selected(line_id)
        discount = typed_discount(text)
        self.session.check_line_discount(line_id, discount)
        base = self.session.discount_base(line_id)
        over = self._over(discount, base)
        permit: Approval | None = None
        if over:
            name = self.session.cart.line(line_id).product.name
            checked = self._permit(
                Permission.DISCOUNT_OVER_LIMIT, SaleAction.LINE_DISCOUNT, approval, name
            )
            if isinstance(checked, NeedsApproval):
                return checked
            permit = checked
        line = self.session.set_line_discount(line_id, discount)
        data = {"scope": "line", **line_data(line), "base": base, "over_limit": over}
        draft = JournalDraft(JournalKind.DISCOUNT, permit, data)
        return CartChange(line, self.session.totals(), (draft,))

    def order_discount(
        self, text: str, approval: Approval | None = None
    ) -> CartChange | NeedsApproval:
        """``10%`` or an amount off the whole order (empty removes it), limited as a line's."""
        discount = typed_discount(text)
        self.session.check_editable()
        base = self.session.discount_base(None)
        over = self._over(discount, base)
        permit: Approval | None = None
        if over:
            checked = self._permit(
                Permission.DISCOUNT_OVER_LIMIT, SaleAction.ORDER_DISCOUNT, approval
            )
            if isinstance(checked, NeedsApproval):
                return checked
            permit = checked
        self.session.set_order_discount(discount)
        totals = self.session.totals()
        data = {
            "scope": "order",
            "discount": discount_data(discount),
            "amount": totals.order_discount,
            "base": base,
            "over_limit": over,
        }
        return CartChange(None, totals, (JournalDraft(JournalKind.DISCOUNT, permit, data),))

    def override_price(
        self, line_id: int | None, text: str, approval: Approval | None = None
    ) -> CartChange | NeedsApproval:
        """A new unit price for a line: ``PRICE_OVERRIDE`` or an approval, always journaled."""
        line_id = self._selected(line_id)
        price = typed_price(text)
        self.session.check_editable()
        old = self.session.cart.line(line_id)
        detail = f"{old.product.name}: {format_money(old.unit_price)} → {format_money(price)}"
        permit = self._permit(Permission.PRICE_OVERRIDE, SaleAction.PRICE, approval, detail)
        if isinstance(permit, NeedsApproval):
            return permit
        line = self.session.set_unit_price(line_id, price)
        data = {
            **line_data(line),
            "old_price": old.unit_price,
            "shelf_price": line.product.unit_price,
        }
        draft = JournalDraft(JournalKind.PRICE_OVERRIDE, permit, data)
        return CartChange(line, self.session.totals(), (draft,))

    def cancel_sale(self, approval: Approval | None = None) -> SaleEnded | NeedsApproval | None:
        """Void the open cart (nothing was saved yet); with a line past the grace period it
        needs ``LINE_VOID_LATE``. ``None``: the cart is empty, nothing to void."""
        cart = self.session.cart
        if cart.is_empty:
            return None
        now = self.clock()
        late = any(void_needs_approval(line.added_at, now, self.policy) for line in cart.lines)
        permit: Approval | None = None
        if late:
            checked = self._permit(Permission.LINE_VOID_LATE, SaleAction.CANCEL, approval)
            if isinstance(checked, NeedsApproval):
                return checked
            permit = checked
        data = {
            "lines": [line_data(line) for line in cart.lines],
            "order_discount": discount_data(cart.order_discount),
            "total": self.session.totals().total,
            "late": late,
        }
        self.scale.drop()
        self.session.reset()
        return SaleEnded(JournalDraft(JournalKind.SALE_CANCEL, permit, data))

    # --- parked sales -------------------------------------------------------------------------
    def park(self) -> Parked:
        """Take the cart off the till to be parked; the session starts an empty one at once."""
        session = self.session
        if session.cart.is_empty:
            raise UserError("sale.empty")
        if self.busy:
            raise UserError("held.busy")
        actor = self.cashier
        if actor is None:
            raise UserError("operations.unavailable")
        parked = Parked(session, session.cart, session.totals().total, actor, self.clock())
        session.reset()
        return parked

    def unpark(self, parked: Parked) -> bool:
        """Parking failed: the cart goes back unless its session took a new one meanwhile.
        True when it went back into the session on screen."""
        session = parked.session
        if not session.cart.is_empty:
            return False
        session.cart = parked.cart
        return session is self.session

    def check_recall(self) -> None:
        """A parked sale comes back only into an empty cart."""
        if not self.session.cart.is_empty:
            raise UserError("held.cart_not_empty")

    def recalled(self, cart: Cart, into: SaleSession) -> bool:
        """Continue a recalled cart in ``into`` (the session it was asked for). False when that
        session has moved on (scanned meanwhile, or another cashier's): park it again rather
        than mix two customers' goods."""
        if not into.cart.is_empty or into is not self.session:
            return False
        into.cart = cart
        into.payment = None
        return True

    # --- payment ------------------------------------------------------------------------------
    def start_payment(
        self, guard: Callable[[], bool] | None = None
    ) -> PaymentDue | PaymentWaits | None:
        """Payment waits for scans still being looked up or weighed, so the total paid is the
        final one. ``guard`` may keep it closed (no open shift: ``None``)."""
        if self.busy:
            self._pay_when_ready = True
            return PaymentWaits()
        if guard is not None and not self.session.cart.is_empty and not guard():
            return None
        payment = self.session.begin_payment()
        return PaymentDue(payment, payment.total_due)

    def ready_to_pay(self) -> bool:
        """Payment was asked while scans were in flight, and all are in now (True once)."""
        if self._pay_when_ready and not self.busy:
            self._pay_when_ready = False
            return True
        return False

    def sale_committed(self) -> StoreProfile:
        """The paid sale is stored: the session starts the next one. Returns the profile the
        sale was rung under (its receipt's header)."""
        profile = self.session.profile
        self.session.reset()
        return profile
