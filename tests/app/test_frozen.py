"""The frozen till as a store installs it: the PyInstaller bundle `make dist` makes, started on an
X screen (Xvfb) with an empty home, reaches the first-start pairing dialog, and its command line
checks the till it made.

The bundle is built here, once per test session, from pyinstaller.spec into a temporary folder
(about 1 minute on an idle 2-core machine, 50 s of CPU; 4-5 minutes on a heavily shared one), so
`make test` and CI test the code as it is, not a `dist/` left from an earlier build.
``POS_TEST_FROZEN_BUNDLE=dist/pos-desktop`` tests a bundle built already (after `make dist`);
``POS_TEST_FROZEN=0`` skips.

What the person at the till would see is checked two ways: the till's log says it is pairing
first (``pos_desktop.startup``), and the X server has a window with the pairing dialog's
Indonesian title (``xwininfo``, from x11-utils, when installed).

Needs the Debian packages ``xvfb`` and the libraries Qt's xcb plugin loads (the test names those
missing, as the till itself does: ``pos_desktop.qt_preflight``).
"""

from __future__ import annotations

import importlib.util
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pos_desktop import __version__
from pos_desktop.qt_preflight import missing_libraries

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_ENV = "POS_TEST_FROZEN_BUNDLE"
SWITCH_ENV = "POS_TEST_FROZEN"
PAIRING_LOGGED = "this till has no store yet: pairing first"
PAIRING_TITLE = "Hubungkan mesin kasir ini dengan cloud"  # id.ts: "Pair this till with the cloud"
START_WAIT_S = 180.0
"""A limit for a hung start, not a speed target: a first start on a loaded machine takes
seconds (migrations, Qt); only a till that never gets there reaches this."""

pytestmark = [pytest.mark.xdist_group("frozen"), pytest.mark.timeout(1800)]


def build_bundle(out: Path) -> Path:
    """Run pyinstaller.spec as `make dist` does, into ``out``; the bundle's folder."""
    log = out / "pyinstaller.log"
    with log.open("w", encoding="utf-8") as sink:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--distpath",
                str(out / "dist"),
                "--workpath",
                str(out / "build"),
                str(ROOT / "pyinstaller.spec"),
            ],
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            timeout=1500,
            check=False,
        )
    tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
    assert result.returncode == 0, f"pyinstaller.spec failed:\n{tail}"
    return out / "dist" / "pos-desktop"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one-folder bundle: built now, or the one ``POS_TEST_FROZEN_BUNDLE`` names."""
    if os.environ.get(SWITCH_ENV) == "0":
        pytest.skip(f"{SWITCH_ENV}=0: the frozen till is not built or tested")
    given = os.environ.get(BUNDLE_ENV)
    if given:
        folder = Path(given).resolve()
    else:
        if importlib.util.find_spec("PyInstaller") is None:
            pytest.skip("no PyInstaller (the dev extra has it): pip install -e '.[dev]'")
        folder = build_bundle(tmp_path_factory.mktemp("frozen"))
    for name in ("pos-desktop", "pos-desktop-cli"):
        assert (folder / name).is_file(), f"{folder} has no {name} executable"
    return folder


@pytest.fixture(scope="module")
def display(bundle: Path) -> Iterator[str]:
    """A private X screen (Xvfb picks a free display number and says which)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("needs an X server for the window: install the Debian package xvfb")
    qt = bundle / "_internal" / "PySide6" / "Qt"
    plugin = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]
    missing = missing_libraries([p for p in plugin if p.is_file()])
    if missing is not None:
        pytest.skip(f"Qt's xcb plugin cannot load here: {missing.install_command}")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 60)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        assert number.isdigit(), "Xvfb did not say which display it took"
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=30)


def empty_home_env(home: Path, display: str) -> dict[str, str]:
    """A store PC's first login, as far as the till can tell: nothing but an empty home, the
    X display, and none of the test run's own settings (offscreen Qt, POS_DESKTOP_HOME)."""
    runtime = home / "run"
    runtime.mkdir(parents=True, mode=0o700)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "LANG": "C.UTF-8",
        "DISPLAY": display,
    }


