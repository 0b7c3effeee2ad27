"""The .deb installs the install folder of signed updates (pos_desktop/updates/layout.py).

The package's own files are the launchers and ``versions/<packaged>/``; ``current``,
``previous``, ``state/`` and the versions the till applies itself are outside dpkg's file list,
made writable by the pos-till group. Installed with dpkg into a scratch root as in
``test_deb.py``; the last tests drive the real update task against a local TUF repository
(tests/updates) and start what it applied through the packaged launcher.

In a scratch root the package's absolute links (``/usr/bin/pos-desktop``, the install folder's
``trusted-root.json`` -> ``/etc/pos-desktop/...``) would resolve against this machine, so the
tests follow them inside the scratch root themselves.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pos_desktop.updates.launcher import CLI_LAUNCHER, LAUNCHER
from pos_desktop.updates.layout import InstallLayout, PendingStart
from pos_desktop.updates.source import UpdateSource
from pos_desktop.updates.status import UpdateState, UpdateStatus
from pos_desktop.updates.task import UpdateTask
from tests.app.test_deb import (
    TILL_GID,
    Built,
    Scratch,
    build,
    built,  # noqa: F401 - the module's package (0.2.0, no trusted root)
    control,
    fake_app,
    installed,  # noqa: F401 - that package installed into a scratch root
    listing,
    run,
    scratch,  # noqa: F401 - an empty dpkg root
    script_copy,
)
from tests.updates.conftest import PLATFORM, Repo, repo  # noqa: F401 - the TUF repository

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg") is None, reason="dpkg installs the package (Debian/Ubuntu only)"
)

NOBODY = 65534
"""A till account's uid in the test that acts as one: no rights but its group, pos-till."""
WRITABLE = ("", "versions", "state", "state/tuf-metadata", "state/staging")


def folder(where: Scratch) -> InstallLayout:
    return InstallLayout(where.root / "opt/pos-desktop")


def inside(where: Scratch, link: Path) -> Path:
    """Where an absolute link of the package points on the till: inside the scratch root."""
    return where.root / os.readlink(link).lstrip("/")


def launch(where: Scratch, tmp_path: Path, name: str = "pos-desktop") -> str:
    """Start ``/usr/bin/<name>`` as the menu and autostart do (through a link, followed)."""
    link = tmp_path / "bin" / name
    link.parent.mkdir(exist_ok=True)
    if not link.is_symlink():
        link.symlink_to(inside(where, where.root / "usr/bin" / name))
    started = run(link, "--now")
    assert started.returncode == 0, started.stderr
    return started.stdout


def self_applied(layout: InstallLayout, tmp_path: Path, version: str) -> None:
    """What ``apply.apply_staged`` leaves: ``versions/<v>``, ``previous``, ``pending-start``."""
    app = fake_app(tmp_path / f"release-{version}", version)
    os.rename(app, layout.versions / version)
    running = layout.current_version()
    assert running is not None
    layout.write_pending(PendingStart(version, running))
    layout.point(layout.previous, running)
    layout.point(layout.current, version)


def deb_of(base: Built, tmp_path: Path, version: str) -> Path:
    app = fake_app(tmp_path / f"app-{version}", version)
    deb: Path = build.build_deb(app, base.assets, tmp_path / "out", control(version), "gzip")
    return deb


def verified(where: Scratch) -> None:
    """dpkg's own files are as shipped: what the updater adds is none of dpkg's business."""
    verify = where.dpkg("--verify", "pos-desktop")
    assert verify.returncode == 0 and not verify.stdout, verify.stdout


