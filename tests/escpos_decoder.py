"""Decode ESC/POS bytes back into printed text and printer events, for tests.

Tests check a receipt by what a customer would read (lines of text) and by what the printer
would do (cut, open the drawer, draw a QR code), not by comparing opaque bytes. Where each
command ends comes from the till's own table (``pos_desktop.devices.escpos_commands``: the
commands python-escpos emits and the few the till adds, ``FS .``, ``ESC p``, ``DLE EOT``), so
the tests and the printer thread agree on it; this module adds what each command means. Any
other command raises ``DecodeError`` naming its offset, so an unexpected byte makes a test
fail instead of being printed as garbage on a real printer.

Text handling follows the printer: LF ends a line; ``ESC @`` clears unprinted text; ``ESC d``,
``GS V`` and images print a pending partial line first. ``Decoded.lines`` drops all
attributes; ``Decoded.styles`` keeps, per line, the bold/size/alignment it was printed with.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar, TypeVar

from pos_desktop.devices.escpos_commands import CR, ESC, FS, GS, LF, EscposSyntaxError, commands

DecodeError = EscposSyntaxError


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
        for command in commands(self.data):
            head, params = command.head, command.params(self.data)
            if command.is_text:
                if not self.pending:
                    self.pending_style = self.style
                self.pending += params
            elif head[0] == LF:
                self.end_line()
            elif head[0] == CR:
                continue
            elif head[0] == ESC:
                self.esc(command.start, head[1], params)
            elif head[0] == GS:
                self.gs(command.start, head[1:], params)
            elif head[0] == FS:
                self.emit(KanjiOff() if head[1] == ord(".") else KanjiOn())
            else:  # DLE EOT n
                self.emit(Status(params[0]))
        if self.pending:
            self.end_line()
        return self.out

    def esc(self, start: int, cmd: int, params: bytes) -> None:
        n = params[0] if params else 0
        if cmd == ord("@"):
            self.pending.clear()
            self.pending_style = None
            self.style = LineStyle()
            self.emit(Init())
        elif cmd == ord("t"):
            self.emit(Codepage(n))
        elif cmd == ord("!"):
            self.style = replace(
                self.style,
                bold=bool(n & 0x08),
                height=2 if n & 0x10 else 1,
                width=2 if n & 0x20 else 1,
                underline=1 if n & 0x80 else 0,
            )
            self.emit(PrintMode(n))
        elif cmd == ord("E"):
            on = bool(n & 1)
            self.style = replace(self.style, bold=on)
            self.emit(Bold(on))
        elif cmd == ord("-"):
            if n not in (0, 1, 2, 48, 49, 50):
                raise self.fail(start, f"bad underline mode {n}")
            self.style = replace(self.style, underline=n % 48)
            self.emit(Underline(n % 48))
        elif cmd == ord("a"):
            if n not in _ALIGN:
                raise self.fail(start, f"bad alignment {n}")
            self.style = replace(self.style, align=_ALIGN[n])
            self.emit(Align(_ALIGN[n]))
        elif cmd == ord("d"):
            self.flush()
            self.emit(Feed(n))
        elif cmd == ord("2"):
            self.emit(LineSpacing(None))
        elif cmd in _LINE_SPACING:
            self.emit(LineSpacing(n, _LINE_SPACING[cmd]))
        elif cmd == ord("M"):
            self.emit(Setting("font", n))
        elif cmd == ord("p"):
            m, t1, t2 = params
            if m not in (0, 1, 48, 49):
                raise self.fail(start, f"bad drawer pin selector {m}")
            self.emit(Drawer(pin=2 if m in (0, 48) else 5, on_ms=t1 * 2, off_ms=t2 * 2))
        elif cmd == ord("c"):
            sub, value = params
            if sub not in _ESC_C_SETTINGS:
                raise self.fail(start, f"unknown command ESC c 0x{sub:02x}")
            self.emit(Setting(_ESC_C_SETTINGS[sub], value))
        elif cmd == ord("D"):
            self.emit(Setting("tab_stops", tuple(params[:-1])))
        elif cmd == ord("*"):
            m, width = params[0], params[1] + 256 * params[2]
            rows = 3 if m in (32, 33) else 1
            self.flush()
            self.emit(Image("column", width, rows * 8))
        elif cmd == ord("B"):
            self.emit(Setting("buzzer", tuple(params)))
        elif cmd in _ESC_ONE_ARG_SETTINGS:
            if cmd == ord("J"):
                self.flush()
            self.emit(Setting(_ESC_ONE_ARG_SETTINGS[cmd], n))
        else:
            raise self.fail(start, f"unknown command ESC 0x{cmd:02x} ({chr(cmd)!r})")

    def gs(self, start: int, head: bytes, params: bytes) -> None:
        cmd = head[0]
        if cmd == ord("!"):
            n = params[0]
            width, height = (n >> 4) + 1, (n & 0x0F) + 1
            if width > 8 or height > 8:
                raise self.fail(start, f"bad character size 0x{n:02x}")
            self.style = replace(self.style, width=width, height=height)
            self.emit(Size(width, height))
        elif cmd == ord("V"):
            self.flush()
            m = params[0]
            if m in _CUT_PLAIN:
                self.emit(Cut(partial=_CUT_PLAIN[m]))
            else:
                self.emit(Cut(partial=_CUT_FEED[m], feed=params[1]))
        elif cmd in (ord("L"), ord("W")):
            name = "left_margin" if cmd == ord("L") else "print_width"
            self.emit(Setting(name, params[0] + 256 * params[1]))
        elif cmd == ord("("):
            block = params[2:]  # after pL pH
            if head[1] == ord("k"):
                self.code_2d(start, block)
            elif head[1] == ord("L"):
                self.graphics(start, block)
            else:
                raise self.fail(start, f"unknown command GS ( 0x{head[1]:02x}")
        elif cmd == ord("8"):
            self.graphics(start, params[4:])
        elif cmd == ord("v"):
            width_bytes = params[1] + 256 * params[2]
            height = params[3] + 256 * params[4]
            self.flush()
            self.emit(Image("raster", width_bytes * 8, height))
        elif cmd == ord("k"):
            m = params[0]
            data = params[1:-1] if m <= 6 else params[2:]
            self.flush()
            self.emit(Barcode(m, data.decode("ascii")))
        elif cmd in _GS_ONE_ARG_SETTINGS:
            self.emit(Setting(_GS_ONE_ARG_SETTINGS[cmd], params[0]))
        else:
            raise self.fail(start, f"unknown command GS 0x{cmd:02x} ({chr(cmd)!r})")

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


def decode(data: bytes, encoding: str = "cp437") -> Decoded:
    """Decode a print job; raises ``DecodeError`` on any byte sequence it does not know."""
    return _Decoder(data, encoding).run()
