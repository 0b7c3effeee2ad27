"""The permission table, the till's limits, and the audit entries around approvals, in SQLite.

Changing who may do what is itself a sensitive action: ``save`` checks the person may change
settings against the table as stored (not as the screen last saw it), writes the new table and
limits and journals the old and new values, all in one write transaction, so the journal never
misses a change and never records one that rolled back.

Lifting a PIN lockout lives here too: it is the permission table that says who may do it, and
the lift and its journal entry commit together.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalEntry, JournalKind
from pos_desktop.domain.permissions import (
    Approval,
    Permission,
    PermissionTable,
    Role,
    TillPolicy,
)
from pos_desktop.localdb import journal
from pos_desktop.localdb.models import PermissionRow, TillPolicyRow, UserRow
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.services.ports import StaffMember

log = logging.getLogger(__name__)


def load_table(session: Session) -> PermissionTable:
    rows = session.execute(select(PermissionRow.role, PermissionRow.permission)).all()
    return PermissionTable.from_rows((str(role), str(permission)) for role, permission in rows)


def load_policy(session: Session) -> TillPolicy:
    rows = session.execute(select(TillPolicyRow.name, TillPolicyRow.value)).all()
    return TillPolicy.from_values({str(name): str(value) for name, value in rows})


def _grants_json(table: PermissionTable) -> dict[str, list[str]]:
    return {
        role.value: sorted(p.value for p in table.grants.get(role.value, frozenset()))
        for role in Role
    }


def _policy_json(policy: TillPolicy) -> dict[str, int]:
    return {"discount_limit_bp": policy.discount_limit_bp, "void_grace_s": policy.void_grace_s}


class SqlPermissionStore:
    """Permission table, till limits, approval/void journal entries and lockout lifts."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def rules(self) -> tuple[PermissionTable, TillPolicy]:
        with read_session(self._sessions, "permissions") as session:
            return load_table(session), load_policy(session)

    def table(self) -> PermissionTable:
        return self.rules()[0]

    def policy(self) -> TillPolicy:
        return self.rules()[1]

    def save(
        self,
        table: PermissionTable,
        policy: TillPolicy,
        *,
        actor: StaffMember,
        now: datetime,
        approval: Approval | None = None,
    ) -> bool:
        """Store a new table and limits (False when nothing changed, and nothing is written).

        Refused with ``permission.required`` unless ``actor`` may change settings by the table
        as stored, or ``approval`` is a manager's yes.
        """
        if not table.allows(Role.MANAGER, Permission.CHANGE_SETTINGS):
            raise UserError("permission.keep_manager_settings")
        with write_session(self._sessions, "save permissions") as session:
            old_table, old_policy = load_table(session), load_policy(session)
            old_table.require(
                actor.role, Permission.CHANGE_SETTINGS, approval, actor_code=actor.code
            )
            old, new = (
                {"grants": _grants_json(old_table), "policy": _policy_json(old_policy)},
                {"grants": _grants_json(table), "policy": _policy_json(policy)},
            )
            if old == new:
                return False
            session.execute(delete(PermissionRow))
            rows = [{"role": role, "permission": p} for role, p in table.rows()]
            if rows:
                session.execute(insert(PermissionRow), rows)
            for name, value in policy.values().items():
                updated = session.execute(
                    update(TillPolicyRow).where(TillPolicyRow.name == name).values(value=value)
                )
                if updated.rowcount == 0:  # type: ignore[attr-defined]
                    session.execute(insert(TillPolicyRow).values(name=name, value=value))
            data: dict[str, Any] = {"section": "permissions", "old": old, "new": new}
            if approval is not None:
                data["approval"] = approval.to_json()
            journal.append(
                session,
                JournalKind.SETTINGS_CHANGE,
                at=now,
                actor=actor.code,
                approver=approval.approver_code if approval is not None else None,
                data=data,
            )
        log.warning("permission table changed by %s", actor.code)
        return True

    def record(
        self,
        kind: str,
        *,
        actor: str,
        approver: str | None,
        data: Mapping[str, Any],
        now: datetime,
    ) -> JournalEntry:
        """One journal entry in its own transaction (an approval, a void, a drawer open ...)."""
        with write_session(self._sessions, f"journal {kind}") as session:
            return journal.append(session, kind, at=now, actor=actor, approver=approver, data=data)

    def unlock_user(
        self,
        user_id: int,
        *,
        actor: str,
        approver: str | None,
        data: Mapping[str, Any],
        now: datetime,
    ) -> StaffMember:
        """Clear a user's failed attempts and lockout, and journal ``USER_UNLOCK``, together.

        ``unlock.not_locked`` when there is nothing to lift (nothing is written then).
        """
        with write_session(self._sessions, "unlock user") as session:
            row = session.get(UserRow, user_id)
            if row is None or not row.active:
                raise UserError("unlock.unknown_user")
            if row.failed_attempts == 0 and row.locked_until is None:
                raise UserError("unlock.not_locked", name=row.name)
            member = StaffMember(user_id=row.id, code=row.code, name=row.name, role=row.role)
            entry_data = {
                **data,
                "user_code": row.code,
                "user_name": row.name,
                "failed_attempts": row.failed_attempts,
                "locked_until": row.locked_until.isoformat() if row.locked_until else None,
            }
            session.execute(
                update(UserRow)
                .where(UserRow.id == user_id)
                .values(failed_attempts=0, locked_until=None)
            )
            journal.append(
                session,
                JournalKind.USER_UNLOCK,
                at=now,
                actor=actor,
                approver=approver,
                data=entry_data,
            )
        log.warning("user %s unlocked by %s", member.code, approver or actor)
        return member
