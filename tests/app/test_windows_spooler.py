"""``win32:`` printers on Linux, with a stand-in for pywin32's ``win32print``: each receipt is one
RAW spool document on the printer opened once, a drawer kick is a document of its own, and
every Windows error reaches the till as the printer's "unavailable" with what Windows said."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pos_desktop.devices.config import DevicesConfig, parse_devices
from pos_desktop.devices.hub import DeviceHub
from pos_desktop.devices.lifecycle import Backoff
from pos_desktop.devices.reprint_queue import ReprintQueue
from pos_desktop.devices.transports import TransportError, open_transport
from pos_desktop.devices.url import parse_device_url
from pos_desktop.devices.win32_spooler import Win32Transport, load_win32print
from pos_desktop.domain.errors import UserError

PRINTER = "EPSON TM-T82 Receipt"
RAW = "RAW"
"""The spool data type that hands the ESC/POS bytes to the printer untouched."""


class WindowsError(Exception):
    """pywintypes.error: (winerror, funcname, strerror)."""

    def __init__(self, winerror: int, funcname: str, strerror: str) -> None:
        super().__init__(winerror, funcname, strerror)
        self.winerror = winerror
        self.funcname = funcname
        self.strerror = strerror


class FakeWin32Print(ModuleType):
    """The spooler calls the transport makes, recorded; ``fail`` makes one call raise as
    Windows does, ``accept`` caps how many bytes one WritePrinter takes."""

    def __init__(self, printers: tuple[str, ...] = (PRINTER,)) -> None:
        super().__init__("win32print")
        self.printers = printers
        self.calls: list[tuple[str, Any]] = []
        self.documents: list[tuple[str, str, bytes]] = []
        self.open_handles: set[int] = set()
        self.fail: dict[str, WindowsError] = {}
        self.accept: int | None = None
        self._next = 100
        self._doc: list[Any] | None = None
        self.lock = threading.Lock()

    def _call(self, name: str, detail: Any = None) -> None:
        self.calls.append((name, detail))
        if name in self.fail:
            raise self.fail.pop(name)

    def OpenPrinter(self, name: str) -> int:
        self._call("OpenPrinter", name)
        if name not in self.printers:
            raise WindowsError(1801, "OpenPrinter", "The printer name is invalid.")
        self._next += 1
        self.open_handles.add(self._next)
        return self._next

    def _handle(self, handle: int) -> None:
        if handle not in self.open_handles:
            raise WindowsError(6, "handle", "The handle is invalid.")

    def StartDocPrinter(self, handle: int, level: int, info: tuple[str, Any, str]) -> int:
        self._call("StartDocPrinter", info)
        self._handle(handle)
        assert level == 1 and self._doc is None
        self._doc = [info[0], info[2], b""]
        return len(self.documents) + 1

    def StartPagePrinter(self, handle: int) -> None:
        self._call("StartPagePrinter")
        self._handle(handle)

    def WritePrinter(self, handle: int, data: bytes) -> int:
        self._call("WritePrinter", len(data))
        self._handle(handle)
        assert self._doc is not None, "WritePrinter outside a document"
        taken = data if self.accept is None else data[: self.accept]
        self._doc[2] += taken
        return len(taken)

    def EndPagePrinter(self, handle: int) -> None:
        self._call("EndPagePrinter")

    def EndDocPrinter(self, handle: int) -> None:
        self._call("EndDocPrinter")
        self._handle(handle)
        assert self._doc is not None
        name, kind, data = self._doc
        self.documents.append((name, kind, data))
        self._doc = None

    def AbortPrinter(self, handle: int) -> None:
        self._call("AbortPrinter")
        self._doc = None

    def ClosePrinter(self, handle: int) -> None:
        self._call("ClosePrinter")
        self._handle(handle)
        self.open_handles.discard(handle)


@pytest.fixture
def spooler(monkeypatch: pytest.MonkeyPatch) -> FakeWin32Print:
    """pywin32 as the till imports it: ``win32print`` and ``pywintypes.error``."""
    fake = FakeWin32Print()
    pywintypes = ModuleType("pywintypes")
    pywintypes.error = WindowsError  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "win32print", fake)
    monkeypatch.setitem(sys.modules, "pywintypes", pywintypes)
    return fake


def test_each_receipt_is_one_raw_document(spooler: FakeWin32Print) -> None:
    transport = open_transport(parse_device_url(f"win32:{PRINTER}"))
    assert isinstance(transport, Win32Transport)
    assert transport.description == f"win32:{PRINTER}" and not transport.readable
    for number in (1, 2):
        transport.begin_job(f"receipt {number}")
        transport.write(b"\x1b@first half ")
        transport.write(b"second half\n\x1dV\x00")
        transport.end_job()
    transport.close()
    assert spooler.documents == [
        ("receipt 1", RAW, b"\x1b@first half second half\n\x1dV\x00"),
        ("receipt 2", RAW, b"\x1b@first half second half\n\x1dV\x00"),
    ]
    names = [name for name, _ in spooler.calls]
    assert names.count("OpenPrinter") == 1 and names[-1] == "ClosePrinter"
    assert names.count("StartPagePrinter") == names.count("EndPagePrinter") == 2
    assert spooler.open_handles == set()


def test_a_write_outside_a_job_is_sent_as_its_own_document(spooler: FakeWin32Print) -> None:
    transport = Win32Transport(PRINTER)
    transport.write(b"\x1bp\x00\x19\xfa")  # a drawer kick
    assert spooler.documents == [("pos-desktop", RAW, b"\x1bp\x00\x19\xfa")]
    transport.close()


def test_a_short_write_is_continued(spooler: FakeWin32Print) -> None:
    spooler.accept = 3
    transport = Win32Transport(PRINTER)
    transport.begin_job("receipt")
    transport.write(b"0123456789")
    transport.end_job()
    assert spooler.documents == [("receipt", RAW, b"0123456789")]
    transport.close()


def test_an_unknown_printer_is_named_with_what_windows_said(spooler: FakeWin32Print) -> None:
    with pytest.raises(TransportError) as raised:
        Win32Transport("EPSON TM-T20")
    message = str(raised.value)
    assert "'EPSON TM-T20'" in message and "The printer name is invalid." in message
    assert "1801" in message
    assert isinstance(raised.value, OSError)  # the device layer's "cannot reach it now"


def test_a_job_windows_refuses_is_aborted_not_left_open(spooler: FakeWin32Print) -> None:
    transport = Win32Transport(PRINTER)
    spooler.fail["StartPagePrinter"] = WindowsError(1804, "StartPagePrinter", "Invalid data type.")
    with pytest.raises(TransportError, match="start a print job: Invalid data type"):
        transport.begin_job("receipt")
    assert ("AbortPrinter", None) in spooler.calls
    transport.begin_job("receipt again")  # the transport is usable again
    transport.write(b"ok")
    transport.end_job()
    assert spooler.documents == [("receipt again", RAW, b"ok")]
    transport.close()


def test_a_failed_write_or_end_is_a_transport_error(spooler: FakeWin32Print) -> None:
    transport = Win32Transport(PRINTER)
    transport.begin_job("receipt")
    spooler.fail["WritePrinter"] = WindowsError(
        1722, "WritePrinter", "The RPC server is unavailable."
    )
    with pytest.raises(TransportError, match="send the receipt: The RPC server is unavailable"):
        transport.write(b"x")
    spooler.fail["EndPagePrinter"] = WindowsError(6, "EndPagePrinter", "The handle is invalid.")
    with pytest.raises(TransportError, match="finish the print job"):
        transport.end_job()
    assert ("EndDocPrinter", None) in spooler.calls  # the document is ended all the same
    transport.close()
    with pytest.raises(TransportError, match="closed"):
        transport.begin_job("after close")


def test_without_pywin32_the_till_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "win32print", None)  # not importable
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(TransportError, match="only on Windows"):
        load_win32print()
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(TransportError, match="needs pywin32"):
        load_win32print()


@pytest.fixture
def hub(tmp_path: Path, spooler: FakeWin32Print) -> Iterator[DeviceHub]:
    config = parse_devices({"printer": {"url": f"win32:{PRINTER}"}})
    config = DevicesConfig(
        config.printer,
        config.drawer,
        config.scanner,
        config.display,
        config.scale,
        config.wedge,
        Backoff(initial=0.02, maximum=0.1),
    )
    made = DeviceHub(config, ReprintQueue(tmp_path / "reprint"))
    made.start()
    yield made
    assert made.stop(5.0)


def test_the_till_prints_through_the_spooler_and_names_its_errors(
    hub: DeviceHub, spooler: FakeWin32Print
) -> None:
    assert hub.printer is not None
    hub.printer.print_raw(b"\x1b@hello\n", "receipt 7").result(10)
    assert [(name, kind) for name, kind, _ in spooler.documents] == [("receipt 7", RAW)]
    assert spooler.documents[0][2].endswith(b"hello\n")
    spooler.fail["StartDocPrinter"] = WindowsError(
        1722, "StartDocPrinter", "The RPC server is unavailable."
    )
    with pytest.raises(UserError) as raised:
        hub.printer.print_raw(b"\x1b@again\n").result(10)
    assert raised.value.code == "printer.unavailable"
    assert "The RPC server is unavailable." in str(raised.value.params.get("detail"))
