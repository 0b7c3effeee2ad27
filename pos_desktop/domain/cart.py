"""The cart being rung up: lines, quantities, discounts.

A line keeps a snapshot of the product as it was scanned (name, price, tax category), so a price
change pulled from the cloud mid-sale never alters a line already in the cart. Every mutation
validates first and changes nothing when it refuses, so a bad input never leaves the cart half
edited.

A line remembers when it was first scanned (``added_at``, when the caller says): removing a line
long after it was scanned is a classic way to pocket cash, so the till asks for approval then.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.money import multiply, round_half_up
from pos_desktop.domain.tax import TaxCategory

QTY_QUANTUM = Decimal("0.001")
"""Quantities are kept to grams / millilitres: three decimals."""

MAX_QUANTITY = Decimal(9999)
"""Above this a quantity is a typo (a barcode typed into the quantity field), not a sale."""

MAX_UNIT_PRICE = 1_000_000_000
"""Rp1 miliar per unit: a higher price is a data error."""


class DiscountKind(enum.StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"


@dataclass(frozen=True, slots=True)
class Discount:
    """A percentage in basis points (1000 = 10%) or a fixed amount in minor units."""

    kind: DiscountKind
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise UserError("discount.negative")
        if self.kind is DiscountKind.PERCENT and self.value > 10_000:
            raise UserError("discount.percent_over_100")

    def amount_on(self, gross: int) -> int:
        """The discount on ``gross``, never more than ``gross`` so a line never goes negative."""
        if self.kind is DiscountKind.PERCENT:
            amount = multiply(gross, Fraction(self.value, 10_000))
        else:
            amount = self.value
        return max(0, min(amount, gross))

    @staticmethod
    def percent(pct: int | Decimal | str) -> Discount:
        """``pct`` percent, rounded half up to a whole basis point; typed text is accepted."""
        try:
            value = Decimal(pct)
        except (InvalidOperation, ValueError):
            raise UserError("discount.invalid") from None
        if not value.is_finite():
            raise UserError("discount.invalid")
        if value < 0:
            raise UserError("discount.negative")
        if value > 100:
            raise UserError("discount.percent_over_100")
        return Discount(DiscountKind.PERCENT, round_half_up(value * 100))

    @staticmethod
    def amount(value: int) -> Discount:
        return Discount(DiscountKind.AMOUNT, value)


@dataclass(frozen=True, slots=True)
class Product:
    """What the cart needs to know about a product, copied at scan time."""

    product_id: str
    sku: str
    name: str
    unit_price: int
    tax_category: TaxCategory
    barcode: str = ""
    sold_by_weight: bool = False
    unit: str = "pcs"


@dataclass(frozen=True, slots=True)
class CartLine:
    line_id: int
    product: Product
    quantity: Decimal
    discount: Discount | None = None
    unit_price: int = -1
    """The price used for this line; defaults to the product's price at scan time."""
    added_at: datetime | None = None
    """When the line was first scanned; ``None`` when the caller did not say (old callers)."""
    _gross: int = field(default=0, init=False, repr=False, compare=False)
    """Price x quantity, worked out once: totals read it several times per line, and the
    cloud recomputes every line of every sale it receives."""

    def __post_init__(self) -> None:
        if self.unit_price < 0:
            object.__setattr__(self, "unit_price", self.product.unit_price)
        object.__setattr__(self, "_gross", multiply(self.unit_price, self.quantity))

    @property
    def gross(self) -> int:
        return self._gross

    @property
    def price_overridden(self) -> bool:
        """The price differs from the product's shelf price as scanned (override or label)."""
        return self.unit_price != self.product.unit_price

    @property
    def discount_amount(self) -> int:
        return self.discount.amount_on(self.gross) if self.discount else 0

    @property
    def net_before_order_discount(self) -> int:
        return self.gross - self.discount_amount


