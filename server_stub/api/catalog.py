"""Products and tax categories, for owners, managers and integrations (ERP, e-commerce)."""

from __future__ import annotations

import codecs
from email.message import Message
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from server_stub import catalog
from server_stub.api import pages
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import Cursor, ProductIdPath, SearchText, TaxCodePath
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, needs
from server_stub.core.problems import Problem
from server_stub.schemas import (
    ImportResult,
    ProductDetail,
    ProductIn,
    ProductPage,
    ProductPatch,
    TaxCategoryIn,
    TaxCategoryOut,
)

router = APIRouter(prefix="/v1", tags=["catalog"])

_CSV_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {
                "schema": {"type": "string"},
                "example": "sku,name,category,price,tax_code,barcodes,sold_by_weight,unit\n"
                "IND-001,Indomie Goreng,Mi instan,3500,EXEMPT,089686010947,no,pcs\n",
            }
        },
    }
}


@router.get("/products", response_model=ProductPage)
def list_products(
    user: Annotated[Caller, needs("products:read")],
    session: ReadSession,
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    q: SearchText = None,
) -> ProductPage:
    """Products ordered by SKU; pass ``next_cursor`` back for the next page. Each product as a
    till is sent it: its cost price is on ``GET /v1/products/{product_id}``."""
    items, next_cursor = catalog.list_products(
        session, user.org_id, cursor=cursor, limit=limit, query=q
    )
    return ProductPage(items=items, next_cursor=next_cursor)


@router.post(
    "/products",
    response_model=ProductDetail,
    status_code=201,
    responses=errors(409, s409="The SKU, a barcode or the product id belongs to another product"),
)
def create_product(
    body: ProductIn,
    user: Annotated[Caller, needs("products:write")],
    ctx: Ctx,
    session: WriteSession,
) -> ProductDetail:
    return catalog.create_product(session, user.org_id, body, ctx.now())


@router.get("/products/{product_id}", response_model=ProductDetail)
def get_product(
    product_id: ProductIdPath,
    user: Annotated[Caller, needs("products:read")],
    session: ReadSession,
) -> ProductDetail:
    row = catalog.get_product(session, user.org_id, product_id)
    return catalog.product_out(
        row, catalog.barcodes_of(session, user.org_id, [product_id])[product_id]
    )


@router.patch(
    "/products/{product_id}",
    response_model=ProductDetail,
    responses=errors(409, s409="The SKU or a barcode belongs to another product"),
)
def update_product(
    product_id: ProductIdPath,
    body: ProductPatch,
    user: Annotated[Caller, needs("products:write")],
    ctx: Ctx,
    session: WriteSession,
) -> ProductDetail:
    """Change any field, the price included; the change reaches the tills through the feed
    (all but ``cost_price``, which only the back office sees)."""
    return catalog.update_product(session, user.org_id, product_id, body, ctx.now())


@router.delete("/products/{product_id}", status_code=204, response_class=Response)
def delete_product(
    product_id: ProductIdPath,
    user: Annotated[Caller, needs("products:write")],
    ctx: Ctx,
    session: WriteSession,
) -> Response:
    """Delete; tills learn it from a tombstone in the feed. Past sales keep their lines."""
    catalog.delete_product(session, user.org_id, product_id, ctx.now())
    return Response(status_code=204)


