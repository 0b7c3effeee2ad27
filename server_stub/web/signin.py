"""Signing in to the back office: password and TOTP (or a recovery code), the first sign-in's
TOTP enrollment, and the recovery codes it hands out.

Attempts are counted by the same throttle as the API's login (``server_stub.auth``), so a
guesser gains nothing by switching from one to the other.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from server_stub import auth
from server_stub.core.problems import Problem
from server_stub.core.security import passwords, totp
from server_stub.core.security.credentials import ENROLLMENT_ALPHABET
from server_stub.core.security.server_secret import load_or_create_secret
from server_stub.core.security.tokens import derive_key
from server_stub.models import User, new_id
from server_stub.models.web import RecoveryCode

log = logging.getLogger(__name__)

RECOVERY_CODES = 10
RECOVERY_LENGTH = 10
"""10 symbols of a 32-letter alphabet: 50 bits, typed from paper, throttled like passwords."""
_TOTP_SHAPE = re.compile(r"^\d{6}$")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a sign-in came to: a user and how far they got, or the word key of the refusal."""

    user: User | None = None
    enroll: bool = False
    recovery_left: int | None = None
    """Codes left after this sign-in spent one; ``None`` when it used TOTP."""
    error: str | None = None
    retry_after_s: int = 0


def recovery_pepper(session: Session) -> bytes:
    return derive_key(load_or_create_secret(session), "recovery-code-v1")


def normalize_recovery(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


def hash_recovery(pepper: bytes, code: str) -> str:
    """Keyed hash: 50 bits are plenty against guessing online, but a leaked table alone must
    not be brute-forced offline."""
    return hmac.new(pepper, normalize_recovery(code).encode("ascii"), hashlib.sha256).hexdigest()


def new_recovery_codes(session: Session, user: User, now: datetime) -> list[str]:
    """Replace the user's recovery codes with ten new ones; only their hashes are kept, so the
    list returned is the only time anyone sees them."""
    pepper = recovery_pepper(session)
    session.execute(
        delete(RecoveryCode).where(
            RecoveryCode.org_id == user.org_id, RecoveryCode.user_id == user.user_id
        )
    )
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(ENROLLMENT_ALPHABET) for _ in range(RECOVERY_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        session.add(
            RecoveryCode(
                org_id=user.org_id,
                user_id=user.user_id,
                code_id=new_id(),
                code_hash=hash_recovery(pepper, raw),
                created_at=now,
                used_at=None,
            )
        )
    session.flush()
    return codes


def spend_recovery_code(session: Session, user: User, code: str, now: datetime) -> int | None:
    """Use one recovery code: the number of codes left, or ``None`` when ``code`` is none of
    the user's unused codes. The claim is one conditional UPDATE, so a code works once even
    when two sign-ins race with it."""
    cleaned = normalize_recovery(code)
    if len(cleaned) != RECOVERY_LENGTH or any(c not in ENROLLMENT_ALPHABET for c in cleaned):
        return None
    claimed = session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.org_id == user.org_id,
            RecoveryCode.user_id == user.user_id,
            RecoveryCode.code_hash == hash_recovery(recovery_pepper(session), cleaned),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return recovery_codes_left(session, user)


def recovery_codes_left(session: Session, user: User) -> int:
    return int(
        session.execute(
            select(func.count()).where(
                RecoveryCode.org_id == user.org_id,
                RecoveryCode.user_id == user.user_id,
                RecoveryCode.used_at.is_(None),
            )
        ).scalar_one()
    )


def sign_in(
    session: Session, *, email: str, password: str, code: str, address: str, now: datetime
) -> Outcome:
    """Check a sign-in; commits the counted attempt and, on success, the code spent.

    A user whose TOTP is not confirmed yet (invited, never enrolled) signs in with the password
    alone and is sent to enroll; everyone else needs a TOTP or a recovery code.
    """
    try:
        attempt = auth.begin_attempt(session, email=email, org_id=None, address=address, now=now)
    except Problem as exc:
        return Outcome(error="auth.throttled", retry_after_s=int(exc.extra.get("retry_after", 1)))
    user = attempt.user
    password_ok = passwords.verify_password(user.password_hash if user else None, password)
    if user is None or not password_ok or not user.active:
        return Outcome(error="auth.bad_login")
    if user.totp_confirmed_at is None:
        auth.attempt_succeeded(session, attempt, now)
        session.commit()
        return Outcome(user=user, enroll=True)
    left: int | None = None
    typed = code.strip().replace(" ", "")
    if _TOTP_SHAPE.match(typed):
        claim = auth.claim_totp(session, user, typed, now)
        if claim == "reused":
            auth.forgive_attempt(session, attempt)
            session.commit()
        if claim != "ok":
            session.rollback()
            return Outcome(error="auth.bad_login")
    else:
        left = spend_recovery_code(session, user, typed, now)
        if left is None:
            session.rollback()
            return Outcome(error="auth.bad_login")
        log.warning("recovery code used org=%s user=%s left=%d", user.org_id, user.user_id, left)
    auth.attempt_succeeded(session, attempt, now)
    session.commit()
    log.info("web sign-in org=%s user=%s", user.org_id, user.user_id)
    return Outcome(user=user, recovery_left=left)


def confirm_enrollment(session: Session, user: User, code: str, now: datetime) -> list[str] | None:
    """The first TOTP code proves the app holds the secret: TOTP is confirmed, its step is
    claimed (the same code cannot sign in again) and ten recovery codes are made and returned.
    ``None`` when the code is wrong. Does not commit."""
    step = totp.verify(user.totp_secret, code, now, after_step=user.totp_last_step)
    if step is None:
        return None
    user.totp_last_step = step
    user.totp_confirmed_at = now
    session.flush()
    log.info("TOTP enrolled org=%s user=%s", user.org_id, user.user_id)
    return new_recovery_codes(session, user, now)
