"""Sales as the tills sent them, and the stock ledger they feed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ID, ORG, Base
from server_stub.tender_mask import RARE_TENDERS, tender_index_name, tender_predicate


class SaleRow(Base):
    """One sale exactly as the till sent it, plus what the server observed about it."""

    __tablename__ = "sales"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    sale_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_id: Mapped[str] = mapped_column(ID)
    device_id: Mapped[str] = mapped_column(String(80))
    till_code: Mapped[str] = mapped_column(String(16))
    receipt_no: Mapped[str] = mapped_column(String(64))
    cashier_code: Mapped[str] = mapped_column(String(64))
    sold_at: Mapped[datetime]
    """The till's clock, converted to UTC; ``payload`` keeps the till's own offset."""
    business_day: Mapped[date]
    """The calendar day in the till's time zone, for per-day reports."""
    received_at: Mapped[datetime]
    """The server's clock when the sale was stored."""
    currency: Mapped[str] = mapped_column(String(3))
    subtotal: Mapped[int] = mapped_column(BigInteger)
    discount_total: Mapped[int] = mapped_column(BigInteger)
    tax_total: Mapped[int] = mapped_column(BigInteger)
    rounding: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)
    line_count: Mapped[int] = mapped_column(Integer)
    tender_mask: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    """A bit per kind of tender that paid (``server_stub.tender_mask``), for the back office's
    tender filter; ingest sets it, migration 0012 filled it from the stored documents."""
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    flags: Mapped[list[str]]
    flag_details: Mapped[dict[str, Any]]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "store_id", "business_day"),
        Index(None, "org_id", "business_day"),
        Index(None, "org_id", "receipt_no"),
        Index(None, "org_id", "store_id", "till_code", "receipt_no"),
        # The back office's sales list pages newest first on (sold_at, sale_id) (migration 0010).
        Index(None, "org_id", "sold_at", "sale_id"),
        Index(None, "org_id", "store_id", "sold_at", "sale_id"),
        # The same orders over the sales one rare tender paid (migration 0012).
        *(
            Index(
                tender_index_name(kind, per_store=per_store),
                *(("org_id", "store_id") if per_store else ("org_id",)),
                "sold_at",
                "sale_id",
                sqlite_where=text(tender_predicate(kind)),
                postgresql_where=text(tender_predicate(kind)),
            )
            for per_store in (False, True)
            for kind in RARE_TENDERS
        ),
    )


class StockMovement(Base):
    """Append-only stock ledger. Quantities in thousandths (grams for a product sold per kg).

    Levels are sums over the ledger, so concurrent sales from many tills only ever insert rows
    and add up exactly; nothing is read-modified-written.
    """

    __tablename__ = "stock_movements"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    movement_id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID)
    product_id: Mapped[str] = mapped_column(String(64))
    qty_milli: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "store_id", "product_id"),
    )
