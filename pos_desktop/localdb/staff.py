"""Staff and their PINs: slow hashes and a lockout that survives a restart.

A 4-digit PIN has 10,000 values, so the hash alone does not stop guessing; the lockout does.
Three wrong PINs are free (fat fingers), then each further failure locks the account for twice as
long as the last: 30 s, 60 s, 120 s ... capped at 15 minutes, so no one can use the lockout to
keep a colleague out for the whole shift. The state lives in the database: pulling the plug
does not reset it. While locked, no PIN is checked at all (a right one is refused too) and the
attempt does not count. A correct PIN clears the failures.

The argon2 hash (~50 ms) is computed outside the write transaction, so a login never holds the
database lock that a sale commit or the sync thread may be waiting for.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.models import UserRow
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.services.ports import LoginResult, Role, StaffMember

log = logging.getLogger(__name__)

FREE_ATTEMPTS = 3
FIRST_LOCKOUT = timedelta(seconds=30)
MAX_LOCKOUT = timedelta(minutes=15)
PIN_LENGTHS = range(4, 9)


def lockout_for(failed_attempts: int) -> timedelta | None:
    """How long the account locks after its ``failed_attempts``-th consecutive failure."""
    if failed_attempts <= FREE_ATTEMPTS:
        return None
    doublings = min(failed_attempts - FREE_ATTEMPTS - 1, 16)
    lock: timedelta = FIRST_LOCKOUT * (1 << doublings)
    return min(lock, MAX_LOCKOUT)


def validate_pin(pin: str) -> str:
    if not (pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS):
        raise UserError("pin.invalid", min_length=PIN_LENGTHS.start, max_length=PIN_LENGTHS[-1])
    return pin


def _member(row: UserRow) -> StaffMember:
    return StaffMember(user_id=row.id, code=row.code, name=row.name, role=row.role)


@dataclass(frozen=True, slots=True)
class _Snapshot:
    pin_hash: str
    failed_attempts: int
    locked_until: datetime | None
    member: StaffMember


def create_user(
    session: Session,
    hasher: PasswordHasher,
    *,
    code: str,
    name: str,
    role: str,
    pin: str,
) -> StaffMember:
    """Add a user (inside the caller's write transaction)."""
    if role not in Role.ALL:
        raise ValueError(f"unknown role {role!r}")
    row = UserRow(
        code=code,
        name=name,
        role=role,
        pin_hash=hasher.hash(validate_pin(pin)),
        failed_attempts=0,
        locked_until=None,
        active=True,
    )
    session.add(row)
    session.flush()
    return _member(row)


def set_pin(session: Session, hasher: PasswordHasher, user_id: int, pin: str) -> None:
    """Replace a user's PIN and lift any lockout (a manager's reset)."""
    pin_hash = hasher.hash(validate_pin(pin))
    result = session.execute(
        update(UserRow)
        .where(UserRow.id == user_id)
        .values(pin_hash=pin_hash, failed_attempts=0, locked_until=None)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise LookupError(f"no user {user_id}")


class SqlStaffDirectory:
    """``StaffDirectory`` on the local database.

    ``hasher`` is injectable so tests can use cheap argon2 parameters; hashes record their own
    parameters, and a PIN hashed with weaker ones than ``hasher``'s is re-hashed on its next
    successful login.
    """

    def __init__(
        self, session_factory: sessionmaker[Session], hasher: PasswordHasher | None = None
    ) -> None:
        self._sessions = session_factory
        self.hasher = hasher or PasswordHasher()

    def active_staff(self) -> Sequence[StaffMember]:
        with read_session(self._sessions, "staff list") as session:
            rows = session.scalars(
                select(UserRow).where(UserRow.active).order_by(UserRow.name, UserRow.id)
            ).all()
            return [_member(row) for row in rows]

    def _snapshot(self, user_id: int) -> _Snapshot | None:
        with read_session(self._sessions, "login") as session:
            row = session.get(UserRow, user_id)
            if row is None or not row.active:
                return None
            return _Snapshot(row.pin_hash, row.failed_attempts, row.locked_until, _member(row))

    def _check(self, pin_hash: str, pin: str) -> bool:
        try:
            return self.hasher.verify(pin_hash, pin)
        except VerificationError:
            return False
        except InvalidHashError:
            log.error("unreadable PIN hash; the user needs a new PIN")
            return False

    def verify_pin(self, user_id: int, pin: str, now: datetime) -> LoginResult:
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        user = self._snapshot(user_id)
        if user is None:
            log.warning("login attempt for unknown or inactive user %s", user_id)
            return LoginResult(user=None)
        if user.locked_until is not None and now < user.locked_until:
            log.info("login refused: user %s locked until %s", user.member.code, user.locked_until)
            return LoginResult(None, user.locked_until, user.failed_attempts)
        ok = self._check(user.pin_hash, pin)
        with write_session(self._sessions, "login") as session:
            if ok:
                values: dict[str, object] = {"failed_attempts": 0, "locked_until": None}
                if self.hasher.check_needs_rehash(user.pin_hash):
                    values["pin_hash"] = self.hasher.hash(pin)
                session.execute(update(UserRow).where(UserRow.id == user_id).values(**values))
                log.info("user %s logged in", user.member.code)
                return LoginResult(user.member)
            # Counted in the write transaction, so two attempts at once both count.
            failures = session.execute(
                update(UserRow)
                .where(UserRow.id == user_id)
                .values(failed_attempts=UserRow.failed_attempts + 1)
                .returning(UserRow.failed_attempts)
            ).scalar_one()
            lock = lockout_for(failures)
            locked_until = now + lock if lock is not None else None
            if locked_until is not None:
                session.execute(
                    update(UserRow).where(UserRow.id == user_id).values(locked_until=locked_until)
                )
        log.warning(
            "wrong PIN for user %s (%d in a row)%s",
            user.member.code,
            failures,
            f"; locked until {locked_until.isoformat()}" if locked_until else "",
        )
        return LoginResult(None, locked_until, failures)

    def create_user(self, *, code: str, name: str, role: str, pin: str) -> StaffMember:
        with write_session(self._sessions, "create user") as session:
            return create_user(session, self.hasher, code=code, name=name, role=role, pin=pin)

    def set_pin(self, user_id: int, pin: str) -> None:
        with write_session(self._sessions, "set PIN") as session:
            set_pin(session, self.hasher, user_id, pin)
