"""The printer on a real serial line (pty), on TCP and in a file: receipts arrive whole, status
is read with DLE EOT, paper out stops the job and queues the copy, the drawer gets one kick."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_desktop.devices.lifecycle import DeviceState, DrawerOpened, PrintFinished
from pos_desktop.devices.printer import DrawerKick
from pos_desktop.domain.errors import UserError
from tests.devices.fakes import FakePrinter, TcpPrinter
from tests.escpos_decoder import Drawer, Status, decode

JOB = b"\x1b@" + b"".join(b"line %03d of the receipt\n" % i for i in range(120)) + b"\x1dVB\x00"


def test_a_job_arrives_whole_with_status_asked_around_it(make_hub, plug):
    printer = plug(FakePrinter, "printer")
    hub, events = make_hub({"printer": {"url": printer.url, "chunk_size": 256}})
    events.wait_state("printer", DeviceState.ENABLED, None)
    assert hub.printer is not None
    hub.printer.print_raw(JOB).result(10)
    printer.wait_for(lambda: bytes(printer.printed) == JOB)
    # Asked before the job and after each of the chunks.
    assert printer.queries.count(1) >= len(JOB) // 256
    assert decode(bytes(printer.received)).of(Status)


def test_paper_out_mid_receipt_stops_the_job_and_queues_the_copy(make_hub, plug, tmp_path):
    printer = plug(FakePrinter, "printer")
    hub, events = make_hub({"printer": {"url": printer.url, "chunk_size": 256}})
    events.wait_state("printer", DeviceState.ENABLED, None)
    printer.paper_out_after = 1000
    future = hub.printer.print_receipt(
        "S01-T01-000007", JOB, copy=False, copy_bytes=lambda: b"SALINAN / COPY\n"
    )
    with pytest.raises(UserError) as failed:
        future.result(10)
    assert failed.value.code == "printer.paper_out"
    events.wait_for(lambda ev: any(isinstance(e, PrintFinished) for e in ev))
    [finished] = events.of(PrintFinished)
    assert finished.error is not None and finished.error.code == "printer.paper_out"
    [queued] = hub.queue.entries()
    assert (queued.receipt_no, queued.reason) == ("S01-T01-000007", "printer.paper_out")
    assert queued.read() == b"SALINAN / COPY\n"
    assert len(printer.printed) < len(JOB)
    events.wait_state("printer", DeviceState.ENABLED, "printer.paper_out")

    # New paper: the next status poll clears the problem, and the queue prints.
    printer.paper_out_after = None
    printer.status = dict(FakePrinter.OK)
    printer.printed.clear()
    assert hub.printer.print_waiting().result(10) == 1
    printer.wait_for(lambda: bytes(printer.printed) == b"SALINAN / COPY\n")
    assert hub.queue.entries() == []


def test_a_printer_that_never_answers_status_still_prints(make_hub, plug):
    printer = plug(FakePrinter, "printer", answers=False)
    hub, events = make_hub({"printer": {"url": printer.url}})
    events.wait_state("printer", DeviceState.ENABLED)
    hub.printer.print_raw(JOB).result(10)
    printer.wait_for(lambda: bytes(printer.printed) == JOB)
    assert printer.queries == [1]  # asked once when opened, never again


def test_network_printer_on_port_9100(make_hub):
    server = TcpPrinter()
    try:
        hub, events = make_hub({"printer": {"url": server.url}})
        events.wait_state("printer", DeviceState.ENABLED)
        hub.printer.print_raw(JOB).result(10)
        server.wait_for(lambda: JOB in bytes(server.received))
    finally:
        hub.stop()
        server.close()


def test_file_printer_appends_jobs(make_hub, tmp_path: Path):
    target = tmp_path / "lp0"
    hub, events = make_hub({"printer": {"url": f"file://{target}"}})
    events.wait_state("printer", DeviceState.ENABLED)
    hub.printer.print_raw(b"one\n").result(5)
    hub.printer.print_raw(b"two\n").result(5)
    assert target.read_bytes() == b"one\ntwo\n"


def test_drawer_kick_through_the_printer(make_hub, plug):
    printer = plug(FakePrinter, "printer")
    hub, events = make_hub(
        {
            "printer": {"url": printer.url},
            "drawer": {"url": "printer", "pin": 5, "on_ms": 60, "off_ms": 300},
        }
    )
    events.wait_state("printer", DeviceState.ENABLED)
    hub.drawer.open("test", by="M01").result(5)
    printer.wait_for(lambda: b"\x1bp" in printer.printed)
    assert decode(bytes(printer.printed)).of(Drawer) == [Drawer(pin=5, on_ms=60, off_ms=300)]
    events.wait_for(lambda ev: DrawerOpened("test", "M01") in ev)


def test_serial_drawer_on_its_own_port(make_hub, plug):
    drawer = plug(FakePrinter, "drawer", answers=False)
    hub, events = make_hub({"drawer": {"url": drawer.url, "open_command": "07"}})
    events.wait_state("drawer", DeviceState.ENABLED)
    hub.drawer.open("no sale", by="M01").result(5)
    drawer.wait_for(lambda: bytes(drawer.printed) == b"\x07")


def test_drawer_pulse_must_respect_the_solenoid_duty():
    assert DrawerKick(2, 100, 500).command == b"\x1bp\x00\x32\xfa"
    with pytest.raises(ValueError, match="20% duty"):
        DrawerKick(2, 200, 300)
    with pytest.raises(ValueError):
        DrawerKick(3)


def test_unplugged_printer_fails_fast_and_comes_back(make_hub, plug):
    printer = plug(FakePrinter, "printer")
    hub, events = make_hub({"printer": {"url": printer.url}})
    events.wait_state("printer", DeviceState.ENABLED, None)
    printer.unplug()
    with pytest.raises(UserError) as failed:
        hub.printer.print_raw(JOB).result(10)
    assert failed.value.code == "printer.unavailable"
    events.wait_state("printer", DeviceState.ERROR, "printer.unavailable")
    printer.replug()
    events.wait_state("printer", DeviceState.ENABLED, None)
    hub.printer.print_raw(b"back\n").result(10)
    printer.wait_for(lambda: bytes(printer.printed) == b"back\n")
