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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pos_desktop.domain.barcode import (
    DEFAULT_RULES,
    GTIN_LENGTHS,
    InStoreRule,
    is_valid_gtin,
    normalize,
    parse_in_store,
)
from pos_desktop.domain.cart import validate_quantity
from pos_desktop.domain.errors import UserError

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
