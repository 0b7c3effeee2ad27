"""The side-by-side benchmark runs and writes its table. Nothing here reads a time: shared
machines are noisy, so the numbers are for a person to judge, never a test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bench import side_by_side
from bench.side_by_side import BENCHMARKS, Comparison, Side

ROOT = Path(__file__).resolve().parents[2]


def test_table_puts_both_sides_of_each_benchmark_on_one_row() -> None:
    before, after = Side("before (abc1234)", ROOT), Side("after (def5678)", ROOT)
    comparison = Comparison(before, after, 2, "2 rounds")
    for side, scale in ((before, 1.0), (after, 2.0)):
        for _round in range(2):
            comparison.add(side, {key: [scale, scale * 3] for key, _name in BENCHMARKS})

    lines = side_by_side.table(comparison)

    assert "`before (abc1234)`" in lines[0] and "`after (def5678)`" in lines[0]
    rows = [line for line in lines if line.startswith("| ") and "---" not in line][1:]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == [n for _k, n in BENCHMARKS]
    cells = rows[0].strip("| ").split(" | ")
    assert cells[1:] == [
        "4",
        "2.00 ms",
        "4.00 ms",
        "2.00",
        "3.00 ms",
        "6.00 ms",
        "2.00",
        "0 of 2",
    ]


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout"
)
def test_one_small_round_against_a_worktree_of_head(tmp_path: Path) -> None:
    """The whole path with tiny counts: a worktree as the baseline, a home built by each side's
    code, one child per side running the GUI and storage timings, the worktree removed."""
    comparison = side_by_side.run(
        tmp_path,
        baseline_ref="HEAD",
        rounds=1,
        sales=1,
        lines=2,
        commits=2,
        size=300,
        warmup_scans=0,
    )

    assert comparison.baseline.label.startswith("before (")
    for key, _name in BENCHMARKS:
        for side in (comparison.baseline, comparison.candidate):
            assert comparison.sample(key, side).values
    assert len(side_by_side.table(comparison)) == 6 + len(BENCHMARKS)
    worktrees = subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True, check=True
    ).stdout
    assert str(comparison.baseline.tree) not in worktrees
    assert not comparison.baseline.tree.exists()
