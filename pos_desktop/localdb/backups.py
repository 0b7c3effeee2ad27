"""Backup files of a till's database: made, checked, listed, pruned and restored.

A backup is only worth keeping if it can be restored, so each one is made the way a restore
needs it: SQLite's online backup (safe while the till sells; the copy is one consistent
snapshot) into a temporary name in the backup folder, ``PRAGMA integrity_check`` on the copy,
journal mode switched to ``DELETE`` so the file stands alone without ``-wal``/``-shm``, an fsync,
and only then an atomic rename to its real name. A half-written or corrupt copy therefore never
carries a backup's name, and a power cut mid-backup leaves at most a ``.tmp`` file.

Names carry the time (UTC) and the reason, ``till-20261207T093000Z-shift-close.db``, so the
newest is found without opening any file and store IT can tell the files apart in a folder
listing. The folder may be a USB stick; a missing or read-only folder is a failed backup
(``UserError("backup.folder_unusable")``), never a crash.

Nothing here deletes a database: a restore first moves the current one aside
(``till.db.before-restore-<time>``, with its ``-wal`` and ``-shm``), and only ``prune_backups``
removes files, and only backup files in the backup folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from pos_desktop.domain.errors import UserError

log = logging.getLogger(__name__)

BACKUP_PREFIX = "till-"
BACKUP_SUFFIX = ".db"
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^till-(\d{8}T\d{6}Z)-([a-z0-9][a-z0-9-]*?)(?:-(\d+))?\.db$")
_REQUIRED_TABLES = ("alembic_version", "store_settings")
SIDE_FILES = ("-wal", "-shm")
"""SQLite's companions of a WAL database: they belong to the main file and move with it."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created_at: datetime
    """When the backup was taken (UTC), as its name says."""
    verified: bool
    """The file passed ``verify_backup`` when this was made."""


def _stamp(now: datetime) -> str:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("backup times must be timezone-aware")
    return now.astimezone(UTC).strftime(_STAMP)


def _slug(reason: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    return slug or "backup"


def backup_name(reason: str, now: datetime) -> str:
    return f"{BACKUP_PREFIX}{_stamp(now)}-{_slug(reason)}{BACKUP_SUFFIX}"


def created_at_of(path: Path) -> datetime | None:
    """The time in a backup file's name, or ``None`` if it is not one of ours."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    return datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)


def _check(conn: sqlite3.Connection) -> str:
    """ "ok", or what is wrong with the database behind ``conn``."""
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    result = "; ".join(str(r[0]) for r in rows[:5])
    if result != "ok":
        return result
    names = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in _REQUIRED_TABLES if t not in names]
    if missing:
        return f"not a till database (no {', '.join(missing)} table)"
    return "ok"


def check_file(path: Path) -> str:
    """ "ok", or why ``path`` cannot serve as a till database (for messages and logs)."""
    if not path.is_file():
        return f"{path} is not a file"
    try:
        conn = _read_only(path)
        try:
            return _check(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)


def verify_backup(path: Path) -> bool:
    """Opened read-only: passes ``integrity_check`` and holds a till's tables."""
    problem = check_file(path)
    if problem != "ok":
        log.warning("backup %s does not verify: %s", path, problem)
        return False
    return True


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles to sync)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        _fsync_file(folder)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database behind ``source`` to ``target`` as one verified, standalone file.

    Written to a temporary name beside ``target``, checked, synced and renamed, so ``target``
    either does not exist or is complete. Raises ``UserError("backup.corrupt")`` when the copy
    fails its check (the temporary file is removed), ``OSError``/``sqlite3.Error`` otherwise.
    """
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
            problem = _check(dest)
        finally:
            dest.close()
        if problem != "ok":
            raise UserError("backup.corrupt", detail=problem)
        _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def copy_database_file(source: Path, target: Path) -> None:
    """``copy_database`` from the database file ``source``, opened read-only."""
    conn = _read_only(source)
    try:
        copy_database(conn, target)
    finally:
        conn.close()


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def make_backup(database: Path, folder: Path, *, reason: str, now: datetime) -> BackupInfo:
    """A verified copy of the live ``database`` in ``folder`` (created if missing)."""
    if not database.is_file():
        raise UserError("backup.no_database", path=str(database))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _unique(folder / backup_name(reason, now))
        copy_database_file(database, target)
    except (OSError, sqlite3.Error) as exc:
        log.error("backup to %s failed: %s", folder, exc)
        raise UserError("backup.folder_unusable", path=str(folder), reason=str(exc)) from exc
    created = created_at_of(target)
    assert created is not None
    log.info("database backed up to %s (%s)", target, reason)
    return BackupInfo(target, created, True)


def _backup_files(folder: Path) -> list[tuple[datetime, Path]]:
    try:
        candidates = list(folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"))
    except OSError:
        return []
    found = []
    for path in candidates:
        match = _NAME.match(path.name)
        created = created_at_of(path)
        if match is not None and created is not None and path.is_file():
            # Within one second, ``-2``, ``-3`` ... were made after the unnumbered one.
            found.append((created, int(match.group(3) or 1), path))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [(created, path) for created, _, path in found]


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first, each verified now (reads every file)."""
    return [BackupInfo(p, created, verify_backup(p)) for created, p in _backup_files(folder)]