def test_the_package_installs_the_updaters_layout(
    built: Built,  # noqa: F811
    installed: Scratch,  # noqa: F811
    tmp_path: Path,
) -> None:
    layout = folder(installed)
    assert (layout.root / "pos-desktop").read_text() == LAUNCHER  # written by launcher.py
    assert (layout.root / "pos-desktop-cli").read_text() == CLI_LAUNCHER
    assert os.readlink(layout.current) == "versions/0.2.0"
    assert not layout.previous.is_symlink() and layout.pending() is None
    for name in ("pos-desktop", "pos-desktop-cli"):
        assert os.readlink(installed.root / "usr/bin" / name) == f"/opt/pos-desktop/{name}"
    assert launch(installed, tmp_path) == (
        f"pos-desktop 0.2.0 --now\ninstall root {layout.root}\n"
    )  # /usr/bin/pos-desktop is the launcher, which names the install root for the updater
    assert launch(installed, tmp_path, "pos-desktop-cli").startswith("pos-desktop-cli 0.2.0 ")
    assert InstallLayout.from_environment({"POS_DESKTOP_INSTALL_ROOT": str(layout.root)})

    for name in ("trusted-root.json", "updates.json"):  # store IT's files, in /etc
        assert os.readlink(layout.root / name) == f"/etc/pos-desktop/{name}"
    assert not (installed.root / "etc/pos-desktop").exists()  # built without a trusted root
    for name in WRITABLE:
        info = (layout.root / name).stat()
        assert (oct(info.st_mode & 0o7777), info.st_gid) == (oct(0o2775), TILL_GID), name
    owned = installed.dpkg("--listfiles", "pos-desktop").stdout.splitlines()
    assert "/opt/pos-desktop/versions/0.2.0/pos-desktop" in owned
    assert not {"/opt/pos-desktop/current", "/opt/pos-desktop/state"} & set(owned)
    entries = listing(built.deb)
    assert entries["/opt/pos-desktop/versions/0.2.0/pos-desktop"][0] == "-rwxr-xr-x"


def test_a_version_the_till_updated_itself_to_outlives_a_reinstall_and_a_remove(
    built: Built,  # noqa: F811
    installed: Scratch,  # noqa: F811
    tmp_path: Path,
) -> None:
    layout = folder(installed)
    self_applied(layout, tmp_path, "0.3.0")
    again = installed.dpkg("-i", str(built.deb))
    assert again.returncode == 0, again.stderr
    assert "keeping 0.3.0, which this till updated itself to" in again.stdout
    assert layout.current_version() == "0.3.0"  # never a downgrade
    assert layout.version_of(layout.previous) == "0.2.0"
    pending = layout.pending()
    assert pending is not None and pending.version == "0.3.0"  # still to be confirmed
    verified(installed)

    removed = installed.dpkg("-r", "pos-desktop")
    assert removed.returncode == 0, removed.stderr
    assert (layout.versions / "0.3.0" / "pos-desktop").is_file()  # remove keeps the updater's
    assert layout.current_version() == "0.3.0" and layout.metadata_cache.is_dir()
    back = installed.dpkg("-i", str(built.deb))
    assert back.returncode == 0, back.stderr
    assert launch(installed, tmp_path).startswith("pos-desktop 0.3.0 ")
    assert launch(installed, tmp_path, "pos-desktop-cli").startswith("pos-desktop-cli 0.3.0 ")

    purged = installed.dpkg("-P", "pos-desktop")
    assert purged.returncode == 0, purged.stderr
    assert not layout.root.exists()  # the applied versions, the links and state/ too


def test_a_newer_package_wins_over_an_older_self_applied_version(
    built: Built,  # noqa: F811
    installed: Scratch,  # noqa: F811
    tmp_path: Path,
) -> None:
    layout = folder(installed)
    self_applied(layout, tmp_path, "0.2.5")
    upgraded = installed.dpkg("-i", str(deb_of(built, tmp_path, "0.2.1")))
    assert upgraded.returncode == 0, upgraded.stderr
    assert layout.current_version() == "0.2.5"  # newer than 0.2.1: kept
    assert not (layout.versions / "0.2.0").exists()  # dpkg removed the old package's folder
    assert layout.version_of(layout.previous) == "0.2.1"  # not left naming it

    upgraded = installed.dpkg("-i", str(deb_of(built, tmp_path, "0.3.0")))
    assert upgraded.returncode == 0, upgraded.stderr
    assert layout.current_version() == "0.3.0"  # store IT's newer package
    assert layout.version_of(layout.previous) == "0.2.5"
    assert layout.pending() is None  # 0.2.5's unconfirmed switch must not roll 0.3.0 back
    assert not (layout.versions / "0.2.1").exists()
    assert launch(installed, tmp_path).startswith("pos-desktop 0.3.0 ")
    assert launch(installed, tmp_path).startswith("pos-desktop 0.3.0 ")
    assert launch(installed, tmp_path).startswith("pos-desktop 0.3.0 ")  # no rollback
    verified(installed)


