"""Refunds: tills push them and look up sales to refund; owners list them (flagged ones first)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from server_stub import refunds
from server_stub.api import pages
from server_stub.api.deps import (
    Ctx,
    CurrentDevice,
    ReadSession,
    SubmittingTill,
    WriteSession,
    limit_batch,
)
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import Day, OptionalStoreCode
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, key_store_ids, needs, require_store
from server_stub.core.problems import Problem
from server_stub.schemas import DocumentBatchIn, DocumentBatchOut

router = APIRouter(tags=["refunds"])


class SaleLookupOut(BaseModel):
    sale: dict[str, Any]
    """The sale document as the till sent it."""
    refunds: list[dict[str, Any]]
    """The counted refunds of that sale, as their tills sent them."""


class RefundOut(BaseModel):
    refund_id: str
    refund_no: str
    store_code: str
    till_code: str
    original_sale_id: str
    refunded_at: datetime
    business_day: date
    received_at: datetime
    total: int
    counted: bool
    """False for a flagged over-refund: kept, but not in stock or totals."""
    flags: list[str]
    flag_details: dict[str, Any]
    refund: dict[str, Any]


class RefundPage(Page[RefundOut]):
    """Refunds by the time they were made."""


@router.post(
    "/v1/sync/refunds",
    response_model=DocumentBatchOut,
    responses=errors(413, s413="Too many refunds in one batch, or body too large"),
)
def push_refunds(
    body: DocumentBatchIn, submitter: SubmittingTill, ctx: Ctx, session: WriteSession
) -> DocumentBatchOut:
    """Store a batch of refunds; one result per refund, in order.

    ``accepted``: stored now. ``duplicate``: stored before with the same content. ``conflict``:
    another refund with this id exists; nothing overwritten. ``rejected``: not stored (another
    store's sale, unreadable). ``flags``: ``unknown_original`` (the sale is not here yet; the
    refund counts), ``over_refund`` (more than sold together with earlier refunds; kept but not
    counted), ``till_code_mismatch``.
    """
    limit_batch(ctx, body.documents, "refunds")
    results = refunds.ingest_refunds(session, submitter, body.documents, received_at=ctx.now())
    return DocumentBatchOut(results=results)


@router.get(
    "/v1/sync/sales/lookup",
    response_model=SaleLookupOut,
    responses=errors(409, s409="The receipt belongs to another store"),
)
def lookup_sale_by_receipt(
    device: CurrentDevice,
    session: ReadSession,
    receipt_no: Annotated[str, Query(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]*$")],
) -> SaleLookupOut:
    """A sale of the till's own store by receipt number, with the refunds counted for it."""
    try:
        found = refunds.lookup_sale(session, device.org_id, device.store, receipt_no.strip())
    except refunds.OtherStore:
        raise Problem(409, "refund.other_store", "This receipt belongs to another store.") from None
    except refunds.SaleNotFound:
        raise Problem(404, "sale.not_found", f"No sale with receipt {receipt_no}.") from None
    return SaleLookupOut(**found)


@router.get("/v1/refunds", response_model=RefundPage)
def list_refunds(
    user: Annotated[Caller, needs("refunds:read")],
    session: ReadSession,
    store: OptionalStoreCode = None,
    day: Day = None,
    flagged: bool | None = None,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> RefundPage:
    """Refunds of the organization by store and day; ``flagged=true`` for those to look at."""
    limited = key_store_ids(user)
    the_store = require_store(session, user, store, limited) if store is not None else None
    items = refunds.list_refunds(
        session,
        user.org_id,
        store=the_store,
        day=day,
        flagged=flagged,
        limit=limit + 1,
        store_ids=limited,
        after=pages.decode(cursor, [datetime, str]) if cursor is not None else None,
    )
    found, next_cursor = pages.cut(items, limit, lambda r: [r["refunded_at"], r["refund_id"]])
    return RefundPage(items=[RefundOut(**item) for item in found], next_cursor=next_cursor)
