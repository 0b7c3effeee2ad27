"""Receipt numbers: ``S01-T01-000042``, and after a restore the cloud could not vouch for,
``S01-T01-B-000001``.

A receipt number must never be printed twice by one till. After a database restore the till's
counter may be behind numbers it already printed; when the cloud can say how far the till got,
the counter simply moves past that. When it cannot, the till starts a new *series*: a short run
of capital letters between the till code and the counter, which no number printed before the
restore carries. Series go ``B``, ``C``, ... ``Z``, ``ZB``, ... (no ``A``, which reads as the
first series; no ``I``/``O``, which read as 1 and 0; no ``R``, which refund numbers
``S01-T01-R000001`` use), so plain string order of the numbers still follows the order they
were issued in: the separator ``-`` sorts before any letter, letters after every digit.

The till and the cloud both read numbers with ``parse_receipt_no`` (the store and till codes
may themselves contain ``-``, so a number is only read against a known store and till); refund
lookups by scanned QR code take the number as printed, series included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

SERIES_LETTERS: Final = "BCDEFGHJKLMNPQSTUVWXYZ"
MAX_SERIES_LENGTH: Final = 8
"""``store_settings.receipt_series`` holds at most this many characters."""
COUNTER_DIGITS: Final = 6
_SERIES = re.compile(r"^[A-Z]{1,8}$")


@dataclass(frozen=True, slots=True, order=True)
class ReceiptMark:
    """How far one till got in one series: its highest counter there."""

    series: str
    counter: int


def format_receipt_no(store_code: str, till_code: str, counter: int, series: str = "") -> str:
    """``S01-T01-000042`` (first series) or ``S01-T01-B-000042``: readable over the phone."""
    if series:
        return f"{store_code}-{till_code}-{series}-{counter:0{COUNTER_DIGITS}d}"
    return f"{store_code}-{till_code}-{counter:0{COUNTER_DIGITS}d}"


def parse_receipt_no(text: str, store_code: str, till_code: str) -> ReceiptMark | None:
    """The series and counter of one of this till's receipt numbers, else ``None``.

    Refund numbers (``-R000001``) and other tills' numbers are not this till's receipts.
    """
    prefix = f"{store_code}-{till_code}-"
    if not text.startswith(prefix):
        return None
    rest = text[len(prefix) :]
    series, sep, digits = rest.rpartition("-")
    if sep and not _SERIES.match(series):
        return None
    if not digits.isascii() or not digits.isdigit():
        return None
    return ReceiptMark(series, int(digits))


def next_series(series: str) -> str:
    """The series after ``series`` (``""`` -> ``B`` -> ``C`` ... ``Z`` -> ``ZB``)."""
    if not series:
        return SERIES_LETTERS[0]
    last = series[-1]
    if last == SERIES_LETTERS[-1] or last not in SERIES_LETTERS:
        following = series + SERIES_LETTERS[0]
    else:
        following = series[:-1] + SERIES_LETTERS[SERIES_LETTERS.index(last) + 1]
    if len(following) > MAX_SERIES_LENGTH:
        raise ValueError(f"no receipt series after {series!r}")
    return following


def highest(marks: list[ReceiptMark]) -> ReceiptMark | None:
    """The mark issued last: the latest series, then the highest counter in it."""
    return max(marks, default=None)
