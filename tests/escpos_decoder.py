"""Decode ESC/POS bytes back into printed text and printer events, for tests.

Tests check a receipt by what a customer would read (lines of text) and by what the printer
would do (cut, open the drawer, draw a QR code), not by comparing opaque bytes. The decoder knows
the commands python-escpos emits and the few the till adds (``FS .``, ``ESC p``); any other
command raises ``DecodeError`` naming its offset, so an unexpected byte makes a test fail instead
of being printed as garbage on a real printer.

Text handling follows the printer: LF ends a line; ``ESC @`` clears unprinted text; ``ESC d``,
``GS V`` and images print a pending partial line first. ``Decoded.lines`` drops all
attributes; ``Decoded.styles`` keeps, per line, the bold/size/alignment it was printed with.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar, TypeVar

ESC = 0x1B
GS = 0x1D
FS = 0x1C
DLE = 0x10
LF = 0x0A
CR = 0x0D
HT = 0x09


class DecodeError(ValueError):
    def __init__(self, offset: int, message: str, data: bytes = b"") -> None:
        context = data[max(0, offset - 8) : offset + 8].hex(" ") if data else ""
        super().__init__(f"at byte {offset}: {message}" + (f" [{context}]" if context else ""))
        self.offset = offset


@dataclass(frozen=True)
class Event:
    kind: ClassVar[str] = "EVENT"


@dataclass(frozen=True)
class Init(Event):
    kind: ClassVar[str] = "INIT"


@dataclass(frozen=True)
class KanjiOff(Event):
    kind: ClassVar[str] = "KANJI_OFF"


@dataclass(frozen=True)
class KanjiOn(Event):
    kind: ClassVar[str] = "KANJI_ON"


@dataclass(frozen=True)
class Codepage(Event):
    kind: ClassVar[str] = "CODEPAGE"
    n: int


@dataclass(frozen=True)
class Cut(Event):
    kind: ClassVar[str] = "CUT"
    partial: bool
    feed: int | None = None
    """Extra feed of ``GS V 65/66 n`` (motion units); ``None`` for the plain ``GS V 0/1``."""


@dataclass(frozen=True)
class Drawer(Event):
    kind: ClassVar[str] = "DRAWER"
    pin: int
    on_ms: int
    off_ms: int


@dataclass(frozen=True)
class Qr(Event):
    kind: ClassVar[str] = "QR"
    payload: str
    model: int = 2
    size: int | None = None
    ec: str | None = None


@dataclass(frozen=True)
class Image(Event):
    kind: ClassVar[str] = "IMAGE"
    mode: str
    """``raster`` (GS v 0), ``graphics`` (GS ( L) or ``column`` (ESC *)."""
    width: int
    height: int


@dataclass(frozen=True)
class Barcode(Event):
    kind: ClassVar[str] = "BARCODE"
    system: int
    data: str


@dataclass(frozen=True)
class Feed(Event):
    kind: ClassVar[str] = "FEED"
    lines: int


@dataclass(frozen=True)
class Align(Event):
    kind: ClassVar[str] = "ALIGN"
    align: str


@dataclass(frozen=True)
class Bold(Event):
    kind: ClassVar[str] = "BOLD"
    on: bool


@dataclass(frozen=True)
class Underline(Event):
    kind: ClassVar[str] = "UNDERLINE"
    n: int


@dataclass(frozen=True)
class Size(Event):
    kind: ClassVar[str] = "SIZE"
    width: int
    height: int


@dataclass(frozen=True)
class PrintMode(Event):
    """``ESC ! n``: font, bold, double height/width and underline in one byte."""

    kind: ClassVar[str] = "PRINT_MODE"
    n: int


@dataclass(frozen=True)
class LineSpacing(Event):
    """``ESC 3 n`` (n/180 inch), ``ESC + n`` (n/360), ``ESC A n`` (n/60); ``ESC 2`` resets."""

    kind: ClassVar[str] = "LINE_SPACING"
    units: int | None
    divisor: int = 180


@dataclass(frozen=True)
class Status(Event):
    kind: ClassVar[str] = "STATUS"
    n: int


@dataclass(frozen=True)
class Setting(Event):
    """A command understood but of no interest to receipt tests (margins, density ...)."""

    kind: ClassVar[str] = "SETTING"
    name: str
    value: int | tuple[int, ...] = 0


@dataclass(frozen=True)
class LineStyle:
    bold: bool = False
    underline: int = 0
    width: int = 1
    height: int = 1
    align: str = "left"


E = TypeVar("E", bound=Event)


@dataclass
class Decoded:
    lines: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    styles: list[LineStyle] = field(default_factory=list)
    """The style each line started with, parallel to ``lines``."""
    positions: list[int] = field(default_factory=list)
    """For each event, how many lines had been printed before it, parallel to ``events``."""

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.events if isinstance(e, kind)]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line_style(self, needle: str) -> LineStyle:
        """The style of the first line containing ``needle``."""
        for line, style in zip(self.lines, self.styles, strict=True):
            if needle in line:
                return style
        raise KeyError(needle)


_ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
_QR_EC = {48: "L", 49: "M", 50: "Q", 51: "H"}
_CUT_PLAIN = {0: False, 48: False, 1: True, 49: True}
_CUT_FEED = {65: False, 66: True, 97: False, 98: True, 103: False, 104: True}
_ESC_ONE_ARG_SETTINGS = {
    ord("G"): "double_strike",
    ord("{"): "upside_down",
    ord("="): "peripheral",
    ord("r"): "color",
    ord("R"): "international_set",
    ord("V"): "rotate",
    ord("J"): "feed_dots",
    ord(" "): "right_spacing",
}
_LINE_SPACING = {ord("3"): 180, ord("+"): 360, ord("A"): 60}
_ESC_C_SETTINGS = {
    ord("0"): "paper_type",
    ord("3"): "paper_sensor",
    ord("4"): "stop_sensor",
    ord("5"): "panel_buttons",
}
_GS_ONE_ARG_SETTINGS = {
    ord("B"): "invert",
    ord("b"): "smoothing",
    ord("|"): "density",
    ord("H"): "hri_position",
    ord("f"): "hri_font",
    ord("h"): "barcode_height",
    ord("w"): "barcode_width",
}


class _Decoder:
    def __init__(self, data: bytes, encoding: str) -> None:
        self.data = data
        self.encoding = encoding
        self.pos = 0
        self.out = Decoded()
        self.pending = bytearray()
        self.pending_style: LineStyle | None = None
        self.style = LineStyle()
        self.qr_model = 2
        self.qr_size: int | None = None
        self.qr_ec: str | None = None
        self.qr_data: bytes | None = None
        self.graphics_size: tuple[int, int] | None = None

    # -- helpers ---------------------------------------------------------------------------
    def fail(self, offset: int, message: str) -> DecodeError:
        return DecodeError(offset, message, self.data)

    def take(self, n: int, what: str) -> bytes:
        if self.pos + n > len(self.data):
            raise self.fail(self.pos, f"truncated {what}: need {n} byte(s)")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def byte(self, what: str) -> int:
        return self.take(1, what)[0]

    def u16(self, what: str) -> int:
        low, high = self.take(2, what)
        return low + 256 * high

    def emit(self, event: Event) -> None:
        self.out.events.append(event)
        self.out.positions.append(len(self.out.lines))

    def end_line(self) -> None:
        self.out.lines.append(self.pending.decode(self.encoding))
        self.out.styles.append(self.pending_style or self.style)
        self.pending.clear()
        self.pending_style = None

    def flush(self) -> None:
        """Commands that print the buffer first: a partial line becomes a line."""
        if self.pending:
            self.end_line()

    # -- main loop -------------------------------------------------------------------------
    def run(self) -> Decoded:
        data = self.data
        while self.pos < len(data):
            start = self.pos
            b = data[self.pos]
            self.pos += 1
            if b == LF:
                self.end_line()
            elif b == CR:
                continue
            elif b == HT or b >= 0x20:
                if not self.pending:
                    self.pending_style = self.style
                self.pending.append(b)
            elif b == ESC:
                self.esc(start)
            elif b == GS:
                self.gs(start)
            elif b == FS:
                self.fs(start)
            elif b == DLE:
                self.dle(start)
            else:
                raise self.fail(start, f"unknown control byte 0x{b:02x}")
        if self.pending:
            self.end_line()
        return self.out

    def esc(self, start: int) -> None:
        cmd = self.byte("ESC command")
        if cmd == ord("@"):
            self.pending.clear()
            self.pending_style = None
            self.style = LineStyle()
            self.emit(Init())
        elif cmd == ord("t"):
            self.emit(Codepage(self.byte("ESC t")))
        elif cmd == ord("!"):
            n = self.byte("ESC !")
            self.style = replace(
                self.style,
                bold=bool(n & 0x08),
                height=2 if n & 0x10 else 1,
                width=2 if n & 0x20 else 1,
                underline=1 if n & 0x80 else 0,
            )
            self.emit(PrintMode(n))
        elif cmd == ord("E"):
            on = bool(self.byte("ESC E") & 1)
            self.style = replace(self.style, bold=on)
            self.emit(Bold(on))
        elif cmd == ord("-"):
            n = self.byte("ESC -")
            if n not in (0, 1, 2, 48, 49, 50):
                raise self.fail(start, f"bad underline mode {n}")
            self.style = replace(self.style, underline=n % 48)
            self.emit(Underline(n % 48))
        elif cmd == ord("a"):
            n = self.byte("ESC a")
            if n not in _ALIGN:
                raise self.fail(start, f"bad alignment {n}")
            self.style = replace(self.style, align=_ALIGN[n])
            self.emit(Align(_ALIGN[n]))
        elif cmd == ord("d"):
            self.flush()
            self.emit(Feed(self.byte("ESC d")))
        elif cmd == ord("2"):
            self.emit(LineSpacing(None))
        elif cmd in _LINE_SPACING:
            self.emit(LineSpacing(self.byte(f"ESC {chr(cmd)}"), _LINE_SPACING[cmd]))
        elif cmd == ord("M"):
            self.emit(Setting("font", self.byte("ESC M")))
        elif cmd == ord("p"):
            m, t1, t2 = self.take(3, "ESC p")
            if m not in (0, 1, 48, 49):
                raise self.fail(start, f"bad drawer pin selector {m}")
            self.emit(Drawer(pin=2 if m in (0, 48) else 5, on_ms=t1 * 2, off_ms=t2 * 2))
        elif cmd == ord("c"):
            sub, n = self.take(2, "ESC c")
            if sub not in _ESC_C_SETTINGS:
                raise self.fail(start, f"unknown command ESC c 0x{sub:02x}")
            self.emit(Setting(_ESC_C_SETTINGS[sub], n))
        elif cmd == ord("D"):
            stops = []
            while (n := self.byte("ESC D tab stops")) != 0:
                stops.append(n)
            self.emit(Setting("tab_stops", tuple(stops)))
        elif cmd == ord("*"):
            m = self.byte("ESC *")
            width = self.u16("ESC * width")
            if m not in (0, 1, 32, 33):
                raise self.fail(start, f"bad bit image mode {m}")
            rows = 3 if m in (32, 33) else 1
            self.take(width * rows, "ESC * image data")
            self.flush()
            self.emit(Image("column", width, rows * 8))
        elif cmd == ord("B"):
            self.emit(Setting("buzzer", tuple(self.take(2, "ESC B"))))
        elif cmd in _ESC_ONE_ARG_SETTINGS:
            if cmd == ord("J"):
                self.flush()
            self.emit(Setting(_ESC_ONE_ARG_SETTINGS[cmd], self.byte(f"ESC {chr(cmd)}")))
        else:
            raise self.fail(start, f"unknown command ESC 0x{cmd:02x} ({chr(cmd)!r})")

    def gs(self, start: int) -> None:
        cmd = self.byte("GS command")
        if cmd == ord("!"):
            n = self.byte("GS !")
            width, height = (n >> 4) + 1, (n & 0x0F) + 1
            if width > 8 or height > 8:
                raise self.fail(start, f"bad character size 0x{n:02x}")
            self.style = replace(self.style, width=width, height=height)
            self.emit(Size(width, height))
        elif cmd == ord("V"):
            m = self.byte("GS V")
            self.flush()
            if m in _CUT_PLAIN:
                self.emit(Cut(partial=_CUT_PLAIN[m]))
            elif m in _CUT_FEED:
                self.emit(Cut(partial=_CUT_FEED[m], feed=self.byte("GS V n")))
            else:
                raise self.fail(start, f"bad cut mode {m}")
        elif cmd in (ord("L"), ord("W")):
            name = "left_margin" if cmd == ord("L") else "print_width"
            self.emit(Setting(name, self.u16(f"GS {chr(cmd)}")))
        elif cmd == ord("("):
            self.gs_paren(start)
        elif cmd == ord("v"):
            if self.byte("GS v") != ord("0"):
                raise self.fail(start, "unknown command GS v (only GS v 0 raster)")
            self.byte("GS v 0 mode")
            width_bytes = self.u16("GS v 0 width")
            height = self.u16("GS v 0 height")
            self.take(width_bytes * height, "GS v 0 image data")
            self.flush()
            self.emit(Image("raster", width_bytes * 8, height))
        elif cmd == ord("k"):
            m = self.byte("GS k")
            if m <= 6:
                data = bytearray()
                while (c := self.byte("GS k data")) != 0:
                    data.append(c)
            elif 65 <= m <= 78:
                data = bytearray(self.take(self.byte("GS k length"), "GS k data"))
            else:
                raise self.fail(start, f"bad barcode system {m}")
            self.flush()
            self.emit(Barcode(m, data.decode("ascii")))
        elif cmd in _GS_ONE_ARG_SETTINGS:
            self.emit(Setting(_GS_ONE_ARG_SETTINGS[cmd], self.byte(f"GS {chr(cmd)}")))
        else:
            raise self.fail(start, f"unknown command GS 0x{cmd:02x} ({chr(cmd)!r})")

    def gs_paren(self, start: int) -> None:
        fn_class = self.byte("GS ( function class")
        length = self.u16("GS ( length")
        block = self.take(length, "GS ( parameters")
        if fn_class == ord("k"):
            self.code_2d(start, block)
        elif fn_class == ord("L"):
            self.graphics(start, block)
        else:
            raise self.fail(start, f"unknown command GS ( 0x{fn_class:02x}")

    def code_2d(self, start: int, block: bytes) -> None:
        if len(block) < 2:
            raise self.fail(start, "GS ( k block too short")
        cn, fn, params = block[0], block[1], block[2:]
        if cn != ord("1"):
            raise self.fail(start, f"unsupported 2D symbol cn={cn} (only QR, cn=49)")
        if fn == ord("A"):
            if len(params) != 2 or params[0] not in (49, 50, 51):
                raise self.fail(start, f"bad QR model parameters {params!r}")
            self.qr_model = params[0] - 48
        elif fn == ord("C"):
            if len(params) != 1 or not 1 <= params[0] <= 16:
                raise self.fail(start, f"bad QR module size {params!r}")
            self.qr_size = params[0]
        elif fn == ord("E"):
            if len(params) != 1 or params[0] not in _QR_EC:
                raise self.fail(start, f"bad QR error correction {params!r}")
            self.qr_ec = _QR_EC[params[0]]
        elif fn == ord("P"):
            if not params or params[0] != ord("0"):
                raise self.fail(start, "QR store without m=48")
            self.qr_data = bytes(params[1:])
        elif fn == ord("Q"):
            if self.qr_data is None:
                raise self.fail(start, "QR print without stored data")
            self.flush()
            payload = self.qr_data.decode("utf-8")
            self.emit(Qr(payload, self.qr_model, self.qr_size, self.qr_ec))
            self.qr_data = None
        else:
            raise self.fail(start, f"unsupported QR function fn={fn}")

    def graphics(self, start: int, block: bytes) -> None:
        if len(block) < 2:
            raise self.fail(start, "GS ( L block too short")
        fn = block[1]
        if fn == ord("p"):
            if len(block) < 10:
                raise self.fail(start, "GS ( L store header too short")
            self.graphics_size = (
                block[6] + 256 * block[7],
                block[8] + 256 * block[9],
            )
        elif fn == ord("2"):
            if self.graphics_size is None:
                raise self.fail(start, "graphics print without stored image")
            self.flush()
            self.emit(Image("graphics", *self.graphics_size))
            self.graphics_size = None
        else:
            raise self.fail(start, f"unsupported graphics function fn={fn}")

    def fs(self, start: int) -> None:
        cmd = self.byte("FS command")
        if cmd == ord("."):
            self.emit(KanjiOff())
        elif cmd == ord("&"):
            self.emit(KanjiOn())
        else:
            raise self.fail(start, f"unknown command FS 0x{cmd:02x} ({chr(cmd)!r})")

    def dle(self, start: int) -> None:
        cmd = self.byte("DLE command")
        if cmd != 0x04:
            raise self.fail(start, f"unknown command DLE 0x{cmd:02x}")
        self.emit(Status(self.byte("DLE EOT n")))


def decode(data: bytes, encoding: str = "cp437") -> Decoded:
    """Decode a print job; raises ``DecodeError`` on any byte sequence it does not know."""
    return _Decoder(data, encoding).run()
