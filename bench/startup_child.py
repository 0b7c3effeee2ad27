"""Started by ``bench.startup``: open the real app, log in with a PIN, say when ready to scan.

Prints ``LOGIN`` when the login screen shows the staff and ``SCAN <s> <rss MB>`` when the sale
screen shows its barcode field; the parent times the lines as they arrive.
"""

from __future__ import annotations

import sys
import time

T0 = time.perf_counter()


def main() -> int:
    from bench.staff import PINS
    from pos_desktop.app import build_gui
    from pos_desktop.config import TillConfig
    from pos_desktop.paths import resolve_paths

    gui = build_gui(resolve_paths(), TillConfig(idle_lock_minutes=0))
    window = gui.window

    def staff_loaded() -> None:
        sys.stdout.write(f"LOGIN {time.perf_counter() - T0:.4f}\n")
        sys.stdout.flush()
        member = gui.till.context.staff.active_staff()[0]
        window.login.select_staff(member.user_id)
        window.login.submit_pin(PINS[member.code])

    def logged_in(_member: object) -> None:
        gui.app.processEvents()
        ready = window.sale.barcode.hasFocus() or window.sale.barcode.isVisible()
        from bench.ui import rss_mb

        sys.stdout.write(f"SCAN {time.perf_counter() - T0:.4f} {rss_mb():.1f} {ready}\n")
        sys.stdout.flush()
        gui.app.quit()

    window.login.staffLoaded.connect(staff_loaded)
    window.loggedIn.connect(logged_in)
    try:
        return gui.app.exec()
    finally:
        gui.close()


if __name__ == "__main__":
    raise SystemExit(main())
