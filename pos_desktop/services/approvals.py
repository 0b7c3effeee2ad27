"""Approvals on the same screen: a supervisor or manager says yes with their own PIN.

When the person at the till lacks a permission (``domain.permissions``), someone allowed to
approve it picks their name, types their PIN and a reason code; the till checks the PIN through
the ordinary staff directory (so wrong approver PINs count towards that person's lockout, like a
wrong login), checks their role may approve this permission and that they are not the person
asking, and journals the approval naming both people. The action itself is journaled after it
happened (``record``), carrying the approval, so a report can tie each void or drawer open to
who allowed it.

Every method runs on the database thread (the PIN hash is slow, the journal is a write).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.permissions import (
    Approval,
    Permission,
    PermissionTable,
    ReasonCode,
    TillPolicy,
)
from pos_desktop.services.checkout import HeldCartStore
from pos_desktop.services.ports import StaffDirectory, StaffMember

log = logging.getLogger(__name__)


class RulesStore(Protocol):
    """Storage for the table, the limits and the approval-related journal entries
    (``localdb.permissions.SqlPermissionStore``)."""

    def rules(self) -> tuple[PermissionTable, TillPolicy]: ...

    def save(
        self,
        table: PermissionTable,
        policy: TillPolicy,
        *,
        actor: StaffMember,
        now: datetime,
        approval: Approval | None = None,
    ) -> bool: ...

    def record(
        self,
        kind: str,
        *,
        actor: str,
        approver: str | None,
        data: Mapping[str, Any],
        now: datetime,
    ) -> object: ...

    def unlock_user(
        self,
        user_id: int,
        *,
        actor: str,
        approver: str | None,
        data: Mapping[str, Any],
        now: datetime,
    ) -> StaffMember: ...


def _seconds_left(until: datetime, now: datetime) -> int:
    return max(1, int((until - now).total_seconds() + 0.999))


class ApprovalService:
    def __init__(
        self, staff: StaffDirectory, store: RulesStore, clock: Callable[[], datetime]
    ) -> None:
        self.staff = staff
        self.store = store
        self.clock = clock

    # --- the table --------------------------------------------------------------------------
    def rules(self) -> tuple[PermissionTable, TillPolicy]:
        return self.store.rules()

    def table(self) -> PermissionTable:
        return self.store.rules()[0]

    def approvers(self, permission: Permission, requester: StaffMember) -> Sequence[StaffMember]:
        """Active staff who could approve ``permission`` for ``requester`` (the dialog's list)."""
        table = self.table()
        return [
            member
            for member in self.staff.active_staff()
            if member.user_id != requester.user_id and table.can_approve(member.role, permission)
        ]

    def save_rules(
        self,
        table: PermissionTable,
        policy: TillPolicy,
        actor: StaffMember,
        approval: Approval | None = None,
        now: datetime | None = None,
    ) -> bool:
        return self.store.save(
            table, policy, actor=actor, now=now or self.clock(), approval=approval
        )

    # --- approving --------------------------------------------------------------------------
    def _approver(self, user_id: int) -> StaffMember:
        member = next((m for m in self.staff.active_staff() if m.user_id == user_id), None)
        if member is None:
            raise UserError("approval.unknown_approver")
        return member

    def _check_pin(self, member: StaffMember, pin: str, now: datetime) -> StaffMember:
        """The member as the directory knows them after a right PIN; wrong or locked refuse."""
        result = self.staff.verify_pin(member.user_id, pin, now)
        if result.user is not None:
            return result.user
        if result.locked_until is not None and now < result.locked_until:
            log.warning("approval PIN of %s refused: locked", member.code)
            raise UserError(
                "approval.locked", name=member.name, seconds=_seconds_left(result.locked_until, now)
            )
        log.warning("wrong approval PIN for %s", member.code)
        raise UserError("approval.wrong_pin")

    def approve(
        self,
        permission: Permission,
        requester: StaffMember,
        approver_user_id: int,
        pin: str,
        reason: ReasonCode,
        now: datetime,
    ) -> Approval:
        """A checked approval, journaled (``APPROVAL``) with both people.

        Refusals change nothing but the approver's failed-PIN count: ``approval.self``,
        ``approval.not_allowed``, ``approval.unknown_approver``, ``approval.wrong_pin``,
        ``approval.locked``.
        """
        permission = Permission(permission)
        reason = ReasonCode(reason)
        if approver_user_id == requester.user_id:
            raise UserError("approval.self")
        member = self._approver(approver_user_id)
        table = self.table()
        if not table.can_approve(member.role, permission):
            raise UserError("approval.not_allowed", permission=permission.value)
        approver = self._check_pin(member, pin, now)
        if not table.can_approve(approver.role, permission):  # the role changed meanwhile
            raise UserError("approval.not_allowed", permission=permission.value)
        approval = Approval(
            permission=permission,
            approver_code=approver.code,
            approver_name=approver.name,
            approver_role=approver.role,
            reason=reason,
            approved_at=now,
        )
        self.store.record(
            JournalKind.APPROVAL,
            actor=requester.code,
            approver=approver.code,
            data={
                "permission": permission.value,
                "reason": reason.value,
                "requester_code": requester.code,
                "requester_name": requester.name,
                "requester_role": requester.role,
                "approver_code": approver.code,
                "approver_name": approver.name,
                "approver_role": approver.role,
            },
            now=now,
        )
        log.warning("%s approved %s for %s (%s)", approver.code, permission, requester.code, reason)
        return approval

    def record(
        self,
        kind: JournalKind | str,
        actor: StaffMember,
        approval: Approval | None,
        data: Mapping[str, Any],
        now: datetime | None = None,
    ) -> None:
        """Journal a sensitive action done by ``actor`` (with ``approval`` when one was needed):
        a line void, a cancelled sale, a drawer open, a reprint, a price override, a discount,
        a typed weight."""
        entry: dict[str, Any] = {
            **data,
            "actor_name": actor.name,
            "actor_role": actor.role,
        }
        if approval is not None:
            entry["approval"] = approval.to_json()
        self.store.record(
            str(kind),
            actor=actor.code,
            approver=approval.approver_code if approval is not None else None,
            data=entry,
            now=now or self.clock(),
        )

    # --- lockouts ---------------------------------------------------------------------------
    def unlock(
        self, by: Approval | StaffMember, user_id: int, now: datetime | None = None
    ) -> StaffMember:
        """Lift ``user_id``'s PIN lockout, by a manager present (``StaffMember`` whose role may
        unlock) or under an ``UNLOCK_USER`` approval; journals ``USER_UNLOCK``."""
        now = now or self.clock()
        table = self.table()
        if isinstance(by, Approval):
            if by.permission is not Permission.UNLOCK_USER or not table.can_approve(
                by.approver_role, Permission.UNLOCK_USER
            ):
                raise UserError("approval.not_allowed", permission=Permission.UNLOCK_USER.value)
            actor, approver = by.approver_code, by.approver_code
            data: dict[str, Any] = {"approval": by.to_json()}
        else:
            if not table.allows(by.role, Permission.UNLOCK_USER):
                raise UserError("permission.required", permission=Permission.UNLOCK_USER.value)
            if by.user_id == user_id:
                raise UserError("approval.self")
            actor, approver = by.code, None
            data = {"by_name": by.name, "by_role": by.role}
        return self.store.unlock_user(user_id, actor=actor, approver=approver, data=data, now=now)

    def unlock_with_pin(
        self, user_id: int, manager_user_id: int, pin: str, now: datetime
    ) -> StaffMember:
        """The login screen's unlock: a manager's own PIN lifts ``user_id``'s lockout."""
        if manager_user_id == user_id:
            raise UserError("approval.self")
        member = self._approver(manager_user_id)
        if not self.table().allows(member.role, Permission.UNLOCK_USER):
            raise UserError("approval.not_allowed", permission=Permission.UNLOCK_USER.value)
        manager = self._check_pin(member, pin, now)
        return self.unlock(manager, user_id, now)


@dataclass(frozen=True, slots=True)
class TillOperations:
    """What the sale and login screens need beyond ``TillContext`` for issue 6's rules; the
    composition root builds it once and hands it to ``SaleScreen.set_operations`` and
    ``LoginScreen.set_operations``."""

    approvals: ApprovalService
    held: HeldCartStore
