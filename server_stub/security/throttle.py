"""Throttling of login and enrollment attempts, stored in the database.

Counters live in ``login_throttle`` rather than in process memory so that every worker and every
host sees the same count (an attacker spreading guesses over workers gains nothing).

An attempt is *counted before* the password is checked, in its own committed transaction, under a
row lock: a burst of parallel guesses cannot all slip in before the first failure is recorded.
After ``free_attempts`` attempts the key is blocked for a delay that doubles with each further
attempt, up to ``max_delay_s``; a success clears the key, and a key left alone for
``reset_after_s`` starts over.

Why an attacker cannot lock a real owner out forever: the per-account delay is capped at one
minute, so whatever an attacker does the owner can try again within a minute; the attacker's own
address, meanwhile, is throttled far harder (up to 15 minutes per attempt), and at one guess per
minute a password *and* a fresh TOTP code are out of reach.
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


ACCOUNT = Policy("account", free_attempts=5, base_delay_s=1, max_delay_s=60)
ADDRESS = Policy("address", free_attempts=10, base_delay_s=1, max_delay_s=900)
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


def register_attempt(
    session: Session, policy: Policy, *, org_id: str, key: str, now: datetime
) -> None:
    """Count one attempt for ``key``; raise ``Throttled`` while the key is blocked.

    The caller commits right after, before doing the expensive check.
    """
    key = key[:300]
    row = _locked_row(session, org_id, policy.scope, key)
    if row is None:
        try:
            with session.begin_nested():
                row = LoginThrottle(
                    org_id=org_id,
                    scope=policy.scope,
                    key=key,
                    failures=0,
                    last_attempt_at=now,
                    blocked_until=None,
                )
                session.add(row)
                session.flush()
        except IntegrityError:
            # Another worker inserted the row first; take its lock and count on it.
            row = _locked_row(session, org_id, policy.scope, key)
            if row is None:  # pragma: no cover - the row exists, we just lost the insert race
                raise
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
