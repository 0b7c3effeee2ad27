"""Customer pole displays (2 lines of 20 characters) in the two common command sets.

``escpos`` (Epson DM-D style): ``ESC @`` initialise, ``0x0C`` clear, ``US $ x y`` cursor.
``cd5220``: ``ESC Q A text CR`` writes the top line, ``ESC Q B text CR`` the bottom one.
Displays have ASCII fonts only (and odd glyphs above 127), so text is transliterated to ASCII
and every line padded or cut to exactly 20 columns: a short line must overwrite a long one.
"""

from __future__ import annotations

import enum
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


class DisplayDriver:
    poll_interval: float | None = None

    def __init__(self, protocol: DisplayProtocol, welcome: tuple[str, str]) -> None:
        self.protocol = protocol
        self.welcome = welcome

    def enable(self, port: Port) -> None:
        port.transport.write(init_bytes(self.protocol))
        self.show(port, *self.welcome)

    def poll(self, port: Port) -> None:
        pass

    def show(self, port: Port, top: str, bottom: str) -> None:
        port.transport.write(frame(self.protocol, top, bottom))
