"""Fixtures of the generated-client tests: the client generated once per test process from
docs/openapi.json, a real ``pos-server serve`` on 127.0.0.1 per backend (SQLite, and PostgreSQL
when one answers, through the server tests' database fixtures), and a shop in it.

Only the shop's making reaches past the generated client: the owner is made in the database (no
route makes the first owner), and a till pairs and sends its sales over plain HTTP, as a till
does. Signing in and making the API key go through the generated client already.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from server_stub import api_keys, tenancy
from server_stub.core.db import Database
from server_stub.core.security import totp
from server_stub.core.security.server_secret import load_keys
from tests.client.generated import GeneratedClient, GenerationFailed, generate_client, load
from tests.server.conftest import database, database_url
from tests.server.factories import PASSWORD
from tests.server_process import CloudServer

__all__ = ["database", "database_url"]  # the server tests' fixtures, used here too

SERVER_ENV = {
    # The test receiver listens on 127.0.0.1 over plain HTTP; production allows neither.
    "POS_SERVER_WEBHOOK_LOOPBACK": "1",
    "POS_SERVER_WEBHOOK_SECONDS": "0.1",
}


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GeneratedClient]:
    """The client, generated into this process's own temporary directory (each xdist worker
    has its own, so workers never write over each other) and imported once."""
    try:
        package_dir = generate_client(tmp_path_factory.mktemp("generated-client"))
    except GenerationFailed as exc:
        failure = str(exc)
    else:
        client = load(package_dir)
        yield client
        client.close()
        return
    pytest.fail(failure, pytrace=False)  # outside the except: the message once, no traceback


@pytest.fixture(scope="session")
def server(
    database_url: str, database: Database, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CloudServer]:
    """A real server on the migrated test database (``database`` migrates it first)."""
    srv = CloudServer(database_url, tmp_path_factory.mktemp("client-serve"), env=SERVER_ENV)
    try:
        srv.start()
        yield srv
    finally:
        srv.stop()


@dataclass
class Shop:
    """An organization with store S01 and one paired till, and clients for it."""

    url: str
    org_id: str
    store_code: str
    owner: Any
    """The generated client with the owner's access token."""
    key: Any
    """The generated client with an API key holding every scope."""
    till: dict[str, str]
    """Headers of the paired till's device token (for plain HTTP, as a till sends)."""
    till_code: str


def _owner_and_code(database: Database) -> tuple[str, str, str, str]:
    """A new organization's owner made in the database: (org id, email, TOTP secret, a
    pairing code for store S01)."""
    now = datetime.now(UTC)
    email = f"client-{uuid.uuid4().hex[:10]}@test.local"
    with database.write() as session:
        org, created = tenancy.create_owner(
            session, org_name="Toko Klien", email=email, password=PASSWORD, now=now
        )
        store = tenancy.create_store(session, org.org_id, code="S01", name="Toko Klien", now=now)
        pepper = load_keys(session).enrollment_pepper
        code = tenancy.issue_enrollment_code(session, store, pepper=pepper, now=now).code
        session.commit()
    return org.org_id, email, created.totp_secret, code


def make_key(generated: GeneratedClient, shop_owner: Any, scopes: list[str], **extra: Any) -> Any:
    """An API key made by the owner through the generated client: its secret, shown once."""
    models = generated.models
    body = models.ApiKeyIn(
        name=f"Integrasi {uuid.uuid4().hex[:6]}",
        scopes=[models.ApiKeyInScopesItem(s) for s in scopes],
        **extra,
    )
    made = generated.api("api_keys.create_api_key").sync(client=shop_owner, body=body)
    assert isinstance(made, models.ApiKeyCreated), made
    return made.secret


@pytest.fixture(scope="session")
def shop(server: CloudServer, database: Database, generated: GeneratedClient) -> Shop:
    org_id, email, secret, code = _owner_and_code(database)
    models = generated.models
    login = models.LoginIn(
        email=email, password=PASSWORD, totp=totp.code_at(secret, datetime.now(UTC))
    )
    tokens = generated.api("auth.login").sync(client=generated.anonymous(server.url), body=login)
    assert isinstance(tokens, models.TokenPair), tokens
    owner = generated.authenticated(server.url, tokens.access_token)
    key = generated.authenticated(server.url, make_key(generated, owner, list(api_keys.SCOPES)))
    with httpx.Client(base_url=server.url, timeout=30) as plain:
        r = plain.post("/v1/devices/enroll", json={"code": code, "name": "Kasir 1"})
        assert r.status_code == 201, r.text
        paired = r.json()
    till = {"Authorization": f"Bearer {paired['device_id']}.{paired['device_secret']}"}
    return Shop(server.url, org_id, "S01", owner, key, till, paired["till_code"])
