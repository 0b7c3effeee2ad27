"""The cloud's tables.

Tenancy rule: every table has an ``org_id`` column and it is the first column of every primary
key, unique key, foreign key and index. That keeps every query of one organization on one index
range, and it is what a distributed PostgreSQL (Citus) needs to shard by tenant: unique
constraints must include the distribution column and co-located foreign keys must join on it.
Rows that belong to no organization (the signing secret, throttling by client address) use the
empty string as their ``org_id``.

Identifiers are made by the server (``uuid4().hex``) rather than by autoincrement: SQLite can
only autoincrement a one-column primary key, and a tenant-leading composite key is the point.
The till's own ids (sale UUIDs, product ids in sale lines) are kept as text.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NO_ORG = ""
"""``org_id`` of rows that belong to no organization."""

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return uuid.uuid4().hex


class UTCDateTime(TypeDecorator[datetime]):
    """Always hands back an aware UTC datetime.

    SQLite has no time zone type and returns naive values; storing every timestamp as naive UTC
    there keeps text comparison equal to time comparison. PostgreSQL gets ``timestamptz``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


ID = String(32)
ORG = String(32)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UTCDateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


# -- tenants and people ---------------------------------------------------------------------


class Organization(Base):
    __tablename__ = "organizations"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class CatalogCounter(Base):
    """The per-organization catalog sequence (see ``server_stub.catalog``)."""

    __tablename__ = "catalog_counters"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    __table_args__ = (ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),)


class User(Base):
    __tablename__ = "users"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    totp_secret: Mapped[str] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    """Newest TOTP time step accepted; a code of that step or older is never accepted again."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint("org_id", "email"),
        ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),
    )


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    token_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    user_id: Mapped[str] = mapped_column(ID)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "user_id"], ["users.org_id", "users.user_id"]),
        Index(None, "org_id", "user_id"),
    )


class LoginThrottle(Base):
    """Failed-attempt counters shared by all workers (scope ``account`` or ``address``)."""

    __tablename__ = "login_throttle"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    scope: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime]
    blocked_until: Mapped[datetime | None]


class ServerSetting(Base):
    __tablename__ = "server_settings"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# -- stores and tills -----------------------------------------------------------------------


class Store(Base):
    __tablename__ = "stores"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID, primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(500), default="")
    currency: Mapped[str] = mapped_column(String(3), default="IDR")
    ppn_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    prices_include_tax: Mapped[bool] = mapped_column(Boolean, default=True)
    rounding_step: Mapped[int] = mapped_column(Integer, default=100)
    created_at: Mapped[datetime]
    legal_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    npwp: Mapped[str] = mapped_column(String(32), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(32), default="", server_default="")
    receipt_header: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    receipt_footer: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    profile_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Bumped by every change a till must apply; each sale says which version it was rung under."""
    profile_updated_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("org_id", "code"),
        ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),
    )


class StoreProfileVersion(Base):
    """Each version of a store's profile and when the cloud made it.

    A sale names the version it was rung under; it is flagged ``stale_profile`` when a newer
    version had been made before the sale was rung, whenever the sale arrives.
    """

    __tablename__ = "store_profile_versions"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    changed_at: Mapped[datetime]
    profile: Mapped[dict[str, Any]]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
    )


class StaffMember(Base):
    """A person who works at the tills of one or more stores, with the PIN they log in with.

    ``pin_verifier`` is an argon2id hash: it is what the tills receive through the feed (with
    ``seq`` from the organization's catalog counter), so a till checks PINs offline and no PIN is
    ever stored or sent in plaintext.
    """

    __tablename__ = "staff"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    staff_id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pin_verifier: Mapped[str] = mapped_column(String(200))
    pin_set_at: Mapped[datetime]
    pin_change_id: Mapped[str | None] = mapped_column(String(64))
    """The till document that last set the PIN, so a resent change is applied once."""
    seq: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),
        Index(None, "org_id", "seq"),
    )


class StaffStore(Base):
    """Which stores a staff member works in; only those stores' tills get their verifier."""

    __tablename__ = "staff_stores"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    staff_id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID, primary_key=True)

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "staff_id"], ["staff.org_id", "staff.staff_id"]),
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
    )


class EnrollmentCode(Base):
    __tablename__ = "enrollment_codes"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    code_id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID)
    code_hash: Mapped[str] = mapped_column(String(64))
    till_code: Mapped[str | None] = mapped_column(String(16))
    replace_existing: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    device_id: Mapped[str | None] = mapped_column(String(80))

    __table_args__ = (
        UniqueConstraint("org_id", "code_hash"),
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
    )


