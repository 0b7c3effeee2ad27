"""The rollups again, from the raw rows: a recount to check them and a rebuild to rewrite them.

``recount`` replays every stored sale, counted refund and void entry of an organization through
the same ``Deltas`` that ingest fills batch by batch; ``read_rollups`` reads the tables into the
same shape, so a test (and an operator in doubt) can hold one against the other. ``rebuild``
deletes an organization's rollups and writes the recount, in chunks so years of sales never sit
in memory at once. Costs are today's cost prices, as ingest would have read them now.

The queries name only the columns they read, because the migration that creates the rollups
(0005) calls ``rebuild`` on a schema older than the models.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, inspect, select, text
from sqlalchemy.orm import Session

from pos_desktop.domain.refund import RefundRecord
from server_stub.models import (
    JournalEntryRow,
    Organization,
    RefundRow,
    SaleRow,
    Store,
)
from server_stub.rollups import (
    DEFAULT_ZONE,
    SUMS,
    TABLES,
    VOID_KINDS,
    Deltas,
    Key,
    apply,
    key_columns,
    milli,
    zone_named,
)
from server_stub.schemas import SaleIn

log = logging.getLogger(__name__)

CHUNK = 5000
"""Sales (or refunds, or entries) replayed before a rebuild writes what it has added up."""


def _zones(session: Session, org_id: str) -> dict[str, ZoneInfo]:
    columns = {c["name"] for c in inspect(session.connection()).get_columns("stores")}
    rows: list[tuple[str, str | None]]
    if "timezone" in columns:
        rows = [
            (str(store_id), tz)
            for store_id, tz in session.execute(
                text("SELECT store_id, timezone FROM stores WHERE org_id = :org_id"),
                {"org_id": org_id},
            )
        ]
    else:
        rows = [
            (store_id, DEFAULT_ZONE)
            for store_id in session.execute(
                select(Store.store_id).where(Store.org_id == org_id)
            ).scalars()
        ]
    return {store_id: zone_named(tz) for store_id, tz in rows}


def _costs(session: Session, org_id: str, with_costs: bool) -> dict[str, int]:
    if not with_costs:
        return {}
    rows = session.execute(
        text(
            "SELECT product_id, cost_price FROM products "
            "WHERE org_id = :org_id AND cost_price IS NOT NULL"
        ),
        {"org_id": org_id},
    )
    return {product_id: int(cost) for product_id, cost in rows}


def _sales(session: Session, org_id: str) -> Iterator[tuple[str, Any, str]]:
    query = (
        select(SaleRow.store_id, SaleRow.sold_at, SaleRow.payload)
        .where(SaleRow.org_id == org_id)
        .execution_options(yield_per=1000)
    )
    yield from session.execute(query)


def _replay(
    session: Session,
    org_id: str,
    with_costs: bool,
    chunk: int | None,
    full: Callable[[Deltas], None],
) -> Deltas:
    """Add up every counted row of ``org_id``; every ``chunk`` rows hand the sums to ``full``
    and start again. Returns what is left."""
    zones = _zones(session, org_id)
    costs = _costs(session, org_id, with_costs)
    deltas = Deltas(org_id)
    count = 0

    def counted() -> None:
        nonlocal deltas, count
        count += 1
        if chunk is not None and count % chunk == 0:
            full(deltas)
            deltas = Deltas(org_id)

    for store_id, sold_at, payload in _sales(session, org_id):
        sale = SaleIn.model_validate(json.loads(payload))
        quantities = [milli(ln.quantity) for ln in sale.lines]
        deltas.add_sale(store_id, zones[store_id], sale, sold_at, quantities, costs)
        counted()
    refunds = select(RefundRow.store_id, RefundRow.payload).where(
        RefundRow.org_id == org_id, RefundRow.counted.is_(True)
    )
    for store_id, payload in session.execute(refunds.execution_options(yield_per=1000)):
        deltas.add_refund(
            store_id, zones[store_id], RefundRecord.from_json(json.loads(payload)), costs
        )
        counted()
    voids = select(
        JournalEntryRow.store_id,
        JournalEntryRow.kind,
        JournalEntryRow.at,
        JournalEntryRow.actor_code,
        JournalEntryRow.data,
    ).where(JournalEntryRow.org_id == org_id, JournalEntryRow.kind.in_(VOID_KINDS))
    for store_id, kind, at, actor, data in session.execute(voids):
        deltas.add_void(store_id, zones[store_id], kind, at, actor, data)
        counted()
    return deltas


def recount(session: Session, org_id: str, *, with_costs: bool = True) -> Deltas:
    """Every rollup row of ``org_id`` computed from the raw rows, in memory."""
    return _replay(session, org_id, with_costs, None, lambda _: None)


def read_rollups(session: Session, org_id: str) -> Deltas:
    """The stored rollup rows of ``org_id``, in the shape of ``recount``."""
    stored = Deltas(org_id)
    for table, rows in stored.tables():
        keys = [table.c[name] for name in key_columns(table)]
        sums = [table.c[name] for name in SUMS[table.name]]
        query = select(*keys, *sums).where(table.c.org_id == org_id)
        for row in session.execute(query):
            values = tuple(row)
            rows[values[: len(keys)]] = [int(v) for v in values[len(keys) :]]
    return stored


def comparable(deltas: Deltas) -> dict[str, dict[Key, dict[str, int]]]:
    """``deltas`` as column name -> figure per row, for comparing and reading in tests."""
    out: dict[str, dict[Key, dict[str, int]]] = {}
    for table, rows in deltas.tables():
        names = SUMS[table.name]
        out[table.name] = {key: dict(zip(names, sums, strict=True)) for key, sums in rows.items()}
    return out


def rebuild(session: Session, org_id: str | None = None, *, with_costs: bool = True) -> int:
    """Rewrite the rollups of ``org_id`` (every organization when None) from the raw rows, in
    the caller's transaction. Returns the number of organizations rebuilt."""
    if org_id is None:
        orgs = list(session.execute(select(Organization.org_id)).scalars())
    else:
        orgs = [org_id]
    for org in orgs:
        for table in reversed(TABLES):
            session.execute(delete(table).where(table.c.org_id == org))
        rest = _replay(session, org, with_costs, CHUNK, lambda d: apply(session, d))
        apply(session, rest)
        log.info("rollups of organization %s rebuilt", org)
    return len(orgs)
