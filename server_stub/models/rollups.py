"""Sales rollups: running sums per store and local day (and hour, product, cashier, tender),
kept in the same transaction as the ingest of each sale, refund and journal entry, so the home
page and the reports read a few thousand rows instead of years of sales.

Every figure is a plain sum that ingest only ever adds to (``ON CONFLICT DO UPDATE SET x = x +
excluded.x``), so concurrent workers add up exactly; ``server_stub.rollups.recount`` computes the
same rows from the raw sales, refunds and journal entries (a test holds them equal), and
``pos-server admin rebuild-rollups`` rewrites them from the raw rows.

The day and hour are the store's own local time (``stores.timezone``, WIB by default). Sales
count on the day they were rung, refunds on the day they were paid out, voids on the day the
till journaled them. Money is integer rupiah, quantities thousandths.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKeyConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, MappedColumn, mapped_column

from server_stub.models.base import ID, ORG, Base


def _sum() -> MappedColumn[int]:
    return mapped_column(BigInteger, default=0, server_default="0")


class RollupHour(Base):
    """Per store, local day and hour: the sales, refunds and voids of that hour."""

    __tablename__ = "rollup_hours"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID, primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    hour: Mapped[int] = mapped_column(Integer, primary_key=True)
    sales: Mapped[int] = _sum()
    items_milli: Mapped[int] = _sum()
    gross: Mapped[int] = _sum()
    """Sum of line gross (quantity x unit price): the receipts' subtotals."""
    discounts: Mapped[int] = _sum()
    """Line and order discounts."""
    net: Mapped[int] = _sum()
    """Sum of line nets (gross less discounts; PPN inside it when prices include tax)."""
    tax: Mapped[int] = _sum()
    """PPN, added on top or included."""
    tax_inside: Mapped[int] = _sum()
    """The part of ``tax`` that is inside ``net`` (prices that include tax)."""
    rounding: Mapped[int] = _sum()
    total: Mapped[int] = _sum()
    """What customers were asked to pay: the receipts' totals."""
    refunds: Mapped[int] = _sum()
    refund_total: Mapped[int] = _sum()
    """What customers got back (refund totals, PPN and rounding included)."""
    refund_net: Mapped[int] = _sum()
    """The refunds' line amounts: their share of the lines' nets."""
    refund_tax: Mapped[int] = _sum()
    refund_tax_inside: Mapped[int] = _sum()
    line_voids: Mapped[int] = _sum()
    line_void_amount: Mapped[int] = _sum()
    sale_cancels: Mapped[int] = _sum()
    sale_cancel_amount: Mapped[int] = _sum()

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "day"),
    )


class ProductSums:
    """The figures kept per product, the same at every grain (store-day, store-month,
    organization-month), so a report adds rows of any grain together."""

    lines: Mapped[int] = _sum()
    quantity_milli: Mapped[int] = _sum()
    gross: Mapped[int] = _sum()
    discounts: Mapped[int] = _sum()
    net: Mapped[int] = _sum()
    tax: Mapped[int] = _sum()
    """The lines' share of their category's PPN (largest remainder, as refunds prorate it)."""
    tax_inside: Mapped[int] = _sum()
    costed_quantity_milli: Mapped[int] = _sum()
    costed_revenue: Mapped[int] = _sum()
    """Net without PPN of the lines whose cost was known."""
    cost: Mapped[int] = _sum()
    refund_quantity_milli: Mapped[int] = _sum()
    refund_net: Mapped[int] = _sum()
    refund_tax: Mapped[int] = _sum()
    refund_tax_inside: Mapped[int] = _sum()
    refund_costed_quantity_milli: Mapped[int] = _sum()
    refund_costed_revenue: Mapped[int] = _sum()
    refund_cost: Mapped[int] = _sum()


class RollupProduct(ProductSums, Base):
    """Per store, local day and product: quantities, money and cost.

    Cost comes from ``products.cost_price`` when the sale (or refund) is ingested. A line whose
    product has no cost price adds to the quantity and money but not to the ``costed_*`` sums,
    so a margin is computed over the costed part only and the rest reads as unknown.
    """

    __tablename__ = "rollup_products"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID, primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    product_id: Mapped[str] = mapped_column(String(64), primary_key=True)

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "day"),
    )


class RollupOrgProduct(ProductSums, Base):
    """Per organization, local day and product, every store together: what an owner's "all
    stores" report reads for the days of a range that do not make a whole month."""

    __tablename__ = "rollup_org_products"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    product_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class RollupProductMonth(ProductSums, Base):
    """Per store, local month (its first day) and product: ``rollup_products`` added up by
    month, so a year by product reads twelve rows a product instead of 365."""

    __tablename__ = "rollup_product_months"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID, primary_key=True)
    month: Mapped[date] = mapped_column(primary_key=True)
    product_id: Mapped[str] = mapped_column(String(64), primary_key=True)

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "month"),
    )


class RollupOrgProductMonth(ProductSums, Base):
    """Per organization, local month and product, every store together: what an owner's
    "all stores" report by product reads, a few thousand rows a month however many stores."""

    __tablename__ = "rollup_org_product_months"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    month: Mapped[date] = mapped_column(primary_key=True)
    product_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class RollupCashier(Base):
    """Per store, local day and cashier code: their sales, refunds and voids."""

    __tablename__ = "rollup_cashiers"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID, primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    cashier_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    sales: Mapped[int] = _sum()
    items_milli: Mapped[int] = _sum()
    gross: Mapped[int] = _sum()
    discounts: Mapped[int] = _sum()
    net: Mapped[int] = _sum()
    tax: Mapped[int] = _sum()
    tax_inside: Mapped[int] = _sum()
    total: Mapped[int] = _sum()
    refunds: Mapped[int] = _sum()
    refund_total: Mapped[int] = _sum()
    refund_net: Mapped[int] = _sum()
    refund_tax: Mapped[int] = _sum()
    refund_tax_inside: Mapped[int] = _sum()
    line_voids: Mapped[int] = _sum()
    line_void_amount: Mapped[int] = _sum()
    sale_cancels: Mapped[int] = _sum()
    sale_cancel_amount: Mapped[int] = _sum()

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "day"),
    )


class RollupTender(Base):
    """Per store, local day and tender kind (cash, card, qris, ewallet): the payment mix.

    ``amount`` is what was tendered; ``change`` the change given back (on cash), so what stayed
    in the drawer is ``amount - change``.
    """

    __tablename__ = "rollup_tenders"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID, primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    tenders: Mapped[int] = _sum()
    amount: Mapped[int] = _sum()
    change: Mapped[int] = _sum()
    refunds: Mapped[int] = _sum()
    refund_amount: Mapped[int] = _sum()

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "day"),
    )


class RollupPending(Base):
    """What ingest, refunds and voids add to the rollups, queued in their own transaction and
    folded into the rollup tables a moment later (``server_stub.rollup_fold``).

    Appending one row costs a request far less than updating the shared rollup rows, and the
    folder adds up many batches before it writes them. Nothing is lost or counted twice: the
    row commits with the sales it describes, and the fold deletes it in the transaction that
    adds it. ``deltas`` is JSON: the day-grain rows of ``rollups.Deltas``. Rows are folded in
    no particular order: the sums add up the same in any.
    """

    __tablename__ = "rollup_pending"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    pending_id: Mapped[str] = mapped_column(ID, primary_key=True)
    created_at: Mapped[datetime]
    deltas: Mapped[str] = mapped_column(Text)
