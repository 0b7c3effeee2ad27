"""``make run``: a demo till with a seeded store, in one folder, ready to sell.

Everything lives under ``--home`` (config, database, receipts, logs), so the demo never touches a
real till's data and can be thrown away with one ``rm -r``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

DEMO_CONFIG = """\
# Demo till settings. See docs/store-it.md for every key.
language = "id"          # "id" (Bahasa Indonesia) or "en"
idle_lock_minutes = 5    # 0 turns auto-lock off

[receipt]
columns = 48             # 32 for 58 mm paper, 48 for 80 mm
money_space = false      # true prints "Rp 12.500" instead of "Rp12.500"
"""


def prepare(home: Path) -> None:
    """Create the demo folder, its config and the seeded database if they are missing."""
    from pos_desktop.app import seed_demo_store
    from pos_desktop.localdb.seed import DEMO_STAFF
    from pos_desktop.paths import resolve_paths

    os.environ["POS_DESKTOP_HOME"] = str(home)
    paths = resolve_paths()
    paths.ensure()
    if not paths.config_file.exists():
        paths.config_file.write_text(DEMO_CONFIG, encoding="utf-8")
    seeded = seed_demo_store(paths)
    out = sys.stdout
    out.write(f"Demo till in {home} ({'new store seeded' if seeded else 'existing data kept'})\n")
    out.write("Log in with:\n")
    for staff in DEMO_STAFF:
        out.write(f"  {staff.name:<8} {staff.role:<10} PIN {staff.pin}\n")
    out.write(f"Receipts are written to {paths.receipts_dir}\n")
    out.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pos_desktop.demo")
    parser.add_argument("--home", type=Path, default=Path("var/demo"))
    parser.add_argument(
        "--prepare-only", action="store_true", help="seed and configure, do not open the till"
    )
    args = parser.parse_args(argv)
    home = args.home.resolve()
    from pos_desktop.logging_setup import setup_logging

    setup_logging(home / "logs")
    prepare(home)
    if args.prepare_only:
        return 0
    from pos_desktop.cli import main as cli_main

    logging.getLogger(__name__).info("starting the demo till")
    return cli_main(["run"])


if __name__ == "__main__":
    raise SystemExit(main())
