"""Staff for benchmark tills, made on the till itself.

A real till gets its staff (and their PIN verifiers) from the cloud's feed; a benchmark till
runs without a cloud, so its people are put in with the storage function
``localdb.staff.create_user``, hashed at the production cost a login then pays.
"""

from __future__ import annotations

from sqlalchemy import select

from pos_desktop.localdb.models import UserRow
from pos_desktop.localdb.staff import create_user
from pos_desktop.localdb.store import open_local_store
from pos_desktop.localdb.transactions import write_session
from pos_desktop.paths import AppPaths

BENCH_STAFF = (
    ("K01", "Siti", "cashier", "1111"),
    ("K02", "Budi", "cashier", "2222"),
    ("M01", "Ani", "manager", "9999"),
)
"""(code, name, role, PIN), as the demo's staff."""
PINS = {code: pin for code, _name, _role, pin in BENCH_STAFF}


def add_bench_staff(paths: AppPaths) -> None:
    """Add the staff missing from the till at ``paths`` (its database must exist)."""
    store = open_local_store(paths.database)
    try:
        with write_session(store.session_factory, "bench staff") as session:
            present = set(session.scalars(select(UserRow.code)).all())
            for code, name, role, pin in BENCH_STAFF:
                if code not in present:
                    create_user(
                        session, store.staff.hasher, code=code, name=name, role=role, pin=pin
                    )
    finally:
        store.close()
