"""The permission table and limits in SQLite: seeded defaults, journaled changes, refusals that
write nothing, and lockouts a manager lifts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import (
    Approval,
    Permission,
    PermissionTable,
    ReasonCode,
    Role,
    TillPolicy,
)
from pos_desktop.localdb.journal import SqlJournal
from pos_desktop.localdb.permissions import SqlPermissionStore
from pos_desktop.localdb.staff import SqlStaffDirectory
from pos_desktop.services.ports import StaffMember
from tests.localdb.conftest import cheap_hasher

T0 = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


@pytest.fixture
def rules(factory: sessionmaker[Session]) -> SqlPermissionStore:
    return SqlPermissionStore(factory)


@pytest.fixture
def staff(factory: sessionmaker[Session]) -> SqlStaffDirectory:
    return SqlStaffDirectory(factory, cheap_hasher())


@pytest.fixture
def people(staff: SqlStaffDirectory) -> dict[str, StaffMember]:
    return {
        "siti": staff.create_user(code="K01", name="Siti", role=Role.CASHIER, pin="1111"),
        "sari": staff.create_user(code="S01", name="Sari", role=Role.SUPERVISOR, pin="4444"),
        "maya": staff.create_user(code="M01", name="Maya", role=Role.MANAGER, pin="3333"),
    }


def _journal(factory: sessionmaker[Session]) -> list[dict[str, object]]:
    return [{**e.to_json(), "data": json.loads(e.data)} for e in SqlJournal(factory).entries()]


def test_a_new_till_has_the_default_table_and_limits(rules: SqlPermissionStore) -> None:
    table, policy = rules.rules()
    assert table == PermissionTable.default()
    assert policy == TillPolicy(discount_limit_bp=1000, void_grace_s=300)


def test_a_manager_saves_and_the_change_is_journaled_with_old_and_new(
    rules: SqlPermissionStore, people, factory
) -> None:
    table = PermissionTable.default().with_grant(Role.CASHIER, Permission.NO_SALE, True)
    policy = TillPolicy(discount_limit_bp=500, void_grace_s=120)
    assert rules.save(table, policy, actor=people["maya"], now=T0)
    assert rules.rules() == (table, policy)
    [entry] = _journal(factory)
    assert entry["kind"] == "settings_change" and entry["actor"] == "M01"
    data = entry["data"]
    assert "no_sale" not in data["old"]["grants"]["cashier"]
    assert "no_sale" in data["new"]["grants"]["cashier"]
    assert data["old"]["policy"] == {"discount_limit_bp": 1000, "void_grace_s": 300}
    assert data["new"]["policy"] == {"discount_limit_bp": 500, "void_grace_s": 120}
    # Saving the same again changes nothing and journals nothing.
    assert not rules.save(table, policy, actor=people["maya"], now=T0)
    assert len(_journal(factory)) == 1
    assert SqlJournal(factory).verify().fault is None


def test_a_cashier_or_supervisor_cannot_save_unless_a_manager_approves(
    rules: SqlPermissionStore, people, factory
) -> None:
    table = PermissionTable.default().with_grant(Role.CASHIER, Permission.REFUND, True)
    for who in ("siti", "sari"):
        with pytest.raises(UserError) as refused:
            rules.save(table, TillPolicy(), actor=people[who], now=T0)
        assert refused.value.code == "permission.required"
    assert rules.table() == PermissionTable.default()
    assert _journal(factory) == []
    approval = Approval(
        Permission.CHANGE_SETTINGS, "M01", "Maya", Role.MANAGER, ReasonCode.OTHER, T0
    )
    assert rules.save(table, TillPolicy(), actor=people["sari"], now=T0, approval=approval)
    [entry] = _journal(factory)
    assert entry["actor"] == "S01" and entry["approver"] == "M01"
    assert entry["data"]["approval"]["approver_name"] == "Maya"


def test_settings_can_never_be_taken_from_the_manager(
    rules: SqlPermissionStore, people, factory
) -> None:
    grants = dict(PermissionTable.default().grants)
    grants[Role.MANAGER] = frozenset(set(Permission) - {Permission.CHANGE_SETTINGS})
    with pytest.raises(UserError) as refused:
        rules.save(PermissionTable(grants), TillPolicy(), actor=people["maya"], now=T0)
    assert refused.value.code == "permission.keep_manager_settings"
    assert rules.table() == PermissionTable.default() and _journal(factory) == []


def test_damaged_policy_rows_fall_back_to_the_defaults(rules: SqlPermissionStore, engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE till_policy SET value = 'lots' WHERE name = 'void_grace_s'"))
    assert rules.policy() == TillPolicy()


def test_unlock_lifts_a_lockout_and_is_journaled(
    rules: SqlPermissionStore, staff: SqlStaffDirectory, people, factory
) -> None:
    siti = people["siti"]
    for _ in range(4):
        staff.verify_pin(siti.user_id, "9999", T0)
    assert staff.verify_pin(siti.user_id, "1111", T0).user is None  # locked
    member = rules.unlock_user(
        siti.user_id, actor="M01", approver=None, data={"by_name": "Maya"}, now=T0
    )
    assert member == siti
    assert staff.verify_pin(siti.user_id, "1111", T0 + timedelta(seconds=1)).user == siti
    [entry] = _journal(factory)
    assert entry["kind"] == "user_unlock" and entry["actor"] == "M01"
    assert entry["data"]["user_code"] == "K01" and entry["data"]["failed_attempts"] == 4
    with pytest.raises(UserError) as nothing:
        rules.unlock_user(siti.user_id, actor="M01", approver=None, data={}, now=T0)
    assert nothing.value.code == "unlock.not_locked"
    with pytest.raises(UserError) as unknown:
        rules.unlock_user(999, actor="M01", approver=None, data={}, now=T0)
    assert unknown.value.code == "unlock.unknown_user"
    assert len(_journal(factory)) == 1
