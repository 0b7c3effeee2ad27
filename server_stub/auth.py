"""Who is calling: owners and managers (password + TOTP, tokens) and paired tills (device keys).

Nothing here is cached between requests. A revoked till or a disabled user is refused on the
very next request, by every worker, because each request reads the row again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server_stub import api_keys
from server_stub.core.problems import Problem
from server_stub.core.security import credentials, passwords, throttle, tokens, totp
from server_stub.core.security.throttle import Throttled
from server_stub.models import ApiKey, Device, Organization, RefreshToken, Store, User
from server_stub.schemas import TokenPair
from server_stub.tenancy import find_user_by_email

log = logging.getLogger(__name__)

_BAD_LOGIN = "The e-mail, password or one-time code is wrong."


@dataclass(frozen=True, slots=True)
class KeyGrant:
    """What the API key behind a request may do: its scopes and, when limited, its stores."""

    key_id: str
    name: str
    scopes: frozenset[str]
    store_ids: frozenset[str] | None


KEY_ROLE = "api_key"


@dataclass(frozen=True, slots=True)
class UserPrincipal:
    """The caller of an owner-API route: a person (owner or manager) or, with ``key`` set, an
    organization API key, which then stands where a user is recorded (``user_id`` is the key's
    id, ``role`` is :data:`KEY_ROLE`, ``email`` names the key)."""

    org_id: str
    user_id: str
    role: str
    email: str
    key: KeyGrant | None = None


@dataclass(frozen=True, slots=True)
class DevicePrincipal:
    org_id: str
    device_id: str
    store: Store
    till_code: str


def unauthorized(code: str, detail: str) -> Problem:
    return Problem(401, code, detail, headers={"WWW-Authenticate": 'Bearer realm="pos"'})


def throttled(exc: Throttled) -> Problem:
    return Problem(
        429,
        "auth.throttled",
        f"Too many attempts; try again in {exc.retry_after_s} s.",
        headers={"Retry-After": str(exc.retry_after_s)},
        retry_after=exc.retry_after_s,
    )


# -- tokens ---------------------------------------------------------------------------------


def _issue(
    session: Session,
    user: User,
    *,
    key: bytes,
    now: datetime,
    access_ttl_s: int,
    refresh_ttl_s: int,
) -> TokenPair:
    issued = int(now.timestamp())
    access = tokens.sign(
        key,
        tokens.AccessClaims(
            user_id=user.user_id,
            org_id=user.org_id,
            role=user.role,
            issued_at=issued,
            expires_at=issued + access_ttl_s,
        ),
    )
    token_id, secret, refresh = credentials.new_refresh_token(user.org_id)
    session.add(
        RefreshToken(
            org_id=user.org_id,
            token_id=token_id,
            user_id=user.user_id,
            token_hash=credentials.hash_secret(secret),
            created_at=now,
            expires_at=now + timedelta(seconds=refresh_ttl_s),
            revoked_at=None,
        )
    )
    session.flush()
    return TokenPair(
        access_token=access,
        expires_in=access_ttl_s,
        refresh_token=refresh,
        refresh_expires_in=refresh_ttl_s,
    )


@dataclass(frozen=True, slots=True)
class Attempt:
    """One counted sign-in attempt: who it claims to be and from where (``user`` is ``None``
    for an unknown e-mail, which is counted all the same)."""

    user: User | None
    address: str
    place: str
    known: bool


def begin_attempt(
    session: Session, *, email: str, org_id: str | None, address: str, now: datetime
) -> Attempt:
    """Count a sign-in attempt under its throttle keys and commit, before any hash is checked;
    raises the 429 problem while a key is blocked. Shared by the API and the back office."""
    user = find_user_by_email(session, email, org_id)
    place = _place(user, address) if user is not None else ""
    known = user is not None and throttle.is_known(session, org_id=user.org_id, key=place, now=now)
    try:
        throttle.register_attempt(session, throttle.ADDRESS, org_id="", key=address, now=now)
        if user is not None:
            throttle.register_attempt(
                session, throttle.ACCOUNT_ADDRESS, org_id=user.org_id, key=place, now=now
            )
            if not known:
                throttle.register_attempt(
                    session, throttle.ACCOUNT, org_id=user.org_id, key=user.user_id, now=now
                )
    except Throttled as exc:
        session.rollback()
        raise throttled(exc) from None
    # The attempt is counted and committed before the slow hash is checked.
    session.commit()
    return Attempt(user, address, place, known)


def forgive_attempt(session: Session, attempt: Attempt) -> None:
    """The account's holder made this attempt (a right password and a real code): take its
    counts back. Does not commit."""
    if attempt.user is not None:
        _forgive(session, attempt.user, attempt.address, attempt.place, known=attempt.known)


def attempt_succeeded(session: Session, attempt: Attempt, now: datetime) -> None:
    """Forgive the attempt, clear its account-and-address counter and remember the address.
    Does not commit."""
    user = attempt.user
    assert user is not None
    _forgive(session, user, attempt.address, attempt.place, known=attempt.known)
    throttle.clear(session, throttle.ACCOUNT_ADDRESS, org_id=user.org_id, key=attempt.place)
    throttle.remember(session, org_id=user.org_id, key=attempt.place, now=now)


def claim_totp(session: Session, user: User, code: str, now: datetime) -> str:
    """Check ``code`` against the user's TOTP and claim its time step atomically, so of two
    sign-ins racing with one code only one gets it: ``"ok"``; ``"reused"`` for a real code
    used already (the holder signing in twice within a step, not a guess); ``"raced"`` when
    another sign-in claimed the step first; ``"wrong"`` for anything else. Does not commit."""
    step = totp.verify(user.totp_secret, code, now, after_step=user.totp_last_step)
    if step is None:
        if totp.verify(user.totp_secret, code, now, after_step=None) is not None:
            return "reused"
        return "wrong"
    claimed = session.execute(
        update(User)
        .where(
            User.org_id == user.org_id,
            User.user_id == user.user_id,
            (User.totp_last_step.is_(None)) | (User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    return "ok" if claimed.rowcount == 1 else "raced"  # type: ignore[attr-defined]


def login(
    session: Session,
    *,
    email: str,
    password: str,
    code: str,
    org_id: str | None,
    address: str,
    key: bytes,
    now: datetime,
    access_ttl_s: int,
    refresh_ttl_s: int,
) -> TokenPair:
    """Password and TOTP, throttled per address, per account and address, and per account from
    addresses it never signed in from (see ``security.throttle``). Commits."""
    attempt = begin_attempt(session, email=email, org_id=org_id, address=address, now=now)
    user = attempt.user
    password_ok = passwords.verify_password(user.password_hash if user else None, password)
    if user is None or not password_ok or not user.active:
        raise unauthorized("auth.invalid_credentials", _BAD_LOGIN)
    claim = claim_totp(session, user, code, now)
    if claim == "reused":
        # The right password and a real code, used already: refused, but not held against
        # this address.
        forgive_attempt(session, attempt)
        session.commit()
    elif claim == "raced":
        session.rollback()
    if claim != "ok":
        raise unauthorized("auth.invalid_credentials", _BAD_LOGIN)
    attempt_succeeded(session, attempt, now)
    pair = _issue(
        session, user, key=key, now=now, access_ttl_s=access_ttl_s, refresh_ttl_s=refresh_ttl_s
    )
    session.commit()
    log.info("login org=%s user=%s", user.org_id, user.user_id)
    return pair


def _place(user: User, address: str) -> str:
    """The throttle key of one account at one address."""
    return f"{user.user_id}@{address}"


def _forgive(session: Session, user: User, address: str, place: str, *, known: bool) -> None:
    """Take back this attempt's counts: the account's holder made it. Failures counted before
    it (an attacker's, at this address or across addresses) stay."""
    throttle.forgive(session, throttle.ADDRESS, org_id="", key=address)
    throttle.forgive(session, throttle.ACCOUNT_ADDRESS, org_id=user.org_id, key=place)
    if not known:
        throttle.forgive(session, throttle.ACCOUNT, org_id=user.org_id, key=user.user_id)


def _refresh_row(session: Session, token: str) -> tuple[RefreshToken, str] | None:
    parsed = credentials.parse_bearer_secret(token)
    if parsed is None:
        return None
    org_id, token_id, secret = parsed
    row = session.execute(
        select(RefreshToken)
        .where(RefreshToken.org_id == org_id, RefreshToken.token_id == token_id)
        .with_for_update()
    ).scalar_one_or_none()
    if row is None or not credentials.secrets_match(row.token_hash, secret):
        return None
    return row, secret


def refresh(
    session: Session,
    token: str,
    *,
    key: bytes,
    now: datetime,
    access_ttl_s: int,
    refresh_ttl_s: int,
) -> TokenPair:
    """Rotate: the presented refresh token is revoked and a new pair issued. Commits.

    A refresh token used twice means it was copied; every session of that user is revoked.
    """
    invalid = unauthorized("auth.invalid_refresh_token", "The refresh token is not valid.")
    found = _refresh_row(session, token)
    if found is None:
        raise invalid
    row, _ = found
    if row.revoked_at is not None:
        session.execute(
            update(RefreshToken)
            .where(
                RefreshToken.org_id == row.org_id,
                RefreshToken.user_id == row.user_id,
                RefreshToken.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        session.commit()
        log.warning("refresh token reuse for user %s; all sessions revoked", row.user_id)
        raise invalid
    user = session.get(User, (row.org_id, row.user_id))
    if row.expires_at <= now or user is None or not user.active:
        raise invalid
    row.revoked_at = now
    pair = _issue(
        session, user, key=key, now=now, access_ttl_s=access_ttl_s, refresh_ttl_s=refresh_ttl_s
    )
    session.commit()
    return pair


def logout(session: Session, token: str, now: datetime) -> None:
    found = _refresh_row(session, token)
    if found is not None and found[0].revoked_at is None:
        found[0].revoked_at = now
    session.commit()


# -- per-request principals -----------------------------------------------------------------


def user_from_access_token(
    session: Session, token: str, *, key: bytes, now: datetime
) -> UserPrincipal:
    claims = tokens.verify(key, token, now)
    if claims is None:
        raise unauthorized("auth.invalid_token", "The access token is invalid or expired.")
    user = session.get(User, (claims.org_id, claims.user_id))
    if user is None or not user.active:
        raise unauthorized("auth.invalid_token", "The access token is invalid or expired.")
    return UserPrincipal(user.org_id, user.user_id, user.role, user.email)


def caller_from_api_key(
    session: Session, token: str, *, pepper: bytes, now: datetime
) -> tuple[UserPrincipal, ApiKey]:
    key = api_keys.authenticate(session, token, pepper=pepper, now=now)
    grant = KeyGrant(
        key_id=key.key_id,
        name=key.name,
        scopes=frozenset(key.scopes),
        store_ids=frozenset(key.store_ids) if key.store_ids is not None else None,
    )
    return UserPrincipal(key.org_id, key.key_id, KEY_ROLE, f"API key: {key.name}", grant), key


def device_from_token(session: Session, token: str) -> DevicePrincipal:
    invalid = unauthorized("auth.invalid_device", "Unknown or revoked till credential.")
    parsed = credentials.parse_bearer_secret(token)
    if parsed is None:
        raise invalid
    org_id, device_id, secret = parsed
    found = session.execute(
        select(Device, Store)
        .join(Store, (Store.org_id == Device.org_id) & (Store.store_id == Device.store_id))
        .where(Device.org_id == org_id, Device.device_id == device_id)
    ).one_or_none()
    if found is None:
        raise invalid
    device, store = found
    if device.revoked_at is not None:
        raise unauthorized("auth.device_revoked", "This till was unpaired by its owner.")
    if not credentials.secrets_match(device.secret_hash, secret):
        raise invalid
    return DevicePrincipal(org_id, device_id, store, device.till_code)


def org_name(session: Session, org_id: str) -> str:
    org = session.get(Organization, org_id)
    return org.name if org else ""
