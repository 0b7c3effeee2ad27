"""``pos-server serve`` as a subprocess on loopback, for every test that needs the real server.

One harness for the server's own process tests and the till's sync tests: start, wait until
``/readyz`` answers, stop (SIGTERM, then SIGKILL), kill (a crash), restart on the same port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class CloudServer:
    """``pos-server serve`` on a fixed loopback port that survives restarts."""

    def __init__(
        self,
        database_url: str,
        workdir: Path,
        *,
        port: int | None = None,
        workers: int = 1,
        tls: tuple[Path, Path] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.database_url = database_url
        self.workdir = workdir
        self.port = port or free_port()
        self.workers = workers
        self.tls = tls
        self.env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.workdir / f"server-{self.port}.log"

    def start(self, *, wait: bool = True, verify: Any = True) -> None:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        argv = [
            sys.executable,
            "-m",
            "server_stub",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--database-url",
            self.database_url,
            "--workers",
            str(self.workers),
            "--log-level",
            "warning",
        ]
        if self.tls is not None:
            argv += ["--ssl-certfile", str(self.tls[0]), "--ssl-keyfile", str(self.tls[1])]
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as sink:
            self.proc = subprocess.Popen(
                argv,
                stdout=sink,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                env={**os.environ, **self.env},
                start_new_session=True,
            )
        self.starts += 1
        if wait:
            self.wait_ready(verify)

    def wait_ready(self, verify: Any = True) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        with httpx.Client(verify=verify, timeout=2) as client:
            while time.monotonic() < deadline:
                assert self.proc is not None
                if self.proc.poll() is not None:
                    raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')}")
                try:
                    if client.get(f"{self.url}/readyz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)  # polling for the port to open; there is no event to wait on
        raise RuntimeError(f"server not ready: {self.log.read_text(errors='replace')}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None
