"""Server-side browser sessions: the cookie carries ``<session_id>.<secret>``, the table keeps
the secret's SHA-256, the user, how far the sign-in got and the CSRF token.

Every request reads its row again, so "sign out everywhere", a deactivated user or an idle
timeout takes effect on the very next request in every worker. ``last_seen_at`` is written at
most once a minute, so browsing is not a write per page.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from server_stub.core.security import credentials
from server_stub.models import RefreshToken, User
from server_stub.models.web import WebSession

log = logging.getLogger(__name__)

COOKIE = "pos_session"
STAGE_ENROLL = "enroll"
STAGE_FULL = "full"
TOUCH_EVERY_S = 60


@dataclass(frozen=True, slots=True)
class Opened:
    """A session just made: the cookie value is shown to the browser once, never stored."""

    cookie: str
    row: WebSession


@dataclass(frozen=True, slots=True)
class Live:
    row: WebSession
    user: User
    touch: bool
    """Whether ``last_seen_at`` is old enough to be written again."""


def open_session(session: Session, user: User, *, stage: str, now: datetime) -> Opened:
    session_id, secret, cookie = credentials.new_refresh_token(user.org_id)
    row = WebSession(
        org_id=user.org_id,
        session_id=session_id,
        token_hash=credentials.hash_secret(secret),
        user_id=user.user_id,
        stage=stage,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
    )
    session.add(row)
    session.flush()
    log.info("web session opened org=%s user=%s stage=%s", user.org_id, user.user_id, stage)
    return Opened(cookie, row)


def find(
    session: Session, cookie: str | None, *, now: datetime, idle_s: int, max_s: int
) -> Live | None:
    """The live session of ``cookie``; ``None`` when unknown, idle too long, too old, or its
    user is gone or deactivated (the caller deletes expired rows with ``drop``)."""
    if not cookie:
        return None
    parsed = credentials.parse_bearer_secret(cookie)
    if parsed is None:
        return None
    org_id, session_id, secret = parsed
    found = session.execute(
        select(WebSession, User)
        .join(User, (User.org_id == WebSession.org_id) & (User.user_id == WebSession.user_id))
        .where(WebSession.org_id == org_id, WebSession.session_id == session_id)
    ).one_or_none()
    if found is None:
        return None
    row, user = found
    if not credentials.secrets_match(row.token_hash, secret) or not user.active:
        return None
    if expired(row, now=now, idle_s=idle_s, max_s=max_s):
        return None
    touch = (now - row.last_seen_at).total_seconds() >= TOUCH_EVERY_S
    return Live(row, user, touch)


def expired(row: WebSession, *, now: datetime, idle_s: int, max_s: int) -> bool:
    return now - row.last_seen_at > timedelta(seconds=idle_s) or now - row.created_at > timedelta(
        seconds=max_s
    )


def touch(session: Session, org_id: str, session_id: str, now: datetime) -> None:
    session.execute(
        update(WebSession)
        .where(WebSession.org_id == org_id, WebSession.session_id == session_id)
        .values(last_seen_at=now)
    )


def drop(session: Session, cookie: str | None) -> None:
    """Delete the session of ``cookie`` (sign-out, expiry); nothing when there is none."""
    parsed = credentials.parse_bearer_secret(cookie or "")
    if parsed is None:
        return
    org_id, session_id, _ = parsed
    session.execute(
        delete(WebSession).where(WebSession.org_id == org_id, WebSession.session_id == session_id)
    )


def purge_expired(
    session: Session, org_id: str, user_id: str, *, now: datetime, idle_s: int, max_s: int
) -> None:
    """Delete the user's sessions that can no longer be used (left idle, or too old), so the
    table holds live browsers only; run at each sign-in."""
    session.execute(
        delete(WebSession).where(
            WebSession.org_id == org_id,
            WebSession.user_id == user_id,
            (WebSession.last_seen_at < now - timedelta(seconds=idle_s))
            | (WebSession.created_at < now - timedelta(seconds=max_s)),
        )
    )


def drop_all(session: Session, org_id: str, user_id: str, now: datetime) -> int:
    """Sign the user out everywhere: every browser session and every API refresh token."""
    gone = session.execute(
        delete(WebSession).where(WebSession.org_id == org_id, WebSession.user_id == user_id)
    )
    session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.org_id == org_id,
            RefreshToken.user_id == user_id,
            RefreshToken.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    log.info("signed out everywhere org=%s user=%s", org_id, user_id)
    return int(gone.rowcount or 0)  # type: ignore[attr-defined]
