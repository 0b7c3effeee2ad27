"""Store settings reach a running till at the next sale boundary: the reported defects, on the
real widgets, the real composition root (``open_till``), SQLite and the receipt files.

The till is opened under profile version 1 (PPN on, prices include tax). The sync thread then
writes a new version into the database, as ``SyncEngine.refresh_profile`` does a moment after
every start. Before the fix the screens kept the copy read at start-up, so the next sale was
still taxed the old way (Rp10.000 with PPN Rp991 inside instead of Rp1.100 on top, Rp11.100),
and a sale after switching back was overcharged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt

from pos_desktop.app import OpenTill, open_till
from pos_desktop.config import ReceiptConfig, TillConfig
from pos_desktop.domain.demo_catalog import DemoProduct
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.permissions import ReasonCode
from pos_desktop.domain.sync_messages import CloudStore
from pos_desktop.domain.tax import TaxSettings
from pos_desktop.localdb import journal
from pos_desktop.localdb.catalog_sync import apply_cloud_store
from pos_desktop.localdb.seed import bulk_load_products
from pos_desktop.localdb.settings import save_profile
from pos_desktop.localdb.staff import create_user
from pos_desktop.localdb.store import open_local_store
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.paths import resolve_paths
from pos_desktop.services.ports import StaffMember, StoreProfile
from pos_desktop.ui.main_window import MainWindow
from tests.escpos_decoder import decode
from tests.ui.fakes import Clock, ean13
from tests.ui.helpers import cart_rows, idle, login, open_payment, scan

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
AQUA = DemoProduct(
    sku="AQU-1500",
    barcode=ean13("899100000001"),
    name="Aqua 1500 ml",
    category="Minuman",
    price=10_000,
    tax_code="PPN",
)

VERSION_1 = StoreProfile(
    store_code="S01",
    till_code="T01",
    name="Toko Maju Jaya",
    address_lines=("Jl. Merdeka No. 10",),
    npwp="",
    phone="",
    footer_lines=("Terima kasih",),
    currency="IDR",
    tax=TaxSettings(ppn_enabled=True, prices_include_tax=True),
    rounding_step=100,
    version=1,
)


def cloud_store(version: int, **changes: Any) -> CloudStore:
    """The store as the cloud's ``GET /v1/devices/me`` carries it."""
    fields: dict[str, Any] = {
        "store_code": "S01",
        "till_code": "T01",
        "name": "Toko Maju Jaya",
        "address": "Jl. Merdeka No. 10",
        "currency": "IDR",
        "ppn_enabled": True,
        "prices_include_tax": True,
        "rounding_step": 100,
        "legal_name": "",
        "npwp": "",
        "phone": "",
        "receipt_header": (),
        "receipt_footer": ("Terima kasih",),
        "profile_version": version,
    }
    fields.update(changes)
    return CloudStore(**fields)


@pytest.fixture
def till(tmp_path: Path) -> Iterator[OpenTill]:
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(tmp_path / "till")})
    paths.ensure()
    store = open_local_store(paths.database, hasher=CHEAP)
    try:
        with write_session(store.session_factory, "test profile") as session:
            save_profile(session, VERSION_1)
            create_user(session, CHEAP, code="K01", name="Siti", role="cashier", pin="1111")
            create_user(session, CHEAP, code="M01", name="Ani", role="manager", pin="9999")
        bulk_load_products(store.engine, [AQUA])
    finally:
        store.close()
    config = TillConfig(receipt=ReceiptConfig(columns=48, output_dir=tmp_path / "receipts"))
    opened = open_till(paths, config, clock=Clock())
    yield opened
    opened.close()


def sync_applies(till: OpenTill, store: CloudStore) -> StoreProfile:
    """What the sync thread does with the cloud's answer: one write transaction."""
    with write_session(till.store.session_factory, "sync store profile") as session:
        return apply_cloud_store(session, store, pairing=False)


def member(till: OpenTill, code: str) -> StaffMember:
    return next(m for m in till.context.staff.active_staff() if m.code == code)


def cashier(till: OpenTill) -> StaffMember:
    return member(till, "K01")


