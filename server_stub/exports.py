"""Tables as files an owner opens in Excel: CSV and XLSX, streamed in bounded memory.

One ``Export`` (a title, the filters it was made with, typed columns, rows, a total row) is
written either way, so every report (and the products page's export) downloads the same.

Choices, for Indonesian Excel:

- **Numbers stay numbers.** XLSX cells hold integers (rupiah) with a number format
  (``"Rp"#,##0``): Excel groups the digits by the reader's own locale (``Rp12.500`` in
  Indonesian), and the cell still sums. Percentages are fractions formatted ``0.0%``.
- **CSV: UTF-8 with a BOM, ``;`` between fields, ``,`` as the decimal mark.** Excel decodes a
  CSV as UTF-8 only with the BOM (else "Kopi Susu Gula Aren — 1 L" turns to mojibake). Excel
  splits fields on the Windows *list separator*, which under Indonesian regional settings
  (decimal mark ``,``) is ``;``: a comma-separated file double-clicked there lands in one
  column. So the file uses ``;``, and decimals (quantities in kg, percentages) are written with
  a decimal comma, as that Excel reads them. Rupiah are plain integers without grouping
  (``12500``), which every locale reads as the same number. Dates are ISO (``2026-12-07``),
  which Excel reads as a date in any locale. No ``sep=;`` line: Excel ignores the BOM when
  one is present.
- **Row 1 is the title with the filters, then the header row, the rows, and the total row**, in
  both formats; the XLSX also carries the title and filters in its document properties.
- **Formula injection:** a text cell starting with ``=``, ``+``, ``-``, ``@`` (a product named
  ``=HYPERLINK(...)``) is written as text: in CSV behind a ``'``, in XLSX as a string cell.
- **Bounded memory:** CSV is produced row by row; XLSX uses openpyxl's write-only workbook
  (rows go to a temporary file as they come) saved into a spooled temporary file that is
  streamed out in chunks.
"""

from __future__ import annotations

import csv
import enum
import io
import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import IO, Final
from urllib.parse import quote

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from starlette.responses import StreamingResponse

Cell = str | int | Decimal | date | datetime | None

CSV_DELIMITER: Final = ";"
CSV_DECIMAL: Final = ","
CSV_MEDIA: Final = "text/csv; charset=utf-8"
XLSX_MEDIA: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM: Final = "\ufeff"
CHUNK: Final = 64 * 1024
SPOOL_MAX: Final = 8 * 1024 * 1024
"""XLSX files up to this size stay in memory; larger ones spill to a temporary file."""
_RISKY = ("=", "+", "-", "@", "\t", "\r")


class Kind(enum.StrEnum):
    TEXT = "text"
    RUPIAH = "rupiah"
    INTEGER = "integer"
    QUANTITY = "quantity"
    PERCENT = "percent"
    """A fraction: 0.253 is shown as 25.3 %."""
    DATE = "date"


XLSX_FORMATS: Final = {
    Kind.RUPIAH: '"Rp"#,##0;"-Rp"#,##0',
    Kind.INTEGER: "#,##0",
    Kind.QUANTITY: "#,##0.###",
    Kind.PERCENT: "0.0%",
    Kind.DATE: "DD/MM/YYYY",
}


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT
    missing: str = ""
    """What an unknown value (``None``) reads as: ``"—"`` for a margin whose cost is unknown."""
    width: int | None = None


@dataclass(frozen=True, slots=True)
class Export:
    title: str
    filters: Sequence[tuple[str, str]]
    """(label, value) pairs as the reader should see them: ("Toko", "S01 Kemang")."""
    columns: Sequence[Column]
    rows: Iterable[Sequence[Cell]]
    total: Sequence[Cell] | None = None
    sheet: str = "Laporan"

    @property
    def heading(self) -> str:
        parts = [self.title, *(f"{label}: {value}" for label, value in self.filters)]
        return " · ".join(parts)


def _safe_text(text: str) -> str:
    return "'" + text if text.startswith(_RISKY) else text


def _decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", CSV_DECIMAL)


def csv_cell(value: Cell, column: Column) -> str:
    if value is None:
        return column.missing
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if column.kind is Kind.PERCENT:
            return _decimal_text((value * 100).quantize(Decimal("0.1"))) + "%"
        return _decimal_text(value)
    return _safe_text(str(value))


