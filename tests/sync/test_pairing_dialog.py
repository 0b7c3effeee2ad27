"""The first-run pairing dialog: what ``pos-desktop enroll`` does, against a real ``pos-server``,
on a thread of its own, with the server's or the keyring's refusal shown in the dialog."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QTimer

from pos_desktop.app import Gui, OpenTill, build_gui
from pos_desktop.config import TillConfig
from pos_desktop.domain.permissions import Permission, PermissionTable, Role, TillPolicy
from pos_desktop.localdb import catalog_sync
from pos_desktop.localdb.permissions import SqlPermissionStore
from pos_desktop.localdb.transactions import read_session
from pos_desktop.paths import AppPaths
from pos_desktop.services.ports import StaffMember
from pos_desktop.sync.client import CloudClient
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.credentials import SERVICE
from pos_desktop.sync.status import SyncState
from pos_desktop.ui.i18n import install_translator
from pos_desktop.ui.pairing_dialog import PairingDialog
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.conftest import MemoryKeyring
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.till import FAST_SYNC, opened

ENROLL_TIMEOUT_MS = 30_000


@pytest.fixture
def gui(qtbot, till_home: AppPaths, memory_keyring: MemoryKeyring) -> Iterator[Gui]:
    gui = build_gui(till_home, TillConfig(language="en", idle_lock_minutes=0, sync=FAST_SYNC))
    warmed = qtbot.waitSignal(
        gui.worker.taskDone, timeout=20_000, check_params_cb=lambda t: t.label == "receipt warm-up"
    )
    try:
        yield gui
        warmed.wait()  # the app's own warm-up timer must not outlive the test
    finally:
        gui.close()
        install_translator(gui.app, "en")  # build_gui loaded the till's language


@pytest.fixture
def till(till_home: AppPaths) -> Iterator[OpenTill]:
    with opened(till_home) as open_till:
        yield open_till


@pytest.fixture
def make_dialog(qtbot, till_home: AppPaths, till: OpenTill) -> Iterator[Any]:
    """Dialogs over the open till's database; their pairing thread is stopped at teardown."""
    made: list[PairingDialog] = []

    def make(config: SyncConfig = FAST_SYNC) -> PairingDialog:
        dialog = PairingDialog(
            till_home,
            config,
            sessions=till.store.session_factory,
            config_file=till_home.config_file,
        )
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.shutdown()
        dialog.close()


def _fill_and_pair(qtbot, dialog: PairingDialog, server: str, code: str) -> None:
    dialog.server.setText(server)
    dialog.code.setText(code)
    dialog.pair_button.click()
    assert dialog.busy


def _pairing(till: OpenTill) -> catalog_sync.Pairing | None:
    with read_session(till.store.session_factory, "test") as session:
        return catalog_sync.load_pairing(session)


def test_first_start_offers_pairing_and_a_good_code_starts_sync_without_a_restart(
    qtbot, gui: Gui, cloud: CloudServer, tenant: Tenant, memory_keyring: MemoryKeyring
) -> None:
    assert gui.sync is not None and gui.sync.service is None
    assert gui.sync.panel.widget.status.state is SyncState.UNPAIRED
    assert gui.pairing is not None
    dialog = gui.pairing.dialog
    assert dialog is not None and dialog.isVisible(), "an unpaired till offers pairing at start"
    with qtbot.waitSignal(dialog.paired, timeout=ENROLL_TIMEOUT_MS) as paired:
        _fill_and_pair(qtbot, dialog, cloud.url, tenant.enrollment_code())
    result = paired.args[0]
    assert not dialog.message.is_error
    assert "T01" in dialog.message.text()
    assert memory_keyring.entries[(SERVICE, result.device_id)].startswith(result.device_id)
    # Sync runs now, in this process, and reaches the cloud.
    assert gui.sync.service is not None
    qtbot.waitUntil(
        lambda: gui.sync.panel.widget.status.state is SyncState.ONLINE, timeout=ENROLL_TIMEOUT_MS
    )
    # New sales carry the codes the cloud gave this till.
    assert gui.window.context.profile.till_code == "T01"
    assert gui.window.context.profile.store_code == "S01"
    assert "T01" in gui.window.till_status.text()
    # Receipts printed from now on carry the store the cloud gave this till.
    assert gui.till.sink.store.name == result.profile.name
    dialog.close_button.click()
    qtbot.waitUntil(lambda: gui.pairing is not None and gui.pairing.dialog is None)


