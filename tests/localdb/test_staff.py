from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Role
from pos_desktop.localdb.engine import make_session_factory, open_engine
from pos_desktop.localdb.staff import SqlStaffDirectory, lockout_for
from pos_desktop.services.ports import StaffMember
from tests.localdb.conftest import cheap_hasher

T0 = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


@pytest.fixture
def staff(factory: sessionmaker[Session]) -> SqlStaffDirectory:
    return SqlStaffDirectory(factory, cheap_hasher())


@pytest.fixture
def siti(staff: SqlStaffDirectory) -> StaffMember:
    return staff.create_user(code="K01", name="Siti", role=Role.CASHIER, pin="1111")


def test_lockout_grows_and_is_capped() -> None:
    assert [lockout_for(n) for n in range(4)] == [None, None, None, None]
    assert lockout_for(4) == timedelta(seconds=30)
    assert lockout_for(5) == timedelta(seconds=60)
    assert lockout_for(6) == timedelta(seconds=120)
    assert lockout_for(8) == timedelta(seconds=480)
    assert lockout_for(9) == timedelta(minutes=15)  # 960 s, capped
    assert lockout_for(10_000) == timedelta(minutes=15)


def test_right_pin_logs_in(staff: SqlStaffDirectory, siti: StaffMember) -> None:
    result = staff.verify_pin(siti.user_id, "1111", T0)
    assert result.user == siti
    assert result.locked_until is None


def test_pins_are_stored_as_argon2_hashes(engine: Engine, siti: StaffMember) -> None:
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT pin_hash FROM users")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert "1111" not in stored


def test_wrong_pins_lock_with_growing_delay(staff: SqlStaffDirectory, siti: StaffMember) -> None:
    now = T0
    for attempt in (1, 2, 3):
        result = staff.verify_pin(siti.user_id, "0000", now)
        assert (result.user, result.locked_until, result.failed_attempts) == (None, None, attempt)
    result = staff.verify_pin(siti.user_id, "0000", now)
    assert result.locked_until == now + timedelta(seconds=30)
    assert result.failed_attempts == 4

    # During the lockout even the right PIN is refused, and the attempt does not count.
    refused = staff.verify_pin(siti.user_id, "1111", now + timedelta(seconds=29))
    assert refused.user is None
    assert refused.locked_until == now + timedelta(seconds=30)
    assert refused.failed_attempts == 4

    now += timedelta(seconds=30)
    result = staff.verify_pin(siti.user_id, "9999", now)
    assert result.locked_until == now + timedelta(seconds=60)
    now += timedelta(seconds=60)
    result = staff.verify_pin(siti.user_id, "9999", now)
    assert result.locked_until == now + timedelta(seconds=120)

    now += timedelta(seconds=120)
    ok = staff.verify_pin(siti.user_id, "1111", now)
    assert ok.user == siti
    # Success reset the count: three free tries again.
    for _ in range(3):
        assert staff.verify_pin(siti.user_id, "0000", now).locked_until is None


def test_lockout_survives_a_restart(
    db_path: Path, staff: SqlStaffDirectory, siti: StaffMember
) -> None:
    for _ in range(4):
        staff.verify_pin(siti.user_id, "0000", T0)
    fresh_engine = open_engine(db_path)
    try:
        fresh = SqlStaffDirectory(make_session_factory(fresh_engine), cheap_hasher())
        result = fresh.verify_pin(siti.user_id, "1111", T0 + timedelta(seconds=10))
        assert result.user is None
        assert result.locked_until == T0 + timedelta(seconds=30)
        assert fresh.verify_pin(siti.user_id, "1111", T0 + timedelta(seconds=30)).user == siti
    finally:
        fresh_engine.dispose()


def test_unknown_and_inactive_users_cannot_log_in(
    staff: SqlStaffDirectory, siti: StaffMember, factory: sessionmaker[Session]
) -> None:
    assert staff.verify_pin(999, "1111", T0).user is None
    with factory.begin() as session:
        session.execute(text("UPDATE users SET active = 0"))
    assert staff.verify_pin(siti.user_id, "1111", T0).user is None
    assert staff.active_staff() == []


def test_active_staff_lists_by_name(staff: SqlStaffDirectory) -> None:
    budi = staff.create_user(code="K02", name="Budi", role=Role.CASHIER, pin="2222")
    ani = staff.create_user(code="M01", name="Ani", role=Role.MANAGER, pin="9999")
    assert staff.active_staff() == [ani, budi]


def test_set_pin_replaces_the_pin_and_lifts_a_lockout(
    staff: SqlStaffDirectory, siti: StaffMember
) -> None:
    for _ in range(4):
        staff.verify_pin(siti.user_id, "0000", T0)
    staff.set_pin(siti.user_id, "4321")
    assert staff.verify_pin(siti.user_id, "1111", T0).user is None
    assert staff.verify_pin(siti.user_id, "4321", T0).user == siti
    with pytest.raises(LookupError):
        staff.set_pin(999, "4321")


@pytest.mark.parametrize("pin", ["", "123", "12a4", "１２３４", "123456789"])
def test_bad_pins_are_refused(staff: SqlStaffDirectory, pin: str) -> None:
    with pytest.raises(UserError) as caught:
        staff.create_user(code="K09", name="X", role=Role.CASHIER, pin=pin)
    assert caught.value.code == "pin.invalid"
    assert staff.active_staff() == []


def test_unknown_role_is_refused(staff: SqlStaffDirectory) -> None:
    with pytest.raises(ValueError, match="role"):
        staff.create_user(code="K09", name="X", role="owner", pin="1234")


def test_naive_time_is_refused(staff: SqlStaffDirectory, siti: StaffMember) -> None:
    with pytest.raises(ValueError, match="aware"):
        staff.verify_pin(siti.user_id, "1111", datetime(2026, 1, 1))


def test_weak_hashes_are_upgraded_on_login(
    factory: sessionmaker[Session], engine: Engine, siti: StaffMember
) -> None:
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    directory = SqlStaffDirectory(factory, stronger)
    assert directory.verify_pin(siti.user_id, "1111", T0).user == siti
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT pin_hash FROM users")).scalar_one()
    assert not stronger.check_needs_rehash(stored)
    assert directory.verify_pin(siti.user_id, "1111", T0).user == siti