def run_cli(bundle: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / "pos-desktop-cli"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def window_names(display: str) -> str:
    result = subprocess.run(
        ["xwininfo", "-root", "-tree", "-display", display],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.stdout


@dataclass
class FirstStart:
    env: dict[str, str]
    home: Path
    log_dir: Path
    log: str
    """The till's log once it was stopped."""
    windows: str
    """``xwininfo``'s window list while the dialog was up (empty without xwininfo)."""
    exit_code: int


def wait_for(
    found: Callable[[], bool], what: str, proc: subprocess.Popen[bytes], log: Path
) -> None:
    """Until ``found()``; fails, with the log's end, if the till exits or hangs first."""
    deadline = time.monotonic() + START_WAIT_S
    while not found():
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""
        if proc.poll() is not None:
            pytest.fail(f"the frozen till exited ({proc.returncode}) before {what}; log:\n{tail}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} after {START_WAIT_S:g} s; log:\n{tail}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def first_start(bundle: Path, display: str, tmp_path_factory: pytest.TempPathFactory) -> FirstStart:
    """``pos-desktop`` started once on an empty home, left at the pairing dialog, then stopped
    the way a desktop session or a service manager stops it (SIGTERM)."""
    home = tmp_path_factory.mktemp("home")
    env = empty_home_env(home, display)
    paths = run_cli(bundle, env, "paths")
    assert paths.returncode == 0, paths.stderr
    log_dir = Path(paths.stdout.split("logs:", 1)[1].strip())
    assert log_dir.is_relative_to(home), f"the till's log is not in the empty home: {log_dir}"
    log_file = log_dir / "pos-desktop.log"
    output = home / "till-output.txt"
    with output.open("wb") as sink:
        proc = subprocess.Popen([str(bundle / "pos-desktop")], env=env, stdout=sink, stderr=sink)
        try:
            wait_for(
                lambda: (
                    PAIRING_LOGGED in log_file.read_text(encoding="utf-8", errors="replace")
                    if log_file.exists()
                    else False
                ),
                "pairing dialog in the log",
                proc,
                log_file,
            )
            windows = ""
            if shutil.which("xwininfo") is not None:
                shown: list[str] = []

                def titled() -> bool:
                    shown[:] = [window_names(display)]
                    return f'"{PAIRING_TITLE}"' in shown[0]

                wait_for(titled, "pairing dialog window on the screen", proc, log_file)
                windows = shown[0]
            proc.send_signal(signal.SIGTERM)
            exit_code = proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
    return FirstStart(env, home, log_dir, log_file.read_text(encoding="utf-8"), windows, exit_code)


def test_the_windowed_till_reaches_the_pairing_dialog_on_an_empty_home(
    first_start: FirstStart,
) -> None:
    log = first_start.log
    # The windowed entry (pos_desktop/gui_entry.py) started, with the one version number.
    assert f"pos-desktop {__version__} starting" in log
    # The bundle carries its migrations and the Indonesian translation.
    assert "upgrading database schema (new)" in log
    assert "UI language id from" in log
    assert PAIRING_LOGGED in log
    if shutil.which("xwininfo") is not None:
        assert f'"{PAIRING_TITLE}"' in first_start.windows
    # Stopped the normal way: the data folder's lock let go, nothing uncaught.
    assert "SIGTERM received: closing the till" in log
    assert "released" in log and "till.lock" in log
    assert "uncaught exception" not in log
    assert first_start.exit_code in (0, 3), first_start.exit_code  # 3: closed before pairing


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("devices", "list"), "Serial ports:"),
        (("db", "check"), "ok"),
        (("journal", "verify"), "every hash and link checks out"),
    ],
)
def test_the_command_line_checks_the_till_it_made(
    bundle: Path, first_start: FirstStart, args: tuple[str, ...], says: str
) -> None:
    result = run_cli(bundle, first_start.env, *args)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert says in result.stdout
    database = first_start.home / ".local" / "share" / "pos-desktop" / "till.db"
    assert database.is_file()  # the one the windowed till made, not a new one elsewhere
    # pos-desktop-cli runs the command line's entry alone, not the windowed one before it.
    log = (first_start.log_dir / "pos-desktop.log").read_text(encoding="utf-8")
    assert log.count(f"pos-desktop {__version__} starting") == 1


@pytest.mark.parametrize("name", ["pos-desktop", "pos-desktop-cli"])
def test_both_executables_say_the_one_version(bundle: Path, tmp_path: Path, name: str) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    result = subprocess.run(
        [str(bundle / name), "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pos-desktop {__version__}"
