"""``pos-desktop db restore FILE``: the store IT procedure for putting a backup back.

Refused while a till process holds the data folder (its lock), and for a file that does not
verify, before anything is touched. Otherwise: the current database is moved aside (never
deleted), the backup copied in, migrated to this version's schema, and the receipt and journal
counters settled (``sync.counters``): past the cloud's numbers when it answers, else into a new
receipt series. The report is printed in the till's language (Indonesian unless configured).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

from pos_desktop.config import TillConfig
from pos_desktop.localdb.numbering import Settlement
from pos_desktop.paths import AppPaths
from pos_desktop.ui.console import DEFAULT_LANGUAGE, say

log = logging.getLogger(__name__)

CONTEXT = "RestoreCommand"

# Marked for pyside6-lupdate, which only collects literal strings in a known call.
RESTORED = QT_TRANSLATE_NOOP("RestoreCommand", "Restored the database from {source}.")
MOVED = QT_TRANSLATE_NOOP(
    "RestoreCommand", "The previous database was moved to {moved} (not deleted)."
)
NO_STORE = QT_TRANSLATE_NOOP(
    "RestoreCommand", "The restored database has no store yet; nothing to renumber."
)
NEW_SERIES = QT_TRANSLATE_NOOP(
    "RestoreCommand",
    "The cloud could not be reached: receipts continue in a new series from {next_no}, so no "
    "earlier receipt number repeats.",
)
CONTINUED = QT_TRANSLATE_NOOP(
    "RestoreCommand",
    "Receipt numbers continue at {next_no}, after every number this till issued.",
)
JOURNAL = QT_TRANSLATE_NOOP(
    "RestoreCommand", "The audit journal continues as {journal_id} from entry {seq}."
)


def restore_lines(
    source: Path,
    moved: Path | None,
    settled: Settlement | None,
    language: str = DEFAULT_LANGUAGE,
) -> list[str]:
    """What the command did, one sentence a line, in ``language``."""

    def _tr(text: object, **params: object) -> str:
        # QT_TRANSLATE_NOOP is typed as returning object; the marked sentences are str.
        out = say(CONTEXT, str(text), language)
        for key, value in params.items():
            out = out.replace("{" + key + "}", str(value))
        return out

    lines = [_tr(RESTORED, source=source)]
    if moved is not None:
        lines.append(_tr(MOVED, moved=moved))
    if settled is None:
        lines.append(_tr(NO_STORE))
        return lines
    next_no = settled.next_receipt_no
    lines.append(_tr(NEW_SERIES if settled.new_series else CONTINUED, next_no=next_no))
    if settled.journal_id is not None:
        lines.append(_tr(JOURNAL, journal_id=settled.journal_id, seq=settled.journal_seq))
    return lines


def run_restore(
    paths: AppPaths,
    config: TillConfig,
    source: Path,
    *,
    now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
) -> list[str]:
    """Restore ``source``; returns what happened, to print. ``UserError`` for a refusal."""
    from pos_desktop.localdb.backups import restore_backup
    from pos_desktop.localdb.lock import acquire_data_dir_lock
    from pos_desktop.localdb.store import open_local_store
    from pos_desktop.sync.counters import settle_at_start

    source = source.expanduser().resolve()
    lock = acquire_data_dir_lock(paths.data_dir)
    try:
        moved = restore_backup(source, paths.database, now())
        store = open_local_store(paths.database)
        try:
            settled = settle_at_start(store.session_factory, paths, config, now())
        finally:
            store.close()
    finally:
        lock.release()
    log.info("db restore from %s done", source)
    return restore_lines(source, moved, settled, config.language)
