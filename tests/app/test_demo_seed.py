"""``pos-desktop seed-demo`` says what it did: seeded, nothing (a till with products), or added."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pos_desktop.cli import main
from pos_desktop.paths import resolve_paths


def product_count(database: Path) -> int:
    conn = sqlite3.connect(database)
    try:
        count: int = conn.execute("SELECT count(*) FROM products").fetchone()[0]
    finally:
        conn.close()
    return count


def test_seed_demo_says_what_it_did(till_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = resolve_paths().database
    assert main(["seed-demo"]) == 0
    first = capsys.readouterr().out
    seeded = product_count(database)
    assert seeded >= 500
    assert f"demo store seeded in {till_home / 'data'}: {seeded} products" in first

    # Again on a till that has products: nothing is done, and it says so (not "seeded").
    assert main(["seed-demo"]) == 0
    again = capsys.readouterr().out
    assert again.strip() == (
        f"the till already has {seeded} products; nothing seeded "
        "(--force adds the demo products it lacks)"
    )
    assert product_count(database) == seeded

    # --force adds only what is missing.
    conn = sqlite3.connect(database)
    with conn:
        gone = conn.execute("SELECT id FROM products ORDER BY sku LIMIT 2").fetchall()
        for (product_id,) in gone:
            conn.execute("DELETE FROM product_barcodes WHERE product_id = ?", (product_id,))
            conn.execute("DELETE FROM products WHERE id = ?", (product_id,))
    conn.close()
    assert main(["seed-demo", "--force"]) == 0
    forced = capsys.readouterr().out
    assert f"2 demo products added in {till_home / 'data'} ({seeded - 2} products" in forced
    assert product_count(database) == seeded
