"""Keyboard-wedge scanners: a fast burst ended by Enter lands in the cart even when the focus
is not in the barcode field; a person typing as fast as people type is never taken for a scan."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_desktop.devices.config import WedgeConfig
from pos_desktop.ui.device_wedge import WedgeDetector
from tests.devices.qt_till import device_till, open_window, worker  # noqa: F401
from tests.ui.fakes import INDOMIE, SITI
from tests.ui.helpers import cart_rows, idle, login


class StepClock:
    """Each reading is ``step`` ms after the previous one."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_detector_timing_rules():
    config = WedgeConfig(max_gap_ms=35, min_length=3)
    detector = WedgeDetector(config)
    for i, ch in enumerate("8991"):
        detector.key(ch, i * 10.0)
    assert detector.end(40.0) == "8991"
    for i, ch in enumerate("12"):
        detector.key(ch, i * 10.0)
    assert detector.end(20.0) is None  # too short
    for i, ch in enumerate("8991"):
        detector.key(ch, i * 120.0)  # typing speed
    assert detector.end(480.0) is None
    detector.key("1", 0.0)
    detector.key("2", 10.0)
    detector.key("3", 20.0)
    assert detector.end(200.0) is None  # Enter pressed long after the last key


def test_wedge_scan_with_focus_elsewhere_lands_in_the_cart(qtbot, tmp_path, worker):  # noqa: F811
    till = device_till(tmp_path, {})
    window = open_window(qtbot, till, worker)
    login(qtbot, window, SITI, "1111")
    screen = window.sale
    window.devices.wedge.clock = StepClock(4.0)
    qtbot.keyClicks(screen.table, INDOMIE.barcode)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    idle(qtbot, screen)
    assert [row[1] for row in cart_rows(screen)] == [INDOMIE.name]
    assert screen.barcode.text() == ""

    # The same keys at typing speed: not a scan; they end up in the barcode field to finish.
    window.devices.wedge.clock = StepClock(150.0)
    qtbot.keyClicks(screen.pay_button, INDOMIE.barcode[:6])
    qtbot.keyClick(screen.pay_button, Qt.Key.Key_Return)
    idle(qtbot, screen)
    assert len(cart_rows(screen)) == 1
    assert screen.barcode.text() == INDOMIE.barcode[:6]
    window.close()


def test_wedge_leaves_dialogs_and_the_login_screen_alone(qtbot, tmp_path, worker):  # noqa: F811
    till = device_till(tmp_path, {})
    window = open_window(qtbot, till, worker)
    window.devices.wedge.clock = StepClock(1.0)
    qtbot.keyClicks(window.login.pin, "1111")  # fast keys on the login screen: a PIN, not a scan
    assert window.login.pin.text() == "1111"
    window.login.pin.clear()
    login(qtbot, window, SITI, "1111")
    search = window.sale.open_search()
    assert search is not None
    qtbot.keyClicks(search, "8991")
    assert window.sale.barcode.text() == ""
    assert cart_rows(window.sale) == []
    search.reject()
    window.close()
