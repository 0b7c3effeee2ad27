"""Indonesian sales taxes as the till applies them.

Rules (PMK 131/2024 and regional PB1/PBJT):

* ``EXEMPT``: staples; no tax.
* ``PPN_STANDARD``: 12% on a tax base (DPP nilai lain) of 11/12 of the price, 11% in effect.
  Inside a tax-inclusive price P the PPN is P x 11/111.
* ``PPN_LUXURY``: 12% of the price (PPnBM objects); inside an inclusive price, P x 12/112.
* ``ADDED_ON_TOP``: a PB1-style food-and-drink tax, always added on top of the price, whatever
  the store's inclusive setting. It is its own switch, not PPN.

PPN applies only when the store is a PKP and has switched it on (``TaxSettings.ppn_enabled``,
off by default); otherwise PPN categories behave as exempt.

Rounding rule: tax is computed **per receipt, per tax category**. The lines' net amounts (after
line and order discounts) in one category are summed, the tax of that sum is computed exactly
with fractions and rounded once, half up, to the currency unit. The screen, the receipt and the
database all take the same ``TaxLine`` values from ``compute_tax``; nothing recomputes tax
per line, so no two places can disagree by a rupiah.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from pos_desktop.domain.money import round_half_up


class TaxKind(enum.StrEnum):
    EXEMPT = "exempt"
    PPN_STANDARD = "ppn_standard"
    PPN_LUXURY = "ppn_luxury"
    ADDED_ON_TOP = "added_on_top"


@dataclass(frozen=True, slots=True)
class TaxCategory:
    """A product's tax category. ``rate_bp`` in basis points (1200 = 12%)."""

    code: str
    name: str
    kind: TaxKind
    rate_bp: int = 0
    base_numerator: int = 1
    base_denominator: int = 1

    @property
    def effective_rate(self) -> Fraction:
        """The rate on the price itself: 12% x 11/12 = 11% for standard PPN."""
        return Fraction(self.rate_bp, 10_000) * Fraction(self.base_numerator, self.base_denominator)

    @property
    def is_ppn(self) -> bool:
        return self.kind in (TaxKind.PPN_STANDARD, TaxKind.PPN_LUXURY)


EXEMPT = TaxCategory("EXEMPT", "Bebas pajak", TaxKind.EXEMPT)
PPN_STANDARD = TaxCategory("PPN", "PPN 12%", TaxKind.PPN_STANDARD, 1200, 11, 12)
PPN_LUXURY = TaxCategory("PPNBM", "PPN 12% (mewah)", TaxKind.PPN_LUXURY, 1200)
PB1 = TaxCategory("PB1", "PB1 10%", TaxKind.ADDED_ON_TOP, 1000)

DEFAULT_CATEGORIES: tuple[TaxCategory, ...] = (EXEMPT, PPN_STANDARD, PPN_LUXURY, PB1)


@dataclass(frozen=True, slots=True)
class TaxSettings:
    """Per-store switches: PKP stores turn PPN on; most UMKM leave it off."""

    ppn_enabled: bool = False
    prices_include_tax: bool = True


@dataclass(frozen=True, slots=True)
class TaxLine:
    """The tax of one category on one receipt.

    ``base`` is the taxable amount excluding tax; ``included`` says whether ``tax`` is already
    inside the line prices (so it is shown but not added to the total).
    """

    code: str
    name: str
    rate_bp: int
    base: int
    tax: int
    included: bool


def applies(category: TaxCategory, settings: TaxSettings) -> bool:
    if category.kind is TaxKind.EXEMPT or category.rate_bp <= 0:
        return False
    if category.is_ppn:
        return settings.ppn_enabled
    return True


def is_inclusive(category: TaxCategory, settings: TaxSettings) -> bool:
    """PB1 is always added on top; PPN follows the store's inclusive setting."""
    return category.is_ppn and settings.prices_include_tax


def compute_tax(
    net_by_category: Iterable[tuple[TaxCategory, int]], settings: TaxSettings
) -> list[TaxLine]:
    """One ``TaxLine`` per category that charges tax, in the order categories first appear.

    ``net_by_category`` pairs each category with a net amount (prices after all discounts);
    amounts of the same category are summed before the single rounding step.
    """
    sums: dict[str, int] = {}
    cats: dict[str, TaxCategory] = {}
    for category, net in net_by_category:
        if not applies(category, settings):
            continue
        cats.setdefault(category.code, category)
        sums[category.code] = sums.get(category.code, 0) + net
    lines: list[TaxLine] = []
    for code, net in sums.items():
        category = cats[code]
        rate = category.effective_rate
        if is_inclusive(category, settings):
            tax = round_half_up(Fraction(net) * rate / (1 + rate))
            base = net - tax
            included = True
        else:
            tax = round_half_up(Fraction(net) * rate)
            base = net
            included = False
        lines.append(TaxLine(code, category.name, category.rate_bp, base, max(tax, 0), included))
    return lines
