"""A till window on in-memory storage with the real receipt sink and real device threads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from pos_desktop.config import TillConfig
from pos_desktop.devices.config import parse_devices
from pos_desktop.devices.hub import DeviceHub
from pos_desktop.devices.receipt_sink import DeviceReceiptSink, HubPrinter
from pos_desktop.devices.reprint_queue import ReprintQueue
from pos_desktop.receipts import PROFILE_80MM
from pos_desktop.receipts.model import StoreInfo
from pos_desktop.receipts.sink import FileReceiptSink
from pos_desktop.services.checkout import TillService
from pos_desktop.ui.context import TillContext
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.worker import DbWorker
from tests.devices.conftest import FAST_RETRY
from tests.ui.fakes import PROFILE, FakeTill, make_fake_till


@pytest.fixture
def worker(qapp: QApplication) -> Iterator[DbWorker]:
    worker = DbWorker()
    yield worker
    assert worker.stop(10_000), "database thread did not stop"


@dataclass
class DeviceTill:
    fake: FakeTill
    hub: DeviceHub | None
    files: FileReceiptSink
    context: TillContext


def device_till(tmp_path: Path, devices: dict) -> DeviceTill:
    fake = make_fake_till()
    config = parse_devices(devices)
    config = replace(config, backoff=FAST_RETRY)
    store = StoreInfo(
        name=PROFILE.name,
        address_lines=PROFILE.address_lines,
        npwp=PROFILE.npwp,
        phone=PROFILE.phone,
        footer_lines=PROFILE.footer_lines,
    )
    paper = config.printer.profile if config.printer else PROFILE_80MM
    hub = DeviceHub(config, ReprintQueue(tmp_path / "reprint")) if config.any else None
    files: FileReceiptSink
    if hub is None:
        files = FileReceiptSink(
            tmp_path / "receipts", store, ppn_enabled=PROFILE.tax.ppn_enabled, profile=paper
        )
    else:
        files = DeviceReceiptSink(
            tmp_path / "receipts",
            HubPrinter(hub),
            store,
            ppn_enabled=PROFILE.tax.ppn_enabled,
            profile=paper,
        )
    till = TillService(fake.catalog, fake.journal, files, fake.context.config.barcode_rules)
    context = TillContext(
        till=till,
        staff=fake.staff,
        profile=PROFILE,
        config=TillConfig(devices=config),
        clock=fake.clock,
    )
    return DeviceTill(fake, hub, files, context)


def open_window(qtbot, till: DeviceTill, worker: DbWorker) -> MainWindow:
    window = MainWindow(till.context, worker, idle_lock_ms=0, devices=till.hub)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitUntil(lambda: len(window.login.staff) == len(till.fake.staff.staff))
    return window
