"""First start on an empty machine: the pairing dialog instead of an exit, the store, staff and
catalog pulled from a real ``pos-server`` while the dialog shows progress, then the login screen
with the cloud's staff. Each refusal (wrong code, nothing listening, an untrusted certificate)
has its own message and leaves the dialog ready to try again."""

from __future__ import annotations

import os
import sqlite3
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trustme
from PySide6.QtWidgets import QApplication

from pos_desktop.config import TillConfig
from pos_desktop.paths import AppPaths
from pos_desktop.startup import EXIT_NOT_STARTED, Startup, start_gui
from pos_desktop.sync.pairing_link import build_pairing_link
from pos_desktop.sync.status import SyncState
from pos_desktop.ui.i18n import install_translator
from pos_desktop.ui.pairing_dialog import PairingDialog
from server_stub import staff as cloud_staff
from tests.sync.cloud import ROOT, CloudServer, Tenant, free_port, make_tenant, open_cloud_db
from tests.sync.conftest import BACKENDS, MemoryKeyring
from tests.sync.till import FAST_SYNC, till_paths

PAIR_TIMEOUT_MS = 60_000


@pytest.fixture
def empty_home(tmp_path: Path) -> AppPaths:
    return till_paths(tmp_path / "till")


@pytest.fixture
def start(
    qtbot, empty_home: AppPaths, memory_keyring: MemoryKeyring
) -> Iterator[Callable[..., Startup]]:
    """``start_gui`` on the empty home; everything it opened is closed at teardown."""
    made: list[Startup] = []

    def begin(language: str = "en") -> Startup:
        config = TillConfig(language=language, idle_lock_minutes=0, sync=FAST_SYNC)
        startup = start_gui(empty_home, config)
        made.append(startup)
        return startup

    yield begin
    for startup in made:
        if startup.gui is not None:
            worker = startup.gui.worker
            # The app's own receipt warm-up timer must not outlive the test.
            qtbot.waitUntil(lambda w=worker: w.pending == 0, timeout=20_000)
        startup.close()
        install_translator(startup.app, "en")


def _dialog(startup: Startup) -> PairingDialog:
    assert startup.gui is None, "no till before the store has arrived"
    assert startup.exit_code is None
    dialog = startup.pairing
    assert dialog is not None and dialog.isVisible() and dialog.first_start
    return dialog


def _pair(qtbot, dialog: PairingDialog, server: str, code: str) -> None:
    dialog.link.clear()
    dialog.server.setText(server)
    dialog.code.setText(code)
    dialog.pair_button.click()
    assert dialog.busy
    qtbot.waitUntil(lambda: not dialog.busy, timeout=PAIR_TIMEOUT_MS)


def _local_count(paths: AppPaths, table: str) -> int:
    conn = sqlite3.connect(paths.database)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _add_cloud_staff(tenant: Tenant, name: str, role: str, pin: str) -> None:
    with tenant.db.write() as session:
        cloud_staff.create_member(
            session,
            tenant.org_id,
            cloud_staff.StaffIn(name=name, role=role, stores=[tenant.store_code], pin=pin),
            datetime.now(UTC),
        )
        session.commit()


