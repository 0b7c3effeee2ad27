"""The till's tables, as SQLAlchemy typed models.

Conventions, because the sync contract and the auditor both depend on them:

* money is ``INTEGER`` minor units (rupiah), never REAL;
* quantities are ``INTEGER`` thousandths (``quantity_milli``: 1.5 kg is 1500), never REAL;
* instants are ISO-8601 UTC text (``UtcDateTime``), so they sort and compare as text and read
  back timezone-aware;
* a sale is stored twice on purpose: as columns (for reports and queries) and as the exact JSON
  document (``SaleRecord.to_json``) that the receipt was printed from and the cloud receives.

The schema is owned by the Alembic migrations in ``migrations/``; a test checks that these models
and the migrations agree. The product search index (an FTS5 table and its triggers) lives only in
the migrations (``0001_initial``); ``catalog.py`` queries it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_text(value: datetime) -> str:
    """The stored form of an instant; naive values are refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: the till stores aware times only")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


class UtcDateTime(TypeDecorator[datetime]):
    """An aware ``datetime`` stored as fixed-width UTC ISO text; naive values are refused."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else utc_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(str(value)).astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TaxCategoryRow(Base):
    __tablename__ = "tax_categories"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    rate_bp: Mapped[int] = mapped_column(Integer, default=0)
    base_numerator: Mapped[int] = mapped_column(Integer, default=1)
    base_denominator: Mapped[int] = mapped_column(Integer, default=1)
    updated_seq: Mapped[int | None] = mapped_column(Integer)
    """The cloud's catalog sequence number of this row; ``NULL`` until the cloud sent it."""

    __table_args__ = (
        CheckConstraint("rate_bp >= 0", name="rate_bp_not_negative"),
        CheckConstraint("base_numerator > 0 AND base_denominator > 0", name="base_positive"),
    )


class ProductRow(Base):
    """A product of the catalog.

    Catalog writers upsert (``INSERT ... ON CONFLICT DO UPDATE``), never ``INSERT OR REPLACE``:
    a REPLACE deletes the old row, and the delete cascades to the product's barcodes.
    """

    __tablename__ = "products"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    """Integer row key (a ``rowid`` alias, stable across VACUUM) that the search index uses."""
    id: Mapped[str] = mapped_column(String(64), unique=True)
    """Server UUID, or a local one for products made on the till."""
    sku: Mapped[str] = mapped_column(String(64, collation="NOCASE"), unique=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), index=True)
    """``NOCASE`` so ``name LIKE 'ab%'`` can use the index for 1-2 letter searches."""
    category: Mapped[str] = mapped_column(String(100), default="")
    price: Mapped[int] = mapped_column(Integer)
    tax_code: Mapped[str] = mapped_column(ForeignKey("tax_categories.code"))
    sold_by_weight: Mapped[bool] = mapped_column(Boolean, default=False)
    unit: Mapped[str] = mapped_column(String(16), default="pcs")
    in_store_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    """Item code used by scale labels and shelf-made barcodes (prefix 20-29)."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_seq: Mapped[int | None] = mapped_column(Integer, index=True)
    """The cloud's catalog sequence number of this row; the catalog pull's cursor."""

    __table_args__ = (CheckConstraint("price >= 0", name="price_not_negative"),)


class ProductBarcodeRow(Base):
    __tablename__ = "product_barcodes"

    barcode: Mapped[str] = mapped_column(String(32), primary_key=True)
    """Normalised (EAN-13 for UPC-A/UPC-E), as ``domain.barcode.normalize`` returns it."""
    product_id: Mapped[str] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    cloud_id: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    """The cloud's staff id; ``NULL`` only for users made on the till before staff synced."""
    updated_seq: Mapped[int | None] = mapped_column(Integer)
    """The catalog-feed sequence number that last wrote this row."""

    __table_args__ = (
        CheckConstraint("role IN ('cashier', 'supervisor', 'manager')", name="role_known"),
    )


