"""Keeping the sales rollups (``models/rollups.py``): what each accepted sale, counted refund
and journaled void adds, and the one upsert per table that adds it.

What counts:

- A sale counts once, when it is inserted: a ``duplicate`` or ``conflict`` adds nothing, and a
  ``rejected`` sale is not stored. Flagged sales (totals mismatch, clock skew, stale profile,
  unknown product, reused receipt number) count with the till's own figures: the customer paid
  what the till's receipt says, and the flag is for the owner to look at, not a reason to hide
  the money. A sale counts on its local day and hour, in the store's time zone.
- A refund counts when it is stored ``counted`` (an over-refund, stored not counted, adds
  nothing; whoever resolves one calls ``refund_deltas`` and ``apply`` in that transaction). It
  counts on the day it was paid out, not the sale's day, as a till's Z report does.
- Line voids and cancelled sales come as the tills' journal entries (``line_void``,
  ``sale_cancel``); each stored entry counts once, on its local day, for its actor.

Everything is accumulated per batch in a ``Deltas`` and queued in the batch's transaction
(``rollup_writes.enqueue``); ``rollup_fold`` adds queued deltas to the tables a moment later
with ``INSERT ... ON CONFLICT DO UPDATE SET x = x + excluded.x``, keys sorted, so two folders
adding to the same rows lock them in the same order and both additions land.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from pos_desktop.domain.money import round_half_up
from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.totals import allocate
from server_stub.models import (
    ProductRow,
    RollupCashier,
    RollupHour,
    RollupProduct,
    RollupTender,
)

log = logging.getLogger(__name__)

DEFAULT_ZONE = "Asia/Jakarta"
VOID_KINDS = ("line_void", "sale_cancel")

Key = tuple[Any, ...]
Sums = list[int]
"""A row's figures in the table's column order (``SUMS``)."""
TableDeltas = dict[Key, Sums]

HOURS = cast(Table, RollupHour.__table__)
PRODUCTS = cast(Table, RollupProduct.__table__)
CASHIERS = cast(Table, RollupCashier.__table__)
TENDERS = cast(Table, RollupTender.__table__)
TABLES: tuple[Table, ...] = (HOURS, PRODUCTS, CASHIERS, TENDERS)
"""In the order every writer updates them, so writers never wait on each other in a circle."""


def key_columns(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns if c.name != "org_id"]


def sum_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if not c.primary_key]


SUMS: dict[str, list[str]] = {t.name: sum_columns(t) for t in TABLES}
_INDEX: dict[str, dict[str, int]] = {
    name: {column: i for i, column in enumerate(columns)} for name, columns in SUMS.items()
}
_P = _INDEX[PRODUCTS.name]
P_LINES, P_QTY, P_GROSS, P_DISCOUNTS, P_NET, P_TAX, P_INSIDE = (
    _P[c] for c in ("lines", "quantity_milli", "gross", "discounts", "net", "tax", "tax_inside")
)
P_COSTED_QTY, P_COSTED_REVENUE, P_COST = (
    _P[c] for c in ("costed_quantity_milli", "costed_revenue", "cost")
)


def zone_of(store: object) -> ZoneInfo:
    """The store's time zone: ``stores.timezone`` when set and known, else WIB."""
    return zone_named(getattr(store, "timezone", None))


def zone_named(name: str | None) -> ZoneInfo:
    """The zone of an IANA name, WIB for none or an unknown one."""
    name = name or DEFAULT_ZONE
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("store time zone %r is unknown; using %s", name, DEFAULT_ZONE)
        return ZoneInfo(DEFAULT_ZONE)


def milli(quantity: Decimal | str) -> int:
    return int(Decimal(quantity) * 1000)


def cost_of(cost_price: int, quantity_milli: int) -> int:
    """What ``quantity_milli`` thousandths cost at ``cost_price`` per unit, to the rupiah."""
    whole = cost_price * quantity_milli
    if whole >= 0:
        return (whole + 500) // 1000
    return round_half_up(Fraction(whole, 1000))


class SaleLineLike(Protocol):
    @property
    def line_no(self) -> int: ...
    @property
    def product_id(self) -> str: ...
    @property
    def gross(self) -> int: ...
    @property
    def line_discount(self) -> int: ...
    @property
    def order_discount(self) -> int: ...
    @property
    def net(self) -> int: ...
    @property
    def tax_code(self) -> str: ...


class SaleTaxLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def tax(self) -> int: ...
    @property
    def included(self) -> bool: ...


class SaleTenderLike(Protocol):
    @property
    def kind(self) -> Any: ...
    @property
    def amount(self) -> int: ...


