"""The status bar of the real window at 1024x768, in Indonesian, with a printer and a scanner on
it: every text fits its widget (a long one ends in "…" with the whole text in its tooltip, never
clipped at both ends), the store's name gives way first, and a passing hint such as "ask a
manager to pair this till" is shown whole."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QLabel, QStyle, QStyleOptionButton, QWidget

from pos_desktop.devices.lifecycle import DeviceState
from pos_desktop.sync.status import ClockSkew, SyncState, SyncStatus
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.sync_status import SyncPanel
from pos_desktop.ui.worker import DbWorker
from tests.devices.fakes import FakePrinter, FakeScanner, Recorder
from tests.devices.qt_till import DeviceTill, device_till, open_window
from tests.ui.fakes import PROFILE, SITI
from tests.ui.helpers import login

NOW = datetime.now(UTC)
LONG_STORE = "Toko Maju Jaya Sejahtera Abadi Cabang Pasar Minggu"
PAIRING_HINT = "Ask a manager or supervisor to pair this till with the cloud."

STATES = [
    SyncStatus(SyncState.ONLINE, last_sync_at=NOW),
    SyncStatus(SyncState.SYNCING, pending=3, oldest_pending_at=NOW - timedelta(seconds=40)),
    SyncStatus(SyncState.OFFLINE, pending=12, oldest_pending_at=NOW - timedelta(hours=3)),
    SyncStatus(
        SyncState.OFFLINE,
        pending=1234,
        oldest_pending_at=NOW - timedelta(hours=30),
        needs_attention=2,
    ),
    SyncStatus(SyncState.ONLINE, clock_skew=ClockSkew(7 * 60)),
    SyncStatus(SyncState.LOCAL_ERROR, pending=5, local_problem="storage.full"),
    SyncStatus(SyncState.AUTH_FAILED, last_error="401 device.revoked: this device was revoked"),
]


@pytest.fixture
def shop(qtbot, tmp_path: Path, indonesian: None, worker: DbWorker) -> Iterator[MainWindow]:
    printer = FakePrinter(tmp_path / "printer")
    scanner = FakeScanner(tmp_path / "scanner")
    till = device_till(
        tmp_path,
        {
            "printer": {"url": printer.url},
            "drawer": {"url": "printer", "pin": 2},
            "scanner": {"url": scanner.url},
        },
    )
    till = DeviceTill(
        till.fake,
        till.hub,
        till.files,
        replace(till.context, profile=replace(PROFILE, name=LONG_STORE)),
    )
    assert till.hub is not None
    events = Recorder()
    till.hub.subscribe(events)
    till.hub.start()
    window = open_window(qtbot, till, worker)
    try:
        events.wait_state("printer", DeviceState.ENABLED, None)
        events.wait_state("scanner", DeviceState.ENABLED)
        login(qtbot, window, SITI, "1111")
        yield window
    finally:
        window.close()
        assert till.hub.stop()
        printer.close()
        scanner.close()


def _text_room(widget: QWidget) -> int:
    if isinstance(widget, QAbstractButton):
        option = QStyleOptionButton()
        widget.initStyleOption(option)  # type: ignore[attr-defined]
        rect = widget.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, widget
        )
        return rect.width()
    return widget.contentsRect().width()


def _texts(window: MainWindow) -> list[QWidget]:
    bar = window.statusBar()
    return [
        w
        for w in bar.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and w.isVisible() and w.text()
    ]


def _fits(widget: QWidget) -> bool:
    text = widget.text()  # type: ignore[attr-defined]
    return QFontMetrics(widget.font()).horizontalAdvance(text) <= _text_room(widget)


def _message_room(window: MainWindow, permanent: list[QWidget]) -> int:
    """Where ``QStatusBar`` paints a message: from x=6 to 2 px before the first visible
    permanent widget in the order they were added (``QStatusBarPrivate::messageRect``)."""
    bar = window.statusBar()
    visible = [w.mapTo(bar, w.rect().topLeft()).x() for w in permanent if w.isVisible()][:1]
    right = min([bar.width() - 12, *(x - 2 for x in visible)])
    return right - 6


@pytest.mark.parametrize("printer_trouble", [False, True], ids=["printer ready", "printer busy"])
def test_every_status_text_fits_at_1024x768(qtbot, shop: MainWindow, printer_trouble: bool) -> None:
    window = shop
    assert window.width() == 1024
    devices = window.devices.status_bar
    assert devices is not None
    if printer_trouble:
        # Paper low, three receipts waiting and the drawer open: the printer's longest text.
        devices.waiting = 3
        devices.show_status(
            replace(devices.statuses["printer"], problem="printer.paper_near_end", drawer_open=True)
        )
    printer_state = "kertas hampir habis" if printer_trouble else "siap"
    panel = SyncPanel(window, STATES[0])
    sync = panel.widget
    for status in STATES:
        panel.bridge.report(status)
        qtbot.waitUntil(lambda s=status: sync.status == s)
        qtbot.wait(10)  # let the bar lay itself out again
        widgets = _texts(window)
        assert sync in widgets
        cut = [w.text() for w in widgets if not _fits(w)]
        assert cut == [], f"cut in state {status.state}: {cut}"
        for widget in (sync, devices.buttons["printer"], window.language_button):
            full, shown = widget.full_text(), widget.text()
            if shown != full and widget is not window.language_button:
                # Shortened at its end only, and whole in the tooltip.
                assert shown.endswith("…") and full.startswith(shown[:-1])
                assert full in widget.toolTip()
        assert window.language_button.text() in ("Bahasa Indonesia", "ID")
        # The state (or the clock warning) and the number of unsent sales always show.
        full, shown = sync.full_text(), sync.text()
        parts = full.split(" · ")
        essential = parts[0]
        if status.pending and status.clock_skew is None:
            essential += " · " + parts[1].split(" (")[0]
        assert shown.startswith(essential), (shown, full)
        # So does each device's state.
        assert devices.buttons["printer"].text().startswith(f"Printer: {printer_state}")
        assert devices.buttons["scanner"].text().endswith("siap")
        assert window.cashier_status.text() == "Kasir: Siti"
        assert window.till_status.text() == "T01"


def test_the_store_name_gives_way_first(qtbot, shop: MainWindow) -> None:
    window = shop
    panel = SyncPanel(window, SyncStatus(SyncState.ONLINE))
    qtbot.wait(10)
    store = window.store_status
    assert store.text() != LONG_STORE and store.text().endswith("…")
    assert store.toolTip() == LONG_STORE
    assert panel.widget.text() == panel.widget.full_text(), "the sync state is not cut"
    assert _fits(store)


def test_a_long_hint_gets_the_whole_bar_while_it_shows(qtbot, shop: MainWindow) -> None:
    window = shop
    panel = SyncPanel(
        window,
        SyncStatus(SyncState.OFFLINE, pending=12, oldest_pending_at=NOW - timedelta(hours=3)),
    )
    permanent = [
        window.clock_status,
        window.language_button,
        window.devices.status_bar,
        panel.widget,
    ]
    hint = QCoreApplication.translate("PairingDialog", PAIRING_HINT)
    assert hint.startswith("Minta manajer atau supervisor")
    bar = window.statusBar()
    bar.showMessage(hint, 8_000)
    qtbot.wait(20)
    assert bar.currentMessage() == hint
    width = QFontMetrics(bar.font()).horizontalAdvance(hint)
    assert width <= _message_room(window, permanent), "the hint is cut"
    # A widget that hides itself meanwhile (the backup warning does) stays hidden afterwards.
    window.clock_status.hide()
    bar.clearMessage()
    qtbot.waitUntil(lambda: all(w.width() > 0 for w in permanent if w.isVisible()))
    assert not window.clock_status.isVisible()
    assert panel.widget.text().startswith("Luring · 12 belum terkirim")