class StoreSettingsRow(Base):
    """One row (``id = 1``): the store this till belongs to and its store-wide rules."""

    __tablename__ = "store_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_code: Mapped[str] = mapped_column(String(16))
    till_code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    address_lines: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of strings."""
    npwp: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    footer_lines: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of strings."""
    currency: Mapped[str] = mapped_column(String(3), default="IDR")
    ppn_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    prices_include_tax: Mapped[bool] = mapped_column(Boolean, default=True)
    rounding_step: Mapped[int] = mapped_column(Integer, default=100)
    legal_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    header_lines: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    """JSON list of strings printed under the store's name."""
    profile_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """The cloud's version of this profile; every sale records the one it was rung under."""
    receipt_series: Mapped[str] = mapped_column(String(8), default="", server_default="")
    """Set after a restore the cloud could not vouch for: a new receipt-number series."""

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)


class ReceiptCounterRow(Base):
    """The last receipt number used by a till; bumped inside each sale's transaction."""

    __tablename__ = "receipt_counters"

    till_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer, default=0)


class SaleRow(Base):
    __tablename__ = "sales"

    sale_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(64), unique=True)
    receipt_seq: Mapped[int] = mapped_column(Integer, index=True)
    """The counter value inside ``receipt_no``; orders the journal."""
    store_code: Mapped[str] = mapped_column(String(16))
    till_code: Mapped[str] = mapped_column(String(16))
    sold_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    cashier_code: Mapped[str] = mapped_column(String(32))
    cashier_name: Mapped[str] = mapped_column(String(100))
    currency: Mapped[str] = mapped_column(String(3))
    prices_include_tax: Mapped[bool] = mapped_column(Boolean)
    subtotal: Mapped[int] = mapped_column(Integer)
    line_discounts: Mapped[int] = mapped_column(Integer)
    order_discount: Mapped[int] = mapped_column(Integer)
    tax_added: Mapped[int] = mapped_column(Integer)
    tax_included: Mapped[int] = mapped_column(Integer)
    rounding: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    paid: Mapped[int] = mapped_column(Integer)
    change: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)
    """The ``SaleRecord.to_json`` document, verbatim: what was printed and what is synced."""
    shift_id: Mapped[str | None] = mapped_column(String(64), index=True)
    """The cash shift open when the sale was committed (``NULL`` for sales before shifts)."""
    profile_version: Mapped[int | None] = mapped_column(Integer)
    """The store-profile version the sale was rung under (``NULL`` before 0004)."""


class SaleLineRow(Base):
    __tablename__ = "sale_lines"

    sale_id: Mapped[str] = mapped_column(
        ForeignKey("sales.sale_id", ondelete="CASCADE"), primary_key=True
    )
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[str] = mapped_column(String(64), index=True)
    """No foreign key: the line is a snapshot and outlives the product."""
    sku: Mapped[str] = mapped_column(String(64))
    barcode: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    quantity_milli: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(16))
    unit_price: Mapped[int] = mapped_column(Integer)
    gross: Mapped[int] = mapped_column(Integer)
    line_discount: Mapped[int] = mapped_column(Integer)
    order_discount: Mapped[int] = mapped_column(Integer)
    net: Mapped[int] = mapped_column(Integer)
    tax_code: Mapped[str] = mapped_column(String(16))


class SaleTenderRow(Base):
    __tablename__ = "sale_tenders"

    sale_id: Mapped[str] = mapped_column(
        ForeignKey("sales.sale_id", ondelete="CASCADE"), primary_key=True
    )
    tender_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Integer)
    approval_code: Mapped[str] = mapped_column(String(16), default="")
    card_last4: Mapped[str] = mapped_column(String(4), default="")
    reference: Mapped[str] = mapped_column(String(64), default="")
    provider: Mapped[str] = mapped_column(String(32), default="")