@pytest.fixture
def window(qtbot, indonesian, worker, till: OpenTill) -> Iterator[MainWindow]:
    assert till.context.shifts is not None
    till.context.shifts.open_shift(cashier(till), 200_000)
    win = MainWindow(till.context, worker, idle_lock_ms=0)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitUntil(lambda: len(win.login.staff) == 2)
    yield win
    win.close()


def pay_cash(qtbot, window: MainWindow) -> Any:
    screen = window.sale
    pay = open_payment(qtbot, screen)
    qtbot.keyClicks(pay.cash_field, "50000")
    qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(pay.completed, timeout=10_000) as done:
        qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    committed = done.args[0]
    idle(qtbot, screen)
    return committed


def stored_sale(till: OpenTill, receipt_no: str) -> tuple[int | None, dict[str, Any]]:
    """The sale row's version and its document (what the outbox sends to the cloud)."""
    with till.store.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT profile_version, document FROM sales WHERE receipt_no = ?", (receipt_no,)
        ).one()
    return row[0], json.loads(row[1])


def test_after_a_start_the_next_sale_uses_the_profile_the_sync_just_wrote(
    qtbot, window: MainWindow, till: OpenTill
) -> None:
    """The reported restart: the database holds "exclusive", the next sale must add PPN."""
    applied = sync_applies(till, cloud_store(2, prices_include_tax=False))
    assert applied.version == 2
    login(qtbot, window, cashier(till), "1111")
    screen = window.sale

    scan(qtbot, screen, AQUA.barcode)
    assert screen.sum_values["tax"].text() == "Rp1.100"
    assert screen.total_label.text() == "Rp11.100"
    committed = pay_cash(qtbot, window)

    sale = committed.sale
    assert (sale.total, sale.tax_added, sale.tax_included) == (11_100, 1_100, 0)
    assert sale.prices_include_tax is False and sale.profile_version == 2
    version, document = stored_sale(till, sale.receipt_no)
    assert version == 2 and document["profile_version"] == 2
    printed = decode(Path(committed.receipt_target).read_bytes())
    assert any("TOTAL" in line and "11.100" in line for line in printed.lines)
    assert any("Harga belum termasuk PPN" in line for line in printed.lines)


def test_an_open_cart_keeps_its_rules_and_the_next_sale_takes_the_new_ones(
    qtbot, window: MainWindow, till: OpenTill
) -> None:
    """The reported overcharge: switched to exclusive, then back; the sale after the switch
    back must not add PPN on top."""
    sync_applies(till, cloud_store(2, prices_include_tax=False))
    login(qtbot, window, cashier(till), "1111")
    screen = window.sale
    scan(qtbot, screen, AQUA.barcode)
    assert screen.total_label.text() == "Rp11.100"

    # The owner switches back while this cart is open: the cart keeps version 2.
    sync_applies(till, cloud_store(3, prices_include_tax=True))
    scan(qtbot, screen, AQUA.barcode)
    assert [row[-1] for row in cart_rows(screen)] == ["Rp20.000"]
    assert screen.total_label.text() == "Rp22.200"
    first = pay_cash(qtbot, window).sale
    assert (first.total, first.profile_version, first.prices_include_tax) == (22_200, 2, False)

    # The next sale is rung under version 3: PPN inside the price, nothing on top.
    scan(qtbot, screen, AQUA.barcode)
    assert screen.total_label.text() == "Rp10.000"
    assert screen.sum_values["tax"].text() == "Rp991"
    second = pay_cash(qtbot, window).sale
    assert (second.total, second.tax_included, second.tax_added) == (10_000, 991, 0)
    assert (second.profile_version, second.prices_include_tax) == (3, True)
    assert stored_sale(till, second.receipt_no)[0] == 3


def test_a_parked_or_cancelled_sale_is_a_boundary_too(
    qtbot, window: MainWindow, till: OpenTill
) -> None:
    login(qtbot, window, cashier(till), "1111")
    screen = window.sale
    scan(qtbot, screen, AQUA.barcode)
    assert screen.total_label.text() == "Rp10.000"
    sync_applies(till, cloud_store(2, rounding_step=1000, prices_include_tax=False))
    assert screen.session.profile.version == 1
    screen.hold_sale()
    idle(qtbot, screen)
    assert screen.session.profile.version == 2
    scan(qtbot, screen, AQUA.barcode)
    assert screen.total_label.text() == "Rp11.000"  # 11.100 rounded to Rp1.000
    assert screen.sum_values["rounding"].text() == "-Rp100"


