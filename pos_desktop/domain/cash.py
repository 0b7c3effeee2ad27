"""Counting the cash drawer by denomination.

At close the cashier counts the drawer piece by piece: how many Rp100 coins, how many Rp50.000
notes. Keeping the count per denomination (not just a total) lets a supervisor redo the sum,
spot the note that was miscounted, and compare tomorrow's opening float with tonight's count.

Rp1.000 exists both as a coin and as a note; they are counted separately (different trays),
so denominations have a key of their own rather than being keyed by value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from pos_desktop.domain.errors import UserError


@dataclass(frozen=True, slots=True)
class Denomination:
    key: str
    value: int
    coin: bool


DENOMINATIONS: Final[tuple[Denomination, ...]] = (
    Denomination("note_100000", 100_000, False),
    Denomination("note_50000", 50_000, False),
    Denomination("note_20000", 20_000, False),
    Denomination("note_10000", 10_000, False),
    Denomination("note_5000", 5_000, False),
    Denomination("note_2000", 2_000, False),
    Denomination("note_1000", 1_000, False),
    Denomination("coin_1000", 1_000, True),
    Denomination("coin_500", 500, True),
    Denomination("coin_200", 200, True),
    Denomination("coin_100", 100, True),
)
"""Rupiah notes and coins in circulation, largest first: the order a cashier counts in."""

BY_KEY: Final[Mapping[str, Denomination]] = {d.key: d for d in DENOMINATIONS}

MAX_PIECES: Final = 99_999
"""More pieces of one denomination than any drawer holds: a typo, not a count."""


def _pieces(key: str, raw: object) -> int:
    """A count as typed or stored: an int, or a string of digits. Nothing else."""
    if isinstance(raw, bool):
        raise UserError("cash.count_not_whole", denomination=key)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip()
        if text.startswith("-") and text[1:].isdecimal():
            raise UserError("cash.count_negative", denomination=key)
        if not text.isascii() or not text.isdecimal():
            raise UserError("cash.count_not_whole", denomination=key)
        value = int(text)
    else:
        raise UserError("cash.count_not_whole", denomination=key)
    if value < 0:
        raise UserError("cash.count_negative", denomination=key)
    if value > MAX_PIECES:
        raise UserError("cash.count_too_large", denomination=key, maximum=MAX_PIECES)
    return value


@dataclass(frozen=True, slots=True)
class CashCount:
    """Pieces per denomination, in ``DENOMINATIONS`` order; denominations not counted are 0."""

    pieces: tuple[tuple[str, int], ...]

    @staticmethod
    def of(counts: Mapping[str, object]) -> CashCount:
        """Validate a count as entered; refuses the whole count on the first bad entry."""
        unknown = sorted(k for k in counts if k not in BY_KEY)
        if unknown:
            raise UserError("cash.unknown_denomination", denomination=str(unknown[0]))
        return CashCount(
            tuple((d.key, _pieces(d.key, counts.get(d.key, 0))) for d in DENOMINATIONS)
        )

    @staticmethod
    def empty() -> CashCount:
        return CashCount(tuple((d.key, 0) for d in DENOMINATIONS))

    def count(self, key: str) -> int:
        if key not in BY_KEY:
            raise UserError("cash.unknown_denomination", denomination=key)
        return dict(self.pieces).get(key, 0)

    @property
    def total(self) -> int:
        return sum(BY_KEY[key].value * n for key, n in self.pieces)

    def lines(self) -> list[tuple[Denomination, int, int]]:
        """(denomination, pieces, amount) for the denominations actually counted."""
        return [(BY_KEY[key], n, BY_KEY[key].value * n) for key, n in self.pieces if n]

    def to_json(self) -> dict[str, int]:
        return dict(self.pieces)

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> CashCount:
        return CashCount.of(data)
