"""Bodies of stock levels and the movements an owner records."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import (
    BaseModel,
    StringConstraints,
    field_validator,
)

from server_stub.schemas.common import (
    ApiModel,
    Code,
    ShortText,
    clean_text,
)


class StockLevel(BaseModel):
    product_id: str
    sku: str | None
    name: str | None
    quantity: str
    """Decimal string (three decimals at most)."""
    quantity_milli: int


class StockLevels(BaseModel):
    store_code: str
    levels: list[StockLevel]


class StockReason(enum.StrEnum):
    RECEIVE = "receive"
    ADJUST = "adjust"
    RETURN = "return"
    ONLINE_SALE = "online_sale"
    """Sold through another channel (a marketplace, a web shop): always out of stock, with the
    order as ``ref``, so the ledger and the stock journal tell it from a count."""


class StockMovementIn(ApiModel):
    store_code: Code
    product_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    quantity: Annotated[str, StringConstraints(pattern=r"^-?[0-9]{1,7}(\.[0-9]{1,3})?$")]
    """Signed decimal string: positive adds stock (goods received), negative removes it."""
    reason: StockReason = StockReason.ADJUST
    ref: ShortText = ""

    @field_validator("product_id")
    @classmethod
    def _text(cls, value: str) -> str:
        return clean_text(value)


class StockMovementOut(BaseModel):
    movement_id: str
    store_code: str
    product_id: str
    quantity_milli: int
    reason: str
