"""What the sync worker tells the screen: connection state, the queue of unsent sales, and what
the cloud said about this till's clock.

Plain data, made on the sync thread and read on the UI thread; frozen so it can cross threads.
"""

from __future__ import annotations

import enum
import errno
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from pos_desktop.domain.errors import UserError

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
    LOCAL_ERROR = "local_error"
    """This till's own storage failed (disk full, disk error): nothing is wrong with the cloud.
    ``SyncStatus.local_problem`` holds the ``storage.*`` code."""
    STOPPED = "stopped"


CLOCK_SKEW_FLAG = "clock_skew"
"""The flag the cloud puts on a sale whose till clock was far from its own (``server_stub``)."""


@dataclass(frozen=True, slots=True)
class ClockSkew:
    """The cloud flagged this till's clock as wrong."""

    seconds: int | None
    """How far the till's clock is ahead (positive) or behind (negative) the cloud's, measured
    from the answer's ``Date`` header; ``None`` when the answer carried no date."""


@dataclass(frozen=True, slots=True)
class ClockCheck:
    """What the cloud's latest answer about freshly sent sales says about this till's clock.

    The cloud decides whether the clock is off (its ``clock_skew`` flag, from the batch's
    ``sent_at`` against its own clock); the difference shown comes from the same request: the
    till's clock when it sent the batch against the cloud's ``Date`` when it answered.
    """

    flagged: bool
    till_at: datetime
    cloud_at: datetime | None

    @property
    def skew(self) -> ClockSkew | None:
        if not self.flagged:
            return None
        if self.cloud_at is None:
            return ClockSkew(None)
        return ClockSkew(round((self.till_at - self.cloud_at).total_seconds()))


def check_clock(
    acks: Sequence[tuple[str, Sequence[str]]], till_at: datetime, cloud_at: datetime | None
) -> ClockCheck | None:
    """The clock check of one push answer, from its ``(status, flags)`` per sale.

    Only sales stored now count: a ``duplicate`` carries the flags its first copy was stored
    with, which says nothing about the clock today. ``None`` when no sale was stored now.
    """
    fresh = [flags for status, flags in acks if status == "accepted"]
    if not fresh:
        return None
    return ClockCheck(any(CLOCK_SKEW_FLAG in f for f in fresh), till_at, cloud_at)


_DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_DISK_ERROR = frozenset({errno.EIO, errno.EROFS, errno.EACCES, errno.EPERM})
"""What a file write answers on a failing, read-only or forbidden disk; network ``OSError``s
(resets, timeouts, TLS) are the cloud's side and stay out."""


def local_problem(error: BaseException) -> str | None:
    """The ``storage.*`` code when ``error`` is a failure of this till's own disk or database,
    which no retry against the cloud can fix; ``None`` for anything else."""
    if isinstance(error, UserError):
        return error.code if error.code.startswith("storage.") else None
    if isinstance(error, OSError) and not isinstance(error, ConnectionError | TimeoutError):
        if error.errno in _DISK_FULL:
            return "storage.full"
        if error.errno in _DISK_ERROR:
            return "storage.io"
    return None


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
    clock_skew: ClockSkew | None = None
    """Set while the cloud's latest answer about new sales flagged this till's clock."""
    local_problem: str | None = None
    """The ``storage.*`` code of a local failure (state ``LOCAL_ERROR``)."""

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
