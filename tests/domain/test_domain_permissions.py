"""The permission table, approvals standing in for a missing permission, and the till's limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import (
    Approval,
    Permission,
    PermissionTable,
    ReasonCode,
    Role,
    TillPolicy,
    discount_bp,
    discount_needs_approval,
    void_needs_approval,
)

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def _approval(permission: Permission, code: str = "S01", role: str = Role.SUPERVISOR) -> Approval:
    return Approval(permission, code, "Sari", role, ReasonCode.WRONG_ITEM, T0)


def test_defaults_cashier_reprints_supervisor_voids_manager_everything() -> None:
    table = PermissionTable.default()
    assert table.allows(Role.CASHIER, Permission.REPRINT)
    assert not table.allows(Role.CASHIER, Permission.LINE_VOID_LATE)
    assert table.allows(Role.SUPERVISOR, Permission.LINE_VOID_LATE)
    assert not table.allows(Role.SUPERVISOR, Permission.REFUND)
    assert all(table.allows(Role.MANAGER, p) for p in Permission)
    assert not table.allows("owner", Permission.REPRINT)


def test_require_takes_the_role_or_a_matching_approval_from_someone_else() -> None:
    table = PermissionTable.default()
    table.require(Role.SUPERVISOR, Permission.NO_SALE, None)
    with pytest.raises(UserError) as refused:
        table.require(Role.CASHIER, Permission.NO_SALE, None)
    assert refused.value.code == "permission.required"
    table.require(Role.CASHIER, Permission.NO_SALE, _approval(Permission.NO_SALE), actor_code="K01")
    with pytest.raises(UserError) as wrong_kind:
        table.require(Role.CASHIER, Permission.NO_SALE, _approval(Permission.REPRINT))
    assert wrong_kind.value.code == "permission.required"
    with pytest.raises(UserError) as own:
        table.require(
            Role.CASHIER, Permission.NO_SALE, _approval(Permission.NO_SALE, "K01"), actor_code="K01"
        )
    assert own.value.code == "approval.self"
    # A supervisor cannot approve a refund (not theirs by default), nor can a cashier approve.
    with pytest.raises(UserError) as beyond:
        table.require(Role.CASHIER, Permission.REFUND, _approval(Permission.REFUND))
    assert beyond.value.code == "approval.not_allowed"
    with pytest.raises(UserError) as by_cashier:
        table.require(
            Role.CASHIER, Permission.NO_SALE, _approval(Permission.NO_SALE, "K02", Role.CASHIER)
        )
    assert by_cashier.value.code == "approval.not_allowed"


def test_edits_make_a_new_table_and_never_lock_out_settings() -> None:
    table = PermissionTable.default()
    edited = table.with_grant(Role.CASHIER, Permission.NO_SALE, True)
    assert edited.allows(Role.CASHIER, Permission.NO_SALE)
    assert not table.allows(Role.CASHIER, Permission.NO_SALE)
    assert PermissionTable.from_rows(edited.rows()) == edited
    with pytest.raises(UserError) as keep:
        table.with_grant(Role.MANAGER, Permission.CHANGE_SETTINGS, False)
    assert keep.value.code == "permission.keep_manager_settings"
    with pytest.raises(UserError) as unknown:
        table.with_grant("owner", Permission.NO_SALE, True)
    assert unknown.value.code == "permission.unknown_role"
    assert PermissionTable.from_rows([("cashier", "fly"), ("owner", "reprint")]).rows() == []


def test_discount_limit_in_basis_points_of_what_it_applies_to() -> None:
    policy = TillPolicy(discount_limit_bp=1000)
    assert discount_bp("percent", 1000, 50_000) == 1000
    assert not discount_needs_approval("percent", 1000, 50_000, policy)
    assert discount_needs_approval("percent", 1001, 50_000, policy)
    # Rp5.000 on Rp50.000 is 10%: allowed; Rp5.001 rounds up past the limit.
    assert not discount_needs_approval("amount", 5_000, 50_000, policy)
    assert discount_needs_approval("amount", 5_001, 50_000, policy)
    assert discount_bp("amount", 90_000, 50_000) == 10_000
    assert discount_bp("amount", 0, 0) == 0 and discount_bp("amount", 1, 0) == 10_000
    assert discount_needs_approval("percent", 1, 100, TillPolicy(discount_limit_bp=0))


def test_void_grace_period() -> None:
    policy = TillPolicy(void_grace_s=300)
    assert not void_needs_approval(T0, T0 + timedelta(seconds=300), policy)
    assert void_needs_approval(T0, T0 + timedelta(seconds=301), policy)
    assert void_needs_approval(None, T0, policy)


def test_policy_values_round_trip_and_bad_values_fall_back() -> None:
    policy = TillPolicy(discount_limit_bp=1500, void_grace_s=60)
    assert TillPolicy.from_values(policy.values()) == policy
    assert TillPolicy.from_values({}) == TillPolicy()
    assert TillPolicy.from_values({"discount_limit_bp": "x", "void_grace_s": "-5"}) == TillPolicy()
    with pytest.raises(UserError) as bad:
        TillPolicy(discount_limit_bp=10_001)
    assert bad.value.code == "policy.discount_limit_invalid"
    with pytest.raises(UserError) as late:
        TillPolicy(void_grace_s=-1)
    assert late.value.code == "policy.void_grace_invalid"
