"""Server test fixtures: every API test runs once on SQLite and once on PostgreSQL.

The PostgreSQL run needs ``POS_TEST_PG_URL`` (tests/conftest.py sets it to
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres`` when that server answers); each test
session (each xdist worker) creates its own uniquely named database there and drops it at the end.
Without the variable, or when the server does not answer, those tests are skipped with the reason.

Tests share one database per backend and session; they stay independent because each makes its
own organization (the tenancy rules are what keep them apart) and throttle counters are cleared
before each test.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from sqlalchemy import delete, make_url

with warnings.catch_warnings():
    # Starlette asks for ``httpx2`` in its test client; plain httpx still works.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.core import migrate
from server_stub.core.config import Settings
from server_stub.core.db import Database
from server_stub.core.security import passwords
from server_stub.models import LoginThrottle
from tests.server.factories import FakeClock, Tenant, make_tenant

PG_ENV = "POS_TEST_PG_URL"


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(
            f"{PG_ENV} is not set and nothing answers on 127.0.0.1:5432; "
            "PostgreSQL tests need a server to create databases in"
        )
    return url


def create_pg_database(prefix: str = "pos_test") -> tuple[str, str]:
    """A fresh database on the PostgreSQL of ``POS_TEST_PG_URL``: (url, name)."""
    import psycopg

    admin = make_url(_pg_admin_url())
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {PG_ENV} is unreachable: {exc}")
    return admin.set(database=name).render_as_string(hide_password=False), name


def drop_pg_database(name: str) -> None:
    import psycopg

    admin = make_url(_pg_admin_url())
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("server-db") / "pos-server.db"
        yield f"sqlite:///{path}"
        return
    url, name = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(name)


@pytest.fixture(scope="session")
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url, pool_size=5)
    migrate.upgrade(db.engine)
    yield db
    db.dispose()


_FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at production cost takes ~0.2 s per hash on this machine; tests use a cheap one."""
    monkeypatch.setattr(passwords, "_hasher", _FAST_HASHER)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", _FAST_HASHER.hash("dummy"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def app(settings: Settings, database: Database, clock: FakeClock) -> FastAPI:
    with database.write() as session:
        session.execute(delete(LoginThrottle))
        session.commit()
    return create_app(settings, clock=clock, database=database)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def tenant(client: TestClient, database: Database, clock: FakeClock) -> Tenant:
    return make_tenant(client, database, clock)
