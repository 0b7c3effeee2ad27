"""The composition root's one route to paper: with a printer and a drawer configured, refund
slips and X/Z reports reach the printer the way sale receipts do (file first, then the printer;
the drawer for cash paid back), and after a store profile change they carry the new header."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from pos_desktop.app import OpenTill, follow_profile, open_till, seed_demo_store
from pos_desktop.config import load_config
from pos_desktop.devices.receipt_sink import DeviceReceiptSink
from pos_desktop.paths import resolve_paths
from pos_desktop.receipts.sink import FileReceiptSink
from pos_desktop.services.changes import TillChanges
from tests.domain.test_domain_shift_report import x_report
from tests.escpos_decoder import Drawer, decode
from tests.receipts.test_document_route import refund_of

NEW_NAME = "Toko Baru Sejahtera"


@pytest.fixture
def till(till_home: Path) -> Iterator[OpenTill]:
    till_home.mkdir(parents=True, exist_ok=True)
    config_file = till_home / "config.toml"
    config_file.write_text(
        f'[devices.printer]\nurl = "file://{till_home / "lp0"}"\nprofile = "58mm"\n'
        '[devices.drawer]\nurl = "printer"\n',
        encoding="utf-8",
    )
    paths = resolve_paths()
    assert seed_demo_store(paths)
    opened = open_till(paths, load_config(config_file))
    try:
        yield opened
    finally:
        opened.close()


def printed(till_home: Path, ends_with: bytes) -> bytes:
    """What the printer (a file) got so far, once it has printed ``ends_with``."""
    target = till_home / "lp0"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        data = target.read_bytes() if target.exists() else b""
        if data.endswith(ends_with):
            return data
        time.sleep(0.02)
    raise AssertionError(f"the printer never finished {ends_with[-40:]!r}")


def test_refund_slips_and_reports_print_where_receipts_print_with_the_profile_in_force(
    till: OpenTill, till_home: Path
) -> None:
    refunds, shifts = till.context.refunds, till.context.shifts
    assert refunds is not None and refunds.receipts is not None and shifts is not None
    assert isinstance(till.sink, DeviceReceiptSink)
    old_name = till.context.profile.name

    slip = Path(refunds.receipts.deliver_refund(refund_of(sale_cash=True)))
    out = printed(till_home, slip.read_bytes())
    assert decode(out).of(Drawer) != [], "cash paid back opens the drawer"
    assert old_name in decode(slip.read_bytes()).text

    profile = till.store.settings.store_profile()
    till.store.settings.save_store_profile(
        replace(profile, name=NEW_NAME, version=profile.version + 1)
    )
    copy = Path(refunds.receipts.deliver_refund(refund_of(sale_cash=True), copy=True))
    report = Path(shifts.print_report(x_report()))
    out = printed(till_home, report.read_bytes())
    assert copy.read_bytes() in out, "the refund copy reached the printer"
    for path in (copy, report):
        text = decode(path.read_bytes()).text
        assert NEW_NAME in text and old_name not in text, path.name
    assert len(decode(out).of(Drawer)) == 1, "neither a copy nor a report opens the drawer"


def test_a_profile_change_reaches_the_receipt_sink(till: OpenTill) -> None:
    sink: FileReceiptSink = till.sink
    new = replace(till.context.profile, name=NEW_NAME, version=till.context.profile.version + 1)
    follow_profile(sink, TillChanges(cart=True))
    assert sink.store.name == till.context.profile.name
    follow_profile(sink, TillChanges(profile=new))
    assert sink.store.name == NEW_NAME
