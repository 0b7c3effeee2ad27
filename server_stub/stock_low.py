"""stock.low: a store's stock of a product fell to or below the product's reorder point.

Sent once per crossing, when a change takes the level from above the point to at or below it;
the level then has to rise above the point again (goods received, a refund) before the next
one. It is written with the movement that crossed, in the same transaction, on the product's
stock resource (``stock:<store id>:<product id>``), so it reaches an endpoint after that
movement's stock.changed and in order with it.

The level is the ledger's sum for the store and product as this transaction sees it: two tills
whose sales commit at the same moment may each see the other's sale missing, so a crossing made
only by both together is reported by the next change of that product in that store, not by
either sale. Only products with a reorder point are summed, and only when an endpoint wants
stock.low, so a shop without it pays nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server_stub.models import ProductRow, StockMovement, Store
from server_stub.quantities import format_milli
from server_stub.webhooks.events import NewEvent, data_json, emit, wanted

STOCK_LOW: Final = "stock.low"


def crossed(
    session: Session,
    store: Store,
    changes: Iterable[tuple[str, int]],
    reason: str,
    now: datetime,
) -> None:
    """Write stock.low for each product that ``changes`` ((product id, thousandths), already
    in the ledger) took to or below its reorder point in ``store``."""
    if STOCK_LOW not in wanted(session, store.org_id):
        return
    by_product: dict[str, int] = defaultdict(int)
    for product_id, qty_milli in changes:
        by_product[product_id] += qty_milli
    fallen = sorted(p for p, change in by_product.items() if change < 0)
    if not fallen:
        return
    rows = session.execute(
        select(ProductRow.product_id, ProductRow.reorder_point_milli).where(
            ProductRow.org_id == store.org_id,
            ProductRow.product_id.in_(fallen),
            ProductRow.reorder_point_milli.is_not(None),
        )
    )
    points = {product_id: point for product_id, point in rows if point is not None}
    if not points:
        return
    sums = session.execute(
        select(StockMovement.product_id, func.sum(StockMovement.qty_milli))
        .where(
            StockMovement.org_id == store.org_id,
            StockMovement.store_id == store.store_id,
            StockMovement.product_id.in_(sorted(points)),
        )
        .group_by(StockMovement.product_id)
    )
    levels = {product_id: int(level or 0) for product_id, level in sums}
    events = []
    for product_id, point in sorted(points.items()):
        level = levels.get(product_id, 0)
        if level - by_product[product_id] > point >= level:
            data = {
                "store_code": store.code,
                "product_id": product_id,
                "level": format_milli(level),
                "level_milli": level,
                "reorder_point": format_milli(point),
                "reason": reason,
            }
            events.append(
                NewEvent(STOCK_LOW, f"stock:{store.store_id}:{product_id}", data_json(data))
            )
    emit(session, store.org_id, events, now)
