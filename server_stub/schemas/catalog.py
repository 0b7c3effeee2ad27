"""Bodies of tax categories, products, the CSV import and the catalog feed tills pull."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    Field,
    StrictInt,
    StringConstraints,
)

from pos_desktop.domain.tax import TaxKind
from server_stub.schemas.common import (
    ApiModel,
    Barcode,
    Code,
    LongText,
    Name,
    Price,
    ProductId,
    Sku,
    Unit,
)


class TaxCategoryIn(ApiModel):
    name: Name
    kind: TaxKind
    rate_bp: Annotated[StrictInt, Field(ge=0, le=10_000)] = 0
    base_numerator: Annotated[StrictInt, Field(ge=1, le=1000)] = 1
    base_denominator: Annotated[StrictInt, Field(ge=1, le=1000)] = 1


class TaxCategoryOut(BaseModel):
    code: str
    name: str
    kind: str
    rate_bp: int
    base_numerator: int
    base_denominator: int
    seq: int


ReorderPoint = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{1,7}(\.[0-9]{1,3})?$"),
    Field(
        description="A store's stock at or below which stock.low is sent, in the product's "
        'unit (`"5"`, `"2.5"` kg); `null`: never.',
        examples=["5"],
    ),
]


class ProductIn(ApiModel):
    id: ProductId | None = None
    """Leave out to let the server choose; set it to keep an ERP's or the till's own ids."""
    sku: Sku
    name: Name
    category: LongText = ""
    price: Price
    tax_code: Code = "EXEMPT"
    barcodes: Annotated[list[Barcode], Field(max_length=20)] = []  # noqa: RUF012 - pydantic copies field defaults
    sold_by_weight: bool = False
    unit: Unit = "pcs"
    in_store_code: Code | None = None
    active: bool = True
    cost_price: Price | None = None
    """What the shop pays per unit (harga modal), for margins; never sent to a till. Left out
    of an update by SKU (import), the product keeps the cost it has."""
    reorder_point: ReorderPoint | None = None
    """Never sent to a till; the CSV import leaves it as it is."""


class ProductPatch(ApiModel):
    sku: Sku | None = None
    name: Name | None = None
    category: LongText | None = None
    price: Price | None = None
    tax_code: Code | None = None
    barcodes: Annotated[list[Barcode], Field(max_length=20)] | None = None
    sold_by_weight: bool | None = None
    unit: Unit | None = None
    in_store_code: Code | None = None
    active: bool | None = None
    cost_price: Price | None = None
    """``null`` clears it: the margin then reads as unknown."""
    reorder_point: ReorderPoint | None = None
    """``null`` clears it: no stock.low for this product."""


class ProductOut(BaseModel):
    id: str
    sku: str
    name: str
    category: str
    price: int
    tax_code: str
    barcodes: list[str]
    sold_by_weight: bool
    unit: str
    in_store_code: str | None
    active: bool
    seq: int


class ProductDetail(ProductOut):
    """A product as its owner sees it: what a till gets (``ProductOut``, the feed's shape) plus
    the cost price, which stays in the back office."""

    cost_price: int | None
    reorder_point: str | None


class ProductPage(BaseModel):
    items: list[ProductOut]
    """As a till sees each product: the cost price is on ``GET /v1/products/{id}``."""
    next_cursor: str | None


class ImportResult(BaseModel):
    created: int
    updated: int
    unchanged: int


class Tombstone(BaseModel):
    seq: int
    kind: Literal["product", "tax_category"]
    id: str
    """Product id, or tax category code."""


StaffRole = Literal["cashier", "supervisor", "manager"]
"""What a member does at the tills (the values of ``pos_desktop.domain.permissions.Role``): the
owner API, ``pos-server admin create-staff`` and the feed all take this one list."""


class StaffChange(BaseModel):
    """A staff member as the asking till's store sees them.

    ``active`` is true only when the member is active and works in that store, and only then
    does ``pin_verifier`` (an argon2id hash; never a PIN) come with it: a till never receives
    the verifier of someone who does not work there.
    """

    id: str
    name: str
    role: StaffRole
    active: bool
    pin_verifier: str | None
    seq: int


class CatalogPage(BaseModel):
    """One page of catalog changes with ``cursor < seq <= next_cursor``.

    Apply tombstones, then tax categories, then products, then staff, each in ``seq`` order;
    then store ``next_cursor`` (in the same transaction) and ask again while ``has_more``.
    """

    products: list[ProductOut]
    tax_categories: list[TaxCategoryOut]
    tombstones: list[Tombstone]
    staff: list[StaffChange] = []
    next_cursor: str
    has_more: bool
