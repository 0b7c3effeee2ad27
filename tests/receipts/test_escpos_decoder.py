"""The test decoder itself, on hand-built bytes and on what python-escpos emits."""

from __future__ import annotations

import pytest
from escpos.printer import Dummy
from PIL import Image as PILImage

from tests.escpos_decoder import (
    Align,
    Bold,
    Codepage,
    Cut,
    DecodeError,
    Drawer,
    Feed,
    Image,
    Init,
    KanjiOff,
    KanjiOn,
    LineSpacing,
    PrintMode,
    Qr,
    Setting,
    Size,
    Status,
    Underline,
    decode,
)

ESC = b"\x1b"
GS = b"\x1d"


def qr_bytes(payload: bytes) -> bytes:
    """GS ( k model 2, size 4, EC level M, store, print."""

    def fn(data: bytes) -> bytes:
        return GS + b"(k" + len(data).to_bytes(2, "little") + data

    return fn(b"1A2\x00") + fn(b"1C\x04") + fn(b"1E1") + fn(b"1P0" + payload) + fn(b"1Q0")


def test_text_lines_split_at_lf() -> None:
    out = decode(b"Halo\r\nDunia\n\nakhir")
    assert out.lines == ["Halo", "Dunia", "", "akhir"]
    assert out.events == []


def test_text_is_decoded_with_the_code_page() -> None:
    assert decode(b"Caf\x82\n").lines == ["Café"]
    assert decode(b"\xd5\n", encoding="cp858").lines == ["€"]


def test_init_resets_style_and_drops_unprinted_text() -> None:
    out = decode(ESC + b"E\x01lost" + ESC + b"@kept\n")
    assert out.lines == ["kept"]
    assert out.events == [Bold(True), Init()]
    assert not out.styles[0].bold


def test_styles_follow_esc_bang_esc_e_gs_bang_and_alignment() -> None:
    data = (
        ESC
        + b"a\x01"
        + ESC
        + b"E\x01"
        + b"tengah tebal\n"
        + ESC
        + b"!\x30"
        + b"besar\n"
        + ESC
        + b"!\x00"
        + GS
        + b"!\x11"
        + b"gs dua kali\n"
        + GS
        + b"!\x00"
        + ESC
        + b"a0"
        + ESC
        + b"-\x01"
        + b"garis bawah\n"
    )
    out = decode(data)
    assert out.lines == ["tengah tebal", "besar", "gs dua kali", "garis bawah"]
    first, big, gs_big, underlined = out.styles
    assert (first.align, first.bold) == ("center", True)
    assert (big.width, big.height, big.bold) == (2, 2, False)
    assert (gs_big.width, gs_big.height) == (2, 2)
    assert (underlined.align, underlined.underline, underlined.width) == ("left", 1, 1)
    assert Align("center") in out.events
    assert PrintMode(0x30) in out.events
    assert Size(2, 2) in out.events
    assert Underline(1) in out.events


def test_style_of_a_line_is_taken_at_its_first_character() -> None:
    out = decode(b"normal " + ESC + b"E\x01" + b"lalu tebal\n" + b"tebal\n")
    assert not out.line_style("normal").bold
    assert out.styles[1].bold


@pytest.mark.parametrize(
    ("data", "event"),
    [
        (ESC + b"p\x00\x19\xfa", Drawer(pin=2, on_ms=50, off_ms=500)),
        (ESC + b"p\x01\x32\x32", Drawer(pin=5, on_ms=100, off_ms=100)),
        (ESC + b"p0\x19\x19", Drawer(pin=2, on_ms=50, off_ms=50)),
        (GS + b"V\x00", Cut(partial=False)),
        (GS + b"V1", Cut(partial=True)),
        (GS + b"VA\x05", Cut(partial=False, feed=5)),
        (GS + b"VB\x00", Cut(partial=True, feed=0)),
        (ESC + b"t\x10", Codepage(16)),
        (b"\x1c.", KanjiOff()),
        (b"\x1c&", KanjiOn()),
        (ESC + b"d\x04", Feed(4)),
        (ESC + b"3\x1e", LineSpacing(30)),
        (ESC + b"2", LineSpacing(None)),
        (GS + b"L\x10\x00", Setting("left_margin", 16)),
        (GS + b"W\x40\x02", Setting("print_width", 576)),
        (b"\x10\x04\x01", Status(1)),
    ],
)
def test_single_commands(data: bytes, event: object) -> None:
    assert decode(data).events == [event]


