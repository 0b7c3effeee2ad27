"""Bodies of sales: the document a till pushes, its acknowledgement, and the owner's reports."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
)

from pos_desktop.domain.cart import MAX_QUANTITY, MAX_UNIT_PRICE
from pos_desktop.domain.payments import MAX_TENDER, TenderKind
from server_stub.schemas.common import (
    INT32_MAX,
    QUANTITY_PATTERN,
    Amount,
    ApiModel,
    Code,
)

CLEAN_TEXT_PATTERN = r"^[^\x00]*$"
"""``clean_text`` done by pydantic-core: the pattern refuses NUL, and matching it needs valid
Unicode, so an unpaired surrogate is refused too. Sale documents use it because a batch carries
thousands of text fields and a Python validator per field was a tenth of the ingest time."""
SaleShortText = Annotated[str, StringConstraints(max_length=64, pattern=CLEAN_TEXT_PATTERN)]
SaleLongText = Annotated[str, StringConstraints(max_length=200, pattern=CLEAN_TEXT_PATTERN)]

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class SaleLineIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    line_no: Annotated[StrictInt, Field(ge=1, le=10_000)]
    product_id: Annotated[
        str, StringConstraints(min_length=1, max_length=64, pattern=CLEAN_TEXT_PATTERN)
    ]
    sku: SaleShortText
    barcode: SaleShortText = ""
    name: SaleLongText
    quantity: Annotated[str, StringConstraints(pattern=QUANTITY_PATTERN)]
    """Decimal string, up to three decimals, more than 0 and at most 9999."""
    unit: Annotated[str, StringConstraints(max_length=16, pattern=CLEAN_TEXT_PATTERN)] = "pcs"
    unit_price: Annotated[StrictInt, Field(ge=0, le=MAX_UNIT_PRICE)]
    gross: Amount
    line_discount: Amount
    order_discount: Amount
    net: Amount
    tax_code: Code

    @field_validator("quantity")
    @classmethod
    def _positive(cls, value: str) -> str:
        try:
            quantity = Decimal(value)
        except InvalidOperation:
            raise ValueError("quantity is not a number") from None
        if quantity <= 0 or quantity > MAX_QUANTITY:
            raise ValueError(f"quantity must be more than 0 and at most {MAX_QUANTITY}")
        return value


class SaleTaxIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: Code
    name: SaleLongText
    rate_bp: Annotated[StrictInt, Field(ge=0, le=10_000)]
    base: Amount
    tax: Amount
    included: StrictBool


class SaleTenderIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: TenderKind
    amount: Annotated[StrictInt, Field(ge=1, le=MAX_TENDER)]
    approval_code: SaleShortText = ""
    card_last4: SaleShortText = ""
    reference: SaleShortText = ""
    provider: SaleShortText = ""


class SaleIn(BaseModel):
    """A sale exactly as ``pos_desktop.domain.sale.SaleRecord.to_json()`` makes it."""

    model_config = ConfigDict(extra="allow")

    schema_: Annotated[Literal[1], Field(alias="schema")]
    sale_id: Annotated[str, StringConstraints(pattern=_UUID.pattern)]
    """Lower-case UUID made by the till: the idempotency key."""
    receipt_no: Annotated[
        str, StringConstraints(min_length=1, max_length=64, pattern=CLEAN_TEXT_PATTERN)
    ]
    store_code: Code
    till_code: Code
    sold_at: Annotated[str, StringConstraints(min_length=10, max_length=40)]
    """ISO 8601 with the till's UTC offset."""
    cashier_code: SaleShortText
    cashier_name: SaleLongText = ""
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    prices_include_tax: StrictBool
    lines: Annotated[list[SaleLineIn], Field(min_length=1, max_length=1000)]
    subtotal: Amount
    line_discounts: Amount
    order_discount: Amount
    taxes: Annotated[list[SaleTaxIn], Field(max_length=20)]
    tax_added: Amount
    tax_included: Amount
    rounding: Annotated[StrictInt, Field(ge=-1_000_000, le=1_000_000)]
    total: Amount
    tenders: Annotated[list[SaleTenderIn], Field(max_length=50)]
    change: Amount
    profile_version: Annotated[StrictInt, Field(ge=1, le=INT32_MAX)] | None = None
    """The store-profile version the till rang the sale under; absent from older tills."""

    @field_validator("sold_at")
    @classmethod
    def _aware(cls, value: str) -> str:
        parsed = parse_sold_at(value)
        if parsed is None:
            raise ValueError("sold_at must be an ISO 8601 time with a UTC offset, 1970-2200")
        return value

    @field_validator("lines")
    @classmethod
    def _distinct_line_numbers(cls, lines: list[SaleLineIn]) -> list[SaleLineIn]:
        if len({ln.line_no for ln in lines}) != len(lines):
            raise ValueError("line numbers must be distinct")
        return lines


def parse_sold_at(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return None
    if not 1970 <= parsed.year <= 2200:
        return None
    return parsed


class SalesBatchIn(ApiModel):
    sales: list[Any]
    """Each item is a ``Sale`` document; each is checked on its own, so one bad sale is
    rejected in its result and never blocks the others. At most ``max_batch`` items (413)."""
    sent_at: Annotated[str, StringConstraints(max_length=40)] | None = None
    """The till's clock when it sent the batch (ISO 8601 with offset); lets the server measure
    clock skew even for sales made offline hours ago."""


class SaleAck(BaseModel):
    sale_id: str | None
    status: Literal["accepted", "duplicate", "conflict", "rejected"]
    reason: str | None = None
    flags: list[str] = []


class SalesBatchOut(BaseModel):
    results: list[SaleAck]


class SaleSummary(BaseModel):
    sale_id: str
    store_code: str
    till_code: str
    receipt_no: str
    cashier_code: str
    sold_at: datetime
    business_day: date
    received_at: datetime
    currency: str
    subtotal: int
    discount_total: int
    tax_total: int
    rounding: int
    total: int
    line_count: int
    flags: list[str]


class SaleDetail(SaleSummary):
    flag_details: dict[str, Any]
    sale: dict[str, Any]
    """The document the till sent, byte for byte in meaning (canonical JSON)."""


class SalePage(BaseModel):
    items: list[SaleSummary]
    next_cursor: str | None


class DayTotal(BaseModel):
    day: date
    store_code: str
    sales: int
    total: int
    tax_total: int
    discount_total: int


class DailyTotals(BaseModel):
    days: list[DayTotal]
