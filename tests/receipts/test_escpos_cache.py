"""A till killed while python-escpos wrote its capability cache must still print afterwards."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

RENDER = (
    "from pos_desktop.receipts.escpos_cache import ensure_capabilities_cache\n"
    "ensure_capabilities_cache()\n"
    "from escpos.printer import Dummy\n"
    "Dummy().text('ok')\n"
    "print('PRINTED')\n"
)


def _run(cache: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ESCPOS_CAPABILITIES_PICKLE_DIR=str(cache), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-c", RENDER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_truncated_cache_is_replaced_and_printing_works(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache)
    assert first.returncode == 0, first.stderr
    pickle_file = cache / f"{platform.python_version()}.capabilities.pickle"
    assert pickle_file.stat().st_size > 1000
    # What a SIGKILL or power loss in the middle of python-escpos's own write leaves behind.
    pickle_file.write_bytes(pickle_file.read_bytes()[:100])
    second = _run(cache)
    assert second.returncode == 0, second.stderr
    assert "PRINTED" in second.stdout
    assert pickle_file.stat().st_size > 1000
    # An empty file (killed right after open) is repaired too.
    pickle_file.write_bytes(b"")
    assert _run(cache).returncode == 0
