"""Owner and manager sign-in: password + TOTP, throttling, token lifetimes and revocation."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from server_stub.db import Database
from server_stub.models import User
from server_stub.security import totp
from tests.server.factories import PASSWORD, FakeClock, Tenant, assert_problem, bearer, login


def _attempt(client: TestClient, tenant: Tenant, clock: FakeClock, **override: str) -> object:
    body = {
        "email": tenant.email,
        "password": PASSWORD,
        "totp": totp.code_at(tenant.totp_secret, clock()),
        **override,
    }
    return client.post("/v1/auth/login", json=body)


def test_login_gives_tokens_that_open_the_owner_api(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    r = client.get("/v1/me", headers=tenant.owner)
    assert r.status_code == 200
    me = r.json()
    assert me["org_id"] == tenant.org_id and me["role"] == "owner" and me["email"] == tenant.email


def test_login_with_org_id_and_mixed_case_email(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    clock.advance(30)
    tokens = login(client, tenant.email.upper(), tenant.totp_secret, clock, org_id=tenant.org_id)
    assert client.get("/v1/me", headers=bearer(tokens["access_token"])).status_code == 200


def test_wrong_password_wrong_code_and_unknown_user_look_the_same(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    clock.advance(30)
    bodies = [
        assert_problem(_attempt(client, tenant, clock, password="wrong password"), 401),
        assert_problem(_attempt(client, tenant, clock, totp="000000"), 401),
        assert_problem(_attempt(client, tenant, clock, email="nobody@test.local"), 401),
    ]
    assert {b["code"] for b in bodies} == {"auth.invalid_credentials"}
    assert len({b["detail"] for b in bodies}) == 1


def test_a_totp_code_is_never_accepted_twice(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    # The fixture's login used the code of the current step.
    assert_problem(_attempt(client, tenant, clock), 401, "auth.invalid_credentials")
    clock.advance(30)
    assert _attempt(client, tenant, clock).status_code == 200  # type: ignore[attr-defined]
    # The previous step's code is within drift but older than the one just used.
    old = totp.code_at(tenant.totp_secret, clock() - timedelta(seconds=30))
    assert_problem(_attempt(client, tenant, clock, totp=old), 401)


def test_one_step_of_clock_drift_is_accepted(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    clock.advance(60)
    ahead = totp.code_at(tenant.totp_secret, clock())
    clock.advance(-30)
    # The phone is 30 s ahead of the server.
    r = _attempt(client, tenant, clock, totp=ahead)
    assert r.status_code == 200  # type: ignore[attr-defined]


def test_attempts_are_throttled_per_account_with_a_capped_delay(
    app: FastAPI, client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    """An attacker rotating addresses slows the account down, but the owner is never locked
    out for more than a minute."""

    def attacker(n: int) -> TestClient:
        return TestClient(app, client=(f"203.0.113.{n}", 40000))

    for n in range(4):
        assert_problem(_attempt(attacker(n), tenant, clock, password="nope nope"), 401)
    # The fifth failure blocks the account for a growing delay.
    assert_problem(_attempt(attacker(4), tenant, clock, password="nope nope"), 401)
    blocked = assert_problem(_attempt(client, tenant, clock), 429, "auth.throttled")
    assert blocked["retry_after"] >= 1
    for n in range(5, 17):
        clock.advance(61)
        r = _attempt(attacker(n), tenant, clock, password="nope nope")
        assert r.status_code == 401  # type: ignore[attr-defined]
    r = _attempt(client, tenant, clock)
    body = assert_problem(r, 429)
    assert int(r.headers["retry-after"]) <= 60  # type: ignore[attr-defined]
    assert body["retry_after"] <= 60
    clock.advance(61)
    assert _attempt(client, tenant, clock).status_code == 200  # type: ignore[attr-defined]


def test_attempts_are_throttled_per_address_across_accounts(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    for n in range(10):
        r = client.post(
            "/v1/auth/login",
            json={"email": f"guess{n}@test.local", "password": "whatever1", "totp": "123456"},
        )
        assert_problem(r, 401)
    r = client.post(
        "/v1/auth/login",
        json={"email": "guess-x@test.local", "password": "whatever1", "totp": "123456"},
    )
    assert_problem(r, 429, "auth.throttled")
    # Even the right credentials wait while this address is blocked; other addresses do not.
    assert_problem(_attempt(client, tenant, clock), 429)
    clock.advance(30)
    assert (
        _attempt(TestClient(client.app, client=("198.51.100.7", 1)), tenant, clock).status_code
        == 200
    )  # type: ignore[attr-defined]


def test_refresh_rotates_and_a_reused_refresh_token_revokes_every_session(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    r = client.post("/v1/auth/refresh", json={"refresh_token": tenant.refresh_token})
    assert r.status_code == 200
    second = r.json()
    assert client.get("/v1/me", headers=bearer(second["access_token"])).status_code == 200
    # The first refresh token was rotated away; using it again means it was copied.
    assert_problem(
        client.post("/v1/auth/refresh", json={"refresh_token": tenant.refresh_token}),
        401,
        "auth.invalid_refresh_token",
    )
    assert_problem(
        client.post("/v1/auth/refresh", json={"refresh_token": second["refresh_token"]}), 401
    )


def test_logout_revokes_the_refresh_token(client: TestClient, tenant: Tenant) -> None:
    assert (
        client.post("/v1/auth/logout", json={"refresh_token": tenant.refresh_token}).status_code
        == 204
    )
    assert (
        client.post("/v1/auth/logout", json={"refresh_token": tenant.refresh_token}).status_code
        == 204
    )
    assert_problem(
        client.post("/v1/auth/refresh", json={"refresh_token": tenant.refresh_token}), 401
    )


def test_expired_refresh_token_is_refused(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    clock.advance(31 * 24 * 3600)
    assert_problem(
        client.post("/v1/auth/refresh", json={"refresh_token": tenant.refresh_token}), 401
    )


def test_access_tokens_expire_and_forgeries_are_refused(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    token = tenant.owner["Authorization"].removeprefix("Bearer ")
    head, payload, mac = token.split(".")
    forged = f"{head}.{payload}x.{mac}"
    for headers in (
        bearer(forged),
        bearer("at1.e30.AAAA"),
        bearer("garbage"),
        {"Authorization": "Basic Zm9vOmJhcg=="},
        {},
    ):
        assert_problem(client.get("/v1/me", headers=headers), 401)
    clock.advance(15 * 60)
    body = assert_problem(client.get("/v1/me", headers=tenant.owner), 401, "auth.invalid_token")
    assert "expired" in body["detail"]


def test_a_disabled_user_is_refused_at_once(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    with database.write() as session:
        session.execute(update(User).where(User.org_id == tenant.org_id).values(active=False))
        session.commit()
    assert_problem(client.get("/v1/me", headers=tenant.owner), 401)
    assert_problem(
        client.post("/v1/auth/refresh", json={"refresh_token": tenant.refresh_token}), 401
    )


def test_login_body_is_validated(client: TestClient) -> None:
    assert_problem(client.post("/v1/auth/login", json={}), 422, "request.invalid")
    assert_problem(
        client.post(
            "/v1/auth/login", json={"email": "a@b.c", "password": "x\u0000y", "totp": "123456"}
        ),
        422,
    )
