"""Receipts as ESC/POS bytes, built with python-escpos's ``Dummy`` printer.

The bytes are built first and handed to a transport afterwards (USB, serial, TCP 9100, the
Windows spooler), so what a receipt prints can be tested without a printer and a failed send
can be retried with the very same bytes.

Code pages: python-escpos can pick a code page per character on its own ("magic encode"), and it
picks odd ones (a euro sign switches to a Greek page). Cheap printers implement few pages, and
Chinese-firmware clones read bytes above 127 as GB18030 unless told to leave Chinese mode. So
every job resets the printer, leaves Chinese mode (``FS .``), selects the profile's one code
page with ``ESC t`` and never switches again; whatever that page cannot print is transliterated
first (``“`` to ``"``, ``ő`` to ``o``), and it is done before the layout measures the line, so a
transliteration that changes a length (``…`` to ``...``) never overflows a line.
"""

from __future__ import annotations

import copy
import functools
import logging
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pos_desktop.receipts.escpos_cache import ensure_capabilities_cache
from pos_desktop.receipts.layout import MAX_COLUMNS, MIN_COLUMNS, Line, Style, lay_out
from pos_desktop.receipts.model import Receipt

log = logging.getLogger(__name__)

KANJI_OFF: Final = b"\x1c."
"""``FS .``: cancel Chinese (Kanji) character mode on Xprinter-style firmware."""

DOTS_PER_COLUMN: Final = 12
"""Font A is 12 dots wide: 32 columns = 384 dots (58 mm), 48 = 576 (80 mm)."""

IMAGE_FRAGMENT_ROWS: Final = 64
"""Images (the logo, a QR code drawn as an image) go out in bands of at most this many dot rows
by default (3 KB at 384 dots): cheap printers' input buffers overflow on one large raster and
print garbage. ``PrinterProfile.image_band_rows`` lowers it (24 for the cheapest clones)."""
MIN_BAND_ROWS: Final = 8
MAX_BAND_ROWS: Final = 1024

TEAR_BAR_LINES: Final = 3
"""Extra feed on printers without a cutter so the last line clears the tear bar."""


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    """How to talk to one printer model.

    ``codepage`` and ``escpos_profile`` are python-escpos names (``escpos.capabilities``);
    they are checked when the first receipt is rendered, so building a profile stays cheap.
    ``cancel_kanji`` sends ``FS .`` at the start of each job: Chinese-firmware printers need
    it and Epson printers accept it.
    """

    columns: int = 48
    codepage: str = "CP437"
    cut: bool = True
    qr_native: bool = True
    feed_before_cut: int = 3
    escpos_profile: str = "default"
    cancel_kanji: bool = True
    logo: str = ""
    """Path of the store logo (PNG), printed at the top; "" for none. Scaled down to the paper
    width and encoded once per profile, not per receipt."""
    image_band_rows: int = IMAGE_FRAGMENT_ROWS
    """Dot rows per raster band for the logo and image QR codes."""

    def __post_init__(self) -> None:
        if not MIN_COLUMNS <= self.columns <= MAX_COLUMNS:
            raise ValueError(f"columns must be {MIN_COLUMNS}..{MAX_COLUMNS}: {self.columns}")
        if not MIN_BAND_ROWS <= self.image_band_rows <= MAX_BAND_ROWS:
            raise ValueError(
                f"image_band_rows must be {MIN_BAND_ROWS}..{MAX_BAND_ROWS}: {self.image_band_rows}"
            )
        if not 0 <= self.feed_before_cut <= 255 - TEAR_BAR_LINES:
            raise ValueError(f"feed_before_cut out of range: {self.feed_before_cut}")

    @property
    def qr_module_size(self) -> int:
        """Dots per QR module: large enough for a phone camera, small enough for 58 mm."""
        return 6 if self.columns >= 42 else 5


PROFILE_58MM: Final = PrinterProfile(
    columns=32, cut=False, qr_native=False, escpos_profile="POS-5890"
)
"""Typical 58 mm printer: no cutter, QR sent as an image (many cannot draw one natively)."""

PROFILE_80MM: Final = PrinterProfile(columns=48, escpos_profile="TM-T20II")
"""Typical 80 mm printer: auto-cutter and native QR."""

_FALLBACKS: Final[dict[str, str]] = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u2013": "-",
    "\u2014": "-",
    "\u2012": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2212": "-",
    "\u2022": "*",
    "\u00b7": ".",
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u2122": "TM",
    "\u00a9": "(C)",
    "\u00ae": "(R)",
    "\u00d7": "x",
    "\u00f7": "/",
    "\u2044": "/",
    "\u00a0": " ",
    "\u00df": "ss",
    "\u00c6": "AE",
    "\u00e6": "ae",
    "\u00d8": "O",
    "\u00f8": "o",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u0141": "L",
    "\u0142": "l",
    "\u0110": "D",
    "\u0111": "d",
    "\u0131": "i",
    "\u00b0": "o",
}
"""Characters NFKD cannot reduce to ASCII, or reduces badly."""


