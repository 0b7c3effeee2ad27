"""This tree's till against a baseline checkout, in one run: the scan-to-row and sale-commit
benchmarks, timed in child processes that take turns (A B, B A, A B, ...) so both sides share
the machine's noise.

Issue 11 asks that its refactor leave these benchmarks no slower "side by side with today's
code in the same run". Numbers from different runs on a shared machine cannot show that: the
load of the moment moves a p99 more than a refactor does. So each side gets a fresh benchmark
home built by its own code, and every round runs one child per side, alternating which goes
first. The baseline is a ``git worktree`` of ``BASELINE_REF`` in a temporary folder, run by the
same interpreter with ``PYTHONPATH`` at it; the child (``side_by_side_child.py``, always this
tree's copy) uses only public names both checkouts have.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.stats import Sample
from pos_desktop.qm_compiler import compile_folder

log = logging.getLogger(__name__)

BASELINE_REF = "d822c09"
"""The last commit before issue 11's refactor (its first is 24925a6), which the issue's measure
compares with. 5881f7a, the start of that session, also holds issue 10's slower paid sale."""
"""The till before issue 11's refactor (the base the issue's session started from)."""

REPO = Path(__file__).resolve().parents[1]
CHILD = Path(__file__).with_name("side_by_side_child.py")
RUNNER = (
    "import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)
"""Runs the child by path with ``sys.path[0]`` the child's working directory (the checkout)
rather than this tree's bench folder, so ``pos_desktop`` and ``bench`` come from the checkout."""

BENCHMARKS = (
    ("scan", "Enter on a barcode to cart row painted"),
    ("gui_commit", "Enter on a paid sale to the cart painted empty (commit, receipt, screen)"),
    ("storage_commit", "durable 10-line sale commit (synchronous=FULL)"),
)
"""The child's result keys and the names the tables give them (bench/ui.py and
bench/storage.py use the same names for the first and last)."""


@dataclass(frozen=True, slots=True)
class Side:
    """One checkout under test: where its code is and what to call it."""

    label: str
    tree: Path


@dataclass(slots=True)
class Comparison:
    """Timings of both sides, kept per round so the tables can say how often each won."""

    baseline: Side
    candidate: Side
    rounds: int
    setting: str
    timings: dict[str, dict[str, list[list[float]]]] = field(default_factory=dict)
    """benchmark key -> side label -> one list of milliseconds per round."""
    seconds: float = 0.0

    def add(self, side: Side, result: dict[str, list[float]]) -> None:
        for key, _name in BENCHMARKS:
            self.timings.setdefault(key, {}).setdefault(side.label, []).append(result[key])

    def sample(self, key: str, side: Side) -> Sample:
        rounds = self.timings.get(key, {}).get(side.label, [])
        return Sample(dict(BENCHMARKS)[key], "ms", [v for r in rounds for v in r])

    def rounds_faster(self, key: str) -> tuple[int, int]:
        """Rounds in which the candidate's median was at most the baseline's, of all rounds."""
        after = self.timings.get(key, {}).get(self.candidate.label, [])
        before = self.timings.get(key, {}).get(self.baseline.label, [])
        pairs = [(a, b) for a, b in zip(after, before, strict=True) if a and b]
        wins = sum(1 for a, b in pairs if statistics.median(a) <= statistics.median(b))
        return wins, len(pairs)


def git(*args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def describe_tree(ref: str | None) -> str:
    """``ref`` as a short commit, or the working tree as HEAD's and whether it has changes."""
    commit = git("rev-parse", "--short", ref or "HEAD")
    if ref is not None:
        return commit
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "pos_desktop")
    return f"working tree at {commit}" + (", with uncommitted changes" if dirty else "")


def compile_translations(tree: Path) -> None:
    """The .qm files ``make translations`` makes, so both sides speak the same language (git
    holds only the .ts sources); compiled by this tree's compiler, which older trees lack."""
    compile_folder(tree / "pos_desktop" / "i18n")


@contextmanager
def checkout(ref: str) -> Iterator[Path]:
    """A detached ``git worktree`` of ``ref`` in a temporary folder, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="pos-bench-checkout-"))
    tree = folder / "tree"
    git("worktree", "add", "--detach", str(tree), ref)
    try:
        compile_translations(tree)
        yield tree
    finally:
        try:
            git("worktree", "remove", "--force", str(tree))
        except subprocess.CalledProcessError as error:
            log.warning("worktree %s not removed: %s", tree, error.stderr)
        shutil.rmtree(folder, ignore_errors=True)


def child(tree: Path, *args: str, timeout_s: float = 1800.0) -> dict[str, object]:
    """Run the child against ``tree``; its last stdout line is its JSON answer."""
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    env.pop("POS_DESKTOP_HOME", None)
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(CHILD), *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"benchmark child {' '.join(args[:1])} failed in {tree} "
            f"(exit {done.returncode}):\n{done.stderr[-4000:]}"
        )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(answer, dict)
    code = Path(str(answer.get("code", ""))).resolve()
    if not code.is_relative_to(tree.resolve()):
        raise RuntimeError(f"the child imported pos_desktop from {code}, not from {tree}")
    return answer


def fresh_home(side: Side, root: Path, size: int) -> Path:
    """A new benchmark home for ``side``, built by its own code (schemas and seeding differ
    between versions), so neither side starts with the other's sales or migrations."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    answer = child(side.tree, "home", "--root", str(root), "--size", str(size))
    return Path(str(answer["home"]))


def run(
    work: Path,
    *,
    baseline_ref: str = BASELINE_REF,
    candidate_ref: str | None = None,
    rounds: int = 10,
    sales: int = 30,
    lines: int = 10,
    commits: int = 200,
    size: int = 300_000,
    warmup_scans: int = 20,
) -> Comparison:
    """``rounds`` rounds of one child per side, alternating which side goes first. Each child
    rings up ``sales`` sales of ``lines`` scans in the GUI (after whole sales of at least
    ``warmup_scans`` scans it does not count) and times ``commits`` storage commits.
    ``candidate_ref`` None means this working tree, which the rest of ``make bench`` times."""
    started = time.perf_counter()
    with checkout(baseline_ref) as base_tree, _candidate_tree(candidate_ref) as after_tree:
        baseline = Side(f"before ({describe_tree(baseline_ref)})", base_tree)
        candidate = Side(f"after ({describe_tree(candidate_ref)})", after_tree)
        homes = {
            side.label: fresh_home(side, work / name, size)
            for side, name in ((baseline, "before"), (candidate, "after"))
        }
        comparison = Comparison(
            baseline,
            candidate,
            rounds,
            f"{rounds} rounds; each child rings up {sales} sales of {lines} scans "
            f"and times {commits} storage commits; catalog of {size:,} products",
        )
        sizes = ["--sales", str(sales), "--lines", str(lines), "--commits", str(commits)]
        sizes += ["--warmup-scans", str(warmup_scans)]
        for round_no in range(rounds):
            order = (baseline, candidate) if round_no % 2 == 0 else (candidate, baseline)
            for side in order:
                answer = child(side.tree, "run", "--home", str(homes[side.label]), *sizes)
                comparison.add(side, {k: _floats(answer[k]) for k, _ in BENCHMARKS})
            log.info("side-by-side round %d of %d done", round_no + 1, rounds)
    comparison.seconds = time.perf_counter() - started
    return comparison


@contextmanager
def _candidate_tree(ref: str | None) -> Iterator[Path]:
    if ref is None:
        yield REPO
        return
    with checkout(ref) as tree:
        yield tree


def _floats(value: object) -> list[float]:
    assert isinstance(value, list)
    return [float(v) for v in value]


def table(comparison: Comparison) -> list[str]:
    """Markdown lines: per benchmark, both sides' medians and p99s and the ratio after/before,
    and in how many rounds the median after was not above the median before."""
    before, after = comparison.baseline, comparison.candidate
    rows = [
        f"Before: `{before.label}`; after: `{after.label}`. {comparison.setting}. "
        f"Took {comparison.seconds / 60:.1f} min.",
        "",
        "Each round runs one child process per side, the two in turn and the first side "
        "alternating, so both share the machine's load; each side sells in a fresh till home "
        "built by its own code. The last column is a sign test: about half the rounds means "
        "no difference beyond the noise.",
        "",
        "| benchmark | runs each | median before | median after | after / before "
        "| p99 before | p99 after | after / before | rounds with median after <= before |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, name in BENCHMARKS:
        a, b = comparison.sample(key, before), comparison.sample(key, after)
        if not a.values or not b.values:
            rows.append(f"| {name} | 0 | | | | | | | |")
            continue
        wins, of = comparison.rounds_faster(key)
        runs = (
            f"{len(a.values)}"
            if len(a.values) == len(b.values)
            else f"{len(a.values)} / {len(b.values)}"
        )
        rows.append(
            f"| {name} | {runs} | {a.median:.2f} ms | {b.median:.2f} ms "
            f"| {b.median / a.median:.2f} | {a.p99:.2f} ms | {b.p99:.2f} ms "
            f"| {b.p99 / a.p99:.2f} | {wins} of {of} |"
        )
    return rows
