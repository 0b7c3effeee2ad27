"""The receipt printer: already-built receipt bytes sent in chunks, status checked around them.

The receipt is rendered before it reaches the printer thread (``receipts.render_escpos``), so a
failed send can be repeated with the same bytes, and the printer thread only moves bytes. Where
the transport reads back, the status is asked before the job (paper out, cover open: fail at
once), after every chunk (paper running out mid-receipt stops the job instead of pushing the
rest into a printer that stopped) and once more at the end. Between jobs the status is polled
every few seconds so the status bar shows "paper low" before the paper ends.

Chunks end between commands (``escpos_commands.chunks``): a status query sent in the middle of
a command is read by the printer as that command's parameters.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from pos_desktop.devices.escpos_commands import EscposSyntaxError, chunks
from pos_desktop.devices.printer_status import PrinterStatus, query_status
from pos_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from pos_desktop.devices.worker import Port

log = logging.getLogger(__name__)

DEFAULT_CHUNK: Final = 512
"""Small enough that a printer stopping mid-receipt is noticed within a few lines, large enough
that a 48-column receipt goes in a handful of writes."""

ESC_P: Final = b"\x1bp"
MAX_DUTY: Final = 0.2
"""Drawer solenoids overheat when powered more than a fifth of the time."""


@dataclass(frozen=True, slots=True)
class DrawerKick:
    """``ESC p m t1 t2``: pin 2 (m=0) or pin 5 (m=1), on for t1x2 ms, off for t2x2 ms."""

    pin: int = 2
    on_ms: int = 100
    off_ms: int = 500

    def __post_init__(self) -> None:
        if self.pin not in (2, 5):
            raise ValueError(f"the drawer pin is 2 or 5, not {self.pin}")
        if not 2 <= self.on_ms <= 510 or not 2 <= self.off_ms <= 510:
            raise ValueError("drawer pulse times must be 2..510 ms")
        if self.on_ms / (self.on_ms + self.off_ms) > MAX_DUTY:
            raise ValueError(
                f"drawer pulse on {self.on_ms} ms / off {self.off_ms} ms is over the 20% duty"
                " the solenoid tolerates; lengthen the off time"
            )

    @property
    def command(self) -> bytes:
        return ESC_P + bytes([0 if self.pin == 2 else 1, self.on_ms // 2, self.off_ms // 2])


class PrinterDriver:
    """Runs on the printer's worker thread only."""

    def __init__(
        self,
        *,
        chunk_size: int = DEFAULT_CHUNK,
        status_timeout: float = 0.3,
        poll_interval: float | None = 3.0,
        drawer_open_level: bool | None = None,
    ) -> None:
        """``drawer_open_level``: the pin 3 level that means a drawer on the drawer port is
        open (``True`` high); ``None`` when no drawer with a switch is on the port."""
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be positive: {chunk_size}")
        self.chunk_size = chunk_size
        self.status_timeout = status_timeout
        self.poll_interval = poll_interval
        self.drawer_open_level = drawer_open_level
        self.answers_status = False
        """Whether this printer answered DLE EOT since it was opened."""
        self.last_status: PrinterStatus | None = None

    def enable(self, port: Port) -> None:
        self.answers_status = False
        self.last_status = None
        if port.transport.readable:
            self.check(port)

    def poll(self, port: Port) -> None:
        if self.answers_status:
            self.check(port)

    def check(self, port: Port) -> PrinterStatus | None:
        status = query_status(port.transport, self.status_timeout)
        if status is None:
            if self.answers_status:
                # It answered before and now it does not: switched off or cable pulled.
                port.report("printer.offline", "no answer to DLE EOT")
            return None
        self.answers_status = True
        self.last_status = status
        port.report(status.problem, drawer_open=self.drawer_open(status))
        return status

    def drawer_open(self, status: PrinterStatus | None) -> bool | None:
        if status is None or self.drawer_open_level is None:
            return None
        return status.drawer_pin3_high == self.drawer_open_level

    def drawer_state(self, port: Port) -> bool | None:
        """Ask the printer now; ``None`` when it does not say (no status, no drawer switch)."""
        if not port.transport.readable:
            return None
        return self.drawer_open(self.check(port))

    def _require_ready(self, port: Port) -> None:
        if not self.answers_status:
            return
        status = self.check(port)
        if status is None:
            raise UserError("printer.offline")
        if not status.can_print:
            raise UserError(status.problem or "printer.offline")

    def print_bytes(self, port: Port, data: bytes, job_name: str = "receipt") -> None:
        """Send one job; ``UserError`` (``printer.paper_out`` ...) when the printer stops it."""
        self._require_ready(port)
        pieces = self._pieces(data, job_name)
        transport = port.transport
        transport.begin_job(job_name)
        try:
            for piece in pieces:
                transport.write(piece)
                if self.answers_status:
                    self._require_ready(port)
        finally:
            transport.end_job()
        log.info("printed %s (%d bytes) on %s", job_name, len(data), port.name)

    def _pieces(self, data: bytes, job_name: str) -> list[bytes]:
        """The job cut between commands; a job with bytes the command table does not know
        goes out in one piece (status asked only before and after it), so it still prints and
        no query can land inside a command."""
        try:
            return list(chunks(data, self.chunk_size))
        except EscposSyntaxError as exc:
            log.error("%s sent in one piece, not cut into chunks: %s", job_name, exc)
            return [data]

    def kick(self, port: Port, kick: DrawerKick) -> None:
        port.transport.write(kick.command)
