"""The log file on a full disk: one line on the console, not a traceback per log call."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import pytest

from pos_desktop.logging_setup import LogFile


def test_a_log_that_cannot_be_written_says_so_once_and_again_after_a_success(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    handler = LogFile(tmp_path / "pos-desktop.log")
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("tests.log_file")
    logger.propagate = False
    logger.addHandler(handler)
    real_emit = logging.FileHandler.emit

    def full_disk(self: logging.FileHandler, record: logging.LogRecord) -> None:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError:
            self.handleError(record)

    try:
        monkeypatch.setattr(logging.FileHandler, "emit", full_disk)
        for n in range(5):
            logger.warning("sale %d", n)
        err = capsys.readouterr().err
        assert err.count("cannot write the log") == 1
        assert "No space left on device" in err and "Traceback" not in err
        monkeypatch.setattr(logging.FileHandler, "emit", real_emit)
        logger.warning("space again")
        monkeypatch.setattr(logging.FileHandler, "emit", full_disk)
        logger.warning("full again")
        assert capsys.readouterr().err.count("cannot write the log") == 1
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert "space again" in (tmp_path / "pos-desktop.log").read_text(encoding="utf-8")
