"""Stock levels and manual movements (goods received, counts, returns) for owners."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from server_stub import stock
from server_stub.api import pages
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import StoreCodeQuery
from server_stub.api.scopes import Caller, key_store_ids, needs, require_store
from server_stub.core.problems import Problem
from server_stub.quantities import parse_milli
from server_stub.schemas import StockLevel, StockMovementIn, StockMovementOut, StockReason

router = APIRouter(prefix="/v1/stock", tags=["stock"])


class StockLevelPage(Page[StockLevel]):
    """The store's stock per product, by product id."""

    store_code: str


@router.get("", response_model=StockLevelPage)
def get_stock_levels(
    store: StoreCodeQuery,
    user: Annotated[Caller, needs("stock:read")],
    session: ReadSession,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> StockLevelPage:
    """Every product with stock movements in the store: what the ledger adds up to."""
    found = require_store(session, user, store, key_store_ids(user))
    levels = stock.levels(session, found).levels
    items, next_cursor = pages.window(levels, lambda v: (v.product_id,), [str], cursor, limit)
    return StockLevelPage(store_code=found.code, items=items, next_cursor=next_cursor)


@router.post("/movements", response_model=StockMovementOut, status_code=201)
def create_stock_movement(
    body: StockMovementIn,
    user: Annotated[Caller, needs("stock:write")],
    ctx: Ctx,
    session: WriteSession,
) -> StockMovementOut:
    store = require_store(session, user, body.store_code, key_store_ids(user))
    qty = parse_milli(body.quantity)
    if qty == 0:
        raise Problem(422, "stock.zero", "A movement of zero changes nothing.")
    if body.reason is StockReason.ONLINE_SALE and qty > 0:
        raise Problem(
            422,
            "stock.online_sale_positive",
            "An online sale takes stock out: its quantity is negative.",
        )
    movement = stock.add_movement(
        session,
        store,
        product_id=body.product_id,
        qty_milli=qty,
        reason=body.reason.value,
        ref=body.ref,
        now=ctx.now(),
    )
    return StockMovementOut(
        movement_id=movement.movement_id,
        store_code=store.code,
        product_id=movement.product_id,
        quantity_milli=movement.qty_milli,
        reason=movement.reason,
    )
