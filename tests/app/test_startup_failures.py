"""What stops a till from starting is said to the person at it: a broken config, a damaged
database (moved aside, never overwritten, with the newest verified backup offered), a read-only
data folder, a full disk and missing Qt libraries each end with the file named and what to do,
on stderr and in the log, and a non-zero exit; never a traceback."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from pos_desktop.app import seed_demo_store
from pos_desktop.config import TillConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.backups import make_backup
from pos_desktop.paths import AppPaths, resolve_paths
from pos_desktop.qt_preflight import MissingLibraries, missing_libraries, platform_will_be_xcb
from pos_desktop.startup import (
    EXIT_CONFIG,
    EXIT_NO_WINDOW_SYSTEM,
    EXIT_NOT_STARTED,
    Startup,
    start_gui,
)
from pos_desktop.startup_checks import os_error_problem, storage_problem
from pos_desktop.ui.i18n import install_translator
from pos_desktop.ui.startup_failure import StartupFailureBox

ROOT = Path(__file__).resolve().parents[2]
LOG_NAME = "pos-desktop.log"


def _paths(home: Path) -> AppPaths:
    return resolve_paths(env={"POS_DESKTOP_HOME": str(home)})


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("seeded") / "till"
    assert seed_demo_store(_paths(home))
    return home


@pytest.fixture
def seeded(seeded_template: Path, tmp_path: Path) -> AppPaths:
    home = tmp_path / "till"
    shutil.copytree(seeded_template, home, ignore=shutil.ignore_patterns("*.lock"))
    return _paths(home)


def run_till(
    home: Path, *, prelude: str = "", env: dict[str, str] | None = None, wrap: list[str] = ()
) -> subprocess.CompletedProcess[str]:
    """``python -m pos_desktop`` (the till, English so the sentences can be checked), with
    ``prelude`` run first in the same process (to put a fault at a boundary)."""
    code = f"{prelude}\nfrom pos_desktop.cli import main\nraise SystemExit(main())"
    full_env = dict(os.environ, POS_DESKTOP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    full_env.update(env or {})
    return subprocess.run(
        [*wrap, sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _english(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('language = "en"\n', encoding="utf-8")


def _log(home: Path) -> str:
    return (home / "logs" / LOG_NAME).read_text(encoding="utf-8")


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr


def _truncate(database: Path, size: int = 20_000) -> bytes:
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    damaged = database.read_bytes()[:size]
    database.write_bytes(damaged)
    return damaged


# -- the config file --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b'language = "id\n[sync\n', b"\xff\xfe\x00garbage\x00", b'language = "en"\n[receipt]\ncol'],
    ids=["unterminated", "binary", "truncated"],
)
def test_a_broken_config_is_named_with_what_to_do(tmp_path: Path, content: bytes) -> None:
    home = tmp_path / "till"
    home.mkdir()
    config = home / "config.toml"
    config.write_bytes(content)
    result = run_till(home)
    assert result.returncode == EXIT_CONFIG
    _no_traceback(result)
    assert str(config) in result.stderr and "[config.invalid]" in result.stderr
    assert "rename it" in result.stderr or "ganti nama" in result.stderr
    log = _log(home)
    assert "config.invalid" in log and str(config) in log


# -- the database -------------------------------------------------------------------------------


def test_a_truncated_database_is_moved_aside_and_the_newest_backup_offered(
    seeded: AppPaths,
) -> None:
    home = seeded.data_dir.parent
    _english(home)
    older = make_backup(
        seeded.database,
        seeded.data_dir / "backups",
        reason="daily",
        now=datetime(2026, 12, 1, tzinfo=UTC),
    )
    newest = make_backup(
        seeded.database,
        seeded.data_dir / "backups",
        reason="shift-close",
        now=datetime(2026, 12, 6, tzinfo=UTC),
    )
    assert older.path != newest.path
    damaged = _truncate(seeded.database)
    result = run_till(home)
    assert result.returncode == EXIT_NOT_STARTED
    _no_traceback(result)
    moved = [p for p in seeded.data_dir.iterdir() if p.name.startswith("till.db.damaged-")]
    assert len(moved) == 1 and moved[0].read_bytes() == damaged, "moved, never overwritten"
    assert not seeded.database.exists()
    assert "[startup.database_damaged_backup]" in result.stderr
    for named in (str(seeded.database), str(moved[0]), str(newest.path)):
        assert named in result.stderr
    assert f"pos-desktop db restore {newest.path}" in result.stderr
    assert str(newest.path) in _log(home) and "damaged" in _log(home)


def test_a_malformed_database_without_a_backup_says_so(seeded: AppPaths) -> None:
    home = seeded.data_dir.parent
    _english(home)
    for suffix in ("-wal", "-shm"):
        seeded.database.with_name(seeded.database.name + suffix).unlink(missing_ok=True)
    garbage = b"this is not a SQLite database at all" * 200
    seeded.database.write_bytes(garbage)
    result = run_till(home)
    assert result.returncode == EXIT_NOT_STARTED
    _no_traceback(result)
    assert "[startup.database_damaged]" in result.stderr
    assert "no verified backup" in result.stderr
    moved = [p for p in seeded.data_dir.iterdir() if p.name.startswith("till.db.damaged-")]
    assert len(moved) == 1 and moved[0].read_bytes() == garbage
    assert "startup.database_damaged" in _log(home)


@pytest.fixture
def startups(qapp) -> Iterator[list[Startup]]:
    made: list[Startup] = []
    yield made
    for startup in made:
        if startup.gui is not None:
            worker = startup.gui.worker
            deadline = QTimer()
            deadline.start(20_000)
            while worker.pending and deadline.isActive():
                qapp.processEvents()
        startup.close()
        install_translator(startup.app, "en")


def test_choosing_the_offered_backup_restores_it_and_starts_the_till(
    seeded: AppPaths, startups: list[Startup]
) -> None:
    backup = make_backup(
        seeded.database, seeded.data_dir / "backups", reason="manual", now=datetime.now(UTC)
    )
    damaged = _truncate(seeded.database)
    asked: list[tuple[str, bool]] = []

    def ask(problem: UserError, text: str, restore_offered: bool) -> bool:
        asked.append((problem.code, restore_offered))
        assert str(backup.path) in text
        return True

    startup = start_gui(seeded, TillConfig(language="en", idle_lock_minutes=0), ask=ask)
    startups.append(startup)
    assert asked == [("startup.database_damaged_backup", True)]
    assert startup.exit_code is None and startup.gui is not None
    assert startup.gui.window.login.store_label.text() == "Toko Maju Jaya"
    assert len(startup.gui.till.context.till.search("indomie", 5)) > 0
    moved = [p for p in seeded.data_dir.iterdir() if p.name.startswith("till.db.damaged-")]
    assert len(moved) == 1 and moved[0].read_bytes() == damaged


def test_declining_the_backup_ends_the_start_and_keeps_everything(
    seeded: AppPaths, startups: list[Startup]
) -> None:
    make_backup(
        seeded.database, seeded.data_dir / "backups", reason="manual", now=datetime.now(UTC)
    )
    _truncate(seeded.database)
    startup = start_gui(
        seeded, TillConfig(language="en", idle_lock_minutes=0), ask=lambda *_: False
    )
    startups.append(startup)
    assert startup.exit_code == EXIT_NOT_STARTED and startup.gui is None
    assert startup.lock is None, "the data folder is free again"
    assert not seeded.database.exists()
    assert len(list((seeded.data_dir / "backups").glob("till-*.db"))) == 1


# -- the data folder and the disk ------------------------------------------------------------


def _unshare_works() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=30, check=False)
    return probe.returncode == 0


needs_mount_namespace = pytest.mark.skipif(
    not _unshare_works(), reason="needs unprivileged mount namespaces (unshare -rm)"
)


@needs_mount_namespace
def test_a_read_only_data_folder_is_named(seeded: AppPaths) -> None:
    home = seeded.data_dir.parent
    _english(home)
    data = seeded.data_dir
    # A read-only bind mount of the data folder, in a mount namespace of this run only: the
    # kernel refuses writes (EROFS) whoever the user is, root included.
    script = f'mount --bind "{data}" "{data}" && mount -o remount,bind,ro "{data}" && exec "$@"'
    result = run_till(home, wrap=["unshare", "-rm", "sh", "-c", script, "sh"])
    assert result.returncode == EXIT_NOT_STARTED, result.stderr
    _no_traceback(result)
    assert "[startup.read_only]" in result.stderr
    assert f"The till cannot write to {data} " in result.stderr
    assert "startup.read_only" in _log(home)


@needs_mount_namespace
def test_a_full_disk_is_named_as_a_local_problem(tmp_path: Path) -> None:
    home = tmp_path / "till"
    _english(home)
    data = home / "data"
    data.mkdir()
    # A 1 MiB tmpfs as the data folder, filled up before the till starts; the log stays on
    # the real disk so the test can read what the till wrote there.
    script = (
        f'mount -t tmpfs -o size=1m tmpfs "{data}" && '
        f'(dd if=/dev/zero of="{data}/filler" bs=4k 2>/dev/null; true) && exec "$@"'
    )
    result = run_till(home, wrap=["unshare", "-rm", "sh", "-c", script, "sh"])
    assert result.returncode == EXIT_NOT_STARTED, result.stderr
    _no_traceback(result)
    assert "[startup.disk_full]" in result.stderr
    assert f"The disk holding {data} is full" in result.stderr
    assert "startup.disk_full" in _log(home)


def test_a_full_disk_at_the_sqlite_boundary_reads_as_disk_full(seeded: AppPaths) -> None:
    home = seeded.data_dir.parent
    _english(home)
    prelude = (
        "import sqlite3\n"
        "from pos_desktop.localdb import store\n"
        "def full(*a, **k):\n"
        "    raise sqlite3.OperationalError('database or disk is full')\n"
        "store._open = full\n"
    )
    result = run_till(home, prelude=prelude)
    assert result.returncode == EXIT_NOT_STARTED
    _no_traceback(result)
    assert "[startup.disk_full]" in result.stderr and str(seeded.database) in result.stderr


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (errno.ENOSPC, "startup.disk_full"),
        (errno.EROFS, "startup.read_only"),
        (errno.EACCES, "startup.read_only"),
        (errno.EIO, "startup.data_unusable"),
    ],
)
def test_file_system_errors_map_to_their_problem(number: int, code: str) -> None:
    error = OSError(number, os.strerror(number), "/data/till.db")
    problem = os_error_problem(error, Path("/data"))
    assert problem.code == code and problem.params["path"] == "/data/till.db"


def test_sqlite_failures_at_start_name_the_database() -> None:
    database = Path("/data/till.db")
    full = storage_problem(sqlite3.OperationalError("database or disk is full"), database)
    assert full is not None and full.code == "startup.disk_full"
    assert full.params["path"] == str(database)
    locked = storage_problem(UserError("storage.io", path="/x/till.db"), database)
    assert locked is not None and locked.code == "startup.database_unreadable"
    assert locked.params["path"] == "/x/till.db"
    assert storage_problem(ValueError("a bug"), database) is None


# -- Qt's system libraries -----------------------------------------------------------------------


@pytest.fixture
def fake_ldd(tmp_path: Path) -> Path:
    script = tmp_path / "fake-ldd"
    script.write_text(
        "#!/bin/sh\n"
        'echo "\tlibxcb-cursor.so.0 => not found"\n'
        'echo "\tlibxcb-icccm.so.4 => not found"\n'
        'echo "\tlibfoo-unknown.so.3 => not found"\n'
        'echo "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x0000)"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


@pytest.mark.skipif(sys.platform != "linux", reason="the xcb plugin is Linux's")
def test_missing_qt_libraries_are_named_with_their_apt_packages(
    tmp_path: Path, fake_ldd: Path
) -> None:
    home = tmp_path / "till"
    _english(home)
    prelude = f"import pos_desktop.qt_preflight as q\nq.LDD = {str(fake_ldd)!r}\n"
    # DISPLAY names no server: if Qt were started anyway it would abort, not answer.
    result = run_till(home, prelude=prelude, env={"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":97"})
    assert result.returncode == EXIT_NO_WINDOW_SYSTEM, result.stderr
    _no_traceback(result)
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in result.stderr
    assert "libfoo-unknown.so.3" in result.stderr
    assert "[startup.qt_libraries_missing]" in result.stderr
    assert "Could not load the Qt platform plugin" not in result.stderr, "checked before Qt"
    assert "libxcb-cursor0" in _log(home)


def test_no_display_for_xcb_is_said_before_qt_aborts(tmp_path: Path) -> None:
    home = tmp_path / "till"
    _english(home)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(POS_DESKTOP_HOME=str(home), QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [sys.executable, "-m", "pos_desktop"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == EXIT_NO_WINDOW_SYSTEM
    assert "[startup.no_display]" in result.stderr


def test_the_preflight_reads_ldd_and_knows_when_xcb_is_used(fake_ldd: Path, monkeypatch) -> None:
    import pos_desktop.qt_preflight as preflight

    monkeypatch.setattr(preflight, "LDD", str(fake_ldd))
    found = missing_libraries([fake_ldd])
    assert found == MissingLibraries(
        ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libfoo-unknown.so.3"),
        ("libxcb-cursor0", "libxcb-icccm4"),
    )
    assert platform_will_be_xcb({}, "linux")
    assert platform_will_be_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not platform_will_be_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not platform_will_be_xcb({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux")
    assert not platform_will_be_xcb(
        {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "w"}, "linux"
    )
    assert not platform_will_be_xcb({}, "win32")


# -- the dialog ----------------------------------------------------------------------------------


def test_the_failure_dialog_offers_the_backup_and_names_the_log(qtbot, tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / LOG_NAME
    box = StartupFailureBox("The database is damaged.", log_file=log_file, restore_offered=True)
    qtbot.addWidget(box)
    assert box.text() == "The database is damaged."
    assert str(log_file) in box.informativeText()
    assert box.restore_button is not None and box.defaultButton() is box.restore_button
    QTimer.singleShot(0, box.restore_button.click)
    box.exec()
    assert box.restore_chosen

    plain = StartupFailureBox("The disk is full.")
    qtbot.addWidget(plain)
    assert plain.restore_button is None
    QTimer.singleShot(0, plain.quit_button.click)
    plain.exec()
    assert not plain.restore_chosen


def test_the_cli_speaks_indonesian_by_default(tmp_path: Path) -> None:
    """Needs the Indonesian of this part's new sentences (merged from the i18n tsv)."""
    home = tmp_path / "till"
    home.mkdir()
    (home / "config.toml").write_text("language = 'fr'", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pos_desktop", "db", "check"],
        cwd=ROOT,
        env=dict(os.environ, POS_DESKTOP_HOME=str(home), QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == EXIT_CONFIG
    assert "Berkas pengaturan" in result.stderr and "language" in result.stderr


def test_enroll_without_a_keyring_fails_in_indonesian_and_names_the_choices(
    tmp_path: Path,
) -> None:
    """Needs the Indonesian of this part's new sentences (merged from the i18n tsv)."""
    home = tmp_path / "till"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pos_desktop",
            "enroll",
            "--server",
            "http://127.0.0.1:9",
            "--code",
            "ABCD-EFGH",
        ],
        cwd=ROOT,
        env=dict(
            os.environ,
            POS_DESKTOP_HOME=str(home),
            QT_QPA_PLATFORM="offscreen",
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == EXIT_NOT_STARTED
    assert "Komputer ini tidak punya keyring OS" in result.stderr
    assert 'credential_store = "file"' in result.stderr and "[sync]" in result.stderr
    assert str(home / "config.toml") in result.stderr
    assert "[sync.no_keyring]" in result.stderr


def test_the_console_speaks_its_language_without_changing_the_apps(qapp) -> None:
    from pos_desktop.ui.console import explain
    from pos_desktop.ui.messages import message_for

    install_translator(qapp, "en")
    error = UserError("till.already_running", pid=4242)
    assert (
        explain(error, "id") == "Aplikasi kasir sudah berjalan (proses 4242); gunakan jendela itu."
    )
    assert explain(error, "en") == "The till is already running (process 4242); use that window."
    # The running application still speaks English.
    assert message_for(error) == "The till is already running (process 4242); use that window."


def test_a_restart_after_declining_offers_the_backup_again_before_pairing_from_zero(
    seeded: AppPaths, startups: list[Startup]
) -> None:
    backup = make_backup(
        seeded.database, seeded.data_dir / "backups", reason="manual", now=datetime.now(UTC)
    )
    _truncate(seeded.database)
    config = TillConfig(language="en", idle_lock_minutes=0)
    first = start_gui(seeded, config, ask=lambda *_: False)
    startups.append(first)
    assert first.exit_code == EXIT_NOT_STARTED
    asked: list[str] = []

    def decline(problem: UserError, text: str, restore_offered: bool) -> bool:
        asked.append(problem.code)
        assert restore_offered and str(backup.path) in text
        return False

    # Declined again: the person wants a new till; it pairs from zero.
    second = start_gui(seeded, config, ask=decline)
    startups.append(second)
    assert asked == ["startup.database_damaged_backup"]
    assert second.pairing is not None and second.gui is None
    second.close()

    third = start_gui(seeded, config, ask=lambda *_: True)
    startups.append(third)
    assert third.exit_code is None and third.gui is not None
    assert third.gui.window.login.store_label.text() == "Toko Maju Jaya"
