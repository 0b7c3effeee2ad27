"""Describe the machine a benchmark ran on, since numbers mean nothing without it."""

from __future__ import annotations

import os
import platform
import sqlite3
from pathlib import Path


def describe() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        first = meminfo.read_text().splitlines()[0].split()
        mem = f"{int(first[1]) / 1024 / 1024:.1f} GiB"
    try:
        import PySide6

        qt = PySide6.__version__
    except ImportError:
        qt = "absent"
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return {
        "load average at start (1/5/15 min)": load,
        "cpu": f"{cpu} x {os.cpu_count()}",
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": qt,
    }
