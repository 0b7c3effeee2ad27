"""The printer's red banner on the sale screen goes once the printer is ready and the waiting
receipts are printed; a cash sale while the printer is down says the drawer did not open."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_desktop.devices.lifecycle import DeviceState
from pos_desktop.domain.errors import UserError
from pos_desktop.ui.messages import message_for
from tests.devices.fakes import FakePrinter, FakeScanner, Recorder
from tests.devices.qt_till import device_till, open_window, worker  # noqa: F401
from tests.ui.fakes import AQUA, SITI
from tests.ui.helpers import login, open_payment, scan


def _started(qtbot, tmp_path, plug, worker):  # noqa: F811
    printer = plug(FakePrinter, "printer")
    scanner = plug(FakeScanner, "scanner")
    till = device_till(
        tmp_path,
        {
            "printer": {"url": printer.url, "chunk_size": 128},
            "drawer": {"url": "printer", "pin": 2},
            "scanner": {"url": scanner.url},
        },
    )
    assert till.hub is not None
    events = Recorder()
    till.hub.subscribe(events)
    till.hub.start()
    window = open_window(qtbot, till, worker)
    events.wait_state("printer", DeviceState.ENABLED, None)
    login(qtbot, window, SITI, "1111")
    return printer, till, window, events


def _cash_sale(qtbot, window, cash: str):
    screen = window.sale
    scan(qtbot, screen, AQUA.barcode)
    pay = open_payment(qtbot, screen)
    qtbot.keyClicks(pay.cash_field, cash)
    qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(pay.completed, timeout=10_000) as done:
        qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    return done.args[0]


def test_the_red_banner_goes_once_the_printer_is_back_and_the_receipts_are_printed(
    qtbot,
    tmp_path,
    plug,
    worker,  # noqa: F811
) -> None:
    printer, till, window, events = _started(qtbot, tmp_path, plug, worker)
    message = window.sale.message
    try:
        printer.paper_out_after = 200
        committed = _cash_sale(qtbot, window, "5000")
        qtbot.waitUntil(lambda: message.code == "printer.paper_out", timeout=10_000)
        assert message.is_error
        assert len(till.hub.queue) == 1
        # New paper: the printer's next status poll says it is ready again.
        printer.paper_out_after = None
        printer.status = dict(FakePrinter.OK)
        events.wait_state("printer", DeviceState.ENABLED, None)
        qtbot.waitUntil(lambda: not message.is_error, timeout=10_000)
        assert message.property("state") == "warning"
        assert "1" in message.text() and message.text() != message_for(
            UserError("printer.paper_out")
        )
        # The cashier prints the waiting receipt from the device screen.
        dialog = window.devices.open_settings()
        assert dialog is not None
        dialog.print_waiting()
        qtbot.waitUntil(lambda: len(till.hub.queue) == 0, timeout=10_000)
        qtbot.waitUntil(lambda: message.text() == "", timeout=10_000)
        assert message.property("state") == ""
        printer.wait_for(lambda: committed.sale.receipt_no.encode() in bytes(printer.printed))
        dialog.close()
    finally:
        window.close()
        assert till.hub.stop()


def test_the_banner_stays_while_receipts_wait_and_another_message_is_left_alone(
    qtbot,
    tmp_path,
    plug,
    worker,  # noqa: F811
) -> None:
    printer, till, window, events = _started(qtbot, tmp_path, plug, worker)
    message = window.sale.message
    try:
        printer.paper_out_after = 200
        _cash_sale(qtbot, window, "5000")
        qtbot.waitUntil(lambda: message.code == "printer.paper_out", timeout=10_000)
        message.show_info("Sale parked. F3 recalls it.")  # the cashier moved on
        printer.paper_out_after = None
        printer.status = dict(FakePrinter.OK)
        events.wait_state("printer", DeviceState.ENABLED, None)
        qtbot.wait(200)
        assert message.text() == "Sale parked. F3 recalls it."
    finally:
        window.close()
        assert till.hub.stop()


def test_a_cash_sale_with_the_printer_down_says_the_drawer_did_not_open(
    qtbot,
    tmp_path,
    plug,
    worker,  # noqa: F811
) -> None:
    printer, till, window, events = _started(qtbot, tmp_path, plug, worker)
    message = window.sale.message
    try:
        printer.unplug()
        events.wait_state("printer", DeviceState.ERROR)
        committed = _cash_sale(qtbot, window, "5000")
        assert till.fake.journal.sales == [committed.sale]  # the sale is kept
        qtbot.waitUntil(lambda: message.code == "drawer.not_opened", timeout=10_000)
        assert message.is_error
        assert message.text() == message_for(UserError("drawer.not_opened"))
        qtbot.waitUntil(lambda: len(till.hub.queue) == 1, timeout=10_000)
        qtbot.wait(100)  # the print's own failure arrives after the drawer's
        assert message.code == "drawer.not_opened"
    finally:
        window.close()
        assert till.hub.stop()
