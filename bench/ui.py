"""Enter on a barcode to the cart row painted, through the real sale screen (offscreen Qt)."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.stats import Sample
from pos_desktop.app import Gui, build_gui
from pos_desktop.config import TillConfig
from pos_desktop.paths import AppPaths
from pos_desktop.services.checkout import SaleSession
from pos_desktop.services.ports import StaffMember


class PaintWatch(QObject):
    """Counts paint events on a widget (the cart table's viewport)."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def wait_until(app: QApplication, condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        app.processEvents()


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def ensure_shift(gui: Gui, cashier: StaffMember) -> None:
    """Benchmarks sell in an open cash shift, as a till does; opened here directly (set-up, not
    measured) so the opening-float prompt does not stand over the sale screen."""
    shifts = gui.till.context.shifts
    if shifts is not None and shifts.current() is None:
        shifts.open_shift(cashier, 0)


def logged_in_gui(paths: AppPaths) -> Gui:
    gui = build_gui(paths, TillConfig(idle_lock_minutes=0))
    staff = gui.till.context.staff.active_staff()
    cashier = next(s for s in staff if s.role == "cashier")
    ensure_shift(gui, cashier)
    gui.window.start_shift_for(cashier)
    wait_until(gui.app, lambda: gui.worker.pending == 0)
    return gui


def run(
    paths: AppPaths, repeat: int = 1000, lines_per_cart: int = 30
) -> tuple[list[Sample], float]:
    conn = sqlite3.connect(paths.database)
    codes = [
        r[0]
        for r in conn.execute("SELECT barcode FROM product_barcodes ORDER BY random() LIMIT 5000")
    ]
    conn.close()
    rng = random.Random(11)
    gui = logged_in_gui(paths)
    try:
        app, screen = gui.app, gui.window.sale
        watch = PaintWatch()
        screen.table.viewport().installEventFilter(watch)
        added: list[int] = []
        """Paint count at each lineAdded, so a paint in the same event batch still counts."""
        screen.lineAdded.connect(lambda _line: added.append(watch.paints))
        cashier = gui.window.cashier
        assert cashier is not None
        timings: list[float] = []
        for i in range(repeat + 20):
            if i % lines_per_cart == 0:
                screen.set_cashier(cashier, SaleSession(gui.till.context.profile))
                app.processEvents()
            screen.barcode.setText(rng.choice(codes))
            before_added = len(added)
            start = time.perf_counter()
            QTest.keyClick(screen.barcode, Qt.Key.Key_Return)
            wait_until(app, lambda n=before_added: len(added) > n)  # type: ignore[misc]
            mark = added[-1]
            wait_until(app, lambda n=mark: watch.paints > n)  # type: ignore[misc]
            elapsed = (time.perf_counter() - start) * 1000.0
            if i >= 20:
                timings.append(elapsed)
        memory = rss_mb()
    finally:
        gui.close()
    return [Sample("Enter on a barcode to cart row painted", "ms", timings, "p99 < 16 ms")], memory
