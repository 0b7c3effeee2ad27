"""Customer pole displays (2 lines of 20 characters) in the two common command sets.

``escpos`` (Epson DM-D style): ``ESC @`` initialise, ``0x0C`` clear, ``US $ x y`` cursor.
``cd5220``: ``ESC Q A text CR`` writes the top line, ``ESC Q B text CR`` the bottom one.
Displays have ASCII fonts only (and odd glyphs above 127), so text is transliterated to ASCII
and every line padded or cut to exactly 20 columns: a short line must overwrite a long one.

A display that was unplugged comes back blank or with its own banner, while the customer is
mid-sale. So the driver keeps what the till wants shown now (set from any thread, before the
job is queued, so even a request made while the display was away counts) and paints that, not
the welcome text, whenever the display is opened again. Nothing is read from a display, so an
idle poll reads the line only to notice that it is gone.
"""

from __future__ import annotations

import enum
import threading
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pos_desktop.devices.worker import Port

COLUMNS: Final = 20
ESC: Final = b"\x1b"
CLEAR: Final = b"\x0c"


class DisplayProtocol(enum.StrEnum):
    ESCPOS = "escpos"
    CD5220 = "cd5220"


def ascii_line(text: str, width: int = COLUMNS) -> str:
    from pos_desktop.receipts.escpos_render import transliterate

    folded = transliterate(text)
    clean = "".join(ch if 0x20 <= ord(ch) < 0x7F else " " for ch in folded)
    return clean[:width].ljust(width)


def two_sided(left: str, right: str, width: int = COLUMNS) -> str:
    """``left`` and ``right`` on one line; the left side is cut to keep the right whole."""
    right = ascii_line(right, width).rstrip()
    room = max(0, width - len(right) - 1) if right else width
    left = ascii_line(left, room).rstrip()
    return (left + " " * (width - len(left) - len(right)) + right)[:width]


def frame(protocol: DisplayProtocol, top: str, bottom: str) -> bytes:
    """The bytes that show ``top`` and ``bottom`` (already 20 ASCII columns or less)."""
    upper = ascii_line(top).encode("ascii")
    lower = ascii_line(bottom).encode("ascii")
    if protocol is DisplayProtocol.CD5220:
        return ESC + b"QA" + upper + b"\r" + ESC + b"QB" + lower + b"\r"
    return b"\x1f$\x01\x01" + upper + b"\x1f$\x01\x02" + lower


def init_bytes(protocol: DisplayProtocol) -> bytes:
    return ESC + b"@" + CLEAR


POLL_INTERVAL: Final = 1.0
"""Seconds between idle checks that the display is still there."""


class DisplayDriver:
    def __init__(
        self,
        protocol: DisplayProtocol,
        welcome: tuple[str, str],
        *,
        poll_interval: float | None = POLL_INTERVAL,
    ) -> None:
        self.protocol = protocol
        self.welcome = welcome
        self.poll_interval = poll_interval
        self._lock = threading.Lock()
        self._wanted: bytes = frame(protocol, *welcome)
        self._shown: bytes | None = None
        """What the display shows now; ``None`` until painted since it was opened."""

    @property
    def wanted(self) -> bytes:
        """The frame the display should show now (any thread)."""
        with self._lock:
            return self._wanted

    def want(self, top: str, bottom: str) -> None:
        """What to show from now on (any thread); ``repaint`` puts it on the glass."""
        with self._lock:
            self._wanted = frame(self.protocol, top, bottom)

    def enable(self, port: Port) -> None:
        self._shown = None
        port.transport.write(init_bytes(self.protocol))
        self.repaint(port)

    def poll(self, port: Port) -> None:
        if port.transport.readable:
            port.transport.read(64, 0.01)  # OSError once the display is unplugged

    def repaint(self, port: Port) -> None:
        """Show the wanted frame unless it is on the display already."""
        wanted = self.wanted
        if wanted != self._shown:
            port.transport.write(wanted)
            self._shown = wanted

    def show(self, port: Port, top: str, bottom: str) -> None:
        self.want(top, bottom)
        self.repaint(port)
