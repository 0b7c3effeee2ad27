"""A full disk under the server's database: 507 ``storage.full`` and an error in the log, never
"the database is busy"; and a sale that could not be stored is never answered ``rejected`` (the
till would stop sending it), so it arrives once space is freed."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg.errors
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select, text

from server_stub.app import create_app
from server_stub.core import migrate
from server_stub.core.config import Settings
from server_stub.core.db import Database, is_storage_full
from server_stub.models import SaleRow
from tests.server.factories import (
    FakeClock,
    Tenant,
    add_product,
    assert_problem,
    make_sale,
    make_tenant,
    push,
    simple_sale,
)


def _driver_error(database: Database) -> Exception:
    """What each driver raises when the disk is full."""
    if database.dialect == "sqlite":
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # type: ignore[attr-defined]
        return error
    return psycopg.errors.DiskFull("could not extend file: No space left on device")


@contextmanager
def disk_full(database: Database) -> Iterator[None]:
    """Every statement that inserts fails at the engine boundary as the driver reports a full
    disk."""

    def refuse(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "INSERT INTO" in statement.upper():  # PostgreSQL's sales arrive in a WITH
            raise _driver_error(database)

    event.listen(database.engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(database.engine, "before_cursor_execute", refuse)


def _sales_of(database: Database, org_id: str) -> int:
    with database.read() as session:
        return int(
            session.execute(
                select(func.count()).select_from(SaleRow).where(SaleRow.org_id == org_id)
            ).scalar_one()
        )


def _storage_full_logged(caplog: pytest.LogCaptureFixture) -> bool:
    return any(
        r.levelno >= logging.ERROR and "storage full" in r.getMessage() for r in caplog.records
    )


def test_the_driver_errors_are_recognised(database: Database) -> None:
    assert is_storage_full(_driver_error(database))
    assert not is_storage_full(sqlite3.OperationalError("database is locked"))
    assert not is_storage_full(psycopg.errors.LockNotAvailable("busy"))


def test_a_full_disk_answers_507_and_is_logged(
    client: TestClient, tenant: Tenant, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    with disk_full(database):
        r = client.post(
            "/v1/products", json={"sku": "FULL-1", "name": "Teh", "price": 1}, headers=tenant.owner
        )
    body = assert_problem(r, 507, "storage.full")
    assert "full" in body["title"].lower() and "busy" not in body["detail"]
    assert "retry-after" not in r.headers
    assert _storage_full_logged(caplog)
    # Space is back: the same request succeeds.
    add_product(client, tenant, sku="FULL-1")


@pytest.mark.parametrize("batch", [1, 3])
def test_sales_that_met_a_full_disk_are_not_rejected_and_arrive_later(
    client: TestClient, tenant: Tenant, database: Database, batch: int
) -> None:
    sales = [simple_sale() for _ in range(batch)]
    payload = json.dumps({"sales": sales})
    headers = {**tenant.device(), "content-type": "application/json"}
    with disk_full(database):
        r = client.post("/v1/sync/sales", content=payload, headers=headers)
    assert_problem(r, 507, "storage.full")
    assert _sales_of(database, tenant.org_id) == 0
    r = client.post("/v1/sync/sales", content=payload, headers=headers)
    assert [a["status"] for a in r.json()["results"]] == ["accepted"] * batch
    assert _sales_of(database, tenant.org_id) == batch


# -- for real: a SQLite database that cannot grow --------------------------------------------


@pytest.fixture
def small_sqlite(tmp_path: Path) -> Iterator[tuple[Database, Callable[[int], None]]]:
    db = Database(f"sqlite:///{tmp_path / 'small.db'}", pool_size=2)
    migrate.upgrade(db.engine)
    cap: dict[str, int] = {}

    @event.listens_for(db.engine, "connect")
    def _limit(dbapi_connection: Any, _record: Any) -> None:
        if "pages" in cap:
            dbapi_connection.execute(f"PRAGMA max_page_count = {cap['pages']}")

    def limit(extra_pages: int) -> None:
        """From now on the file may grow by ``extra_pages`` pages at most."""
        with db.engine.connect() as conn:
            pages = int(conn.execute(text("PRAGMA page_count")).scalar_one())
        cap["pages"] = pages + extra_pages
        db.engine.dispose()  # new connections take the limit

    yield db, limit
    db.dispose()


def test_a_real_full_sqlite_database_answers_507(
    small_sqlite: tuple[Database, Callable[[int], None]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    db, limit = small_sqlite
    clock = FakeClock()
    app = create_app(Settings(database_url=str(db.url)), clock=clock, database=db)
    with TestClient(app) as client:
        tenant = make_tenant(client, db, clock)
        limit(8)
        caplog.set_level(logging.ERROR)
        statuses: list[int] = []
        for n in range(400):
            r = client.post(
                "/v1/products",
                json={"sku": f"BIG-{n}", "name": "x" * 200, "category": "y" * 200, "price": 1},
                headers=tenant.owner,
            )
            statuses.append(r.status_code)
            if r.status_code != 201:
                break
        assert statuses[-1] == 507, statuses[-5:]
        assert set(statuses[:-1]) == {201}
        assert_problem(r, 507, "storage.full")
        assert _storage_full_logged(caplog)
        # Everything stored before the disk filled is still there and readable.
        listed = client.get("/v1/products", params={"limit": 1000}, headers=tenant.owner)
        assert len(listed.json()["items"]) == len(statuses) - 1


def test_a_refund_that_met_a_full_disk_is_not_rejected(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    from tests.server.test_refunds_api import ITEMS, make_refund

    sale = make_sale(ITEMS)
    assert push(client, tenant.device(), sale.to_json())[0]["status"] == "accepted"
    refund = make_refund(sale, {1: Decimal(1)}).to_json()
    payload = json.dumps({"documents": [refund]})
    headers = {**tenant.device(), "content-type": "application/json"}
    with disk_full(database):
        r = client.post("/v1/sync/refunds", content=payload, headers=headers)
    assert_problem(r, 507, "storage.full")
    r = client.post("/v1/sync/refunds", content=payload, headers=headers)
    assert [a["status"] for a in r.json()["results"]] == ["accepted"]