def test_receipt_refund_slip_and_reports_show_the_new_header_without_a_restart(
    qtbot, window: MainWindow, till: OpenTill
) -> None:
    login(qtbot, window, cashier(till), "1111")
    screen = window.sale
    scan(qtbot, screen, AQUA.barcode)
    before = pay_cash(qtbot, window)
    old_receipt = decode(Path(before.receipt_target).read_bytes())
    assert not any("NPWP" in line for line in old_receipt.lines)

    sync_applies(
        till,
        cloud_store(
            2,
            legal_name="PT Maju Jaya Sejahtera",
            npwp="012345678901000",
            phone="022-1234567",
            receipt_header=("Buka 07.00-22.00",),
            receipt_footer=("Sampai jumpa lagi",),
        ),
    )
    scan(qtbot, screen, AQUA.barcode)
    after = pay_cash(qtbot, window)
    receipt = decode(Path(after.receipt_target).read_bytes())
    for text in (
        "PT Maju Jaya Sejahtera",
        "NPWP 01.234.567.8-901.000",
        "Telp. 022-1234567",
        "Buka 07.00-22.00",
        "Sampai jumpa lagi",
    ):
        assert any(text in line for line in receipt.lines), text
    preview = screen.show_last_receipt()
    assert preview is not None
    shown = preview.preview.toPlainText()
    assert "NPWP 01.234.567.8-901.000" in shown and "Buka 07.00-22.00" in shown
    screen.close_dialog()
    # A copy of the earlier sale is printed with the profile it was rung under.
    reprint = till.context.till.reprint(before.sale.receipt_no)
    assert not any("NPWP" in line for line in decode(Path(reprint).read_bytes()).lines)

    refunds = till.context.refunds
    assert refunds is not None
    candidate = refunds.find(before.sale.receipt_no)
    refund = refunds.commit(
        candidate,
        {1: Decimal(1)},
        to_cash=True,
        cashier=member(till, "M01"),
        reason=ReasonCode.OTHER,
        approval=None,
    )
    slip = decode(Path(refund.receipt_target).read_bytes())
    assert any("NPWP 01.234.567.8-901.000" in line for line in slip.lines)
    assert any("Buka 07.00-22.00" in line for line in slip.lines)

    shifts = till.context.shifts
    assert shifts is not None
    manager = member(till, "M01")
    for report in (shifts.x_report(manager), shifts.close_shift(manager, {"note_100000": 2})):
        text = decode(Path(shifts.print_report(report)).read_bytes())
        assert any("PT Maju Jaya Sejahtera" in line for line in text.lines), report.kind
        assert any("NPWP 01.234.567.8-901.000" in line for line in text.lines), report.kind


def test_the_profile_is_applied_with_its_journal_entry(till: OpenTill) -> None:
    sync_applies(till, cloud_store(2, npwp="012345678901000", prices_include_tax=False))
    sync_applies(till, cloud_store(2, npwp="012345678901000", prices_include_tax=False))
    with read_session(till.store.session_factory, "test") as session:
        entries = [
            e
            for e in journal.entries(session, after_seq=0, limit=100)
            if e.kind == JournalKind.SETTINGS_CHANGE
        ]
    assert len(entries) == 1  # the same version again changes nothing
    data = json.loads(entries[0].data)
    assert (data["section"], data["old_version"], data["new_version"]) == ("store_profile", 1, 2)
    assert data["changed"] == {
        "npwp": ["", "012345678901000"],
        "prices_include_tax": [True, False],
    }


def test_a_profile_that_cannot_be_journaled_is_not_applied(
    till: OpenTill, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("journal refused")

    monkeypatch.setattr(journal, "append", refuse)
    with pytest.raises(RuntimeError):
        sync_applies(till, cloud_store(2, prices_include_tax=False))
    assert till.store.settings.store_profile() == replace(VERSION_1)
