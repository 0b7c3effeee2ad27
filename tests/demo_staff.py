"""Staff made directly in a till's database, for tests that sell without a cloud.

A real till gets its staff from the cloud's feed; tests that exercise the till alone put the
demo's people in with the storage function ``localdb.staff.create_user`` instead, under the
short codes those tests name (K01 Siti, K02 Budi, M01 Ani).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.permissions import Role
from pos_desktop.localdb.models import UserRow
from pos_desktop.localdb.staff import create_user
from pos_desktop.localdb.transactions import write_session
from pos_desktop.paths import AppPaths
from pos_desktop.services.ports import StaffMember

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
"""argon2 with minimal cost: tests check the PIN logic, not the hash's strength."""

LOCAL_DEMO_STAFF = (
    ("K01", "Siti", Role.CASHIER, "1111"),
    ("K02", "Budi", Role.CASHIER, "2222"),
    ("M01", "Ani", Role.MANAGER, "9999"),
)


def add_demo_staff(
    sessions: sessionmaker[Session], hasher: PasswordHasher = CHEAP
) -> list[StaffMember]:
    """Adds those missing (by code), so a test may reopen its store and call it again."""
    with write_session(sessions, "test staff") as session:
        present = set(session.scalars(select(UserRow.code)).all())
        return [
            create_user(session, hasher, code=code, name=name, role=role, pin=pin)
            for code, name, role, pin in LOCAL_DEMO_STAFF
            if code not in present
        ]


def add_demo_staff_to(paths: AppPaths, hasher: PasswordHasher = CHEAP) -> list[StaffMember]:
    """The same, for a till's data folder (its database must exist, e.g. seeded)."""
    from pos_desktop.localdb.store import open_local_store

    store = open_local_store(paths.database)
    try:
        return add_demo_staff(store.session_factory, hasher)
    finally:
        store.close()
