"""``make run``: a demo till with a seeded store, paired with a local demo cloud, ready to sell.

Everything lives under ``--home`` (the till's config, database, receipts and logs, and the demo
cloud's own SQLite file under ``cloud/``), so the demo never touches a real till's data and can
be thrown away with one ``rm -r``.

The demo cloud is a real ``pos-server`` on 127.0.0.1 (``--port``, 8765 by default): it is
seeded with ``pos-server demo-seed`` (the same products as the till, and the store's staff),
issues an enrollment code, and the till pairs with it exactly as a shop's till would, except
that the credential goes to an owner-only file, chosen explicitly in the demo's config, because a
developer's machine may have no OS keyring. ``--no-cloud`` runs the till alone.

The demo cloud never outlives the till: it is stopped in ``finally`` when the till exits, Ctrl+C
or SIGTERM end the till the normal way (``ui/quit_signals.py``), on Linux the kernel sends it
SIGTERM when the demo process dies however it dies (a Qt abort, ``kill -9``), and a server left
over from an earlier run elsewhere is found through its pid file and stopped before a new one
starts. Before any of that, Qt's system libraries are checked (``qt_preflight``): the missing
Debian packages are installed when the demo runs as root with apt-get, else named in the exact
``sudo apt-get install`` line to run.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from pos_desktop.qt_preflight import MissingLibraries

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765
SERVER_START_TIMEOUT_S = 60.0
SERVER_STOP_TIMEOUT_S = 15.0
PR_SET_PDEATHSIG = 1
"""``prctl`` option (linux/prctl.h): the signal a process gets when its parent dies."""

DEMO_CONFIG = """\
# Demo till settings. See docs/store-it.md for every key.
language = "id"          # "id" (Bahasa Indonesia) or "en"
idle_lock_minutes = 5    # 0 turns auto-lock off

[receipt]
columns = 48             # 32 for 58 mm paper, 48 for 80 mm
money_space = false      # true prints "Rp 12.500" instead of "Rp12.500"

[sync]
# The demo keeps the till's cloud credential in an owner-only file (mode 0600) because a
# developer's machine may have no OS keyring. A shop's till uses the OS keyring (the default).
credential_store = "file"
pull_interval_s = 2
"""


class DemoError(Exception):
    """Why the demo cannot start, worded for the developer at the terminal."""


# -- Qt's system libraries ------------------------------------------------------------------


def _run_quietly(argv: Sequence[str]) -> int:
    return subprocess.run(list(argv), check=False).returncode


def apt_install_line(missing: MissingLibraries) -> str:
    return f"sudo apt-get install -y {missing.to_install}"


def ensure_qt_libraries(
    check: Callable[[], MissingLibraries | None] | None = None,
    *,
    run: Callable[[Sequence[str]], int] = _run_quietly,
    is_root: bool | None = None,
    apt_get: str | None = None,
) -> bool:
    """Whether Qt's window plugin can load, after installing what it lacks where we may.

    ``make run`` may install the till's own needs from Debian's packages: as root with apt-get
    it does (``apt-get update`` first only when the install fails for an old package list).
    Otherwise it prints the exact command and the demo stops before Qt would abort.
    """
    if check is None:
        from pos_desktop.qt_preflight import check_qt_platform

        check = check_qt_platform
    missing = check()
    if missing is None:
        return True
    out = sys.stdout
    out.write(f"Qt cannot open a window here: missing {', '.join(missing.libraries)}.\n")
    root = (hasattr(os, "geteuid") and os.geteuid() == 0) if is_root is None else is_root
    apt = shutil.which("apt-get") if apt_get is None else apt_get
    unknown = len(missing.packages) == 0
    if root and apt and not unknown:
        out.write(f"Installing with apt-get: {' '.join(missing.packages)}\n")
        out.flush()
        install = [apt, "install", "-y", "--no-install-recommends", *missing.packages]
        if run(install) != 0 and run([apt, "update"]) == 0:
            run(install)
        missing_after = check()
        if missing_after is None:
            return True
        missing = missing_after
        out.write(f"Still missing after apt-get: {', '.join(missing.libraries)}.\n")
    if unknown:
        out.write("Install the packages that provide them, then run `make run` again.\n")
    else:
        out.write(f"Install them, then run `make run` again:\n  {apt_install_line(missing)}\n")
    out.flush()
    return False


# -- the till's side ------------------------------------------------------------------------


def prepare(home: Path) -> None:
    """Create the demo folder, its config and the seeded database if they are missing."""
    from pos_desktop.app import seed_demo_store
    from pos_desktop.paths import resolve_paths

    os.environ["POS_DESKTOP_HOME"] = str(home)
    paths = resolve_paths()
    paths.ensure()
    if not paths.config_file.exists():
        paths.config_file.write_text(DEMO_CONFIG, encoding="utf-8")
    elif "[sync]" not in paths.config_file.read_text(encoding="utf-8"):
        # A demo folder from before sync: add the demo's explicit credential file choice.
        sync_part = DEMO_CONFIG[DEMO_CONFIG.index("[sync]") :]
        with paths.config_file.open("a", encoding="utf-8") as fh:
            fh.write("\n" + sync_part)
    seeded = seed_demo_store(paths)
    out = sys.stdout
    out.write(f"Demo till in {home} ({'new store seeded' if seeded else 'existing data kept'})\n")
    out.write(f"Receipts are written to {paths.receipts_dir}\n")
    out.flush()


# -- the demo cloud -------------------------------------------------------------------------


def _die_with_parent(parent: int) -> Callable[[], None]:
    """Runs in the forked server before it starts: on Linux, ask the kernel for SIGTERM when the
    demo process dies, however it dies (a Qt abort, ``kill -9``), so the server never outlives
    it; if the demo is already gone by then, stop at once."""

    def arrange() -> None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0 and os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)

    return arrange


def _process_command_line(pid: int) -> str | None:
    """A process's command line where the OS shows it (Linux ``/proc``), else ``None``."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return raw.replace(b"\0", b" ").decode("utf-8", "replace")


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would send CTRL_C_EVENT there; assume it may be running
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _next_free_port(after: int) -> int:
    for candidate in range(after + 1, min(after + 100, 65536)):
        if not _port_in_use(candidate):
            return candidate
    return _free_port()


