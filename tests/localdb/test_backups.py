"""Backup files: made while the till writes, verified, listed newest first, pruned, restored."""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.backups import (
    list_backups,
    make_backup,
    move_aside,
    newest_verified_backup,
    prune_backups,
    restore_backup,
    restore_marker,
    verify_backup,
)
from pos_desktop.localdb.sales import SqlSaleJournal
from pos_desktop.services.ports import StoreProfile
from tests.localdb.conftest import sale_maker

T0 = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


def _sales(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM sales").fetchone()[0])
    finally:
        conn.close()


def test_a_backup_of_the_live_database_is_a_verified_standalone_file(
    tmp_path: Path, db_path: Path, factory: sessionmaker[Session], store: StoreProfile
) -> None:
    SqlSaleJournal(factory).commit_sale(sale_maker())
    folder = tmp_path / "usb" / "pos-backups"  # missing: created
    info = make_backup(db_path, folder, reason="shift close", now=T0)
    assert info.verified
    assert info.path.name == "till-20261207T093000Z-shift-close.db"
    assert info.created_at == T0
    # One file, not in WAL mode: it can be copied or restored alone.
    assert sorted(p.name for p in folder.iterdir()) == [info.path.name]
    assert _sales(info.path) == 1
    # The live database keeps selling after the backup.
    SqlSaleJournal(factory).commit_sale(sale_maker())
    assert _sales(db_path) == 2 and _sales(info.path) == 1


def test_two_backups_in_the_same_second_keep_both(
    tmp_path: Path, db_path: Path, store: StoreProfile
) -> None:
    first = make_backup(db_path, tmp_path / "b", reason="manual", now=T0)
    second = make_backup(db_path, tmp_path / "b", reason="manual", now=T0)
    assert first.path != second.path
    assert first.path.exists() and second.path.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_unwritable_folder_is_a_failed_backup_not_a_crash(
    tmp_path: Path, db_path: Path, store: StoreProfile
) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(UserError) as info:
            make_backup(db_path, folder, reason="daily", now=T0)
    finally:
        folder.chmod(0o755)
    assert info.value.code == "backup.folder_unusable"
    assert info.value.params["path"] == str(folder)
    assert list(folder.iterdir()) == []


def test_a_folder_that_is_a_file_is_a_failed_backup(
    tmp_path: Path, db_path: Path, store: StoreProfile
) -> None:
    not_a_folder = tmp_path / "stick"
    not_a_folder.write_text("USB stick not mounted")
    with pytest.raises(UserError) as info:
        make_backup(db_path, not_a_folder, reason="daily", now=T0)
    assert info.value.code == "backup.folder_unusable"


def test_verify_refuses_garbage_truncated_files_and_other_databases(
    tmp_path: Path, db_path: Path, store: StoreProfile
) -> None:
    good = make_backup(db_path, tmp_path / "b", reason="manual", now=T0).path
    assert verify_backup(good)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert not verify_backup(garbage)
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    assert not verify_backup(truncated)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    assert not verify_backup(other)
    assert not verify_backup(tmp_path / "missing.db")


def test_listing_is_newest_first_and_pruning_keeps_the_newest(
    tmp_path: Path, db_path: Path, store: StoreProfile
) -> None:
    folder = tmp_path / "b"
    made = [
        make_backup(db_path, folder, reason="daily", now=T0 + timedelta(days=d)) for d in range(5)
    ]
    (folder / "notes.txt").write_text("not a backup")
    (folder / "till-garbage.db").write_text("not ours either")
    listed = list_backups(folder)
    assert [b.path for b in listed] == [m.path for m in reversed(made)]
    assert all(b.verified for b in listed)
    removed = prune_backups(folder, keep=3)
    assert sorted(removed) == sorted(m.path for m in made[:2])
    assert [b.path for b in list_backups(folder)] == [m.path for m in reversed(made[2:])]
    assert (folder / "notes.txt").exists() and (folder / "till-garbage.db").exists()


def test_the_newest_verified_backup_skips_a_damaged_newer_one(
    tmp_path: Path, db_path: Path, store: StoreProfile
) -> None:
    folder = tmp_path / "b"
    assert newest_verified_backup(folder) is None
    older = make_backup(db_path, folder, reason="daily", now=T0)
    newer = make_backup(db_path, folder, reason="daily", now=T0 + timedelta(hours=1))
    newer.path.write_bytes(newer.path.read_bytes()[:4096])
    found = newest_verified_backup(folder)
    assert found is not None and found.path == older.path and found.verified


def test_move_aside_takes_the_wal_along_and_deletes_nothing(
    engine: Engine, db_path: Path, factory: sessionmaker[Session], store: StoreProfile
) -> None:
    SqlSaleJournal(factory).commit_sale(sale_maker())
    with engine.connect() as conn:  # keep the WAL: its pages are part of the database
        conn.execute(text("SELECT 1"))
    engine.dispose()
    wal_before = db_path.with_name("till.db-wal")
    had_wal = wal_before.exists()
    moved = move_aside(db_path, "corrupt", T0)
    assert moved.name == "till.db.corrupt-20261207T093000Z"
    assert not db_path.exists()
    assert moved.with_name(moved.name + "-wal").exists() == had_wal
    assert _sales(moved) == 1
    again = move_aside(db_path, "corrupt", T0)  # nothing there any more: no clash, no loss
    assert again != moved and moved.exists()


def test_restore_moves_the_current_database_aside_and_puts_the_backup_in(
    tmp_path: Path,
    engine: Engine,
    db_path: Path,
    factory: sessionmaker[Session],
    store: StoreProfile,
) -> None:
    journal = SqlSaleJournal(factory)
    journal.commit_sale(sale_maker())
    backup = make_backup(db_path, tmp_path / "b", reason="daily", now=T0)
    journal.commit_sale(sale_maker())
    engine.dispose()
    moved = restore_backup(backup.path, db_path, T0 + timedelta(hours=2))
    assert moved is not None and moved.name.startswith("till.db.before-restore-")
    assert _sales(moved) == 2
    assert _sales(db_path) == 1
    assert restore_marker(db_path).exists()
    assert backup.path.exists()


def test_restore_refuses_a_corrupt_file_and_touches_nothing(
    tmp_path: Path,
    engine: Engine,
    db_path: Path,
    factory: sessionmaker[Session],
    store: StoreProfile,
) -> None:
    SqlSaleJournal(factory).commit_sale(sale_maker())
    engine.dispose()
    bad = tmp_path / "till-bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000)
    before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(UserError) as info:
        restore_backup(bad, db_path, T0)
    assert info.value.code == "backup.unusable"
    assert sorted(p.name for p in db_path.parent.iterdir()) == before
    assert _sales(db_path) == 1
