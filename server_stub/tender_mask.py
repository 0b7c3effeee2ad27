"""Which tenders paid a sale, as one integer of bits: the ``sales.tender_mask`` column.

The back office filters sales by tender. Reading the stored document for that (a ``LIKE`` over
every payload) scanned the whole table; a bit per kind, set when the sale is stored, lets the
database test an integer, and lets a partial index per rare kind hold only the sales paid that
way, so "newest first, paid by QRIS" walks an index of QRIS sales only (of the organization,
or of one store: a store that never takes cards finds its card sales, none, at once).

Stored rows keep their bits, so a kind's bit never changes and is never reused: a new
``TenderKind`` takes the next free bit, with a migration that backfills it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from sqlalchemy import ColumnElement, literal_column
from sqlalchemy.orm import QueryableAttribute

from pos_desktop.domain.payments import TenderKind

TENDER_BITS: Mapping[TenderKind, int] = MappingProxyType(
    {
        TenderKind.CASH: 1,
        TenderKind.CARD: 2,
        TenderKind.QRIS: 4,
        TenderKind.EWALLET: 8,
    }
)
RARE_TENDERS: tuple[TenderKind, ...] = (TenderKind.CARD, TenderKind.QRIS, TenderKind.EWALLET)
"""The kinds with a partial index of their own. Cash pays nearly every sale: the plain
``(org_id, sold_at, sale_id)`` index finds cash sales at once, and an index of them would be
another copy of it."""


def tender_bit(kind: str) -> int:
    """Raises ``ValueError`` for a kind that is not a ``TenderKind``."""
    return TENDER_BITS[TenderKind(kind)]


def tender_mask(kinds: Iterable[str]) -> int:
    """The bits of every kind that paid (a split payment sets several)."""
    mask = 0
    for kind in kinds:
        mask |= tender_bit(kind)
    return mask


def tender_predicate(kind: str) -> str:
    """The partial index's ``WHERE`` for ``kind``, as its migration wrote it."""
    return f"tender_mask & {tender_bit(kind)} <> 0"


def tender_index_name(kind: str, *, per_store: bool = False) -> str:
    """``ix_sales_tender_<kind>`` on ``(org_id, sold_at, sale_id)``, or with ``per_store``
    ``ix_sales_store_tender_<kind>`` on ``(org_id, store_id, sold_at, sale_id)``."""
    return f"ix_sales_{'store_' if per_store else ''}tender_{TenderKind(kind).value}"


def paid_with(
    column: QueryableAttribute[int] | ColumnElement[int], kind: str
) -> ColumnElement[bool]:
    """The filter "paid (at least partly) with ``kind``".

    The bit and the zero are written into the SQL as literals, never bound parameters: neither
    SQLite nor PostgreSQL (with a generic plan of a prepared statement) can prove that a
    parameter satisfies a partial index's ``WHERE``, so with parameters neither would use
    ``ix_sales_tender_<kind>``. Both numbers come from ``TENDER_BITS``, never from input.
    """
    bits: ColumnElement[int] = column.op("&")(literal_column(str(tender_bit(kind))))
    return bits != literal_column("0")
