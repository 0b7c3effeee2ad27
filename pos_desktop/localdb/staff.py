"""Staff and their PINs: slow hashes and a lockout that survives a restart.

A 4-digit PIN has 10,000 values, so the hash alone does not stop guessing; the lockout does.
Three wrong PINs are free (fat fingers), then each further failure locks the account for twice as
long as the last: 30 s, 60 s, 120 s ... capped at 15 minutes, so no one can use the lockout to
keep a colleague out for the whole shift. The state lives in the database: pulling the plug
does not reset it. While locked, no PIN is checked at all (a right one is refused too) and the
attempt does not count. A correct PIN clears the failures.

The argon2 hash (~50 ms) is computed outside the write transaction, so a login never holds the
database lock that a sale commit or the sync thread may be waiting for.

Staff come from the cloud (``server_stub.staff``) through the catalog feed: ``apply_cloud_staff``
upserts them by ``cloud_id`` in the page's transaction. Their verifier is the cloud's, so a
login never re-hashes it here. The lockout counters are this till's own and a feed update leaves
them alone, except that a new verifier (the owner reset the PIN, or the member changed it on
another till) lifts the lockout: it protected a PIN that is no longer the one to guess, and a
reset is how an owner helps someone locked out. A member the cloud reports inactive here keeps
the row (sales and the journal name them) but loses the verifier. Users made on the till itself
(``cloud_id`` NULL: tests, a till used before staff came from the cloud) are retired as soon as
the till holds an active member from the cloud, so one person is not listed twice.

New PINs are 4 to 6 digits (``PIN_LENGTHS``); a longer PIN set before keeps working.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import ROLE_NAMES
from pos_desktop.domain.sync_messages import CloudStaff
from pos_desktop.localdb import pin_changes
from pos_desktop.localdb.models import UserRow
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.services.ports import LoginResult, StaffMember
from pos_desktop.services.staff import PIN_LENGTHS

log = logging.getLogger(__name__)

FREE_ATTEMPTS = 3
FIRST_LOCKOUT = timedelta(seconds=30)
MAX_LOCKOUT = timedelta(minutes=15)


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
    cloud_id: str | None


@dataclass(slots=True)
class StaffReport:
    upserted: int = 0
    deactivated: int = 0
    retired_local: int = 0


def _record_failure(session: Session, user_id: int, now: datetime) -> tuple[int, datetime | None]:
    """Count a wrong PIN in the caller's write transaction; returns (failures, locked until)."""
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
    return int(failures), locked_until


# -- staff from the cloud ---------------------------------------------------------------------


def start_full_staff_pull(session: Session) -> None:
    """A full pull begins: cloud staff it does not send again are deactivated at its end."""
    session.execute(update(UserRow).where(UserRow.cloud_id.is_not(None)).values(updated_seq=None))