class SaleTaxRow(Base):
    __tablename__ = "sale_taxes"

    sale_id: Mapped[str] = mapped_column(
        ForeignKey("sales.sale_id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    rate_bp: Mapped[int] = mapped_column(Integer)
    base: Mapped[int] = mapped_column(Integer)
    tax: Mapped[int] = mapped_column(Integer)
    included: Mapped[bool] = mapped_column(Boolean)


class OutboxStatus:
    PENDING = "pending"
    DONE = "done"
    """The server acknowledged this exact sale (``accepted`` or ``duplicate``)."""
    FAILED = "failed"
    """Needs attention: the server refused the sale for good (``conflict`` or ``rejected``);
    ``last_error`` holds its reason. Kept on the till, never dropped."""


class OutboxRow(Base):
    """One row per sale, written in the sale's transaction; the sync relay sends pending rows."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.sale_id"), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="sale")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    acked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ack_status: Mapped[str | None] = mapped_column(String(16))
    """The server's answer: ``accepted``, ``duplicate``, ``conflict`` or ``rejected``."""
    ack_flags: Mapped[str | None] = mapped_column(Text)
    """JSON list of what the server noticed and stored anyway (``totals_mismatch``, ...)."""

    __table_args__ = (
        CheckConstraint("status IN ('pending', 'done', 'failed')", name="status_known"),
        Index("ix_outbox_status_id", "status", "id"),
    )


class SyncStateRow(Base):
    """One row (``id = 1``): this till's pairing with the cloud and the catalog pull's cursor.

    The device secret is not here: it lives in the OS keyring (or, when store IT chose so, in an
    owner-only file), so a copied database does not carry the till's credential.
    """

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str | None] = mapped_column(String(300))
    device_id: Mapped[str | None] = mapped_column(String(100))
    org_id: Mapped[str | None] = mapped_column(String(64))
    org_name: Mapped[str | None] = mapped_column(String(200))
    paired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    catalog_cursor: Mapped[str | None] = mapped_column(String(32))
    """``next_cursor`` of the last applied catalog page; ``NULL``: pull the full catalog."""
    full_pull_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    """A full pull is under way: at its end, rows the cloud did not send are removed."""
    catalog_pulled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    stock_pulled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)


class StockLevelRow(Base):
    """The store's stock level of a product as the cloud last reported it (its ledger's sum)."""

    __tablename__ = "stock_levels"

    product_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    """No foreign key: the cloud's ledger may name products the till no longer has."""
    quantity_milli: Mapped[int] = mapped_column(Integer)


# -- store operations: shifts, reports, refunds, held carts, permissions, journal -------------


class ShiftRow(Base):
    """A cash shift of this till: opened with a float, closed with a count and a Z report."""

    __tablename__ = "shifts"

    shift_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    till_code: Mapped[str] = mapped_column(String(16))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_by: Mapped[str] = mapped_column(String(32))
    opening_float: Mapped[int] = mapped_column(Integer)
    open_seq: Mapped[int] = mapped_column(Integer)
    """Journal sequence number of the shift's ``shift_open`` entry: later entries are its own."""
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(32))
    counted_cash: Mapped[int | None] = mapped_column(Integer)
    count_json: Mapped[str | None] = mapped_column(Text)
    """Counted notes and coins by ``domain.cash`` key: ``{"note_100000": 3, "coin_500": 4}``."""
    note: Mapped[str] = mapped_column(Text, default="")
    z_no: Mapped[int | None] = mapped_column(Integer, unique=True)

    __table_args__ = (
        CheckConstraint("opening_float >= 0", name="float_not_negative"),
        Index(
            "uq_shifts_one_open",
            "till_code",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
        ),
    )


class CashMovementRow(Base):
    __tablename__ = "cash_movements"

    movement_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.shift_id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    amount: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor_code: Mapped[str] = mapped_column(String(32))
    approver_code: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        CheckConstraint("kind IN ('in', 'out')", name="kind_known"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )


