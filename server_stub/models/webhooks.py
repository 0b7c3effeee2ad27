"""Webhooks: the owner's endpoints, the outbox of events, and one delivery per endpoint and event.

An event row is written in the same transaction as the change it tells of (``server_stub.webhooks
.events``), so a committed change always has its event and a rolled-back one never does. The
delivery worker (``server_stub.webhooks.worker``) turns each event into a delivery per endpoint
that wants it, then sends, retries and records them; the partial indexes below hold only the
deliveries still to be sent, so the worker's reads stay short whatever the history.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
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

EVENT_ID = String(40)
"""``msg_`` and 26 hex digits: the time in microseconds first, so ids sort in the order the
events were made (``server_stub.webhooks.events.new_event_id``)."""
RESOURCE = String(160)

UNSENT = "status IN ('pending', 'failed')"
"""A delivery still to be sent: never tried (or in flight), or failed with a retry scheduled."""
UNDISPATCHED = "dispatched_at IS NULL"
"""An event whose deliveries are not made yet."""


class WebhookEndpoint(Base):
    """Where an organization wants its events sent, and the secret it signs them with.

    The secret is kept as the owner was shown it (``whsec_`` and base64): HMAC signing needs
    it in the clear. After a rotation the previous secret signs too until
    ``previous_secret_expires_at``, so a receiver can switch without losing a delivery.
    """

    __tablename__ = "webhook_endpoints"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    endpoint_id: Mapped[str] = mapped_column(ID, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048))
    description: Mapped[str] = mapped_column(String(200), default="")
    event_types: Mapped[list[str]]
    secret: Mapped[str] = mapped_column(String(100))
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None]
    allow_lan: Mapped[bool] = mapped_column(Boolean, default=False)
    """The owner allowed a private or link-local address (a receiver on the shop's own LAN)."""
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_at: Mapped[datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(String(300))
    """Why it was switched off: by the owner (``owner``), or after 3 days of failed deliveries
    (``failing``: what the last attempt got)."""
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),)


class WebhookEvent(Base):
    """One event in the outbox: its type, the resource it is about (deliveries of one resource
    go out in order), and the body as it is signed and sent; a sale.created body gets the
    sale's document from its (unchanging) sales row when sent, so the outbox does not hold a
    second copy of every sale (``webhooks.sources.complete``)."""

    __tablename__ = "webhook_events"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    event_id: Mapped[str] = mapped_column(EVENT_ID, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(40))
    resource: Mapped[str] = mapped_column(RESOURCE)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    dispatched_at: Mapped[datetime | None]
    """When the worker made its deliveries; ``None`` until then."""
    endpoint_id: Mapped[str | None] = mapped_column(ID)
    """A test event goes to this endpoint only, whatever it subscribed to."""

    __table_args__ = (
        Index(None, "org_id", "created_at"),
        Index(
            "ix_webhook_events_undispatched",
            "org_id",
            "event_id",
            sqlite_where=text(UNDISPATCHED),
            postgresql_where=text(UNDISPATCHED),
        ),
    )


class WebhookDelivery(Base):
    """One event for one endpoint: its state, when it is tried next, and what the last attempt
    got (status code, time taken, the first 500 bytes of the answer).

    A worker claims a delivery by moving ``next_attempt_at`` to the end of a lease and writing
    its ``lease_token``; it records the result only while the token is still its own. A worker
    that dies leaves the lease to run out, and the delivery is due again: at least once.
    """

    __tablename__ = "webhook_deliveries"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    endpoint_id: Mapped[str] = mapped_column(ID, primary_key=True)
    event_id: Mapped[str] = mapped_column(EVENT_ID, primary_key=True)
    resource: Mapped[str] = mapped_column(RESOURCE)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    give_up_at: Mapped[datetime]
    """Retried until then (3 days after it was made, or after a manual redelivery)."""
    lease_token: Mapped[str | None] = mapped_column(String(32))
    last_attempt_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_latency_ms: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(300))
    response_excerpt: Mapped[str | None] = mapped_column(Text)
    """The first 500 bytes of the receiver's last answer, never more."""
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(
            ["org_id", "endpoint_id"],
            ["webhook_endpoints.org_id", "webhook_endpoints.endpoint_id"],
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["org_id", "event_id"],
            ["webhook_events.org_id", "webhook_events.event_id"],
            ondelete="CASCADE",
        ),
        Index(
            "ix_webhook_deliveries_due",
            "org_id",
            "next_attempt_at",
            sqlite_where=text(UNSENT),
            postgresql_where=text(UNSENT),
        ),
        Index(
            "ix_webhook_deliveries_order",
            "org_id",
            "endpoint_id",
            "resource",
            "event_id",
            sqlite_where=text(UNSENT),
            postgresql_where=text(UNSENT),
        ),
        Index(None, "org_id", "event_id"),
    )
