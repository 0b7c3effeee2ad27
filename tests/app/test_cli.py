"""The ``pos-desktop`` command line and start-up as store IT meets them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pos_desktop import __version__
from pos_desktop.app import backup_database, check_database, seed_demo_store
from pos_desktop.cli import main
from pos_desktop.config import ConfigError, load_config
from pos_desktop.domain.barcode import ValueKind
from pos_desktop.domain.errors import UserError
from pos_desktop.paths import resolve_paths

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, POS_DESKTOP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "pos_desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_version_answers_without_touching_data(tmp_path: Path) -> None:
    home = tmp_path / "till"
    result = run_cli("--version", home=home)
    assert result.returncode == 0
    assert result.stdout.strip() == f"pos-desktop {__version__}"
    assert not home.exists()


def test_home_env_moves_config_data_and_logs(
    till_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["paths"]) == 0
    out = capsys.readouterr().out
    assert str(till_home / "config.toml") in out
    assert str(till_home / "data") in out
    assert str(till_home / "logs") in out
    assert (till_home / "logs" / "pos-desktop.log").exists()


def test_config_option_overrides_the_file_only(till_home: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.toml"
    paths = resolve_paths(other)
    assert paths.config_file == other.resolve()
    assert paths.data_dir == till_home.resolve() / "data"


def test_config_file_is_read_and_checked(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        'language = "en"\nidle_lock_minutes = 2\n[receipt]\ncolumns = 32\nmoney_space = true\n'
        '[[barcode_rules]]\nprefix = "22"\nitem_digits = 5\nvalue_digits = 5\ndecimals = 0\n'
        'kind = "price"\n'
    )
    config = load_config(cfg)
    assert config.language == "en"
    assert config.idle_lock_minutes == 2
    assert config.receipt.columns == 32 and config.receipt.money_space
    assert config.barcode_rules[0].prefix == "22"
    assert config.barcode_rules[0].kind is ValueKind.PRICE


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("language = 'fr'", "language"),
        ("idle_lock_minutes = 'soon'", "idle_lock_minutes"),
        ("[receipt]\ncolumns = 40", "columns"),
        ("[[barcode_rules]]\nprefix = '2'\nitem_digits = 5", "barcode_rules"),
        ("this is not toml", "config.toml"),
    ],
)
def test_a_broken_config_names_the_file_and_setting(
    tmp_path: Path, text: str, fragment: str
) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert fragment in str(info.value)
    assert str(cfg) in str(info.value)


def test_cli_reports_a_broken_config_with_exit_code_2(tmp_path: Path) -> None:
    home = tmp_path / "till"
    home.mkdir()
    (home / "config.toml").write_text("language = 'fr'")
    result = run_cli("db", "check", home=home)
    assert result.returncode == 2
    assert "language" in result.stderr


def test_second_till_on_the_same_data_says_so_and_exits(tmp_path: Path) -> None:
    home = tmp_path / "till"
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(home)})
    assert seed_demo_store(paths)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pos_desktop.app import open_till; from pos_desktop.config import "
            "TillConfig; from pos_desktop.paths import resolve_paths; "
            "t = open_till(resolve_paths(), TillConfig()); print('HELD', flush=True); "
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
        result = run_cli("run", home=home)
        assert result.returncode == 3
        assert str(holder.pid) in result.stderr
    finally:
        holder.kill()
        holder.wait()
    # Once the first till is gone, the data folder is free again.
    result = run_cli("db", "check", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_backup_copies_a_verified_database(tmp_path: Path) -> None:
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(tmp_path / "till")})
    assert seed_demo_store(paths)
    target = backup_database(paths, tmp_path)
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("SELECT count(*) FROM products").fetchone()[0] >= 500
    finally:
        conn.close()
    assert check_database(paths) == "ok"
    with pytest.raises(UserError) as info:
        backup_database(paths, target)
    assert info.value.code == "backup.target_exists"


def test_backup_without_a_database_is_a_clear_error(tmp_path: Path) -> None:
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(tmp_path / "empty")})
    with pytest.raises(UserError) as info:
        backup_database(paths, tmp_path)
    assert info.value.code == "backup.no_database"


def test_demo_prepare_seeds_once_and_writes_a_config(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    demo = [sys.executable, "-m", "pos_desktop.demo", "--home", str(home), "--port", "0"]
    first = subprocess.run(
        [*demo, "--prepare-only"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr
    assert "PIN 1111" in first.stdout and "new store seeded" in first.stdout
    config = load_config(home / "config.toml")
    assert config.language == "id"
    # Paired with the demo cloud, the credential in an owner-only file chosen by the config.
    assert config.sync.credential_store == "file"
    assert "Till paired as S01/T01" in first.stdout
    credential = home / "data" / "device-credential.json"
    assert credential.stat().st_mode & 0o777 == 0o600
    conn = sqlite3.connect(home / "data" / "till.db")
    try:
        server_url, device_id = conn.execute(
            "SELECT server_url, device_id FROM sync_state"
        ).fetchone()
    finally:
        conn.close()
    assert server_url.startswith("http://127.0.0.1:") and device_id
    assert (home / "cloud" / "pos-server.db").exists()
    second = subprocess.run(
        [*demo, "--prepare-only"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 0
    assert "existing data kept" in second.stdout


def test_journal_verify_names_the_first_bad_entry(
    till_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    from pos_desktop.localdb.journal import SqlJournal
    from pos_desktop.localdb.store import open_local_store

    paths = resolve_paths(None)
    paths.ensure()
    seed_demo_store(paths)
    store = open_local_store(paths.database)
    try:
        book = SqlJournal(store.session_factory)
        for i in range(4):
            book.record(
                "drawer_open",
                at=datetime(2026, 11, 28, 3, i, tzinfo=UTC),
                actor="1001",
                data={"i": i},
            )
    finally:
        store.close()
    assert main(["journal", "verify"]) == 0
    assert "4 entries" in capsys.readouterr().out

    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("UPDATE journal SET data = '{\"i\":9}' WHERE seq = 3")
    conn.close()
    assert main(["journal", "verify"]) == 1
    out = capsys.readouterr().out
    assert "FIRST BAD ENTRY 3: tampered" in out
    assert 'data={"i":9}' in out
