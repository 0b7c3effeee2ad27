"""Staff at the till: whether the person logged in may stay, and changing one's own PIN.

The cloud owns staff and the till learns of a change with its next pull. A member who was
deactivated (or moved to another store) meanwhile is not thrown out mid-cart: the screen asks
``check_on_duty`` at each sale boundary (a sale completed, cancelled or parked, or an empty cart
idling) and logs them out only then, with the reason. A changed role (a cashier made
supervisor) also ends the session, so the new permissions apply from the next login.

A PIN change needs the old PIN first (it counts toward the lockout like a login), the new one
twice, and 4 to 6 digits. Storage hashes it, stores it with a journal entry and queues it for the
cloud in one transaction (``localdb.staff.SqlStaffDirectory.change_own_pin``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime
from typing import Protocol, runtime_checkable

from pos_desktop.domain.errors import UserError
from pos_desktop.services.ports import LoginResult, StaffMember

log = logging.getLogger(__name__)

PIN_LENGTHS = range(4, 7)
"""A new PIN has 4 to 6 digits, as the cloud requires."""
MAX_PIN_LENGTH_ACCEPTED = 8
"""Longest PIN the login screen takes: PINs set before the 4-6 rule may have up to 8 digits."""


@runtime_checkable
class StaffAccounts(Protocol):
    """What storage offers besides the ``StaffDirectory`` login (database thread only)."""

    def current_member(self, user_id: int) -> StaffMember | None:
        """The member as stored now, or ``None`` once they may no longer log in."""

    def change_own_pin(
        self, user_id: int, old_pin: str, new_pin: str, now: datetime
    ) -> LoginResult:
        """``user`` is ``None`` when the old PIN was wrong or the member is locked out."""


def end_of_duty(logged_in: StaffMember, current: StaffMember | None) -> UserError | None:
    """Why ``logged_in`` must leave the till at this sale boundary, or ``None`` to stay."""
    if current is None:
        return UserError("staff.deactivated", name=logged_in.name)
    if current.role != logged_in.role:
        return UserError("staff.role_changed", name=current.name)
    return None


class StaffService:
    """The use cases above, on the database worker (each call may hash or read the database)."""

    def __init__(self, accounts: StaffAccounts, clock: Callable[[], datetime]) -> None:
        self.accounts = accounts
        self.clock = clock

    def check_on_duty(self, member: StaffMember) -> UserError | None:
        reason = end_of_duty(member, self.accounts.current_member(member.user_id))
        if reason is not None:
            log.info("%s must log out at this sale boundary: %s", member.code, reason.code)
        return reason

    def change_own_pin(self, member: StaffMember, old_pin: str, new_pin: str, again: str) -> None:
        """Raises ``UserError`` for every refusal; returns once the new PIN is stored."""
        if not old_pin:
            raise UserError("pin.old_missing")
        if new_pin != again:
            raise UserError("pin.mismatch")
        if new_pin == old_pin:
            raise UserError("pin.unchanged")
        now = self.clock()
        result = self.accounts.change_own_pin(member.user_id, old_pin, new_pin, now)
        if result.user is not None:
            return
        if result.locked_until is not None and result.locked_until > now:
            seconds = math.ceil((result.locked_until - now).total_seconds())
            raise UserError("pin.locked", seconds=seconds)
        raise UserError("pin.wrong_old")


def staff_service(directory: object, clock: Callable[[], datetime]) -> StaffService | None:
    """The service over ``directory`` when it offers ``StaffAccounts`` (a test's fake may not)."""
    if isinstance(directory, StaffAccounts):
        return StaffService(directory, clock)
    return None