class Device(Base):
    """A paired till. ``device_id`` starts with its ``org_id`` (see ``server_stub.credentials``)."""

    __tablename__ = "devices"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    store_id: Mapped[str] = mapped_column(ID)
    till_code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_sync_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        # One active device per till code and store: receipt numbers are per till code.
        Index(
            "uq_devices_active_till",
            "org_id",
            "store_id",
            "till_code",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )


# -- catalog --------------------------------------------------------------------------------


class TaxCategoryRow(Base):
    __tablename__ = "tax_categories"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    rate_bp: Mapped[int] = mapped_column(Integer)
    base_numerator: Mapped[int] = mapped_column(Integer, default=1)
    base_denominator: Mapped[int] = mapped_column(Integer, default=1)
    seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),
        Index(None, "org_id", "seq"),
    )


class ProductRow(Base):
    __tablename__ = "products"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    product_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    """Server-made by default; an owner or an ERP may choose it (the demo uses the SKU)."""
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100), default="")
    price: Mapped[int] = mapped_column(BigInteger)
    tax_code: Mapped[str] = mapped_column(String(16))
    sold_by_weight: Mapped[bool] = mapped_column(Boolean, default=False)
    unit: Mapped[str] = mapped_column(String(16), default="pcs")
    in_store_code: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint("org_id", "sku"),
        ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),
        Index(None, "org_id", "seq"),
    )


class ProductBarcode(Base):
    __tablename__ = "product_barcodes"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    barcode: Mapped[str] = mapped_column(String(64), primary_key=True)
    product_id: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        ForeignKeyConstraint(
            ["org_id", "product_id"],
            ["products.org_id", "products.product_id"],
            ondelete="CASCADE",
        ),
        Index(None, "org_id", "product_id"),
    )


class CatalogTombstone(Base):
    """A deleted catalog entry, kept so tills that already have it learn to drop it."""

    __tablename__ = "catalog_tombstones"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    deleted_at: Mapped[datetime]

    __table_args__ = (ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),)


# -- sales and stock ------------------------------------------------------------------------


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


# -- store operations: refunds, shift reports, audit journals -------------------------------


class RefundRow(Base):
    """A refund exactly as the till sent it. ``counted`` is False for a flagged over-refund:
    kept for the owner, but not in stock or totals until someone resolves it."""

    __tablename__ = "refunds"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    refund_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ID)
    device_id: Mapped[str] = mapped_column(String(80))
    till_code: Mapped[str] = mapped_column(String(16))
    refund_no: Mapped[str] = mapped_column(String(64))
    original_sale_id: Mapped[str] = mapped_column(String(64))
    refunded_at: Mapped[datetime]
    business_day: Mapped[date]
    received_at: Mapped[datetime]
    total: Mapped[int] = mapped_column(BigInteger)
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    flags: Mapped[list[str]]
    flag_details: Mapped[dict[str, Any]]
    counted: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "original_sale_id"),
        Index(None, "org_id", "store_id", "business_day"),
    )


class RefundLineRow(Base):
    __tablename__ = "refund_lines"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    refund_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    """The original sale's line number."""
    original_sale_id: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[str] = mapped_column(String(64))
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)
    counted: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (
        ForeignKeyConstraint(
            ["org_id", "refund_id"], ["refunds.org_id", "refunds.refund_id"], ondelete="CASCADE"
        ),
        Index(None, "org_id", "original_sale_id"),
    )


class ShiftReportRow(Base):
    """An X or Z report as the till printed it; a Z number is used once per till."""

    __tablename__ = "shift_reports"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    report_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ID)
    device_id: Mapped[str] = mapped_column(String(80))
    till_code: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(1))
    report_no: Mapped[int] = mapped_column(Integer)
    shift_id: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    business_day: Mapped[date]
    received_at: Mapped[datetime]
    pending_sales: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "store_id", "business_day"),
        Index(
            "uq_shift_reports_z_no",
            "org_id",
            "store_id",
            "till_code",
            "report_no",
            unique=True,
            sqlite_where=text("kind = 'Z'"),
            postgresql_where=text("kind = 'Z'"),
        ),
    )


class JournalEntryRow(Base):
    """A till's audit journal entry as received; verified against its chain on arrival."""

    __tablename__ = "journal_entries"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    journal_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID)
    device_id: Mapped[str] = mapped_column(String(80))
    till_code: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[str] = mapped_column(String(40))
    """The till's UTC ISO text exactly as hashed."""
    actor_code: Mapped[str] = mapped_column(String(64))
    approver_code: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
    )


class JournalAlert(Base):
    """Something wrong with a till's journal: a gap, a break, an edited or conflicting entry."""

    __tablename__ = "journal_alerts"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    alert_id: Mapped[str] = mapped_column(ID, primary_key=True)
    journal_id: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str] = mapped_column(ID)
    till_code: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "store_id", "detected_at"),
    )
