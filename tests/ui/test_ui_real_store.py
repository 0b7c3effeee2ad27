"""A complete sale through the real widgets on the real local store and receipt sink:
the rows in SQLite (sale, lines, tenders, outbox) and the receipt text are checked."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt

from pos_desktop.config import ReceiptConfig, TillConfig
from pos_desktop.localdb.seed import seed_demo
from pos_desktop.localdb.store import LocalStore, open_local_store
from pos_desktop.receipts.escpos_render import PrinterProfile
from pos_desktop.receipts.model import StoreInfo
from pos_desktop.receipts.sink import FileReceiptSink
from pos_desktop.services.checkout import TillService
from pos_desktop.ui.context import TillContext
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.receipt_preview import ReceiptPreviewDialog
from tests.demo_staff import add_demo_staff
from tests.escpos_decoder import decode
from tests.ui.fakes import Clock, ean13
from tests.ui.helpers import cart_rows, idle, open_payment, scan

INDOMIE_ORIGINAL = "8998551019898"  # Rp3.500
INDOMIE_RENDANG = "8998551019911"  # Rp3.600
BEEF_LABEL = ean13("20" + "10001" + "01250")  # scale label: item 2010001, 1,250 kg at Rp140.500/kg

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    store = open_local_store(tmp_path / "till.sqlite3", hasher=CHEAP)
    seed_demo(store.session_factory)
    add_demo_staff(store.session_factory, CHEAP)
    yield store
    store.close()


@pytest.fixture
def till(store: LocalStore, tmp_path: Path) -> tuple[TillContext, FileReceiptSink]:
    profile = store.settings.store_profile()
    config = TillConfig(receipt=ReceiptConfig(columns=48, output_dir=tmp_path / "receipts"))
    sink = FileReceiptSink(
        tmp_path / "receipts",
        StoreInfo(
            name=profile.name,
            address_lines=profile.address_lines,
            npwp=profile.npwp,
            phone=profile.phone,
            footer_lines=profile.footer_lines,
        ),
        ppn_enabled=profile.tax.ppn_enabled,
        profile=PrinterProfile(columns=48),
    )
    service = TillService(store.catalog, store.sales, sink, config.barcode_rules)
    context = TillContext(
        till=service, staff=store.staff, profile=profile, config=config, clock=Clock()
    )
    return context, sink


def test_a_full_sale_on_the_real_store(qtbot, indonesian, worker, store, till, tmp_path):
    context, sink = till
    window = MainWindow(context, worker, idle_lock_ms=0)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitUntil(lambda: len(window.login.staff) == 3)

    siti = next(m for m in window.login.staff if m.code == "K01")
    window.login.select_staff(siti.user_id)
    qtbot.keyClicks(window.login.pin, "1111")
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sale, timeout=10_000)
    screen = window.sale

    scan(qtbot, screen, INDOMIE_ORIGINAL)
    scan(qtbot, screen, f"3*{INDOMIE_RENDANG}")
    screen.line_discount("10%")  # on the selected Rendang line: 10.800 - 1.080
    scan(qtbot, screen, BEEF_LABEL)
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F6)
    dialog = screen.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.field, "500")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.dialog is None)

    assert [row[1:] for row in cart_rows(screen)] == [
        ["Indomie Goreng Original 85 g", "1", "Rp3.500", "", "Rp3.500"],
        ["Indomie Goreng Rendang 85 g", "3", "Rp3.600", "10% (-Rp1.080)", "Rp9.720"],
        ["Daging Sapi Has Dalam", "1,250 kg", "Rp140.500", "", "Rp175.625"],
    ]
    # 188.845 - 500 = 188.345, pembulatan to Rp100: -45
    assert screen.sum_values["rounding"].text() == "-Rp45"
    assert screen.total_label.text() == "Rp188.300"

    pay = open_payment(qtbot, screen)
    qtbot.keyClicks(pay.cash_field, "200000")
    qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(pay.completed, timeout=10_000) as done:
        qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    committed = done.args[0]
    assert committed.receipt_error is None
    qtbot.waitUntil(lambda: screen.change_visible)
    assert screen.change_caption.text() == "Kembalian"
    assert screen.change_label.text() == "Rp11.700"
    assert cart_rows(screen) == []

    # The rows in the database, written in one transaction.
    receipt_no = committed.sale.receipt_no
    db = sqlite3.connect(tmp_path / "till.sqlite3")
    try:
        [(sale_id, total, paid, change, cashier)] = db.execute(
            "SELECT sale_id, total, paid, change, cashier_code FROM sales WHERE receipt_no = ?",
            (receipt_no,),
        ).fetchall()
        lines = db.execute(
            "SELECT name, quantity_milli, line_discount, order_discount, net FROM sale_lines"
            " WHERE sale_id = ? ORDER BY line_no",
            (sale_id,),
        ).fetchall()
        tenders = db.execute(
            "SELECT kind, amount FROM sale_tenders WHERE sale_id = ?", (sale_id,)
        ).fetchall()
        outbox = db.execute("SELECT status FROM outbox WHERE sale_id = ?", (sale_id,)).fetchall()
    finally:
        db.close()
    assert (total, paid, change, cashier) == (188_300, 200_000, 11_700, "K01")
    assert [(n, q, d) for n, q, d, _o, _net in lines] == [
        ("Indomie Goreng Original 85 g", 1000, 0),
        ("Indomie Goreng Rendang 85 g", 3000, 1080),
        ("Daging Sapi Has Dalam", 1250, 0),
    ]
    assert sum(o for *_x, o, _net in lines) == 500
    assert sum(net for *_x, net in lines) == 188_345
    assert tenders == [("cash", 200_000)]
    assert outbox == [("pending",)]

    # The receipt: printed bytes and the on-screen preview say the same.
    printed = decode(Path(committed.receipt_target).read_bytes())
    assert receipt_no in printed.text
    assert any("Kembalian" in line and "11.700" in line for line in printed.lines)
    assert any("TOTAL" in line and "188.300" in line for line in printed.lines)
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F11)
    preview = screen.dialog
    assert isinstance(preview, ReceiptPreviewDialog)
    assert preview.preview.toPlainText() == "\n".join(sink.preview(committed.sale))

    # F10 in the preview reprints a copy via the sink.
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview, Qt.Key.Key_F10)
    idle(qtbot, screen)
    copies = sorted((tmp_path / "receipts").glob(f"{receipt_no}.copy-*.bin"))
    assert len(copies) == 1
    assert "SALINAN" in decode(copies[0].read_bytes()).text
    window.close()
