"""What the demo catalog is composed from: product lines grouped in families.

A product line is a brand or product stem with its variants and sizes, so a few hundred lines of
data give hundreds of products. The families themselves are plain data, split by what they hold:
``demo_goods_food`` (packaged food and drink, fresh and loose goods) and ``demo_goods_nonfood``
(personal care, household, baby, stationery, medicine); ``demo_catalog`` turns them into
products.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pos_desktop.domain.tax import EXEMPT, PPN_LUXURY, PPN_STANDARD

Sizes = tuple[tuple[str, int], ...]
ProductLine = tuple[str, tuple[str, ...], Sizes]
"""(brand or product stem, variants, (size label, base price) pairs)."""

ONE: Final = ("",)
"""The variants of a line that comes in one variant only (its name is the stem and size)."""

STANDARD_TAX: Final = PPN_STANDARD.code
EXEMPT_TAX: Final = EXEMPT.code
LUXURY_TAX: Final = PPN_LUXURY.code


@dataclass(frozen=True, slots=True)
class GoodsFamily:
    """Product lines sold under one shelf category and one tax category."""

    category: str
    tax_code: str
    sku_prefix: str
    lines: tuple[ProductLine, ...]
