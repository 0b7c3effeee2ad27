"""``pos-desktop db restore FILE`` refuses what it must, before touching anything."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from pos_desktop.app import backup_database, seed_demo_store
from pos_desktop.paths import AppPaths, resolve_paths
from tests.app.test_cli import ROOT, run_cli


def _seeded(tmp_path: Path) -> tuple[Path, AppPaths]:
    home = tmp_path / "till"
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(home)})
    assert seed_demo_store(paths)
    return home, paths


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_corrupt_file_is_refused_and_nothing_moves(tmp_path: Path) -> None:
    home, paths = _seeded(tmp_path)
    good = backup_database(paths, tmp_path)
    corrupt = tmp_path / "till-corrupt.db"
    corrupt.write_bytes(good.read_bytes()[:8192])
    before = _listing(paths.data_dir)
    result = run_cli("db", "restore", str(corrupt), home=home)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "till-corrupt.db" in result.stderr
    assert _listing(paths.data_dir) == before
    assert run_cli("db", "check", home=home).stdout.strip() == "ok"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    home, _ = _seeded(tmp_path)
    result = run_cli("db", "restore", str(tmp_path / "nowhere.db"), home=home)
    assert result.returncode == 3
    assert "nowhere.db" in result.stderr


def test_restore_is_refused_while_the_till_runs(tmp_path: Path) -> None:
    home, paths = _seeded(tmp_path)
    good = backup_database(paths, tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pos_desktop.localdb.lock import acquire_data_dir_lock; "
            "from pos_desktop.paths import resolve_paths; "
            "lock = acquire_data_dir_lock(resolve_paths().data_dir); print('HELD', flush=True); "
            "sys.stdin.read()",
        ],
        cwd=ROOT,
        env=dict(os.environ, POS_DESKTOP_HOME=str(home)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "HELD"
        before = _listing(paths.data_dir)
        result = run_cli("db", "restore", str(good), home=home)
        assert result.returncode == 3
        assert str(holder.pid) in result.stderr
        assert _listing(paths.data_dir) == before
    finally:
        holder.kill()
        holder.wait()
    result = run_cli("db", "restore", str(good), home=home)
    assert result.returncode == 0, result.stderr
    moved = [
        p
        for p in paths.data_dir.glob("till.db.before-restore-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(moved) == 1 and str(moved[0]) in result.stdout
    conn = sqlite3.connect(moved[0])
    try:
        assert conn.execute("SELECT count(*) FROM products").fetchone()[0] >= 500
    finally:
        conn.close()


def test_the_report_speaks_the_tills_language(tmp_path: Path) -> None:
    """Needs the Indonesian of /tmp/i18n/restore.tsv merged into pos_desktop/i18n/id.ts."""
    from pos_desktop.localdb.numbering import Settlement
    from pos_desktop.ui.restore_command import restore_lines

    settled = Settlement("S01", "T01", "", "B", 7, 0, True, False, "j2", 12)
    moved = tmp_path / "till.db.before-restore-x"
    indonesian = restore_lines(tmp_path / "b.db", moved, settled, "id")
    assert indonesian[0].startswith("Database dipulihkan dari")
    assert "S01-T01-B-000001" in indonesian[2] and "seri baru" in indonesian[2]
    english = restore_lines(tmp_path / "b.db", moved, settled, "en")
    assert english[1] == f"The previous database was moved to {moved} (not deleted)."
