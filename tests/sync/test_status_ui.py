"""The sync state on the sale screen: always visible, never waiting for the network."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QMainWindow

from pos_desktop.paths import AppPaths
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.status import SyncState, SyncStatus
from pos_desktop.ui.sync_status import SyncPanel, SyncStatusWidget, closing_notice
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.till import pair

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _widget(qtbot, status: SyncStatus) -> SyncStatusWidget:
    widget = SyncStatusWidget(status, clock=lambda: NOW)
    qtbot.addWidget(widget)
    return widget


def test_the_widget_shows_state_queue_and_age(qtbot) -> None:
    widget = _widget(qtbot, SyncStatus(SyncState.ONLINE))
    assert widget.text() == "Online · all sales sent"
    widget.set_status(
        SyncStatus(SyncState.OFFLINE, pending=12, oldest_pending_at=NOW - timedelta(hours=3))
    )
    assert widget.text() == "Offline · 12 unsent (oldest 3 h)"
    assert widget.property("level") == "offline"
    widget.set_status(
        SyncStatus(SyncState.SYNCING, pending=3, oldest_pending_at=NOW - timedelta(seconds=40))
    )
    assert widget.text() == "Syncing… · 3 unsent (oldest 40 s)"
    assert widget.property("level") == "ok"


def test_a_queue_older_than_a_day_is_a_warning(qtbot) -> None:
    widget = _widget(
        qtbot,
        SyncStatus(
            SyncState.OFFLINE,
            pending=40,
            oldest_pending_at=NOW - timedelta(hours=30),
            needs_attention=2,
        ),
    )
    assert widget.stale
    assert widget.text().startswith("⚠ Offline · 40 unsent (oldest 30 h)")
    assert "2 need attention" in widget.text()
    assert widget.property("level") == "warning"
    assert "24 hours" in widget.toolTip()


def test_reports_from_the_sync_thread_reach_the_widget(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = SyncPanel(window, SyncStatus(SyncState.STARTING))
    status = SyncStatus(SyncState.ONLINE, pending=0, last_sync_at=NOW)
    thread = threading.Thread(target=panel.bridge.report, args=(status,))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: panel.widget.status == status)
    assert panel.widget.text().startswith("Online")
    assert panel.widget.parent() is not None  # on the status bar


def test_closing_with_queued_sales_is_allowed_and_says_so(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = SyncPanel(window, SyncStatus(SyncState.OFFLINE, pending=5))
    window.show()
    assert window.close()
    notice = panel.close_watcher.last_notice
    assert notice is not None and "5 sales" in notice and "kept safely" in notice
    assert closing_notice(panel.widget, SyncStatus(SyncState.ONLINE)) is None


@pytest.mark.slow
def test_scanning_and_paying_never_wait_for_a_black_holed_cloud(
    qtbot,
    cloud: CloudServer,
    proxy: FaultProxy,
    tenant: Tenant,
    till_home: AppPaths,
    secrets,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pos_desktop.app import build_gui
    from pos_desktop.config import TillConfig
    from pos_desktop.sync import runtime
    from pos_desktop.ui.shift_dialogs import OpenShiftDialog
    from tests.ui.helpers import idle, scan

    pair(till_home, proxy.url, tenant.enrollment_code(), secrets)
    original = runtime.start_sync
    monkeypatch.setattr(
        runtime,
        "start_sync",
        lambda *a, **k: original(*a, **{**k, "store": secrets}),
    )
    proxy.set_default(Fault.BLACKHOLE)
    config = TillConfig(
        idle_lock_minutes=0, sync=SyncConfig(read_timeout_s=60, connect_timeout_s=60)
    )
    gui = build_gui(till_home, config)
    warmed = qtbot.waitSignal(
        gui.worker.taskDone, timeout=20_000, check_params_cb=lambda t: t.label == "receipt warm-up"
    )
    try:
        window = gui.window
        qtbot.waitUntil(lambda: proxy.requests >= 1, timeout=10_000)  # a request hangs now
        cashier = gui.till.context.staff.active_staff()[0]
        window.start_shift_for(cashier)
        screen = window.sale
        # No shift is open yet: the till asks for the opening float before it sells.
        qtbot.waitUntil(lambda: isinstance(screen.dialog, OpenShiftDialog), timeout=10_000)
        opening = screen.dialog
        assert isinstance(opening, OpenShiftDialog)
        opening.float_field.setText("100.000")
        opening.submit()
        qtbot.waitUntil(lambda: screen.dialog is None, timeout=10_000)
        barcode = next(p.barcode for p in gui.till.context.till.search("indomie", 10) if p.barcode)
        scan(qtbot, screen, barcode)
        assert screen.model.rowCount() == 1
        status = gui.sync.panel.widget
        assert status.isVisible() or status.parent() is not None
        assert gui.sync.service is not None
        assert gui.sync.service.worker.status.state in (SyncState.STARTING, SyncState.SYNCING)
        idle(qtbot, screen)
        warmed.wait()  # the app's own warm-up timer must not outlive the test
    finally:
        proxy.set_default(Fault.PASS)
        gui.close()
