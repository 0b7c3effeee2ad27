"""What can stop a till from starting, found before it bites, and said in the cashier's words.

A till that cannot write its data folder, whose disk is full or whose database is damaged used to
end in a traceback on a console nobody reads. Each of these is something the person at the till
or store IT can act on, so each becomes a ``UserError`` naming the file or folder, which the
composition root shows in a dialog, writes to the log and turns into a non-zero exit.

Qt-free: the same checks serve the GUI start and the command line.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import exc as sa_exc

from pos_desktop.config import BackupConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.backups import (
    SIDE_FILES,
    BackupInfo,
    move_aside,
    newest_verified_backup,
)
from pos_desktop.localdb.transactions import storage_error_code
from pos_desktop.paths import AppPaths

log = logging.getLogger(__name__)

PROBE_NAME = ".pos-desktop-write-check"
_READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def os_error_problem(error: OSError, where: Path) -> UserError:
    """The start-up refusal for a file-system error at ``where`` (or the file it names)."""
    path = str(error.filename or where)
    if error.errno in _FULL:
        return UserError("startup.disk_full", path=path)
    if error.errno in _READ_ONLY:
        return UserError("startup.read_only", path=path)
    return UserError("startup.data_unusable", path=path, detail=error.strerror or str(error))


def check_data_folder(paths: AppPaths) -> None:
    """Create the till's folders and prove the data folder takes a write that reaches the disk.

    SQLite and the data-folder lock would fail too, but later and in their own words; a small
    probe file written, synced and removed fails first, with the folder's name.
    """
    folder = paths.data_dir
    probe = folder / PROBE_NAME
    try:
        paths.ensure()
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"pos-desktop write check\n" * 64)
            os.fsync(fd)
        finally:
            os.close(fd)
            probe.unlink(missing_ok=True)
    except OSError as exc:
        if exc.filename == str(probe):
            exc.filename = str(folder)  # the folder is what store IT must fix, not our probe
        problem = os_error_problem(exc, folder)
        log.error("data folder %s unusable: %s", folder, exc)
        raise problem from exc


def storage_problem(error: BaseException, database: Path) -> UserError | None:
    """A database failure at start as a start-up refusal naming the file; ``None`` when the
    error is not one the person at the till can act on (a bug: let it propagate)."""
    path = str(database)
    if isinstance(error, UserError):
        code = error.code
        path = str(error.params.get("path", database))
    elif isinstance(error, sa_exc.DBAPIError | sqlite3.Error):
        code = storage_error_code(error) or ""
    elif isinstance(error, OSError):
        return os_error_problem(error, database)
    else:
        return None
    if code == "storage.full":
        return UserError("startup.disk_full", path=path)
    if code in ("storage.io", "storage.locked", "storage.corrupt"):
        detail = str(error.__cause__ or error) if isinstance(error, UserError) else str(error)
        return UserError("startup.database_unreadable", path=path, detail=detail)
    return None


@dataclass(frozen=True, slots=True)
class DamagedDatabase:
    """A damaged database that was moved aside, and the backup that could take its place."""

    database: Path
    moved_to: Path
    backup: BackupInfo | None
    backup_folder: Path

    def problem(self) -> UserError:
        """What to tell the person at the till (and the log), with or without a backup."""
        if self.backup is None:
            return UserError(
                "startup.database_damaged",
                path=str(self.database),
                moved=str(self.moved_to),
                folder=str(self.backup_folder),
            )
        return UserError(
            "startup.database_damaged_backup",
            path=str(self.database),
            moved=str(self.moved_to),
            backup=str(self.backup.path),
            created=self.backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )


def set_damaged_database_aside(
    paths: AppPaths, backup: BackupConfig, now: datetime
) -> DamagedDatabase:
    """Move the damaged database out of the way (never overwrite or delete it) and find the
    newest backup that verifies, for the person at the till to choose."""
    moved = move_aside(paths.database, "damaged", now)
    folder = backup.folder_for(paths.data_dir)
    newest = newest_verified_backup(folder)
    log.error(
        "database %s is damaged; moved aside to %s; newest verified backup: %s",
        paths.database,
        moved,
        newest.path if newest else f"none in {folder}",
    )
    return DamagedDatabase(paths.database, moved, newest, folder)


def damaged_database_left(paths: AppPaths, backup: BackupConfig) -> DamagedDatabase | None:
    """A database moved aside as damaged at an earlier start, with a backup that could still
    replace it, while the till now has no store: a restart after "Quit" must not quietly turn
    into a new, unpaired till when the backup is right there."""
    moved = sorted(
        p
        for p in paths.data_dir.glob(f"{paths.database.name}.damaged-*")
        if not p.name.endswith(SIDE_FILES)
    )
    if not moved:
        return None
    folder = backup.folder_for(paths.data_dir)
    newest = newest_verified_backup(folder)
    if newest is None:
        return None
    return DamagedDatabase(paths.database, moved[-1], newest, folder)
