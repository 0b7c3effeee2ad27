"""The commands: ``pos-server release ...`` makes and publishes the repository the till reads,
``pos-desktop update ...`` sets an install folder up and shows its state."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pos_desktop import cli as till_cli
from server_stub import cli as server_cli
from tests.updates.conftest import PLATFORM, build_release, install_fake


def release(*args: str) -> int:
    return server_cli.main(["release", *args])


def test_release_commands_make_a_repository_with_keys_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, offline, online = tmp_path / "repo", tmp_path / "usb", tmp_path / "server-keys"
    keys = ["--offline-keys", str(offline), "--online-keys", str(online)]
    assert release("init-repo", "--repo", str(repo), *keys) == 0
    assert sorted(p.name for p in offline.iterdir()) == ["root.pem", "targets.pem"]
    assert sorted(p.name for p in online.iterdir()) == ["snapshot.pem", "timestamp.pem"]
    assert stat.S_IMODE((offline / "root.pem").stat().st_mode) == 0o600
    assert not any(p.suffix == ".pem" for p in repo.rglob("*"))  # nothing secret is served
    root = json.loads((repo / "metadata" / "root.json").read_text())
    assert root["signed"]["consistent_snapshot"] is True
    assert release("init-repo", "--repo", str(repo), *keys) == 1  # never replaces keys

    archive = build_release(tmp_path / "builds", "0.2.0")
    publish = ["publish", "--repo", str(repo), *keys, "--platform", PLATFORM]
    assert release(*publish, str(archive), "0.2.0") == 0
    assert release(*publish, str(archive), "0.1.9") == 1  # not older than the latest
    assert "already has 0.2.0" in capsys.readouterr().err
    assert release("refresh-timestamp", "--repo", str(repo), "--online-keys", str(online)) == 0
    capsys.readouterr()
    assert release("show", "--repo", str(repo)) == 0
    assert capsys.readouterr().out.split() == ["stable", PLATFORM, "0.2.0"]
    stamp = json.loads((repo / "metadata" / "timestamp.json").read_text())
    assert stamp["signed"]["version"] == 3


def test_publishing_needs_the_offline_targets_key(tmp_path: Path) -> None:
    repo, offline, online = tmp_path / "repo", tmp_path / "usb", tmp_path / "server-keys"
    keys = ["--offline-keys", str(offline), "--online-keys", str(online)]
    assert release("init-repo", "--repo", str(repo), *keys) == 0
    (offline / "targets.pem").unlink()  # the USB stick is not plugged in
    archive = build_release(tmp_path / "builds", "0.2.0")
    assert (
        release(
            "publish", "--repo", str(repo), *keys, "--platform", PLATFORM, str(archive), "0.2.0"
        )
        == 1
    )


def test_offline_keys_are_encrypted_with_the_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POS_RELEASE_PASSPHRASE", "kunci rahasia toko")
    keys = ["--offline-keys", str(tmp_path / "usb"), "--online-keys", str(tmp_path / "on")]
    assert release("init-repo", "--repo", str(tmp_path / "repo"), *keys) == 0
    assert b"ENCRYPTED" in (tmp_path / "usb" / "targets.pem").read_bytes()
    assert b"ENCRYPTED" not in (tmp_path / "on" / "timestamp.pem").read_bytes()
    archive = build_release(tmp_path / "builds", "0.2.0")
    publish = ["publish", "--repo", str(tmp_path / "repo"), *keys, "--platform", PLATFORM]
    monkeypatch.setenv("POS_RELEASE_PASSPHRASE", "salah")
    assert release(*publish, str(archive), "0.2.0") == 1
    monkeypatch.setenv("POS_RELEASE_PASSPHRASE", "kunci rahasia toko")
    assert release(*publish, str(archive), "0.2.0") == 0


def test_the_till_command_writes_the_launcher_and_shows_the_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POS_DESKTOP_HOME", str(tmp_path / "home"))
    root = tmp_path / "opt"
    assert till_cli.main(["update", "install-launcher", str(root)]) == 0
    assert os.access(root / "pos-desktop", os.X_OK)
    layout = install_fake(root, "0.1.0")
    layout.refuse_version("0.1.5")
    capsys.readouterr()
    monkeypatch.setenv("POS_DESKTOP_INSTALL_ROOT", str(root))
    assert till_cli.main(["update", "status"]) == 0
    out = capsys.readouterr().out
    assert "current:  0.1.0" in out and "refused:  0.1.5" in out
