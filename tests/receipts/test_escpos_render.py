from __future__ import annotations

from dataclasses import replace

import pytest

from pos_desktop.domain.cart import Cart
from pos_desktop.domain.money import format_money, format_number
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.receipts import (
    PROFILE_58MM,
    PROFILE_80MM,
    PrinterProfile,
    Receipt,
    build_receipt,
    render_escpos,
    render_text,
    transliterate,
)
from tests.escpos_decoder import (
    Codepage,
    Cut,
    Decoded,
    Feed,
    Image,
    Init,
    KanjiOff,
    Qr,
    decode,
)
from tests.receipts.factories import (
    NPWP,
    RECEIPT_NO,
    STORE,
    find_line,
    make_sale,
    product,
    rich_cart,
    split_tender,
)

NATIVE_58MM = replace(PROFILE_58MM, qr_native=True, cut=True)
PROFILES = {
    "58mm": PROFILE_58MM,
    "58mm-native-qr": NATIVE_58MM,
    "80mm": PROFILE_80MM,
    "42col": PrinterProfile(columns=42, escpos_profile="TM-P80-42col"),
}


def printed(receipt: Receipt, profile: PrinterProfile) -> Decoded:
    return decode(render_escpos(receipt, profile))


def ppn_sale() -> SaleRecord:
    return make_sale(rich_cart(), ppn=True, pay=split_tender)


@pytest.mark.parametrize("name", PROFILES)
def test_printed_receipt_content(name: str) -> None:
    profile = PROFILES[name]
    sale = ppn_sale()
    out = printed(build_receipt(sale, STORE, ppn_enabled=True), profile)
    lines = out.lines

    assert all(len(line) <= profile.columns for line in lines)
    assert "Toko Maju Jaya" in lines[0]
    assert find_line(lines, "No. Struk").endswith(RECEIPT_NO)
    assert find_line(lines, "Tanggal").endswith("28/11/2026 14:05")
    for line in sale.lines:
        assert any(line.name.split()[0] in text for text in lines), line.name
        assert any(text.endswith(" " + format_number(line.gross)) for text in lines), line.name
    (tax,) = sale.taxes
    assert find_line(lines, "PPN 12%").endswith(format_money(tax.tax))
    assert sale.rounding != 0
    assert find_line(lines, "Pembulatan").endswith(format_money(sale.rounding))
    assert find_line(lines, "TOTAL").endswith(format_money(sale.total))
    assert find_line(lines, "Tunai").endswith(format_money(sale.cash_received))
    assert find_line(lines, "Kembalian").endswith(format_money(sale.change))
    assert find_line(lines, "Kartu").endswith(format_money(100_000))
    assert find_line(lines, "**** 1234 appr ABC123")
    assert find_line(lines, "QRIS").endswith(format_money(50_000))


@pytest.mark.parametrize("name", PROFILES)
def test_job_starts_clean_and_ends_with_qr_and_cut(name: str) -> None:
    profile = PROFILES[name]
    out = printed(build_receipt(ppn_sale(), STORE, ppn_enabled=True), profile)

    assert out.events[:3] == [Init(), KanjiOff(), Codepage(0)]
    assert out.positions[:3] == [0, 0, 0]  # before any text
    if profile.qr_native:
        (qr,) = out.of(Qr)
        assert qr.payload == RECEIPT_NO
        assert qr.model == 2
    else:
        assert out.of(Qr) == []
        bands = out.of(Image)
        assert len(bands) >= 2  # sent in small bands for small printer buffers
        assert {(b.mode, b.width) for b in bands} == {("raster", profile.columns * 12)}
        assert all(0 < b.height <= 64 for b in bands)
    code = next(e for e in out.events if isinstance(e, Qr | Image))
    code_at = out.positions[out.events.index(code)]
    assert code_at >= out.lines.index(find_line(out.lines, "TOTAL"))
    if profile.cut:
        assert out.events[-2:] == [Feed(profile.feed_before_cut), Cut(partial=True, feed=0)]
    else:
        assert out.of(Cut) == []
        assert isinstance(out.events[-1], Feed)
        assert out.events[-1].lines > profile.feed_before_cut


def test_printed_text_is_the_preview() -> None:
    receipt = build_receipt(ppn_sale(), STORE, ppn_enabled=True)
    out = printed(receipt, PROFILE_80MM)
    preview = render_text(receipt, PROFILE_80MM.columns)

    assert out.lines[: len(preview)] == preview
    assert all(line == "" for line in out.lines[len(preview) :])


def test_total_is_bold_double_height_and_the_rest_normal_size() -> None:
    out = printed(build_receipt(ppn_sale(), STORE, ppn_enabled=True), PROFILE_80MM)

    total = out.line_style("TOTAL")
    assert (total.bold, total.width, total.height) == (True, 1, 2)
    assert out.line_style("Kembalian").bold
    assert out.line_style("Toko Maju Jaya").bold
    subtotal = out.line_style("Subtotal")
    assert (subtotal.bold, subtotal.height) == (False, 1)
    assert out.line_style("Terima kasih").height == 1


