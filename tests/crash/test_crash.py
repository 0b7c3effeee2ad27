"""SIGKILL a selling till at random moments and prove no sale is ever half there or lost.

Each round starts ``seller.py`` (the real app code path), lets it sell for a random time, kills
it with SIGKILL, then checks the database: ``PRAGMA integrity_check`` is ok; every sale is
complete (lines, tenders, taxes and outbox row all match its document) or absent; receipt
numbers are gap-free; every sale the seller reported committed and every receipt file on disk
belongs to a stored sale.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos_desktop.app import seed_demo_store
from pos_desktop.paths import resolve_paths
from tests.demo_staff import add_demo_staff_to

ROUNDS = int(os.environ.get("POS_CRASH_ROUNDS", "50"))
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("crash")]


def _seeded_home(tmp_path: Path) -> Path:
    home = tmp_path / "till"
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(home)})
    assert seed_demo_store(paths)
    add_demo_staff_to(paths)
    return home


def _run_round(home: Path, seed: int, rng: random.Random) -> set[str]:
    """One life of the seller; returns the receipt numbers it reported as committed."""
    env = dict(os.environ, POS_DESKTOP_HOME=str(home), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.seller", str(seed)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if first.strip() != "READY":
        proc.kill()
        _, err = proc.communicate()
        pytest.fail(f"seller did not start: {first!r} {err}")
    time.sleep(rng.uniform(0.02, 0.5))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, err
    return {line.split()[1] for line in out.splitlines() if line.startswith("COMMITTED ")}


def _check_database(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sales = conn.execute("SELECT sale_id, receipt_no, document FROM sales").fetchall()
        for sale_id, receipt_no, document in sales:
            doc = json.loads(document)
            lines = conn.execute(
                "SELECT count(*) FROM sale_lines WHERE sale_id = ?", (sale_id,)
            ).fetchone()[0]
            tenders = conn.execute(
                "SELECT count(*) FROM sale_tenders WHERE sale_id = ?", (sale_id,)
            ).fetchone()[0]
            outbox = conn.execute(
                "SELECT count(*) FROM outbox WHERE sale_id = ?", (sale_id,)
            ).fetchone()[0]
            assert lines == len(doc["lines"]) > 0, receipt_no
            assert tenders == len(doc["tenders"]) > 0, receipt_no
            assert outbox == 1, receipt_no
            assert (
                sum(ln["net"] for ln in doc["lines"]) + doc["tax_added"] + doc["rounding"]
                == doc["total"]
            )
        numbers = sorted(int(r.rsplit("-", 1)[1]) for _, r, _ in sales)
        assert numbers == list(range(1, len(numbers) + 1)), "receipt numbers have a gap"
        orphans = conn.execute(
            "SELECT count(*) FROM sale_lines WHERE sale_id NOT IN (SELECT sale_id FROM sales)"
        ).fetchone()[0]
        assert orphans == 0
        return {r for _, r, _ in sales}
    finally:
        conn.close()


def test_sigkill_during_sales_never_loses_or_halves_a_sale(tmp_path: Path) -> None:
    home = _seeded_home(tmp_path)
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(home)})
    rng = random.Random(20261128)
    reported: set[str] = set()
    for round_no in range(ROUNDS):
        reported |= _run_round(home, round_no, rng)
        stored = _check_database(paths.database)
        missing = reported - stored
        assert not missing, f"round {round_no}: committed sales lost: {sorted(missing)[:5]}"
        receipts = {p.name.split(".")[0] for p in paths.receipts_dir.glob("*.bin")}
        assert receipts <= stored, f"round {round_no}: receipt without sale"
    assert len(reported) > ROUNDS, "the seller barely sold; the test proved little"
