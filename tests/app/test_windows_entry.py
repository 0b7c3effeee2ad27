"""The windowed till's entry (``pos-desktop`` in the bundle, a GUI program on Windows) in a process
without stdout and stderr, as Windows starts it: nothing it prints is lost or crashes it, it all
goes to the till's log, and so does any uncaught exception with its traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]

# Python as a windowed Windows executable starts it: sys.stdout and sys.stderr are None.
WINDOWED = """
import sys, threading
sys.stdout = None
sys.stderr = None
from pos_desktop import cli, gui_entry
if sys.argv[1] == "raise":
    def broken(argv):
        worker = threading.Thread(target=lambda: 1 / 0, name="sync-thread")
        worker.start()
        worker.join()
        try:
            raise ValueError("a slot failed")
        except ValueError:
            sys.excepthook(*sys.exc_info())  # as Qt reports an exception in a slot
        raise RuntimeError("a bug at start")
    cli.main = broken
    sys.exit(gui_entry.main([]))
sys.exit(gui_entry.main(sys.argv[1:]))
"""


def windowed(home: Path, *args: str) -> tuple[int, str, str]:
    """Exit code, the till's log and what reached the real stdout/stderr (nothing should)."""
    env = {**os.environ, "POS_DESKTOP_HOME": str(home), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", WINDOWED, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    log = home / "logs" / "pos-desktop.log"
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    return result.returncode, text, result.stdout + result.stderr


def test_output_goes_to_the_log(tmp_path: Path) -> None:
    code, log, console = windowed(tmp_path, "paths")
    assert code == 0, log
    assert console == ""
    assert f"pos-desktop {__version__} starting without a console" in log
    assert f"pos_desktop.stdout: data:   {tmp_path / 'data'}" in log
    assert (tmp_path / "logs" / "crash.log").exists()  # faulthandler's file for hard crashes


def test_a_command_line_mistake_is_logged_not_lost(tmp_path: Path) -> None:
    code, log, console = windowed(tmp_path, "--no-such-option")
    assert code == 2
    assert console == ""
    assert "pos_desktop.stderr: pos-desktop: error: unrecognized arguments: --no-such-option" in log


def test_uncaught_exceptions_are_logged_with_their_traceback(tmp_path: Path) -> None:
    code, log, console = windowed(tmp_path, "raise")
    assert code == 1
    assert console == ""
    assert "uncaught exception in thread sync-thread" in log
    assert "ZeroDivisionError: division by zero" in log
    assert "CRITICAL MainThread pos_desktop.gui_entry: uncaught exception" in log
    assert "RuntimeError: a bug at start" in log
    assert "ValueError: a slot failed" in log


@pytest.mark.parametrize("args", [("--version",), ("paths",)])
def test_with_a_console_the_entry_is_the_command_line(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    env = {**os.environ, "POS_DESKTOP_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "pos_desktop.gui_entry", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(("pos-desktop ", "config: "))