def test_a_trusted_root_that_is_not_a_root_is_refused(built: Built, tmp_path: Path) -> None:  # noqa: F811
    app = fake_app(tmp_path / "app")
    wrong = tmp_path / "timestamp.json"
    wrong.write_text(json.dumps({"signed": {"_type": "timestamp"}}))
    with pytest.raises(build.BuildError, match="is 'timestamp' metadata; it must be"):
        build.build_deb(app, built.assets, tmp_path / "out", control(), "gzip", wrong)
    wrong.write_text("not json")
    with pytest.raises(build.BuildError, match="not readable as TUF metadata"):
        build.build_deb(app, built.assets, tmp_path / "out", control(), "gzip", wrong)


def task_for(layout: InstallLayout, source: UpdateSource | None, backups: list[str]) -> UpdateTask:
    """The sync thread's update step as wiring.update_task builds it, on the packaged till."""
    ticks = itertools.count(0, 1000)

    def backup(reason: str) -> Path:
        backups.append(reason)
        return layout.root / "state" / f"{reason}.db"

    return UpdateTask(
        layout,
        "0.2.0",
        lambda: source,
        platform=PLATFORM,
        shift_open=lambda: False,
        backup=backup,
        schema=lambda: None,
        monotonic=lambda: float(next(ticks)),
        interval_s=0.0,
    )


def test_the_update_task_applies_a_release_the_launcher_then_starts(
    built: Built,  # noqa: F811
    scratch: Scratch,  # noqa: F811
    repo: Repo,  # noqa: F811
    tmp_path: Path,
) -> None:
    root_json = repo.folder / "metadata" / "root.json"
    deb = build.build_deb(built.app, built.assets, tmp_path / "out", control(), "gzip", root_json)
    conffiles = run("dpkg-deb", "--info", deb, "conffiles").stdout.split()
    assert "/etc/pos-desktop/trusted-root.json" in conffiles
    result = scratch.dpkg("-i", str(deb), POS_DESKTOP_TILL_USERS="kasir")
    assert result.returncode == 0, result.stderr
    layout = folder(scratch)
    layout.trusted_root = inside(scratch, layout.trusted_root)
    assert layout.trusted_root.read_bytes() == root_json.read_bytes()

    repo.publish("0.3.0")
    backups: list[str] = []
    source = UpdateSource(repo.url, layout.trusted_root, layout.metadata_cache)
    task = task_for(layout, source, backups)
    assert task.maybe_run() == UpdateStatus(UpdateState.INSTALLED, "0.3.0")
    assert backups == ["update-0.3.0"]
    assert (layout.current_version(), layout.version_of(layout.previous)) == ("0.3.0", "0.2.0")
    assert (layout.versions / "0.3.0").stat().st_gid == TILL_GID  # setgid: pos-till's too
    verified(scratch)  # the release is outside dpkg's files

    assert launch(scratch, tmp_path) == ""  # the release's app logs its start instead
    assert (layout.root / "starts.log").read_text().split() == ["0.3.0"]
    assert layout.pending() is None  # it reached its "login screen" and confirmed

    purged = scratch.dpkg("-P", "pos-desktop")
    assert purged.returncode == 0, purged.stderr
    assert not layout.root.exists()
    assert not (scratch.root / "etc/pos-desktop").exists()


TILL_ACCOUNT_STEP = """
import itertools, sys
from pathlib import Path
from pos_desktop.updates.layout import InstallLayout
from pos_desktop.updates.source import UpdateSource
from pos_desktop.updates.task import UpdateTask

root, trusted, url, platform = sys.argv[1:]
layout = InstallLayout(Path(root))
layout.trusted_root = Path(trusted)
source = UpdateSource(url, layout.trusted_root, layout.metadata_cache)
ticks = itertools.count(0, 1000)
task = UpdateTask(
    layout, "0.2.0", lambda: source, platform=platform, shift_open=lambda: False,
    backup=lambda reason: layout.state / reason, schema=lambda: None,
    monotonic=lambda: float(next(ticks)), interval_s=0.0,
)
status = task.maybe_run()
print(status.state.value, status.version, status.problem)
"""