@pytest.mark.parametrize("ppn", [True, False])
def test_npwp_printed_only_with_ppn(ppn: bool) -> None:
    sale = make_sale(rich_cart(), ppn=ppn)
    out = printed(build_receipt(sale, STORE, ppn_enabled=ppn), PROFILE_58MM)

    assert (NPWP in out.text) is ppn
    assert ("PPN 12%" in out.text) is ppn
    assert ("Harga sudah termasuk PPN" in out.text) is ppn


@pytest.mark.parametrize("copy", [True, False])
def test_copies_are_marked(copy: bool) -> None:
    sale = make_sale(rich_cart(), ppn=False)
    out = printed(build_receipt(sale, STORE, ppn_enabled=False, copy=copy), PROFILE_80MM)
    assert (out.text.count("SALINAN / COPY") == 2) is copy
    assert ("SALINAN" in out.text) is copy


def test_non_ascii_text_is_transliterated_not_garbled() -> None:
    store = replace(STORE, name="Toko “Bu Sri” – Café", footer_lines=("• Terima kasih… ☺",))
    cart = Cart()
    cart.add(product("X", "Kopi Łódź ½ kg", 25000))
    data = render_escpos(
        build_receipt(make_sale(cart, ppn=False), store, ppn_enabled=False), PROFILE_58MM
    )
    out = decode(data)

    assert 'Toko "Bu Sri" - Café' in out.text  # é exists in CP437 and is kept
    assert "* Terima kasih... ?" in out.text
    assert "Kopi Lódz ½ kg" in out.text  # ó and ½ are in CP437, Ł and ź are not
    assert all(len(line) <= 32 for line in out.lines)


def test_a_code_page_with_the_euro_sign_keeps_it() -> None:
    profile = PrinterProfile(codepage="cp858", escpos_profile="TM-T20II")
    store = replace(STORE, footer_lines=("Harga € hanya ilustrasi",))
    data = render_escpos(
        build_receipt(make_sale(rich_cart(), ppn=False), store, ppn_enabled=False), profile
    )

    assert Codepage(19) in decode(data).events
    assert "Harga € hanya ilustrasi" in decode(data, encoding="cp858").text
    assert (
        "Harga EUR hanya"
        in decode(
            render_escpos(
                build_receipt(make_sale(rich_cart(), ppn=False), store, ppn_enabled=False),
                PROFILE_80MM,
            )
        ).text
    )


def test_rendering_the_same_receipt_twice_gives_the_same_bytes() -> None:
    receipt = build_receipt(ppn_sale(), STORE, ppn_enabled=True)
    assert render_escpos(receipt, PROFILE_58MM) == render_escpos(receipt, PROFILE_58MM)
    assert render_escpos(receipt, PROFILE_80MM) == render_escpos(receipt, PROFILE_80MM)


@pytest.mark.parametrize(
    ("text", "codepage", "expected"),
    [
        ("Rp12.500", None, "Rp12.500"),
        ("“Spesial”", None, '"Spesial"'),
        ("‘ok’", None, "'ok'"),
        ("a – b — c", None, "a - b - c"),
        ("• item", None, "* item"),
        ("tunggu…", None, "tunggu..."),
        ("Café", None, "Cafe"),
        ("Café", "CP437", "Café"),
        ("Gödöllő", "CP437", "Gödöllo"),
        ("½ kg", None, "1/2 kg"),
        ("Straße", None, "Strasse"),
        ("ＡＢＣ", None, "ABC"),
        ("😀", None, "?"),
        ("€5", "CP858", "€5"),
        ("€5", "CP437", "EUR5"),
    ],
)
def test_transliterate(text: str, codepage: str | None, expected: str) -> None:
    assert transliterate(text, codepage) == expected


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"columns": 20}, "columns"),
        ({"columns": 80}, "columns"),
        ({"feed_before_cut": -1}, "feed_before_cut"),
    ],
)
def test_profile_validation(kwargs: dict[str, int], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        PrinterProfile(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("profile", "match"),
    [
        (PrinterProfile(codepage="CP9999"), "CP9999"),
        (PrinterProfile(codepage="CP858", escpos_profile="ZJ-5870", columns=32), "CP858"),
        (PrinterProfile(escpos_profile="No-Such-Printer"), "No-Such-Printer"),
    ],
)
def test_printer_and_code_page_are_checked_at_render(profile: PrinterProfile, match: str) -> None:
    receipt = build_receipt(make_sale(rich_cart(), ppn=False), STORE, ppn_enabled=False)
    with pytest.raises(ValueError, match=match):
        render_escpos(receipt, profile)
