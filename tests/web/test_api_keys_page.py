"""Kunci API: the owner makes a key with scopes by resource, stores and an expiry; its secret is
shown once (and works against the owner API), never again on the page; rotating and revoking
are confirmed forms with the session's CSRF token; a manager gets the 404 page; and the page in
Chromium, photographed at phone and laptop size."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Page

from server_stub import api_keys, tenancy
from server_stub.core.db import Database
from tests.server.factories import FakeClock, bearer
from tests.web.conftest import BrowserOwner, LiveServer, PageWatch, screenshot
from tests.web.webtools import WebOwner, make_manager, next_code, sign_in, sign_in_owner

SECRET = re.compile(r'id="key-secret">([^<]+)<')


def _create(client: TestClient, token: str, **fields: Any) -> Any:
    data = {
        "csrf_token": token,
        "name": "Jurnal",
        "scopes": ["sales:read", "stock:read"],
        "store_mode": "all",
        "expiry": "90",
        **fields,
    }
    return client.post("/app/api-keys", data=data)


def _secret(html: str) -> str:
    found = SECRET.search(html)
    assert found is not None, html
    return found.group(1)


def test_the_owner_makes_a_key_shown_once_that_works(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    page = client.get("/app/api-keys")
    assert page.status_code == 200
    assert "Kunci API" in page.text and "Buat kunci" in page.text
    assert 'href="/app/api-keys"' in page.text  # the owner's menu
    assert 'value="sales:read"' in page.text and "Penjualan" in page.text

    r = _create(client, token, store_mode="some", stores=[owner.store_ids["S01"]])
    assert r.status_code == 201, r.text
    secret = _secret(r.text)
    assert re.fullmatch(api_keys.SCANNER_PATTERN, secret)
    assert 'data-copy="#key-secret"' in r.text and "hanya tampil sekali" in r.text
    assert r.headers["cache-control"] == "no-store"

    assert client.get("/v1/sales", headers=bearer(secret)).status_code == 200
    r = client.get("/v1/sales", params={"store": "S02"}, headers=bearer(secret))
    assert r.status_code == 404
    assert client.get("/v1/products", headers=bearer(secret)).status_code == 403

    listing = client.get("/app/api-keys").text
    random_part = secret.rsplit("_", 1)[1]
    assert random_part not in listing and "key-secret" not in listing
    assert f"posk_live_…_{random_part[:8]}…" in listing
    assert "sales:read, stock:read" in listing and "Belum pernah" not in listing


def test_a_form_with_errors_comes_back_marked(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    r = _create(client, token, scopes=[], name="")
    assert r.status_code == 422
    assert "Centang minimal satu izin." in r.text and "Tulis nama" in r.text
    r = _create(client, token, store_mode="some")
    assert r.status_code == 422 and "Centang minimal satu toko." in r.text
    r = _create(client, token, store_mode="some", stores=[uuid.uuid4().hex])
    assert r.status_code == 422
    r = _create(client, token, name="<b>x</b>", scopes=["sales:read", "nope:read"])
    assert r.status_code == 201
    assert "&lt;b&gt;x&lt;/b&gt;" in r.text and "<b>x</b>" not in r.text
    client.post("/app/lang", data={"csrf_token": token, "lang": "en", "next": "/app/"})
    r = _create(client, token, scopes=[])
    assert r.status_code == 422 and "Tick at least one permission." in r.text


def test_rotating_and_revoking_are_confirmed_and_need_the_token(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    made = _create(client, token)
    old = _secret(made.text)
    key_id = old.split("_")[3]
    page = client.get("/app/api-keys").text
    assert f'action="/app/api-keys/{key_id}/rotate"' in page
    assert "data-confirm=" in page and f'action="/app/api-keys/{key_id}/revoke"' in page

    assert client.post(f"/app/api-keys/{key_id}/rotate", data={}).status_code == 403
    r = client.post(
        f"/app/api-keys/{key_id}/rotate", data={"csrf_token": token, "overlap_hours": "0"}
    )
    assert r.status_code == 200, r.text
    new = _secret(r.text)
    assert new != old and "Rahasia baru" in r.text
    assert client.get("/v1/sales", headers=bearer(old)).json()["code"] == "auth.api_key_rotated"
    assert client.get("/v1/sales", headers=bearer(new)).status_code == 200

    assert client.post(f"/app/api-keys/{key_id}/revoke", data={}).status_code == 403
    r = client.post(
        f"/app/api-keys/{key_id}/revoke", data={"csrf_token": token}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/app/api-keys?flash=keys.revoked_done"
    assert client.get("/v1/sales", headers=bearer(new)).json()["code"] == "auth.api_key_revoked"
    page = client.get("/app/api-keys?flash=keys.revoked_done").text
    assert "Kunci dicabut." in page and "Dicabut" in page
    assert f'action="/app/api-keys/{key_id}/rotate"' not in page
    missing = uuid.uuid4().hex
    r = client.post(f"/app/api-keys/{missing}/revoke", data={"csrf_token": token})
    assert r.status_code == 404


def test_a_manager_gets_the_404_page(
    app: FastAPI, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    created = make_manager(database, clock, owner.org_id)
    with TestClient(app) as manager:
        r: Any = sign_in(manager, created.email, code=next_code(created.totp_secret, clock))
        assert r.status_code == 303
        home = manager.get("/app/")
        assert 'href="/app/api-keys"' not in home.text
        assert manager.get("/app/api-keys").status_code == 404
        token = re.search(r'name="csrf_token" value="([^"]+)"', home.text)
        assert token is not None
        assert _create(manager, token.group(1)).status_code == 404


def test_the_page_in_a_browser_at_phone_and_laptop_size(
    owner_signed_in: tuple[Page, BrowserOwner],
    live_server: LiveServer,
    browser_page: tuple[Page, PageWatch],
) -> None:
    page, owner = owner_signed_in
    watch = browser_page[1]
    with live_server.db.write() as session:
        tenancy.create_store(
            session, owner.org_id, code="S02", name="Toko Kedua", now=datetime.now(UTC)
        )
        session.commit()
    page.goto("/app/api-keys")
    page.fill("#key-name", "Tokopedia")
    page.check("input[name=scopes][value='products:read']")
    page.check("input[name=scopes][value='stock:write']")
    page.check("input[name=store_mode][value=some]")
    page.check(f"input[name=stores][value='{owner.store_ids['S01']}']")
    screenshot(page, "api-keys-new")
    page.click("form[action='/app/api-keys'] button[type=submit]")
    page.wait_for_load_state()
    secret = page.locator("#key-secret").inner_text()
    assert re.fullmatch(api_keys.SCANNER_PATTERN, secret)
    screenshot(page, "api-keys-created")
    # Revoking asks first; the watcher says no, so the key stays.
    page.click("form[action$='/revoke'] button[type=submit]")
    assert len(watch.dialogs) == 1 and "Tokopedia" in watch.dialogs[0]
    page.goto("/app/api-keys")
    assert page.locator("#key-secret").count() == 0
    assert page.locator("#keys").get_by_text("Tokopedia").count() == 1
    screenshot(page, "api-keys-list")
    assert watch.page_errors == [] and watch.console_errors == []