def finish_full_staff_pull(session: Session) -> int:
    """Deactivate cloud staff the full pull did not send (they work here no longer)."""
    result = session.execute(
        update(UserRow)
        .where(UserRow.cloud_id.is_not(None), UserRow.updated_seq.is_(None), UserRow.active)
        .values(active=False, pin_hash="")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def apply_cloud_staff(
    session: Session, members: Sequence[CloudStaff], *, keep_pin_of: Collection[str] = ()
) -> StaffReport:
    """Upsert ``members`` by ``cloud_id`` (the caller's write transaction: the feed page's).

    ``keep_pin_of``: cloud ids whose PIN was changed on this till and not yet confirmed by the
    cloud; their local verifier stays until the change has gone up (see ``pin_changes``).
    """
    report = StaffReport()
    latest: dict[str, CloudStaff] = {}
    for m in members:
        if m.id not in latest or latest[m.id].seq < m.seq:
            latest[m.id] = m
    for m in sorted(latest.values(), key=lambda m: m.seq):
        if m.role not in ROLE_NAMES:
            log.warning("staff %s has role %r, unknown to this till: left out", m.id, m.role)
            continue
        active = m.active and bool(m.pin_verifier)
        row = session.scalar(select(UserRow).where(UserRow.cloud_id == m.id))
        if row is None:
            if not active:
                continue  # never worked here: nothing to deactivate
            session.add(
                UserRow(
                    code=m.id[:32],
                    name=m.name,
                    role=m.role,
                    pin_hash=m.pin_verifier,
                    failed_attempts=0,
                    locked_until=None,
                    active=True,
                    cloud_id=m.id,
                    updated_seq=m.seq,
                )
            )
            report.upserted += 1
            continue
        if row.active and not active:
            report.deactivated += 1
            log.info("staff %s (%s) no longer active here", row.code, row.name)
        row.name, row.role, row.active, row.updated_seq = m.name, m.role, active, m.seq
        if not active:
            row.pin_hash = ""
        elif m.id not in keep_pin_of and m.pin_verifier != row.pin_hash:
            assert m.pin_verifier is not None
            row.pin_hash = m.pin_verifier
            row.failed_attempts = 0
            row.locked_until = None
        report.upserted += 1
    session.flush()
    if latest and session.scalar(
        select(UserRow.id).where(UserRow.cloud_id.is_not(None), UserRow.active).limit(1)
    ):
        retired = session.execute(
            update(UserRow).where(UserRow.cloud_id.is_(None), UserRow.active).values(active=False)
        )
        report.retired_local = int(retired.rowcount)  # type: ignore[attr-defined]
        if report.retired_local:
            log.info(
                "%d users made on this till retired: staff come from the cloud now",
                report.retired_local,
            )
    return report


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
    if role not in ROLE_NAMES:
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
            return _Snapshot(
                row.pin_hash, row.failed_attempts, row.locked_until, _member(row), row.cloud_id
            )

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
                # A cloud member's verifier is the cloud's: re-hashing it here would only make
                # this till differ from the others until the next feed update.
                if user.cloud_id is None and self.hasher.check_needs_rehash(user.pin_hash):
                    values["pin_hash"] = self.hasher.hash(pin)
                session.execute(update(UserRow).where(UserRow.id == user_id).values(**values))
                log.info("user %s logged in", user.member.code)
                return LoginResult(user.member)
            # Counted in the write transaction, so two attempts at once both count.
            failures, locked_until = _record_failure(session, user_id, now)
        log.warning(
            "wrong PIN for user %s (%d in a row)%s",
            user.member.code,
            failures,
            f"; locked until {locked_until.isoformat()}" if locked_until else "",
        )
        return LoginResult(None, locked_until, failures)

    def current_member(self, user_id: int) -> StaffMember | None:
        """The member as stored now (name, role), or ``None`` once they may not log in."""
        with read_session(self._sessions, "staff member") as session:
            row = session.get(UserRow, user_id)
            return _member(row) if row is not None and row.active else None

    def change_own_pin(
        self, user_id: int, old_pin: str, new_pin: str, now: datetime
    ) -> LoginResult:
        """Replace the member's PIN after checking the old one, which counts like a login
        attempt (lockout included). The new verifier, the journal entry and (for a cloud
        member) the outbox row with the change the cloud is sent commit in one transaction.

        ``LoginResult.user`` is ``None`` when the old PIN was wrong or the member is locked.
        """
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        validate_pin(new_pin)
        user = self._snapshot(user_id)
        if user is None:
            raise UserError("staff.inactive")
        if user.locked_until is not None and now < user.locked_until:
            return LoginResult(None, user.locked_until, user.failed_attempts)
        if not self._check(user.pin_hash, old_pin):
            with write_session(self._sessions, "PIN change refused") as session:
                failures, locked_until = _record_failure(session, user_id, now)
            log.warning("wrong old PIN for %s changing their PIN (%d)", user.member.code, failures)
            return LoginResult(None, locked_until, failures)
        new_hash = self.hasher.hash(new_pin)
        with write_session(self._sessions, "PIN change") as session:
            changed = session.execute(
                update(UserRow)
                .where(UserRow.id == user_id, UserRow.pin_hash == user.pin_hash, UserRow.active)
                .values(pin_hash=new_hash, failed_attempts=0, locked_until=None)
            )
            if changed.rowcount != 1:  # type: ignore[attr-defined]
                # The feed replaced the PIN (or deactivated the member) since the check.
                raise UserError("pin.changed_meanwhile")
            pin_changes.record(
                session, actor=user.member.code, cloud_id=user.cloud_id, verifier=new_hash, at=now
            )
        log.info("%s changed their PIN", user.member.code)
        return LoginResult(user.member)

    def create_user(self, *, code: str, name: str, role: str, pin: str) -> StaffMember:
        with write_session(self._sessions, "create user") as session:
            return create_user(session, self.hasher, code=code, name=name, role=role, pin=pin)

    def set_pin(self, user_id: int, pin: str) -> None:
        with write_session(self._sessions, "set PIN") as session:
            set_pin(session, self.hasher, user_id, pin)