class SaleLike(Protocol):
    """The parts of a sale document the rollups read (``schemas.SaleIn`` has them)."""

    @property
    def cashier_code(self) -> str: ...
    @property
    def lines(self) -> Sequence[SaleLineLike]: ...
    @property
    def taxes(self) -> Sequence[SaleTaxLike]: ...
    @property
    def tenders(self) -> Sequence[SaleTenderLike]: ...
    @property
    def subtotal(self) -> int: ...
    @property
    def line_discounts(self) -> int: ...
    @property
    def order_discount(self) -> int: ...
    @property
    def tax_added(self) -> int: ...
    @property
    def tax_included(self) -> int: ...
    @property
    def rounding(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def change(self) -> int: ...


def line_taxes(sale: SaleLike) -> dict[int, tuple[int, int]]:
    """Each line's share of its category's PPN and the part of it inside the line's net.

    Split by net with the largest-remainder rule, as a refund prorates it, so the shares add
    up to the receipt's tax.
    """
    shares: dict[int, tuple[int, int]] = {}
    for tax in sale.taxes:
        lines = [ln for ln in sale.lines if ln.tax_code == tax.code]
        for ln, part in zip(
            lines, allocate(tax.tax, [max(0, ln.net) for ln in lines]), strict=True
        ):
            shares[ln.line_no] = (part, part if tax.included else 0)
    return shares


def _row(rows: TableDeltas, width: int, key: Key) -> Sums:
    sums = rows.get(key)
    if sums is None:
        sums = rows[key] = [0] * width
    return sums


def _adder(table: Table) -> Any:
    index, width = _INDEX[table.name], len(SUMS[table.name])

    def add(rows: TableDeltas, key: Key, **values: int) -> None:
        sums = _row(rows, width, key)
        for name, value in values.items():
            sums[index[name]] += value

    return add


_add_hour, _add_product, _add_cashier, _add_tender = (_adder(t) for t in TABLES)
_PRODUCT_WIDTH = len(SUMS[PRODUCTS.name])


@dataclass
class Deltas:
    """What one batch adds to each rollup table: key (without ``org_id``) -> column sums."""

    org_id: str
    hours: TableDeltas = field(default_factory=dict)
    products: TableDeltas = field(default_factory=dict)
    cashiers: TableDeltas = field(default_factory=dict)
    tenders: TableDeltas = field(default_factory=dict)

    def tables(self) -> tuple[tuple[Table, TableDeltas], ...]:
        return (
            (HOURS, self.hours),
            (PRODUCTS, self.products),
            (CASHIERS, self.cashiers),
            (TENDERS, self.tenders),
        )

    def is_empty(self) -> bool:
        return not (self.hours or self.products or self.cashiers or self.tenders)

    def add_sale(
        self,
        store_id: str,
        zone: ZoneInfo,
        sale: SaleLike,
        sold_at: datetime,
        quantities: Sequence[int],
        costs: Mapping[str, int],
    ) -> None:
        """One accepted sale; ``quantities`` are its lines' thousandths, ``costs`` the known
        cost prices by product id."""
        local = sold_at.astimezone(zone)
        day = local.date()
        items = sum(quantities)
        discounts = sale.line_discounts + sale.order_discount
        tax = sale.tax_added + sale.tax_included
        net = sum(ln.net for ln in sale.lines)
        money = {
            "gross": sale.subtotal,
            "discounts": discounts,
            "net": net,
            "tax": tax,
            "tax_inside": sale.tax_included,
        }
        _add_hour(
            self.hours,
            (store_id, day, local.hour),
            sales=1,
            items_milli=items,
            **money,
            rounding=sale.rounding,
            total=sale.total,
        )
        _add_cashier(
            self.cashiers,
            (store_id, day, sale.cashier_code[:64]),
            sales=1,
            items_milli=items,
            **money,
            total=sale.total,
        )
        self._sale_lines(store_id, day, sale, quantities, costs)
        self._sale_tenders(store_id, day, sale)

    def _sale_lines(
        self,
        store_id: str,
        day: date,
        sale: SaleLike,
        quantities: Sequence[int],
        costs: Mapping[str, int],
    ) -> None:
        taxes = line_taxes(sale) if sale.taxes else {}
        products = self.products
        no_tax = (0, 0)
        for ln, qty in zip(sale.lines, quantities, strict=True):
            # The hot path of every ingested line: plain index arithmetic, no names. The
            # product id is at most 64 characters (SaleIn), the key column's width.
            tax, inside = taxes.get(ln.line_no, no_tax)
            key = (store_id, day, ln.product_id)
            row = products.get(key)
            if row is None:
                row = products[key] = [0] * _PRODUCT_WIDTH
            net = ln.net
            row[P_LINES] += 1
            row[P_QTY] += qty
            row[P_GROSS] += ln.gross
            row[P_DISCOUNTS] += ln.line_discount + ln.order_discount
            row[P_NET] += net
            row[P_TAX] += tax
            row[P_INSIDE] += inside
            cost_price = costs.get(ln.product_id)
            if cost_price is not None:
                row[P_COSTED_QTY] += qty
                row[P_COSTED_REVENUE] += net - inside
                row[P_COST] += cost_of(cost_price, qty)

    def _sale_tenders(self, store_id: str, day: date, sale: SaleLike) -> None:
        kinds = [str(getattr(t.kind, "value", t.kind)) for t in sale.tenders]
        for kind, tender in zip(kinds, sale.tenders, strict=True):
            _add_tender(self.tenders, (store_id, day, kind[:16]), tenders=1, amount=tender.amount)
        if sale.change and kinds:
            # Change goes back in cash; a sale without cash (never made by a till) books it on
            # its last tender so the mix still adds up to the total.
            kind = "cash" if "cash" in kinds else kinds[-1]
            _add_tender(self.tenders, (store_id, day, kind[:16]), change=sale.change)

    def add_refund(
        self, store_id: str, zone: ZoneInfo, refund: RefundRecord, costs: Mapping[str, int]
    ) -> None:
        """One counted refund, on the local day and hour it was paid out."""
        local = refund.refunded_at.astimezone(zone)
        day = local.date()
        money = {
            "refunds": 1,
            "refund_total": refund.total,
            "refund_net": refund.subtotal,
            "refund_tax": refund.tax_added + refund.tax_included,
            "refund_tax_inside": refund.tax_included,
        }
        _add_hour(self.hours, (store_id, day, local.hour), **money)
        _add_cashier(self.cashiers, (store_id, day, refund.cashier_code[:64]), **money)
        for ln in refund.lines:
            qty = milli(ln.quantity)
            inside = ln.tax if ln.tax_included else 0
            key = (store_id, day, ln.product_id[:64])
            _add_product(
                self.products,
                key,
                refund_quantity_milli=qty,
                refund_net=ln.amount,
                refund_tax=ln.tax,
                refund_tax_inside=inside,
            )
            cost_price = costs.get(ln.product_id)
            if cost_price is not None:
                _add_product(
                    self.products,
                    key,
                    refund_costed_quantity_milli=qty,
                    refund_costed_revenue=ln.amount - inside,
                    refund_cost=cost_of(cost_price, qty),
                )
        for tender in refund.tenders:
            _add_tender(
                self.tenders,
                (store_id, day, tender.kind.value[:16]),
                refunds=1,
                refund_amount=tender.amount,
            )

    def add_void(
        self, store_id: str, zone: ZoneInfo, kind: str, at: str, actor: str, data: str
    ) -> None:
        """One journaled ``line_void`` (amount: the line's gross) or ``sale_cancel`` (amount:
        the cart's total); other kinds add nothing."""
        if kind not in VOID_KINDS:
            return
        try:
            when = datetime.fromisoformat(at)
        except ValueError:
            log.warning("void entry with an unreadable time %r left out of the rollups", at)
            return
        if when.tzinfo is None:
            return
        local = when.astimezone(zone)
        amount = _void_amount(kind, data)
        values = (
            {"line_voids": 1, "line_void_amount": amount}
            if kind == "line_void"
            else {"sale_cancels": 1, "sale_cancel_amount": amount}
        )
        _add_hour(self.hours, (store_id, local.date(), local.hour), **values)
        _add_cashier(self.cashiers, (store_id, local.date(), actor[:64]), **values)


def _void_amount(kind: str, data: str) -> int:
    try:
        parsed = json.loads(data)
    except ValueError:
        return 0
    if not isinstance(parsed, dict):
        return 0
    value = parsed.get("gross" if kind == "line_void" else "total")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def known_costs(session: Session, org_id: str, product_ids: Iterable[str]) -> dict[str, int]:
    """Cost prices of the products of ``product_ids`` that have one."""
    ids = sorted(set(product_ids))
    costs: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(ProductRow.product_id, ProductRow.cost_price).where(
                ProductRow.org_id == org_id,
                ProductRow.product_id.in_(ids[start : start + 500]),
                ProductRow.cost_price.is_not(None),
            )
        )
        costs.update({product_id: int(cost) for product_id, cost in rows if cost is not None})
    return costs
