"""A demo catalog of Indonesian minimarket goods, and a synthetic one for benchmarks.

Demo stores, screenshots and manual testing need a catalog that reads like a real shop's: real
brand and variant names, sizes, rupiah prices, the right tax category (staples exempt, luxury
goods PPnBM) and valid EAN-13 barcodes under Indonesia's GS1 prefix 899. Names are composed
from brand x variant x size so a few hundred lines of data give hundreds of products; the
data is in ``demo_goods_food`` and ``demo_goods_nonfood``, this module makes products of it.

Everything is deterministic: the same call returns the same products, so tests, screenshots and
benchmark runs can be compared. The barcodes are made up (valid check digits, invented company
prefixes) and must never be printed on goods.

It lives in the domain, the one part of the till the cloud service may import, so the demo till
and the demo tenant (``server_stub.demo``) are seeded with the same goods.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from pos_desktop.domain.barcode import gtin_check_digit
from pos_desktop.domain.cart import Product
from pos_desktop.domain.demo_goods import EXEMPT_TAX, GoodsFamily
from pos_desktop.domain.demo_goods_food import FRESH, PACKAGED_FOOD, WEIGHED
from pos_desktop.domain.demo_goods_nonfood import NON_FOOD
from pos_desktop.domain.tax import DEFAULT_CATEGORIES

_SEED: Final = 20261128
_SYNTHETIC_PREFIX: Final = "8990"
"""Synthetic barcodes live under 8990; the demo catalog's company prefixes start at 8991, so the
two sets never collide even when both are loaded into one database."""
_SYNTHETIC_SPACE: Final = 10**8

_TAX_CATEGORIES: Final = {c.code: c for c in DEFAULT_CATEGORIES}


@dataclass(frozen=True, slots=True)
class DemoProduct:
    sku: str
    barcode: str
    """EAN-13 under 899; empty for loose goods sold by weight (found by ``in_store_code``)."""
    name: str
    category: str
    price: int
    """Rupiah per unit, or per kg for weighed goods; tax-inclusive like shelf prices."""
    tax_code: str
    sold_by_weight: bool = False
    unit: str = "pcs"
    in_store_code: str = ""
    """``20IIIII``: prefix and item digits of the scale label, for weighed goods."""

    def to_product(self) -> Product:
        """The cart's view of this product; the SKU doubles as the product id."""
        return Product(
            product_id=self.sku,
            sku=self.sku,
            name=self.name,
            unit_price=self.price,
            tax_category=_TAX_CATEGORIES[self.tax_code],
            barcode=self.barcode,
            sold_by_weight=self.sold_by_weight,
            unit=self.unit,
        )


_FAMILIES: Final[tuple[GoodsFamily, ...]] = (*PACKAGED_FOOD, *NON_FOOD, FRESH)
"""Every family in catalog order: the order barcodes and prices are drawn in."""

_SYNTHETIC_EXTRAS: Final[tuple[str, ...]] = (
    "",
    "",
    "",
    "Hemat",
    "Promo",
    "Family Pack",
    "Isi Ulang",
    "Jumbo",
    "Mini",
    "Bundle 2",
    "Bundle 3",
    "Edisi Terbatas",
)


def _shelf_price(base: int, rng: random.Random) -> int:
    """``base`` give or take 5%, rounded the way shops price: to Rp100, Rp500 above Rp20.000."""
    raw = base * (0.95 + 0.1 * rng.random())
    step = 100 if raw < 20_000 else 500 if raw < 1_000_000 else 5_000
    return max(step, round(raw / step) * step)


def _ean13(body: str) -> str:
    return body + str(gtin_check_digit(body))


def _name(stem: str, variant: str, size: str) -> str:
    return " ".join(part for part in (stem, variant, size) if part)


