"""Organization API keys: what an integration (accounting, a web shop, a CRM) signs in with.

The presented secret names the organization and the key
(``posk_live_<org_id>_<key_id>_<secret>``), so the server finds the row by its tenant-leading
primary key from the secret alone. The secret itself is never stored: only its HMAC-SHA256
under a key derived from the server secret (``server_stub.api_keys``). During a rotation the
previous secret's hash stays valid until ``previous_expires_at``, so an integration can be
redeployed without a gap.

The rate limiter's fixed window lives on the row (``rate_window`` is the minute since the epoch,
``rate_count`` the requests counted in it): one short ``UPDATE`` per request, shared by every
worker process and host.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKeyConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ID, ORG, Base

DEFAULT_RATE_LIMIT_PER_MIN = 600
"""Ten requests a second on average: well above a sync job's needs, well below what hurts."""


class ApiKey(Base):
    """One API key. ``scopes`` are names from ``server_stub.api.scopes``; ``store_ids`` is
    ``None`` for every store (present and future) or the list the key is limited to.
    ``created_by`` is the user id, or the key id of the key that made it."""

    __tablename__ = "api_keys"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    key_id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    scopes: Mapped[list[str]]
    store_ids: Mapped[list[str] | None]
    prefix: Mapped[str] = mapped_column(String(16))
    """The secret's first characters, shown so a person can tell which secret is in use."""
    secret_hash: Mapped[str] = mapped_column(String(64))
    previous_secret_hash: Mapped[str | None] = mapped_column(String(64))
    previous_expires_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(ID)
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    """Written at most once a minute per key (see ``server_stub.api_keys.touch``)."""
    rate_limit_per_min: Mapped[int] = mapped_column(Integer, default=DEFAULT_RATE_LIMIT_PER_MIN)
    rate_window: Mapped[int] = mapped_column(BigInteger, default=0)
    rate_count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),)
