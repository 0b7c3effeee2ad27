"""The back office's sign-in: browser sessions, recovery codes, invitations, managers' stores."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKeyConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ID, ORG, Base


class WebSession(Base):
    """One signed-in browser. The cookie holds ``<session_id>.<secret>`` and only the secret's
    SHA-256 is kept, so a copy of this table signs nobody in.

    ``stage`` is how far the sign-in got: ``enroll`` (password right, TOTP still to be set up)
    or ``full``; only a full session opens the back office. Rows are deleted on sign-out, on
    idle timeout and all at once by "sign out everywhere".
    """

    __tablename__ = "web_sessions"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    session_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(ID)
    stage: Mapped[str] = mapped_column(String(16))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "user_id"], ["users.org_id", "users.user_id"]),
        Index(None, "org_id", "user_id"),
    )


class RecoveryCode(Base):
    """A one-time code that stands in for the TOTP code once (a lost phone); argon2-hashed,
    since it is short enough to be typed, and stamped ``used_at`` when spent."""

    __tablename__ = "recovery_codes"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    code_id: Mapped[str] = mapped_column(ID, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "user_id"], ["users.org_id", "users.user_id"]),
    )


class UserStore(Base):
    """The stores a manager sees; an owner sees every store and has no rows here."""

    __tablename__ = "user_stores"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ID, primary_key=True)

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "user_id"], ["users.org_id", "users.user_id"]),
        ForeignKeyConstraint(["org_id", "store_id"], ["stores.org_id", "stores.store_id"]),
    )


class UserInvite(Base):
    """A one-time link with which an invited person sets a password and enrolls TOTP.

    The link is ``/app/invite/<invite_id>.<secret>``; only the secret's SHA-256 is stored.
    """

    __tablename__ = "user_invites"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    invite_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(ID)
    created_by: Mapped[str] = mapped_column(ID)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    __table_args__ = (
        ForeignKeyConstraint(["org_id", "user_id"], ["users.org_id", "users.user_id"]),
    )
