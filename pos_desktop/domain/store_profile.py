"""Rules for the store details that end up on a receipt, shared by the cloud and the till.

The cloud validates what the owner types against these rules, and the till prints with them, so
a header line the owner saved always fits the paper and an NPWP prints the way the tax office
writes it, whichever side looks at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

MAX_RECEIPT_LINES: Final = 8
"""Header or footer lines a receipt carries: a struk is not a flyer."""
MAX_RECEIPT_LINE_LENGTH: Final = 48
"""A full line on an 80 mm printer (Font A); a 58 mm printer wraps it."""

BANNED_RECEIPT_PHRASES: Final[tuple[str, ...]] = (
    "tidak dapat dikembalikan",
    "tidak dapat ditukar",
)
"""UU 8/1999 Pasal 18 forbids "barang yang sudah dibeli tidak dapat dikembalikan/ditukar"."""

_NPWP_INPUT = re.compile(r"^[0-9][0-9.\- ]*$")


def normalize_npwp(text: str) -> str:
    """The NPWP as its digits: 15 (the classic ``01.234.567.8-901.000``) or 16 (NIK-based, since
    2024). Dots, dashes and spaces as people type them are dropped; an empty text means none.

    Raises ``ValueError`` for anything else, so a mistyped number never reaches a tax invoice.
    """
    text = text.strip()
    if not text:
        return ""
    if not _NPWP_INPUT.match(text):
        raise ValueError("an NPWP holds only digits, dots and dashes")
    digits = re.sub(r"[.\- ]", "", text)
    if len(digits) not in (15, 16):
        raise ValueError(f"an NPWP has 15 or 16 digits, not {len(digits)}")
    return digits


def format_npwp(npwp: str) -> str:
    """As printed: ``01.234.567.8-901.000`` for 15 digits, the 16 digits as they are; text that
    is not a normalized NPWP (typed on an older till) is printed unchanged."""
    if len(npwp) == 15 and npwp.isdigit():
        d = npwp
        return f"{d[0:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:15]}"
    return npwp


def banned_phrase(lines: Iterable[str]) -> str | None:
    """The clause consumer law bans, if any line says it (however spaced or capitalised)."""
    for line in lines:
        folded = " ".join(line.split()).casefold()
        for phrase in BANNED_RECEIPT_PHRASES:
            if phrase in folded:
                return phrase
    return None
