"""Sync test fixtures: a real ``pos-server`` on loopback (SQLite, and PostgreSQL when
``POS_TEST_PG_URL`` is set), a fresh tenant per test, and a seeded till folder per test copied
from one template (seeding hashes PINs with argon2, which is slow on purpose)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from pos_desktop.paths import AppPaths
from server_stub.core.db import Database
from server_stub.demo import demo_catalog, to_product_in
from tests.server.conftest import BACKENDS, create_pg_database, drop_pg_database
from tests.sync.cloud import CloudServer, Tenant, make_tenant, open_cloud_db
from tests.sync.fault_proxy import FaultProxy
from tests.sync.till import MemoryStore, seeded_till, till_paths


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in: what ``keyring.set_keyring`` installs in tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def cloud_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    yield from make_cloud_database_url(request, tmp_path_factory)


def make_cloud_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('cloud-db') / 'pos-server.db'}"
        return
    url, name = create_pg_database("pos_sync")
    try:
        yield url
    finally:
        drop_pg_database(name)


@pytest.fixture(scope="session")
def cloud_db(cloud_database_url: str) -> Iterator[Database]:
    db = open_cloud_db(cloud_database_url)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def cloud(
    cloud_database_url: str, cloud_db: Database, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CloudServer]:
    server = CloudServer(cloud_database_url, tmp_path_factory.mktemp("cloud"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def demo_products() -> list[object]:
    return [to_product_in(item) for item in demo_catalog()]


@pytest.fixture
def tenant(cloud_db: Database, demo_products: list[object]) -> Tenant:
    return make_tenant(cloud_db, products=demo_products)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def till_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("till-template") / "till"
    seeded_till(home)
    return home


@pytest.fixture
def till_home(till_template: Path, tmp_path: Path) -> AppPaths:
    home = tmp_path / "till"
    shutil.copytree(till_template, home, ignore=shutil.ignore_patterns("*.lock", "*.bak"))
    return till_paths(home)


@pytest.fixture
def secrets() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def proxy(cloud: CloudServer) -> Iterator[FaultProxy]:
    p = FaultProxy(cloud.port).start()
    try:
        yield p
    finally:
        p.stop()


__all__ = ["BACKENDS"]
