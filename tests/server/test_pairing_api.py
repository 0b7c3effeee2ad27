"""Pairing tills with one-time enrollment codes; revoking them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.server.factories import (
    FakeClock,
    Tenant,
    assert_problem,
    bearer,
    pair_till,
    push,
    simple_sale,
)


def _code(client: TestClient, tenant: Tenant, **body: object) -> dict[str, object]:
    r = client.post("/v1/stores/S01/enrollment-codes", json=body, headers=tenant.owner)
    assert r.status_code == 201, r.text
    data: dict[str, object] = r.json()
    return data


def test_codes_are_short_typable_and_expire_in_15_minutes(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    issued = _code(client, tenant)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", str(issued["code"]))
    assert issued["store_code"] == "S01" and issued["till_code"] is None
    expires = datetime.fromisoformat(str(issued["expires_at"]).replace("Z", "+00:00"))
    assert expires == clock() + timedelta(minutes=15)
    clock.advance(15 * 60 - 1)
    assert client.post("/v1/devices/enroll", json={"code": issued["code"]}).status_code == 201


def test_enroll_gives_a_credential_that_identifies_the_till(
    client: TestClient, tenant: Tenant
) -> None:
    issued = _code(client, tenant)
    typed = str(issued["code"]).lower().replace("-", " ")
    r = client.post("/v1/devices/enroll", json={"code": typed, "name": "Kasir depan"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["store_code"] == "S01" and body["till_code"] == "T02"  # T01 is the fixture's
    assert body["org_id"] == tenant.org_id and body["org_name"] == "Toko Test"
    assert body["store_name"] == "Toko Test S01"
    assert len(body["device_secret"]) >= 40
    me = client.get(
        "/v1/devices/me", headers=bearer(f"{body['device_id']}.{body['device_secret']}")
    )
    assert me.status_code == 200
    assert me.json()["till_code"] == "T02" and me.json()["store"]["code"] == "S01"
    secret = body["device_secret"]
    flipped = "B" if secret.endswith("A") else "A"  # a different last character, always
    wrong = bearer(f"{body['device_id']}.{secret[:-1]}{flipped}")
    assert_problem(client.get("/v1/devices/me", headers=wrong), 401, "auth.invalid_device")


def test_a_code_works_once(client: TestClient, tenant: Tenant) -> None:
    code = _code(client, tenant)["code"]
    assert client.post("/v1/devices/enroll", json={"code": code}).status_code == 201
    assert_problem(
        client.post("/v1/devices/enroll", json={"code": code}), 400, "enroll.invalid_code"
    )


def test_an_expired_code_is_refused(client: TestClient, tenant: Tenant, clock: FakeClock) -> None:
    code = _code(client, tenant, ttl_minutes=1)["code"]
    clock.advance(61)
    assert_problem(
        client.post("/v1/devices/enroll", json={"code": code}), 400, "enroll.invalid_code"
    )


def test_wrong_codes_are_refused_and_throttled_per_address(
    app: FastAPI, client: TestClient, tenant: Tenant
) -> None:
    for guess in ("ABCD-EFGH", "not a code", "", "2222-2222", "ÄÄÄÄ-ÄÄÄÄ"):
        r = client.post("/v1/devices/enroll", json={"code": guess})
        assert 400 <= r.status_code < 500
    # Four counted so far ("" fails validation before it reaches the counter); ten are free.
    for _ in range(6):
        client.post("/v1/devices/enroll", json={"code": "ABCD-EFGH"})
    assert_problem(client.post("/v1/devices/enroll", json={"code": "ABCD-EFGH"}), 429)
    # The owner's real code still works from the till's own address.
    code = _code(client, tenant)["code"]
    till = TestClient(app, client=("192.0.2.10", 5000))
    assert till.post("/v1/devices/enroll", json={"code": code}).status_code == 201


def test_a_till_slot_is_held_by_one_device_unless_replaced(
    client: TestClient, tenant: Tenant
) -> None:
    code = _code(client, tenant)["code"]
    assert_problem(
        client.post("/v1/devices/enroll", json={"code": code, "till_code": "T01"}),
        409,
        "enroll.till_code_in_use",
    )
    # The refused attempt did not use up the code.
    assert (
        client.post("/v1/devices/enroll", json={"code": code, "till_code": "T05"}).status_code
        == 201
    )
    old = tenant.device("T01")
    code = _code(client, tenant, till_code="T01", replace_existing=True)["code"]
    r = client.post("/v1/devices/enroll", json={"code": code})
    assert r.status_code == 201 and r.json()["till_code"] == "T01"
    assert_problem(client.get("/v1/devices/me", headers=old), 401, "auth.device_revoked")


def test_a_code_reserved_for_a_till_cannot_pair_another(client: TestClient, tenant: Tenant) -> None:
    code = _code(client, tenant, till_code="T09")["code"]
    assert_problem(
        client.post("/v1/devices/enroll", json={"code": code, "till_code": "T08"}),
        409,
        "enroll.till_code_mismatch",
    )
    r = client.post("/v1/devices/enroll", json={"code": code})
    assert r.json()["till_code"] == "T09"


def test_a_revoked_till_is_refused_at_once(client: TestClient, tenant: Tenant) -> None:
    device_id = tenant.device_ids["T01"]
    assert push(client, tenant.device(), simple_sale())[0]["status"] == "accepted"
    r = client.post(f"/v1/tills/{device_id}/revoke", headers=tenant.owner)
    assert r.status_code == 200 and r.json()["revoked_at"]
    for call in (
        lambda: client.post(
            "/v1/sync/sales", json={"sales": [simple_sale()]}, headers=tenant.device()
        ),
        lambda: client.get("/v1/sync/catalog", headers=tenant.device()),
        lambda: client.get("/v1/devices/me", headers=tenant.device()),
    ):
        assert_problem(call(), 401, "auth.device_revoked")
    again = client.post(f"/v1/tills/{device_id}/revoke", headers=tenant.owner)
    assert again.status_code == 200 and again.json()["revoked_at"] == r.json()["revoked_at"]
    # The slot is free again.
    pair_till(client, tenant, "S01", "T01")


def test_tills_are_listed_with_their_state(client: TestClient, tenant: Tenant) -> None:
    pair_till(client, tenant, "S01", "T02")
    client.post(f"/v1/tills/{tenant.device_ids['T02']}/revoke", headers=tenant.owner)
    push(client, tenant.device("T01"), simple_sale())
    tills = client.get("/v1/tills", params={"store": "S01"}, headers=tenant.owner).json()["items"]
    by_code = {t["till_code"]: t for t in tills}
    assert by_code["T01"]["revoked_at"] is None and by_code["T01"]["last_sync_at"]
    assert by_code["T02"]["revoked_at"] is not None
    r = client.get("/v1/tills", params={"store": "S99"}, headers=tenant.owner)
    assert r.json()["items"] == []


def test_codes_for_unknown_stores_and_bad_bodies(client: TestClient, tenant: Tenant) -> None:
    r = client.post("/v1/stores/S99/enrollment-codes", json={}, headers=tenant.owner)
    assert_problem(r, 404, "store.not_found")
    r = client.post(
        "/v1/stores/S01/enrollment-codes", json={"ttl_minutes": 0}, headers=tenant.owner
    )
    assert_problem(r, 422)
    assert_problem(client.post("/v1/stores/S01/enrollment-codes", json={}), 401)
    assert_problem(client.post("/v1/devices/enroll", json={"code": 5}), 422)
