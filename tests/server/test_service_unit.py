"""packaging/server: the systemd units are valid, hardened, and their commands are ``pos-server``'s.

``systemd-analyze verify`` checks the units as systemd would load them (warnings count as
failures: systemd ignores a line it cannot parse, which would silently drop a protection), and
``systemd-analyze security --offline`` scores their sandbox. The ``Exec*`` lines, with the
example environment file's values put in the way systemd does, are parsed by the real CLI, and
``db upgrade`` actually runs.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from server_stub import cli
from tests.server_process import ROOT

UNITS = ROOT / "packaging" / "server"
INSTALLED_BIN = "/opt/pos-server/venv/bin/pos-server"
SERVICES = ("pos-server.service", "pos-server-backup.service", "pos-server-deliver.service")


def settings(path: Path) -> dict[str, list[str]]:
    """``Key=value`` lines of a unit (or of the env file), every value of a repeated key."""
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith(("#", ";", "[")):
            continue
        key, _, value = line.partition("=")
        found.setdefault(key.strip(), []).append(value.strip())
    return found


def expand(command: str, env: dict[str, str]) -> list[str]:
    """An ``Exec*`` line as systemd runs it: ``${VAR}`` is one word, the binary is ours."""
    words = shlex.split(command)
    assert words[0] == INSTALLED_BIN, words
    out = []
    for word in words[1:]:
        match = re.fullmatch(r"\$\{(\w+)\}", word)
        out.append(env[match.group(1)] if match else word)
    return out


def example_env() -> dict[str, str]:
    return {key: values[-1] for key, values in settings(UNITS / "env.example").items()}


def _systemd_analyze() -> str:
    path = shutil.which("systemd-analyze")
    if path is None:
        pytest.skip("systemd-analyze is not installed (apt: systemd)")
    return path


def _copies(tmp_path: Path, edit: tuple[str, str] | None = None) -> list[Path]:
    """The units with the venv's pos-server in place of /opt's (verify wants it to exist)."""
    here = str(ROOT / ".venv" / "bin" / "pos-server")
    copies = []
    for name in (*SERVICES, "pos-server-backup.timer"):
        text = (UNITS / name).read_text(encoding="utf-8").replace(INSTALLED_BIN, here)
        if edit is not None:
            text = text.replace(*edit)
        (tmp_path / name).write_text(text, encoding="utf-8")
        copies.append(tmp_path / name)
    return copies


def verify(tmp_path: Path, edit: tuple[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    tool = _systemd_analyze()
    units = [str(p) for p in _copies(tmp_path, edit)]
    return subprocess.run(
        [tool, "verify", "--man=no", *units],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )


def test_systemd_accepts_the_units_without_a_warning(tmp_path: Path) -> None:
    done = verify(tmp_path)
    assert (done.returncode, done.stderr.strip()) == (0, "")


def test_a_line_systemd_cannot_parse_fails_the_check(tmp_path: Path) -> None:
    done = verify(tmp_path, ("ProtectSystem=strict", "ProtectSystem=stric"))
    assert "protect system value" in done.stderr


def test_the_sandbox_scores_ok(tmp_path: Path) -> None:
    tool = _systemd_analyze()
    [service, *_] = _copies(tmp_path)
    done = subprocess.run(
        [tool, "security", "--offline=yes", "--threshold=20", str(service)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize("name", SERVICES)
def test_the_services_are_confined_to_their_user_and_folders(name: str) -> None:
    unit = settings(UNITS / name)
    expected = {
        "User": ["pos-server"],
        "EnvironmentFile": ["/etc/pos-server/env"],
        "ProtectSystem": ["strict"],
        "ProtectHome": ["yes"],
        "PrivateTmp": ["yes"],
        "NoNewPrivileges": ["yes"],
        "CapabilityBoundingSet": [""],
    }
    assert {key: unit.get(key) for key in expected} == expected
    assert "/var/lib/pos-server" in unit["ReadWritePaths"][0].split()


def test_the_api_restarts_on_failure_and_migrates_before_it_starts() -> None:
    unit = settings(UNITS / "pos-server.service")
    assert unit["Restart"] == ["on-failure"]
    env = example_env()
    [pre] = unit["ExecStartPre"]
    assert expand(pre, env)[:2] == ["db", "upgrade"]
    [start] = unit["ExecStart"]
    args = cli.build_parser().parse_args(expand(start, env))
    assert args.func is cli.cmd_serve
    assert args.no_migrate, "ExecStartPre migrated already"
    assert (args.host, args.port, args.workers) == ("127.0.0.1", 8000, 2)
    assert args.forwarded_allow_ips == "127.0.0.1"


def test_the_delivery_service_runs_deliver_and_never_migrates() -> None:
    unit = settings(UNITS / "pos-server-deliver.service")
    assert unit["Restart"] == ["on-failure"] and "ExecStartPre" not in unit
    [start] = unit["ExecStart"]
    args = cli.build_parser().parse_args(expand(start, example_env()))
    assert args.func is cli.cmd_deliver and args.no_migrate


def test_the_pre_start_step_runs(tmp_path: Path) -> None:
    [pre] = settings(UNITS / "pos-server.service")["ExecStartPre"]
    url = f"sqlite:///{tmp_path / 'pos-server.db'}"
    assert cli.main([*expand(pre, example_env()), "--database-url", url]) == 0
    assert (tmp_path / "pos-server.db").exists()


def test_the_backup_service_backs_up_into_its_writable_folder(tmp_path: Path) -> None:
    unit = settings(UNITS / "pos-server-backup.service")
    [start] = unit["ExecStart"]
    argv = expand(start, example_env())
    args = cli.build_parser().parse_args(argv)
    assert args.func is cli.cmd_backup
    assert args.out in unit["ReadWritePaths"][0].split()
    assert args.keep == 14
    timer = settings(UNITS / "pos-server-backup.timer")
    assert timer["Persistent"] == ["yes"] and timer["OnCalendar"]
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert cli.main(["db", "upgrade", "--database-url", url]) == 0
    argv[argv.index("--out") + 1] = str(tmp_path / "backups")
    assert cli.main([*argv, "--database-url", url]) == 0
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_the_example_env_names_every_variable_the_units_use() -> None:
    env = example_env()
    used = set()
    for name in SERVICES:
        used |= set(re.findall(r"\$\{(\w+)\}", (UNITS / name).read_text(encoding="utf-8")))
    assert used <= set(env), used - set(env)
    assert env["POS_SERVER_DATABASE_URL"].startswith("sqlite:////var/lib/pos-server/")


def test_an_empty_proxy_setting_trusts_no_forwarded_headers() -> None:
    """The one-shop layout leaves POS_SERVER_FORWARDED_ALLOW_IPS empty: systemd then passes one
    empty argument, which must parse and switch the forwarded headers off."""
    [start] = settings(UNITS / "pos-server.service")["ExecStart"]
    env = {**example_env(), "POS_SERVER_FORWARDED_ALLOW_IPS": ""}
    args = cli.build_parser().parse_args(expand(start, env))
    assert args.forwarded_allow_ips == ""
    assert not args.forwarded_allow_ips  # cmd_serve: proxy_headers=bool(...)
