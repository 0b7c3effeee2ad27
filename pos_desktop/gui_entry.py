"""The windowed till's entry point: ``pos-desktop`` in the bundle (``pos-desktop-cli`` is the
command line, ``pos_desktop/__main__.py``).

On Windows the bundle's ``pos-desktop.exe`` is a GUI program, so that no console window opens
beside the till, and a GUI program has no standard streams: ``sys.stdout`` and ``sys.stderr``
are ``None``, and the first ``print``, argparse message or default traceback would raise (or
vanish). Before anything else this entry gives such a process streams that write into the
till's log file, and logs every uncaught exception (of the main thread, of other threads, and a
hard crash through ``faulthandler``, in ``crash.log``) there, where store IT looks. With a
console (Linux, or a start from a terminal) the streams are left alone, and the log, the crash
file and the logged exceptions are the same.

Then it is the command line's ``main``: no arguments start the till (``run``), and the global
options (``--config``) mean the same as for ``pos-desktop-cli``.
"""

from __future__ import annotations

import faulthandler
import io
import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import IO

from pos_desktop import __version__, cli

log = logging.getLogger(__name__)

EXIT_CRASHED = 1
"""A bug stopped the till (its traceback is in the log); as Python's own exit code for one."""

CRASH_LOG_NAME = "crash.log"
"""Where ``faulthandler`` writes a hard crash's Python stack in the log folder (a windowed till
has no stderr for it)."""


class LogStream(io.TextIOBase):
    """A stand-in for a missing ``sys.stdout`` / ``sys.stderr``: each line written becomes a log
    record of ``logger_name`` at ``level``.

    A record whose handler writes to this stream again (the logging module's last-resort
    handler before the log file is set up, a console handler asked for with ``--verbose``) is
    dropped rather than looping.
    """

    def __init__(self, logger_name: str, level: int) -> None:
        super().__init__()
        self._log = logging.getLogger(logger_name)
        self._level = level
        self._partial = ""
        self._writing = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self._writing:
            return len(text)
        self._writing = True
        try:
            *lines, self._partial = (self._partial + text).split("\n")
            for line in lines:
                if line.strip():
                    self._log.log(self._level, "%s", line.rstrip())
        finally:
            self._writing = False
        return len(text)

    def flush(self) -> None:
        if self._partial.strip() and not self._writing:
            partial, self._partial = self._partial, ""
            self.write(partial + "\n")


def give_missing_streams_to_the_log() -> bool:
    """Replace a ``None`` ``sys.stdout`` / ``sys.stderr`` (a windowed process) with a
    ``LogStream``; True when one was missing."""
    missing = False
    if sys.stdout is None:
        sys.stdout = LogStream("pos_desktop.stdout", logging.INFO)
        missing = True
    if sys.stderr is None:
        sys.stderr = LogStream("pos_desktop.stderr", logging.WARNING)
        missing = True
    return missing


def log_uncaught_exceptions() -> None:
    """Uncaught exceptions, of any thread, go to the log with their traceback; with a console
    they are still printed as Python prints them, and a hook someone else installed (a frozen
    windowed program's traceback dialog) still runs."""
    console = not isinstance(sys.stderr, LogStream)
    previous_hook = sys.excepthook
    previous_thread_hook = threading.excepthook
    chain = console or previous_hook is not sys.__excepthook__

    def main_thread(
        kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        log.critical("uncaught exception", exc_info=(kind, exc, tb))
        if chain:
            previous_hook(kind, exc, tb)

    def other_thread(args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        exc = args.exc_value
        info = (args.exc_type, exc, args.exc_traceback) if exc is not None else None
        log.critical("uncaught exception in thread %s", name, exc_info=info)
        if console:
            previous_thread_hook(args)

    sys.excepthook = main_thread
    threading.excepthook = other_thread


def start_log_file() -> IO[str] | None:
    """Set up the log file before the command line does (it sets it up again, the same file),
    so that what a windowed till writes before that, an argparse error say, is kept; and point
    ``faulthandler`` at ``crash.log`` beside it (a crash in Qt's C++ code leaves the Python
    stack there). The crash file stays open for the process; ``None`` when the log folder
    cannot be written (the command line then says so its own way)."""
    from pos_desktop.logging_setup import setup_logging
    from pos_desktop.paths import resolve_paths

    log_dir = resolve_paths().log_dir
    try:
        setup_logging(log_dir)
        crash = (log_dir / CRASH_LOG_NAME).open("a", encoding="utf-8")
    except OSError as exc:
        log.error("cannot write the log in %s: %s", log_dir, exc)
        return None
    faulthandler.enable(file=crash)
    return crash


def main(argv: list[str] | None = None) -> int:
    """Start the till (or run the command line's command given) without ever writing to a
    stream the process lacks."""
    windowed = give_missing_streams_to_the_log()
    start_log_file()
    log.info(
        "pos-desktop %s starting%s",
        __version__,
        " without a console: its output goes to this log" if windowed else "",
    )
    log_uncaught_exceptions()
    try:
        return cli.main(argv)
    except Exception:
        # Logged here, not left to sys.excepthook: a frozen windowed program's bootloader shows
        # its own traceback dialog without calling the hook, and the log would have nothing.
        log.critical("uncaught exception", exc_info=True)
        if not windowed:
            traceback.print_exc()
        return EXIT_CRASHED
    finally:
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, LogStream):
                stream.flush()


if __name__ == "__main__":
    raise SystemExit(main())
