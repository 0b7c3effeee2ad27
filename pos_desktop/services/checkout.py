"""The sale on screen and the till actions around it.

``SaleSession`` is the open sale: pure in-memory state (cart, payment) that lives on the UI
thread, so scanning never waits on anything but a product lookup. ``TillService`` holds the
actions that touch storage (lookup, search, commit, receipt); the UI runs them on its single
database worker thread, one session per action.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from pos_desktop.domain.barcode import InStoreRule
from pos_desktop.domain.cart import Cart, CartLine, Discount, DiscountKind, Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import Payment, Tender
from pos_desktop.domain.sale import SaleRecord, build_sale
from pos_desktop.domain.scan import ScanInput, parse_scan, scanned_line
from pos_desktop.domain.totals import Totals, compute_totals
from pos_desktop.services.ports import (
    CatalogReader,
    SaleJournal,
    StaffMember,
    StoreProfile,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Lookup:
    """A scan resolved to a product, ready to be added to the cart on the UI thread."""

    scan: ScanInput
    product: Product


class ReceiptSink(Protocol):
    def deliver(self, sale: SaleRecord, *, copy: bool = False) -> str:
        """Render and hand the receipt over (file, preview, printer); returns where it went."""


@dataclass(frozen=True, slots=True)
class CommittedSale:
    sale: SaleRecord
    receipt_error: UserError | None
    receipt_target: str


class SaleSession:
    """The open sale. Every method validates before changing state, so a refusal changes nothing.

    ``profile`` is the store profile this sale is rung under (tax mode, rounding step, the
    receipt's header): a snapshot the sale keeps from its first line to its end. A newer
    profile offered while the cart is open (``offer_profile``) waits for the next sale.
    """

    def __init__(self, profile: StoreProfile, cart: Cart | None = None) -> None:
        self.profile = profile
        self.cart = cart if cart is not None else Cart()
        self.payment: Payment | None = None
        self._next_profile: StoreProfile | None = None

    # --- the store profile --------------------------------------------------------------------
    @property
    def started(self) -> bool:
        """A sale is under way: something is in the cart or a payment was begun."""
        return not self.cart.is_empty or self.payment is not None

    def offer_profile(self, profile: StoreProfile) -> bool:
        """The profile in force now: taken at once when no sale is under way, otherwise kept
        for the next sale. Returns whether this sale now uses it."""
        if self.started:
            if profile != self.profile:
                self._next_profile = profile
            return False
        self._next_profile = None
        if profile != self.profile:
            log.info(
                "next sale under store profile version %d (was %d)",
                profile.version,
                self.profile.version,
            )
        self.profile = profile
        return True

    def replace_profile(self, profile: StoreProfile) -> None:
        """Pairing gave the till a new identity: even an open cart takes it at once, so no sale
        goes out under the old store or till code (and no profile offered before applies)."""
        self.profile = profile
        self._next_profile = None

    # --- cart ---------------------------------------------------------------------------------
    def add(self, lookup: Lookup, now: datetime | None = None) -> CartLine:
        """``now`` is kept as a new line's ``added_at`` (the void grace period starts there)."""
        self._require_not_paying()
        line = scanned_line(lookup.scan, lookup.product)
        return self.cart.add(
            lookup.product, line.quantity, unit_price=line.unit_price, merge=line.merge, now=now
        )

    def set_quantity(self, line_id: int, quantity: Decimal) -> CartLine:
        self._require_not_paying()
        return self.cart.set_quantity(line_id, quantity)

    def remove(self, line_id: int) -> CartLine:
        self._require_not_paying()
        return self.cart.remove(line_id)

    def set_unit_price(self, line_id: int, unit_price: int) -> CartLine:
        self._require_not_paying()
        return self.cart.set_unit_price(line_id, unit_price)

    def discount_base(self, line_id: int | None) -> int:
        """What a discount applies to: the line's gross, or (``None``) the order after line
        discounts; the limit check compares a discount with this."""
        if line_id is not None:
            return self.cart.line(line_id).gross
        return sum(line.net_before_order_discount for line in self.cart.lines)

    def check_editable(self) -> None:
        """Refuse edits once a tender is on the payment (before asking anyone to approve)."""
        self._require_not_paying()

    def check_line_discount(self, line_id: int, discount: Discount | None) -> None:
        """What ``set_line_discount`` would refuse, without changing anything."""
        self._require_not_paying()
        line = self.cart.line(line_id)
        too_big = discount is not None and discount.kind is DiscountKind.AMOUNT
        if too_big and discount is not None and discount.value > line.gross:
            raise UserError("discount.exceeds_line")

    def set_line_discount(self, line_id: int, discount: Discount | None) -> CartLine:
        self.check_line_discount(line_id, discount)
        return self.cart.set_line_discount(line_id, discount)

    def set_order_discount(self, discount: Discount | None) -> None:
        self._require_not_paying()
        self.cart.set_order_discount(discount)

    def totals(self) -> Totals:
        return compute_totals(
            self.cart.lines,
            self.cart.order_discount,
            self.profile.tax,
            self.profile.rounding_step,
        )

    # --- payment ------------------------------------------------------------------------------
    def begin_payment(self) -> Payment:
        if self.cart.is_empty:
            raise UserError("sale.empty")
        total = self.totals().total
        if total <= 0:
            raise UserError("sale.zero_total")
        if self.payment is None or self.payment.total_due != total:
            self.payment = Payment(total_due=total)
        return self.payment

    def add_tender(self, tender: Tender) -> Payment:
        payment = self.begin_payment()
        payment.add(tender)
        return payment

    def cancel_payment(self) -> None:
        self.payment = None

    def _require_not_paying(self) -> None:
        if self.payment is not None and self.payment.tenders:
            raise UserError("sale.payment_in_progress")

    # --- completion ---------------------------------------------------------------------------
    def prepare_commit(
        self, cashier: StaffMember, now: datetime, sale_id: str | None = None
    ) -> Callable[[str], SaleRecord]:
        """Freeze the paid sale into a factory the storage thread calls with the receipt number.

        The factory holds copies, so the UI may reset the session while the commit runs.
        """
        payment = self.begin_payment()
        payment.require_complete()
        cart = deepcopy(self.cart)
        frozen_payment = deepcopy(payment)
        totals = self.totals()
        profile = self.profile
        the_id = sale_id or str(uuid.uuid4())

        def make(receipt_no: str) -> SaleRecord:
            return build_sale(
                sale_id=the_id,
                receipt_no=receipt_no,
                store_code=profile.store_code,
                till_code=profile.till_code,
                sold_at=now,
                cashier_code=cashier.code,
                cashier_name=cashier.name,
                currency=profile.currency,
                prices_include_tax=profile.tax.prices_include_tax,
                cart=cart,
                totals=totals,
                payment=frozen_payment,
                profile_version=profile.version or None,
            )

        return make

    def reset(self) -> None:
        """End the sale (committed, cancelled or parked); a profile offered meanwhile applies."""
        self.cart = Cart()
        self.payment = None
        if self._next_profile is not None:
            self.profile, self._next_profile = self._next_profile, None


@dataclass(frozen=True, slots=True)
class HeldCart:
    """A parked sale as listed for recall (the cart itself stays in storage until recalled)."""

    hold_id: str
    held_at: datetime
    cashier_code: str
    label: str
    line_count: int
    total: int


class HeldCartStore(Protocol):
    """Parked carts that survive a restart (``localdb.held_carts``); database thread only."""

    def hold(
        self, cart: Cart, *, total: int, label: str, actor: StaffMember, now: datetime
    ) -> HeldCart: ...

    def held(self) -> Sequence[HeldCart]: ...

    def recall(self, hold_id: str, *, actor: StaffMember, now: datetime) -> Cart: ...


class TillService:
    """Storage-touching actions; call only from the database worker thread."""

    def __init__(
        self,
        catalog: CatalogReader,
        journal: SaleJournal,
        receipts: ReceiptSink,
        rules: Sequence[InStoreRule],
    ) -> None:
        self.catalog = catalog
        self.journal = journal
        self.receipts = receipts
        self.rules = tuple(rules)

    def lookup(self, text: str) -> Lookup:
        scan = parse_scan(text, self.rules)
        product = None
        if scan.in_store_item is not None:
            product = self.catalog.product_by_code(scan.in_store_item)
        if product is None:
            product = self.catalog.product_by_code(scan.code)
        if product is None:
            raise UserError("product.not_found", barcode=scan.code)
        return Lookup(scan=scan, product=product)

    def search(self, text: str, limit: int = 50) -> Sequence[Product]:
        text = text.strip()
        if not text:
            return []
        return self.catalog.search(text, limit)

    def commit(self, make: Callable[[str], SaleRecord]) -> CommittedSale:
        """Commit durably, then produce the receipt. A receipt failure never undoes the sale."""
        sale = self.journal.commit_sale(make)
        log.info("sale %s committed as %s total=%d", sale.sale_id, sale.receipt_no, sale.total)
        try:
            target = self.receipts.deliver(sale)
        except UserError as exc:
            log.warning("receipt for %s not produced: %s", sale.receipt_no, exc)
            return CommittedSale(sale, exc, "")
        except OSError as exc:
            log.exception("receipt for %s not produced", sale.receipt_no)
            return CommittedSale(sale, UserError("receipt.output_failed", reason=str(exc)), "")
        return CommittedSale(sale, None, target)

    def reprint(self, receipt_no: str) -> str:
        sale = self.journal.sale_by_receipt(receipt_no)
        if sale is None:
            raise UserError("sale.not_found", receipt_no=receipt_no)
        return self.receipts.deliver(sale, copy=True)
