"""One side of the side-by-side benchmarks: a child process timing one checkout of the till.

``bench/side_by_side.py`` runs this file with the working directory and ``PYTHONPATH`` at a
checkout (today's tree, or a ``git worktree`` of the baseline before issue 11), in the same
virtual environment. So it imports nothing from this repository's ``bench`` package, and it
uses only what every compared checkout has in public: ``pos_desktop.app.open_till`` and
``build_gui``, ``Gui.app/window/worker/till/close``, ``MainWindow.start_shift_for``, the
context's staff and shifts, ``SaleSession``, the journal's ``commit_sale``, and the widgets'
object names (barcodeField, cartTable, paymentDialog, quickCash0, cashField) rather than the
sale screen's attributes, which the refactor moves. A cashier's keys and clicks drive the GUI.

It prints one JSON object on stdout: the timings in milliseconds, by benchmark.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QPushButton,
)

import pos_desktop
from pos_desktop.app import Gui, build_gui, open_till
from pos_desktop.config import TillConfig
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.paths import resolve_paths
from pos_desktop.services.checkout import SaleSession

log = logging.getLogger("bench.side_by_side_child")

W = TypeVar("W")

WARMUP_SCANS = 20
"""Scans (whole sales, so at least this many) not counted while the caches fill, as
bench/ui.py does."""


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Spin the Qt event loop until ``condition`` holds, as bench/ui.py's helper does."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        QApplication.processEvents()


def sample_codes(database: Path, count: int, seed: int) -> list[str]:
    """One barcode per product, the same ones on every side (the catalog is deterministic)."""
    conn = sqlite3.connect(database)
    try:
        codes = sorted(
            r[0]
            for r in conn.execute("SELECT min(barcode) FROM product_barcodes GROUP BY product_id")
        )
    finally:
        conn.close()
    return random.Random(seed).sample(codes, min(count, len(codes)))


def storage_commits(
    home: Path, commits: int, lines: int, codes: list[str], seed: int
) -> list[float]:
    """The durable sale commit of bench/storage.py: a prepared ``lines``-line cash sale written
    by the journal (synchronous=FULL), timed alone."""
    rng = random.Random(seed)
    till = open_till(resolve_paths(env={"POS_DESKTOP_HOME": str(home)}), TillConfig())
    try:
        ctx = till.context
        cashier = ctx.staff.active_staff()[0]
        looked_up = [ctx.till.lookup(code) for code in codes[:200]]

        def prepared() -> Callable[[str], SaleRecord]:
            session = SaleSession(ctx.profile)
            for item in rng.sample(looked_up, lines):
                session.add(item)
            session.add_tender(Tender(TenderKind.CASH, session.begin_payment().total_due))
            return session.prepare_commit(cashier, ctx.clock())

        journal = till.store.sales
        warmup = 5
        makes = [prepared() for _ in range(commits + warmup)]
        timings: list[float] = []
        for i, make in enumerate(makes):
            start = time.perf_counter()
            journal.commit_sale(make)
            if i >= warmup:
                timings.append((time.perf_counter() - start) * 1000.0)
    finally:
        till.close()
    return timings


def find_visible(kind: type[W], name: str) -> W | None:
    """The shown widget of this type and object name, in whichever window holds it."""
    for widget in QApplication.allWidgets():
        if isinstance(widget, kind) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


class PaintWatch(QObject):
    """Counts paint events on a widget (the cart table's viewport)."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class SaleScreenDriver:
    """A cashier at the sale screen of ``gui``: keys and clicks on widgets found by their
    object names, and the cart model's own signals to know when a row came or the cart
    emptied (the paint count at that moment, so a paint in the same event batch counts)."""

    def __init__(self, gui: Gui) -> None:
        self.gui = gui
        barcode = gui.window.findChild(QLineEdit, "barcodeField")
        table = gui.window.findChild(QAbstractItemView, "cartTable")
        assert barcode is not None and table is not None, "sale screen widgets not found"
        self.barcode = barcode
        self.model = table.model()
        self.watch = PaintWatch()
        table.viewport().installEventFilter(self.watch)
        self.added: list[int] = []
        self.emptied: list[int] = []
        self.model.rowsInserted.connect(lambda *_: self.added.append(self.watch.paints))
        self.model.rowsRemoved.connect(self._maybe_emptied)
        self.model.modelReset.connect(self._maybe_emptied)

    def _maybe_emptied(self, *_: object) -> None:
        if self.model.rowCount() == 0:
            self.emptied.append(self.watch.paints)

    def painted_after(self, marks: list[int], before: int) -> None:
        wait_until(lambda: len(marks) > before)
        mark = marks[-1]
        wait_until(lambda: self.watch.paints > mark)

    def scan(self, code: str) -> float:
        """Milliseconds from Enter on ``code`` to its cart row painted."""
        self.barcode.setText(code)
        before = len(self.added)
        start = time.perf_counter()
        QTest.keyClick(self.barcode, Qt.Key.Key_Return)
        self.painted_after(self.added, before)
        return (time.perf_counter() - start) * 1000.0

    def pay_exact_cash(self) -> float:
        """F12, the exact-cash button, then milliseconds from the Enter that completes the
        sale to the payment dialog gone and the cart painted empty."""
        wait_until(lambda: self.gui.worker.pending == 0)
        QTest.keyClick(self.barcode, Qt.Key.Key_F12)
        wait_until(lambda: find_visible(QDialog, "paymentDialog") is not None)
        dialog = find_visible(QDialog, "paymentDialog")
        assert dialog is not None
        exact = dialog.findChild(QPushButton, "quickCash0")
        cash = dialog.findChild(QLineEdit, "cashField")
        assert exact is not None and cash is not None, "payment dialog widgets not found"
        wait_until(exact.isVisible)
        QTest.mouseClick(exact, Qt.MouseButton.LeftButton)
        before = len(self.emptied)
        start = time.perf_counter()
        QTest.keyClick(cash, Qt.Key.Key_Return)
        wait_until(lambda: not dialog.isVisible())
        self.painted_after(self.emptied, before)
        elapsed = (time.perf_counter() - start) * 1000.0
        wait_until(lambda: self.gui.worker.pending == 0)  # the next sale starts on a quiet till
        return elapsed


def logged_in_gui(home: Path) -> Gui:
    """The till of ``home`` on its sale screen, a cashier signed in within an open shift."""
    gui = build_gui(
        resolve_paths(env={"POS_DESKTOP_HOME": str(home)}), TillConfig(idle_lock_minutes=0)
    )
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QDialog) and top.isVisible():
            top.reject()  # a dialog offered at start (pairing) would take the keys
    staff = gui.till.context.staff.active_staff()
    cashier = next(s for s in staff if s.role == "cashier")
    shifts = gui.till.context.shifts
    if shifts is not None and shifts.current() is None:
        shifts.open_shift(cashier, 0)  # set-up, so no opening-float prompt stands over
    gui.window.start_shift_for(cashier)
    gui.window.activateWindow()  # the sale screen's F12 answers only in the active window
    wait_until(gui.window.isActiveWindow)
    wait_until(lambda: gui.worker.pending == 0)
    return gui


