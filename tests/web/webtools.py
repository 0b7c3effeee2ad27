"""Helpers for server-side back-office tests: make an owner, sign in through the real form,
read the CSRF token a page carries."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from server_stub import tenancy
from server_stub.core.db import Database
from server_stub.core.security import totp
from server_stub.models.web import UserStore
from tests.server.factories import PASSWORD, FakeClock

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class WebOwner:
    org_id: str
    user_id: str
    email: str
    totp_secret: str
    store_ids: dict[str, str]
    """store code -> store id"""


def make_owner(
    db: Database, clock: FakeClock, *, stores: tuple[str, ...] = ("S01",), name: str = "Toko Web"
) -> WebOwner:
    email = f"owner-{uuid.uuid4().hex[:12]}@test.local"
    with db.write() as session:
        org, created = tenancy.create_owner(
            session, org_name=name, email=email, password=PASSWORD, now=clock()
        )
        ids = {
            code: tenancy.create_store(
                session, org.org_id, code=code, name=f"{name} {code}", now=clock()
            ).store_id
            for code in stores
        }
        session.commit()
        return WebOwner(org.org_id, created.user.user_id, email, created.totp_secret, ids)


@dataclass(frozen=True)
class Manager:
    email: str
    totp_secret: str


def make_manager(
    db: Database, clock: FakeClock, org_id: str, store_ids: Iterable[str] = ()
) -> Manager:
    """A manager of the stores ``store_ids`` (ids, not codes), with the test password."""
    email = f"mgr-{uuid.uuid4().hex[:12]}@test.local"
    with db.write() as session:
        made = tenancy.create_user(
            session, org_id, email=email, password=PASSWORD, role="manager", now=clock()
        )
        for store_id in store_ids:
            session.add(UserStore(org_id=org_id, user_id=made.user.user_id, store_id=store_id))
        session.commit()
    return Manager(email, made.totp_secret)


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page carries no CSRF token"
    return found.group(1)


def next_code(secret: str, clock: FakeClock) -> str:
    """A fresh TOTP code: the clock moves one step on, so no code is reused."""
    clock.advance(totp.STEP_SECONDS)
    return totp.code_at(secret, clock())


def sign_in(
    client: TestClient,
    email: str,
    *,
    code: str,
    password: str = PASSWORD,
    follow: bool = False,
) -> object:
    page = client.get("/app/signin")
    assert page.status_code == 200, page.text
    return client.post(
        "/app/signin",
        data={
            "csrf_token": csrf_of(page.text),
            "email": email,
            "password": password,
            "code": code,
            "next": "/app/",
        },
        follow_redirects=follow,
    )


def sign_in_owner(client: TestClient, owner: WebOwner, clock: FakeClock) -> str:
    """Sign in and answer the CSRF token of the signed-in pages."""
    r = sign_in(client, owner.email, code=next_code(owner.totp_secret, clock))
    assert r.status_code == 303, r.text  # type: ignore[attr-defined]
    home = client.get("/app/")
    assert home.status_code == 200, home.text
    return csrf_of(home.text)


IDLE = timedelta(minutes=30)
