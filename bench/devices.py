"""Device paths: a code on a serial scanner to the cart row painted, and the ESC/POS bytes of a
50-line receipt. The scanner is a pty (POSIX only) played by this process, so the timing covers
the real path: pyserial read on the scanner thread, the queued Qt signal, the lookup on the
database thread, the cart model and the paint."""

from __future__ import annotations

import os
import random
import sqlite3
import time
import tty
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from bench.stats import Sample, timed_ms
from bench.ui import PaintWatch, ensure_shift, wait_until
from pos_desktop.app import build_gui
from pos_desktop.config import TillConfig
from pos_desktop.devices.config import parse_devices
from pos_desktop.devices.lifecycle import DeviceState
from pos_desktop.domain.cart import Cart, Product
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord, build_sale
from pos_desktop.domain.tax import PPN_STANDARD, TaxSettings
from pos_desktop.domain.totals import compute_totals
from pos_desktop.paths import AppPaths
from pos_desktop.receipts import PROFILE_80MM, StoreInfo, build_receipt, render_escpos
from pos_desktop.services.checkout import SaleSession

STORE = StoreInfo(
    "Toko Bench", ("Jl. Contoh 1", "Bandung"), "01.234.567.8-901.000", "022-1", ("Terima kasih",)
)


def fifty_line_sale() -> SaleRecord:
    cart = Cart()
    for i in range(50):
        name = f"Produk nomor {i:02d} dengan nama yang cukup panjang 500 g"
        cart.add(Product(f"p{i}", f"SKU{i}", name, 1_000 + 250 * i, PPN_STANDARD), Decimal(2))
    tax = TaxSettings(ppn_enabled=True, prices_include_tax=True)
    totals = compute_totals(cart.lines, None, tax, 100)
    payment = Payment(total_due=totals.total)
    payment.add(Tender(TenderKind.CASH, totals.total + 5_000))
    return build_sale(
        sale_id="bench",
        receipt_no="S01-T01-000001",
        store_code="S01",
        till_code="T01",
        sold_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        cashier_code="K01",
        cashier_name="Siti",
        currency="IDR",
        prices_include_tax=True,
        cart=cart,
        totals=totals,
        payment=payment,
    )


def receipt_bytes_ms(repeat: int) -> Sample:
    sale = fifty_line_sale()

    def render() -> None:
        render_escpos(build_receipt(sale, STORE, ppn_enabled=True), PROFILE_80MM)

    return Sample("50-line receipt to ESC/POS bytes", "ms", timed_ms(render, repeat), "< 20 ms")


def serial_scan_ms(paths: AppPaths, repeat: int, lines_per_cart: int = 30) -> Sample:
    conn = sqlite3.connect(paths.database)
    codes = [r[0] for r in conn.execute("SELECT barcode FROM product_barcodes LIMIT 5000")]
    conn.close()
    rng = random.Random(5)
    master, slave = os.openpty()
    tty.setraw(slave)
    link = paths.data_dir / "bench-scanner"
    link.unlink(missing_ok=True)
    link.symlink_to(os.ttyname(slave))
    devices = parse_devices({"scanner": {"url": f"serial://{link}"}})
    gui = build_gui(paths, replace(TillConfig(idle_lock_minutes=0), devices=devices))
    try:
        app, screen, hub = gui.app, gui.window.sale, gui.till.devices
        assert hub is not None
        wait_until(app, lambda: all(s.state is DeviceState.ENABLED for s in hub.statuses()))
        staff = gui.till.context.staff.active_staff()
        cashier = next(s for s in staff if s.role == "cashier")
        ensure_shift(gui, cashier)
        gui.window.start_shift_for(cashier)
        wait_until(app, lambda: gui.worker.pending == 0)
        watch = PaintWatch()
        screen.table.viewport().installEventFilter(watch)
        added: list[int] = []
        screen.lineAdded.connect(lambda _line: added.append(watch.paints))
        timings: list[float] = []
        for i in range(repeat + 20):
            if i % lines_per_cart == 0:
                screen.set_cashier(cashier, SaleSession(gui.till.context.profile))
                app.processEvents()
            before = len(added)
            start = time.perf_counter()
            os.write(master, rng.choice(codes).encode() + b"\r")
            wait_until(app, lambda n=before: len(added) > n)  # type: ignore[misc]
            mark = added[-1]
            wait_until(app, lambda n=mark: watch.paints > n)  # type: ignore[misc]
            if i >= 20:
                timings.append((time.perf_counter() - start) * 1000.0)
    finally:
        gui.close()
        os.close(master)
        os.close(slave)
        link.unlink(missing_ok=True)
    return Sample("Serial scanner code to cart row painted", "ms", timings, "p99 < 20 ms")


def run(paths: AppPaths, repeat: int = 1000) -> list[Sample]:
    return [serial_scan_ms(paths, repeat), receipt_bytes_ms(min(repeat, 300))]
