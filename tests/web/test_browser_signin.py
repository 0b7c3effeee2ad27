"""In a real chromium: a new owner enrolls TOTP at the first sign-in and signs in again with a
code; a form posted without its CSRF token is refused; another organization's store typed into
the URL is the 404 page. The server is a live ``pos-server`` on a fresh SQLite database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from server_stub.core.security import totp
from server_stub.web import accounts
from tests.server.factories import PASSWORD
from tests.web.conftest import (
    BrowserOwner,
    LiveServer,
    PageWatch,
    browser_sign_in,
    fresh_code,
    make_browser_owner,
    screenshot,
)

pytestmark = pytest.mark.browser


def test_a_new_owner_enrolls_totp_in_the_browser_and_signs_in_with_a_code(
    browser_page: tuple[Page, PageWatch], live_server: LiveServer
) -> None:
    page, watch = browser_page
    email = "pemilik.baru@test.local"
    with live_server.db.write() as session:
        accounts.owner_to_enroll(
            session, org_name="Toko Enroll", email=email, password=PASSWORD, now=datetime.now(UTC)
        )
        session.commit()

    page.goto("/")
    assert page.url.endswith("/app/signin?next=/app/") or "/app/signin" in page.url, page.url
    screenshot(page, "signin")
    # The first sign-in has no code yet: password only, then the enrollment page.
    browser_sign_in(page, email, PASSWORD, "")
    assert page.url.endswith("/app/enroll"), page.url
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    screenshot(page, "enroll")

    used: set[str] = set()
    page.fill("#code", "000000" if totp.code_at(secret, datetime.now(UTC)) != "000000" else "1")
    page.click("form[action='/app/enroll'] button[type=submit]")
    expect(page.locator(".flash.error")).to_be_visible()  # a wrong code enrolls nothing

    page.fill("#code", fresh_code(secret, used))
    page.click("form[action='/app/enroll'] button[type=submit]")
    codes = page.locator("#recovery-codes li")
    expect(codes).to_have_count(10)
    screenshot(page, "recovery-codes")

    # Signed in at full stage: the home page; then out, and in again with a fresh code.
    page.goto("/app/")
    expect(page.locator("h1")).to_be_visible()
    page.locator("details.account summary").click()  # the account menu holds sign-out
    page.locator("form[action='/app/signout'] button").click()
    page.wait_for_url("**/app/signin**")
    page.goto("/app/")
    assert "/app/signin" in page.url  # signed out means signed out
    browser_sign_in(page, email, PASSWORD, "123456" if secret else "")
    expect(page.locator(".flash.error")).to_be_visible()
    browser_sign_in(page, email, PASSWORD, fresh_code(secret, used))
    assert page.url.endswith("/app/"), page.url
    assert not watch.page_errors and not watch.dialogs
    assert not [e for e in watch.console_errors if "Content Security Policy" in e]


def test_csrf_and_tenancy_are_enforced_in_the_browser(
    owner_signed_in: tuple[Page, BrowserOwner],
    live_server: LiveServer,
    browser_page: tuple[Page, PageWatch],
) -> None:
    page, owner = owner_signed_in
    _, watch = browser_page
    other = make_browser_owner(live_server.db, name="Toko Lain", stores=("X01",))

    # A POST from this signed-in browser without the token: refused, nothing made.
    refused = page.request.post(
        "/app/stores", form={"code": "S99", "name": "Toko Palsu"}, max_redirects=0
    )
    assert refused.status == 403, refused.status
    stores = page.goto("/app/stores")
    assert stores is not None and stores.status == 200
    expect(page.get_by_text("Toko Palsu")).to_have_count(0)
    # A wrong token is refused the same way.
    wrong = page.request.post(
        "/app/stores",
        form={"code": "S98", "name": "Toko Palsu", "csrf_token": "not-the-token"},
        max_redirects=0,
    )
    assert wrong.status == 403, wrong.status

    # Another organization's store, typed into the URL: the 404 page, not its data.
    foreign = page.goto(f"/app/stores/{other.store_ids['X01']}")
    assert foreign is not None and foreign.status == 404
    expect(page.get_by_text("Toko Lain X01")).to_have_count(0)
    screenshot(page, "not-found")
    # ... and the owner's own store opens.
    own = page.goto(f"/app/stores/{owner.store_ids['S01']}")
    assert own is not None and own.status == 200
    assert not watch.page_errors and not watch.dialogs