def _fallback(char: str, printable: frozenset[str]) -> str:
    if char in _FALLBACKS:
        return _FALLBACKS[char]
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if part.isascii() or part in printable:
            out.append(part)
        elif part in _FALLBACKS:
            out.append(_FALLBACKS[part])
        # combining marks and anything else without an ASCII form are dropped
    return "".join(out) or "?"


def transliterate(text: str, codepage: str | None = None) -> str:
    """``text`` with every character the printer cannot print replaced by a readable stand-in.

    Without ``codepage`` the result is plain ASCII; with one, characters that page has (``é``
    in CP437) are kept. Unknown characters become ``?`` rather than vanishing, so a receipt
    never silently loses information.
    """
    if text.isascii():
        return text
    printable = _printable_chars(codepage) if codepage else frozenset()
    return "".join(
        ch if ch.isascii() or ch in printable else _fallback(ch, printable) for ch in text
    )


@functools.cache
def _printable_chars(codepage: str) -> frozenset[str]:
    """The non-ASCII characters of ``codepage`` (bytes 128-255) as python-escpos knows them."""
    ensure_capabilities_cache()
    from escpos.codepages import CodePages

    try:
        info = CodePages.get_encoding(CodePages.get_encoding_name(codepage))
    except KeyError:
        raise ValueError(f"unknown code page {codepage!r}") from None
    if "data" in info:
        chars = "".join(info["data"])
    elif "python_encode" in info:
        chars = bytes(range(128, 256)).decode(info["python_encode"], errors="ignore")
    else:
        return frozenset()
    return frozenset(ch for ch in chars if not ch.isspace() and ch.isprintable())


@dataclass(frozen=True, slots=True)
class _Backend:
    """The expensive python-escpos objects for one profile, built once and shared."""

    profile: Any
    encoder: Any
    codepage: str
    """The code page's canonical python-escpos name (``cp437`` -> ``CP437``)."""


def warm_up(profile: PrinterProfile) -> None:
    """Load python-escpos and this profile's tables now (about half a second), so the first
    receipt after start-up prints as fast as the rest. Call it off the UI thread."""
    escpos_backend(profile.escpos_profile, profile.codepage, profile.columns)
    logo_bytes(profile)


@functools.cache
def escpos_backend(escpos_profile: str, codepage: str, columns: int) -> _Backend:
    ensure_capabilities_cache()
    from escpos.capabilities import CAPABILITIES, Profile
    from escpos.magicencode import Encoder

    profiles = CAPABILITIES["profiles"]
    if escpos_profile not in profiles:
        raise ValueError(f"unknown python-escpos profile {escpos_profile!r}")
    data = copy.deepcopy(profiles[escpos_profile])
    # python-escpos prints a warning to stdout and cannot centre an image when the paper width
    # in dots is unknown (the "default" profile); the column count tells it.
    width = data.setdefault("media", {}).setdefault("width", {})
    if not isinstance(width.get("pixels"), int):
        width["pixels"] = columns * DOTS_PER_COLUMN
    profile = Profile(features=dict(data.get("features", {})))
    profile.profile_data = data
    # Several slots can name one page (POS-5890 has CP437 at 0, 50 and 52) and python-escpos
    # keeps the last; the lowest slot is the one every clone implements.
    slots: dict[str, int] = {}
    for slot, name in sorted(data.get("codePages", {}).items(), key=lambda kv: int(kv[0])):
        slots.setdefault(name, int(slot))
    encoder = Encoder(slots)
    canonical = encoder.get_encoding_name(codepage)  # ValueError when the printer lacks it
    return _Backend(profile, encoder, canonical)


def paper_dots(profile: PrinterProfile) -> int:
    """The printable width in dots python-escpos checks images against."""
    backend = escpos_backend(profile.escpos_profile, profile.codepage, profile.columns)
    return int(backend.profile.profile_data["media"]["width"]["pixels"])


def logo_bytes(profile: PrinterProfile) -> bytes:
    """The logo's raster bands for ``profile`` (b"" without a usable logo).

    Encoding an image takes milliseconds per receipt, so the bands are kept per profile and per
    version of the file (its modification time): a new logo is picked up without a restart.
    A missing or unreadable file prints the receipt without the logo (and says so in the log).
    """
    if not profile.logo:
        return b""
    try:
        stat = Path(profile.logo).stat()
    except OSError as exc:
        _log_logo_problem(profile.logo, str(exc))
        return b""
    return _encoded_logo(
        profile.escpos_profile,
        profile.codepage,
        profile.columns,
        profile.logo,
        profile.image_band_rows,
        stat.st_mtime_ns,
        stat.st_size,
    )


