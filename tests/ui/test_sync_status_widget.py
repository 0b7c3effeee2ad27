"""The sync status on the status bar: the clock difference the cloud flagged, a full local disk
as a local problem, and "sync now" from a click or the context menu, even after refusals."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QMainWindow

from pos_desktop.sync.status import ClockSkew, SyncState, SyncStatus
from pos_desktop.ui.i18n import install_translator
from pos_desktop.ui.sync_status import GuiSync, SyncPanel, SyncStatusWidget

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.fixture
def english(qapp: QApplication) -> None:
    """The English source texts, whatever an earlier test left installed."""
    install_translator(qapp, "en")


def _widget(qtbot, status: SyncStatus) -> SyncStatusWidget:
    widget = SyncStatusWidget(status, clock=lambda: NOW)
    qtbot.addWidget(widget)
    return widget


def test_a_flagged_clock_shows_with_its_difference_instead_of_all_sales_sent(
    qtbot, english: None
) -> None:
    widget = _widget(qtbot, SyncStatus(SyncState.ONLINE, clock_skew=ClockSkew(7 * 60 + 10)))
    assert widget.text() == "Till clock 7 minutes off · all sales sent"
    assert widget.property("level") == "warning"
    assert "7 minutes ahead of the server" in widget.toolTip()
    widget.set_status(SyncStatus(SyncState.ONLINE, clock_skew=ClockSkew(-3 * 3600)))
    assert widget.text().startswith("Till clock 3 hours off")
    assert "3 hours behind the server" in widget.toolTip()
    widget.set_status(SyncStatus(SyncState.OFFLINE, pending=2, clock_skew=ClockSkew(None)))
    assert widget.text() == "Offline · Till clock differs from the server · 2 unsent"
    widget.set_status(SyncStatus(SyncState.ONLINE))
    assert widget.text() == "Online · all sales sent"
    assert widget.property("level") == "ok"


def test_a_full_disk_is_said_as_such_not_as_a_cloud_error(qtbot, english: None) -> None:
    widget = _widget(
        qtbot, SyncStatus(SyncState.LOCAL_ERROR, pending=4, local_problem="storage.full")
    )
    assert widget.text().startswith("Disk full · 4 unsent")
    assert "Cloud" not in widget.text()
    assert widget.property("level") == "warning"
    assert "disk is full" in widget.toolTip() and "safe" in widget.toolTip()
    widget.set_status(SyncStatus(SyncState.LOCAL_ERROR, local_problem="storage.io"))
    assert widget.text().startswith("Disk error")


def test_jam_kasir_selisih_in_indonesian(qtbot, indonesian: None) -> None:
    """Needs the merged translations (tillux.tsv)."""
    widget = _widget(qtbot, SyncStatus(SyncState.ONLINE, clock_skew=ClockSkew(7 * 60)))
    assert widget.text() == "Jam kasir selisih 7 menit · semua terkirim"
    assert "7 menit lebih cepat dari server" in widget.toolTip()
    widget.set_status(SyncStatus(SyncState.LOCAL_ERROR, local_problem="storage.full"))
    assert widget.text().startswith("Disk penuh")


class _Worker:
    def __init__(self) -> None:
        self.wakes = 0

    def wake(self) -> None:
        self.wakes += 1


def test_sync_now_from_a_click_or_the_menu_wakes_the_worker_even_after_refusals(
    qtbot, english: None
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = SyncPanel(window, SyncStatus(SyncState.OFFLINE, pending=3))
    worker = _Worker()
    sync = GuiSync(panel, SimpleNamespace(worker=worker))  # type: ignore[arg-type]
    pairing: list[bool] = []
    sync.pairingRequested.connect(lambda: pairing.append(True))
    widget = panel.widget
    widget.click()
    assert (worker.wakes, pairing) == (1, [])
    menu = widget.show_menu(QPoint(0, 0))
    [action] = menu.actions()
    assert action.text() == "Sync now"
    action.trigger()
    assert worker.wakes == 2
    menu.close()
    # Refused (maybe by a proxy during an outage): sync now still tries, and pairing is offered.
    panel.bridge.report(SyncStatus(SyncState.AUTH_FAILED))
    qtbot.waitUntil(lambda: widget.status.state is SyncState.AUTH_FAILED)
    widget.click()
    assert (worker.wakes, pairing) == (3, [True])
