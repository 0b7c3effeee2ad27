"""The sales list's tender filter reads ``sales.tender_mask``: ingest sets a bit per kind that
paid, migration 0012 fills the sales stored before it the same way, and the filter is written so
that SQLite and PostgreSQL walk the partial index of a rare kind; on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from psycopg import sql as pg_sql
from sqlalchemy import Connection, Engine, MetaData, Table, create_engine, event, insert, select

from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord
from server_stub import sales_browse
from server_stub.core import migrate
from server_stub.core.db import Database
from server_stub.models import Organization, SaleRow, Store
from server_stub.sales_browse import SaleQuery, Scope
from server_stub.tender_mask import (
    RARE_TENDERS,
    TENDER_BITS,
    tender_index_name,
    tender_mask,
)
from tests.server.conftest import create_pg_database, drop_pg_database
from tests.server.factories import FakeClock, Item, Tenant, make_sale, make_tenant, push

AT = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
MIGRATION = importlib.import_module("server_stub.migrations.versions.0012_sale_tender_mask")


def _paid(record: SaleRecord, *kinds: TenderKind) -> SaleRecord:
    """``record`` paid in equal parts by ``kinds`` (the last part takes the remainder)."""
    share = record.total // len(kinds)
    amounts = [share] * (len(kinds) - 1) + [record.total - share * (len(kinds) - 1)]
    tenders = []
    for kind, amount in zip(kinds, amounts, strict=True):
        if kind is TenderKind.CARD:
            tenders.append(Tender(kind, amount, approval_code="AP1234", card_last4="4242"))
        elif kind is TenderKind.CASH:
            tenders.append(Tender(kind, amount))
        else:
            tenders.append(Tender(kind, amount, reference="REF-1", provider="GoPay"))
    return replace(record, tenders=tuple(tenders), change=0)


PAID_BY: dict[str, tuple[TenderKind, ...]] = {
    "cash": (TenderKind.CASH,),
    "cash+qris": (TenderKind.CASH, TenderKind.QRIS),
    "card": (TenderKind.CARD,),
    "ewallet": (TenderKind.EWALLET,),
    "all four": (TenderKind.CASH, TenderKind.CARD, TenderKind.QRIS, TenderKind.EWALLET),
}


@pytest.fixture
def shop(client: TestClient, database: Database, clock: FakeClock) -> tuple[Tenant, dict[str, str]]:
    """One store's sales, one per way of paying in ``PAID_BY``: receipt number by name."""
    tenant = make_tenant(client, database, clock)
    items = [Item("P-1", "SKU-1", "Indomie Goreng", 3500, "3")]
    receipts, docs = {}, []
    for n, (name, kinds) in enumerate(PAID_BY.items(), start=1):
        receipt = f"S01-T01-{n:06d}"
        sale = make_sale(items, sold_at=AT + timedelta(minutes=n), receipt_no=receipt)
        docs.append(_paid(sale, *kinds).to_json())
        receipts[name] = receipt
    results = push(client, tenant.device("T01"), *docs)
    assert [r["status"] for r in results] == ["accepted"] * len(docs), results
    return tenant, receipts


def _found(database: Database, org_id: str, **filters: Any) -> set[str]:
    with database.read() as session:
        page = sales_browse.list_sales(session, Scope(org_id), SaleQuery(**filters))
    return {item.receipt_no for item in page.items}


def _masks(database: Database, org_id: str) -> dict[str, int]:
    with database.read() as session:
        rows = session.execute(
            select(SaleRow.receipt_no, SaleRow.tender_mask).where(SaleRow.org_id == org_id)
        )
        return {receipt: mask for receipt, mask in rows}


def test_every_kind_has_a_bit_of_its_own_and_the_migration_knows_them_all() -> None:
    bits = list(TENDER_BITS.values())
    assert set(TENDER_BITS) == set(TenderKind)
    assert all(bit > 0 and bit & (bit - 1) == 0 for bit in bits)
    assert len(set(bits)) == len(bits)
    assert dict(MIGRATION.BITS) == {kind.value: bit for kind, bit in TENDER_BITS.items()}
    assert MIGRATION.RARE == tuple(kind.value for kind in RARE_TENDERS)
    assert TenderKind.CASH not in RARE_TENDERS


def test_ingest_writes_the_bits_of_every_tender_of_a_split_payment(
    database: Database, shop: tuple[Tenant, dict[str, str]]
) -> None:
    tenant, receipts = shop
    masks = _masks(database, tenant.org_id)
    for name, kinds in PAID_BY.items():
        assert masks[receipts[name]] == tender_mask(kinds), name
    assert masks[receipts["cash+qris"]] == 1 | 4


@pytest.mark.parametrize(
    ("tender", "expected"),
    [
        ("cash", {"cash", "cash+qris", "all four"}),
        ("qris", {"cash+qris", "all four"}),
        ("card", {"card", "all four"}),
        ("ewallet", {"ewallet", "all four"}),
    ],
)
def test_the_tender_filter_finds_a_split_payment_by_each_of_its_kinds(
    database: Database, shop: tuple[Tenant, dict[str, str]], tender: str, expected: set[str]
) -> None:
    tenant, receipts = shop
    wanted = {receipts[name] for name in expected}
    assert _found(database, tenant.org_id, tender=tender) == wanted
    with database.read() as session:
        store = session.execute(select(Store.store_id).where(Store.org_id == tenant.org_id))
        store_id = store.scalar_one()
    day = AT.date()
    one_store = _found(
        database, tenant.org_id, tender=tender, store_id=store_id, day_from=day, day_to=day
    )
    assert one_store == wanted


