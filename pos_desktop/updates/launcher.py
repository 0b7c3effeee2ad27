"""The start script that counts failed starts, and what the app does at start about updates.

The launcher (``<root>/pos-desktop``, ``/bin/sh``) runs before any of the app's code, so even a
version that cannot start Python is rolled back: each start of a pending switch adds one to
``attempts`` in ``pending-start``; the app removes the file when it shows the login screen
(``confirm_start``). A launch that finds ``MAX_FAILED_STARTS`` counted starts without a
confirmation points ``current`` back at ``previous`` and leaves ``rolled-back`` behind.

The previous version, started again, settles that (``at_start``): the failed version is never
staged again, and if the failed version's first start had migrated the database (a revision the
previous version cannot read), the copy ``migrate`` took just before that upgrade is restored.
That copy holds every sale: the failed version never reached the login screen, so it sold
nothing after taking it. The status bar then says what happened.

On Windows the Inno Setup install can adopt the same folders with a small launcher of its own;
this one is for Linux (the .deb installs it as ``/opt/pos-desktop/pos-desktop``). Beside it,
``pos-desktop-cli`` runs the current version's command line with the install folder named, so
``pos-desktop-cli update status`` needs no ``--root``; a command is not a start of the till,
so it counts nothing.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pos_desktop.updates.layout import InstallLayout, PendingStart

log = logging.getLogger(__name__)

MAX_FAILED_STARTS = 2

LAUNCHER = f"""#!/bin/sh
# Starts this till's current version (pos_desktop/updates/launcher.py wrote this file).
# A new version that has not reached the login screen {MAX_FAILED_STARTS} times in a row is
# replaced by the previous one before the next start.
set -u
ROOT=$(dirname "$(readlink -f "$0")")
PENDING="$ROOT/pending-start"
if [ -f "$PENDING" ]; then
    attempts=$(sed -n 's/^attempts=//p' "$PENDING")
    case "$attempts" in ''|*[!0-9]*) attempts=0 ;; esac
    if [ "$attempts" -ge {MAX_FAILED_STARTS} ] && [ -L "$ROOT/previous" ]; then
        ln -sfn "$(readlink "$ROOT/previous")" "$ROOT/.current.new"
        mv -fT "$ROOT/.current.new" "$ROOT/current"
        mv -f "$PENDING" "$ROOT/rolled-back"
    else
        sed "s/^attempts=.*/attempts=$((attempts + 1))/" "$PENDING" > "$PENDING.tmp"
        mv -f "$PENDING.tmp" "$PENDING"
    fi
fi
POS_DESKTOP_INSTALL_ROOT="$ROOT"
export POS_DESKTOP_INSTALL_ROOT
exec "$ROOT/current/pos-desktop" "$@"
"""

CLI_LAUNCHER = """#!/bin/sh
# Runs this till's current version's command line (pos_desktop/updates/launcher.py wrote this
# file); unlike the till's launcher it counts no start.
set -u
ROOT=$(dirname "$(readlink -f "$0")")
POS_DESKTOP_INSTALL_ROOT="$ROOT"
export POS_DESKTOP_INSTALL_ROOT
exec "$ROOT/current/pos-desktop-cli" "$@"
"""


def write_launcher(root: Path) -> Path:
    """Write the launcher, and the command line's beside it, into ``root`` (made executable);
    the installer runs this once (the .deb's build, into the package's tree)."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (("pos-desktop-cli", CLI_LAUNCHER), ("pos-desktop", LAUNCHER)):
        tmp = root / f".{name}.new"
        tmp.write_text(text, encoding="utf-8")
        tmp.chmod(0o755)
        os.replace(tmp, root / name)
    (root / "versions").mkdir(exist_ok=True)
    return root / "pos-desktop"


def schema_revision(database: Path) -> str | None:
    """The database's Alembic revision, read without Alembic (``None``: no database yet)."""
    if not database.exists():
        return None
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return None if row is None else str(row[0])


@dataclass(frozen=True, slots=True)
class StartReport:
    running: str
    pending: PendingStart | None = None
    """This start is the first good one of a new version still to be confirmed."""
    rolled_back: PendingStart | None = None
    """The version the launcher gave up on before this start."""
    restored_from: Path | None = None


def pre_upgrade_copy(database: Path, revision: str) -> Path:
    """Where ``localdb.migrate`` copies the database before upgrading it from ``revision``."""
    return database.with_name(f"{database.name}.before-{revision}.bak")


def at_start(layout: InstallLayout, running: str, database: Path, now: datetime) -> StartReport:
    """Settle a rollback, and say whether this start is a pending switch's (before the DB
    is opened: ``schema.gated_revision`` needs to know)."""
    failed = layout.rolled_back()
    restored: Path | None = None
    if failed is not None:
        layout.refuse_version(failed.version)
        restored = _restore_after_rollback(failed, database, now)
        layout.state.mkdir(parents=True, exist_ok=True)
        os.replace(layout.rolled_back_file, layout.state / f"rolled-back-{failed.version}")
        log.error(
            "version %s failed to start %d times; back on %s",
            failed.version,
            failed.attempts,
            running,
        )
    pending = layout.pending()
    mine = pending if pending is not None and pending.version == running else None
    return StartReport(running, mine, failed, restored)


def _restore_after_rollback(failed: PendingStart, database: Path, now: datetime) -> Path | None:
    if not failed.schema or schema_revision(database) in (None, failed.schema):
        return None  # the failed version never changed the schema: nothing to undo
    from pos_desktop.localdb.backups import restore_backup

    copy = pre_upgrade_copy(database, failed.schema)
    switched = Path(failed.backup)
    # migrate's copy is the newer one (it has the sales made between the switch and the
    # restart), unless it is a stale file of an earlier upgrade from the same revision.
    fresh = copy.exists() and (
        not switched.exists() or copy.stat().st_mtime >= switched.stat().st_mtime
    )
    source = copy if fresh else switched
    restore_backup(source, database, now)
    log.error("database put back from %s (its schema was changed by %s)", source, failed.version)
    return source


def confirm_start(layout: InstallLayout, running: str) -> bool:
    """The login screen is up: the switch to ``running`` worked; True if one was pending."""
    pending = layout.pending()
    if pending is None or pending.version != running:
        return False
    layout.pending_file.unlink(missing_ok=True)
    log.info("version %s started well; %s stays as the previous version", running, pending.previous)
    return True
