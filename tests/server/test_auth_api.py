"""Owner and manager sign-in: password + TOTP, throttling, token lifetimes and revocation."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server_stub.core.db import Database
from server_stub.core.security import throttle, totp
from server_stub.models import User
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


def test_many_guessing_addresses_slow_new_addresses_but_not_the_owners_own(
    app: FastAPI, client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    """An attacker rotating addresses trips the account-wide counter: a new address waits (a
    minute at most), the address the owner signed in from before does not wait at all."""

    def attacker(n: int) -> TestClient:
        return TestClient(app, client=(f"203.0.113.{n}", 40000))

    clock.advance(30)
    for n in range(throttle.ACCOUNT.free_attempts):
        assert_problem(_attempt(attacker(n), tenant, clock, password="nope nope"), 401)
    fresh = TestClient(app, client=("198.51.100.9", 1))
    blocked = assert_problem(_attempt(fresh, tenant, clock), 429, "auth.throttled")
    assert 1 <= blocked["retry_after"] <= 60
    # The fixture's login made the test client's address known to this account.
    assert _attempt(client, tenant, clock).status_code == 200  # type: ignore[attr-defined]
    for n in range(20, 32):
        clock.advance(61)
        r = _attempt(attacker(n), tenant, clock, password="nope nope")
        assert r.status_code == 401  # type: ignore[attr-defined]
    r = _attempt(fresh, tenant, clock)
    body = assert_problem(r, 429)
    assert int(r.headers["retry-after"]) <= 60  # type: ignore[attr-defined]
    assert body["retry_after"] <= 60
    clock.advance(61)
    assert _attempt(fresh, tenant, clock).status_code == 200  # type: ignore[attr-defined]


def test_an_attacker_guessing_20_a_second_never_locks_the_owner_out(
    app: FastAPI, tenant: Tenant, clock: FakeClock
) -> None:
    """The reported attack: 20 wrong passwords a second from one address for 80 s, the owner
    once a second from another address (new to this account) with the right password and the
    code of the moment. The owner is never answered 429: each new TOTP step signs in, a code
    already used in its step is refused as such; the attacker is held back all along."""
    attacker = TestClient(app, client=("203.0.113.66", 40000))
    owner = TestClient(app, client=("198.51.100.20", 50000))
    used_step = totp.step_at(clock())  # the fixture's own login
    owner_answers: list[tuple[int, int]] = []
    attacker_answers: Counter[int] = Counter()
    for _second in range(80):
        for _ in range(20):
            r = _attempt(attacker, tenant, clock, password="tebak tebak")
            attacker_answers[r.status_code] += 1  # type: ignore[attr-defined]
            clock.advance(0.05)
        r = _attempt(owner, tenant, clock)
        owner_answers.append((totp.step_at(clock()), r.status_code))  # type: ignore[attr-defined]
    statuses = [status for _, status in owner_answers]
    assert 429 not in statuses
    new_steps = {step for step, _ in owner_answers} - {used_step}
    assert statuses.count(200) == len(new_steps) >= 2
    assert set(statuses) == {200, 401}
    # Held back from the fifth guess on: a handful of guesses in 80 s, not 1600.
    assert attacker_answers[401] <= 16
    assert attacker_answers[429] == 1600 - attacker_answers[401]

    # A guesser at a fresh address is slowed the same way, with growing delays.
    other = TestClient(app, client=("203.0.113.77", 40000))
    for _ in range(throttle.ACCOUNT_ADDRESS.free_attempts):
        assert_problem(_attempt(other, tenant, clock, password="tebak lagi"), 401)
    first = assert_problem(_attempt(other, tenant, clock, password="tebak lagi"), 429)
    clock.advance(first["retry_after"])
    assert_problem(_attempt(other, tenant, clock, password="tebak lagi"), 401)
    second = assert_problem(_attempt(other, tenant, clock, password="tebak lagi"), 429)
    assert second["retry_after"] > first["retry_after"]
    # And the owner still signs in.
    clock.advance(30)
    assert _attempt(owner, tenant, clock).status_code == 200  # type: ignore[attr-defined]


def test_a_known_address_is_remembered_per_account_and_expires(
    tenant: Tenant, clock: FakeClock, database: Database
) -> None:
    with database.read() as session:
        here = f"{_user_id(session, tenant)}@testclient"
        assert throttle.is_known(session, org_id=tenant.org_id, key=here, now=clock())
        assert not throttle.is_known(
            session, org_id=tenant.org_id, key=f"{_user_id(session, tenant)}@10.9.8.7", now=clock()
        )
        later = clock() + timedelta(seconds=throttle.KNOWN_FOR_S + 1)
        assert not throttle.is_known(session, org_id=tenant.org_id, key=here, now=later)


def _user_id(session: Session, tenant: Tenant) -> str:
    return str(
        session.execute(select(User.user_id).where(User.org_id == tenant.org_id)).scalar_one()
    )


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
