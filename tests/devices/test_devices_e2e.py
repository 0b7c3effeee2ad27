"""End to end on the real window: a scan on the serial scanner goes into the cart, a cash sale
completes, the printed receipt says what the sale says, the drawer kicks once; with the paper
running out mid-receipt the sale stays committed and its copy waits in the reprint queue."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_desktop.devices.lifecycle import DeviceState
from tests.devices.fakes import FakePrinter, FakeScanner, Recorder
from tests.devices.qt_till import DeviceTill, device_till, open_window, worker  # noqa: F401
from tests.escpos_decoder import Cut, Drawer, Qr, decode
from tests.ui.fakes import AQUA, INDOMIE, SITI
from tests.ui.helpers import cart_rows, login, open_payment


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


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
    events.wait_state("scanner", DeviceState.ENABLED)
    login(qtbot, window, SITI, "1111")
    return printer, scanner, till, window


def _scan_and_pay_cash(qtbot, scanner: FakeScanner, window, cash: str):
    screen = window.sale
    scanner.send(b"\x00]E0" + INDOMIE.barcode.encode()[:5])  # noise, AIM prefix, split write
    scanner.send(INDOMIE.barcode.encode()[5:] + b"\r")
    scanner.send(AQUA.barcode.encode() + b"\r")
    qtbot.waitUntil(lambda: len(cart_rows(screen)) == 2, timeout=5000)
    assert [row[1] for row in cart_rows(screen)] == [INDOMIE.name, AQUA.name]
    pay = open_payment(qtbot, screen)
    qtbot.keyClicks(pay.cash_field, cash)
    qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(pay.completed, timeout=10_000) as done:
        qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    return done.args[0]


def test_serial_scan_cash_sale_receipt_and_drawer(qtbot, tmp_path, plug, worker):  # noqa: F811
    printer, scanner, till, window = _started(qtbot, tmp_path, plug, worker)
    try:
        committed = _scan_and_pay_cash(qtbot, scanner, window, "10000")
        sale = committed.sale
        assert till.fake.journal.sales == [sale]
        assert sale.change == 2_500
        printer.wait_for(lambda: b"\x1dVB" in printer.printed)
        printed = decode(bytes(printer.printed))
        assert printed.of(Drawer) == [Drawer(pin=2, on_ms=100, off_ms=500)]
        assert printed.events.index(printed.of(Drawer)[0]) < printed.events.index(
            printed.of(Cut)[0]
        ), "the drawer opens before the receipt prints"
        assert _is_subsequence(till.files.preview(sale), printed.lines)
        assert any(sale.receipt_no in q.payload for q in printed.of(Qr))
        assert len(printed.of(Cut)) == 1
        qtbot.waitUntil(lambda: window.devices.status_bar.text_of("printer").endswith("ready"))
        assert till.hub.queue.entries() == []
    finally:
        window.close()
        assert till.hub.stop()


def test_paper_out_keeps_the_sale_and_queues_the_receipt(qtbot, tmp_path, plug, worker):  # noqa: F811
    printer, scanner, till, window = _started(qtbot, tmp_path, plug, worker)
    try:
        printer.paper_out_after = 200
        committed = _scan_and_pay_cash(qtbot, scanner, window, "20000")
        sale = committed.sale
        assert committed.receipt_error is None  # the commit never waits on paper
        assert till.fake.journal.sales == [sale]
        screen = window.sale
        qtbot.waitUntil(lambda: screen.message.code == "printer.paper_out", timeout=10_000)
        [queued] = till.hub.queue.entries()
        assert (queued.receipt_no, queued.reason) == (sale.receipt_no, "printer.paper_out")
        copy = decode(queued.read())
        assert "SALINAN / COPY" in copy.text and sale.receipt_no in copy.text
        assert copy.of(Drawer) == []  # a reprint never opens the drawer
        assert decode(bytes(printer.printed)[:5]).of(Drawer) == [Drawer(2, 100, 500)]
        qtbot.waitUntil(lambda: "1" in window.devices.status_bar.text_of("printer"))
    finally:
        window.close()
        assert till.hub.stop()
