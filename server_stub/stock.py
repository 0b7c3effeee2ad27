"""Stock levels from the append-only ledger.

A level is the sum of a store's movements for a product. Sales append negative movements in the
same transaction that stores the sale, owners append receipts and adjustments; nothing updates
a running total in place, so concurrent writers from many tills cannot lose each other's changes.
Every movement writes its stock.changed webhook event in the same transaction (when wanted).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server_stub.models import ProductRow, StockMovement, Store, new_id
from server_stub.schemas import StockLevel, StockLevels
from server_stub.webhooks import sources


def format_milli(qty_milli: int) -> str:
    """12500 -> ``12.5``; -2000 -> ``-2``."""
    value = (Decimal(qty_milli) / 1000).normalize()
    return format(value, "f")


def parse_milli(quantity: str) -> int:
    return int(Decimal(quantity) * 1000)


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
