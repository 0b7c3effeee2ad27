"""Where each ESC/POS command of a print job begins and ends, so a job is cut only between them.

The printer thread sends a job in chunks and asks the printer's status (``DLE EOT``) between
two chunks. A printer reads whatever arrives after an unfinished command as that command's
parameters: a query written after half of a QR data command (``GS ( k``), or between ``ESC !``
and its parameter, becomes part of the command, and the QR code encodes a wrong receipt number.
So chunks must end on command boundaries, which needs the length of every command a job can
hold. The table here covers what the till emits: python-escpos's text, style, paper, image,
barcode and QR commands and the till's own ``FS .``, ``ESC p`` and ``DLE EOT``. A byte sequence
it does not know is an error, never a guess: a guessed length would put the next query inside
a command again. The test decoder (``tests/escpos_decoder.py``) walks jobs with the same table.

Text between commands is split anywhere: every byte is one character, because each job leaves
Chinese double-byte mode first (``FS .``, see ``receipts.escpos_render``).

A command longer than a chunk (a logo band, an image QR band, a long QR data command) is sent
whole. Nothing here rewrites a job: the bytes sent are the bytes archived, and images are
already cut into small raster bands by the renderer (``image_band_rows``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

ESC: Final = 0x1B
GS: Final = 0x1D
FS: Final = 0x1C
DLE: Final = 0x10
LF: Final = 0x0A
CR: Final = 0x0D
HT: Final = 0x09

TEXT: Final = b""
"""The ``head`` of a run of printable characters."""

_ESC_FIXED: Final[dict[int, int]] = {
    **dict.fromkeys(b"@2", 0),
    **dict.fromkeys(b"t!E-ad3+AMG{=rRVJ ", 1),
    **dict.fromkeys(b"cB", 2),
    ord("p"): 3,
}
"""``ESC x`` commands of a fixed length: x -> number of parameter bytes."""

_GS_FIXED: Final[dict[int, int]] = {
    **dict.fromkeys(b"!Bb|Hfhw", 1),
    **dict.fromkeys(b"LW", 2),
}
_CUT_PLAIN: Final = frozenset({0, 1, 48, 49})
"""``GS V m``: cut at once."""
_CUT_FEED: Final = frozenset({65, 66, 97, 98, 103, 104})
"""``GS V m n``: feed ``n`` and cut."""
_FS_FIXED: Final[dict[int, int]] = dict.fromkeys(b".&", 0)


class EscposSyntaxError(ValueError):
    """Bytes that are not a command the till knows, or a command cut short."""

    def __init__(self, offset: int, message: str, data: bytes = b"") -> None:
        context = data[max(0, offset - 8) : offset + 8].hex(" ") if data else ""
        super().__init__(f"at byte {offset}: {message}" + (f" [{context}]" if context else ""))
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Command:
    """``data[start:end]``: one command, or a run of text (``head`` is ``TEXT``).

    ``head`` is the bytes that name the command (``ESC !``, ``GS ( k``, ``GS v 0``, a lone
    ``LF``); ``params(data)`` is the rest of it.
    """

    start: int
    end: int
    head: bytes

    def params(self, data: bytes) -> bytes:
        return data[self.start + len(self.head) : self.end]

    @property
    def is_text(self) -> bool:
        return self.head == TEXT


def _is_text(byte: int) -> bool:
    return byte >= 0x20 or byte == HT


class _Reader:
    __slots__ = ("data", "start")

    def __init__(self, data: bytes, start: int) -> None:
        self.data = data
        self.start = start

    def fail(self, offset: int, message: str) -> EscposSyntaxError:
        return EscposSyntaxError(offset, message, self.data)

    def need(self, end: int, what: str) -> int:
        """``end`` if the job holds that many bytes; a truncated command otherwise."""
        if end > len(self.data):
            missing = end - len(self.data)
            raise self.fail(len(self.data), f"truncated {what}: need {missing} more byte(s)")
        return end

    def at(self, offset: int, what: str) -> int:
        self.need(offset + 1, what)
        return self.data[offset]

    def u16(self, offset: int, what: str) -> int:
        self.need(offset + 2, what)
        return self.data[offset] + 256 * self.data[offset + 1]

    def until_nul(self, offset: int, what: str) -> int:
        """The end of a parameter list closed by a NUL byte (the NUL included)."""
        nul = self.data.find(b"\x00", offset)
        if nul < 0:
            raise self.fail(len(self.data), f"truncated {what}: no closing NUL")
        return nul + 1


def command_at(data: bytes, start: int) -> Command:
    """The command (or text run) that begins at ``data[start]``."""
    first = data[start]
    if _is_text(first):
        end = start + 1
        while end < len(data) and _is_text(data[end]):
            end += 1
        return Command(start, end, TEXT)
    if first in (LF, CR):
        return Command(start, start + 1, bytes([first]))
    read = _Reader(data, start)
    if first == ESC:
        return _esc(read, start)
    if first == GS:
        return _gs(read, start)
    if first == FS:
        cmd = read.at(start + 1, "FS command")
        if cmd not in _FS_FIXED:
            raise read.fail(start, f"unknown command FS 0x{cmd:02x} ({chr(cmd)!r})")
        return Command(start, start + 2, data[start : start + 2])
    if first == DLE:
        cmd = read.at(start + 1, "DLE command")
        if cmd != 0x04:
            raise read.fail(start, f"unknown command DLE 0x{cmd:02x}")
        return Command(start, read.need(start + 3, "DLE EOT n"), data[start : start + 2])
    raise read.fail(start, f"unknown control byte 0x{first:02x}")


def _esc(read: _Reader, start: int) -> Command:
    data = read.data
    cmd = read.at(start + 1, "ESC command")
    head = data[start : start + 2]
    if cmd in _ESC_FIXED:
        end = read.need(start + 2 + _ESC_FIXED[cmd], f"ESC {chr(cmd)}")
    elif cmd == ord("D"):  # tab stops, closed by NUL
        end = read.until_nul(start + 2, "ESC D tab stops")
    elif cmd == ord("*"):  # bit image: m nL nH, then nL + 256 nH columns of 1 or 3 bytes
        m = read.at(start + 2, "ESC *")
        if m not in (0, 1, 32, 33):
            raise read.fail(start, f"bad bit image mode {m}")
        columns = read.u16(start + 3, "ESC * width")
        end = read.need(start + 5 + columns * (3 if m >= 32 else 1), "ESC * image data")
    else:
        raise read.fail(start, f"unknown command ESC 0x{cmd:02x} ({chr(cmd)!r})")
    return Command(start, end, head)


def _gs(read: _Reader, start: int) -> Command:
    data = read.data
    cmd = read.at(start + 1, "GS command")
    if cmd in _GS_FIXED:
        end = read.need(start + 2 + _GS_FIXED[cmd], f"GS {chr(cmd)}")
        return Command(start, end, data[start : start + 2])
    if cmd == ord("V"):
        m = read.at(start + 2, "GS V")
        if m in _CUT_PLAIN:
            return Command(start, start + 3, data[start : start + 2])
        if m in _CUT_FEED:
            return Command(start, read.need(start + 4, "GS V n"), data[start : start + 2])
        raise read.fail(start, f"bad cut mode {m}")
    if cmd == ord("("):  # GS ( fn pL pH, then pL + 256 pH parameter bytes
        read.at(start + 2, "GS ( function class")
        length = read.u16(start + 3, "GS ( length")
        end = read.need(start + 5 + length, f"GS ( {chr(data[start + 2])} parameters")
        return Command(start, end, data[start : start + 3])
    if cmd == ord("8"):  # GS 8 L p1 p2 p3 p4: large graphics, a 32-bit length
        if read.at(start + 2, "GS 8") != ord("L"):
            raise read.fail(start, "unknown command GS 8 (only GS 8 L graphics)")
        read.need(start + 7, "GS 8 L length")
        length = int.from_bytes(data[start + 3 : start + 7], "little")
        return Command(start, read.need(start + 7 + length, "GS 8 L data"), data[start : start + 3])
    if cmd == ord("v"):  # GS v 0 m xL xH yL yH, then x bytes per row for y rows
        if read.at(start + 2, "GS v") != ord("0"):
            raise read.fail(start, "unknown command GS v (only GS v 0 raster)")
        read.at(start + 3, "GS v 0 mode")
        width_bytes = read.u16(start + 4, "GS v 0 width")
        height = read.u16(start + 6, "GS v 0 height")
        end = read.need(start + 8 + width_bytes * height, "GS v 0 image data")
        return Command(start, end, data[start : start + 3])
    if cmd == ord("k"):  # barcode: GS k m d... NUL (m <= 6) or GS k m n d1..dn (65..78)
        m = read.at(start + 2, "GS k")
        if m <= 6:
            end = read.until_nul(start + 3, "GS k data")
        elif 65 <= m <= 78:
            count = read.at(start + 3, "GS k length")
            end = read.need(start + 4 + count, "GS k data")
        else:
            raise read.fail(start, f"bad barcode system {m}")
        return Command(start, end, data[start : start + 2])
    raise read.fail(start, f"unknown command GS 0x{cmd:02x} ({chr(cmd)!r})")


def commands(data: bytes) -> Iterator[Command]:
    """Every command of ``data`` in order; ``EscposSyntaxError`` at the first unknown one."""
    pos = 0
    while pos < len(data):
        command = command_at(data, pos)
        yield command
        pos = command.end


def chunks(data: bytes, size: int) -> Iterator[bytes]:
    """``data`` in pieces of at most ``size`` bytes that end between commands.

    Text is cut anywhere; a command longer than ``size`` goes out whole in a piece of its own.
    Joined, the pieces are ``data`` exactly. Bytes that are not commands the till knows raise
    ``EscposSyntaxError`` before anything is yielded for them.
    """
    if size < 1:
        raise ValueError(f"chunk size must be positive: {size}")
    start = 0  # of the piece being filled
    for command in commands(data):
        if command.end - start <= size:
            continue
        if command.is_text:
            # Fill the piece up with text, then whole pieces of text; the rest starts the next.
            pos = start + size if command.start - start < size else command.start
            if pos > start:
                yield data[start:pos]
            while command.end - pos > size:
                yield data[pos : pos + size]
                pos += size
            start = pos
            continue
        if command.start > start:
            yield data[start : command.start]
            start = command.start
        if command.end - start > size:  # longer than a piece: alone
            yield data[start : command.end]
            start = command.end
    if start < len(data):
        yield data[start:]
