"""Switching the till to a staged release: back up, unpack, record, point ``current`` at it.

Called by the update task only while no shift is open (``task.py``); the running till keeps
running the version it started with, and the launcher starts the new one at the next start.
Nothing here deletes the previous version: ``previous`` keeps naming it for a rollback.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

from pos_desktop.updates.layout import InstallLayout, PendingStart
from pos_desktop.updates.source import UpdateRefused

log = logging.getLogger(__name__)

EXECUTABLE = "pos-desktop.exe" if sys.platform.startswith("win") else "pos-desktop"
"""What a release folder must hold at its top: the app the launcher starts."""


def unpack(archive: Path, versions: Path, version: str) -> Path:
    """``archive`` (a .tar.gz of the app folder's contents) as ``versions/<version>``.

    tarfile's ``data`` filter refuses absolute paths, ``..``, links out of the folder and
    device files, so a release cannot write outside its folder even if its signer erred.
    """
    final = versions / version
    partial = versions / f".{version}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(partial, filter="data")
    except (tarfile.TarError, OSError) as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise UpdateRefused("update.bad_release", f"{archive.name}: {exc}") from exc
    if not (partial / EXECUTABLE).is_file():
        shutil.rmtree(partial, ignore_errors=True)
        raise UpdateRefused("update.bad_release", f"{archive.name} has no {EXECUTABLE}")
    if final.exists():
        shutil.rmtree(final)
    partial.rename(final)
    return final


def apply_staged(
    layout: InstallLayout,
    version: str,
    archive: Path,
    *,
    backup: Callable[[str], Path],
    schema: Callable[[], str | None],
) -> PendingStart:
    """Install ``archive`` as ``version`` and make it the one the launcher starts next.

    ``backup(reason)`` copies the database (verified) and returns the copy; ``schema()`` reads
    its revision, kept so that a rollback knows whether the failed version changed it.
    """
    current = layout.current_version()
    if current is None:
        raise UpdateRefused("update.no_install", f"{layout.current} is not a version link")
    if layout.pending() is not None:
        raise UpdateRefused("update.pending", "a switch is waiting for its start already")
    folder = unpack(archive, layout.versions, version)
    copy = backup(f"update-{version}")
    pending = PendingStart(
        version=version,
        previous=current,
        attempts=0,
        schema=schema() or "",
        backup=str(copy),
    )
    layout.write_pending(pending)
    layout.point(layout.previous, current)
    layout.point(layout.current, version)
    log.warning("switched to %s (%s); %s kept for a rollback", version, folder, current)
    return pending
