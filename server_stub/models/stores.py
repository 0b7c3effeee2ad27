"""Stores with their profile versions, the staff who work in them, pairing codes and tills."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ID, ORG, Base


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
    timezone: Mapped[str] = mapped_column(
        String(64), default="Asia/Jakarta", server_default="Asia/Jakarta"
    )
    """IANA zone of the store's day and opening hours (WIB, WITA or WIT)."""
    opening_hours: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    """Per weekday ("mon".."sun"): ``{"open": "08:00", "close": "21:00"}``; absent = closed."""

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
    """A paired till. ``device_id`` starts with its ``org_id`` (see
    ``server_stub.core.security.credentials``)."""

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