@pytest.mark.parametrize("cloud_database_url", BACKENDS, indirect=True)
def test_an_empty_till_opens_the_pairing_dialog_and_continues_into_the_cloud_store(
    qtbot,
    start: Callable[..., Startup],
    empty_home: AppPaths,
    cloud: CloudServer,
    tenant: Tenant,
) -> None:
    """On SQLite, and on PostgreSQL when one answers."""
    _add_cloud_staff(tenant, "Sari Kasir", "cashier", "4321")
    startup = start()
    dialog = _dialog(startup)
    assert dialog.close_button.text() == "Quit", "an empty till has nothing to sell yet"
    steps: list[object] = []
    dialog.stepped.connect(steps.append)
    with qtbot.waitSignal(dialog.paired, timeout=PAIR_TIMEOUT_MS):
        dialog.server.setText(cloud.url)
        dialog.code.setText(tenant.enrollment_code())
        dialog.pair_button.click()
    assert steps, "the dialog shows the pull's progress"
    received = dialog.received
    assert received is not None and received.complete
    assert received.products == _local_count(empty_home, "products") > 500
    assert "Toko Sync" in dialog.message.text() and not dialog.message.is_error
    # The rest of the till is built now, behind the dialog's summary.
    gui = startup.gui
    assert gui is not None
    login = gui.window.login
    assert login.store_label.text() == "Toko Sync"
    assert gui.window.context.profile.store_code == "S01"
    assert gui.window.context.profile.till_code == "T01"
    qtbot.waitUntil(lambda: any(m.name == "Sari Kasir" for m in login.staff), timeout=10_000)
    assert received.staff >= 1
    assert gui.sync is not None
    qtbot.waitUntil(
        lambda: gui.sync is not None and gui.sync.panel.widget.status.state is SyncState.ONLINE,
        timeout=PAIR_TIMEOUT_MS,
    )
    dialog.close_button.click()
    assert startup.exit_code is None, "closing the summary does not stop the till"
    assert gui.window.isVisible()


def test_a_pasted_pairing_link_fills_the_address_and_code(
    qtbot, start: Callable[..., Startup], cloud: CloudServer, tenant: Tenant
) -> None:
    startup = start()
    dialog = _dialog(startup)
    code = tenant.enrollment_code(till_code="T02")
    for typed in ("p", "pos-pair:?server=nonsense"):
        dialog.link.setText(typed)
        assert not dialog.message.is_error, "quiet while a scanner is still typing"
    dialog.pair_button.click()
    assert dialog.message.code == "pairing.bad_link" and not dialog.busy
    dialog.link.setText(build_pairing_link(cloud.url, code, "T02"))
    assert dialog.server.text() == cloud.url
    assert dialog.code.text() == code
    assert dialog.till_code.text() == "T02"
    assert not dialog.message.is_error
    with qtbot.waitSignal(dialog.paired, timeout=PAIR_TIMEOUT_MS):
        dialog.pair_button.click()
    assert startup.gui is not None
    assert startup.gui.window.context.profile.till_code == "T02"


def test_a_link_pasted_into_the_address_field_is_read_as_a_link(
    qtbot, start: Callable[..., Startup], cloud: CloudServer, tenant: Tenant
) -> None:
    startup = start()
    dialog = _dialog(startup)
    dialog.server.setText(build_pairing_link(cloud.url, tenant.enrollment_code()))
    with qtbot.waitSignal(dialog.paired, timeout=PAIR_TIMEOUT_MS):
        dialog.pair_button.click()
    assert startup.gui is not None


def test_a_wrong_code_then_a_closed_port_each_say_so_and_a_retry_pairs(
    qtbot, start: Callable[..., Startup], cloud: CloudServer, tenant: Tenant
) -> None:
    startup = start()
    dialog = _dialog(startup)
    _pair(qtbot, dialog, cloud.url, "ZZZZ-ZZZZ")
    assert dialog.message.code == "sync.enrollment_refused"
    assert "enrollment code" in dialog.message.text()
    assert dialog.pair_button.isEnabled() and dialog.pair_button.text() == "Try again"
    assert startup.gui is None

    closed = f"http://127.0.0.1:{free_port()}"
    _pair(qtbot, dialog, closed, tenant.enrollment_code())
    assert dialog.message.code == "sync.server_unreachable"
    assert closed in dialog.message.text() and "Traceback" not in dialog.message.text()
    assert startup.gui is None

    with qtbot.waitSignal(dialog.paired, timeout=PAIR_TIMEOUT_MS):
        dialog.server.setText(cloud.url)
        dialog.pair_button.click()
    assert startup.gui is not None


