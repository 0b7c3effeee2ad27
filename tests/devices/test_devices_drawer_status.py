"""Drawer-open status where the hardware reports it: the printer's DLE EOT 1 answer carries the
drawer switch (pin 3); the drawer device exposes it and the status bar says "Laci terbuka"."""

from __future__ import annotations

import pytest

from pos_desktop.devices.lifecycle import DeviceState, StatusChanged
from tests.devices.fakes import FakePrinter, Recorder
from tests.devices.qt_till import device_till, open_window, worker  # noqa: F401
from tests.ui.conftest import indonesian, qm_dir  # noqa: F401

PIN3_HIGH = 0x04


def _drawer_states(events: Recorder) -> list[bool | None]:
    return [
        e.status.drawer_open
        for e in events.of(StatusChanged)
        if e.status.name == "printer" and e.status.state is DeviceState.ENABLED
    ]


@pytest.mark.parametrize(("sensor", "high_means_open"), [("high", True), ("low", False)])
def test_the_drawer_switch_is_read_with_dle_eot(make_hub, plug, sensor, high_means_open):
    printer = plug(FakePrinter, "printer")
    hub, events = make_hub(
        {"printer": {"url": printer.url}, "drawer": {"url": "printer", "sensor": sensor}}
    )
    events.wait_state("printer", DeviceState.ENABLED, None)
    assert hub.drawer.is_open is (not high_means_open)

    printer.status[1] |= PIN3_HIGH
    assert hub.drawer.check().result(5) is high_means_open
    assert hub.drawer.is_open is high_means_open
    printer.status[1] &= ~PIN3_HIGH
    assert hub.drawer.check().result(5) is (not high_means_open)
    assert _drawer_states(events)[-2:] == [high_means_open, not high_means_open]


def test_no_drawer_state_without_a_switch_or_without_status(make_hub, plug):
    printer = plug(FakePrinter, "printer")
    mute = plug(FakePrinter, "mute", answers=False)
    hub, events = make_hub(
        {"printer": {"url": printer.url}, "drawer": {"url": "printer", "sensor": "none"}}
    )
    events.wait_state("printer", DeviceState.ENABLED, None)
    printer.status[1] |= PIN3_HIGH
    assert hub.drawer.check().result(5) is None
    assert hub.drawer.is_open is None

    hub2, events2 = make_hub({"printer": {"url": mute.url}, "drawer": {"url": "printer"}})
    events2.wait_state("printer", DeviceState.ENABLED)
    assert hub2.drawer.check().result(5) is None
    assert hub2.drawer.is_open is None


def test_a_printer_without_a_drawer_reports_no_drawer_state(make_hub, plug):
    printer = plug(FakePrinter, "printer")
    printer.status[1] |= PIN3_HIGH
    hub, events = make_hub({"printer": {"url": printer.url}})
    events.wait_state("printer", DeviceState.ENABLED, None)
    assert hub.printer.worker.status.drawer_open is None


def test_status_bar_says_the_drawer_is_open(qtbot, tmp_path, plug, worker, indonesian):  # noqa: F811
    printer = plug(FakePrinter, "printer")
    till = device_till(tmp_path, {"printer": {"url": printer.url}, "drawer": {"url": "printer"}})
    events = Recorder()
    till.hub.subscribe(events)
    till.hub.start()
    window = open_window(qtbot, till, worker)
    try:
        events.wait_state("printer", DeviceState.ENABLED, None)
        bar = window.devices.status_bar
        qtbot.waitUntil(lambda: bar.text_of("printer") == "Printer: siap")
        printer.status[1] |= PIN3_HIGH
        assert till.hub.drawer.check().result(5) is True
        qtbot.waitUntil(lambda: "Laci terbuka" in bar.text_of("printer"))
        assert bar.buttons["printer"].toolTip() == "Laci kas terbuka."
        assert bar.buttons["printer"].property("state") == "warning"
        printer.status[1] &= ~PIN3_HIGH
        assert till.hub.drawer.check().result(5) is False
        qtbot.waitUntil(lambda: "Laci" not in bar.text_of("printer"))
        assert bar.buttons["printer"].toolTip() == ""
    finally:
        window.close()
        assert till.hub.stop()
