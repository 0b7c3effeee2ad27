"""Totals of a sale: the one function the screen, the receipt, storage and the cloud all use.

Order of operations (documented once, applied everywhere):

1. line gross = unit price x quantity, rounded half up to the currency unit;
2. line discount (percent or amount), never more than the gross;
3. the order discount is taken off the sum of line nets and allocated to lines in proportion to
   their nets (largest remainder, ties to the earlier line) so each line knows its taxable net;
4. tax per receipt per category (see ``pos_desktop.domain.tax``); inclusive tax is shown but not
   added, tax on top is added;
5. cash rounding (pembulatan) of the payable total to the nearest step, ties upward, shown as
   its own line. It applies whatever the tender, so a sale has one total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pos_desktop.domain.cart import CartLine, Discount
from pos_desktop.domain.tax import TaxLine, TaxSettings, compute_tax

ROUNDING_STEPS: tuple[int, ...] = (0, 100, 500, 1000)
"""Allowed pembulatan steps in rupiah; 0 means no rounding."""


@dataclass(frozen=True, slots=True)
class LineTotal:
    line_id: int
    quantity: Decimal
    unit_price: int
    gross: int
    line_discount: int
    order_discount: int
    net: int
    tax_code: str


@dataclass(frozen=True, slots=True)
class Totals:
    lines: tuple[LineTotal, ...]
    subtotal: int
    """Sum of line grosses, before any discount."""
    line_discounts: int
    order_discount: int
    net: int
    """Sum of line nets: subtotal minus all discounts."""
    taxes: tuple[TaxLine, ...]
    tax_added: int
    """Tax added on top of the nets (exclusive prices, PB1)."""
    tax_included: int
    """Tax already inside the nets, for display."""
    rounding: int
    total: int
    """What the customer pays: net + tax_added + rounding."""

    @property
    def discount_total(self) -> int:
        return self.line_discounts + self.order_discount

    @property
    def tax_total(self) -> int:
        return self.tax_added + self.tax_included


def round_to_step(amount: int, step: int) -> int:
    """``amount`` to the nearest multiple of ``step``, ties upward; step 0 leaves it."""
    if step <= 0:
        return amount
    low = amount - amount % step
    return low + step if 2 * (amount - low) >= step else low


def allocate(amount: int, weights: Sequence[int]) -> list[int]:
    """Split ``amount`` over ``weights`` proportionally; the parts always add up to ``amount``.

    Largest remainder method; ties go to the earlier index so the split is deterministic.
    """
    total = sum(weights)
    if total <= 0 or amount == 0:
        return [0] * len(weights)
    shares = [amount * w // total for w in weights]
    remainders = [(amount * w % total, -i) for i, w in enumerate(weights)]
    left = amount - sum(shares)
    for _, neg_i in sorted(remainders, reverse=True)[:left]:
        shares[-neg_i] += 1
    return shares


def compute_totals(
    lines: Sequence[CartLine],
    order_discount: Discount | None,
    settings: TaxSettings,
    rounding_step: int = 100,
) -> Totals:
    nets_before = [line.net_before_order_discount for line in lines]
    sum_before = sum(nets_before)
    order_amount = order_discount.amount_on(sum_before) if order_discount else 0
    shares = allocate(order_amount, nets_before)
    line_totals = tuple(
        LineTotal(
            line_id=line.line_id,
            quantity=line.quantity,
            unit_price=line.unit_price,
            gross=line.gross,
            line_discount=line.discount_amount,
            order_discount=share,
            net=net - share,
            tax_code=line.product.tax_category.code,
        )
        for line, net, share in zip(lines, nets_before, shares, strict=True)
    )
    taxes = tuple(
        compute_tax(
            (
                (line.product.tax_category, lt.net)
                for line, lt in zip(lines, line_totals, strict=True)
            ),
            settings,
        )
    )
    net = sum(lt.net for lt in line_totals)
    tax_added = sum(t.tax for t in taxes if not t.included)
    tax_included = sum(t.tax for t in taxes if t.included)
    payable = net + tax_added
    rounded = round_to_step(payable, rounding_step)
    return Totals(
        lines=line_totals,
        subtotal=sum(lt.gross for lt in line_totals),
        line_discounts=sum(lt.line_discount for lt in line_totals),
        order_discount=order_amount,
        net=net,
        taxes=taxes,
        tax_added=tax_added,
        tax_included=tax_included,
        rounding=rounded - payable,
        total=rounded,
    )