def gui_sales(
    home: Path, sales: int, lines: int, codes: list[str], seed: int, warmup_scans: int
) -> tuple[list[float], list[float]]:
    """Rings up ``sales`` sales of ``lines`` scans each through the real sale screen
    (offscreen), each paid with the exact cash button and Enter, after whole sales of at least
    ``warmup_scans`` scans that are not counted. Returns the scans' and payments' times."""
    rng = random.Random(seed)
    gui = logged_in_gui(home)
    scans: list[float] = []
    commits: list[float] = []
    try:
        till = SaleScreenDriver(gui)
        warmup_sales = -(-warmup_scans // lines)
        for sale in range(sales + warmup_sales):
            times = [till.scan(code) for code in rng.sample(codes, lines)]
            paid = till.pay_exact_cash()
            if sale >= warmup_sales:
                scans += times
                commits.append(paid)
    finally:
        gui.close()
    return scans, commits


def build_home(root: Path, size: int) -> Path:
    """The checkout's own benchmark till home (bench.catalog_home of that checkout, which
    seeds the store, its staff and the synthetic catalog the way that version does)."""
    from bench.catalog_home import bench_home

    return bench_home(root, size).data_dir.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="side_by_side_child")
    sub = parser.add_subparsers(dest="command", required=True)
    home = sub.add_parser("home", help="build the checkout's benchmark home under ROOT")
    home.add_argument("--root", type=Path, required=True)
    home.add_argument("--size", type=int, required=True)
    run = sub.add_parser("run", help="time one round against HOME")
    run.add_argument("--home", type=Path, required=True)
    run.add_argument("--sales", type=int, default=20)
    run.add_argument("--lines", type=int, default=10)
    run.add_argument("--commits", type=int, default=200)
    run.add_argument("--seed", type=int, default=11)
    run.add_argument("--warmup-scans", type=int, default=WARMUP_SCANS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    code = str(Path(pos_desktop.__file__).parent)
    if args.command == "home":
        result: dict[str, object] = {"home": str(build_home(args.root, args.size)), "code": code}
    else:
        database = resolve_paths(env={"POS_DESKTOP_HOME": str(args.home)}).database
        codes = sample_codes(database, 5000, 3)
        scans, commits = gui_sales(
            args.home, args.sales, args.lines, codes, args.seed, args.warmup_scans
        )
        stored = storage_commits(args.home, args.commits, args.lines, codes, args.seed)
        result = {"scan": scans, "gui_commit": commits, "storage_commit": stored, "code": code}
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