@router.post(
    "/products/import",
    response_model=ImportResult,
    openapi_extra=_CSV_BODY,
    responses=errors(
        409,
        415,
        422,
        s409="A concurrent change took a SKU or barcode; nothing was imported",
        s415="The body is not sent as text/csv",
        s422="Rows with errors (`errors` names each row); nothing was imported",
    ),
)
async def import_products(
    request: Request, user: Annotated[Caller, needs("products:write")], ctx: Ctx
) -> ImportResult:
    """Create or update products by SKU from CSV (UTF-8 unless the Content-Type names
    ``charset=windows-1252`` or another of ``CSV_CHARSETS``; a header row), all or nothing.

    Columns: sku, name, price (required), category, tax_code, barcodes (``|``-separated),
    sold_by_weight, unit, in_store_code, active, cost_price (left out: each product keeps
    its cost; empty: no cost).
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in ("text/csv", "text/plain", "application/csv"):
        raise Problem(415, "import.content_type", "Send the file as text/csv.")
    text = _decode_csv(await request.body(), request.headers.get("content-type", ""))
    if "\x00" in text:
        raise Problem(422, "import.binary", "The file contains NUL characters.")
    return await run_in_threadpool(_import, ctx, user.org_id, text)


CSV_CHARSETS = {"utf-8", "utf-8-sig", "utf-16", "cp1252", "iso8859-1", "ascii"}
"""Encodings a CSV may declare (``text/csv; charset=windows-1252``): UTF-8 by default, and
what Excel's plain "CSV" writes on Indonesian Windows."""


def _decode_csv(raw: bytes, content_type: str) -> str:
    header = Message()
    header["content-type"] = content_type
    declared = header.get_content_charset() or "utf-8"
    try:
        charset = codecs.lookup(declared).name
    except LookupError:
        charset = ""
    if charset not in CSV_CHARSETS:
        raise Problem(
            422,
            "import.charset",
            f"Unknown or unsupported charset {declared!r}; send UTF-8 or windows-1252.",
        )
    try:
        return raw.decode(charset)
    except UnicodeDecodeError:
        if charset == "utf-8":
            raise Problem(
                422,
                "import.not_utf8",
                'The file is not UTF-8 text. Save it as "CSV UTF-8", or name its encoding: '
                "Content-Type: text/csv; charset=windows-1252.",
            ) from None
        raise Problem(422, "import.not_text", f"The file is not {declared} text.") from None


def _import(ctx: Ctx, org_id: str, text: str) -> ImportResult:
    with ctx.db.write() as session:
        report = catalog.import_products(session, org_id, text, ctx.now())
        if report.errors:
            session.rollback()
            raise Problem(
                422,
                "import.rows_invalid",
                f"{len(report.errors)} rows have errors; nothing was imported.",
                errors=report.errors[:100],
            )
        session.commit()
    return ImportResult(created=report.created, updated=report.updated, unchanged=report.unchanged)


class TaxCategoryPage(Page[TaxCategoryOut]):
    """Tax categories by code."""


@router.get("/tax-categories", response_model=TaxCategoryPage)
def list_tax_categories(
    user: Annotated[Caller, needs("products:read")],
    session: ReadSession,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> TaxCategoryPage:
    every = [catalog.tax_out(r) for r in catalog.tax_categories(session, user.org_id)]
    items, next_cursor = pages.window(every, lambda t: (t.code,), [str], cursor, limit)
    return TaxCategoryPage(items=items, next_cursor=next_cursor)


@router.put("/tax-categories/{code}", response_model=TaxCategoryOut)
def put_tax_category(
    code: TaxCodePath,
    body: TaxCategoryIn,
    user: Annotated[Caller, needs("products:write")],
    ctx: Ctx,
    session: WriteSession,
) -> TaxCategoryOut:
    """Create or replace a tax category."""
    row = catalog.put_tax_category(
        session,
        user.org_id,
        code,
        name=body.name,
        kind=body.kind.value,
        rate_bp=body.rate_bp,
        base_numerator=body.base_numerator,
        base_denominator=body.base_denominator,
        now=ctx.now(),
    )
    return catalog.tax_out(row)


@router.delete(
    "/tax-categories/{code}",
    status_code=204,
    response_class=Response,
    responses=errors(409, s409="Products still use this tax category"),
)
def delete_tax_category(
    code: TaxCodePath,
    user: Annotated[Caller, needs("products:write")],
    ctx: Ctx,
    session: WriteSession,
) -> Response:
    catalog.delete_tax_category(session, user.org_id, code, ctx.now())
    return Response(status_code=204)
