"""Cold start: a new process to the login screen, and to the sale screen ready to scan.

Timed from the parent, from spawning the process to reading the child's report lines, so the
interpreter's own start-up and every import are included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.stats import Sample
from pos_desktop.paths import AppPaths

ROOT = Path(__file__).resolve().parents[1]


def run(paths: AppPaths, repeat: int = 10) -> tuple[list[Sample], float]:
    env = dict(os.environ, POS_DESKTOP_HOME=str(paths.data_dir.parent), PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    login: list[float] = []
    scan: list[float] = []
    rss: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.startup_child"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            now = (time.perf_counter() - start) * 1000
            kind, *rest = line.split()
            if kind == "LOGIN":
                login.append(now)
            elif kind == "SCAN":
                scan.append(now)
                rss.append(float(rest[1]))
        if proc.wait(timeout=60) != 0:
            raise RuntimeError("the start-up child failed")
    return [
        Sample("cold start to login screen with staff shown", "ms", login),
        Sample(
            "cold start to sale screen ready to scan (incl. PIN check)", "ms", scan, "< 2000 ms"
        ),
    ], max(rss)
