"""Who may do the risky things at the till, and the approval that stands in when they may not.

A shop decides which role may do what (store IT edits the table in settings); the defaults below
are what most Indonesian minimarkets run: a cashier sells, a supervisor (kepala kasir) handles
voids, discounts and drawer opens, a manager handles refunds, settings and unlocking people.

When the person at the till lacks a permission, a supervisor or manager approves on the same
screen with their own PIN and a reason code. The approval names both people, so the journal
shows who asked and who allowed it; an approver can never approve their own request.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from pos_desktop.domain.errors import UserError


class Role(enum.StrEnum):
    CASHIER = "cashier"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"


ROLE_NAMES = frozenset(role.value for role in Role)
"""The roles as stored and sent (``users.role``, the cloud's staff), to check a name against."""


class Permission(enum.StrEnum):
    DISCOUNT_OVER_LIMIT = "discount_over_limit"
    """A line or order discount above the till's limit (``discount_limit_bp``)."""
    PRICE_OVERRIDE = "price_override"
    LINE_VOID_LATE = "line_void_late"
    """Removing a line longer after it was scanned than the till's grace period."""
    REFUND = "refund"
    NO_SALE = "no_sale"
    """Opening the cash drawer without a sale."""
    REPRINT = "reprint"
    CASH_OUT = "cash_out"
    CLOSE_SHIFT = "close_shift"
    CHANGE_SETTINGS = "change_settings"
    MANUAL_WEIGHT = "manual_weight"
    """Typing a weight when the scale cannot give a stable one."""
    UNLOCK_USER = "unlock_user"
    """Lifting another person's PIN lockout."""
    PAIR_TILL = "pair_till"
    """Pairing the till with the cloud, which points its sales at a server."""


class ReasonCode(enum.StrEnum):
    """Why an approval was given: a short list, so reports can count them."""

    CUSTOMER_CHANGED_MIND = "customer_changed_mind"
    WRONG_ITEM = "wrong_item"
    DAMAGED = "damaged"
    PRICE_ERROR = "price_error"
    PROMOTION = "promotion"
    LOYAL_CUSTOMER = "loyal_customer"
    CHANGE_FOR_CUSTOMER = "change_for_customer"
    """Drawer opened to give change / break a note."""
    PETTY_CASH = "petty_cash"
    SCALE_FAULT = "scale_fault"
    OTHER = "other"


APPROVER_ROLES = frozenset({Role.SUPERVISOR, Role.MANAGER})

_ALL = frozenset(Permission)
DEFAULT_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.CASHIER: frozenset({Permission.REPRINT}),
    Role.SUPERVISOR: frozenset(
        {
            Permission.DISCOUNT_OVER_LIMIT,
            Permission.PRICE_OVERRIDE,
            Permission.LINE_VOID_LATE,
            Permission.NO_SALE,
            Permission.REPRINT,
            Permission.CASH_OUT,
            Permission.CLOSE_SHIFT,
            Permission.MANUAL_WEIGHT,
            Permission.PAIR_TILL,
        }
    ),
    Role.MANAGER: _ALL,
}


