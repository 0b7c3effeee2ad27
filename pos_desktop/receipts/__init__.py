"""Receipts: content from a sale, text layout for the preview, ESC/POS bytes for the printer.

``python-escpos`` is imported only when the first receipt is rendered to bytes, so a screen
that only previews receipts does not pay for loading it.
"""

from pos_desktop.receipts.escpos_render import (
    PROFILE_58MM,
    PROFILE_80MM,
    PrinterProfile,
    render_escpos,
    transliterate,
)
from pos_desktop.receipts.layout import Line, Style, lay_out, render_text
from pos_desktop.receipts.model import (
    LABELS_ID,
    ItemRow,
    Receipt,
    Row,
    StoreInfo,
    build_receipt,
    format_quantity,
)

__all__ = [
    "LABELS_ID",
    "PROFILE_58MM",
    "PROFILE_80MM",
    "ItemRow",
    "Line",
    "PrinterProfile",
    "Receipt",
    "Row",
    "StoreInfo",
    "Style",
    "build_receipt",
    "format_quantity",
    "lay_out",
    "render_escpos",
    "render_text",
    "transliterate",
]
