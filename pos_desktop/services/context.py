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


@dataclass(frozen=True, slots=True)
class TillContext:
    till: TillService
    """Storage actions: call on the database worker thread only."""
    staff: StaffDirectory
    """PIN checks: call on the database worker thread only."""
    profile: StoreProfile
    config: TillConfig
    clock: Callable[[], datetime]
    """Timezone-aware now(); injectable so tests control time (lockout, idle lock, sold_at)."""
    operations: TillOperations | None = None
    """Approvals, the permission table and parked sales (database thread only)."""
    shifts: ShiftService | None = None
    """Cash shifts and X/Z reports; when set, the till sells only in an open shift."""
    refunds: RefundService | None = None
    """Returns against a receipt (database thread only)."""