def port_in_use_message(port: int) -> str:
    """Worded for ``make run``, where the port is ``DEMO_PORT``, not ``--port``."""
    other = _next_free_port(port)
    return (
        f"port {port} on 127.0.0.1 is in use by another program, so the demo cloud cannot "
        f"start there. Choose a free port: make run DEMO_PORT={other} "
        f"(or python -m pos_desktop.demo --port {other})"
    )


@dataclass(frozen=True, slots=True)
class OwnerLogin:
    """The demo owner's sign-in for the cloud API, kept in ``cloud/owner.json`` (mode 0600)
    because the cloud only stores a hash of the password and prints it once, at creation."""

    email: str
    password: str | None
    totp_secret: str

    def totp_now(self, now: datetime | None = None) -> str:
        from server_stub.core.security.totp import code_at

        return code_at(self.totp_secret, now or datetime.now(UTC))


class DemoCloud:
    """A ``pos-server serve`` subprocess on loopback with its own SQLite file."""

    def __init__(self, home: Path, port: int) -> None:
        self.folder = home / "cloud"
        self.database_url = f"sqlite:///{self.folder / 'pos-server.db'}"
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.pid_file = self.folder / "pos-server.pid"
        self.owner_file = self.folder / "owner.json"
        self.proc: subprocess.Popen[bytes] | None = None

    def server_command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "server_stub", *args, "--database-url", self.database_url]

    def seed(self) -> dict[str, Any]:
        """``pos-server demo-seed``: the demo organization, its catalog and staff, and a code
        for T01."""
        self.folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            self.server_command("demo-seed", "--json"), capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise DemoError(f"pos-server demo-seed failed: {result.stderr.strip()}")
        seeded: dict[str, Any] = json.loads(result.stdout)
        return seeded

    def remember_owner(self, seeded: Mapping[str, Any]) -> OwnerLogin:
        """The owner's login for every run: the password the seed just created, or the one kept
        from the run that created the owner."""
        kept = self.owner_login()
        password = seeded.get("owner_password") or (kept.password if kept else None)
        login = OwnerLogin(str(seeded["owner_email"]), password, str(seeded["totp_secret"]))
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.owner_file.with_name(self.owner_file.name + ".tmp")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(
                {"email": login.email, "password": password, "totp_secret": login.totp_secret},
                fh,
            )
        partial.replace(self.owner_file)
        return login

    def owner_login(self) -> OwnerLogin | None:
        try:
            data = json.loads(self.owner_file.read_text(encoding="utf-8"))
            return OwnerLogin(str(data["email"]), data.get("password"), str(data["totp_secret"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def start(self) -> None:
        self.stop_leftover()
        if _port_in_use(self.port):
            raise DemoError(port_in_use_message(self.port))
        self.folder.mkdir(parents=True, exist_ok=True)
        log_file = (self.folder / "pos-server.log").open("ab")
        linux = sys.platform.startswith("linux")
        self.proc = subprocess.Popen(
            [
                *self.server_command("serve", "--host", "127.0.0.1", "--port", str(self.port)),
                "--log-level",
                "warning",
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            # Its own process group: Ctrl+C reaches the till, which then stops the server.
            start_new_session=True,
            preexec_fn=_die_with_parent(os.getpid()) if linux else None,
        )
        log_file.close()
        self.pid_file.write_text(
            json.dumps(
                {
                    "pid": self.proc.pid,
                    "port": self.port,
                    "database": self.database_url,
                    "demo_pid": os.getpid(),
                }
            ),
            encoding="utf-8",
        )
        self._wait_ready()

    def stop_leftover(self) -> None:
        """Stop a demo cloud an earlier run left behind (found by its pid file), if it is ours:
        a ``server_stub`` process serving this demo's database whose demo is gone. One whose
        demo still runs belongs to a second ``make run`` on the same folder: that is refused."""
        try:
            recorded = json.loads(self.pid_file.read_text(encoding="utf-8"))
            pid = int(recorded["pid"])
            demo_pid = int(recorded.get("demo_pid") or 0)
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError):
            self.pid_file.unlink(missing_ok=True)
            return
        if not _alive(pid):
            self.pid_file.unlink(missing_ok=True)
            return
        command = _process_command_line(pid)
        if command is None:
            if _port_in_use(self.port):
                raise DemoError(
                    f"a demo cloud from an earlier run may still be running (pid {pid}); "
                    f"stop it, then run make run again. {port_in_use_message(self.port)}"
                )
            return
        if "server_stub" not in command or self.database_url not in command:
            self.pid_file.unlink(missing_ok=True)  # the pid now belongs to another program
            return
        demo_command = _process_command_line(demo_pid) if demo_pid else None
        if demo_command is not None and "pos_desktop.demo" in demo_command:
            raise DemoError(
                f"another demo (pid {demo_pid}) is running from {self.folder.parent}; "
                "close its till first, or give this one its own DEMO_HOME"
            )
        sys.stdout.write(f"Stopping the demo cloud an earlier run left behind (pid {pid})\n")
        sys.stdout.flush()
        log.warning("stopping a leftover demo cloud, pid %d", pid)
        _terminate_group(pid)
        self.pid_file.unlink(missing_ok=True)

    def _wait_ready(self) -> None:
        import httpx

        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                assert self.proc is not None
                if self.proc.poll() is not None:
                    raise DemoError(f"pos-server exited; see {self.folder / 'pos-server.log'}")
                try:
                    if client.get(f"{self.url}/readyz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.1)  # waiting for the port to open; there is no event to wait on
        raise DemoError(f"pos-server did not become ready; see {self.folder / 'pos-server.log'}")

    def stop(self) -> None:
        proc = self.proc
        if proc is not None and proc.poll() is None:
            if hasattr(os, "killpg"):
                os.killpg(proc.pid, signal.SIGTERM)
            else:  # Windows: no process groups; the server has no children to take along
                proc.terminate()
            try:
                proc.wait(timeout=SERVER_STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if proc is not None:
            self.pid_file.unlink(missing_ok=True)


def _terminate_group(pid: int) -> None:
    """SIGTERM the server's process group (it leads one), SIGKILL if it lingers."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + SERVER_STOP_TIMEOUT_S
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)  # not our child: nothing to wait on but its disappearance
    if _alive(pid):
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            return


def pair_with(cloud: DemoCloud, home: Path) -> None:
    """Seed the demo cloud, pair the demo till with the code it issued, and print who logs in
    where (the till's staff and the owner's cloud login), on every run."""
    from pos_desktop.config import load_config
    from pos_desktop.paths import resolve_paths
    from pos_desktop.sync.pairing import enroll

    seeded = cloud.seed()
    owner = cloud.remember_owner(seeded)
    paths = resolve_paths()
    config = load_config(paths.config_file)
    result = enroll(
        paths,
        config.sync,
        server=cloud.url,
        code=str(seeded["enrollment_code"]),
        name="demo till",
        config_file=paths.config_file,
    )
    out = sys.stdout
    out.write(f"Demo cloud at {cloud.url} ({cloud.folder})\n")
    out.write(
        f"Till paired as {result.profile.store_code}/{result.profile.till_code}; "
        f"credential in {result.credential_store}\n"
    )
    # Staff live in the cloud; the till gets them (and their PINs' verifiers) with the catalog.
    out.write("Log in at the till with:\n")
    staff = seeded.get("staff")
    for member in staff if isinstance(staff, list) else []:
        out.write(f"  {member['name']:<8} {member['role']:<10} PIN {member['pin']}\n")
    out.write(owner_login_text(cloud, owner, home))
    out.flush()


def owner_login_text(cloud: DemoCloud, owner: OwnerLogin, home: Path) -> str:
    password = owner.password or (
        "unknown (this demo cloud was made before the demo kept it; "
        f"remove {cloud.folder} for a fresh one)"
    )
    return (
        f"Back office (the owner's web app, any browser on this machine): {cloud.url}/app/\n"
        f"  four weeks of demo sales in two stores (S01 WIB, S02 WITA) fill its charts\n"
        f"Demo owner, for the back office and the cloud API {cloud.url}/docs "
        f"(POST /v1/auth/login):\n"
        f"  email     {owner.email}\n"
        f"  password  {password}\n"
        f"  TOTP code {owner.totp_now()} (changes every 30 s; a fresh one: "
        f"{sys.executable} -m pos_desktop.demo --home {home} --totp)\n"
        f"  TOTP secret {owner.totp_secret} (for an authenticator app)\n"
    )


# -- the whole demo -------------------------------------------------------------------------


def _stop_on_signal(signum: int, _frame: object) -> None:
    """SIGTERM/SIGHUP before the till's window exists: leave through ``main``'s ``finally``,
    which stops the demo cloud. Once the till runs, ``ui/quit_signals.py`` takes over."""
    raise SystemExit(128 + signum)


def _run_till() -> int:
    """The till, in this process: Ctrl+C and SIGTERM quit its event loop (``startup.run_gui``),
    and ``main``'s ``finally`` then stops the demo cloud."""
    from pos_desktop.cli import main as cli_main

    log.info("starting the demo till; Ctrl+C stops it and the demo cloud")
    return cli_main(["run"])


def print_totp(home: Path) -> int:
    owner = DemoCloud(home, DEFAULT_PORT).owner_login()
    if owner is None:
        sys.stderr.write(f"no demo cloud owner in {home / 'cloud'}; run make run first\n")
        return 1
    sys.stdout.write(f"{owner.totp_now()}\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pos_desktop.demo")
    parser.add_argument("--home", type=Path, default=Path("var/demo"))
    parser.add_argument(
        "--prepare-only", action="store_true", help="seed and configure, do not open the till"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="demo cloud port (0: any free port)"
    )
    parser.add_argument("--no-cloud", action="store_true", help="run the till without a cloud")
    parser.add_argument(
        "--check-system",
        action="store_true",
        help="check (as root: install) the system libraries Qt needs, then exit",
    )
    parser.add_argument(
        "--totp", action="store_true", help="print the demo owner's current TOTP code and exit"
    )
    args = parser.parse_args(argv)
    try:
        return run_demo(args)
    except KeyboardInterrupt:  # Ctrl+C before the till's window (the till handles its own)
        sys.stderr.write("make run: interrupted\n")
        return 130


def run_demo(args: argparse.Namespace) -> int:
    home: Path = args.home.resolve()
    if args.totp:
        return print_totp(home)
    from pos_desktop.logging_setup import setup_logging

    setup_logging(home / "logs")
    if args.check_system or not args.prepare_only:
        if not ensure_qt_libraries():
            return 1
        from pos_desktop.startup import qt_window_problem

        # Anything else that keeps Qt from opening a window (no display) is said now, in the
        # till's words, before a store is seeded and a cloud started for nothing.
        cannot_open = qt_window_problem()
        if cannot_open is not None:
            return cannot_open
        if args.check_system:
            return 0
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, _stop_on_signal)
    cloud = None if args.no_cloud else DemoCloud(home, args.port)
    try:
        if cloud is not None:
            cloud.start()  # first: a port problem is told before any seeding
        prepare(home)
        if cloud is not None:
            pair_with(cloud, home)
        else:
            sys.stdout.write("No cloud: only staff this till received before can log in.\n")
        if args.prepare_only:
            return 0
        return _run_till()
    except DemoError as exc:
        log.error("demo stopped: %s", exc)
        sys.stderr.write(f"make run: {exc}\n")
        return 1
    except UserError as exc:  # the till's own words, e.g. its data folder in use by another till
        from pos_desktop.ui.console import report

        report(exc)
        return 1
    finally:
        if cloud is not None:
            cloud.stop()


if __name__ == "__main__":
    raise SystemExit(main())