def test_closing_the_offer_leaves_a_till_that_sells_offline(qtbot, gui: Gui) -> None:
    assert gui.pairing is not None and gui.pairing.dialog is not None
    gui.pairing.dialog.close_button.click()
    qtbot.waitUntil(lambda: gui.pairing is not None and gui.pairing.dialog is None)
    cashier = gui.till.context.staff.active_staff()[0]
    gui.window.start_shift_for(cashier)
    assert gui.window.stack.currentWidget() is gui.window.sale


def test_only_a_manager_or_supervisor_reopens_it_after_someone_logged_in(qtbot, gui: Gui) -> None:
    offer = gui.pairing
    assert offer is not None and offer.dialog is not None
    offer.dialog.close_button.click()
    qtbot.waitUntil(lambda: offer.dialog is None)
    window = gui.window
    cashier = StaffMember(user_id=901, code="C9", name="Kasir", role=Role.CASHIER)
    window.start_shift_for(cashier)
    assert gui.sync is not None
    gui.sync.panel.widget.click()  # unpaired: the click asks for pairing, not for a sync
    assert offer.dialog is None
    assert "manager" in window.statusBar().currentMessage().lower()
    window.logout()
    gui.sync.panel.widget.click()  # logged out, but someone has logged in since start
    assert offer.dialog is None
    manager = StaffMember(user_id=902, code="M9", name="Manajer", role=Role.MANAGER)
    window.start_shift_for(manager)
    gui.sync.panel.widget.click()
    assert offer.dialog is not None and offer.dialog.isVisible()
    offer.dialog.close_button.click()


def test_who_may_reopen_it_is_the_permission_tables_pair_till(qtbot, gui: Gui) -> None:
    offer = gui.pairing
    assert offer is not None and offer.dialog is not None
    offer.dialog.close_button.click()
    qtbot.waitUntil(lambda: offer.dialog is None)
    window = gui.window
    supervisor = StaffMember(user_id=903, code="S9", name="Penyelia", role=Role.SUPERVISOR)
    window.start_shift_for(supervisor)
    qtbot.waitUntil(lambda: offer.allowed)  # the default table: supervisors may pair
    # The shop moves pairing from supervisors to cashiers on the permissions screen.
    table = (
        PermissionTable.default()
        .with_grant(Role.SUPERVISOR, Permission.PAIR_TILL, False)
        .with_grant(Role.CASHIER, Permission.PAIR_TILL, True)
    )
    owner = StaffMember(user_id=902, code="M9", name="Manajer", role=Role.MANAGER)
    SqlPermissionStore(gui.till.store.session_factory).save(
        table, TillPolicy(), actor=owner, now=datetime.now(UTC)
    )
    window.logout()
    window.start_shift_for(supervisor)
    qtbot.waitUntil(lambda: window.sale.permissions == table)
    assert not offer.allowed
    assert gui.sync is not None
    gui.sync.panel.widget.click()
    assert offer.dialog is None
    window.logout()
    window.start_shift_for(StaffMember(user_id=901, code="C9", name="Kasir", role=Role.CASHIER))
    qtbot.waitUntil(lambda: offer.allowed)
    gui.sync.panel.widget.click()
    assert offer.dialog is not None and offer.dialog.isVisible()
    offer.dialog.close_button.click()