class ShiftReportRow(Base):
    """An X (mid-shift) or Z (closing) report, as the document that was printed and synced."""

    __tablename__ = "shift_reports"

    report_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.shift_id"), index=True)
    kind: Mapped[str] = mapped_column(String(1))
    report_no: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    document: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("kind IN ('X', 'Z')", name="kind_known"),
        Index("uq_shift_reports_z_no", "report_no", unique=True, sqlite_where=text("kind = 'Z'")),
    )


class CounterRow(Base):
    """Named gap-free counters (refund numbers, Z numbers, X numbers per shift)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer, default=0)


class RefundRow(Base):
    __tablename__ = "refunds"

    refund_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    refund_no: Mapped[str] = mapped_column(String(64), unique=True)
    refund_seq: Mapped[int] = mapped_column(Integer)
    original_sale_id: Mapped[str] = mapped_column(String(64), index=True)
    """No foreign key: the sale may have been made on another till of the store."""
    original_receipt_no: Mapped[str] = mapped_column(String(64))
    refunded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cashier_code: Mapped[str] = mapped_column(String(32))
    approver_code: Mapped[str | None] = mapped_column(String(32))
    total: Mapped[int] = mapped_column(Integer)
    shift_id: Mapped[str | None] = mapped_column(String(64), index=True)
    document: Mapped[str] = mapped_column(Text)


class RefundLineRow(Base):
    __tablename__ = "refund_lines"

    refund_id: Mapped[str] = mapped_column(
        ForeignKey("refunds.refund_id", ondelete="CASCADE"), primary_key=True
    )
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    """The original sale's line number."""
    quantity_milli: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)

    __table_args__ = (CheckConstraint("quantity_milli > 0", name="quantity_positive"),)


class HeldCartRow(Base):
    """A parked sale: the cart as JSON, kept across restarts until recalled."""

    __tablename__ = "held_carts"

    hold_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    held_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cashier_code: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(100), default="")
    line_count: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)


class PermissionRow(Base):
    """A row means the role has the permission (see ``domain.permissions``)."""

    __tablename__ = "permissions"

    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    permission: Mapped[str] = mapped_column(String(32), primary_key=True)


class TillPolicyRow(Base):
    """Till-local limits store IT sets: ``discount_limit_bp``, ``void_grace_s``."""

    __tablename__ = "till_policy"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DocOutboxRow(Base):
    """Refunds, shift reports and PIN changes waiting for the cloud; same life cycle as
    ``OutboxRow``."""

    __tablename__ = "doc_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    doc_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    acked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ack_status: Mapped[str | None] = mapped_column(String(16))
    ack_flags: Mapped[str | None] = mapped_column(Text)
    document: Mapped[str | None] = mapped_column(Text)
    """The document as sent, for a kind with no table of its own (``staff_pin``); else NULL."""

    __table_args__ = (
        CheckConstraint("status IN ('pending', 'done', 'failed')", name="status_known"),
        CheckConstraint("kind IN ('refund', 'shift_report', 'staff_pin')", name="kind_known"),
        UniqueConstraint("kind", "doc_id"),
        Index("ix_doc_outbox_status_id", "status", "id"),
    )


class JournalRow(Base):
    """The append-only audit journal (``domain.journal``): never updated, never deleted."""

    __tablename__ = "journal"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[str] = mapped_column(String(32))
    """UTC ISO text exactly as hashed."""
    actor_code: Mapped[str] = mapped_column(String(32))
    approver_code: Mapped[str | None] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text)
    """Canonical JSON exactly as hashed."""
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class JournalMetaRow(Base):
    """One row (``id = 1``): this journal's id (its genesis) and how far the cloud has it."""

    __tablename__ = "journal_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    journal_id: Mapped[str] = mapped_column(String(64))
    synced_seq: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)


UNMANAGED_TABLE_PREFIX = "product_search"
"""The FTS5 search index and its shadow tables: made by the migrations, not by these models."""


def include_in_autogenerate(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: leave the search index out of model/schema comparison."""
    return not (type_ == "table" and name is not None and name.startswith(UNMANAGED_TABLE_PREFIX))
