"""Receipt content laid out as fixed-width text lines, for the preview and the printer.

The layout lives in the pure domain (``pos_desktop.domain.receipt_text``) so the cloud's back
office shows the very lines the till prints; the till's modules keep importing it from here.
"""

from __future__ import annotations

from pos_desktop.domain.receipt_text import (
    INDENT,
    MAX_COLUMNS,
    MIN_COLUMNS,
    Line,
    LineBuilder,
    Style,
    lay_out,
    render_text,
)

__all__ = [
    "INDENT",
    "MAX_COLUMNS",
    "MIN_COLUMNS",
    "Line",
    "LineBuilder",
    "Style",
    "lay_out",
    "render_text",
]
