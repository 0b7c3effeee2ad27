"""What the sync worker tells the screen: connection state and the queue of unsent sales.

Plain data, made on the sync thread and read on the UI thread; frozen so it can cross threads.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

STALE_AFTER = timedelta(hours=24)
"""Unsent sales older than this get a warning: the cloud's reports are missing a day."""


class SyncState(enum.StrEnum):
    UNPAIRED = "unpaired"
    """No cloud configured for this till (never enrolled)."""
    STARTING = "starting"
    ONLINE = "online"
    SYNCING = "syncing"
    OFFLINE = "offline"
    """The cloud does not answer (network down, server down, timed out)."""
    SERVER_ERROR = "server_error"
    """The cloud answers with errors; retried with back-off."""
    AUTH_FAILED = "auth_failed"
    """The cloud refuses this till's credential (unpaired, revoked, or credential missing)."""
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    state: SyncState
    pending: int = 0
    oldest_pending_at: datetime | None = None
    needs_attention: int = 0
    last_sync_at: datetime | None = None
    """The last time the cloud answered this till successfully."""
    last_error: str | None = None
    retry_in_s: float | None = None

    def oldest_age(self, now: datetime) -> timedelta | None:
        if self.oldest_pending_at is None:
            return None
        return max(timedelta(0), now - self.oldest_pending_at)

    def is_stale(self, now: datetime) -> bool:
        age = self.oldest_age(now)
        return age is not None and age > STALE_AFTER


def format_age(age: timedelta) -> str:
    """``45 s``, ``12 min``, ``3 h``, ``2 d``: short enough for a status bar."""
    seconds = int(age.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"
