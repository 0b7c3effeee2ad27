"""Stock levels and manual movements (goods received, counts, returns) for owners."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from server_stub import stock
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.api.params import StoreCodeQuery
from server_stub.api.scopes import Caller, key_store_ids, needs, require_store
from server_stub.core.problems import Problem
from server_stub.schemas import StockLevels, StockMovementIn, StockMovementOut

router = APIRouter(prefix="/v1/stock", tags=["stock"])


@router.get("", response_model=StockLevels)
def get_stock_levels(
    store: StoreCodeQuery, user: Annotated[Caller, needs("stock:read")], session: ReadSession
) -> StockLevels:
    return stock.levels(session, require_store(session, user, store, key_store_ids(user)))


@router.post("/movements", response_model=StockMovementOut, status_code=201)
def create_stock_movement(
    body: StockMovementIn,
    user: Annotated[Caller, needs("stock:write")],
    ctx: Ctx,
    session: WriteSession,
) -> StockMovementOut:
    store = require_store(session, user, body.store_code, key_store_ids(user))
    qty = stock.parse_milli(body.quantity)
    if qty == 0:
        raise Problem(422, "stock.zero", "A movement of zero changes nothing.")
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
