"""The printer end of the one route: every document reaches the device hub's printer the same
way; the drawer is kicked by the one rule before the print, a drawer that stays shut is told to
the listeners, and a print that fails leaves its bytes in the reprint queue."""

from __future__ import annotations

from concurrent.futures import Future
from types import SimpleNamespace
from typing import Any

from pos_desktop.devices.lifecycle import DeviceState, PrintFinished
from pos_desktop.devices.receipt_sink import HubPrinter
from pos_desktop.domain.errors import UserError
from pos_desktop.services.documents import Document, DocumentKind
from tests.devices.fakes import FakePrinter
from tests.escpos_decoder import Drawer, decode

SLIP = b"\x1b@" + b"refund slip line\n" * 40 + b"\x1dVB\x00"
REPORT = b"\x1b@" + b"X report line\n" * 40 + b"\x1dVB\x00"


def test_a_cash_refund_kicks_the_drawer_then_prints_and_a_report_only_prints(make_hub, plug):
    printer = plug(FakePrinter, "printer")
    hub, events = make_hub({"printer": {"url": printer.url}, "drawer": {"url": "printer"}})
    events.wait_state("printer", DeviceState.ENABLED, None)
    route = HubPrinter(hub)
    refund = Document(DocumentKind.REFUND, "S01-T01-R000001", SLIP, cash=True, by="K01")
    assert route.send(refund) == "printer"
    printer.wait_for(lambda: bytes(printer.printed).endswith(SLIP))
    printed = decode(bytes(printer.printed))
    assert len(printed.of(Drawer)) == 1
    assert bytes(printer.printed).index(b"\x1bp") < bytes(printer.printed).index(SLIP)

    printer.printed.clear()
    route.send(Document(DocumentKind.REFUND, "S01-T01-R000001", SLIP, copy=True, cash=True))
    route.send(Document(DocumentKind.REPORT, "S01-T01-X001-abcdef12", REPORT))
    printer.wait_for(lambda: bytes(printer.printed).endswith(REPORT))
    assert decode(bytes(printer.printed)).of(Drawer) == [], "no kick for a copy or a report"
    events.wait_for(lambda ev: len([e for e in ev if isinstance(e, PrintFinished)]) == 3)
    assert [(e.receipt_no, e.copy, e.error) for e in events.of(PrintFinished)] == [
        ("S01-T01-R000001", False, None),
        ("S01-T01-R000001", True, None),
        ("S01-T01-X001-abcdef12", False, None),
    ]


def test_a_report_that_fails_to_print_waits_in_the_reprint_queue(make_hub, plug):
    printer = plug(FakePrinter, "printer")
    hub, events = make_hub({"printer": {"url": printer.url, "chunk_size": 64}})
    events.wait_state("printer", DeviceState.ENABLED, None)
    printer.paper_out_after = 100
    HubPrinter(hub).send(Document(DocumentKind.REPORT, "S01-T01-Z000003", REPORT))
    events.wait_for(lambda ev: any(isinstance(e, PrintFinished) for e in ev))
    [queued] = hub.queue.entries()
    assert (queued.receipt_no, queued.reason) == ("S01-T01-Z000003", "printer.paper_out")
    assert queued.read() == REPORT


def _failed(error: BaseException) -> Future[None]:
    future: Future[None] = Future()
    future.set_exception(error)
    return future


def test_a_drawer_that_stays_shut_is_told_to_every_listener():
    opened: list[tuple[str, str]] = []

    def open_drawer(reason: str, by: str = "") -> Future[None]:
        opened.append((reason, by))
        return _failed(UserError("printer.offline"))

    hub: Any = SimpleNamespace(drawer=SimpleNamespace(open=open_drawer), printer=None)
    route = HubPrinter(hub)
    told: list[tuple[str, str]] = []

    def broken(number: str, error: UserError) -> None:
        raise RuntimeError("a listener's own bug")

    route.drawer_listeners.extend([broken, lambda no, error: told.append((no, error.code))])
    assert route.send(Document(DocumentKind.SALE, "S01-T01-000009", b"", cash=True, by="K01")) == ""
    route.send(Document(DocumentKind.SALE, "S01-T01-000009", b"", copy=True, cash=True))
    assert opened == [("sale S01-T01-000009", "K01")]
    assert told == [("S01-T01-000009", "printer.offline")]


def test_a_drawer_failure_that_is_no_user_error_is_told_as_not_opened():
    hub: Any = SimpleNamespace(
        drawer=SimpleNamespace(open=lambda reason, by="": _failed(OSError("port gone"))),
        printer=None,
    )
    route = HubPrinter(hub)
    told: list[str] = []
    route.drawer_listeners.append(lambda no, error: told.append(error.code))
    route.send(Document(DocumentKind.REFUND, "S01-T01-R000002", b"", cash=True))
    assert told == ["drawer.not_opened"]