@dataclass(frozen=True, slots=True)
class Approval:
    """A supervisor's or manager's yes to one permission for one action."""

    permission: Permission
    approver_code: str
    approver_name: str
    approver_role: str
    reason: ReasonCode
    approved_at: datetime

    def to_json(self) -> dict[str, str]:
        return {
            "permission": self.permission.value,
            "approver_code": self.approver_code,
            "approver_name": self.approver_name,
            "approver_role": self.approver_role,
            "reason": self.reason.value,
            "approved_at": self.approved_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class PermissionTable:
    """Role -> allowed permissions. Immutable: editing makes a new table (``with_grant``)."""

    grants: Mapping[str, frozenset[Permission]]

    @staticmethod
    def default() -> PermissionTable:
        return PermissionTable({role.value: perms for role, perms in DEFAULT_PERMISSIONS.items()})

    @staticmethod
    def from_rows(rows: Iterable[tuple[str, str]]) -> PermissionTable:
        """From (role, permission) pairs as stored; unknown permissions are ignored."""
        grants: dict[str, set[Permission]] = {role.value: set() for role in Role}
        known = {p.value for p in Permission}
        for role, permission in rows:
            if role in grants and permission in known:
                grants[role].add(Permission(permission))
        return PermissionTable({role: frozenset(perms) for role, perms in grants.items()})

    def rows(self) -> list[tuple[str, str]]:
        return sorted((role, p.value) for role, perms in self.grants.items() for p in perms)

    def allows(self, role: str, permission: Permission) -> bool:
        return permission in self.grants.get(role, frozenset())

    def with_grant(self, role: str, permission: Permission, allowed: bool) -> PermissionTable:
        if role not in ROLE_NAMES:
            raise UserError("permission.unknown_role", role=role)
        current = set(self.grants.get(role, frozenset()))
        if allowed:
            current.add(permission)
        else:
            current.discard(permission)
        if role == Role.MANAGER and not allowed and permission is Permission.CHANGE_SETTINGS:
            # Someone must always be able to edit the table, or a mistake locks the shop out.
            raise UserError("permission.keep_manager_settings")
        grants = dict(self.grants)
        grants[role] = frozenset(current)
        return PermissionTable(grants)

    def can_approve(self, role: str, permission: Permission) -> bool:
        return role in APPROVER_ROLES and self.allows(role, permission)

    def require(
        self, role: str, permission: Permission, approval: Approval | None, *, actor_code: str = ""
    ) -> None:
        """Allow the action if the role may do it, or a matching approval from someone else is
        given; otherwise raise ``permission.required`` and change nothing."""
        if self.allows(role, permission):
            return
        if approval is None or approval.permission is not permission:
            raise UserError("permission.required", permission=permission.value)
        if actor_code and approval.approver_code == actor_code:
            raise UserError("approval.self")
        if not self.can_approve(approval.approver_role, permission):
            raise UserError("approval.not_allowed", permission=permission.value)


# -- the till's limits ------------------------------------------------------------------------

DEFAULT_DISCOUNT_LIMIT_BP = 1000
DEFAULT_VOID_GRACE_S = 300
MAX_VOID_GRACE_S = 86_400
"""A day: a longer grace period is a typo, and would switch the late-void check off."""


@dataclass(frozen=True, slots=True)
class TillPolicy:
    """The limits around the permission table: how big a discount, how late a void, a cashier
    may give on their own."""

    discount_limit_bp: int = DEFAULT_DISCOUNT_LIMIT_BP
    """Basis points (1000 = 10%) of the discounted amount a cashier may give without approval."""
    void_grace_s: int = DEFAULT_VOID_GRACE_S
    """Seconds after a line was scanned during which it may be removed without approval."""

    def __post_init__(self) -> None:
        if not 0 <= self.discount_limit_bp <= 10_000:
            raise UserError("policy.discount_limit_invalid")
        if not 0 <= self.void_grace_s <= MAX_VOID_GRACE_S:
            raise UserError("policy.void_grace_invalid", maximum=MAX_VOID_GRACE_S)

    NAMES = ("discount_limit_bp", "void_grace_s")

    def values(self) -> dict[str, str]:
        """As stored in ``till_policy`` (name -> text)."""
        return {
            "discount_limit_bp": str(self.discount_limit_bp),
            "void_grace_s": str(self.void_grace_s),
        }

    @staticmethod
    def from_values(values: Mapping[str, str]) -> TillPolicy:
        """From stored text; a missing or unreadable value falls back to its default, so a
        damaged row never makes the till refuse to sell."""

        def number(name: str, default: int) -> int:
            try:
                return int(values.get(name, default))
            except ValueError:
                return default

        limit = number("discount_limit_bp", DEFAULT_DISCOUNT_LIMIT_BP)
        grace = number("void_grace_s", DEFAULT_VOID_GRACE_S)
        if not 0 <= limit <= 10_000:
            limit = DEFAULT_DISCOUNT_LIMIT_BP
        if not 0 <= grace <= MAX_VOID_GRACE_S:
            grace = DEFAULT_VOID_GRACE_S
        return TillPolicy(limit, grace)


def discount_bp(kind: str, value: int, base: int) -> int:
    """A discount as basis points of ``base`` (the amount it applies to), rounded up so a
    discount a hair over the limit never slips under it. ``kind`` is ``percent`` or ``amount``
    (``domain.cart.DiscountKind``)."""
    if kind == "percent":
        return value
    if base <= 0:
        return 10_000 if value > 0 else 0
    return min(10_000, -(-min(value, base) * 10_000 // base))


def discount_needs_approval(kind: str, value: int, base: int, policy: TillPolicy) -> bool:
    return discount_bp(kind, value, base) > policy.discount_limit_bp


def void_needs_approval(added_at: datetime | None, now: datetime, policy: TillPolicy) -> bool:
    """True when a line scanned at ``added_at`` is past the grace period at ``now``. A line with
    no time (restored from before lines had one) counts as late: approval is the safe side."""
    if added_at is None:
        return True
    return (now - added_at).total_seconds() > policy.void_grace_s
