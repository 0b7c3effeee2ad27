"""The running till and signed updates, end to end: started through the launcher layout, it
confirms its own pending start at the login screen, and its sync thread installs a newer
release from a local TUF repository because no shift is open (issue 14)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pos_desktop import __version__
from pos_desktop.config import TillConfig
from pos_desktop.paths import AppPaths
from pos_desktop.sync import runtime
from pos_desktop.updates.layout import PendingStart
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.till import FAST_SYNC, MemoryStore, pair
from tests.updates.conftest import Repo, install_fake
from tests.updates.conftest import repo as repo  # the local TUF repository fixture


def test_a_running_till_confirms_its_start_and_installs_a_newer_release(
    cloud: CloudServer,
    tenant: Tenant,
    till_home: AppPaths,
    secrets: MemoryStore,
    repo: Repo,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pos_desktop.app import build_gui
    from pos_desktop.ui.update_status import UpdateStatusLabel

    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    original = runtime.start_sync
    monkeypatch.setattr(
        runtime, "start_sync", lambda *a, **k: original(*a, **{**k, "store": secrets})
    )
    layout = install_fake(tmp_path / "opt", __version__)
    layout.write_pending(PendingStart(__version__, "0.0.1", attempts=1))
    shutil.copyfile(repo.folder / "metadata" / "root.json", layout.trusted_root)
    layout.settings_file.write_text(json.dumps({"url": repo.url}))
    monkeypatch.setenv("POS_DESKTOP_INSTALL_ROOT", str(layout.root))
    repo.publish("99.0.0")

    gui = build_gui(till_home, TillConfig(idle_lock_minutes=0, sync=FAST_SYNC))
    try:
        label = gui.window.findChild(UpdateStatusLabel)
        assert label is not None
        qtbot.waitUntil(lambda: layout.current_version() == "99.0.0", timeout=30_000)
        qtbot.waitUntil(lambda: "99.0.0" in label.text(), timeout=10_000)
        assert layout.version_of(layout.previous) == __version__
        pending = layout.pending()
        assert pending is not None and pending.version == "99.0.0"
        assert pending.schema and Path(pending.backup).exists()
        # The switch came after the login screen confirmed this start: a switch is refused
        # while another start is pending.
    finally:
        gui.close()