def test_qr_store_and_print() -> None:
    out = decode(b"sebelum\n" + qr_bytes(b"S01-T01-000123") + b"sesudah\n")
    assert out.of(Qr) == [Qr("S01-T01-000123", model=2, size=4, ec="M")]
    assert out.positions == [1]  # model, size and EC settings are folded into the QR event
    assert out.lines == ["sebelum", "sesudah"]


def test_commands_that_print_flush_a_partial_line() -> None:
    out = decode(b"tanpa LF" + ESC + b"d\x02" + b"potong" + GS + b"V\x00")
    assert out.lines == ["tanpa LF", "potong"]
    assert out.positions == [1, 2]


def test_raster_image_size_and_data_are_consumed() -> None:
    data = GS + b"v0\x00" + b"\x02\x00" + b"\x03\x00" + bytes(6) + b"teks\n"
    out = decode(data)
    assert out.events == [Image("raster", 16, 3)]
    assert out.lines == ["teks"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ESC + b"\x01", "unknown command ESC 0x01"),
        (GS + b"Z\x00", "unknown command GS 0x5a"),
        (b"\x1cX", "unknown command FS"),
        (b"ok\x07", "unknown control byte 0x07"),
        (ESC + b"p\x00", "truncated ESC p"),
        (GS + b"v0\x00\x02\x00\x03\x00\x00", "truncated GS v 0 image data"),
        (ESC + b"a\x07", "bad alignment 7"),
        (GS + b"V\x07", "bad cut mode 7"),
        (GS + b"(k\x03\x001Q0", "QR print without stored data"),
        (GS + b"(k\x03\x000A0", "unsupported 2D symbol"),
    ],
)
def test_unknown_or_malformed_bytes_raise(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        decode(data)


def test_error_names_the_offset() -> None:
    with pytest.raises(DecodeError) as info:
        decode(b"abc" + ESC + b"\x01")
    assert info.value.offset == 3


def _python_escpos() -> Dummy:
    return Dummy(profile="TM-T20II")


def test_understands_every_python_escpos_text_and_paper_command() -> None:
    p = _python_escpos()
    p.hw("INIT")
    p.charcode("CP858")
    p.set(align="center", bold=True, underline=2, double_width=True, double_height=True)
    p.textln("besar")
    p.set(custom_size=True, width=3, height=4)
    p.textln("custom")
    p.set(font="b", invert=True, smooth=True, flip=False, density=5)
    p.set_with_default()
    p.textln("biasa")
    p.line_spacing(40)
    p.line_spacing(20, divisor=360)
    p.line_spacing(10, divisor=60)
    p.line_spacing()
    p.control("HT")
    p.control("CR")
    p.control("LF")
    p.panel_buttons(False)
    p.print_and_feed(2)
    p.cashdraw(2)
    p.cashdraw(5)
    p.cut()
    p.cut(mode="PART")
    p.cut(feed=False)
    out = decode(p.output, encoding="cp858")

    assert out.events[:2] == [Init(), Codepage(19)]
    assert out.lines[:3] == ["besar", "custom", "biasa"]
    big, custom, normal = out.styles[:3]
    assert (big.width, big.height, big.bold, big.underline, big.align) == (2, 2, True, 2, "center")
    assert (custom.width, custom.height) == (3, 4)
    assert (normal.width, normal.height, normal.bold, normal.align) == (1, 1, False, "left")
    assert out.of(Drawer) == [Drawer(2, 100, 100), Drawer(5, 100, 100)]
    assert out.of(Cut) == [Cut(False), Cut(True), Cut(True, feed=0)]
    assert Feed(6) in out.events and Feed(2) in out.events
    assert Setting("panel_buttons", 1) in out.events


@pytest.mark.parametrize("impl", ["bitImageRaster", "graphics", "bitImageColumn"])
def test_understands_python_escpos_images(impl: str) -> None:
    picture = PILImage.new("1", (40, 30), color=0)
    p = _python_escpos()
    p.text("atas\n")
    p.image(picture, impl=impl)
    p.text("bawah\n")
    out = decode(p.output)

    images = out.of(Image)
    assert images, impl
    assert out.lines[0] == "atas"
    assert out.lines[-1] == "bawah"
    if impl != "bitImageColumn":
        (image,) = images
        assert image.width >= 40
        assert image.height == 30


@pytest.mark.parametrize("native", [True, False])
def test_understands_python_escpos_qr(native: bool) -> None:
    p = _python_escpos()
    p.qr("https://contoh.id/struk/123", native=native, size=4)
    out = decode(p.output)
    if native:
        assert out.of(Qr) == [Qr("https://contoh.id/struk/123", model=2, size=4, ec="L")]
    else:
        assert out.of(Qr) == []
        assert len(out.of(Image)) == 1
