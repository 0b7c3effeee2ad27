"""The accounting exports as files: CSV for an import or a script, XLSX for the accountant.

Unlike the report downloads (``server_stub.exports``), these files are read by programs as much
as by people, so their first row is the column keys, nothing above it:

- **CSV**: the header row holds the stable snake_case keys (``gross_sales``), then one line per
  row and no total line (a total would be imported as one more day). The dialect is the report
  downloads' own, chosen for Indonesian Excel: UTF-8 with a BOM (``utf-8-sig``), ``;`` between
  fields, rupiah as plain integers, dates ISO (``2026-12-07``), quantities with a decimal comma.
- **XLSX**: row 1 the Bahasa Indonesia headers, row 2 the keys (what the column mapping in
  ``docs/integrations.md`` names), then the rows with rupiah as integer cells and days as real
  date cells, and a bold total row. A sheet ends at Excel's row limit, with a line saying so
  instead of the total (the CSV has no limit). A second sheet, *Keterangan*, says what the
  file covers and what each column holds.

Both are streamed: CSV a few kilobytes at a time as the rows are read; XLSX through openpyxl's
write-only workbook into a spooled temporary file.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import IO, Any, Final

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from starlette.responses import StreamingResponse

from server_stub.accounting_export import (
    ACCOUNTING_FIELDS,
    STOCK_FIELDS,
    AccountingRow,
    Field,
    StockValueRow,
)
from server_stub.exports import (
    CSV_MEDIA,
    XLSX_FORMATS,
    XLSX_MEDIA,
    Column,
    Kind,
    attachment,
    column_letter,
    csv_cell,
    csv_text,
    spooled,
)

FORMATS: Final = ("csv", "xlsx")
TOTAL_LABEL: Final = "Total"
XLSX_MAX_ROWS: Final = 1_048_576 - 3
"""Data rows a sheet holds: Excel's 1,048,576 rows less the two header rows and the last."""
TRUNCATED: Final = (
    "Terpotong: lembar Excel memuat paling banyak {rows} baris, tanpa total. Unduh CSV, atau "
    "pilih periode lebih pendek atau satu toko. / Truncated at {rows} rows, without a total: "
    "download the CSV, or choose a shorter period or one store."
)
_KEY_FONT: Final = Font(italic=True, color="667085", size=9)
_NUMERIC: Final = (Kind.RUPIAH, Kind.INTEGER)
ACCOUNTING_TITLE: Final = "Ekspor akuntansi harian"
STOCK_TITLE: Final = "Jurnal nilai persediaan"
ACCOUNTING_NOTES: Final = (
    "Satu baris per toko per hari lokal toko. Penjualan dihitung pada hari transaksi, refund "
    "pada hari uang dikembalikan, selisih kas dari laporan Z yang ditutup hari itu.",
    "Rupiah dalam bilangan bulat. Total penjualan = penjualan tanpa PPN + PPN keluaran + "
    "pembulatan = jumlah kolom '... diterima'.",
)
STOCK_NOTES: Final = (
    "Mutasi stok tidak menyimpan harga modalnya sendiri: nilai = kuantitas x harga modal "
    "produk SAAT INI (dasar nilai product_current). Produk tanpa harga modal tidak bernilai "
    "(kosong, bukan nol).",
    "Tanggal mutasi penjualan dan refund adalah hari server menerimanya dari mesin kasir.",
)


@dataclass(frozen=True, slots=True)
class Table:
    """One export: its columns, its rows (may be a stream) and what it covers."""

    title: str
    sheet: str
    fields: Sequence[Field]
    rows: Iterable[Sequence[Any]]
    filters: Sequence[tuple[str, str]] = ()
    """(label, value) as the reader should see them: ("Toko", "S01 · Kemang")."""
    notes: Sequence[str] = ()
    """Sentences for the Keterangan sheet (how a figure is made)."""


def _integer(value: Any) -> str:
    return "" if value is None else str(value)


def _iso(value: Any) -> str:
    return "" if value is None else str(value.isoformat())


def _formatter(field: Field) -> Callable[[Any], str]:
    """How one column's cells are written: integers and days directly (most of a big file's
    cells), text and quantities by ``exports.csv_cell`` (formula guard, decimal comma)."""
    if field.kind in _NUMERIC:
        return _integer
    if field.kind is Kind.DATE:
        return _iso
    column = Column(field.key, field.kind)
    return lambda value: csv_cell(value, column)


def csv_chunks(table: Table) -> Iterator[bytes]:
    """The CSV file, a few kilobytes at a time: keys, then the rows."""
    formatters = [_formatter(f) for f in table.fields]
    head = [[f.key for f in table.fields]]
    body = ([write(v) for write, v in zip(formatters, row, strict=True)] for row in table.rows)
    return csv_text(itertools.chain(head, body))


def _text(sheet: object, text: str, font: Font | None = None) -> object:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if font is not None:
        cell.font = font
    return cell


