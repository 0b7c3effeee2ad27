"""Receipt content laid out as fixed-width text lines.

Thermal printers print a fixed number of characters per line in font A (32 on 58 mm paper, 48
on 80 mm, 42 on some models). Laying the receipt out here, as plain text, lets the on-screen
preview show exactly the lines the printer prints; the ESC/POS renderer only adds emphasis,
the QR code and the cut. The cloud's back office shows the same text, so this is pure Python in
the domain. Every line is at most ``columns`` characters: a longer line would wrap
on the printer and break the right-aligned amounts.
"""

from __future__ import annotations

import enum
import re
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from pos_desktop.domain.receipt_content import ItemRow, Receipt, Row

_SIZE: Final = re.compile(r"(\d) ([A-Za-z]{1,3}\b)")
"""A number and a short unit after it; textwrap does not break at U+00A0, so gluing them
with it keeps them together."""

MIN_COLUMNS: Final = 24
MAX_COLUMNS: Final = 64
INDENT: Final = 2


class Style(enum.Enum):
    NORMAL = "normal"
    BOLD = "bold"
    TOTAL = "total"
    """Bold and double height: double width would halve a 58 mm line to 16 characters."""


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    style: Style = Style.NORMAL


def _printable(text: str) -> str:
    """NFC, with control characters (a newline typed into a product name) made spaces."""
    text = unicodedata.normalize("NFC", text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else " " for ch in text)


class LineBuilder:
    """Accumulates lines for one receipt at one width."""

    def __init__(self, columns: int, fold: Callable[[str], str] | None) -> None:
        if not MIN_COLUMNS <= columns <= MAX_COLUMNS:
            raise ValueError(f"columns must be {MIN_COLUMNS}..{MAX_COLUMNS}, got {columns}")
        self.columns = columns
        self.fold = fold
        self.lines: list[Line] = []

    def text(self, raw: str) -> str:
        clean = _printable(raw)
        return self.fold(clean) if self.fold is not None else clean

    def add(self, text: str, style: Style = Style.NORMAL) -> None:
        self.lines.append(Line(text.rstrip(), style))

    def wrap(self, text: str, width: int) -> list[str]:
        """Word wrap that keeps a size with its unit ("5 kg", "75 g") on one line."""
        glued = _SIZE.sub("\\1\u00a0\\2", text)
        parts = textwrap.wrap(glued, width, break_on_hyphens=False) or [""]
        return [part.replace("\u00a0", " ") for part in parts]

    def rule(self, char: str = "-") -> None:
        self.add(char * self.columns)

    def centered(self, raw: str, style: Style = Style.NORMAL) -> None:
        for part in self.wrap(self.text(raw), self.columns):
            self.add(part.center(self.columns), style)

    def row(self, row: Row, style: Style = Style.NORMAL, indent: int = 0) -> None:
        self.justified(self.text(row.label), self.text(row.value), style, indent)
        for detail in row.details:
            pad = " " * (indent + INDENT)
            for part in self.wrap(self.text(detail), self.columns - len(pad)):
                self.add(pad + part, style)

    def justified(self, label: str, value: str, style: Style, indent: int = 0) -> None:
        """Label left, value right; a label too long for one line wraps and the value goes on
        its last line, or on a line of its own when even that is full."""
        pad = " " * indent
        lines = [pad + part for part in self.wrap(label, self.columns - indent)]
        last = lines[-1]
        if len(last) + 1 + len(value) <= self.columns:
            lines[-1] = last + value.rjust(self.columns - len(last))
        elif len(value) <= self.columns:
            lines.append(value.rjust(self.columns))
        else:
            lines.extend(self.wrap(value, self.columns))
        for line in lines:
            self.add(line, style)

    def item(self, item: ItemRow) -> None:
        name = self.text(item.name)
        amount = self.text(item.amount)
        if not item.quantity:
            self.justified(name, amount, Style.NORMAL)
        else:
            for part in self.wrap(name, self.columns):
                self.add(part)
            quantity = f"{self.text(item.quantity)} x {self.text(item.unit_price)}"
            self.justified(quantity, amount, Style.NORMAL, INDENT)
        if item.discount is not None:
            self.row(item.discount, indent=INDENT)


def lay_out(
    receipt: Receipt, columns: int, *, fold: Callable[[str], str] | None = None
) -> list[Line]:
    """The receipt as styled lines of at most ``columns`` characters.

    ``fold`` maps every piece of text before it is measured (the printer renderer passes its
    transliteration, which can change lengths: ``…`` becomes ``...``).
    """
    out = LineBuilder(columns, fold)
    if receipt.copy_marker:
        out.centered(receipt.copy_marker, Style.BOLD)
    out.centered(receipt.store_name, Style.BOLD)
    for line in receipt.header_lines:
        out.centered(line)
    out.rule()
    for row in receipt.info:
        out.row(row)
    out.rule()
    for item in receipt.items:
        out.item(item)
    out.rule()
    for row in receipt.totals:
        out.row(row)
    out.row(receipt.total, Style.TOTAL)
    out.rule()
    for row in receipt.tenders:
        out.row(row)
    if receipt.change is not None:
        out.row(receipt.change, Style.BOLD)
    if receipt.tax_info or receipt.notes:
        out.rule()
        for row in receipt.tax_info:
            out.row(row)
        for note in receipt.notes:
            out.centered(note)
    if receipt.footer_lines:
        out.rule()
        for line in receipt.footer_lines:
            out.centered(line)
    if receipt.copy_marker:
        out.centered(receipt.copy_marker, Style.BOLD)
    return out.lines


def render_text(receipt: Receipt, columns: int) -> list[str]:
    """The preview: the same lines the printer prints, without emphasis or QR code."""
    return [line.text for line in lay_out(receipt, columns)]
