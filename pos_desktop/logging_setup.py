"""Rotating log files in the platform log dir.

Store IT needs a week of history after a bad day, not just the last crash.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


class LogFile(logging.handlers.RotatingFileHandler):
    """The till's log file, which says once, in one line, when it cannot be written.

    A full disk or a read-only log folder would otherwise make every log call print a
    "--- Logging error ---" traceback on the console, burying the one message that tells the
    person at the till what is wrong. The failure is told again only after a write succeeded.
    """

    def __init__(self, filename: Path) -> None:
        super().__init__(filename, maxBytes=5 * 1024 * 1024, backupCount=10, encoding="utf-8")
        self.failing = False
        self.failed_in_emit = False

    def emit(self, record: logging.LogRecord) -> None:
        self.failed_in_emit = False
        super().emit(record)
        if not self.failed_in_emit:
            self.failing = False

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed_in_emit = True
        if self.failing:
            return
        self.failing = True
        problem = sys.exc_info()[1]
        if sys.stderr is not None:  # a windowed till on Windows has no console
            sys.stderr.write(f"pos-desktop: cannot write the log {self.baseFilename}: {problem}\n")


def setup_logging(log_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "pos-desktop.log"
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_pos_desktop", False):
            root.removeHandler(handler)
    file_handler = LogFile(log_file)
    file_handler.setFormatter(logging.Formatter(FORMAT))
    file_handler._pos_desktop = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    # httpx logs every request at INFO; a till polling the cloud would bury everything else.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter(FORMAT))
        stream._pos_desktop = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return log_file


def current_log_file() -> Path | None:
    """The file the log goes to, to name it in a dialog."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None