def parse_quantity(text: str) -> Decimal:
    """What a cashier typed as a quantity or weight (``3``, ``1,5`` or ``1.5``): either decimal
    mark, since the keypad and the habits of the shop differ. Raises ``ValueError`` for anything
    else; ``validate_quantity`` then says whether the number may be sold."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned or cleaned.count(".") > 1:
        raise ValueError(f"not a quantity: {text!r}")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"not a quantity: {text!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not a quantity: {text!r}")
    return value


def validate_quantity(quantity: Decimal, *, sold_by_weight: bool) -> Decimal:
    """Refuse zero, negative, absurd, and fractional counts of countable items."""
    if not quantity.is_finite():
        raise UserError("quantity.invalid")
    if quantity <= 0:
        raise UserError("quantity.not_positive")
    if quantity > MAX_QUANTITY:
        raise UserError("quantity.too_large", maximum=int(MAX_QUANTITY))
    if sold_by_weight:
        rounded = quantity.quantize(QTY_QUANTUM)
        if rounded <= 0:
            raise UserError("quantity.not_positive")
        return rounded
    if quantity != quantity.to_integral_value():
        raise UserError("quantity.not_whole")
    return quantity.quantize(Decimal(1))


@dataclass(slots=True)
class Cart:
    """An open sale. Line ids are stable for the cart's life and never reused."""

    lines: list[CartLine] = field(default_factory=list)
    order_discount: Discount | None = None
    _next_id: int = 1

    def add(
        self,
        product: Product,
        quantity: Decimal = Decimal(1),
        *,
        unit_price: int | None = None,
        merge: bool = True,
        now: datetime | None = None,
    ) -> CartLine:
        """Add ``quantity`` of ``product``; a repeat scan of a countable item adds to its line.

        ``unit_price`` is set for price-embedded in-store barcodes. ``now`` becomes a new line's
        ``added_at``; a merged scan keeps the line's first time, so the void grace period runs
        from when the line appeared.
        """
        quantity = validate_quantity(quantity, sold_by_weight=product.sold_by_weight)
        price = product.unit_price if unit_price is None else unit_price
        if not 0 <= price <= MAX_UNIT_PRICE:
            raise UserError("price.out_of_range")
        if merge and not product.sold_by_weight and self.lines:
            last = self.lines[-1]
            if (
                last.product.product_id == product.product_id
                and last.unit_price == price
                and last.discount is None
            ):
                return self.set_quantity(last.line_id, last.quantity + quantity)
        line = CartLine(self._next_id, product, quantity, None, price, now)
        self._next_id += 1
        self.lines.append(line)
        return line

    def _index(self, line_id: int) -> int:
        for i, line in enumerate(self.lines):
            if line.line_id == line_id:
                return i
        raise UserError("cart.no_such_line", line_id=line_id)

    def line(self, line_id: int) -> CartLine:
        return self.lines[self._index(line_id)]

    def set_quantity(self, line_id: int, quantity: Decimal) -> CartLine:
        i = self._index(line_id)
        line = self.lines[i]
        quantity = validate_quantity(quantity, sold_by_weight=line.product.sold_by_weight)
        self.lines[i] = replace(line, quantity=quantity)
        return self.lines[i]

    def remove(self, line_id: int) -> CartLine:
        return self.lines.pop(self._index(line_id))

    def set_unit_price(self, line_id: int, unit_price: int) -> CartLine:
        """A price override on one line; the product snapshot keeps the shelf price."""
        i = self._index(line_id)
        if not 0 <= unit_price <= MAX_UNIT_PRICE:
            raise UserError("price.out_of_range")
        self.lines[i] = replace(self.lines[i], unit_price=unit_price)
        return self.lines[i]

    def set_line_discount(self, line_id: int, discount: Discount | None) -> CartLine:
        i = self._index(line_id)
        self.lines[i] = replace(self.lines[i], discount=discount)
        return self.lines[i]

    def set_order_discount(self, discount: Discount | None) -> None:
        self.order_discount = discount

    def clear(self) -> None:
        self.lines.clear()
        self.order_discount = None

    @property
    def is_empty(self) -> bool:
        return not self.lines
