"""Serial scanners: codes come out whole despite split writes, garbage and line noise; AIM
prefixes and configured prefix/suffix are stripped; unplug and replug need no one's help."""

from __future__ import annotations

from pos_desktop.devices.lifecycle import DeviceState, Scanned
from pos_desktop.devices.scanner import ScanFramer, ScannerSettings
from tests.devices.fakes import FakeScanner


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_framer_handles_split_writes_noise_and_aim():
    clock = Clock()
    framer = ScanFramer(ScannerSettings(), clock)
    assert framer.feed(b"]E0899100") == []
    assert framer.feed(b"0000011\r") == ["8991000000011"]
    assert framer.feed(b"\x00\xff\x07\r") == []  # noise only: nothing
    assert framer.feed(b"\r\n\r") == []
    assert framer.feed(b"899\x001000000028\r\n") == ["8991000000028"]
    assert framer.feed(b"]C1(01)123\r") == ["(01)123"]


def test_framer_drops_a_stale_fragment_instead_of_gluing_it_to_the_next_scan():
    clock = Clock()
    framer = ScanFramer(ScannerSettings(stale_after=0.5), clock)
    assert framer.feed(b"GARB") == []
    clock.now = 2.0
    assert framer.feed(b"8991000000011\r") == ["8991000000011"]
    framer.feed(b"12")
    clock.now = 3.0
    framer.expire()
    assert framer.feed(b"34\r") == ["34"]


def test_prefix_suffix_and_terminator_are_configurable():
    framer = ScanFramer(ScannerSettings(terminator=b"\r\n", prefix="@", suffix="#"), Clock())
    assert framer.feed(b"@123456#\r\n@12") == ["123456"]
    assert framer.feed(b"34#\r\n") == ["1234"]


def test_overlong_garbage_without_terminator_is_discarded():
    framer = ScanFramer(ScannerSettings(), Clock())
    assert framer.feed(b"x" * 300) == []
    assert framer.feed(b"42\r") == ["42"]


def test_scans_on_a_serial_line_with_garbage_and_replug(make_hub, plug):
    scanner = plug(FakeScanner, "scanner")
    _hub, events = make_hub({"scanner": {"url": scanner.url}})
    events.wait_state("scanner", DeviceState.ENABLED)

    def scans() -> list[str]:
        return [e.text for e in events.of(Scanned)]

    scanner.send(b"\x00\xfe]E08991000")
    scanner.send(b"000011\r")
    scanner.send(b"\x11\x13 \r")
    scanner.send(b"8991000000028\r8991000000035\r")
    events.wait_for(lambda _ev: len(scans()) == 3)
    assert scans() == ["8991000000011", "8991000000028", "8991000000035"]

    scanner.unplug()
    events.wait_state("scanner", DeviceState.ERROR, "scanner.unavailable")
    scanner.replug()
    events.wait_state("scanner", DeviceState.ENABLED)
    scanner.send(b"8991000000042\r")
    events.wait_for(lambda _ev: len(scans()) == 4)
    assert scans()[-1] == "8991000000042"
