"""Automatic backups: after every Z report and once a calendar day, never in a cashier's way.

A backup copies the whole database, which takes long enough on a big till that it must not run
on the Qt thread nor on the database worker (a sale committed meanwhile would wait behind it).
``BackupService`` therefore owns one plain thread: the shift close only *asks* for a backup
(``request``, returns at once), the thread makes it and prunes the folder to the configured
number, and every check interval it makes the day's backup if the folder has none from today
(so a till switched on mid-morning, or running past midnight, still gets one a day).

A failed backup (USB stick pulled, folder read-only, disk full) is logged and becomes the
service's state, which the status bar shows until a later backup succeeds; nothing else stops.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pos_desktop.domain.errors import UserError

log = logging.getLogger(__name__)

CHECK_INTERVAL_S = 600.0
"""How often the thread looks whether today's backup is still to be made (or to be retried)."""
SHIFT_CLOSE = "shift-close"
DAILY = "daily"


class BackupFolder(Protocol):
    """Where backups go (``localdb.backups.FolderBackups``)."""

    @property
    def folder(self) -> Path: ...

    def make(self, reason: str, now: datetime) -> Path:
        """A verified backup; raises ``UserError`` when it cannot be made."""

    def prune(self) -> list[Path]: ...

    def newest(self) -> datetime | None:
        """When the newest backup in the folder was taken."""


@dataclass(frozen=True, slots=True)
class BackupState:
    ok: bool | None
    """``None`` until this run made or tried a backup."""
    at: datetime | None = None
    path: Path | None = None
    error: UserError | None = None


class BackupService:
    def __init__(
        self,
        folder: BackupFolder,
        clock: Callable[[], datetime],
        *,
        daily: bool = True,
        check_interval_s: float = CHECK_INTERVAL_S,
    ) -> None:
        self.folder = folder
        self.clock = clock
        self.daily = daily
        self.check_interval_s = check_interval_s
        self._state = BackupState(ok=None)
        self._lock = threading.Lock()
        self._listeners: list[Callable[[BackupState], None]] = []
        self._requests: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    # -- any thread ---------------------------------------------------------------------------

    @property
    def state(self) -> BackupState:
        with self._lock:
            return self._state

    def add_listener(self, listener: Callable[[BackupState], None]) -> None:
        """Called on the backup thread after every attempt (the Qt adapter re-emits it)."""
        with self._lock:
            self._listeners.append(listener)

    def request(self, reason: str) -> None:
        """Ask for a backup; made on the backup thread (at once, without one: tests, CLI)."""
        if self._thread is None:
            self.run(reason)
        else:
            self._requests.put(reason)

    def after_shift_close(self, *_: object) -> None:
        """Hook for ``ShiftService``: a backup with the closed day's Z report in it."""
        self.request(SHIFT_CLOSE)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="pos-backup", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Let a backup in progress finish (a torn copy is never left named as a backup)."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._requests.put(None)
        thread.join(timeout)
        if thread.is_alive():
            log.warning("backup thread still busy after %.0f s; leaving it", timeout)

    # -- the work (backup thread, or the caller's when not started) ---------------------------

    def daily_due(self) -> bool:
        if not self.daily:
            return False
        newest = self.folder.newest()
        now = self.clock()
        return newest is None or newest.astimezone(now.tzinfo).date() < now.date()

    def run_daily_if_due(self) -> BackupState | None:
        return self.run(DAILY) if self.daily_due() else None

    def run(self, reason: str) -> BackupState:
        now = self.clock()
        try:
            path = self.folder.make(reason, now)
        except UserError as exc:
            log.error("%s backup to %s failed: %s", reason, self.folder.folder, exc)
            state = BackupState(ok=False, at=now, error=exc)
        except Exception as exc:
            log.exception("%s backup to %s failed", reason, self.folder.folder)
            error = UserError("backup.folder_unusable", path=str(self.folder.folder), reason=exc)
            state = BackupState(ok=False, at=now, error=error)
        else:
            self.folder.prune()
            state = BackupState(ok=True, at=now, path=path)
        with self._lock:
            self._state = state
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(state)
            except Exception:
                log.exception("backup state listener failed")
        return state

    def _loop(self) -> None:
        self.run_daily_if_due()
        while True:
            try:
                reason = self._requests.get(timeout=self.check_interval_s)
            except queue.Empty:
                self.run_daily_if_due()
                continue
            if reason is None:
                return
            self.run(reason)