def test_a_used_code_shows_the_servers_reason_and_the_till_stays_unpaired(
    qtbot,
    cloud: CloudServer,
    tenant: Tenant,
    till_home: AppPaths,
    till: OpenTill,
    make_dialog: Any,
    memory_keyring: MemoryKeyring,
) -> None:
    code = tenant.enrollment_code()
    with CloudClient(cloud.url) as client:
        client.enroll(code, "T01", "another till")  # someone spent it first
    dialog = make_dialog()
    _fill_and_pair(qtbot, dialog, cloud.url, code)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=ENROLL_TIMEOUT_MS)
    assert dialog.message.code == "sync.enrollment_refused"
    assert "enrollment code" in dialog.message.text()
    assert dialog.result_value is None
    assert _pairing(till) is None
    assert memory_keyring.entries == {}
    # A wrong code is refused the same way, and the dialog stays usable for another try.
    assert dialog.pair_button.isEnabled() and dialog.close_button.isEnabled()
    _fill_and_pair(qtbot, dialog, cloud.url, "ZZZZ-ZZZZ")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=ENROLL_TIMEOUT_MS)
    assert dialog.message.code == "sync.enrollment_refused"
    assert _pairing(till) is None


def test_without_a_keyring_the_dialog_names_the_choices(
    qtbot, cloud: CloudServer, tenant: Tenant, till_home: AppPaths, till: OpenTill, make_dialog: Any
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = make_dialog()
        _fill_and_pair(qtbot, dialog, cloud.url, tenant.enrollment_code())
        qtbot.waitUntil(lambda: not dialog.busy, timeout=ENROLL_TIMEOUT_MS)
    finally:
        keyring.set_keyring(previous)
    assert dialog.message.code == "sync.no_keyring"
    text = dialog.message.text()
    assert "keyring" in text.lower()
    assert 'credential_store = "file"' in text
    assert str(till_home.config_file) in text
    assert _pairing(till) is None


def test_empty_fields_are_refused_before_any_request(make_dialog: Any) -> None:
    dialog = make_dialog()
    dialog.pair_button.click()
    assert not dialog.busy and dialog.message.code == "pairing.server_missing"
    dialog.server.setText("http://127.0.0.1:9")
    dialog.pair_button.click()
    assert not dialog.busy and dialog.message.code == "pairing.code_missing"


def test_the_ui_stays_responsive_while_a_black_holed_server_is_asked(
    qtbot,
    proxy: FaultProxy,
    till_home: AppPaths,
    till: OpenTill,
    make_dialog: Any,
    memory_keyring: MemoryKeyring,
) -> None:
    proxy.set_default(Fault.BLACKHOLE)
    slow = SyncConfig(connect_timeout_s=60, read_timeout_s=60)
    dialog = make_dialog(slow)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    try:
        _fill_and_pair(qtbot, dialog, proxy.url, "ABCD-EFGH")
        timer.start()
        qtbot.waitUntil(lambda: proxy.requests >= 1, timeout=ENROLL_TIMEOUT_MS)
        # The request hangs in the proxy; the event loop keeps running meanwhile.
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=ENROLL_TIMEOUT_MS)
        assert dialog.busy and dialog.progress.isVisible()
        assert not dialog.close_button.isEnabled(), "a code in flight cannot be abandoned"
        dialog.reject()
        assert dialog.isVisible()
        proxy.cut_all()  # the network drops: the enrollment ends with a clear error
        qtbot.waitUntil(lambda: not dialog.busy, timeout=ENROLL_TIMEOUT_MS)
    finally:
        timer.stop()
        proxy.set_default(Fault.PASS)
    assert dialog.message.code == "sync.server_unreachable"
    assert _pairing(till) is None
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_no_secret_lands_in_the_database(
    qtbot,
    cloud: CloudServer,
    tenant: Tenant,
    till_home: AppPaths,
    till: OpenTill,
    make_dialog: Any,
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = make_dialog()
    with qtbot.waitSignal(dialog.paired, timeout=ENROLL_TIMEOUT_MS):
        _fill_and_pair(qtbot, dialog, cloud.url, tenant.enrollment_code())
    pairing = _pairing(till)
    assert pairing is not None and pairing.server_url == cloud.url
    secret = memory_keyring.entries[(SERVICE, pairing.device_id)].split(".", 1)[1]
    conn = sqlite3.connect(till_home.database)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert secret not in dump
