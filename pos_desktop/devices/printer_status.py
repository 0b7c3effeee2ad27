"""Real-time printer status with ``DLE EOT n``, read one byte at a time with a short timeout.

ESC/POS printers answer ``DLE EOT`` even while their buffer is full, with one byte whose bits
1 and 4 are set and bits 0 and 7 clear (``b & 0x93 == 0x12``); anything else on the line (an
automatic status message, a late answer) is skipped. python-escpos's own status read waits its
whole timeout on serial ports, hence this small reader. A printer that never answers (no RX
wire, a spooler) is not an error: the driver then prints without status.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Final

from pos_desktop.devices.transports import Transport

DLE_EOT: Final = b"\x10\x04"
PRINTER_STATUS: Final = 1
OFFLINE_CAUSE: Final = 2
ERROR_CAUSE: Final = 3
PAPER_SENSOR: Final = 4


def is_status_byte(value: int) -> bool:
    return value & 0x93 == 0x12


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    offline: bool = False
    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    error: bool = False
    drawer_pin3_high: bool = False
    """Drawer kick-out connector pin 3; on most drawers high means open (wiring varies)."""

    @property
    def problem(self) -> str | None:
        """The ``UserError`` code that best explains the state, most specific first."""
        if self.cover_open:
            return "printer.cover_open"
        if self.paper_out:
            return "printer.paper_out"
        if self.error:
            return "printer.error"
        if self.offline:
            return "printer.offline"
        if self.paper_near_end:
            return "printer.paper_near_end"
        return None

    @property
    def can_print(self) -> bool:
        return not (self.cover_open or self.paper_out or self.error or self.offline)

    @classmethod
    def from_bytes(cls, printer: int, offline: int | None, paper: int | None) -> PrinterStatus:
        """Decode the answers to DLE EOT 1, 2 (asked only when offline) and 4."""
        cause = offline or 0
        sensor = paper or 0
        return cls(
            offline=bool(printer & 0x08),
            cover_open=bool(cause & 0x04),
            paper_out=bool(cause & 0x20) or bool(sensor & 0x60),
            paper_near_end=bool(sensor & 0x0C),
            error=bool(cause & 0x40),
            drawer_pin3_high=bool(printer & 0x04),
        )


def ask(transport: Transport, n: int, timeout: float) -> int | None:
    """Send ``DLE EOT n`` and return the status byte, or ``None`` if none came in time."""
    transport.write(DLE_EOT + bytes([n]))
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        for value in transport.read(16, left):
            if is_status_byte(value):
                return value
    return None


def query_status(transport: Transport, timeout: float) -> PrinterStatus | None:
    """The printer's status, or ``None`` when it does not answer status requests."""
    transport.discard_input()
    printer = ask(transport, PRINTER_STATUS, timeout)
    if printer is None:
        return None
    offline = ask(transport, OFFLINE_CAUSE, timeout) if printer & 0x08 else None
    paper = ask(transport, PAPER_SENSOR, timeout)
    return PrinterStatus.from_bytes(printer, offline, paper)
