"""What the cashier typed or scanned into the barcode field, read before any catalog lookup.

The field takes a scanned or typed code, optionally preceded by a multiplier: ``3*8991002101234``
rings up three, ``1,5*BERAS`` one and a half kilos. Both ``.`` and ``,`` are read as the decimal
mark in a multiplier: a cashier types ``1,5`` (Indonesian) or ``1.5`` (what a scale shows) for a
weight, and no one types a thousands separator into a quantity.

Lookup precedence, for whoever resolves a ``ScanInput`` against the catalog:

1. the exact normalized barcode (``ScanInput.code``);
2. the in-store item code of a scale label (``ScanInput.in_store_item``), when the label itself
   is not registered as a barcode;
3. the SKU (``ScanInput.code`` again: non-numeric codes and digit strings of non-GTIN length
   pass through normalization unchanged, so a typed SKU or PLU arrives as typed, trimmed).

What a scan puts in the cart (``scanned_line``): a weight label sells its weight at the shelf
price per kg; a price label sells at the label's price, never weighed again and never asking
for a typed weight. On a product sold by weight the label's price stands for a weight: the
line gets that weight to the gram (price / price per kg), so the receipt reads as a weighed
line (``0,162 kg x 145.059``) and stock goes down by what was sold, and its unit price is the
shelf price when that weight at it makes exactly the label's price, otherwise the nearest price
per kg that does (within a rupiah or so per gram of rounding). The label's amount is what the
customer pays, to the rupiah, as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from pos_desktop.domain.barcode import (
    DEFAULT_RULES,
    GTIN_LENGTHS,
    InStoreRule,
    is_valid_gtin,
    normalize,
    parse_in_store,
)
from pos_desktop.domain.cart import (
    MAX_QUANTITY,
    MAX_UNIT_PRICE,
    QTY_QUANTUM,
    Product,
    validate_quantity,
)
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.money import multiply, round_half_up

_MULTIPLIER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")


@dataclass(frozen=True, slots=True)
class ScanInput:
    """A parsed scan. ``quantity`` is the typed multiplier (``None`` when none was typed);
    ``weight`` / ``price`` come from a scale label, ``in_store_item`` is that label's item code.
    """

    code: str
    quantity: Decimal | None
    weight: Decimal | None
    price: int | None
    in_store_item: str | None

    @property
    def from_label(self) -> bool:
        """A scale label said how much: the weight, or the price the weight came to; a
        product sold by weight needs no weighing then."""
        return self.weight is not None or self.price is not None


def _parse_multiplier(text: str) -> Decimal:
    text = text.strip()
    if not _MULTIPLIER.fullmatch(text):
        raise UserError("scan.bad_multiplier", text=text)
    quantity = Decimal(text.replace(",", "."))
    # Range only: whether a fraction is allowed depends on the product, which the cart checks.
    validate_quantity(quantity, sold_by_weight=True)
    return quantity


def parse_scan(text: str, rules: Sequence[InStoreRule] = DEFAULT_RULES) -> ScanInput:
    """Read the barcode field. Raises ``UserError`` for input no lookup could make sense of.

    An all-digit code of a GTIN length (8, 12, 13, 14) with a wrong check digit is refused as
    ``barcode.bad_check_digit``: it is almost surely a misread or a typo, and looking it up as a
    SKU could ring up something else. Digit strings of other lengths are PLUs or SKUs and pass.
    """
    text = text.strip()
    if not text:
        raise UserError("scan.empty")
    quantity: Decimal | None = None
    if "*" in text:
        left, _, text = text.partition("*")
        if "*" in text:
            raise UserError("scan.bad_multiplier", text=left)
        quantity = _parse_multiplier(left)
    code = normalize(text)
    if not code:
        raise UserError("scan.empty")
    if code.isascii() and code.isdigit() and len(code) in GTIN_LENGTHS and not is_valid_gtin(code):
        raise UserError("barcode.bad_check_digit", barcode=code)
    label = parse_in_store(code, rules)
    if label is None:
        return ScanInput(code, quantity, None, None, None)
    if label.weight is not None:
        validate_quantity(label.weight, sold_by_weight=True)
    if label.price is not None and label.price <= 0:
        raise UserError("price.out_of_range")
    return ScanInput(code, quantity, label.weight, label.price, label.item_code)


@dataclass(frozen=True, slots=True)
class ScannedLine:
    """What ``Cart.add`` gets for a scan: quantity, price (``None``: the shelf price) and
    whether a repeat scan may add to the last line (never for a label: each is its own pack)."""

    quantity: Decimal
    unit_price: int | None = None
    merge: bool = True


GRAMS_PER_KG = 1000


def weight_for_price(price: int, price_per_kg: int) -> ScannedLine:
    """The weight a price label on a product sold by weight stands for, priced so that the
    line comes to exactly ``price``.

    The weight is ``price / price_per_kg`` to the gram (at least one gram). When that weight,
    or one a gram either side, at the shelf price rounds to ``price`` (the scale printed the
    label with the till's price), the shelf price is kept. Otherwise the price per kg is the
    one nearest the shelf price that makes the line exactly ``price``; a weight of a kilogram or
    less always has one. Above a kilogram a gram can be worth more than a rupiah, so the weight
    is moved towards a kilogram, a gram at a time, until one does: the amount is what the
    customer agreed to at the scale, the weight only follows from it. A product without a
    price per kg sells one kg at the label's price.
    """
    if not 0 < price <= MAX_UNIT_PRICE:
        raise UserError("price.out_of_range")
    if price_per_kg <= 0:
        return ScannedLine(Decimal(1).quantize(QTY_QUANTUM), price, merge=False)
    grams = max(1, round_half_up(Fraction(price * GRAMS_PER_KG, price_per_kg)))
    if grams > MAX_QUANTITY * GRAMS_PER_KG:
        raise UserError("quantity.too_large", maximum=int(MAX_QUANTITY))
    for nearby in (grams, grams - 1, grams + 1):
        if nearby > 0 and multiply(price_per_kg, _kg(nearby)) == price:
            return ScannedLine(_kg(nearby), price_per_kg, merge=False)
    step = -1 if grams > GRAMS_PER_KG else 1
    candidate = grams
    while True:
        unit_price = _price_per_kg_for(price, candidate, price_per_kg)
        if unit_price is not None:
            return ScannedLine(_kg(candidate), unit_price, merge=False)
        candidate += step  # only above a kilogram; at one kilogram the label's price fits


def _kg(grams: int) -> Decimal:
    return Decimal(grams).scaleb(-3).quantize(QTY_QUANTUM)


def _price_per_kg_for(price: int, grams: int, shelf: int) -> int | None:
    """The price per kg nearest ``shelf`` at which ``grams`` rounds to exactly ``price``.

    ``multiply`` rounds half up, so the price per kg ``u`` works when
    ``1000 price - 500 <= u grams < 1000 price + 500``.
    """
    low = -(-(price * GRAMS_PER_KG - GRAMS_PER_KG // 2) // grams)  # ceiling division
    high = (price * GRAMS_PER_KG + GRAMS_PER_KG // 2 - 1) // grams
    if low > high or low > MAX_UNIT_PRICE:
        return None
    return min(max(shelf, low), min(high, MAX_UNIT_PRICE))


def scanned_line(scan: ScanInput, product: Product) -> ScannedLine:
    """The quantity and price a scan of ``product`` adds (see the module docstring); raises
    ``UserError`` for a label that cannot apply to it."""
    packs = scan.quantity if scan.quantity is not None else Decimal(1)
    if scan.weight is not None:
        if not product.sold_by_weight:
            raise UserError("scan.weight_for_countable", name=product.name)
        return ScannedLine(scan.weight * packs, scan.price, merge=scan.price is None)
    if scan.price is None:
        return ScannedLine(packs)
    if not product.sold_by_weight:
        return ScannedLine(packs, scan.price, merge=False)
    # ``3*label``: three packs of the same price, one line for all of them.
    if packs != packs.to_integral_value():
        raise UserError("quantity.not_whole")
    return weight_for_price(scan.price * int(packs), product.unit_price)