@functools.cache
def _log_logo_problem(path: str, problem: str) -> None:
    log.warning("receipt logo %s not printed: %s", path, problem)


@functools.lru_cache(maxsize=8)
def _encoded_logo(
    escpos_profile: str,
    codepage: str,
    columns: int,
    path: str,
    band_rows: int,
    _mtime_ns: int,
    _size: int,
) -> bytes:
    ensure_capabilities_cache()
    from escpos.printer import Dummy
    from PIL import Image, UnidentifiedImageError

    backend = escpos_backend(escpos_profile, codepage, columns)
    width = int(backend.profile.profile_data["media"]["width"]["pixels"])
    try:
        with Image.open(path) as source:
            image = source.convert("RGBA")
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        _log_logo_problem(path, str(exc))
        return b""
    if image.width > width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    printer = Dummy(profile=backend.profile)
    printer.image(image, center=True, fragment_height=band_rows)
    data: bytes = printer.output
    log.info("receipt logo %s encoded: %dx%d dots, %d bytes", path, *image.size, len(data))
    return data


def apply_style(printer: Any, old: Style, new: Style) -> None:
    bold = new is not Style.NORMAL
    if (old is Style.TOTAL) != (new is Style.TOTAL):
        if new is Style.TOTAL:
            printer.set(double_height=True, bold=bold)
        else:
            printer.set(normal_textsize=True, bold=bold)
    else:
        printer.set(bold=bold)


Fold = Callable[[str], str]
"""Makes a text printable on the job's code page (``transliterate`` bound to it); the layout
applies it before measuring a line."""


def render_escpos(receipt: Receipt, profile: PrinterProfile) -> bytes:
    """The complete print job for ``receipt``: reset, logo, text, QR code of the receipt number,
    cut.

    No drawer kick: the drawer opens on its own command, so a reprint never opens it.
    """
    return render_document(
        profile,
        lambda fold: lay_out(receipt, profile.columns, fold=fold),
        qr_payload=transliterate(receipt.qr_payload),
    )


def render_document(
    profile: PrinterProfile, lines: Callable[[Fold], Iterable[Line]], *, qr_payload: str = ""
) -> bytes:
    """The print job every document shares (receipt, refund slip, X/Z report): reset, leave
    Chinese mode, the one code page, the logo, ``lines(fold)`` with their emphasis, the QR code
    of ``qr_payload`` when there is one, then the cut (or the feed past the tear bar).

    No drawer kick: the drawer opens on its own command, so a reprint never opens it.
    """
    ensure_capabilities_cache()
    from escpos.printer import Dummy

    backend = escpos_backend(profile.escpos_profile, profile.codepage, profile.columns)
    printer = Dummy(profile=backend.profile, magic_encode_args={"encoder": backend.encoder})
    printer.hw("INIT")
    if profile.cancel_kanji:
        printer._raw(KANJI_OFF)  # python-escpos has no call for FS .
    printer.charcode(backend.codepage)
    logo = logo_bytes(profile)
    if logo:
        printer._raw(logo)

    def fold(text: str) -> str:
        return transliterate(text, backend.codepage)

    style = Style.NORMAL
    for line in lines(fold):
        if line.style is not style:
            apply_style(printer, style, line.style)
            style = line.style
        printer.textln(line.text)
    if style is not Style.NORMAL:
        apply_style(printer, style, Style.NORMAL)
    if qr_payload:
        _print_qr(printer, qr_payload, profile)
    _finish(printer, profile)
    output: bytes = printer.output
    return output


def _print_qr(printer: Any, payload: str, profile: PrinterProfile) -> None:
    from escpos.constants import QR_ECLEVEL_M

    printer.ln()
    printer.set(align="center")
    printer.qr(
        payload,
        ec=QR_ECLEVEL_M,
        size=profile.qr_module_size,
        native=profile.qr_native,
        image_arguments=None
        if profile.qr_native
        else {"center": True, "fragment_height": profile.image_band_rows},
    )
    printer.set(align="left")


def _finish(printer: Any, profile: PrinterProfile) -> None:
    if profile.cut:
        if profile.feed_before_cut:
            printer.print_and_feed(profile.feed_before_cut)
        # GS V 66 0: feed to the cutter itself, then cut, so no printed line is cut through.
        printer.cut(feed=False)
    else:
        printer.print_and_feed(profile.feed_before_cut + TEAR_BAR_LINES)
