"""CSV and XLSX exports: numbers stay numbers, Excel in Indonesia reads the CSV, no formulas."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook  # type: ignore[import-untyped]

from server_stub.exports import (
    BOM,
    CSV_MEDIA,
    XLSX_MEDIA,
    Column,
    Export,
    Kind,
    csv_chunks,
    download,
    xlsx_bytes,
)

COLUMNS = (
    Column("Produk"),
    Column("Qty", Kind.QUANTITY),
    Column("Net", Kind.RUPIAH),
    Column("Margin", Kind.PERCENT, missing="—"),
    Column("Hari", Kind.DATE),
)


def sample(rows: list[list[object]] | None = None) -> Export:
    return Export(
        title="Laporan per produk",
        filters=[("Toko", "Semua toko"), ("Periode", "01/12/2026–07/12/2026")],
        columns=COLUMNS,
        rows=rows
        if rows is not None
        else [
            ["Kopi Susu Gula Aren", Decimal("1.250"), 12_500, Decimal("0.253"), date(2026, 12, 7)],
            ['=HYPERLINK("http://x")', Decimal("3"), -1_500, None, None],
        ],  # type: ignore[arg-type]
        total=["Total", Decimal("4.250"), 11_000, None, None],
    )


def csv_text(export: Export) -> str:
    return b"".join(csv_chunks(export)).decode("utf-8")


def test_csv_has_a_bom_semicolons_and_parses_back() -> None:
    text = csv_text(sample())
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";"))
    assert rows[0] == ["Laporan per produk · Toko: Semua toko · Periode: 01/12/2026–07/12/2026"]
    assert rows[1] == ["Produk", "Qty", "Net", "Margin", "Hari"]
    assert rows[2] == ["Kopi Susu Gula Aren", "1,25", "12500", "25,3%", "2026-12-07"]
    assert rows[3] == ['\'=HYPERLINK("http://x")', "3", "-1500", "—", ""]
    assert rows[4] == ["Total", "4,25", "11000", "—", ""]
    assert sum(int(r[2]) for r in rows[2:4]) == int(rows[4][2])


def test_csv_streams_in_chunks() -> None:
    rows = [[f"Produk {i}", Decimal(1), i, None, None] for i in range(20_000)]
    chunks = list(csv_chunks(sample(rows)))  # type: ignore[arg-type]
    assert len(chunks) > 3
    assert all(len(c) < 200_000 for c in chunks)
    parsed = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8")), delimiter=";"))
    assert len(parsed) == 2 + 20_000 + 1


def test_xlsx_numbers_are_numbers_with_formats() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(sample())))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Laporan per produk · Toko: Semua toko · Periode: 01/12/2026–07/12/2026"
    assert rows[1] == ("Produk", "Qty", "Net", "Margin", "Hari")
    total = sheet.cell(row=5, column=3)
    assert total.value == 11_000 and isinstance(total.value, int)
    assert total.data_type == "n"
    assert total.number_format == '"Rp"#,##0;"-Rp"#,##0'
    assert sheet.cell(row=3, column=4).value == 0.253
    assert sheet.cell(row=3, column=4).number_format == "0.0%"
    assert sheet.cell(row=4, column=4).value == "—"
    assert book.properties.title == "Laporan per produk"
    assert "Semua toko" in (book.properties.subject or "")


def test_xlsx_never_stores_a_formula() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(sample())))
    cell = book.active.cell(row=4, column=1)
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"


def test_download_names_the_file_and_type() -> None:
    response = download(sample(), "xlsx", "laporan-produk 2026-12")
    assert response.media_type == XLSX_MEDIA
    assert "laporan-produk%202026-12.xlsx" in response.headers["content-disposition"]

    async def body() -> bytes:
        return b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[misc]

    data = asyncio.run(body())
    assert load_workbook(io.BytesIO(data)).active.cell(row=5, column=3).value == 11_000
    assert download(sample(), "csv", "x").media_type == CSV_MEDIA
