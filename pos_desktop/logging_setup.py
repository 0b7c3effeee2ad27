"""Rotating log files in the platform log dir.

Store IT needs a week of history after a bad day, not just the last crash.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def setup_logging(log_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "pos-desktop.log"
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_pos_desktop", False):
            root.removeHandler(handler)
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=5 * 1024 * 1024, backupCount=10, encoding="utf-8"
    )
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
