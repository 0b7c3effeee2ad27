"""What each till last said about itself in its heartbeat (``server_stub.till_health``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKeyConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ORG, Base


class TillHealth(Base):
    """One row per till, overwritten by each heartbeat: the latest state, not a history.

    Times the till reports (its oldest unsent sale, its last sync) are stored on the cloud's
    clock: the till's own clock may be wrong, so each is moved by the difference between the
    heartbeat's ``sent_at`` and the moment it arrived.
    """

    __tablename__ = "till_health"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    received_at: Mapped[datetime]
    """When the cloud got the latest heartbeat (the cloud's clock)."""
    sent_at: Mapped[datetime]
    """The till's clock when it sent it."""
    app_version: Mapped[str] = mapped_column(String(32))
    unsent_sales: Mapped[int] = mapped_column(Integer)
    oldest_unsent_at: Mapped[datetime | None]
    needs_attention: Mapped[int] = mapped_column(Integer)
    clock_skew_s: Mapped[int | None] = mapped_column(Integer)
    """What the till measured against the cloud's answers (ahead positive); ``None`` if it had
    nothing to measure yet."""
    printer: Mapped[str] = mapped_column(String(32))
    last_sync_at: Mapped[datetime | None]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "device_id"], ["devices.org_id", "devices.device_id"]),
    )
