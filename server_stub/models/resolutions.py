"""Alerts someone has looked at: who resolved a journal alert, an over-refund or a flagged sale,
when, and with what note.

The alerts themselves stay where ingest put them (``journal_alerts``, ``refunds.flags``,
``sales.flags``): a resolution is a row of its own, one per alert, so resolving never rewrites
what a till sent and an alert is open exactly while it has no resolution row.

Flagged sales are a few among millions, so the sales table gets a partial index on them (the
rows whose ``flags`` array is not empty), and the refunds table one on over-refunds: the alerts
page reads those indexes, never the whole tables. Their predicates are :data:`SALE_FLAGGED` and
:data:`REFUND_NOT_COUNTED`, the very text queries repeat so both databases' planners use them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKeyConstraint, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ID, ORG, Base
from server_stub.models.sales import SaleRow
from server_stub.models.store_operations import RefundRow

SALE_FLAGGED = "json_array_length(flags) > 0"
"""A sale with at least one flag; both SQLite and PostgreSQL (``json``) have the function."""
REFUND_NOT_COUNTED = "NOT counted"
"""An over-refund: kept but not counted (``server_stub.refunds``)."""


class Resolution(Base):
    """One alert's resolution. ``subject_kind`` is ``journal`` (``subject_id`` a journal alert's
    id), ``refund`` (a refund id) or ``sale`` (a sale id). ``resolved_by_email`` is kept as it was
    when resolving, so the name stays readable after that user is removed."""

    __tablename__ = "resolutions"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ID)
    note: Mapped[str] = mapped_column(Text)
    resolved_by: Mapped[str] = mapped_column(ID)
    """The user's id."""
    resolved_by_email: Mapped[str] = mapped_column(String(254))
    resolved_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
        Index(None, "org_id", "store_id", "resolved_at"),
    )


SALES_FLAGGED_INDEX = Index(
    "ix_sales_flagged",
    SaleRow.org_id,
    SaleRow.sold_at,
    sqlite_where=text(SALE_FLAGGED),
    postgresql_where=text(SALE_FLAGGED),
)
"""Declared here, beside the only queries that use it (``server_stub.alerts``)."""

REFUNDS_OVER_INDEX = Index(
    "ix_refunds_over",
    RefundRow.org_id,
    RefundRow.refunded_at,
    sqlite_where=text(REFUND_NOT_COUNTED),
    postgresql_where=text(REFUND_NOT_COUNTED),
)