def _cell(sheet: object, value: Any, field: Field, bold: bool = False) -> object:
    if isinstance(value, str) or value is None:
        return _text(sheet, value or "", Font(bold=True) if bold else None)
    cell = WriteOnlyCell(sheet, value=value)
    if field.kind is Kind.QUANTITY and value == int(value):
        cell.value = int(value)
        cell.number_format = XLSX_FORMATS[Kind.INTEGER]
    elif field.kind in XLSX_FORMATS:
        cell.number_format = XLSX_FORMATS[field.kind]
    if bold:
        cell.font = Font(bold=True)
    return cell


def _data_sheet(book: Any, table: Table) -> None:
    sheet = book.create_sheet(table.sheet[:31])
    for index, field in enumerate(table.fields):
        width = 30 if field.key.endswith("name") else 14 if field.kind is Kind.DATE else 18
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.append([_text(sheet, f.header_id, Font(bold=True)) for f in table.fields])
    sheet.append([_text(sheet, f.key, _KEY_FONT) for f in table.fields])
    sums: list[int | None] = [0 if f.total and f.kind in _NUMERIC else None for f in table.fields]
    count = 0
    for row in table.rows:
        if count == XLSX_MAX_ROWS:
            sheet.append([_text(sheet, TRUNCATED.format(rows=XLSX_MAX_ROWS), Font(bold=True))])
            return
        count += 1
        cells = []
        for i, (value, field) in enumerate(zip(row, table.fields, strict=True)):
            cells.append(_cell(sheet, value, field))
            if sums[i] is not None and isinstance(value, int):
                sums[i] = (sums[i] or 0) + value
        sheet.append(cells)
    if count:
        total: list[Any] = [TOTAL_LABEL, *sums[1:]]
        sheet.append(
            [_cell(sheet, v, f, bold=True) for v, f in zip(total, table.fields, strict=True)]
        )


def _legend_sheet(book: Any, table: Table) -> None:
    sheet = book.create_sheet("Keterangan")
    for letter, width in zip("ABCD", (22, 30, 30, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([_text(sheet, table.title, Font(bold=True, size=13))])
    for label, value in table.filters:
        sheet.append([_text(sheet, label, Font(bold=True)), _text(sheet, value)])
    for note in table.notes:
        sheet.append([_text(sheet, note)])
    sheet.append([])
    bold = Font(bold=True)
    heads = ("Kunci (key)", "Kolom", "Column", "Keterangan")
    sheet.append([_text(sheet, h, bold) for h in heads])
    for f in table.fields:
        sheet.append([_text(sheet, v) for v in (f.key, f.header_id, f.header_en, f.note)])


def write_xlsx(table: Table, target: IO[bytes]) -> None:
    """The workbook into ``target`` (a binary file): the data sheet, then Keterangan."""
    book = Workbook(write_only=True)
    book.properties.title = table.title
    book.properties.subject = " · ".join([table.title, *(f"{k}: {v}" for k, v in table.filters)])
    book.properties.description = "\n".join(table.notes)
    _data_sheet(book, table)
    _legend_sheet(book, table)
    book.save(target)


def xlsx_chunks(table: Table) -> Iterator[bytes]:
    return spooled(partial(write_xlsx, table))


def period_filters(store_label: str, day_from: date, day_to: date) -> list[tuple[str, str]]:
    """What a file covers, for its Keterangan sheet."""
    period = f"{day_from.isoformat()} s.d. {day_to.isoformat()}"
    return [("Toko", store_label), ("Periode", period)]


def accounting_table(rows: Iterable[AccountingRow], filters: Sequence[tuple[str, str]]) -> Table:
    return Table(
        title=ACCOUNTING_TITLE,
        sheet="Akuntansi harian",
        fields=ACCOUNTING_FIELDS,
        rows=(row.cells() for row in rows),
        filters=filters,
        notes=ACCOUNTING_NOTES,
    )


def stock_table(rows: Iterable[StockValueRow], filters: Sequence[tuple[str, str]]) -> Table:
    return Table(
        title=STOCK_TITLE,
        sheet="Nilai persediaan",
        fields=STOCK_FIELDS,
        rows=(row.cells() for row in rows),
        filters=filters,
        notes=STOCK_NOTES,
    )


def file_name(kind: str, store_code: str | None, day_from: date, day_to: date, fmt: str) -> str:
    """``akuntansi_S01_2026-12-01_2026-12-31.xlsx`` (``semua``: every store in sight)."""
    parts = [kind, store_code or "semua", day_from.isoformat(), day_to.isoformat()]
    return "_".join(parts) + f".{fmt}"


def download(table: Table, fmt: str, filename: str) -> StreamingResponse:
    """The table as a download: ``fmt`` is ``"csv"`` or ``"xlsx"``."""
    if fmt == "xlsx":
        return attachment(xlsx_chunks(table), XLSX_MEDIA, filename)
    return attachment(csv_chunks(table), CSV_MEDIA, filename)
