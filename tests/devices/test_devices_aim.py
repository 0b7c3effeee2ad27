"""A code with an AIM symbology identifier (``]E0``) lands as the same product whether it comes
from a serial scanner or a keyboard wedge: both are read by the domain's one AIM rule."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_desktop.devices.lifecycle import DeviceState
from tests.devices.fakes import FakeScanner, Recorder
from tests.devices.qt_till import device_till, open_window, worker  # noqa: F401
from tests.devices.test_devices_wedge import StepClock
from tests.ui.fakes import AQUA, INDOMIE, SITI
from tests.ui.helpers import cart_rows, idle, login


def test_serial_and_wedge_scans_with_an_aim_prefix_land_as_the_same_product(
    qtbot,
    tmp_path,
    plug,
    worker,  # noqa: F811
):
    scanner = plug(FakeScanner, "scanner")
    till = device_till(tmp_path, {"scanner": {"url": scanner.url}})
    assert till.hub is not None
    events = Recorder()
    till.hub.subscribe(events)
    till.hub.start()
    window = open_window(qtbot, till, worker)
    try:
        events.wait_state("scanner", DeviceState.ENABLED)
        login(qtbot, window, SITI, "1111")
        screen = window.sale

        scanner.send(b"]E0" + INDOMIE.barcode.encode() + b"\r")
        qtbot.waitUntil(lambda: len(cart_rows(screen)) == 1, timeout=5000)
        idle(qtbot, screen)

        window.devices.wedge.clock = StepClock(4.0)
        qtbot.keyClicks(screen.table, "]E0" + INDOMIE.barcode)
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
        idle(qtbot, screen)
        # The second scan of the same product adds to its line instead of starting another.
        rows = cart_rows(screen)
        assert [row[1] for row in rows] == [INDOMIE.name]
        assert rows[0][2] == "2"

        # A different product through each path stays a different product.
        window.devices.wedge.clock = StepClock(4.0)
        qtbot.keyClicks(screen.table, "]E0" + AQUA.barcode)
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
        idle(qtbot, screen)
        assert [row[1] for row in cart_rows(screen)] == [INDOMIE.name, AQUA.name]
        assert screen.barcode.text() == ""
    finally:
        window.close()
        assert till.hub.stop()
