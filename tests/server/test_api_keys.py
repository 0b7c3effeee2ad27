"""Organization API keys over the owner API: made, used, rotated with an overlap, revoked,
expired, limited to stores, rate limited, stamped with their last use, and their secret shown
once and never again (not in a listing, not in a log)."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server_stub import api_keys
from server_stub.app import create_app
from server_stub.core.config import Settings
from server_stub.core.db import Database
from tests.server.factories import (
    FakeClock,
    Tenant,
    assert_problem,
    bearer,
    login,
    make_tenant,
    push,
    simple_sale,
)
from tests.server.test_journal_alerts_scope import manager_of


def make_key(
    client: TestClient, tenant: Tenant, scopes: list[str], **fields: Any
) -> dict[str, Any]:
    body = {"name": f"Integrasi {uuid.uuid4().hex[:6]}", "scopes": scopes, **fields}
    r = client.post("/v1/api-keys", json=body, headers=tenant.owner)
    assert r.status_code == 201, r.text
    made: dict[str, Any] = r.json()
    return made


def key_headers(made: dict[str, Any]) -> dict[str, str]:
    return bearer(made["secret"])


def travel(client: TestClient, clock: FakeClock, tenant: Tenant, seconds: float) -> None:
    """Move the clock; the owner signs in again, as their access token lives 15 minutes."""
    clock.advance(seconds)
    tenant.owner = bearer(login(client, tenant.email, tenant.totp_secret, clock)["access_token"])


def listed(client: TestClient, tenant: Tenant, key_id: str) -> dict[str, Any]:
    r = client.get(f"/v1/api-keys/{key_id}", headers=tenant.owner)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_a_key_is_shown_once_and_works_with_its_scope(client: TestClient, tenant: Tenant) -> None:
    made = make_key(client, tenant, ["sales:read", "products:read"])
    secret = made["secret"]
    assert re.fullmatch(api_keys.SCANNER_PATTERN, secret)
    assert secret.startswith(f"posk_live_{tenant.org_id}_{made['key_id']}_")
    assert made["prefix"] == f"posk_live_…_{secret[-43:][:8]}…"
    assert made["scopes"] == ["products:read", "sales:read"] and made["stores"] is None

    headers = key_headers(made)
    assert client.get("/v1/sales", headers=headers).status_code == 200
    assert client.get("/v1/products", headers=headers).status_code == 200
    r = client.get("/v1/stock", params={"store": "S01"}, headers=headers)
    body = assert_problem(r, 403, "auth.scope_missing")
    assert body["scope"] == "stock:read" and "stock:read" in body["detail"]

    everything = client.get("/v1/api-keys", headers=tenant.owner)
    one = client.get(f"/v1/api-keys/{made['key_id']}", headers=tenant.owner)
    random_part = secret.rsplit("_", 1)[1]
    for answer in (everything, one):
        assert answer.status_code == 200
        assert random_part not in answer.text and "secret" not in answer.json()


def test_wrong_malformed_and_foreign_secrets_are_refused(
    client: TestClient, database: Database, clock: FakeClock, tenant: Tenant
) -> None:
    made = make_key(client, tenant, ["sales:read"])
    wrong = made["secret"][:-4] + ("AAAA" if not made["secret"].endswith("AAAA") else "BBBB")
    for token in (wrong, "posk_live_junk", made["secret"] + "x"):
        r = client.get("/v1/sales", headers=bearer(token))
        assert_problem(r, 401, "auth.invalid_api_key")
        assert r.headers["www-authenticate"].startswith("Bearer")
    other = make_tenant(client, database, clock, name="Toko Lain", tills=())
    # The same key id under another organization finds no row.
    forged = made["secret"].replace(tenant.org_id, other.org_id)
    assert_problem(client.get("/v1/sales", headers=bearer(forged)), 401, "auth.invalid_api_key")
    # Keys are for the owner API, not a person's own session route.
    assert_problem(client.get("/v1/me", headers=key_headers(made)), 401, "auth.invalid_token")


def test_rotation_keeps_the_old_secret_for_the_overlap(
    client: TestClient, clock: FakeClock, tenant: Tenant
) -> None:
    made = make_key(client, tenant, ["sales:read"])
    old = key_headers(made)
    r = client.post(
        f"/v1/api-keys/{made['key_id']}/rotate",
        json={"overlap_seconds": 3600},
        headers=tenant.owner,
    )
    assert r.status_code == 200, r.text
    rotated = r.json()
    new = key_headers(rotated)
    assert rotated["secret"] != made["secret"] and rotated["key_id"] == made["key_id"]
    assert rotated["prefix"] != made["prefix"]
    assert rotated["previous_secret_expires_at"] is not None

    assert client.get("/v1/sales", headers=old).status_code == 200
    assert client.get("/v1/sales", headers=new).status_code == 200
    travel(client, clock, tenant, 3601)
    assert_problem(client.get("/v1/sales", headers=old), 401, "auth.api_key_rotated")
    assert client.get("/v1/sales", headers=new).status_code == 200

    # Without a body the overlap is a day; with 0 the secret in use stops at once.
    r = client.post(f"/v1/api-keys/{made['key_id']}/rotate", headers=tenant.owner)
    newest = key_headers(r.json())
    travel(client, clock, tenant, 23 * 3600)
    assert client.get("/v1/sales", headers=new).status_code == 200
    travel(client, clock, tenant, 3601)
    assert_problem(client.get("/v1/sales", headers=new), 401, "auth.api_key_rotated")
    r = client.post(
        f"/v1/api-keys/{made['key_id']}/rotate", json={"overlap_seconds": 0}, headers=tenant.owner
    )
    assert_problem(client.get("/v1/sales", headers=newest), 401, "auth.api_key_rotated")
    assert client.get("/v1/sales", headers=key_headers(r.json())).status_code == 200


def test_revoking_is_immediate_and_idempotent(client: TestClient, tenant: Tenant) -> None:
    made = make_key(client, tenant, ["sales:read"])
    client.post(f"/v1/api-keys/{made['key_id']}/rotate", headers=tenant.owner)
    headers = key_headers(made)
    assert client.get("/v1/sales", headers=headers).status_code == 200
    r = client.delete(f"/v1/api-keys/{made['key_id']}", headers=tenant.owner)
    assert r.status_code == 200 and r.json()["revoked_at"] is not None
    assert_problem(client.get("/v1/sales", headers=headers), 401, "auth.api_key_revoked")
    again = client.delete(f"/v1/api-keys/{made['key_id']}", headers=tenant.owner)
    assert again.json()["revoked_at"] == r.json()["revoked_at"]
    r = client.post(f"/v1/api-keys/{made['key_id']}/rotate", headers=tenant.owner)
    assert_problem(r, 409, "api_key.revoked")
    missing = client.delete(f"/v1/api-keys/{uuid.uuid4().hex}", headers=tenant.owner)
    assert_problem(missing, 404, "api_key.not_found")


def test_an_expired_key_is_refused(client: TestClient, clock: FakeClock, tenant: Tenant) -> None:
    expires = (clock() + timedelta(hours=1)).isoformat()
    made = make_key(client, tenant, ["sales:read"], expires_at=expires)
    assert client.get("/v1/sales", headers=key_headers(made)).status_code == 200
    travel(client, clock, tenant, 3600)
    assert_problem(client.get("/v1/sales", headers=key_headers(made)), 401, "auth.api_key_expired")
    past = (clock() - timedelta(seconds=1)).isoformat()
    r = client.post(
        "/v1/api-keys",
        json={"name": "Lama", "scopes": ["sales:read"], "expires_at": past},
        headers=tenant.owner,
    )
    assert_problem(r, 422, "api_key.expiry_past")


def test_bad_scopes_and_stores_are_refused(client: TestClient, tenant: Tenant) -> None:
    for body in (
        {"name": "x", "scopes": ["sales:delete"]},
        {"name": "x", "scopes": []},
        {"name": "", "scopes": ["sales:read"]},
    ):
        assert_problem(client.post("/v1/api-keys", json=body, headers=tenant.owner), 422)
    r = client.post(
        "/v1/api-keys",
        json={"name": "x", "scopes": ["sales:read"], "stores": ["NOPE"]},
        headers=tenant.owner,
    )
    assert_problem(r, 422, "api_key.unknown_store")


def test_a_manager_may_not_manage_keys_but_keeps_every_other_route(
    client: TestClient, database: Database, clock: FakeClock, tenant: Tenant
) -> None:
    manager = manager_of(client, database, clock, tenant, "S01")
    body = {"name": "x", "scopes": ["sales:read"]}
    assert_problem(client.post("/v1/api-keys", json=body, headers=manager), 403, "auth.owner_only")
    assert_problem(client.get("/v1/api-keys", headers=manager), 403, "auth.owner_only")
    assert client.get("/v1/sales", headers=manager).status_code == 200
    assert client.get("/v1/staff", headers=manager).status_code == 200
    r = client.post("/v1/users", json={"email": "m@x.id", "password": "x" * 12}, headers=manager)
    assert_problem(r, 403, "auth.owner_only")


def test_a_key_manages_only_keys_no_broader_than_itself(client: TestClient, tenant: Tenant) -> None:
    admin = key_headers(make_key(client, tenant, ["keys:read", "keys:write", "sales:read"]))
    r = client.post(
        "/v1/api-keys", json={"name": "lebih", "scopes": ["stock:write"]}, headers=admin
    )
    assert_problem(r, 403, "auth.key_broader")
    r = client.post("/v1/api-keys", json={"name": "sama", "scopes": ["sales:read"]}, headers=admin)
    assert r.status_code == 201, r.text
    assert client.get("/v1/sales", headers=key_headers(r.json())).status_code == 200
    broad = make_key(client, tenant, ["stock:write"])
    r = client.post(f"/v1/api-keys/{broad['key_id']}/rotate", headers=admin)
    assert_problem(r, 403, "auth.key_broader")
    assert_problem(
        client.delete(f"/v1/api-keys/{broad['key_id']}", headers=admin), 403, "auth.key_broader"
    )
    assert client.get("/v1/api-keys", headers=admin).status_code == 200

    limited = key_headers(make_key(client, tenant, ["keys:write", "sales:read"], stores=["S01"]))
    r = client.post(
        "/v1/api-keys", json={"name": "semua", "scopes": ["sales:read"]}, headers=limited
    )
    assert_problem(r, 403, "auth.key_broader")
    r = client.post(
        "/v1/api-keys",
        json={"name": "S01", "scopes": ["sales:read"], "stores": ["S01"]},
        headers=limited,
    )
    assert r.status_code == 201 and r.json()["stores"] == ["S01"]


def test_a_key_limited_to_a_store_sees_only_that_store(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S02", "T02"))
    )
    push(client, tenant.device("T01"), simple_sale(store_code="S01", till_code="T01"))
    on_b = simple_sale(store_code="S02", till_code="T02")
    push(client, tenant.device("T02"), on_b)
    scopes = ["sales:read", "stores:read", "stores:write", "stock:read", "tills:read"]
    scopes += ["refunds:read", "reports:read", "alerts:read", "journal:read"]
    made = make_key(client, tenant, [*scopes, "tills:write", "users:write"], stores=["S01"])
    assert made["stores"] == ["S01"]
    key = key_headers(made)

    sales = client.get("/v1/sales", headers=key).json()["items"]
    assert {s["store_code"] for s in sales} == {"S01"}
    assert len(client.get("/v1/sales", headers=tenant.owner).json()["items"]) == 2
    days = client.get("/v1/sales/daily", headers=key).json()["items"]
    assert {d["store_code"] for d in days} == {"S01"}
    assert_problem(client.get("/v1/sales", params={"store": "S02"}, headers=key), 404)
    assert_problem(client.get(f"/v1/sales/{on_b['sale_id']}", headers=key), 404, "sale.not_found")
    assert client.get(f"/v1/sales/{on_b['sale_id']}", headers=tenant.owner).status_code == 200

    assert [s["code"] for s in client.get("/v1/stores", headers=key).json()["items"]] == ["S01"]
    assert_problem(client.get("/v1/stores/S02", headers=key), 404, "store.not_found")
    r = client.patch("/v1/stores/S02", json={"name": "Bukan"}, headers=key)
    assert_problem(r, 404, "store.not_found")
    assert client.patch("/v1/stores/S01", json={"name": "Ya"}, headers=key).status_code == 200
    r = client.post("/v1/stores", json={"code": "S03", "name": "Baru"}, headers=key)
    assert_problem(r, 403, "auth.store_limited")
    assert_problem(client.get("/v1/stock", params={"store": "S02"}, headers=key), 404)
    assert client.get("/v1/stock", params={"store": "S01"}, headers=key).status_code == 200
    tills = client.get("/v1/tills", headers=key).json()["items"]
    assert {t["store_code"] for t in tills} == {"S01"}
    r = client.post(f"/v1/tills/{tenant.device_ids['T02']}/revoke", headers=key)
    assert_problem(r, 404, "device.not_found")
    r = client.post("/v1/stores/S02/enrollment-codes", json={}, headers=key)
    assert_problem(r, 404, "store.not_found")
    r = client.post("/v1/users", json={"email": "a@b.id", "password": "x" * 12}, headers=key)
    assert_problem(r, 403, "auth.store_limited")
    for path in ("/v1/refunds", "/v1/shift-reports", "/v1/alerts", "/v1/journal/alerts"):
        assert client.get(path, headers=key).status_code == 200, path
        assert_problem(client.get(path, params={"store": "S02"}, headers=key), 404)
    assert_problem(client.get("/v1/journal/entries", params={"store": "S02"}, headers=key), 404)


def test_a_store_limited_key_sees_staff_of_its_stores(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(client, database, clock, stores=("S01", "S02"), tills=())
    ids = {}
    for name, stores in (("Ani", ["S01"]), ("Budi", ["S02"]), ("Citra", ["S01", "S02"])):
        r = client.post(
            "/v1/staff", json={"name": name, "stores": stores, "pin": "1234"}, headers=tenant.owner
        )
        ids[name] = r.json()["id"]
    key = key_headers(make_key(client, tenant, ["staff:read", "staff:write"], stores=["S01"]))
    staff = client.get("/v1/staff", headers=key).json()["items"]
    assert [m["name"] for m in staff] == ["Ani", "Citra"]
    assert_problem(client.get(f"/v1/staff/{ids['Budi']}", headers=key), 404, "staff.not_found")
    assert client.get(f"/v1/staff/{ids['Citra']}", headers=key).status_code == 200
    r = client.patch(f"/v1/staff/{ids['Citra']}", json={"name": "C"}, headers=key)
    assert_problem(r, 403, "auth.store_limited")
    assert client.patch(f"/v1/staff/{ids['Ani']}", json={"name": "A"}, headers=key).is_success
    r = client.patch(f"/v1/staff/{ids['Ani']}", json={"stores": ["S01", "S02"]}, headers=key)
    assert_problem(r, 403, "auth.store_limited")
    r = client.post("/v1/staff", json={"name": "D", "stores": ["S02"], "pin": "1234"}, headers=key)
    assert_problem(r, 403, "auth.store_limited")


def test_over_the_rate_limit_is_429_with_retry_after(
    client: TestClient, clock: FakeClock, tenant: Tenant
) -> None:
    made = make_key(client, tenant, ["sales:read"], rate_limit_per_min=3)
    headers = key_headers(made)
    assert [client.get("/v1/sales", headers=headers).status_code for _ in range(3)] == [200] * 3
    r = client.get("/v1/sales", headers=headers)
    body = assert_problem(r, 429, "auth.rate_limited")
    retry = int(r.headers["retry-after"])
    assert 1 <= retry <= 60 and body["retry_after"] == retry and body["limit"] == 3
    # Other keys have windows of their own; a person's token is not limited here.
    assert client.get("/v1/sales", headers=key_headers(make_key(client, tenant, ["sales:read"])))
    assert client.get("/v1/sales", headers=tenant.owner).status_code == 200
    clock.advance(retry)
    assert client.get("/v1/sales", headers=headers).status_code == 200


def test_the_window_is_shared_by_every_worker(
    client: TestClient, database: Database, settings: Settings, clock: FakeClock, tenant: Tenant
) -> None:
    """Two apps on one database stand for two worker processes: the key's minute is one."""
    headers = key_headers(make_key(client, tenant, ["sales:read"], rate_limit_per_min=4))
    with TestClient(create_app(settings, clock=clock, database=database)) as other:
        statuses = [
            (client if i % 2 else other).get("/v1/sales", headers=headers).status_code
            for i in range(6)
        ]
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_last_used_at_moves_at_most_once_a_minute(
    client: TestClient, clock: FakeClock, tenant: Tenant
) -> None:
    made = make_key(client, tenant, ["sales:read"])
    assert made["last_used_at"] is None
    headers = key_headers(made)
    client.get("/v1/sales", headers=headers)
    first = listed(client, tenant, made["key_id"])["last_used_at"]
    assert first is not None
    clock.advance(30)
    client.get("/v1/sales", headers=headers)
    assert listed(client, tenant, made["key_id"])["last_used_at"] == first
    clock.advance(31)
    client.get("/v1/sales", headers=headers)
    assert listed(client, tenant, made["key_id"])["last_used_at"] > first


def test_the_secret_never_reaches_the_logs(
    client: TestClient, tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    made = make_key(client, tenant, ["sales:read", "keys:write"])
    client.get("/v1/sales", headers=key_headers(made))
    client.get("/v1/sales", headers=bearer(made["secret"][:-1] + "Z"))
    rotated = client.post(f"/v1/api-keys/{made['key_id']}/rotate", headers=tenant.owner).json()
    client.delete(f"/v1/api-keys/{made['key_id']}", headers=tenant.owner)
    assert "api key created" in caplog.text and "api key rotated" in caplog.text
    for secret in (made["secret"], rotated["secret"]):
        assert secret.rsplit("_", 1)[1] not in caplog.text


def test_the_advisory_commit_leaves_the_connection_as_it_was(database: Database) -> None:
    """SQLite's connection goes back to the pool waiting for the disk again (``FULL``), so a
    sale stored on it next is as durable as ever."""
    if database.dialect != "sqlite":
        pytest.skip("PostgreSQL relaxes the one transaction (SET LOCAL)")
    with api_keys.advisory_session(database) as session:
        raw = session.connection().connection.dbapi_connection
        assert raw is not None
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 1
        session.commit()
    assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2
