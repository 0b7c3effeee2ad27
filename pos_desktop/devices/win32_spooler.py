"""``win32:<printer name>``: a receipt printer installed in Windows, through the print spooler.

Each receipt is one RAW spool document (``OpenPrinter`` once, then per job ``StartDocPrinter``
with the ``RAW`` data type, ``StartPagePrinter``, ``WritePrinter``, ``EndPagePrinter``,
``EndDocPrinter``): the ESC/POS bytes reach the printer as they are, past the driver's
rendering, and the Windows queue shows one job per receipt. Bytes written outside a job (a
drawer kick) go out as a job of their own, so they are never held back in an open document.

pywin32's ``win32print`` is imported when a printer is opened (the till declares pywin32 for
Windows only); its errors (``pywintypes.error``: the Windows error number, the call, the text)
become ``TransportError``, the device layer's "cannot reach the device now" (an ``OSError``),
with the printer's name and what Windows said, which the till shows as the printer's status.
The spooler cannot read the printer back, so a printer out of paper shows in the Windows queue,
not at the till.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from pos_desktop.devices.transports import TransportError

log = logging.getLogger(__name__)

RAW = "RAW"
"""The spool data type that passes bytes to the printer untouched."""


def load_win32print() -> tuple[ModuleType, type[BaseException]]:
    """pywin32's ``win32print`` and the exception its calls raise; ``TransportError`` saying what
    to install where they are missing."""
    try:
        import pywintypes  # type: ignore[import-untyped,unused-ignore]
        import win32print  # type: ignore[import-untyped,unused-ignore]
    except ImportError as exc:
        if sys.platform != "win32":
            raise TransportError("win32: printers exist only on Windows") from exc
        raise TransportError(
            "win32: printing needs pywin32, which the till installs on Windows; "
            "reinstall the till, or: pip install pywin32"
        ) from exc
    error: type[BaseException] = pywintypes.error
    return win32print, error


class Win32Transport:
    """An open Windows printer; one spool document per receipt."""

    readable = False

    def __init__(
        self,
        printer_name: str,
        load: Callable[[], tuple[ModuleType, type[BaseException]]] = load_win32print,
    ) -> None:
        self._api, self._error = load()
        self.description = f"win32:{printer_name}"
        self.printer_name = printer_name
        self._job: int | None = None
        self._handle: Any = None
        with self._calls("open"):
            self._handle = self._api.OpenPrinter(printer_name)

    @contextmanager
    def _calls(self, what: str) -> Iterator[None]:
        """pywin32's errors (and a handle already closed) as ``TransportError``."""
        try:
            yield
        except TransportError:
            raise
        except (self._error, OSError) as exc:
            detail = getattr(exc, "strerror", None) or str(exc)
            number = getattr(exc, "winerror", None)
            code = f" (Windows error {number})" if number else ""
            raise TransportError(
                f"Windows printer {self.printer_name!r}: cannot {what}: {detail}{code}"
            ) from exc

    def _require_open(self) -> Any:
        if self._handle is None:
            raise TransportError(f"{self.description} is closed")
        return self._handle

    def begin_job(self, name: str) -> None:
        """Start a RAW document named ``name`` (ending one left open first)."""
        self.end_job()
        handle = self._require_open()
        with self._calls("start a print job"):
            self._job = self._api.StartDocPrinter(handle, 1, (name, None, RAW))
            try:
                self._api.StartPagePrinter(handle)
            except BaseException:
                job, self._job = self._job, None
                self._abort(handle, job)
                raise

    def write(self, data: bytes) -> None:
        if self._job is None:  # a drawer kick: a job of its own, sent at once
            self.begin_job("pos-desktop")
            try:
                self._write(data)
            finally:
                self.end_job()
            return
        self._write(data)

    def _write(self, data: bytes) -> None:
        handle = self._require_open()
        view = memoryview(data)
        with self._calls("send the receipt"):
            while view:
                written = self._api.WritePrinter(handle, bytes(view))
                if not isinstance(written, int) or written <= 0:
                    raise TransportError(
                        f"Windows printer {self.printer_name!r} took none of {len(view)} bytes"
                    )
                view = view[written:]

    def end_job(self) -> None:
        """Finish the open document, which hands it to the printer; nothing when none is open."""
        job, self._job = self._job, None
        if job is None:
            return
        handle = self._require_open()
        with self._calls("finish the print job"):
            try:
                self._api.EndPagePrinter(handle)
            finally:
                self._api.EndDocPrinter(handle)
        log.debug("%s: spool job %s handed to the printer", self.description, job)

    def _abort(self, handle: Any, job: int | None) -> None:
        """A document that could not be started is deleted, not left half-open in the queue."""
        if job is None:
            return
        try:
            self._api.AbortPrinter(handle)
        except (self._error, OSError) as exc:
            log.warning("%s: could not abort spool job %s: %s", self.description, job, exc)

    def read(self, max_bytes: int, timeout: float) -> bytes:
        return b""

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        try:
            self.end_job()
        finally:
            handle, self._handle = self._handle, None
            if handle is not None:
                with self._calls("close"):
                    self._api.ClosePrinter(handle)
