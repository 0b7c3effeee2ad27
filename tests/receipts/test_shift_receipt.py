"""X/Z reports on paper: fixed-width lines, the same ESC/POS path as the struk, no drawer kick."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.shift_report import ShiftReport
from pos_desktop.receipts import PROFILE_58MM, PROFILE_80MM, PrinterProfile
from pos_desktop.receipts.shift_receipt import (
    ShiftReportSink,
    render_report_escpos,
    report_text,
)
from pos_desktop.receipts.sink import FolderSink
from pos_desktop.services.documents import Document, FileThenPrint
from tests.domain.test_domain_shift_report import x_report, z_report
from tests.escpos_decoder import Cut, Drawer, decode
from tests.receipts.factories import STORE

COUNT = CashCount.of({"note_100000": 3, "note_10000": 1, "coin_200": 1, "coin_100": 1})


def z() -> ShiftReport:
    return z_report(COUNT, other_counted={"card": 24_000})


@pytest.mark.parametrize("columns", [32, 42, 48])
@pytest.mark.parametrize("make", [x_report, z])
def test_every_line_fits_the_paper(columns: int, make: object) -> None:
    report = make()  # type: ignore[operator]
    lines = report_text(report, STORE, columns)
    assert lines and all(len(line) <= columns for line in lines)


def find(lines: list[str], label: str) -> str:
    return next(line for line in lines if line.startswith(label))


def test_z_report_shows_expected_counted_and_difference() -> None:
    lines = report_text(z(), STORE, 32)
    assert "LAPORAN Z (TUTUP SHIFT)" in lines[4]
    assert find(lines, "No. Laporan").endswith("S01-T01-Z000012")
    assert find(lines, "Seharusnya").endswith("Rp310.400")
    assert find(lines, "Dihitung").endswith("Rp310.300")
    assert find(lines, "Selisih").endswith("-Rp100")
    assert find(lines, "Rp100.000 kertas x 3").endswith("Rp300.000")
    assert find(lines, "Transaksi belum terkirim").endswith("4")
    assert find(lines, "Buka laci tanpa transaksi").endswith("2")
    assert any("kurang 1 koin" in line for line in lines)
    # Card settled short by Rp1.000; QRIS not entered, so taken as expected.
    settlement = lines[lines.index("SETORAN PER PEMBAYARAN") :]
    assert find(settlement, "  Selisih").endswith("-Rp1.000")


def test_x_report_has_no_count() -> None:
    lines = report_text(x_report(), STORE, 48)
    assert "LAPORAN X (SEMENTARA)" in lines[4]
    assert not any(line.startswith("Dihitung") for line in lines)
    assert not any("RINCIAN UANG" in line for line in lines)
    assert find(lines, "Seharusnya").endswith("Rp310.400")


@pytest.mark.parametrize("profile", [PROFILE_58MM, PROFILE_80MM])
def test_escpos_prints_the_preview_lines_and_never_kicks_the_drawer(
    profile: PrinterProfile,
) -> None:
    report = z()
    decoded = decode(render_report_escpos(report, STORE, profile))
    expected = report_text(report, STORE, profile.columns)
    printed = [line for line in decoded.lines if line.strip()]
    assert printed == [line for line in expected if line.strip()]
    assert decoded.of(Drawer) == []
    assert bool(decoded.of(Cut)) is profile.cut
    assert decoded.line_style("Selisih").bold


def test_sink_writes_files_and_sends_the_same_bytes(tmp_path: Path) -> None:
    sent: list[tuple[str, bytes]] = []

    class Printer:
        def send(self, document: Document) -> str:
            sent.append((document.number, document.data))
            return "printer"

    route = FileThenPrint(FolderSink(tmp_path), Printer())
    sink = ShiftReportSink(route, STORE, profile=PROFILE_58MM)
    report = z()
    first = Path(sink.deliver(report))
    again = Path(sink.deliver(report, copy=True))
    assert first.name == "S01-T01-Z000012.bin"
    assert again.name == "S01-T01-Z000012.copy-1.bin"
    assert [no for no, _ in sent] == ["S01-T01-Z000012", "S01-T01-Z000012"]
    assert sent[0][1] == first.read_bytes()
    assert "SALINAN / COPY" in decode(again.read_bytes()).text
    assert sink.preview(report) == report_text(report, STORE, 32)


def test_store_name_with_odd_characters_is_transliterated() -> None:
    store = replace(STORE, name="Toko “Maju” — Jaya…")
    decoded = decode(render_report_escpos(x_report(), store, PROFILE_58MM))
    assert 'Toko "Maju" - Jaya...' in decoded.text
