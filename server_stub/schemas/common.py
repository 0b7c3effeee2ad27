"""What every body of the HTTP API shares: text and number types, the base model, errors.

Text fields refuse NUL characters and unpaired surrogates: PostgreSQL cannot store the first and
UTF-8 cannot encode the second, and either would otherwise surface as a server error.
Integers are JSON integers only (``StrictInt``: lax parsing read ``"1000"`` and ``true`` as
prices) with bounds that fit their column on both databases (``Int32``, ``Int64``), so an
out-of-range number is a 422, never a database error.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    ValidationError,
)

from pos_desktop.domain.cart import MAX_UNIT_PRICE

MAX_AMOUNT = 10**15
"""Bound on any money amount in a sale: far above any real receipt, far below a BIGINT."""


def clean_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    return value


CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_\-]*$"

Code = Annotated[str, StringConstraints(min_length=1, max_length=16, pattern=CODE_PATTERN)]
"""Store, till and tax category codes: short, ASCII, safe in URLs and file names."""
Sku = Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(clean_text)]
Barcode = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[ -~]+$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(clean_text)]
ShortText = Annotated[str, StringConstraints(max_length=64), AfterValidator(clean_text)]
LongText = Annotated[str, StringConstraints(max_length=200), AfterValidator(clean_text)]
Address = Annotated[str, StringConstraints(max_length=500), AfterValidator(clean_text)]
Unit = Annotated[str, StringConstraints(min_length=1, max_length=16), AfterValidator(clean_text)]
Email = Annotated[
    str,
    StringConstraints(
        min_length=3, max_length=254, pattern=r"^[^@\s\x00]+@[^@\s\x00]+$", to_lower=True
    ),
]
PRODUCT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"
ProductId = Annotated[str, StringConstraints(pattern=PRODUCT_ID_PATTERN)]
INT32_MAX = 2**31 - 1
"""Largest value of an ``Integer`` column on PostgreSQL (SQLite's hold more)."""
INT64_MAX = 2**63 - 1
"""Largest value of a ``BigInteger`` column, and of any SQLite integer: beyond it SQLite cannot
even bind the parameter, so an unbounded integer in a request was a server error."""

Int32 = Annotated[StrictInt, Field(ge=-INT32_MAX - 1, le=INT32_MAX)]
"""A JSON integer (never ``"12"``, ``12.0`` or ``true``) that fits an ``Integer`` column."""
Int64 = Annotated[StrictInt, Field(ge=-INT64_MAX - 1, le=INT64_MAX)]
"""A JSON integer that fits a ``BigInteger`` column."""
Price = Annotated[StrictInt, Field(ge=0, le=MAX_UNIT_PRICE)]
"""Whole rupiah, a JSON integer: ``"1000"`` and ``true`` are refused, not read as 1000 and 1."""
Amount = Annotated[StrictInt, Field(ge=0, le=MAX_AMOUNT)]


def json_integer(value: Any) -> Any:
    """Refuse what lax validation turns into an integer (``"100"``, ``100.0``, ``true``); for
    integer enums, which cannot be declared strict when FastAPI validates in Python mode."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a JSON integer")
    return value


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Status(BaseModel):
    status: str


QUANTITY_PATTERN = r"^[0-9]{1,4}(\.[0-9]{1,3})?$"
"""A quantity as a till writes it: a decimal string with up to three decimals."""


def validation_reason(exc: ValidationError, *, whole: str = "", most: int = 1) -> str:
    """``where: message`` of the first ``most`` errors, ``; ``-joined: why a document pushed by
    a till (or a CSV row) was refused, in its own answer. ``whole`` names the document where an
    error is about all of it (an empty location)."""
    parts = []
    for err in exc.errors()[:most]:
        where = ".".join(str(p) for p in err["loc"]) or whole
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


class ProblemOut(BaseModel):
    """RFC 9457 problem details, the body of every error."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="`/problems/<code>`: a URI reference naming the problem type.")
    title: str = Field(description="The HTTP status's phrase (`Conflict`).")
    status: int
    code: str = Field(
        description="A stable dotted identifier to branch on (`store.code_taken`); each "
        "operation's error answers name the codes they carry."
    )
    detail: str | None = Field(default=None, description="What went wrong, for a person.")
    instance: str | None = Field(default=None, description="The request's path.")
