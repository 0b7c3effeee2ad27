"""Organizations, their catalog counter and users, and rows that belong to no organization."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ID, ORG, Base


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
    totp_confirmed_at: Mapped[datetime | None]
    """When the user proved their authenticator app with a code; ``None`` until then (an
    invited user), and the back office's first sign-in enrolls it. Users whose secret was handed
    out when made (the admin CLI, the API, the demo) count as confirmed from creation."""

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
