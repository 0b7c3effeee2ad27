"""One process per till data folder.

Two tills on one database would both sync the same outbox, which is how duplicate orders start,
and would fight over the receipt counter. The guard is an OS file lock on ``till.lock``
(``flock`` on POSIX, ``msvcrt.locking`` on Windows), taken without waiting. The OS drops it when
the process ends, however it ends (SIGKILL, power cut, crash), so a stale lock file never blocks
a restart: the file stays, only the lock matters. The holder writes its PID into the file so a
second start can name it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from pos_desktop.domain.errors import UserError

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "till.lock"
_PID_BYTES = 32
"""The PID is written at the start of the file; on Windows the lock covers a byte after it,
because a region locked with ``msvcrt.locking`` cannot even be read by another process."""


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_PID_BYTES)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(_PID_BYTES)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _read_pid(path: Path) -> int | None:
    try:
        raw = path.read_bytes()[:_PID_BYTES]
    except OSError:
        return None
    text = raw.decode("ascii", "replace").strip().strip("\0")
    return int(text) if text.isdigit() else None


class DataDirLock:
    """The held lock; release it at exit (or let the OS do it when the process dies)."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle: IO[bytes] | None = handle

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            _unlock(handle)
        finally:
            handle.close()
        log.info("released %s", self.path)

    def __enter__(self) -> DataDirLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def acquire_data_dir_lock(data_dir: Path) -> DataDirLock:
    """Own ``data_dir`` or raise ``UserError("till.already_running", pid=...)`` at once.

    ``pid`` is the other process's PID as it wrote it, or ``None`` if it could not be read.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_FILE_NAME
    # Opened without truncating: the PID in the file belongs to whoever holds the lock.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    handle = os.fdopen(fd, "r+b", buffering=0)
    try:
        locked = _try_lock(handle)
    except BaseException:
        handle.close()
        raise
    if not locked:
        handle.close()
        pid = _read_pid(path)
        log.error("data folder %s is in use by process %s", data_dir, pid)
        raise UserError("till.already_running", pid=pid, data_dir=str(data_dir))
    with contextlib.suppress(OSError):
        handle.seek(0)
        handle.write(str(os.getpid()).encode("ascii").ljust(_PID_BYTES, b" "))
        handle.truncate(_PID_BYTES)
        os.fsync(handle.fileno())
    log.info("locked %s (pid %d)", path, os.getpid())
    return DataDirLock(path, handle)
