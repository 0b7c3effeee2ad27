"""Everything the UI needs, wired once by the composition root (``pos_desktop.app``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pos_desktop.config import TillConfig
from pos_desktop.services.approvals import TillOperations
from pos_desktop.services.checkout import TillService
from pos_desktop.services.ports import StaffDirectory, StoreProfile
from pos_desktop.services.refunds import RefundService
from pos_desktop.services.shifts import ShiftService
from pos_desktop.services.store_profile import ProfileBook


@dataclass(frozen=True, slots=True)
class TillContext:
    till: TillService
    """Storage actions: call on the database worker thread only."""
    staff: StaffDirectory
    """PIN checks: call on the database worker thread only."""
    profile: StoreProfile
    """The profile read at start-up: the store's name and codes for the screens. A sale takes its
    own snapshot through ``profiles``; never tax or round with this copy."""
    config: TillConfig
    clock: Callable[[], datetime]
    """Timezone-aware now(); injectable so tests control time (lockout, idle lock, sold_at)."""
    operations: TillOperations | None = None
    """Approvals, the permission table and parked sales (database thread only)."""
    shifts: ShiftService | None = None
    """Cash shifts and X/Z reports; when set, the till sells only in an open shift."""
    refunds: RefundService | None = None
    """Returns against a receipt (database thread only)."""
    profiles: ProfileBook | None = None
    """The store profile in force, read from storage (database thread only); without it (tests
    on fakes) sales keep ``profile``."""