class _Line:
    """A file-like sink for ``csv.writer`` that hands back what was written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def take(self) -> str:
        text, self.text = self.text, ""
        return text


def csv_text(rows: Iterable[Sequence[str]]) -> Iterator[bytes]:
    """Rows already written as text, as this dialect's CSV file (the BOM first), a few
    kilobytes at a time; the accounting files stream theirs through it too."""
    sink = _Line()
    writer = csv.writer(sink, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    buffer, size = [BOM], 0
    for row in rows:
        writer.writerow(row)
        text = sink.take()
        buffer.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    yield "".join(buffer).encode("utf-8")


def csv_chunks(export: Export) -> Iterator[bytes]:
    """The CSV file, a few kilobytes at a time."""
    head = [[_safe_text(export.heading)], [_safe_text(c.title) for c in export.columns]]
    body = (
        [csv_cell(v, c) for v, c in zip(row, export.columns, strict=True)]
        for row in _with_total(export)
    )
    return csv_text(itertools.chain(head, body))


def _with_total(export: Export) -> Iterator[Sequence[Cell]]:
    yield from export.rows
    if export.total is not None:
        yield export.total


def _xlsx_cell(sheet: object, value: Cell, column: Column, bold: bool) -> object:
    if value is None:
        value = column.missing or None
    if isinstance(value, Decimal) and column.kind is not Kind.PERCENT and value == int(value):
        value = int(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif column.kind is Kind.QUANTITY and isinstance(value, int):
        cell.number_format = XLSX_FORMATS[Kind.INTEGER]  # "#,##0.###" would print "3."
    elif column.kind in XLSX_FORMATS:
        cell.number_format = XLSX_FORMATS[column.kind]
    if bold:
        cell.font = Font(bold=True)
    return cell


def _text_cell(sheet: object, text: str, *, bold: bool = False, size: int = 11) -> object:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.font = Font(bold=bold, size=size)
    return cell


def column_letter(index: int) -> str:
    """Excel's name of the 0-based column ``index``: A..Z, AA..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def write_xlsx(export: Export, target: IO[bytes]) -> None:
    """Write the workbook into ``target`` (a binary file)."""
    book = Workbook(write_only=True)
    book.properties.title = export.title
    book.properties.subject = export.heading
    book.properties.description = "\n".join(f"{k}: {v}" for k, v in export.filters)
    sheet = book.create_sheet(export.sheet[:31])
    for index, column in enumerate(export.columns):
        width = column.width or (32 if column.kind is Kind.TEXT else 16)
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.append([_text_cell(sheet, export.heading, bold=True, size=13)])
    sheet.append([_text_cell(sheet, c.title, bold=True) for c in export.columns])
    for row in export.rows:
        sheet.append(
            [_xlsx_cell(sheet, v, c, False) for v, c in zip(row, export.columns, strict=True)]
        )
    if export.total is not None:
        sheet.append(
            [
                _xlsx_cell(sheet, v, c, True)
                for v, c in zip(export.total, export.columns, strict=True)
            ]
        )
    book.save(target)


def spooled(write: Callable[[IO[bytes]], None]) -> Iterator[bytes]:
    """What ``write`` puts in a file, in chunks: a workbook is written whole first (a zip's
    directory comes last), into memory or, past ``SPOOL_MAX``, a temporary file."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX) as spool:
        write(spool)
        spool.seek(0)
        while chunk := spool.read(CHUNK):
            yield chunk


def xlsx_chunks(export: Export) -> Iterator[bytes]:
    return spooled(partial(write_xlsx, export))


def xlsx_bytes(export: Export) -> bytes:
    out = io.BytesIO()
    write_xlsx(export, out)
    return out.getvalue()


def attachment(body: Iterator[bytes], media: str, filename: str) -> StreamingResponse:
    """``body`` streamed as a file download named ``filename`` (any characters: an ASCII
    fallback for old browsers, the UTF-8 name for the rest), never cached."""
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace('"', "")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return StreamingResponse(
        body,
        media_type=media,
        headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
    )


def download(export: Export, fmt: str, stem: str) -> StreamingResponse:
    """The export as a download: ``fmt`` is ``"csv"`` or ``"xlsx"``."""
    if fmt == "xlsx":
        return attachment(xlsx_chunks(export), XLSX_MEDIA, f"{stem}.xlsx")
    return attachment(csv_chunks(export), CSV_MEDIA, f"{stem}.csv")
