"""The menu's Peringatan shows how many alerts are open in the person's sight: a badge for the eye,
"(n belum selesai)" for a screen reader; a manager counts only their stores; one count query per
page, none for an htmx fragment; pages without a signed-in person render as before."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from server_stub.core.db import Database
from tests.server.factories import FakeClock
from tests.server.test_alerts_api import flagged_sale, journal_gap
from tests.web.test_alerts_pages import api_tenant, resolve
from tests.web.test_staff_pages import signed_in_manager
from tests.web.webtools import WebOwner, sign_in_owner

_BADGE = re.compile(
    r'href="/app/alerts"[^>]*>Peringatan&nbsp;<span class="badge danger" aria-hidden="true">'
    r'(\d+)</span><span class="sr-only" id="open-alerts">\((\d+) belum selesai\)</span></a>'
)


def badge(html: str) -> int | None:
    """The count the menu shows, or None without a badge (the menu item stays)."""
    found = _BADGE.search(html)
    if found is None:
        assert 'href="/app/alerts"' not in html or ">Peringatan</a>" in html
        return None
    assert found.group(1) == found.group(2)
    return int(found.group(1))


@contextmanager
def statements(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def on_execute(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(database.engine, "before_cursor_execute", on_execute)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", on_execute)


def test_the_menu_counts_open_alerts_until_they_are_resolved(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01", "S02/T02")
    on_s01 = flagged_sale(client, tenant, "T01")
    journal_gap(client, tenant)
    tenant.store_code = "S02"
    flagged_sale(client, tenant, "T02")
    token = sign_in_owner(client, owner, clock)
    for path in ("/app/", "/app/products", "/app/stores", "/app/alerts"):
        page = client.get(path)
        assert page.status_code == 200 and badge(page.text) == 3, path
    assert resolve(client, token, "sale", on_s01, "Sudah dicek.").status_code == 303
    assert badge(client.get("/app/products").text) == 2
    client.cookies.set("lang", "en")
    english = client.get("/app/products").text
    assert 'aria-hidden="true">2</span><span class="sr-only" id="open-alerts">(2 open)' in english


def test_no_badge_without_open_alerts(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    sign_in_owner(client, owner, clock)
    page = client.get("/app/products").text
    assert badge(page) is None and ">Peringatan</a>" in page
    assert 'id="open-alerts"' not in page


def test_a_manager_counts_only_their_stores(
    app: FastAPI, client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01", "S02/T02")
    flagged_sale(client, tenant, "T01")
    flagged_sale(client, tenant, "T01")
    tenant.store_code = "S02"
    flagged_sale(client, tenant, "T02")
    with signed_in_manager(app, database, owner, clock, ["S02"]) as (manager, _):
        assert badge(manager.get("/app/").text) == 1
    with signed_in_manager(app, database, owner, clock, []) as (nobody, _):
        assert badge(nobody.get("/app/").text) is None
    sign_in_owner(client, owner, clock)
    assert badge(client.get("/app/").text) == 3


def test_one_count_query_per_page_and_none_for_a_fragment(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01")
    flagged_sale(client, tenant, "T01")
    sign_in_owner(client, owner, clock)
    with statements(database) as seen:
        page = client.get("/app/stores")
    assert badge(page.text) == 1
    assert len([s for s in seen if "resolutions" in s]) == 1, seen
    with statements(database) as seen:
        fragment = client.get(
            "/app/products",
            params={"q": "x"},
            headers={"HX-Request": "true", "HX-Target": "results"},
        )
    assert fragment.status_code == 200 and "<nav" not in fragment.text
    assert [s for s in seen if "resolutions" in s] == []


def test_pages_without_a_signed_in_person_still_render(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01")
    flagged_sale(client, tenant, "T01")
    signin = client.get("/app/signin")
    assert signin.status_code == 200 and 'id="open-alerts"' not in signin.text
    missing = client.get("/app/nothing-here")
    assert missing.status_code == 404 and 'id="open-alerts"' not in missing.text
    sign_in_owner(client, owner, clock)
    error = client.get("/app/products/no-such-product")
    assert error.status_code == 404 and badge(error.text) == 1
