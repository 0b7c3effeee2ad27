"""What ``make run`` and ``make test`` install, read from ``make -n`` (nothing is run)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def dry_run(target: str, venv: Path) -> str:
    result = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def pip_installs(text: str) -> list[str]:
    return [line for line in text.splitlines() if "pip install" in line and "-e" in line]


def stamp(venv: Path, name: str) -> None:
    """An install that happened after the last change of the project's requirements."""
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    (venv / "bin" / "python").touch()
    newest = max((ROOT / f).stat().st_mtime for f in ("pyproject.toml", "setup.py"))
    path = venv / name
    path.touch()
    os.utime(path, (newest + 10, newest + 10))


def test_make_run_installs_only_what_the_till_and_cloud_need(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    installs = pip_installs(dry_run("run", venv))
    assert installs == [f"{venv}/bin/python -m pip install --quiet -e '.[till,cloud]'"]


def test_make_test_installs_the_dev_extras_even_after_make_run(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    assert any(".[dev]" in line for line in pip_installs(dry_run("test", venv)))
    stamp(venv, ".installed-run")
    assert pip_installs(dry_run("run", venv)) == []
    assert [line for line in pip_installs(dry_run("test", venv)) if ".[dev]" in line]
    # After the dev install neither target installs again; `make dist` still adds PyInstaller.
    stamp(venv, ".installed-dev")
    assert pip_installs(dry_run("test", venv)) == []
    assert pip_installs(dry_run("run", venv)) == []
    assert [line for line in pip_installs(dry_run("dist", venv)) if ".[dist]" in line]


def test_make_test_finds_a_local_postgresql_when_none_is_named() -> None:
    from tests.conftest import PG_ENV, default_pg_url

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        address = listener.getsockname()
        assert (
            default_pg_url({}, address, "postgresql+psycopg://here") == "postgresql+psycopg://here"
        )
        # A URL given by the caller (CI, a developer) is never replaced.
        assert default_pg_url({PG_ENV: "postgresql+psycopg://there"}, address) is None
    # Nothing listening any more: the variable stays unset and the PostgreSQL tests skip.
    assert default_pg_url({}, address) is None
