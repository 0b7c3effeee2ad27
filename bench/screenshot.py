"""Screenshot of the real sale screen with the demo store, for the README.

Run under a virtual screen: ``xvfb-run -s "-screen 0 1024x768x24" .venv/bin/python -m
bench.screenshot``. It seeds a throw-away demo till, logs in with a demo PIN through the login
screen, scans a few demo barcodes (one ``3*`` multiplier, one scale label) and saves the window.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from bench.staff import PINS, add_bench_staff
from bench.ui import wait_until
from pos_desktop.app import build_gui, seed_demo_store
from pos_desktop.config import TillConfig
from pos_desktop.domain.barcode import gtin_check_digit
from pos_desktop.domain.demo_catalog import demo_products
from pos_desktop.paths import resolve_paths
from pos_desktop.ui.shift_dialogs import OpenShiftDialog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.screenshot")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots/sale-screen.png"))
    args = parser.parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="pos-shot-"))
    os.environ["POS_DESKTOP_HOME"] = str(home)
    paths = resolve_paths()
    seed_demo_store(paths)
    add_bench_staff(paths)
    gui = build_gui(paths, TillConfig(idle_lock_minutes=0))
    try:
        window, app = gui.window, gui.app
        window.resize(1024, 768)
        wait_until(app, lambda: gui.worker.pending == 0)
        member = next(m for m in gui.till.context.staff.active_staff() if m.name == "Siti")
        window.login.select_staff(member.user_id)
        window.login.submit_pin(PINS[member.code])
        wait_until(app, lambda: window.cashier is not None)
        # The first login of the day asks for the opening float.
        wait_until(app, lambda: isinstance(window.sale.dialog, OpenShiftDialog))
        opening = window.sale.dialog
        assert isinstance(opening, OpenShiftDialog)
        opening.float_field.setText("500.000")
        opening.submit()
        wait_until(app, lambda: window.store_operations.shift is not None)
        wait_until(app, lambda: window.sale.dialog is None)
        products = demo_products()
        packaged = [p for p in products if p.barcode]
        weighed = next(p for p in products if p.sold_by_weight)
        body = f"{weighed.in_store_code}01250"  # 1,250 kg on the scale label
        scans = [
            packaged[0].barcode,
            f"3*{packaged[40].barcode}",
            packaged[120].barcode,
            body + str(gtin_check_digit(body)),
            packaged[260].barcode,
            packaged[333].barcode,
        ]
        screen = window.sale
        for code in scans:
            screen.barcode.setText(code)
            screen.submit_scan()
            wait_until(app, lambda: gui.worker.pending == 0)
        for _ in range(20):
            app.processEvents()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(args.out))
    finally:
        gui.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
