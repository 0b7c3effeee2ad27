"""Pengguna: the owner invites a manager with a one-time link, the manager sets a password and
enrolls TOTP, sees only the stores given, and cannot give a role above their own."""

from __future__ import annotations

import re
import uuid
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.core.db import Database
from server_stub.models import User
from tests.server.factories import PASSWORD, FakeClock
from tests.web.webtools import WebOwner, csrf_of, next_code, sign_in, sign_in_owner


def _invite(client: TestClient, token: str, email: str, store_ids: list[str]) -> str:
    r = client.post(
        "/app/users/invite",
        data={"csrf_token": token, "email": email, "role": "manager", "stores": store_ids},
    )
    assert r.status_code == 201, r.text
    found = re.search(r'id="invite-link">([^<]+)<', r.text)
    assert found is not None
    return found.group(1).replace("http://testserver", "")


def _join(manager: TestClient, link: str, clock: FakeClock) -> str:
    """Accept the invitation, enroll TOTP; answers the TOTP secret."""
    page = manager.get(link)
    assert page.status_code == 200
    r = manager.post(
        link,
        data={
            "csrf_token": csrf_of(page.text),
            "password": PASSWORD,
            "password_again": PASSWORD,
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/app/enroll"
    enroll = manager.get("/app/enroll")
    shown = re.search(r'id="totp-secret">([^<]+)<', enroll.text)
    assert shown is not None
    secret = shown.group(1).replace(" ", "")
    done = manager.post(
        "/app/enroll",
        data={"csrf_token": csrf_of(enroll.text), "code": next_code(secret, clock)},
    )
    assert done.status_code == 200
    return secret


def test_manager_is_invited_joins_and_sees_only_their_store(
    app: FastAPI, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    with TestClient(app) as boss, TestClient(app) as manager:
        token = sign_in_owner(boss, owner, clock)
        email = f"mgr-{owner.org_id[:8]}@test.local"
        link = _invite(boss, token, email, [owner.store_ids["S01"]])
        _join(manager, link, clock)
        # The link works once.
        assert manager.get(link).status_code == 404
        stores = manager.get("/app/stores")
        assert stores.status_code == 200
        assert "Toko Web S01" in stores.text and "Toko Web S02" not in stores.text
        assert manager.get(f"/app/stores/{owner.store_ids['S01']}").status_code == 200
        assert manager.get(f"/app/stores/{owner.store_ids['S02']}").status_code == 404
        # A manager creates no stores and gives no owner role.
        mtoken = csrf_of(stores.text)
        r = manager.post("/app/stores", data={"csrf_token": mtoken, "code": "X", "name": "X"})
        assert r.status_code == 404
        up: Any = manager.post(
            "/app/users/invite",
            data={
                "csrf_token": mtoken,
                "email": "boss2@test.local",
                "role": "owner",
                "stores": [owner.store_ids["S01"]],
            },
        )
        assert up.status_code == 403
        assert "di atas peran Anda sendiri" in up.text
        with database.read() as session:
            assert (
                session.execute(
                    select(User).where(User.email == "boss2@test.local")
                ).scalar_one_or_none()
                is None
            )
        # ... nor hands out a store they do not see.
        hidden: Any = manager.post(
            "/app/users/invite",
            data={
                "csrf_token": mtoken,
                "email": "m2@test.local",
                "role": "manager",
                "stores": [owner.store_ids["S02"]],
            },
        )
        assert hidden.status_code == 404


def test_owner_assigns_stores_and_deactivates(
    app: FastAPI, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    with TestClient(app) as boss, TestClient(app) as manager:
        token = sign_in_owner(boss, owner, clock)
        email = f"mgr2-{owner.org_id[:8]}@test.local"
        _join(manager, _invite(boss, token, email, [owner.store_ids["S01"]]), clock)
        with database.read() as session:
            user = session.execute(select(User).where(User.email == email)).scalar_one()
            user_id = user.user_id
        r = boss.post(
            f"/app/users/{user_id}/stores",
            data={"csrf_token": token, "stores": [owner.store_ids["S02"]]},
            follow_redirects=False,
        )
        assert r.status_code == 303
        assert manager.get(f"/app/stores/{owner.store_ids['S02']}").status_code == 200
        assert manager.get(f"/app/stores/{owner.store_ids['S01']}").status_code == 404
        boss.post(f"/app/users/{user_id}/active", data={"csrf_token": token, "active": "0"})
        assert manager.get("/app/stores", follow_redirects=False).status_code == 303


def test_invited_manager_signs_in_again_with_totp(
    app: FastAPI, owner: WebOwner, clock: FakeClock
) -> None:
    with TestClient(app) as boss, TestClient(app) as manager:
        token = sign_in_owner(boss, owner, clock)
        email = f"mgr3-{owner.org_id[:8]}@test.local"
        secret = _join(manager, _invite(boss, token, email, [owner.store_ids["S01"]]), clock)
        manager.cookies.clear()
        r: Any = sign_in(manager, email, code=next_code(secret, clock))
        assert r.status_code == 303


def test_bad_invitation_link_is_404(client: TestClient) -> None:
    assert client.get("/app/invite/nonsense").status_code == 404
    assert client.get("/app/invite/" + "a" * 32 + "_" + "b" * 32 + ".x" * 12).status_code == 404


def test_a_new_owner_made_to_enroll_does_so_at_first_sign_in(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    from server_stub.web import accounts

    email = f"new-{uuid.uuid4().hex[:12]}@test.local"
    with database.write() as session:
        accounts.owner_to_enroll(
            session, org_name="Toko Baru", email=email, password=PASSWORD, now=clock()
        )
        session.commit()
    r: Any = sign_in(client, email, code="")
    assert r.status_code == 303 and r.headers["location"] == "/app/enroll"


def test_owner_resets_a_managers_authenticator(
    app: FastAPI, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    with TestClient(app) as boss, TestClient(app) as manager:
        token = sign_in_owner(boss, owner, clock)
        email = f"mgr4-{owner.org_id[:8]}@test.local"
        old = _join(manager, _invite(boss, token, email, [owner.store_ids["S01"]]), clock)
        with database.read() as session:
            user_id = session.execute(select(User).where(User.email == email)).scalar_one().user_id
        r = boss.post(
            f"/app/users/{user_id}/reset-totp", data={"csrf_token": token}, follow_redirects=False
        )
        assert r.status_code == 303
        # Signed out at once; the old authenticator no longer signs in; the password enrolls.
        assert manager.get("/app/stores", follow_redirects=False).status_code == 303
        manager.cookies.clear()
        again: Any = sign_in(manager, email, code=next_code(old, clock))
        assert again.headers["location"] == "/app/enroll"
        enroll = manager.get("/app/enroll")
        assert old not in enroll.text.replace(" ", "")
        assert manager.get("/app/stores", follow_redirects=False).status_code == 303
        # An owner cannot reset their own from here (they would lock themselves out).
        own = boss.post(f"/app/users/{owner.user_id}/reset-totp", data={"csrf_token": token})
        assert own.status_code == 403
