"""Stock quantities as the ledger keeps them, in thousandths (grams for a product sold per kg),
and as the API writes them: decimal text without trailing zeros."""

from __future__ import annotations

from decimal import Decimal


def format_milli(qty_milli: int) -> str:
    """12500 -> ``12.5``; -2000 -> ``-2``."""
    value = (Decimal(qty_milli) / 1000).normalize()
    return format(value, "f")


def parse_milli(quantity: str) -> int:
    return int(Decimal(quantity) * 1000)