def newest_verified_backup(folder: Path) -> BackupInfo | None:
    """The newest backup that verifies; older ones are only opened when a newer one fails."""
    for created, path in _backup_files(folder):
        if verify_backup(path):
            return BackupInfo(path, created, True)
    return None


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups (at least one is always kept)."""
    removed: list[Path] = []
    for _, path in _backup_files(folder)[max(1, keep) :]:
        try:
            path.unlink()
        except OSError as exc:
            log.warning("could not remove old backup %s: %s", path, exc)
            continue
        removed.append(path)
    if removed:
        log.info("pruned %d old backups from %s", len(removed), folder)
    return removed


def move_aside(database: Path, reason: str, now: datetime) -> Path:
    """Rename ``database`` (and its ``-wal``/``-shm``) to ``<name>.<reason>-<time>``.

    The side files keep their suffix on the new name, so SQLite opens the moved set as it was.
    Nothing is deleted; returns the new path of the main file.
    """
    base = database.with_name(f"{database.name}.{_slug(reason)}-{_stamp(now)}")
    target = base
    n = 2
    while target.exists() or any(target.with_name(target.name + s).exists() for s in SIDE_FILES):
        target = base.with_name(f"{base.name}-{n}")
        n += 1
    if database.exists():
        os.replace(database, target)
    for suffix in SIDE_FILES:
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    _fsync_dir(database.parent)
    log.warning("moved %s aside to %s", database, target)
    return target


RESTORE_MARKER_SUFFIX = ".restored"


def restore_marker(database: Path) -> Path:
    """A file beside the database saying it was restored and its counters are not settled yet.

    Written by ``restore_backup`` before the restored file takes the database's name and removed
    once the receipt and journal counters were moved past everything the till has evidence of
    (``localdb.numbering``), so a restore interrupted anywhere is settled at the next start.
    """
    return database.with_name(database.name + RESTORE_MARKER_SUFFIX)


def restore_backup(source: Path, database: Path, now: datetime) -> Path | None:
    """Put the verified backup ``source`` in place of ``database``.

    The current database (if any) is moved aside first, never overwritten; returns where it
    went (``None`` when there was none). Raises ``UserError("backup.unusable")`` for a source
    that does not verify, before anything is touched.
    """
    problem = check_file(source)
    if problem != "ok":
        log.error("refusing to restore %s: %s", source, problem)
        raise UserError("backup.unusable", path=str(source), detail=problem)
    incoming = database.with_name(f"{database.name}.incoming")
    try:
        copy_database_file(source, incoming)
    except (OSError, sqlite3.Error) as exc:
        raise UserError("backup.unusable", path=str(source), detail=str(exc)) from exc
    marker = restore_marker(database)
    marker.write_text(f"{source}\n{_stamp(now)}\n", encoding="utf-8")
    _fsync_file(marker)
    moved = move_aside(database, "before-restore", now) if _exists(database) else None
    os.replace(incoming, database)
    _fsync_dir(database.parent)
    log.warning("restored %s from %s (previous database: %s)", database, source, moved)
    return moved


def _exists(database: Path) -> bool:
    return database.exists() or any(
        database.with_name(database.name + s).exists() for s in SIDE_FILES
    )


class FolderBackups:
    """One till's backup folder as ``services.backups`` uses it: make, prune to ``keep``."""

    def __init__(self, database: Path, folder: Path, keep: int) -> None:
        self.database = database
        self.folder = folder
        self.keep = keep

    def make(self, reason: str, now: datetime) -> Path:
        return make_backup(self.database, self.folder, reason=reason, now=now).path

    def prune(self) -> list[Path]:
        return prune_backups(self.folder, self.keep)

    def newest(self) -> datetime | None:
        found = _backup_files(self.folder)
        return found[0][0] if found else None
