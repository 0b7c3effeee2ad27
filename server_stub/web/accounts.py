"""Owners and managers of the back office: inviting one with a one-time link, accepting it,
and which stores a manager sees.

There is no mail server here: the owner is shown the link and sends it (WhatsApp, e-mail). The
invited person sets a password with it, then enrolls TOTP at their first sign-in like any new
user. A role is never given above the giver's own: a manager invites managers only, and only
to their own stores.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from server_stub import tenancy
from server_stub.core.security import credentials, passwords, totp
from server_stub.models import Store, User, new_id
from server_stub.models.web import RecoveryCode, UserInvite, UserStore
from server_stub.web import sessions
from server_stub.web.deps import WebPrincipal

log = logging.getLogger(__name__)

ROLE_RANK = {"manager": 1, "owner": 2}
UNUSABLE_PASSWORD = "!"  # noqa: S105 - not an argon2 hash: no password matches it


class AccountError(Exception):
    """A refusal shown on the form: ``key`` is the message's word key."""

    def __init__(self, key: str, status: int = 422) -> None:
        super().__init__(key)
        self.key = key
        self.status = status


@dataclass(frozen=True, slots=True)
class Invitation:
    user: User
    link_token: str
    expires_at: datetime


def may_give(giver: WebPrincipal, role: str) -> bool:
    return role in ROLE_RANK and ROLE_RANK[role] <= ROLE_RANK.get(giver.role, 0)


def _checked_stores(session: Session, giver: WebPrincipal, store_ids: Iterable[str]) -> list[str]:
    wanted = sorted(set(store_ids))
    if not wanted:
        return []
    if any(not giver.sees_store(s) for s in wanted):
        raise AccountError("users.err.stores", 404)
    found = set(
        session.execute(
            select(Store.store_id).where(Store.org_id == giver.org_id, Store.store_id.in_(wanted))
        ).scalars()
    )
    if found != set(wanted):
        raise AccountError("users.err.stores", 404)
    return wanted


def invite(
    session: Session,
    giver: WebPrincipal,
    *,
    email: str,
    role: str,
    store_ids: Iterable[str],
    now: datetime,
    ttl_s: int,
) -> Invitation:
    email = email.strip().lower()
    if role not in ROLE_RANK:
        raise AccountError("users.err.role")
    if not may_give(giver, role):
        raise AccountError("users.err.role_above_own", 403)
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise AccountError("users.err.email")
    stores = _checked_stores(session, giver, store_ids)
    if role == "manager" and not stores:
        raise AccountError("users.err.no_stores")
    if tenancy.find_user_by_email(session, email) is not None:
        raise AccountError("users.err.email_taken", 409)
    user = User(
        org_id=giver.org_id,
        user_id=new_id(),
        email=email,
        password_hash=UNUSABLE_PASSWORD,
        role=role,
        totp_secret=totp.new_secret(),
        totp_last_step=None,
        totp_confirmed_at=None,
        active=True,
        created_at=now,
    )
    session.add(user)
    session.flush()
    if role != "owner":
        set_stores(session, giver.org_id, user.user_id, stores)
    log.info("user %s invited as %s by %s", user.user_id, role, giver.user_id)
    return new_link(session, giver, user, now=now, ttl_s=ttl_s)


def new_link(
    session: Session, giver: WebPrincipal, user: User, *, now: datetime, ttl_s: int
) -> Invitation:
    """A fresh one-time link for a user who has not set a password yet; older links die."""
    session.execute(
        delete(UserInvite).where(
            UserInvite.org_id == user.org_id, UserInvite.user_id == user.user_id
        )
    )
    invite_id, secret, token = credentials.new_refresh_token(user.org_id)
    expires_at = now + timedelta(seconds=ttl_s)
    session.add(
        UserInvite(
            org_id=user.org_id,
            invite_id=invite_id,
            token_hash=credentials.hash_secret(secret),
            user_id=user.user_id,
            created_by=giver.user_id,
            created_at=now,
            expires_at=expires_at,
            used_at=None,
        )
    )
    session.flush()
    return Invitation(user, token, expires_at)


