"""Device tests: every device and fake thread must be gone when a test ends."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pos_desktop.devices.config import DevicesConfig, parse_devices
from pos_desktop.devices.hub import DeviceHub
from pos_desktop.devices.lifecycle import Backoff
from pos_desktop.devices.reprint_queue import ReprintQueue
from tests.devices.fakes import Recorder

FAST_RETRY = Backoff(initial=0.02, maximum=0.1)


def _device_threads() -> list[threading.Thread]:
    return [
        t
        for t in threading.enumerate()
        if t.name.startswith(("pos-device-", "fake-")) and t.is_alive()
    ]


@pytest.fixture(autouse=True)
def no_threads_left() -> Iterator[None]:
    assert _device_threads() == []
    yield
    assert _device_threads() == [], "a device thread outlived its test"


@pytest.fixture
def make_hub(tmp_path: Path) -> Iterator[Callable[..., tuple[DeviceHub, Recorder]]]:
    """Build and start a hub from a ``[devices]`` table; stopped at teardown."""
    hubs: list[DeviceHub] = []

    def make(raw: dict, **kwargs) -> tuple[DeviceHub, Recorder]:
        config = parse_devices(raw)
        config = DevicesConfig(
            config.printer,
            config.drawer,
            config.scanner,
            config.display,
            config.scale,
            config.wedge,
            FAST_RETRY,
        )
        hub = DeviceHub(config, ReprintQueue(tmp_path / "reprint"), **kwargs)
        recorder = Recorder()
        hub.subscribe(recorder)
        hubs.append(hub)
        hub.start()
        return hub, recorder

    yield make
    for hub in hubs:
        assert hub.stop(5.0)


@pytest.fixture
def plug(tmp_path: Path) -> Iterator[Callable]:
    """``plug(FakePrinter, "printer")``: a fake device behind ``tmp_path/<name>``."""
    made: list = []

    def make(cls, name: str, **kwargs):
        device = cls(tmp_path / name, **kwargs)
        made.append(device)
        return device

    yield make
    for device in made:
        device.close()
