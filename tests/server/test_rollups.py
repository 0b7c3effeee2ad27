"""The sales rollups equal a recount from the raw rows, on SQLite and PostgreSQL, and a rebuild
writes the same rows again."""

from __future__ import annotations

import importlib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, select

from server_stub.cli import main
from server_stub.core.db import Database
from server_stub.ingest import ingest
from server_stub.models import Store
from server_stub.rollup_recount import comparable, read_rollups, rebuild, recount
from server_stub.rollups import TABLES
from server_stub.submitter import Submitter
from tests.server.factories import FakeClock, Item, make_sale, make_tenant
from tests.server.rollup_history import build_history

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_rollups_equal_a_recount_and_a_rebuild(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    org = h.tenant.org_id
    with database.read() as session:
        stored = comparable(read_rollups(session, org))
        counted = comparable(recount(session, org))
    assert stored == counted
    assert stored["rollup_hours"], "the history must have reached the rollups"
    with database.write() as session:
        for table in TABLES:
            session.execute(delete(table).where(table.c.org_id == org))
        session.commit()
    with database.write() as session:
        assert rebuild(session, org) == 1
        session.commit()
    with database.read() as session:
        assert comparable(read_rollups(session, org)) == stored


def test_sales_count_on_the_stores_own_local_day(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    with database.read() as session:
        hours = comparable(read_rollups(session, h.tenant.org_id))["rollup_hours"]
    by_store: dict[tuple[str, date, int], int] = {}
    codes = _store_ids(database, h.tenant.org_id)
    for (store_id, day, hour), sums in hours.items():
        if sums["sales"]:
            by_store[(codes[store_id], day, hour)] = sums["sales"]
    # One sale a second before and one a second after each store's own midnight.
    assert by_store[("S01", date(2026, 12, 5), 23)] == 1
    assert by_store[("S01", date(2026, 12, 6), 0)] == 1
    assert by_store[("S02", date(2026, 12, 5), 23)] == 1
    assert by_store[("S02", date(2026, 12, 6), 0)] == 1
    assert by_store[("S03", date(2026, 12, 5), 23)] == 1
    assert by_store[("S03", date(2026, 12, 6), 0)] == 1
    s01 = {k: v for k, v in hours.items() if codes[k[0]] == "S01"}
    assert sum(v["sales"] for v in s01.values()) == 3  # the duplicate of "a" adds nothing
    assert sum(v["line_voids"] for v in s01.values()) == 2
    assert sum(v["sale_cancels"] for v in s01.values()) == 1
    assert sum(v["sale_cancel_amount"] for v in s01.values()) == 12_000
    # r1 and r2 counted; the over-refund and r1 sent again add nothing.
    assert sum(v["refunds"] for v in s01.values()) == 2
    expected = h.refunds["r1"].total + h.refunds["r2"].total
    assert sum(v["refund_total"] for v in s01.values()) == expected


def test_unknown_cost_stays_unknown(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    with database.read() as session:
        products = comparable(read_rollups(session, h.tenant.org_id))["rollup_products"]
    aqua = [v for (_, _, pid), v in products.items() if pid == h.products["aqua"]]
    assert sum(v["quantity_milli"] for v in aqua) == 4000  # two in "a", two in "f"
    assert all(v["costed_quantity_milli"] == v["cost"] == v["refund_cost"] == 0 for v in aqua)
    mie = [v for (_, _, pid), v in products.items() if pid == h.products["mie"]]
    assert all(v["costed_quantity_milli"] == v["quantity_milli"] for v in mie)
    assert sum(v["cost"] for v in mie) == 2800 * sum(v["quantity_milli"] for v in mie) // 1000


def _store_ids(database: Database, org_id: str) -> dict[str, str]:
    from sqlalchemy import select

    from server_stub.models import Store

    with database.read() as session:
        rows = session.execute(select(Store.store_id, Store.code).where(Store.org_id == org_id))
        return {store_id: code for store_id, code in rows}


def test_the_rebuild_command_restores_lost_rollups(
    client: TestClient,
    database: Database,
    database_url: str,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    h = build_history(client, database, clock)
    org = h.tenant.org_id
    with database.write() as session:
        for table in TABLES:
            session.execute(delete(table).where(table.c.org_id == org))
        session.commit()
    argv = ["admin", "rebuild-rollups", "--database-url", database_url, "--org-id", org]
    assert main(argv) == 0
    assert "rebuilt for 1 organization" in capsys.readouterr().out
    with database.read() as session:
        stored = comparable(read_rollups(session, org))
        assert stored == comparable(recount(session, org))
    assert sum(v["sales"] for v in stored["rollup_hours"].values()) == len(h.sales)


def test_the_migration_fills_the_rollups_of_existing_sales(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    """Migration 0005 on a database that already holds sales: the tables it creates hold the
    recount at once (without costs, which arrive with 0007 and start empty)."""
    h = build_history(client, database, clock)
    org = h.tenant.org_id
    migration = importlib.import_module("server_stub.migrations.versions.0005_sales_rollups")
    with database.engine.begin() as conn:
        for table in TABLES:
            table.drop(conn)
        with Operations.context(MigrationContext.configure(conn)):
            migration.upgrade()
    with database.read() as session:
        stored = comparable(read_rollups(session, org))
        assert stored == comparable(recount(session, org, with_costs=False))
    assert sum(v["sales"] for v in stored["rollup_hours"].values()) == len(h.sales)


def test_tills_syncing_at_once_lose_nothing(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    """Three tills of one store push overlapping products into the same hour at the same time:
    every addition lands (no lost update, no deadlock) and the rollups equal the recount."""
    tills = ("T01", "T02", "T03")
    tenant = make_tenant(client, database, clock, tills=tuple(("S01", t) for t in tills))
    items = [Item(f"P-{n}", f"SKU-{n}", f"Barang {n}", 1000 + n, "1") for n in range(8)]
    at = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)

    def till(code: str) -> None:
        with database.write() as session:
            store = session.execute(
                select(Store).where(Store.org_id == tenant.org_id, Store.code == "S01")
            ).scalar_one()
            submitter = Submitter(tenant.org_id, tenant.device_ids[code], store, code)
            for n in range(6):
                batch = [
                    make_sale(items[(n + k) % 8 :] + items[: (n + k) % 8], till_code=code,
                              sold_at=at).to_json()
                    for k in range(5)
                ]  # fmt: skip
                acks = ingest(session, submitter, batch, received_at=clock(), sent_at=None,
                              skew_limit_s=300)  # fmt: skip
                assert {a.status for a in acks} == {"accepted"}

    with ThreadPoolExecutor(len(tills)) as pool:
        list(pool.map(till, tills))
    with database.read() as session:
        stored = comparable(read_rollups(session, tenant.org_id))
        assert stored == comparable(recount(session, tenant.org_id))
    assert sum(v["sales"] for v in stored["rollup_hours"].values()) == 3 * 6 * 5
    assert {v["lines"] for v in stored["rollup_products"].values()} == {90}
