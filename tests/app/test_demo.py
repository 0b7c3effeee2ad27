"""``make run``'s demo as a developer meets it: the owner's login on every run, a demo cloud that
never outlives its till (Ctrl+C, ``kill -9``, a leftover from an earlier run), a busy port
explained in ``make`` terms, and Qt's system libraries checked before Qt can abort."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pos_desktop.demo import DemoCloud, ensure_qt_libraries, port_in_use_message
from pos_desktop.qt_preflight import MissingLibraries
from server_stub.core.security import totp

ROOT = Path(__file__).resolve().parents[2]
DEMO = [sys.executable, "-m", "pos_desktop.demo"]
WAIT_S = 180.0
"""Upper bound for a start or a stop on a loaded machine; the tests wait for events, not time."""

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and processes")


def demo_env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def run_demo(*args: str, timeout: float = WAIT_S) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DEMO, *args],
        cwd=ROOT,
        env=demo_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def wait_for(condition: str, check: object, deadline_s: float = WAIT_S) -> None:
    assert callable(check)
    deadline = time.monotonic() + deadline_s
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {condition}"
        time.sleep(0.2)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) is gone for our purpose.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return True
    return state != "Z"


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def owner_lines(stdout: str) -> dict[str, str]:
    found = {}
    for key in ("email", "password", "TOTP code"):
        match = re.search(rf"^  {key} +(\S+)", stdout, re.MULTILINE)
        assert match, f"no {key!r} line in:\n{stdout}"
        found[key] = match.group(1)
    return found


@posix_only
def test_owner_login_on_every_run_and_a_leftover_cloud_is_stopped(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    first = run_demo("--home", str(home), "--port", "0", "--prepare-only")
    assert first.returncode == 0, first.stderr
    login = owner_lines(first.stdout)
    assert login["email"] == "owner@demo.local"
    assert "Siti" in first.stdout and "PIN 1111" in first.stdout
    kept = home / "cloud" / "owner.json"
    assert kept.stat().st_mode & 0o777 == 0o600

    # A demo cloud left running by an earlier run whose demo is gone (here: never had one).
    cloud = DemoCloud(home, 0)
    leftover = subprocess.Popen(
        [
            *cloud.server_command("serve", "--host", "127.0.0.1", "--port", str(cloud.port)),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        cloud.pid_file.write_text(
            json.dumps({"pid": leftover.pid, "port": cloud.port, "database": cloud.database_url})
        )
        wait_for("the leftover server to listen", lambda: not port_free(cloud.port))
        second = run_demo("--home", str(home), "--port", str(cloud.port), "--prepare-only")
        assert second.returncode == 0, second.stderr
        assert f"left behind (pid {leftover.pid})" in second.stdout
        assert leftover.wait(timeout=WAIT_S) is not None
    finally:
        if leftover.poll() is None:
            os.killpg(leftover.pid, signal.SIGKILL)
            leftover.wait()
    # The owner's login again, the same password, a current code.
    again = owner_lines(second.stdout)
    assert again["email"] == login["email"] and again["password"] == login["password"]
    secret = json.loads(kept.read_text())["totp_secret"]
    code = run_demo("--home", str(home), "--totp").stdout.strip()
    assert totp.verify(secret, code, datetime.now(UTC), after_step=None) is not None
    assert not cloud.pid_file.exists()  # stopped with its demo


def test_a_busy_port_is_explained_for_make_users(tmp_path: Path) -> None:
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        result = run_demo("--home", str(tmp_path / "demo"), "--port", str(port), "--prepare-only")
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.stderr
    assert "make run DEMO_PORT=" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "demo" / "data" / "till.db").exists()  # nothing seeded in vain


@posix_only
def test_a_till_that_fails_to_start_leaves_no_demo_cloud(tmp_path: Path) -> None:
    """The demo cloud is up before the till's data is touched; when that fails (here another
    till holds the data folder), the demo says why and stops its cloud."""
    from pos_desktop.localdb.lock import acquire_data_dir_lock

    home = tmp_path / "demo"
    (home / "data").mkdir(parents=True)
    port = free_port()
    holder = acquire_data_dir_lock(home / "data")
    try:
        result = run_demo("--home", str(home), "--port", str(port), "--prepare-only")
    finally:
        holder.release()
    assert result.returncode == 1
    assert "[till.already_running]" in result.stderr and "Traceback" not in result.stderr
    assert (home / "cloud" / "pos-server.db").exists()  # the cloud had started
    assert port_free(port) and not (home / "cloud" / "pos-server.pid").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_the_suggested_port_is_free() -> None:
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        message = port_in_use_message(port)
    suggested = int(re.search(r"DEMO_PORT=(\d+)", message).group(1))  # type: ignore[union-attr]
    assert suggested != port and port_free(suggested)


@pytest.fixture
def running_demo(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path, dict[str, int]]]:
    """The whole demo (cloud and till, offscreen) started as ``make run`` starts it."""
    home = tmp_path / "demo"
    console = (tmp_path / "console.txt").open("wb")
    proc = subprocess.Popen(
        [*DEMO, "--home", str(home), "--port", "0"],
        cwd=ROOT,
        env=dict(demo_env(), PYTHONFAULTHANDLER="1"),
        stdout=console,
        stderr=subprocess.STDOUT,
    )
    console.close()
    log_file = home / "logs" / "pos-desktop.log"
    pid_file = home / "cloud" / "pos-server.pid"
    try:
        wait_for(
            "the till to open",
            lambda: log_file.exists() and "sync started" in log_file.read_text("utf-8", "replace"),
        )
        server = json.loads(pid_file.read_text())
        assert alive(server["pid"]) and not port_free(server["port"])
        yield proc, home, server
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        if pid_file.exists():  # never leave a server behind, whatever the test found
            pid = json.loads(pid_file.read_text())["pid"]
            if alive(pid):
                os.killpg(pid, signal.SIGKILL)


@posix_only
def test_ctrl_c_stops_the_till_and_the_demo_cloud(
    running_demo: tuple[subprocess.Popen[bytes], Path, dict[str, int]],
) -> None:
    proc, home, server = running_demo
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=WAIT_S)
    assert code == 0, (home.parent / "console.txt").read_text("utf-8", "replace")
    log_text = (home / "logs" / "pos-desktop.log").read_text("utf-8", "replace")
    assert "SIGINT received: closing the till" in log_text
    assert not alive(server["pid"]) and port_free(server["port"])
    assert not (home / "cloud" / "pos-server.pid").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
def test_the_demo_cloud_dies_with_a_killed_till(
    running_demo: tuple[subprocess.Popen[bytes], Path, dict[str, int]],
) -> None:
    proc, _home, server = running_demo
    proc.kill()  # as a Qt abort or kill -9 would: no finally runs
    proc.wait()
    wait_for("the demo cloud to stop", lambda: not alive(server["pid"]))
    assert port_free(server["port"])


class Apt:
    """apt-get as ``ensure_qt_libraries`` calls it, and the preflight it re-runs after."""

    def __init__(self, *, fixes: bool, first_install_fails: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.fixes = fixes
        self.fail_next_install = first_install_fails
        self.installed = False

    def run(self, argv: Sequence[str]) -> int:
        self.calls.append(list(argv))
        if argv[1] == "install":
            if self.fail_next_install:
                self.fail_next_install = False
                return 100
            self.installed = self.fixes
        return 0

    def check(self) -> MissingLibraries | None:
        if self.installed:
            return None
        return MissingLibraries(("libxcb-cursor.so.0",), ("libxcb-cursor0",))


def test_qt_libraries_are_installed_with_apt_get_as_root(
    capsys: pytest.CaptureFixture[str],
) -> None:
    apt = Apt(fixes=True, first_install_fails=True)
    assert ensure_qt_libraries(apt.check, run=apt.run, is_root=True, apt_get="/usr/bin/apt-get")
    install = ["/usr/bin/apt-get", "install", "-y", "--no-install-recommends", "libxcb-cursor0"]
    assert apt.calls == [install, ["/usr/bin/apt-get", "update"], install]
    assert "missing libxcb-cursor.so.0" in capsys.readouterr().out


def test_without_root_the_exact_install_command_is_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    apt = Apt(fixes=True)
    assert not ensure_qt_libraries(
        apt.check, run=apt.run, is_root=False, apt_get="/usr/bin/apt-get"
    )
    assert apt.calls == []
    assert "  sudo apt-get install -y libxcb-cursor0\n" in capsys.readouterr().out


def test_an_install_that_does_not_help_stops_the_demo(capsys: pytest.CaptureFixture[str]) -> None:
    apt = Apt(fixes=False)
    assert not ensure_qt_libraries(apt.check, run=apt.run, is_root=True, apt_get="apt-get")
    out = capsys.readouterr().out
    assert "Still missing after apt-get: libxcb-cursor.so.0" in out
    assert "sudo apt-get install -y libxcb-cursor0" in out


def test_qt_libraries_in_place_need_nothing() -> None:
    apt = Apt(fixes=True)
    apt.installed = True
    assert ensure_qt_libraries(apt.check, run=apt.run, is_root=True, apt_get="apt-get")
    assert apt.calls == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd and apt are Linux")
def test_make_run_stops_before_qt_when_a_library_is_missing(tmp_path: Path) -> None:
    """End to end with the real preflight: ``ldd`` reports libxcb-cursor missing, and with no
    apt-get on PATH the demo names the package and exits before creating any window."""
    tools = tmp_path / "bin"
    tools.mkdir()
    ldd = tools / "ldd"
    ldd.write_text(
        "#!/bin/sh\n"
        "echo '\tlibxcb-cursor.so.0 => not found'\n"
        "echo '\tlibc.so.6 => /lib/libc.so.6'\n"
    )
    ldd.chmod(0o755)
    env = dict(os.environ, PATH=f"{tools}{os.pathsep}/nonexistent", QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [*DEMO, "--home", str(tmp_path / "demo"), "--port", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "sudo apt-get install -y libxcb-cursor0" in result.stdout
    assert not (tmp_path / "demo" / "cloud").exists()  # no cloud started, nothing to orphan
