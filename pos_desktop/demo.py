"""``make run``: a demo till with a seeded store, paired with a local demo cloud, ready to sell.

Everything lives under ``--home`` (the till's config, database, receipts and logs, and the demo
cloud's own SQLite file under ``cloud/``), so the demo never touches a real till's data and can
be thrown away with one ``rm -r``.

The demo cloud is a real ``pos-server`` on 127.0.0.1 (``--port``, 8765 by default): it is
seeded with ``pos-server demo-seed`` (the same products as the till), issues an enrollment code,
and the till pairs with it exactly as a shop's till would, except that the credential goes to an
owner-only file, chosen explicitly in the demo's config, because a developer's machine may have
no OS keyring. The server stops when the till exits. ``--no-cloud`` runs the till alone.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765
SERVER_START_TIMEOUT_S = 60.0

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


class DemoCloud:
    """A ``pos-server serve`` subprocess on loopback with its own SQLite file."""

    def __init__(self, home: Path, port: int) -> None:
        self.folder = home / "cloud"
        self.database_url = f"sqlite:///{self.folder / 'pos-server.db'}"
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def _server(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "server_stub", *args, "--database-url", self.database_url]

    def seed(self) -> dict[str, object]:
        """``pos-server demo-seed``: the demo organization, its catalog and a code for T01."""
        self.folder.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            self._server("demo-seed", "--json"), capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"pos-server demo-seed failed: {result.stderr.strip()}")
        seeded: dict[str, object] = json.loads(result.stdout)
        return seeded

    def start(self) -> None:
        if _port_in_use(self.port):
            raise RuntimeError(
                f"port {self.port} is in use (another demo cloud?); choose one with --port"
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        log_file = (self.folder / "pos-server.log").open("ab")
        self.proc = subprocess.Popen(
            [
                *self._server("serve", "--host", "127.0.0.1", "--port", str(self.port)),
                "--log-level",
                "warning",
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log_file.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        import httpx

        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                assert self.proc is not None
                if self.proc.poll() is not None:
                    raise RuntimeError(f"pos-server exited; see {self.folder / 'pos-server.log'}")
                try:
                    if client.get(f"{self.url}/readyz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.1)  # waiting for the port to open; there is no event to wait on
        raise RuntimeError("pos-server did not become ready")

    def stop(self) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def pair_with(cloud: DemoCloud, home: Path) -> None:
    """Seed the demo cloud and pair the demo till with the code it issued."""
    from pos_desktop.config import load_config
    from pos_desktop.paths import resolve_paths
    from pos_desktop.sync.pairing import enroll

    seeded = cloud.seed()
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
    out.write(f"  owner {seeded['owner_email']}, TOTP secret {seeded['totp_secret']}\n")
    if seeded.get("owner_password"):
        out.write(f"  password {seeded['owner_password']}\n")
    out.write(
        f"Till paired as {result.profile.store_code}/{result.profile.till_code}; "
        f"credential in {result.credential_store}\n"
    )
    out.flush()


def _stop_on_signal(signum: int, _frame: object) -> None:
    """SIGTERM/SIGHUP (a closed terminal, ``timeout``, a service manager): end the till the
    normal way so ``main``'s ``finally`` stops the demo cloud instead of orphaning it."""
    qt = sys.modules.get("PySide6.QtWidgets")
    app = qt.QApplication.instance() if qt is not None else None
    if app is not None:
        app.quit()
    else:
        raise SystemExit(128 + signum)


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
    args = parser.parse_args(argv)
    home = args.home.resolve()
    from pos_desktop.logging_setup import setup_logging

    setup_logging(home / "logs")
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, _stop_on_signal)
    prepare(home)
    cloud = None if args.no_cloud else DemoCloud(home, args.port)
    try:
        if cloud is not None:
            cloud.start()
            pair_with(cloud, home)
        if args.prepare_only:
            return 0
        from pos_desktop.cli import main as cli_main

        log.info("starting the demo till")
        return cli_main(["run"])
    finally:
        if cloud is not None:
            cloud.stop()


if __name__ == "__main__":
    raise SystemExit(main())
