"""A list of values in a query: on PostgreSQL one array parameter (``column = ANY(:list)``),
elsewhere ``IN (...)`` in chunks.

Why: an ``IN`` list renders one placeholder per value, so every batch makes a different, long
statement text that psycopg converts again each time (its cache keeps only short texts; for
500 values that parsing alone cost more CPU than the query) and that PostgreSQL plans again.
An array is one parameter: one fixed text, converted once and planned like ``IN``, using the
same indexes. SQLite has no arrays and binds values cheaply; it keeps ``IN`` under its limit
of bound variables.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Final

from sqlalchemy import ColumnElement, String, any_, literal
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

CHUNK: Final = 500
"""Values per ``IN`` list where there are no arrays."""


def postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def among(column: Any, values: Sequence[str], on_postgres: bool) -> ColumnElement[bool]:
    """``column`` is one of ``values``."""
    if on_postgres:
        return column == any_(literal(list(values), ARRAY(String)))  # type: ignore[no-any-return]
    return column.in_(values)  # type: ignore[no-any-return]


def chunks(values: Sequence[str], on_postgres: bool) -> Iterator[Sequence[str]]:
    """``values`` in pieces small enough for one ``among`` each: all at once on PostgreSQL."""
    step = len(values) if on_postgres else CHUNK
    for start in range(0, len(values), max(step, 1)):
        yield values[start : start + step]
