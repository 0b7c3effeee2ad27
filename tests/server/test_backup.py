"""``pos-server admin backup`` / ``admin restore``: retention, refusals, PostgreSQL's secret."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import make_url

from server_stub import backup
from server_stub.cli import main as server_cli
from server_stub.core.problems import Problem
from tests.server.conftest import PG_ENV

NOW = datetime(2026, 12, 8, 1, 0, tzinfo=UTC)


def _database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cloud.db'}"
    assert server_cli(["db", "upgrade", "--database-url", url]) == 0
    return url


def test_retention_keeps_the_newest_and_never_touches_other_files(tmp_path: Path) -> None:
    url = _database(tmp_path)
    out = tmp_path / "backups"
    out.mkdir()
    foreign = [out / "notes.txt", out / "pos-server-manual-copy.sqlite3", out / "x.pgdump"]
    for path in foreign:
        path.write_text("keep me", encoding="utf-8")
    made = [
        backup.backup(url, out, keep=3, now=NOW + timedelta(hours=hour)).path for hour in range(5)
    ]
    left = sorted(p.name for p in out.iterdir())
    assert left == sorted([p.name for p in foreign] + [p.name for p in made[-3:]])
    assert not list(out.glob("*.partial"))


def test_a_sqlite_backup_is_a_complete_database(tmp_path: Path) -> None:
    url = _database(tmp_path)
    made = backup.backup(url, tmp_path / "b", keep=1, now=NOW)
    conn = sqlite3.connect(made.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    finally:
        conn.close()


def test_restore_refuses_a_database_that_has_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _database(tmp_path)
    made = backup.backup(url, tmp_path / "b", keep=1, now=NOW)
    assert server_cli(["admin", "restore", "--database-url", url, str(made.path)]) == 1
    err = capsys.readouterr().err
    assert "restore.not_empty" in err and "empty database" in err
    empty = f"sqlite:///{tmp_path / 'new.db'}"
    assert server_cli(["admin", "restore", "--database-url", empty, str(made.path)]) == 0
    assert "alembic_version" in backup.existing_tables(empty)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database")
    with pytest.raises(Problem) as caught:
        backup.restore(f"sqlite:///{tmp_path / 'new.db'}", junk)
    assert caught.value.code == "restore.unknown_file"


def test_keep_must_leave_the_new_backup(tmp_path: Path) -> None:
    with pytest.raises(Problem) as caught:
        backup.backup(_database(tmp_path), tmp_path / "b", keep=0, now=NOW)
    assert caught.value.code == "backup.keep"


def test_the_postgres_password_goes_in_the_environment_not_the_command_line() -> None:
    url = make_url("postgresql+psycopg://pos:s3cret@db.internal:6432/pos?sslmode=verify-full")
    args, env = backup.pg_command_env(url)
    assert "s3cret" not in " ".join(args)
    assert env["PGPASSWORD"] == "s3cret"
    assert env["PGSSLMODE"] == "verify-full"
    assert args == [
        "--host",
        "db.internal",
        "--port",
        "6432",
        "--username",
        "pos",
        "--no-password",
        "--dbname",
        "pos",
    ]


def test_a_sqlite_backup_finishes_and_is_consistent_while_another_process_writes(
    tmp_path: Path,
) -> None:
    """A writer commits without pause (as a busy server does) for the whole backup."""
    import subprocess
    import sys

    source = tmp_path / "busy.db"
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, pad TEXT, total INTEGER)")
    conn.execute("CREATE TABLE sums (id INTEGER PRIMARY KEY, total INTEGER)")
    conn.execute("INSERT INTO sums VALUES (1, 0)")
    conn.executemany(
        "INSERT INTO t (pad, total) VALUES (?, 1)", [("x" * 2000,) for _ in range(3000)]
    )
    conn.execute("UPDATE sums SET total = 3000")
    conn.commit()
    conn.close()
    writer = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], timeout=30)\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    with c:\n"
        "        c.execute(\"INSERT INTO t (pad, total) VALUES ('y', 1)\")\n"
        "        c.execute('UPDATE sums SET total = total + 1')\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", writer, str(source)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        made = backup.backup(f"sqlite:///{source}", tmp_path / "b", keep=1, now=NOW)
    finally:
        proc.kill()
        proc.wait()
    copy = sqlite3.connect(made.path)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows, total = copy.execute("SELECT count(*), (SELECT total FROM sums) FROM t").fetchone()
    finally:
        copy.close()
    assert rows == total >= 3000  # one moment: every row with the sum it was committed with


def test_restore_into_a_database_that_cannot_be_reached_says_so(tmp_path: Path) -> None:
    admin = os.environ.get(PG_ENV)
    if not admin:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL to be refused by")
    missing = make_url(admin).set(database="pos_no_such_database_here")
    made = backup.backup(_database(tmp_path), tmp_path / "b", keep=1, now=NOW)
    with pytest.raises(Problem) as caught:
        backup.existing_tables(missing.render_as_string(hide_password=False))
    assert caught.value.code == "restore.unreachable"
    assert "pos_no_such_database_here" in (caught.value.detail or "")
    assert made.path.exists()
