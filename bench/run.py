"""``make bench``: run every benchmark and write docs/benchmarks.md with the machine's details.

Benchmarks report medians and p99s; they never pass or fail a build, because shared machines are
noisy. Targets are printed beside the numbers for a person to judge.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench import (
    backoffice,
    devices,
    machine,
    server,
    side_by_side,
    startup,
    storage,
    sync,
    ui,
    webhooks,
)
from bench.catalog_home import CATALOG_SIZE, bench_home
from bench.stats import Sample

log = logging.getLogger("bench")

GROUPS = ("side-by-side", "till", "sync", "server", "backoffice", "webhooks")


def _table(samples: list[Sample]) -> list[str]:
    rows = ["| benchmark | runs | median | p99 | worst | target |", "|---|---|---|---|---|---|"]
    for s in samples:
        rows.append(
            f"| {s.name} | {len(s.values)} | {s.median:.2f} {s.unit} | {s.p99:.2f} {s.unit} "
            f"| {s.worst:.2f} {s.unit} | {s.target} |"
        )
    return rows


def _side_by_side(work: Path, baseline: str, candidate: str | None, rounds: int) -> list[str]:
    comparison = side_by_side.run(
        work, baseline_ref=baseline, candidate_ref=candidate, rounds=rounds
    )
    title = (
        "before and after issue 11's refactor"
        if baseline == side_by_side.BASELINE_REF
        else f"against {baseline}"
    )
    return [
        f"## Side by side, {title} (same run, interleaved)",
        "",
        *side_by_side.table(comparison),
        "",
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    parser.add_argument("--work", type=Path, default=Path("var/bench"))
    parser.add_argument("--repeat", type=int, default=1000)
    parser.add_argument(
        "--only",
        choices=GROUPS,
        action="append",
        help="run only these groups (default: all)",
    )
    parser.add_argument(
        "--baseline",
        default=side_by_side.BASELINE_REF,
        help="git ref the side-by-side group compares with (default: %(default)s, the till "
        "before issue 11's refactor)",
    )
    parser.add_argument(
        "--candidate",
        default=None,
        help="git ref the side-by-side group measures against the baseline (default: the working "
        "tree)",
    )
    parser.add_argument("--rounds", type=int, default=10, help="side-by-side rounds per side")
    backoffice.add_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    groups = set(args.only or GROUPS)
    work = args.work.resolve()
    sections: list[tuple[str, list[Sample]]] = []
    memory: list[str] = []
    compared: list[str] = []
    if "side-by-side" in groups:
        # First, while nothing of this run has warmed the disk cache for one side only.
        compared = _side_by_side(work / "side-by-side", args.baseline, args.candidate, args.rounds)
    if "till" in groups:
        paths = bench_home(work, CATALOG_SIZE)
        sections.append(("Storage (300,000-product catalog)", storage.run(paths, args.repeat)))
        ui_samples, ui_rss = ui.run(paths, args.repeat)
        sections.append(("Sale screen (offscreen Qt, 300,000-product catalog)", ui_samples))
        sections.append(
            (
                "Devices (fake serial scanner on a pty, receipt rendering)",
                devices.run(paths, args.repeat),
            )
        )
        start_samples, start_rss = startup.run(paths)
        sections.append(("Start-up (300,000-product catalog)", start_samples))
        memory = [
            "## Memory",
            "",
            "| measure | value | target |",
            "|---|---|---|",
            f"| resident set after 1,000 scans and searches in one process | {ui_rss:.0f} MB "
            "| < 300 MB |",
            f"| resident set of a fresh till at the sale screen | {start_rss:.0f} MB | < 300 MB |",
            "",
        ]
    if "sync" in groups:
        sections.append(("Sync (till against a local pos-server)", sync.run(work / "sync")))
    if "server" in groups:
        sections.append(
            ("Cloud API (2 workers, 100 tills, 300,000 products)", server.run(work / "server"))
        )

    backoffice_lines: list[str] = []
    if "backoffice" in groups:
        scale = backoffice.Scale(args.stores, args.days, args.sales_per_day)
        bo_samples, built = backoffice.run(work / "backoffice", scale)
        backoffice_lines = backoffice.section(scale, bo_samples, built)

    webhook_lines: list[str] = []
    if "webhooks" in groups:
        opts = webhooks.Options(dedicated=True)  # the layout docs/deployment.md gives a busy cloud
        webhook_lines = webhooks.section(webhooks.run(work / "webhooks", opts))

    info = machine.describe()
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py`). Times are wall-clock on a shared machine:",
        "read medians and p99s, not single runs. No test depends on these numbers.",
        "",
        f"Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in info.items()),
        "",
    ]
    lines += compared
    for title, samples in sections:
        lines += [f"## {title}", "", *_table(samples), ""]
    lines += memory
    lines += backoffice_lines
    lines += webhook_lines
    args.out.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
