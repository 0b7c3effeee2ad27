"""Documents tills push besides sales: refunds, X and Z reports, audit journals and their alerts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ID, ORG, Base


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
