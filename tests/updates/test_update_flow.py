"""From one built version to the next: published, verified, staged, applied after the shift."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pos_desktop.updates.status import UpdateState
from tests.updates.conftest import Repo, install_fake
from tests.updates.helpers import till_for


def launch(root: Path) -> list[str]:
    """Start the till through its launcher as the desktop session does; the versions started."""
    subprocess.run([str(root / "pos-desktop")], cwd=root, timeout=30, check=False)
    log = root / "starts.log"
    return log.read_text().split() if log.exists() else []


def test_an_update_waits_for_the_shift_to_close_then_starts_next_time(
    repo: Repo, tmp_path: Path
) -> None:
    layout = install_fake(tmp_path / "opt", "0.1.0")
    repo.publish("0.2.0")
    till = till_for(repo, layout)
    till.shift_open = True

    status = till.task.maybe_run()
    assert (status.state, status.version) == (UpdateState.READY, "0.2.0")
    assert layout.current_version() == "0.1.0"  # never in the middle of a shift
    assert till.backups == [] and layout.pending() is None
    assert till.task.maybe_run().state is UpdateState.READY  # still waiting, nothing applied

    till.shift_open = False
    status = till.task.maybe_run()
    assert (status.state, status.version) == (UpdateState.INSTALLED, "0.2.0")
    assert till.backups == ["update-0.2.0"]  # the database first
    assert layout.current_version() == "0.2.0"
    assert layout.version_of(layout.previous) == "0.1.0"  # kept for a rollback
    pending = layout.pending()
    assert pending is not None and (pending.version, pending.previous) == ("0.2.0", "0.1.0")
    assert (layout.versions / "0.2.0" / "VERSION").read_text().strip() == "0.2.0"
    assert [s.state for s in till.statuses] == [UpdateState.READY, UpdateState.INSTALLED]

    assert launch(layout.root) == ["0.2.0"]  # the next start runs the new version
    assert layout.pending() is None  # which reached its login screen and confirmed
    assert launch(layout.root) == ["0.2.0", "0.2.0"]


def test_nothing_newer_leaves_the_till_alone(repo: Repo, tmp_path: Path) -> None:
    layout = install_fake(tmp_path / "opt", "0.2.0")
    repo.publish("0.2.0")
    till = till_for(repo, layout, running="0.2.0")
    assert till.task.maybe_run().state is UpdateState.IDLE
    assert till.statuses == [] and till.task.staged() is None


def test_a_beta_release_reaches_only_tills_on_the_beta_channel(repo: Repo, tmp_path: Path) -> None:
    repo.publish("0.3.0", channel="beta")
    stable = till_for(repo, install_fake(tmp_path / "a", "0.1.0"))
    assert stable.task.maybe_run().state is UpdateState.IDLE
    layout = install_fake(tmp_path / "b", "0.1.0")
    layout.settings_file.write_text('{"channel": "beta"}')
    beta = till_for(repo, layout)
    assert beta.task.maybe_run().version == "0.3.0"
