"""Back-office test fixtures. Server-side tests reuse the API tests' app, client and databases
(SQLite and PostgreSQL); helper "browser" adds the Playwright fixtures below them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from server_stub import tenancy
from server_stub.core import migrate
from server_stub.core.db import Database
from server_stub.core.security import totp
from tests.server.conftest import (  # noqa: F401 - fixtures, found by name
    app,
    client,
    clock,
    create_pg_database,
    database,
    database_url,
    drop_pg_database,
    fast_password_hashing,
    settings,
)
from tests.server.factories import PASSWORD, FakeClock
from tests.server_process import CloudServer
from tests.web.webtools import WebOwner, make_owner

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Dialog, Page, ViewportSize


@pytest.fixture
def owner(database: Database, clock: FakeClock) -> WebOwner:  # noqa: F811
    return make_owner(database, clock, stores=("S01", "S02"))


# -- Browser tests (helper "browser"): a live pos-server and Debian's chromium -------------------

BROWSER_MARK = "browser: drives Debian's chromium with Playwright against a live pos-server"
CHROMIUM = Path(os.environ.get("POS_TEST_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).parent / "screenshots"
PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1366, "height": 768}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", BROWSER_MARK)


@dataclass
class LiveServer:
    """A ``pos-server serve`` subprocess on a fresh database, and that database opened here
    too, so a test can make what the admin CLI or another organization would."""

    url: str
    database_url: str
    db: Database
    server: CloudServer


@contextmanager
def running_server(backend: str, workdir: Path) -> Iterator[LiveServer]:
    """A migrated, empty database (SQLite file, or a new PostgreSQL database) served on a free
    loopback port; everything is stopped and dropped afterwards."""
    if backend == "sqlite":
        url, pg_name = f"sqlite:///{workdir / 'cloud.db'}", None
    else:
        url, pg_name = create_pg_database("pos_web")
    db = Database(url, pool_size=3)
    server = CloudServer(url, workdir / "server")
    try:
        migrate.upgrade(db.engine)
        server.start()
        yield LiveServer(server.url, url, db, server)
    finally:
        server.stop()
        db.engine.dispose()
        if pg_name is not None:
            drop_pg_database(pg_name)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """``pos-server`` on SQLite; a test that wants PostgreSQL too uses ``running_server``."""
    with running_server("sqlite", tmp_path) as live:
        yield live


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's chromium, launched by its path: browsers cannot be downloaded here."""
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageWatch:
    """What the browser said while a test ran: console errors (a CSP refusal is one), page
    errors and dialogs (an ``alert()`` that escaped escaping would be one)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def browser_page(chromium: Browser, live_server: LiveServer) -> Iterator[tuple[Page, PageWatch]]:
    """A fresh browser context per test (its own cookies) on the live server, laptop-sized,
    Indonesian first as the owner's own browser would ask."""
    page, watch, context = open_page(chromium, live_server.url)
    try:
        yield page, watch
    finally:
        context.close()


def open_page(browser: Browser, base_url: str) -> tuple[Page, PageWatch, BrowserContext]:
    context = browser.new_context(base_url=base_url, viewport=LAPTOP, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch = PageWatch()
    page.on(
        "console",
        lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))

    def on_dialog(dialog: Dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page, watch, context


SPILLED_FIELDS = """() => [...document.querySelectorAll("input, select, textarea")].filter(e => {
    const box = (e.closest("form") || e.parentElement).getBoundingClientRect();
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > box.right + 1;
}).map(e => e.id || e.name)"""
"""The fields that stick out of their form: a grid column that a long <select> widened past the
form still fits the screen, so the page's width alone does not show it."""


def screenshot(page: Page, name: str) -> None:
    """The page as a phone (390x844) and a laptop (1366x768) show it, whole, under
    tests/web/screenshots/ as ``<name>-phone.png`` and ``<name>-laptop.png``; and no wider than
    either screen, with no field sticking out of its form."""
    SCREENSHOTS.mkdir(exist_ok=True)
    before = page.viewport_size or LAPTOP
    for label, size in (("phone", PHONE), ("laptop", LAPTOP)):
        page.set_viewport_size(size)
        page.wait_for_timeout(50)  # one layout pass after the resize
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        wide = page.evaluate("document.documentElement.scrollWidth")
        # Nothing wider than the screen: a phone must never scroll the whole page sideways.
        assert wide <= size["width"], f"{name} is {wide} px wide on a {label} ({size['width']} px)"
        spilled = page.evaluate(SPILLED_FIELDS)
        assert spilled == [], f"{name} on a {label}: fields wider than their form: {spilled}"
    page.set_viewport_size(before)


@dataclass
class BrowserOwner:
    email: str
    password: str
    totp_secret: str
    org_id: str
    store_ids: dict[str, str]


def fresh_code(secret: str, used: set[str] | None = None) -> str:
    """A TOTP code the server takes now and has not seen: the current step's, or the next
    step's (within the server's one-step drift) when the current one was already used."""
    now = datetime.now(UTC)
    code = totp.code_at(secret, now)
    if used is not None and code in used:
        code = totp.code_at(secret, now + timedelta(seconds=totp.STEP_SECONDS))
    if used is not None:
        used.add(code)
    return code


def browser_sign_in(page: Page, email: str, password: str, code: str) -> None:
    page.goto("/app/signin")
    page.fill("#email", email)
    page.fill("#password", password)
    page.fill("#code", code)
    page.click("form[action='/app/signin'] button[type=submit]")
    page.wait_for_load_state()


def make_browser_owner(db: Database, *, name: str, stores: tuple[str, ...]) -> BrowserOwner:
    """An organization with stores and a confirmed owner, as the admin CLI makes one."""
    email = f"owner-{uuid.uuid4().hex[:10]}@test.local"
    now = datetime.now(UTC)
    with db.write() as session:
        org, created = tenancy.create_owner(
            session, org_name=name, email=email, password=PASSWORD, now=now
        )
        ids = {
            code: tenancy.create_store(
                session, org.org_id, code=code, name=f"{name} {code}", now=now
            ).store_id
            for code in stores
        }
        session.commit()
        return BrowserOwner(email, PASSWORD, created.totp_secret, org.org_id, ids)


@pytest.fixture
def owner_signed_in(
    browser_page: tuple[Page, PageWatch], live_server: LiveServer
) -> tuple[Page, BrowserOwner]:
    """An owner of one store, signed in through the real form with a TOTP code."""
    page, _ = browser_page
    owner = make_browser_owner(live_server.db, name="Toko Browser", stores=("S01",))
    browser_sign_in(page, owner.email, owner.password, fresh_code(owner.totp_secret))
    assert page.url.endswith("/app/"), page.url
    return page, owner
