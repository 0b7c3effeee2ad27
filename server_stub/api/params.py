"""Typed query and path parameters shared by several routes."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query

from server_stub.schemas import CODE_PATTERN, INT64_MAX, PRODUCT_ID_PATTERN

_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"

StoreCodeQuery = Annotated[
    str, Query(min_length=1, max_length=16, pattern=CODE_PATTERN, description="Store code")
]
OptionalStoreCode = Annotated[
    str | None, Query(min_length=1, max_length=16, pattern=CODE_PATTERN, description="Store code")
]
OptionalTillCode = Annotated[
    str | None, Query(min_length=1, max_length=16, pattern=CODE_PATTERN, description="Till code")
]
StoreCodePath = Annotated[str, Path(min_length=1, max_length=16, pattern=CODE_PATTERN)]
TaxCodePath = Annotated[str, Path(min_length=1, max_length=16, pattern=CODE_PATTERN)]
ProductIdPath = Annotated[str, Path(pattern=PRODUCT_ID_PATTERN)]
DeviceIdPath = Annotated[str, Path(pattern=r"^[0-9a-f]{32}_[0-9a-f]{32}$")]
SaleIdPath = Annotated[str, Path(min_length=1, max_length=64, pattern=_PRINTABLE)]
Cursor = Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_\-=]*$")]
SearchText = Annotated[str | None, Query(max_length=100, pattern=_PRINTABLE)]
Day = Annotated[date | None, Query(description="A day in the till's time zone (YYYY-MM-DD)")]
SeqAfter = Annotated[
    int, Query(ge=0, le=INT64_MAX, description="Only entries with a higher sequence number")
]
"""A sequence number in a query: bounded like the ``BigInteger`` it is compared with."""
