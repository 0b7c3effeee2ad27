"""``--log-format json`` / ``POS_SERVER_LOG_FORMAT=json``: one JSON object a line, with the
request id, from the served workers and from the CLI's own commands."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from server_stub.core.logs import ENV_LOG_FORMAT, JsonFormatter, log_format_from_env, request_id
from tests.server_process import ROOT, STARTUP_TIMEOUT_S, free_port

KEYS = {"time", "level", "logger", "message"}


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_a_record_with_an_exception_and_a_request_id() -> None:
    try:
        raise RuntimeError("printer on fire\nsecond line")
    except RuntimeError:
        record = logging.getLogger("pos.test").makeRecord(
            "pos.test",
            logging.ERROR,
            __file__,
            1,
            "sale %s failed",
            ("S01-T01-000001",),
            sys.exc_info(),
        )
    token = request_id.set("req-42")
    try:
        line = JsonFormatter().format(record)
    finally:
        request_id.reset(token)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "pos.test"
    assert entry["message"] == "sale S01-T01-000001 failed"
    assert entry["request_id"] == "req-42"
    assert "RuntimeError: printer on fire" in entry["exception"]
    assert entry["time"].endswith("+00:00")


def test_an_unknown_format_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_LOG_FORMAT, "xml")
    with pytest.raises(ValueError, match="text, json"):
        log_format_from_env()
    assert log_format_from_env("json") == "json"


def test_the_cli_logs_json_lines(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    argv = [sys.executable, "-m", "server_stub", "--log-format", "json", "-v", "db", "upgrade"]
    done = subprocess.run(
        [*argv, "--database-url", url], cwd=ROOT, capture_output=True, text=True, check=True
    )
    entries = _lines(done.stderr)
    assert entries and all(KEYS <= set(e) for e in entries)
    assert any(e["logger"].startswith("alembic") for e in entries)


def test_served_workers_log_json_lines_with_the_request_id(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    argv = [sys.executable, "-m", "server_stub", "serve", "--host", "127.0.0.1"]
    argv += ["--port", str(port), "--workers", "2", "--log-level", "info"]
    argv += ["--database-url", f"sqlite:///{tmp_path / 'c.db'}"]
    env = {**os.environ, ENV_LOG_FORMAT: "json"}
    with log.open("wb") as sink:
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        with httpx.Client(timeout=2) as client:
            while True:
                assert proc.poll() is None, log.read_text()
                try:
                    if client.get(f"{base}/readyz").status_code == 200:
                        break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)  # waiting for the port to open; no event to wait on
            given = client.get(f"{base}/healthz", headers={"X-Request-ID": "till-7-abc"})
            made = client.get(f"{base}/healthz")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert given.headers["x-request-id"] == "till-7-abc"
    assert len(made.headers["x-request-id"]) == 32
    entries = _lines(log.read_text())
    assert all(KEYS <= set(e) for e in entries)
    access = [e for e in entries if e["logger"] == "uvicorn.access" and e["path"] == "/healthz"]
    assert {e["request_id"] for e in access} == {"till-7-abc", made.headers["x-request-id"]}
    assert all(e["status"] == 200 and e["method"] == "GET" for e in access)
    assert any(e["logger"] == "uvicorn.error" and "Started" in e["message"] for e in entries)


def test_a_refused_command_and_an_uncaught_error_are_json_lines_too(tmp_path: Path) -> None:
    base = [sys.executable, "-m", "server_stub", "--log-format", "json"]
    refused = subprocess.run(
        [*base, "admin", "restore", "--database-url", f"sqlite:///{tmp_path / 'n.db'}", "nope"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1
    [entry] = _lines(refused.stderr)
    assert entry["level"] == "ERROR" and entry["message"].startswith("restore.no_file: ")
    crashed = subprocess.run(
        [*base, "db", "upgrade", "--database-url", "sqlite:////proc/nowhere/c.db"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert crashed.returncode != 0
    entries = _lines(crashed.stderr)
    assert entries[-1]["level"] == "CRITICAL"
    assert "Traceback" in entries[-1]["exception"]
