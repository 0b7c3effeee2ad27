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
from server_stub.rollup_writes import (
    DERIVED,
    ORG_PRODUCT_MONTHS,
    ORG_PRODUCTS,
    PENDING,
    PRODUCT_MONTHS,
    apply,
    decode_into,
)
from server_stub.rollups import (
    DEFAULT_ZONE,
    PRODUCTS,
    SUMS,
    TABLES,
    VOID_KINDS,
    Deltas,
    Key,
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
    """The rollups of ``org_id`` as they stand: the stored rows plus what is queued for them
    (``rollup_pending``), in the shape of ``recount``."""
    stored = Deltas(org_id)
    for table, rows in stored.tables():
        keys = [table.c[name] for name in key_columns(table)]
        sums = [table.c[name] for name in SUMS[table.name]]
        query = select(*keys, *sums).where(table.c.org_id == org_id)
        for row in session.execute(query):
            values = tuple(row)
            rows[values[: len(keys)]] = [int(v) for v in values[len(keys) :]]
    queued = select(PENDING.c.deltas).where(PENDING.c.org_id == org_id)
    for (encoded,) in session.execute(queued):
        decode_into(stored, encoded)
    return stored


def read_derived(session: Session, org_id: str) -> dict[str, dict[Key, list[int]]]:
    """The stored rows of ``org_id``'s derived product tables, by table name."""
    out: dict[str, dict[Key, list[int]]] = {}
    for table in DERIVED:
        keys = [table.c[name] for name in key_columns(table)]
        sums = [c for c in table.columns if not c.primary_key]
        rows = out[table.name] = {}
        for row in session.execute(select(*keys, *sums).where(table.c.org_id == org_id)):
            values = tuple(row)
            rows[values[: len(keys)]] = [int(v) for v in values[len(keys) :]]
    return out


def comparable(deltas: Deltas) -> dict[str, dict[Key, dict[str, int]]]:
    """``deltas`` as column name -> figure per row, for comparing and reading in tests."""
    out: dict[str, dict[Key, dict[str, int]]] = {}
    for table, rows in deltas.tables():
        names = SUMS[table.name]
        out[table.name] = {key: dict(zip(names, sums, strict=True)) for key, sums in rows.items()}
    return out


def rebuild(
    session: Session, org_id: str | None = None, *, with_costs: bool = True, months: bool = True
) -> int:
    """Rewrite the rollups of ``org_id`` (every organization when None) from the raw rows, in
    the caller's transaction. Returns the number of organizations rebuilt.

    What is queued for them is dropped, since the recount counts those rows too; on PostgreSQL
    the queue is locked first, so a sale committing meanwhile waits and queues after the
    rebuild instead of being counted twice. ``months=False`` is for the schema before revision
    0011, which has neither the queue nor the month tables.
    """
    if org_id is None:
        orgs = list(session.execute(select(Organization.org_id)).scalars())
    else:
        orgs = [org_id]
    if months and session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE rollup_pending IN EXCLUSIVE MODE"))
    for org in orgs:
        if months:
            session.execute(delete(PENDING).where(PENDING.c.org_id == org))
        for table in reversed(TABLES):
            session.execute(delete(table).where(table.c.org_id == org))
        rest = _replay(session, org, with_costs, CHUNK, lambda d: apply(session, d, months=False))
        apply(session, rest, months=False)
        if months:
            rebuild_derived(session, org)
        log.info("rollups of organization %s rebuilt", org)
    return len(orgs)


def rebuild_derived(session: Session, org_id: str | None) -> None:
    """Rewrite the derived product rows of ``org_id`` (every organization when None) from the
    day rows of ``rollup_products``: per organization and day, per store and month, and per
    organization and month."""
    sums = SUMS[PRODUCTS.name]
    added = ", ".join(f"SUM({c})" for c in sums)
    names = ", ".join(sums)
    month = (
        "CAST(date_trunc('month', day) AS date)"
        if session.get_bind().dialect.name == "postgresql"
        else "date(day, 'start of month')"
    )
    where = "" if org_id is None else "WHERE org_id = :org_id"
    params = {} if org_id is None else {"org_id": org_id}
    for table in reversed(DERIVED):
        session.execute(text(f"DELETE FROM {table.name} {where}"), params)  # noqa: S608 - names from the models
    sources = (
        (ORG_PRODUCTS, PRODUCTS, "day"),
        (PRODUCT_MONTHS, PRODUCTS, f"store_id, {month}"),
        (ORG_PRODUCT_MONTHS, ORG_PRODUCTS, month),
    )
    for table, source, grain in sources:
        keys = ", ".join(["org_id", *key_columns(table)])
        picked = f"org_id, {grain}, product_id"
        session.execute(
            text(
                f"INSERT INTO {table.name} ({keys}, {names}) "  # noqa: S608 - names from the models
                f"SELECT {picked}, {added} FROM {source.name} {where} GROUP BY {picked}"
            ),
            params,
        )
