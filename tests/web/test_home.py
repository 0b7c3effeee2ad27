"""Beranda: a known history gives the expected figures (each store's own today, in WIB, WITA
and WIT); the fragment htmx polls every 5 seconds shows a sale the moment it is synced; another
organization's store is 404; a manager sees only their stores; names are escaped."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.core.db import Database
from server_stub.dashboard import home_figures
from server_stub.models import Store
from server_stub.web.format import rupiah
from server_stub.web.pages.home import visible_stores
from tests.server.factories import FakeClock, Item, add_product, make_sale, push
from tests.server.rollup_history import History, build_history
from tests.web.webtools import make_manager, next_code, sign_in

NOW = datetime(2026, 12, 6, 5, 0, tzinfo=UTC)
"""12:00 WIB, 13:00 WITA, 14:00 WIT on 06/12/2026: the history's second day."""
TODAY = ("b", "c", "e", "g")
"""The sales rung on 06/12/2026 in their own store's time (the others a second before)."""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def history(client: TestClient, database: Database, clock: FakeClock) -> History:
    return build_history(client, database, clock)


def sign_in_as(client: TestClient, email: str, secret: str, clock: FakeClock) -> None:
    client.cookies.clear()
    r: Any = sign_in(client, email, code=next_code(secret, clock))
    assert r.status_code == 303, r.text


def store_ids(database: Database, org_id: str) -> dict[str, str]:
    with database.read() as session:
        rows = session.execute(select(Store.code, Store.store_id).where(Store.org_id == org_id))
        return {code: store_id for code, store_id in rows}


def test_figures_of_a_known_history(database: Database, history: History) -> None:
    s, r = history.sales, history.refunds
    with database.read() as session:
        stores = visible_stores(session, _owner(history))
        f = home_figures(session, history.tenant.org_id, stores, NOW)
    total = sum(s[k].total for k in TODAY)
    assert f.today.isoformat() == "2026-12-06"
    assert (f.sales_total, f.transactions) == (total, 4)
    assert f.average_basket == total // 4
    # r3 was paid out at 00:30 WITA on the 6th (16:30 UTC on the 5th): today's too.
    assert f.refunds == 3
    assert f.refund_total == r["r1"].total + r["r2"].total + r["r3"].total
    assert f.net_total == total - f.refund_total
    # The line void at 23:59:50 WIB was yesterday's; the cancel ten seconds after midnight today's.
    assert (f.line_voids, f.line_void_amount, f.sale_cancels) == (1, 7000, 1)
    assert f.sale_cancel_amount == 12_000
    assert f.last_week_total == f.last_week_so_far == 0
    assert len(f.by_day) == 30 and f.by_day[-1].label == "2026-12-06"
    assert f.by_day[-1].total == total
    assert f.by_day[-2].total == sum(s[k].total for k in ("a", "d", "f"))
    assert sum(p.total for p in f.by_hour) == total
    assert f.by_hour[0].transactions == 3  # b, e and g, each just after its own midnight
    mix = {m.kind: m.amount for m in f.payment_mix}
    assert sum(mix.values()) == total
    assert mix["card"] > 0 and mix["qris"] > 0 and mix["ewallet"] > 0 and mix["cash"] > 0
    assert f.top_products[0].product_id == history.products["mie"]


def test_one_store_and_its_own_day(database: Database, history: History) -> None:
    ids = store_ids(database, history.tenant.org_id)
    with database.read() as session:
        stores = [x for x in visible_stores(session, _owner(history)) if x.store_id == ids["S03"]]
        f = home_figures(session, history.tenant.org_id, stores, NOW)
    g = history.sales["g"]
    assert (f.sales_total, f.transactions, f.refunds) == (g.total, 1, 0)
    assert f.by_hour[0].total == g.total  # 00:00 WIT


def test_the_page_and_its_fragment(client: TestClient, clock: FakeClock, history: History) -> None:
    sign_in_as(client, history.tenant.email, history.tenant.totp_secret, clock)
    page = client.get("/app/")
    assert page.status_code == 200, page.text
    total = sum(history.sales[k].total for k in TODAY)
    assert rupiah(total) in page.text
    assert 'hx-trigger="every 5s"' in page.text and 'hx-get="/app/home/figures"' in page.text
    assert """hx-headers='{"X-Poll": "1"}'""" in page.text  # polling is not the owner's activity
    assert '<link rel="stylesheet" href="/app/static/home.css">' in page.text.split("</head>")[0]
    assert "06/12/2026" in page.text
    assert " style=" not in page.text and "<script>" not in page.text.split("</head>")[1]
    assert "<svg" in page.text and 'class="bar"' in page.text
    fragment = client.get("/app/home/figures", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith("<section") and "<html" not in fragment.text
    assert " style=" not in fragment.text


def test_a_synced_sale_shows_in_the_next_poll(
    client: TestClient, clock: FakeClock, history: History
) -> None:
    sign_in_as(client, history.tenant.email, history.tenant.totp_secret, clock)
    tenant = history.tenant
    evil = add_product(client, tenant, sku="EVIL", name="<script>alert(1)</script>", price=990_000)
    sale = make_sale([Item(evil["id"], "EVIL", "x", 990_000)], till_code="T01", sold_at=NOW)
    before = client.get("/app/home/figures", headers={"HX-Request": "true"}).text
    assert push(client, tenant.device("T01"), sale.to_json())[0]["status"] == "accepted"
    after = client.get("/app/home/figures", headers={"HX-Request": "true"}).text
    total = sum(history.sales[k].total for k in TODAY) + sale.total
    assert rupiah(total) not in before and rupiah(total) in after
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in after and "<script>alert" not in after


def test_another_organizations_store_is_not_found(
    client: TestClient, database: Database, clock: FakeClock, history: History
) -> None:
    other = build_history(client, database, clock)
    theirs = store_ids(database, other.tenant.org_id)["S01"]
    sign_in_as(client, history.tenant.email, history.tenant.totp_secret, clock)
    assert client.get("/app/", params={"store": theirs}).status_code == 404
    fragment = client.get(
        "/app/home/figures", params={"store": theirs}, headers={"HX-Request": "true"}
    )
    assert fragment.status_code == 404
    mine = store_ids(database, history.tenant.org_id)["S02"]
    r = client.get("/app/", params={"store": mine})
    assert r.status_code == 200 and rupiah(history.sales["e"].total) in r.text


def test_a_manager_sees_only_their_stores(
    client: TestClient, database: Database, clock: FakeClock, history: History
) -> None:
    ids = store_ids(database, history.tenant.org_id)
    made = make_manager(database, clock, history.tenant.org_id, [ids["S03"]])
    sign_in_as(client, made.email, made.totp_secret, clock)
    page = client.get("/app/")
    assert page.status_code == 200
    g = history.sales["g"]
    assert re.search(r'data-figure="sales_total">\s*' + re.escape(rupiah(g.total)), page.text)
    assert client.get("/app/", params={"store": ids["S01"]}).status_code == 404
    r = client.get(
        "/app/home/figures", params={"store": ids["S02"]}, headers={"HX-Request": "true"}
    )
    assert r.status_code == 404


def test_signed_out_fragment_asks_to_sign_in(client: TestClient) -> None:
    r = client.get("/app/home/figures", headers={"HX-Request": "true"}, follow_redirects=False)
    assert r.status_code == 401 and r.headers["HX-Redirect"].startswith("/app/signin")


def _owner(history: History) -> Any:
    from server_stub.web.deps import WebPrincipal

    return WebPrincipal(history.tenant.org_id, "u", history.tenant.email, "owner", "id", None)
