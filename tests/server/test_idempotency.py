"""Idempotency-Key on owner-API POSTs (Stripe's semantics), on SQLite and PostgreSQL: the same
key and request within 24 hours answers the first answer again; another request with the key is
422; a request while the first runs is 409; a 5xx keeps nothing; keys are the caller's own."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub import catalog, idempotency, tenancy
from server_stub.app import create_app
from server_stub.core.config import Settings
from server_stub.core.db import Database
from server_stub.models import IdempotencyKey
from tests.server.factories import FakeClock, Tenant, assert_problem, bearer, login
from tests.server.test_api_keys import key_headers, make_key


def key() -> dict[str, str]:
    return {"Idempotency-Key": f"idem-{uuid.uuid4()}"}


def stored_keys(database: Database, org_id: str) -> list[IdempotencyKey]:
    with database.read() as session:
        return list(
            session.execute(select(IdempotencyKey).where(IdempotencyKey.org_id == org_id)).scalars()
        )


def store_codes(client: TestClient, tenant: Tenant) -> list[str]:
    r = client.get("/v1/stores", headers=tenant.owner)
    assert r.status_code == 200, r.text
    return [s["code"] for s in r.json()["items"]]


def test_the_same_request_is_answered_once_and_replayed(
    client: TestClient, database: Database, tenant: Tenant
) -> None:
    headers = {**tenant.owner, **key()}
    body = {"code": "IDEM1", "name": "Toko Idempoten"}
    first = client.post("/v1/stores", json=body, headers=headers)
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    again = client.post("/v1/stores", json=body, headers=headers)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == first.headers["content-type"]
    assert again.json() == first.json()
    assert store_codes(client, tenant).count("IDEM1") == 1
    (row,) = stored_keys(database, tenant.org_id)
    assert row.status == 201 and row.locked_at is None
    assert row.caller.startswith("user:")


def test_another_request_with_the_key_is_422(client: TestClient, tenant: Tenant) -> None:
    headers = {**tenant.owner, **key()}
    r = client.post("/v1/stores", json={"code": "IDEM2", "name": "A"}, headers=headers)
    assert r.status_code == 201
    r = client.post("/v1/stores", json={"code": "IDEM3", "name": "B"}, headers=headers)
    assert_problem(r, 422, "idempotency.key_reused")
    add = {"product_id": "P-1", "store_code": "S01", "quantity": "1", "reason": "received"}
    r = client.post("/v1/stock/movements", json=add, headers=headers)
    assert_problem(r, 422, "idempotency.key_reused")
    assert "IDEM3" not in store_codes(client, tenant)


def test_a_refusal_is_kept_and_replayed_too(client: TestClient, tenant: Tenant) -> None:
    """Stripe keeps 4xx answers: the same request gets the same refusal for 24 hours."""
    headers = {**tenant.owner, **key()}
    body = {"code": tenant.store_code, "name": "Sudah ada"}
    first = client.post("/v1/stores", json=body, headers=headers)
    assert_problem(first, 409, "store.code_taken")
    again = client.post("/v1/stores", json=body, headers=headers)
    assert_problem(again, 409, "store.code_taken")
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    invalid = {**tenant.owner, **key()}
    r = client.post("/v1/stores", json={"code": "??"}, headers=invalid)
    assert_problem(r, 422, "request.invalid")
    r = client.post("/v1/stores", json={"code": "??"}, headers=invalid)
    assert_problem(r, 422, "request.invalid")
    assert r.headers["idempotent-replayed"] == "true"


def test_a_server_error_keeps_nothing_and_the_retry_runs(
    client: TestClient, database: Database, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tenancy.create_store
    calls = []

    def failing_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the disk went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(tenancy, "create_store", failing_once)
    headers = {**tenant.owner, **key()}
    body = {"code": "IDEM5", "name": "Coba lagi"}
    with TestClient(client.app, raise_server_exceptions=False) as plain:
        r = plain.post("/v1/stores", json=body, headers=headers)
    assert r.status_code == 500
    assert stored_keys(database, tenant.org_id) == []
    r = client.post("/v1/stores", json=body, headers=headers)
    assert r.status_code == 201, r.text
    assert "idempotent-replayed" not in r.headers
    assert len(calls) == 2


def test_a_second_request_while_the_first_runs_is_409(
    client: TestClient, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, release = threading.Event(), threading.Event()
    real = tenancy.create_store

    def slow(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(tenancy, "create_store", slow)
    headers = {**tenant.owner, **key()}
    body = {"code": "IDEM6", "name": "Lambat"}
    answers: list[Any] = []
    first = threading.Thread(
        target=lambda: answers.append(client.post("/v1/stores", json=body, headers=headers))
    )
    first.start()
    try:
        assert entered.wait(10)
        r = client.post("/v1/stores", json=body, headers=headers)
        problem = assert_problem(r, 409, "idempotency.in_progress")
        assert r.headers["retry-after"] == "1", problem
    finally:
        release.set()
        first.join(10)
    assert answers[0].status_code == 201
    r = client.post("/v1/stores", json=body, headers=headers)
    assert r.status_code == 201 and r.headers["idempotent-replayed"] == "true"


def test_two_workers_never_both_run_one_key(
    client: TestClient,
    database: Database,
    settings: Settings,
    clock: FakeClock,
    tenant: Tenant,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two apps on one database stand for two worker processes: the key's row is the lock."""
    entered, release = threading.Event(), threading.Event()
    real = catalog.create_product

    def slow(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(catalog, "create_product", slow)
    headers = {**tenant.owner, **key()}
    body = {"sku": "IDEM-SKU", "name": "Sekali", "price": 1000}
    answers: list[Any] = []
    first = threading.Thread(
        target=lambda: answers.append(client.post("/v1/products", json=body, headers=headers))
    )
    first.start()
    try:
        assert entered.wait(10)
        with TestClient(create_app(settings, clock=clock, database=database)) as other:
            assert_problem(
                other.post("/v1/products", json=body, headers=headers),
                409,
                "idempotency.in_progress",
            )
    finally:
        release.set()
        first.join(10)
    assert answers[0].status_code == 201, answers[0].text
    r = client.get("/v1/products", params={"q": "IDEM-SKU"}, headers=tenant.owner)
    assert [p["sku"] for p in r.json()["items"]] == ["IDEM-SKU"]


def test_keys_are_the_callers_own(client: TestClient, tenant: Tenant) -> None:
    """A person and an API key (or two organizations) sending one key are two requests."""
    shared = key()
    made = make_key(client, tenant, ["stores:write", "stores:read"])
    r = client.post(
        "/v1/stores", json={"code": "IDEM7", "name": "A"}, headers={**tenant.owner, **shared}
    )
    assert r.status_code == 201
    r = client.post(
        "/v1/stores", json={"code": "IDEM8", "name": "B"}, headers={**key_headers(made), **shared}
    )
    assert r.status_code == 201, r.text
    assert "idempotent-replayed" not in r.headers
    r = client.post(
        "/v1/stores", json={"code": "IDEM8", "name": "B"}, headers={**key_headers(made), **shared}
    )
    assert r.headers["idempotent-replayed"] == "true"


def test_a_key_lasts_24_hours_and_expired_keys_are_purged(
    client: TestClient, database: Database, clock: FakeClock, tenant: Tenant
) -> None:
    headers = {**tenant.owner, **key()}
    r = client.post("/v1/stores", json={"code": "IDEM9", "name": "A"}, headers=headers)
    assert r.status_code == 201
    clock.advance(timedelta(hours=23, minutes=59).total_seconds())
    tenant.owner = bearer(login(client, tenant.email, tenant.totp_secret, clock)["access_token"])
    headers = {**headers, **tenant.owner}
    r = client.post("/v1/stores", json={"code": "IDEM9", "name": "A"}, headers=headers)
    assert r.headers["idempotent-replayed"] == "true"
    clock.advance(120)
    # Expired: the key is new again, so another request with it runs.
    r = client.post("/v1/stores", json={"code": "IDEM10", "name": "B"}, headers=headers)
    assert r.status_code == 201, r.text
    old = {**tenant.owner, **key()}
    client.post("/v1/stores", json={"code": "IDEM11", "name": "C"}, headers=old)
    clock.advance(timedelta(hours=24, seconds=1).total_seconds())
    tenant.owner = bearer(login(client, tenant.email, tenant.totp_secret, clock)["access_token"])
    assert len(stored_keys(database, tenant.org_id)) == 2
    r = client.post(
        "/v1/stores", json={"code": "IDEM12", "name": "D"}, headers={**tenant.owner, **key()}
    )
    assert r.status_code == 201
    # The write purged the organization's expired keys; only its own key is left.
    assert [k.status for k in stored_keys(database, tenant.org_id)] == [201]


def test_a_key_held_past_its_lease_is_taken_over(
    client: TestClient, database: Database, clock: FakeClock, tenant: Tenant
) -> None:
    """A worker that died mid-request left its key in progress; after the lease it runs again."""
    headers = {**tenant.owner, **key()}
    body = b'{"code": "IDEM13", "name": "A"}'
    with database.write() as session:
        session.add(
            IdempotencyKey(
                org_id=tenant.org_id,
                caller=idempotency.caller_id(_owner_id(database, tenant), is_key=False),
                idempotency_key=headers["Idempotency-Key"],
                fingerprint=idempotency.fingerprint("POST", "/v1/stores", b"", body),
                created_at=clock(),
                locked_at=clock(),
            )
        )
        session.commit()
    json_headers = {**headers, "content-type": "application/json"}
    r = client.post("/v1/stores", content=body, headers=json_headers)
    assert_problem(r, 409, "idempotency.in_progress")
    clock.advance(idempotency.LEASE.total_seconds() + 1)
    r = client.post("/v1/stores", content=body, headers=json_headers)
    assert r.status_code == 201, r.text


def _owner_id(database: Database, tenant: Tenant) -> str:
    from server_stub.models import User

    with database.read() as session:
        return session.execute(
            select(User.user_id).where(User.org_id == tenant.org_id, User.email == tenant.email)
        ).scalar_one()


@pytest.mark.parametrize("bad", ["x" * 256, " leading", "trailing ", "tab\tinside"])
def test_a_malformed_key_is_422(client: TestClient, tenant: Tenant, bad: str) -> None:
    r = client.post(
        "/v1/stores",
        json={"code": "IDEM14", "name": "A"},
        headers={**tenant.owner, "Idempotency-Key": bad},
    )
    assert_problem(r, 422, "idempotency.key_invalid")
    assert "IDEM14" not in store_codes(client, tenant)


def test_without_the_header_nothing_is_kept(
    client: TestClient, database: Database, tenant: Tenant
) -> None:
    body = {"code": "IDEM15", "name": "A"}
    assert client.post("/v1/stores", json=body, headers=tenant.owner).status_code == 201
    assert_problem(
        client.post("/v1/stores", json=body, headers=tenant.owner), 409, "store.code_taken"
    )
    assert stored_keys(database, tenant.org_id) == []


def test_till_sync_login_and_pairing_ignore_the_header(
    client: TestClient, database: Database, clock: FakeClock, tenant: Tenant
) -> None:
    """Their documents carry their own ids (sync) or they are not owner writes at all."""
    shared = key()
    r = client.post(
        "/v1/sync/journal", json={"documents": []}, headers={**tenant.device(), **shared}
    )
    assert r.status_code == 200, r.text
    r = client.post(
        "/v1/sync/staff-pins", json={"documents": []}, headers={**tenant.device(), **shared}
    )
    assert r.status_code == 200, r.text
    for _ in range(2):
        r = client.post("/v1/devices/enroll", json={"code": "WRONG-CODE"}, headers=shared)
        assert_problem(r, 400)
        assert "idempotent-replayed" not in r.headers
    clock.advance(30)  # a one-time code counts once
    login(client, tenant.email, tenant.totp_secret, clock, **{})
    assert stored_keys(database, tenant.org_id) == []


def test_a_csv_import_is_replayed_from_its_bytes(client: TestClient, tenant: Tenant) -> None:
    csv = "sku,name,price\nIDEM-CSV,Barang CSV,2500\n"
    headers = {**tenant.owner, **key(), "content-type": "text/csv"}
    first = client.post("/v1/products/import", content=csv, headers=headers)
    assert first.status_code == 200, first.text
    assert first.json()["created"] == 1
    again = client.post("/v1/products/import", content=csv, headers=headers)
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    other = client.post("/v1/products/import", content=csv + "X,Y,1\n", headers=headers)
    assert_problem(other, 422, "idempotency.key_reused")


def test_every_owner_post_documents_the_key(app: FastAPI) -> None:
    document = app.openapi()
    parameter = document["components"]["parameters"]["IdempotencyKey"]
    assert parameter["name"] == "Idempotency-Key" and parameter["in"] == "header"
    ref = {"$ref": "#/components/parameters/IdempotencyKey"}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            owner_post = method == "post" and "x-required-scope" in operation
            assert (ref in operation.get("parameters", [])) == owner_post, (method, path)
            if owner_post:
                assert "idempotency.in_progress" in operation["responses"]["409"]["description"]
                assert "idempotency.key_reused" in operation["responses"]["422"]["description"]
    assert (
        "parameters" not in document["paths"]["/v1/sync/sales"]["post"]
        or ref not in (document["paths"]["/v1/sync/sales"]["post"]["parameters"])
    )