@pytest.fixture
def captured(database: Database) -> Iterator[list[tuple[str, Any]]]:
    """The statements the sales list sends that filter on a tender, with their parameters."""
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "tender_mask &" in statement:
            seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", keep)
    yield seen
    event.remove(database.engine, "before_cursor_execute", keep)


def _plan(conn: Connection, statement: str, parameters: Any) -> str:
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return "\n".join(str(row[-1]) for row in rows)
    # The generic plan of the statement prepared, as psycopg prepares a query from its fifth run
    # on a connection: it knows no parameter's value, so only a predicate written as the partial
    # index's own (literals, no parameters) lets it walk that index. A handful of test sales
    # cost less to read whole: scans and sorts are priced out, leaving index walks in the
    # list's order.
    names = list(dict.fromkeys(re.findall(r"%\((\w+)\)s", statement)))
    numbered = re.sub(r"%\((\w+)\)s", lambda m: f"${names.index(m[1]) + 1}", statement)
    for setting in ("plan_cache_mode", "enable_seqscan", "enable_bitmapscan", "enable_sort"):
        value = "force_generic_plan" if setting == "plan_cache_mode" else "off"
        conn.exec_driver_sql(f"SET LOCAL {setting} = {value}")
    conn.exec_driver_sql(f"PREPARE tender_list AS {numbered}")
    raw = conn.connection.driver_connection
    values = ", ".join(pg_sql.Literal(parameters[n]).as_string(raw) for n in names)
    rows = conn.exec_driver_sql(f"EXPLAIN EXECUTE tender_list({values})")
    plan = "\n".join(str(row[0]) for row in rows)
    conn.exec_driver_sql("DEALLOCATE tender_list")
    return plan


@pytest.mark.parametrize("kind", [k.value for k in RARE_TENDERS])
@pytest.mark.parametrize("per_store", [False, True])
def test_a_rare_tender_walks_its_partial_index(
    database: Database,
    shop: tuple[Tenant, dict[str, str]],
    captured: list[tuple[str, Any]],
    kind: str,
    per_store: bool,
) -> None:
    tenant, _ = shop
    store_id = None
    if per_store:
        with database.read() as session:
            store = session.execute(select(Store.store_id).where(Store.org_id == tenant.org_id))
            store_id = store.scalar_one()
    _found(database, tenant.org_id, tender=kind, store_id=store_id)
    ((statement, parameters),) = captured
    with database.engine.connect() as conn, conn.begin():
        plan = _plan(conn, statement, parameters)
    assert tender_index_name(kind, per_store=per_store) in plan, plan


def _copy_rows(source: Database, target: Engine, org_id: str) -> None:
    """The organization's rows of ``organizations``, ``stores`` and ``sales``, as far as the
    target's (older) schema has their columns."""
    older = MetaData()
    older.reflect(target, only=["organizations", "stores", "sales"])
    with source.read() as session, target.begin() as conn:
        for model in (Organization, Store, SaleRow):
            table: Table = model.__table__  # type: ignore[assignment]
            names = set(older.tables[table.name].columns.keys())
            rows = session.execute(select(table).where(table.c.org_id == org_id)).mappings()
            values = [{k: v for k, v in row.items() if k in names} for row in rows]
            assert values, table.name
            conn.execute(insert(table), values)


@pytest.fixture
def fresh_url(database: Database, tmp_path: Path) -> Iterator[str]:
    """An empty database of the same kind as ``database``."""
    if database.engine.dialect.name == "sqlite":
        yield f"sqlite:///{tmp_path / 'older.db'}"
        return
    url, name = create_pg_database("pos_mask")
    try:
        yield url
    finally:
        drop_pg_database(name)


def _alembic(engine: Engine, action: Any, revision: str) -> None:
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        action(cfg, revision)


def test_the_migration_fills_the_mask_of_stored_sales_as_ingest_does(
    database: Database, shop: tuple[Tenant, dict[str, str]], fresh_url: str
) -> None:
    """A database one revision before 0012 holding the same sales: upgraded, each sale's mask
    is the one ingest wrote; downgraded again, the column and its indexes are gone."""
    tenant, _ = shop
    before, revision = str(MIGRATION.down_revision), str(MIGRATION.revision)
    engine = create_engine(fresh_url)
    try:
        migrate.upgrade(engine, before)
        _copy_rows(database, engine, tenant.org_id)
        migrate.upgrade(engine, revision)
        with engine.connect() as conn:
            rows = conn.execute(select(SaleRow.receipt_no, SaleRow.tender_mask))
            filled = {receipt: mask for receipt, mask in rows}
        assert filled == _masks(database, tenant.org_id)
        _alembic(engine, command.downgrade, before)
        sales = MetaData()
        sales.reflect(engine, only=["sales"])
        assert "tender_mask" not in sales.tables["sales"].columns
        assert not any("tender" in str(ix.name) for ix in sales.tables["sales"].indexes)
    finally:
        engine.dispose()