def demo_products() -> list[DemoProduct]:
    """The demo catalog: about 750 packaged products and 15 goods sold by weight.

    Each product line (brand) gets its own invented company prefix after 899, so the barcodes
    of one brand share a prefix like real ones do.
    """
    rng = random.Random(_SEED)
    companies = rng.sample(range(1000, 10_000), sum(len(f.lines) for f in _FAMILIES))
    counters: dict[str, int] = {}
    products: list[DemoProduct] = []
    company_iter = iter(companies)
    for family in _FAMILIES:
        for stem, variants, sizes in family.lines:
            company = next(company_iter)
            item = rng.randrange(100, 5_000)
            for variant in variants:
                for size, base in sizes:
                    item += 1 + rng.randrange(3)
                    counter = counters.get(family.sku_prefix, 0) + 1
                    counters[family.sku_prefix] = counter
                    products.append(
                        DemoProduct(
                            sku=f"{family.sku_prefix}-{counter:04d}",
                            barcode=_ean13(f"899{company:04d}{item:05d}"),
                            name=_name(stem, variant, size),
                            category=family.category,
                            price=_shelf_price(base, rng),
                            tax_code=family.tax_code,
                        )
                    )
    for number, (name, per_kg) in enumerate(WEIGHED, start=1):
        products.append(
            DemoProduct(
                sku=f"SGR-K{number:03d}",
                barcode="",
                name=name,
                category="Segar",
                price=_shelf_price(per_kg, rng),
                tax_code=EXEMPT_TAX,
                sold_by_weight=True,
                unit="kg",
                in_store_code=f"20{10000 + number:05d}",
            )
        )
    return products


@functools.cache
def _weighted_digit_sums() -> tuple[int, ...]:
    """GS1 weighted digit sums (3, 1, 3, 1 from the right) of every 4-digit block.

    The synthetic barcode body is three 4-digit blocks, each starting at an even distance from
    the right, so its check digit is a sum of three table entries: several times faster than
    ``gtin_check_digit`` digit by digit, which matters at 300,000 products. Tests compare the two.
    """
    return tuple(
        sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(f"{k:04d}")))
        for k in range(10_000)
    )


def synthetic_products(n: int, seed: int = 0) -> Iterator[DemoProduct]:
    """``n`` plausible products with unique SKUs and valid, unique barcodes, for benchmarks.

    Barcodes are ``8990`` plus an 8-digit number from an affine permutation of ``0..10^8-1``
    (a multiplier coprime to 10), so they are unique without remembering the ones issued.
    Names repeat, as they do in real catalogs; barcodes and SKUs never do.
    """
    if not 0 <= n <= _SYNTHETIC_SPACE:
        raise ValueError(f"n must be 0..{_SYNTHETIC_SPACE}: {n}")
    rng = random.Random(seed)
    multiplier = rng.randrange(1, _SYNTHETIC_SPACE // 10) * 10 + rng.choice((1, 3, 7, 9))
    offset = rng.randrange(_SYNTHETIC_SPACE)
    choices = [
        (family.category, family.tax_code, _name(stem, variant, size), base)
        for family in _FAMILIES
        for stem, variants, sizes in family.lines
        for variant in variants
        for size, base in sizes
    ]
    sums = _weighted_digit_sums()
    prefix_sum = sums[int(_SYNTHETIC_PREFIX)]
    uniform = rng.random
    count = len(choices)
    extras = len(_SYNTHETIC_EXTRAS)
    for i in range(n):
        category, tax_code, name, base = choices[int(uniform() * count)]
        extra = _SYNTHETIC_EXTRAS[int(uniform() * extras)]
        number = (multiplier * i + offset) % _SYNTHETIC_SPACE
        check = -(prefix_sum + sums[number // 10_000] + sums[number % 10_000]) % 10
        yield DemoProduct(
            sku=f"SYN{seed}-{i:07d}",
            barcode=f"{_SYNTHETIC_PREFIX}{number:08d}{check}",
            name=f"{name} {extra}" if extra else name,
            category=category,
            price=_shelf_price(base, rng),
            tax_code=tax_code,
        )