def test_an_untrusted_certificate_is_named_as_such(
    qtbot, start: Callable[..., Startup], tmp_path: Path
) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    pem = tmp_path / "server.pem"
    cert.private_key_and_cert_chain_pem.write_to_path(str(pem))
    url = f"sqlite:///{tmp_path / 'tls.db'}"
    db = open_cloud_db(url)
    server = CloudServer(url, tmp_path, tls=(pem, pem))
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server.start(verify=ssl.create_default_context(cafile=str(ca_file)))
    try:
        code = make_tenant(db).enrollment_code()
        startup = start()
        dialog = _dialog(startup)
        _pair(qtbot, dialog, server.url, code)
        assert dialog.message.code == "sync.certificate_untrusted"
        assert "certificate" in dialog.message.text() and "ca_bundle" in dialog.message.text()
        assert dialog.pair_button.isEnabled() and dialog.pair_button.text() == "Try again"
        assert startup.gui is None
    finally:
        server.stop()
        db.dispose()


def test_quitting_the_first_start_dialog_ends_the_till_and_frees_its_data(
    qtbot, start: Callable[..., Startup], empty_home: AppPaths
) -> None:
    startup = start()
    dialog = _dialog(startup)
    dialog.close_button.click()
    assert startup.exit_code == EXIT_NOT_STARTED
    assert startup.gui is None and startup.lock is None and startup.store is None
    # The data folder is free for the next start.
    again = start()
    assert again.pairing is not None and again.exit_code is None


@pytest.mark.usefixtures("qapp")
def test_the_messages_read_in_indonesian(
    qtbot, start: Callable[..., Startup], cloud: CloudServer
) -> None:
    """Needs the Indonesian of this part's new sentences (merged from the i18n tsv)."""
    startup = start("id")
    dialog = _dialog(startup)
    assert dialog.close_button.text() == "Keluar"
    _pair(qtbot, dialog, cloud.url, "ZZZZ-ZZZZ")
    assert dialog.message.code == "sync.enrollment_refused"
    assert "kode pendaftaran" in dialog.message.text()
    assert dialog.pair_button.text() == "Coba lagi"
    assert QApplication.instance() is startup.app


def test_the_till_command_on_an_empty_home_waits_in_the_pairing_dialog(tmp_path: Path) -> None:
    """Before: ``store.not_configured`` on stderr and exit 3. Now the process stays up."""
    home = tmp_path / "till"
    log = home / "logs" / "pos-desktop.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_desktop"],
        cwd=ROOT,
        env=dict(os.environ, POS_DESKTOP_HOME=str(home), QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if log.exists() and "pairing first" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.05)  # waiting for the child's log line; there is no event to wait on
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert "pairing first" in log.read_text(encoding="utf-8")
        assert "store.not_configured" not in log.read_text(encoding="utf-8")
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_a_pull_cut_short_still_starts_the_till_and_says_so(
    qtbot,
    start: Callable[..., Startup],
    cloud: CloudServer,
    tenant: Tenant,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pos_desktop.sync import pairing
    from pos_desktop.sync.client import Unreachable

    def cut(*_args: object, **_kwargs: object) -> None:
        raise Unreachable("GET /v1/sync/catalog: ReadError: connection reset")

    monkeypatch.setattr(pairing.SyncEngine, "pull_catalog", cut)
    startup = start()
    dialog = _dialog(startup)
    with qtbot.waitSignal(dialog.paired, timeout=PAIR_TIMEOUT_MS):
        dialog.server.setText(cloud.url)
        dialog.code.setText(tenant.enrollment_code())
        dialog.pair_button.click()
    assert dialog.received is not None and not dialog.received.complete
    assert dialog.received.problem is not None
    assert dialog.received.problem.code == "sync.server_unreachable"
    assert "in the background" in dialog.message.text()
    assert startup.gui is not None, "paired is paired: the sync worker finishes the pull"
