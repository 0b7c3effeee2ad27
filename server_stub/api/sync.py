"""What tills call: push sales, pull catalog changes, read their store's stock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from server_stub import catalog, stock
from server_stub.api.deps import (
    Ctx,
    CurrentDevice,
    ReadSession,
    SubmittingTill,
    WriteSession,
    limit_batch,
)
from server_stub.api.params import Cursor
from server_stub.api.responses import errors
from server_stub.core.problems import Problem
from server_stub.ingest import ingest
from server_stub.schemas import CatalogPage, SalesBatchIn, SalesBatchOut, StockLevels, parse_sold_at

router = APIRouter(prefix="/v1/sync", tags=["sync"])


@router.post(
    "/sales",
    response_model=SalesBatchOut,
    responses=errors(413, s413="Too many sales in one batch, or body too large"),
)
def push_sales(
    body: SalesBatchIn, submitter: SubmittingTill, ctx: Ctx, session: WriteSession
) -> SalesBatchOut:
    """Store a batch of sales; one result per sale, in order.

    ``accepted``: stored now. ``duplicate``: stored before with the same content (the till may
    forget it). ``conflict``: a different sale with this id exists; nothing was overwritten.
    ``rejected``: not stored (``reason`` says why); sending it again unchanged will not help.
    ``flags`` mark what the server noticed and stored anyway: ``totals_mismatch``,
    ``unknown_product``, ``clock_skew``, ``till_code_mismatch``, ``stale_profile`` (rung under
    a store-profile version the owner had already replaced; ``flag_details`` names both),
    ``duplicate_receipt_no`` (another sale of this store and till has the receipt number, e.g.
    after a restore; ``flag_details`` names it).
    """
    limit_batch(ctx, body.sales, "sales")
    sent_at = None
    if body.sent_at is not None:
        sent_at = parse_sold_at(body.sent_at)
        if sent_at is None:
            raise Problem(422, "sync.bad_sent_at", "sent_at must be ISO 8601 with an offset.")
    results = ingest(
        session,
        submitter,
        body.sales,
        received_at=ctx.now(),
        sent_at=sent_at,
        skew_limit_s=ctx.settings.clock_skew_s,
    )
    return SalesBatchOut(results=results)


@router.get("/catalog", response_model=CatalogPage)
def pull_catalog(
    device: CurrentDevice,
    ctx: Ctx,
    session: ReadSession,
    cursor: Cursor = None,
    limit: Annotated[int | None, Query(ge=1, le=5000)] = None,
) -> Response:
    """Catalog changes after ``cursor`` in server sequence order; no cursor = full snapshot.

    ``staff`` are seen from this till's store: only members active there carry a PIN verifier.
    """
    page_size = min(limit or ctx.settings.catalog_page_default, ctx.settings.catalog_page_max)
    # Encoded by the feed itself (on PostgreSQL mostly by the database): a 5000-product page
    # through response-model validation would cost more than the query.
    return Response(
        catalog.feed_page_json(
            session, device.org_id, cursor, page_size, store_id=device.store.store_id
        ),
        media_type="application/json",
    )


@router.get("/stock", response_model=StockLevels)
def pull_stock(device: CurrentDevice, session: ReadSession) -> StockLevels:
    """Stock levels of the till's own store."""
    return stock.levels(session, device.store)
