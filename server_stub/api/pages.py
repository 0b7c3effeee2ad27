"""Cursor pages: every list of the owner API answers ``{"items": [...], "next_cursor": ...}``
and takes ``?cursor=&limit=``, so one loop in a client reads any of them::

    cursor = None
    while True:
        page = get(path, cursor=cursor, limit=500)
        ...page["items"]...
        if page["next_cursor"] is None:
            break
        cursor = page["next_cursor"]

A cursor is opaque to clients (URL-safe base64 of the last item's sort key): the next page
starts after that key, so rows added or removed meanwhile never shift a page the way an offset
would. (The alert lists merge three tables newest first and page by position; their cursor
says so inside, which is no business of the client's either.)
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, tuple_

from server_stub.core.problems import Problem

T = TypeVar("T")
SortKey = tuple[str | int, ...]

CURSOR_PATTERN = r"^[A-Za-z0-9_\-=]*$"

PageCursor = Annotated[
    str | None,
    Query(
        max_length=600,
        pattern=CURSOR_PATTERN,
        description="`next_cursor` of the previous page; left out for the first page.",
    ),
]


class Page(BaseModel, Generic[T]):
    """A page of a list. Subclassed per list (``StorePage``) so the document names it."""

    items: list[T]
    next_cursor: str | None = Field(
        description="Pass it back as `cursor` for the next page; `null` on the last page."
    )


def bad_cursor() -> Problem:
    return Problem(
        422, "page.bad_cursor", "The cursor is not one this server gave out for this list."
    )


def encode(values: Sequence[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, date | datetime) else v for v in values]
    raw = json.dumps(plain, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def decode(cursor: str, types: Sequence[type]) -> tuple[Any, ...]:
    """The sort key a cursor names, each value read as ``types`` says (aware datetimes only);
    422 ``page.bad_cursor`` for anything this server did not give out."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError("wrong shape")
        return tuple(_read(value, kind) for value, kind in zip(values, types, strict=True))
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise bad_cursor() from None


def _read(value: Any, kind: type) -> Any:
    if kind is datetime:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("naive")
        return moment
    if kind is date:
        return date.fromisoformat(value)
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError("not an integer")
    if kind is str and not isinstance(value, str):
        raise ValueError("not text")
    return value


def after(columns: Sequence[Any], key: tuple[Any, ...]) -> ColumnElement[bool]:
    """Rows past ``key`` in ascending order of ``columns`` (a row-value comparison, which
    PostgreSQL and SQLite 3.15+ answer from an index on those columns)."""
    return tuple_(*columns) > key  # a plain tuple: each value bound with its column's type


def cut(rows: list[T], limit: int, key: Callable[[T], Sequence[Any]]) -> tuple[list[T], str | None]:
    """``rows`` read with ``limit + 1``: the page, and the cursor after it when more follow."""
    if len(rows) <= limit:
        return rows, None
    page = rows[:limit]
    return page, encode(key(page[-1]))


def window(
    items: Iterable[T],
    key: Callable[[T], SortKey],
    types: Sequence[type],
    cursor: str | None,
    limit: int,
) -> tuple[list[T], str | None]:
    """A page of a list read whole (tax categories, staff, API keys: hundreds at most), by
    the ascending ``key`` (text and integers, typed ``types``)."""
    ordered = sorted(items, key=key)
    if cursor is not None:
        start = decode(cursor, types)
        ordered = [item for item in ordered if key(item) > start]
    return cut(ordered, limit, key)
