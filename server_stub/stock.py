"""Stock levels from the append-only ledger.

A level is the sum of a store's movements for a product. Sales append negative movements in the
same transaction that stores the sale, owners append receipts and adjustments; nothing updates
a running total in place, so concurrent writers from many tills cannot lose each other's changes.
Every movement writes its stock.changed webhook event in the same transaction (when wanted), and
stock.low when it takes the level to the product's reorder point (``stock_low``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server_stub import stock_low
from server_stub.models import ProductRow, StockMovement, Store, new_id
from server_stub.quantities import format_milli
from server_stub.schemas import StockLevel, StockLevels
from server_stub.webhooks import sources


def add_movement(
    session: Session,
    store: Store,
    *,
    product_id: str,
    qty_milli: int,
    reason: str,
    ref: str,
    now: datetime,
) -> StockMovement:
    movement = StockMovement(
        org_id=store.org_id,
        movement_id=new_id(),
        store_id=store.store_id,
        product_id=product_id,
        qty_milli=qty_milli,
        reason=reason,
        ref=ref,
        created_at=now,
    )
    session.add(movement)
    session.flush()
    sources.stock_moved(session, store, product_id, qty_milli, reason, ref, now)
    stock_low.crossed(session, store, [(product_id, qty_milli)], reason, now)
    return movement


def levels(session: Session, store: Store) -> StockLevels:
    totals = (
        select(
            StockMovement.product_id.label("product_id"),
            func.sum(StockMovement.qty_milli).label("qty"),
        )
        .where(StockMovement.org_id == store.org_id, StockMovement.store_id == store.store_id)
        .group_by(StockMovement.product_id)
        .subquery()
    )
    rows = session.execute(
        select(totals.c.product_id, totals.c.qty, ProductRow.sku, ProductRow.name)
        .outerjoin(
            ProductRow,
            (ProductRow.org_id == store.org_id) & (ProductRow.product_id == totals.c.product_id),
        )
        .order_by(totals.c.product_id)
    )
    return StockLevels(
        store_code=store.code,
        levels=[
            StockLevel(
                product_id=pid,
                sku=sku,
                name=name,
                quantity=format_milli(int(qty)),
                quantity_milli=int(qty),
            )
            for pid, qty, sku, name in rows
        ],
    )
