"""The owner API of webhooks: who may use it, the secret shown once, targets refused at
creation (server-side request forgery), changes and removal. Runs on the tests' usual app, where
loopback targets are not allowed (the production setting)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete

from server_stub.core.db import Database
from server_stub.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from server_stub.webhooks import endpoints
from tests.server.factories import FakeClock, Tenant, assert_problem
from tests.server.test_api_keys import key_headers, make_key
from tests.server.test_journal_alerts_scope import manager_of

BASE = "/v1/webhooks/endpoints"


@pytest.fixture(autouse=True)
def _no_endpoints_left(database: Database) -> Iterator[None]:
    yield
    with database.write() as session:
        for model in (WebhookDelivery, WebhookEvent, WebhookEndpoint):
            session.execute(delete(model))
        session.commit()


def create(client: TestClient, tenant: Tenant, url: str, **extra: Any) -> Any:
    return client.post(
        BASE, json={"url": url, "event_types": ["sale.created"], **extra}, headers=tenant.owner
    )


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("https://10.0.0.7/hooks", "lan"),
        ("https://192.168.1.20:8443/", "lan"),
        ("https://169.254.10.1/", "lan"),
        ("https://[fd00::7]/", "lan"),
        ("https://[::ffff:10.0.0.7]/", "lan"),
        ("https://169.254.169.254/latest/meta-data", "address"),
        ("https://0.0.0.0/", "address"),
        ("https://127.0.0.1/", "loopback"),
        ("http://127.0.0.1:8080/", "loopback"),
        ("https://[::1]/", "loopback"),
        ("http://203.0.113.9/", "lan"),  # documentation range: not global
        ("ftp://files.example/", "scheme"),
        ("https://user:pw@10.0.0.7/", "credentials"),
    ],
)
def test_forbidden_targets_are_refused_at_creation(
    client: TestClient, tenant: Tenant, url: str, rule: str
) -> None:
    body = assert_problem(create(client, tenant, url), 422, "webhook.target_refused")
    assert body["rule"] == rule


def test_a_lan_target_needs_allow_lan(client: TestClient, tenant: Tenant) -> None:
    assert_problem(create(client, tenant, "https://192.168.1.20/"), 422, "webhook.target_refused")
    r = create(client, tenant, "https://192.168.1.20/", allow_lan=True)
    assert r.status_code == 201, r.text
    hook = r.json()
    assert hook["allow_lan"] is True
    # Taking the permission away again is refused while the URL needs it.
    r = client.patch(f"{BASE}/{hook['id']}", json={"allow_lan": False}, headers=tenant.owner)
    assert_problem(r, 422, "webhook.target_refused")
    # The metadata address stays refused even with allow_lan.
    r = create(client, tenant, "https://169.254.169.254/", allow_lan=True)
    assert_problem(r, 422, "webhook.target_refused")


def test_the_secret_is_shown_once(client: TestClient, tenant: Tenant) -> None:
    r = create(client, tenant, "https://10.1.1.1/", allow_lan=True, description="Toko online")
    created = r.json()
    assert created["secret"].startswith("whsec_")
    shown = client.get(f"{BASE}/{created['id']}", headers=tenant.owner).json()
    listed = client.get(BASE, headers=tenant.owner).json()["items"]
    assert "secret" not in shown and all("secret" not in item for item in listed)
    assert created["secret"] not in str(listed) + str(shown)
    assert shown["description"] == "Toko online" and shown["enabled"] is True


def test_changes_and_removal(client: TestClient, tenant: Tenant) -> None:
    hook = create(client, tenant, "https://10.1.1.1/", allow_lan=True).json()
    r = client.patch(
        f"{BASE}/{hook['id']}",
        json={"event_types": ["stock.changed", "sale.created", "stock.changed"], "enabled": False},
        headers=tenant.owner,
    )
    assert r.status_code == 200, r.text
    assert r.json()["event_types"] == ["sale.created", "stock.changed"]
    assert (r.json()["enabled"], r.json()["disabled_reason"]) == (False, "owner")
    r = client.post(f"{BASE}/{hook['id']}/test", headers=tenant.owner)
    assert_problem(r, 409, "webhook.disabled")
    assert client.delete(f"{BASE}/{hook['id']}", headers=tenant.owner).status_code == 204
    assert_problem(client.get(f"{BASE}/{hook['id']}", headers=tenant.owner), 404)


def test_bad_bodies_are_422(client: TestClient, tenant: Tenant) -> None:
    ok = {"url": "https://10.1.1.1/", "allow_lan": True}
    for body in (
        {**ok, "event_types": []},
        {**ok, "event_types": ["sale.deleted"]},
        {**ok, "event_types": ["sale.created"], "secret": "mine"},
        {"url": "https://10.1.1.1/", "event_types": ["sale.created"], "allow_lan": "maybe"},
    ):
        assert_problem(client.post(BASE, json=body, headers=tenant.owner), 422)


def test_at_most_twenty_endpoints(client: TestClient, tenant: Tenant) -> None:
    for n in range(endpoints.MAX_ENDPOINTS):
        assert create(client, tenant, f"https://10.1.1.{n + 1}/", allow_lan=True).status_code == 201
    r = create(client, tenant, "https://10.1.2.1/", allow_lan=True)
    assert_problem(r, 409, "webhook.too_many")


def test_reserved_types_are_listed_as_such(client: TestClient, tenant: Tenant) -> None:
    r = client.get("/v1/webhooks/event-types", headers=tenant.owner)
    assert r.status_code == 200, r.text
    listed = r.json()["items"]
    reserved = {t["type"] for t in listed if t["reserved"]}
    assert reserved == {"customer.created"}  # stock.low is sent since the reorder point
    assert {t["type"] for t in listed} >= {"sale.created", "journal.alert"}


def test_managers_and_store_limited_keys_may_not_touch_webhooks(
    client: TestClient, database: Database, clock: FakeClock, tenant: Tenant
) -> None:
    manager = manager_of(client, database, clock, tenant, "S01")
    assert_problem(client.get(BASE, headers=manager), 403, "auth.owner_only")
    reader = key_headers(make_key(client, tenant, ["webhooks:read"]))
    assert client.get(BASE, headers=reader).status_code == 200
    r = client.post(
        BASE,
        json={"url": "https://10.1.1.1/", "event_types": ["sale.created"], "allow_lan": True},
        headers=reader,
    )
    assert_problem(r, 403, "auth.scope_missing")
    limited = key_headers(
        make_key(client, tenant, ["webhooks:read", "webhooks:write"], stores=["S01"])
    )
    assert_problem(client.get(BASE, headers=limited), 403, "auth.store_limited")
