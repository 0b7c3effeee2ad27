"""What the update task reports: its state, the version concerned and a refusal's code.

Kept apart from the task so that the status bar and the start-up code read it without loading
the TUF client (a third of a second at every start of a till that never updates itself).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class UpdateState(enum.StrEnum):
    IDLE = "idle"
    READY = "ready"
    """Downloaded and verified; applies when no shift is open."""
    INSTALLED = "installed"
    """Switched; the new version starts at the next start of the till."""
    REFUSED = "refused"
    ROLLED_BACK = "rolled_back"


@dataclass(frozen=True, slots=True)
class UpdateStatus:
    state: UpdateState = UpdateState.IDLE
    version: str | None = None
    problem: str | None = None
    """The ``update.*`` code of a refusal."""