def set_stores(session: Session, org_id: str, user_id: str, store_ids: Iterable[str]) -> None:
    session.execute(
        delete(UserStore).where(UserStore.org_id == org_id, UserStore.user_id == user_id)
    )
    for store_id in sorted(set(store_ids)):
        session.add(UserStore(org_id=org_id, user_id=user_id, store_id=store_id))
    session.flush()


def assign_stores(
    session: Session, giver: WebPrincipal, user: User, store_ids: Iterable[str]
) -> None:
    """The owner sets which stores a manager sees."""
    if not giver.is_owner or user.role != "manager":
        raise AccountError("users.err.role_above_own", 403)
    set_stores(session, giver.org_id, user.user_id, _checked_stores(session, giver, store_ids))


def set_active(session: Session, giver: WebPrincipal, user: User, active: bool) -> None:
    """Owners switch other users on and off; a switched-off user's sessions end at once
    (every request reads the user again)."""
    if not giver.is_owner or user.user_id == giver.user_id:
        raise AccountError("users.err.role_above_own", 403)
    user.active = active
    session.flush()


def reset_totp(session: Session, giver: WebPrincipal, user: User, now: datetime) -> None:
    """A lost phone with no recovery code left: the owner makes another user enroll again.
    The old secret and recovery codes stop working and every session of theirs ends; their
    next sign-in with the password shows a new QR code."""
    if not giver.is_owner or user.user_id == giver.user_id:
        raise AccountError("users.err.role_above_own", 403)
    user.totp_secret = totp.new_secret()
    user.totp_last_step = None
    user.totp_confirmed_at = None
    session.execute(
        delete(RecoveryCode).where(
            RecoveryCode.org_id == user.org_id, RecoveryCode.user_id == user.user_id
        )
    )
    sessions.drop_all(session, user.org_id, user.user_id, now)
    session.flush()
    log.warning("TOTP reset org=%s user=%s by %s", user.org_id, user.user_id, giver.user_id)


def owner_to_enroll(
    session: Session, *, org_name: str, email: str, password: str, now: datetime
) -> User:
    """A new organization whose owner enrolls TOTP at the first sign-in in the browser (no
    secret is handed out here, unlike ``tenancy.create_owner`` for the admin CLI). For a
    hosted sign-up and for the browser tests of enrollment. Does not commit."""
    _, created = tenancy.create_owner(
        session, org_name=org_name, email=email, password=password, now=now
    )
    user = created.user
    user.totp_secret = totp.new_secret()
    user.totp_confirmed_at = None
    session.flush()
    return user


def live_invite(session: Session, token: str, now: datetime) -> tuple[UserInvite, User] | None:
    parsed = credentials.parse_bearer_secret(token)
    if parsed is None:
        return None
    org_id, invite_id, secret = parsed
    row = session.get(UserInvite, (org_id, invite_id))
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    if not credentials.secrets_match(row.token_hash, secret):
        return None
    user = session.get(User, (row.org_id, row.user_id))
    if user is None or not user.active:
        return None
    return row, user


def accept(session: Session, token: str, password: str, now: datetime) -> User:
    """Set the invited user's password and spend the link (one conditional UPDATE: a link
    works once even when sent twice at the same moment)."""
    found = live_invite(session, token, now)
    if found is None:
        raise AccountError("auth.invite_invalid", 404)
    row, user = found
    if len(password) < passwords.MIN_PASSWORD_LENGTH:
        raise AccountError("auth.password_short")
    spent = session.execute(
        update(UserInvite)
        .where(
            UserInvite.org_id == row.org_id,
            UserInvite.invite_id == row.invite_id,
            UserInvite.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        raise AccountError("auth.invite_invalid", 404)
    user.password_hash = passwords.hash_password(password)
    session.flush()
    log.info("invitation accepted org=%s user=%s", user.org_id, user.user_id)
    return user


def users_of(session: Session, org_id: str) -> list[tuple[User, list[str]]]:
    users = list(
        session.execute(select(User).where(User.org_id == org_id).order_by(User.email)).scalars()
    )
    links = session.execute(
        select(UserStore.user_id, UserStore.store_id).where(UserStore.org_id == org_id)
    ).all()
    stores: dict[str, list[str]] = {}
    for user_id, store_id in links:
        stores.setdefault(user_id, []).append(store_id)
    return [(u, stores.get(u.user_id, [])) for u in users]
