"""Throttling of login and enrollment attempts, stored in the database.

Counters live in ``login_throttle`` rather than in process memory so that every worker and every
host sees the same count (an attacker spreading guesses over workers gains nothing).

An attempt is *counted before* the password is checked, in its own committed transaction, under a
row lock: a burst of parallel guesses cannot all slip in before the first failure is recorded.
After ``free_attempts`` attempts the key is blocked for a delay that doubles with each further
attempt, up to ``max_delay_s``; a key left alone for ``reset_after_s`` starts over.

Sign-in counts an attempt under three keys, so that an attacker slows himself, not the owner:

* ``ADDRESS``: one address across all accounts (password spraying from one place);
* ``ACCOUNT_ADDRESS``: one account from one address; this is what stops a guesser, up to
  15 minutes per attempt, and it is his own: the owner's address has its own counter;
* ``ACCOUNT``: one account across addresses (a guesser with many addresses), counted only for
  addresses the account has never signed in from, and capped at one minute.

An address from which the account signed in successfully is remembered (scope ``known``, for
``KNOWN_FOR_S``) and skips the account-wide counter, so even an attack spread over many
addresses leaves the owner's usual place alone. A success clears its account-and-address
counter and takes back its own count elsewhere (``forgive``), without wiping anyone's failures.
Before this, one address guessing at 20 a second held the account-wide counter blocked, and the
owner got 80 answers 429 out of 80.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server_stub.models import LoginThrottle


@dataclass(frozen=True, slots=True)
class Policy:
    scope: str
    free_attempts: int
    base_delay_s: float
    max_delay_s: float
    reset_after_s: float = 3600.0

    def delay_after(self, attempts: int) -> float:
        if attempts < self.free_attempts:
            return 0.0
        delay = self.base_delay_s * 2 ** (attempts - self.free_attempts)
        return float(min(self.max_delay_s, delay))


ADDRESS = Policy("address", free_attempts=10, base_delay_s=1, max_delay_s=900)
ACCOUNT_ADDRESS = Policy("account_address", free_attempts=5, base_delay_s=1, max_delay_s=900)
ACCOUNT = Policy("account", free_attempts=20, base_delay_s=1, max_delay_s=60)
"""Across addresses; more free attempts than one address gets, so a single guessing address
(held back by ``ACCOUNT_ADDRESS`` long before) never trips it for everyone else."""
KNOWN_SCOPE = "known"
KNOWN_FOR_S = 90 * 24 * 3600.0
ENROLL_ADDRESS = Policy("enroll", free_attempts=10, base_delay_s=1, max_delay_s=900)


class Throttled(Exception):
    def __init__(self, retry_after_s: int) -> None:
        super().__init__(retry_after_s)
        self.retry_after_s = retry_after_s


def _locked_row(session: Session, org_id: str, scope: str, key: str) -> LoginThrottle | None:
    stmt = (
        select(LoginThrottle)
        .where(
            LoginThrottle.org_id == org_id,
            LoginThrottle.scope == scope,
            LoginThrottle.key == key,
        )
        .with_for_update()
    )
    return session.execute(stmt).scalar_one_or_none()


def _row(session: Session, org_id: str, scope: str, key: str, now: datetime) -> LoginThrottle:
    """The key's row, locked; created (no failures, not blocked) on the key's first attempt."""
    row = _locked_row(session, org_id, scope, key)
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = LoginThrottle(
                org_id=org_id,
                scope=scope,
                key=key,
                failures=0,
                last_attempt_at=now,
                blocked_until=None,
            )
            session.add(row)
            session.flush()
        return row
    except IntegrityError:
        # Another worker inserted the row first; take its lock instead.
        row = _locked_row(session, org_id, scope, key)
        if row is None:  # pragma: no cover - the row exists, we just lost the insert race
            raise
        return row


def register_attempt(
    session: Session, policy: Policy, *, org_id: str, key: str, now: datetime
) -> None:
    """Count one attempt for ``key``; raise ``Throttled`` while the key is blocked.

    The caller commits right after, before doing the expensive check.
    """
    row = _row(session, org_id, policy.scope, key[:300], now)
    if row.blocked_until is not None and row.blocked_until > now:
        raise Throttled(max(1, math.ceil((row.blocked_until - now).total_seconds())))
    if (now - row.last_attempt_at).total_seconds() > policy.reset_after_s:
        row.failures = 0
    row.failures += 1
    row.last_attempt_at = now
    delay = policy.delay_after(row.failures)
    row.blocked_until = now + timedelta(seconds=delay) if delay > 0 else None
    session.flush()


def clear(session: Session, policy: Policy, *, org_id: str, key: str) -> None:
    row = session.get(LoginThrottle, (org_id, policy.scope, key[:300]))
    if row is not None:
        session.delete(row)
        session.flush()


def forgive(session: Session, policy: Policy, *, org_id: str, key: str) -> None:
    """Take back the attempt just counted for ``key`` (it turned out to be the account's
    holder), leaving every earlier failure in place.

    That attempt was let through, so any block before it had run out: none is restored.
    """
    row = _locked_row(session, org_id, policy.scope, key[:300])
    if row is None:
        return
    row.failures = max(0, row.failures - 1)
    row.blocked_until = None
    session.flush()


def remember(session: Session, *, org_id: str, key: str, now: datetime) -> None:
    """Record a successful sign-in from ``key`` (an account and an address)."""
    row = _row(session, org_id, KNOWN_SCOPE, key[:300], now)
    row.last_attempt_at = now
    session.flush()


def is_known(session: Session, *, org_id: str, key: str, now: datetime) -> bool:
    """Whether the account signed in from ``key`` within ``KNOWN_FOR_S``."""
    row = session.get(LoginThrottle, (org_id, KNOWN_SCOPE, key[:300]))
    return row is not None and (now - row.last_attempt_at).total_seconds() <= KNOWN_FOR_S