def test_a_till_account_that_is_not_root_installs_the_update(
    built: Built,  # noqa: F811
    scratch: Scratch,  # noqa: F811
    repo: Repo,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The group-writable folders are enough: the update step and the launcher run as another
    account whose only right to write is being in pos-till (``setpriv``). It keeps the right to
    read anything (CAP_DAC_READ_SEARCH), as the project's Python may live in root's home; every
    write is checked as for that account."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("acting as a till account needs root and setpriv (util-linux)")
    root_json = repo.folder / "metadata" / "root.json"
    deb = build.build_deb(built.app, built.assets, tmp_path / "out", control(), "gzip", root_json)
    assert scratch.dpkg("-i", str(deb)).returncode == 0
    layout = folder(scratch)
    trusted = inside(scratch, layout.trusted_root)
    repo.publish("0.3.0")
    as_till = [
        "setpriv",
        f"--reuid={NOBODY}",
        f"--regid={TILL_GID}",
        "--clear-groups",
        "--inh-caps=+dac_read_search",
        "--ambient-caps=+dac_read_search",
    ]
    args = (layout.root, trusted, repo.url, PLATFORM)
    step = run(*as_till, sys.executable, "-c", TILL_ACCOUNT_STEP, *args)
    assert step.stdout.split() == ["installed", "0.3.0", "None"], step.stderr
    assert layout.current_version() == "0.3.0"
    assert (layout.versions / "0.3.0").stat().st_uid == NOBODY
    link = tmp_path / "pos-desktop"
    link.symlink_to(inside(scratch, scratch.root / "usr/bin/pos-desktop"))
    started = run(*as_till, link)
    assert started.returncode == 0, started.stderr
    assert (layout.root / "starts.log").read_text().split() == ["0.3.0"]
    assert layout.pending() is None  # confirmed by the till account's start


def test_without_a_trusted_root_updates_are_off(
    installed: Scratch,  # noqa: F811
    repo: Repo,  # noqa: F811
    tmp_path: Path,
) -> None:
    layout = folder(installed)
    layout.trusted_root = inside(installed, layout.trusted_root)  # /etc/pos-desktop: none yet
    repo.publish("0.3.0")
    source = UpdateSource(repo.url, layout.trusted_root, layout.metadata_cache)
    task = task_for(layout, source, [])
    assert task.maybe_run() == UpdateStatus()  # not even a refusal on the status bar
    assert task.staged() is None and layout.current_version() == "0.2.0"
    assert not any(layout.metadata_cache.iterdir())  # the repository was never asked


@pytest.mark.parametrize("running", [True, False])
def test_postinst_reloads_udev_only_on_a_running_system(
    scratch: Scratch,  # noqa: F811
    tmp_path: Path,
    running: bool,
) -> None:
    tool = tmp_path / "till-user"
    tool.write_text('#!/bin/sh\necho "till-user $*" >> "$FAKE_CALLS"\n')
    tool.chmod(0o755)
    fakes = {
        "/usr/sbin/pos-desktop-till-user": str(tool),
        "APP=/opt/pos-desktop": f"APP={tmp_path}/opt",  # never this machine's /opt
        "echo pos-till": "id -g",  # a group this machine has
    }
    postinst = script_copy("postinst", tmp_path, **fakes)
    env = scratch.env(FAKE_UDEV_RUNNING="1" if running else "")
    env.pop("DPKG_ROOT", None)
    result = subprocess.run([postinst, "configure", "0.1.0"], env=env, capture_output=True)
    assert result.returncode == 0, result.stderr
    reload = [
        "udevadm control --reload-rules",
        "udevadm trigger --action=change --subsystem-match=tty --subsystem-match=usb "
        "--subsystem-match=usbmisc",
    ]
    ping = "udevadm control --ping"
    assert scratch.recorded() == ["till-user apply", ping, *(reload if running else [])]
