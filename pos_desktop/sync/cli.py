"""``pos-desktop enroll`` and ``pos-desktop sync status|retry``: store IT's view of sync."""

from __future__ import annotations

import argparse
import logging
from datetime import UTC, datetime

from pos_desktop.config import TillConfig
from pos_desktop.paths import AppPaths

log = logging.getLogger(__name__)


def _enroll(args: argparse.Namespace, paths: AppPaths, config: TillConfig) -> int:
    from pos_desktop.sync.pairing import enroll

    result = enroll(
        paths,
        config.sync,
        server=args.server,
        code=args.code,
        till_code=args.till,
        name=args.name,
        config_file=paths.config_file,
    )
    profile = result.profile
    print(f"paired with {result.server_url} ({result.org_name})")
    print(f"store {profile.store_code} ({profile.name}), till {profile.till_code}")
    print(f"device {result.device_id}; credential kept in {result.credential_store}")
    if result.catalog_reset:
        print("the catalog will be pulled in full when the till starts")
    return 0


def _status(paths: AppPaths, retry: bool) -> int:
    from pos_desktop.localdb import catalog_sync, outbox
    from pos_desktop.localdb.lock import acquire_data_dir_lock
    from pos_desktop.localdb.store import open_local_store
    from pos_desktop.localdb.transactions import read_session, write_session
    from pos_desktop.sync.status import format_age

    lock = acquire_data_dir_lock(paths.data_dir) if retry else None
    try:
        store = open_local_store(paths.database, migrate=retry)
        try:
            if retry:
                with write_session(store.session_factory, "retry refused sales") as session:
                    count = outbox.retry_needs_attention(session)
                print(f"{count} refused sales queued again")
                return 0
            with read_session(store.session_factory, "sync status") as session:
                pairing = catalog_sync.load_pairing(session)
                stats = outbox.queue_stats(session)
                attention = outbox.needs_attention(session)
                cursor = catalog_sync.catalog_cursor(session)
        finally:
            store.close()
    finally:
        if lock is not None:
            lock.release()
    if pairing is None:
        print("not paired (pos-desktop enroll --server URL --code CODE)")
    else:
        print(f"paired with {pairing.server_url} as device {pairing.device_id}")
    age = ""
    if stats.oldest_pending_at is not None:
        age = f", oldest {format_age(datetime.now(UTC) - stats.oldest_pending_at)}"
    print(f"unsent sales: {stats.pending}{age}")
    print(f"catalog cursor: {cursor or '(full pull pending)'}")
    print(f"need attention: {stats.needs_attention}")
    for item in attention:
        print(f"  {item.receipt_no} {item.status}: {item.reason}")
    return 0


def run_sync_command(
    command: str, args: argparse.Namespace, paths: AppPaths, config: TillConfig
) -> int:
    """Raises ``UserError``, which ``pos_desktop.cli`` says in the till's language (exit 3)."""
    if command == "enroll":
        return _enroll(args, paths, config)
    return _status(paths, retry=args.action == "retry")
