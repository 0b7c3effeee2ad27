"""Peringatan: an over-refund, a flagged sale and a journal alert listed with store, till and
time, resolved through the page with a note (CSRF required) that shows who and when; a
manager's stores, another organization's alert by URL, escaping."""

from __future__ import annotations

import re
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.core.db import Database
from server_stub.core.security import totp
from server_stub.models import Resolution, SaleRow
from server_stub.web.pages import alerts as alerts_page
from tests.server.factories import FakeClock, Tenant, bearer, login, pair_till
from tests.server.test_alerts_api import flagged_sale, journal_gap, over_refund
from tests.web.test_staff_pages import signed_in_manager
from tests.web.webtools import WebOwner, make_owner, sign_in_owner


def api_tenant(client: TestClient, owner: WebOwner, clock: FakeClock, *tills: str) -> Tenant:
    """The web owner's organization as the API tests know it, with paired tills
    (``"S01/T01"``)."""
    clock.advance(totp.STEP_SECONDS)
    tokens = login(client, owner.email, owner.totp_secret, clock)
    tenant = Tenant(
        org_id=owner.org_id,
        email=owner.email,
        totp_secret=owner.totp_secret,
        owner=bearer(tokens["access_token"]),
        refresh_token=tokens["refresh_token"],
    )
    for till in tills:
        store_code, till_code = till.split("/")
        pair_till(client, tenant, store_code, till_code)
    return tenant


def resolve(client: TestClient, token: str, kind: str, alert_id: str, note: str) -> Any:
    return client.post(
        f"/app/alerts/{kind}/{alert_id}",
        data={"csrf_token": token, "note": note},
        follow_redirects=False,
    )


def test_an_over_refund_and_a_flagged_sale_are_resolved_with_a_note(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01")
    refund_id = over_refund(client, tenant)
    sale_id = flagged_sale(client, tenant)
    journal_gap(client, tenant)
    token = sign_in_owner(client, owner, clock)
    page = client.get("/app/alerts")
    assert page.status_code == 200
    for text in ("Retur melebihi penjualan", "Total tidak cocok", "Entri jurnal hilang"):
        assert text in page.text
    assert "Toko Web S01" in page.text and "T01" in page.text and "WIB" in page.text
    assert f"/app/alerts/refund/{refund_id}" in page.text
    assert "Terbuka (4)" in page.text  # the refund, two flagged sales, the journal gap

    detail = client.get(f"/app/alerts/refund/{refund_id}")
    assert detail.status_code == 200
    assert "Baris 1: terjual 2, sudah diretur 2, retur ini 2." in detail.text
    assert 'name="note"' in detail.text

    # No token, no resolution.
    r = client.post(f"/app/alerts/refund/{refund_id}", data={"note": "x"})
    assert r.status_code == 403
    # An empty note is refused and the form shown again.
    r = resolve(client, token, "refund", refund_id, "   ")
    assert r.status_code == 422 and "Tulis catatan" in r.text

    r = resolve(client, token, "refund", refund_id, "Dicek dengan Siti; uang Rp7.000 kembali.")
    assert r.status_code == 303, r.text
    assert r.headers["location"] == f"/app/alerts/refund/{refund_id}?flash=alerts.resolved"
    shown = client.get(r.headers["location"]).text
    assert "Peringatan ditandai selesai." in shown
    assert "Dicek dengan Siti; uang Rp7.000 kembali." in shown
    stamp = clock().astimezone(ZoneInfo("Asia/Jakarta"))
    assert f"oleh {owner.email}, {stamp:%d/%m/%Y %H:%M} WIB" in shown
    assert 'name="note"' not in shown

    r = resolve(client, token, "sale", sale_id, "Harga di kasir salah, sudah diperbaiki.")
    assert r.status_code == 303
    open_now = client.get("/app/alerts").text
    assert f"/app/alerts/refund/{refund_id}" not in open_now
    assert f"/app/alerts/sale/{sale_id}" not in open_now
    done = client.get("/app/alerts?status=resolved").text
    assert f"/app/alerts/refund/{refund_id}" in done and f"/app/alerts/sale/{sale_id}" in done
    assert done.count(f"oleh {owner.email}") == 2

    # A second resolution is refused; the first note stands.
    again = resolve(client, token, "refund", refund_id, "another")
    assert again.status_code == 409 and "sudah diselesaikan" in again.text
    with database.read() as session:
        notes = session.execute(
            select(Resolution.note).where(Resolution.org_id == owner.org_id)
        ).scalars()
        assert sorted(notes) == [
            "Dicek dengan Siti; uang Rp7.000 kembali.",
            "Harga di kasir salah, sudah diperbaiki.",
        ]


def test_filters_by_kind_and_store_and_english(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01", "S02/T02")
    on_s01 = flagged_sale(client, tenant, "T01")
    tenant.store_code = "S02"
    on_s02 = flagged_sale(client, tenant, "T02")
    sign_in_owner(client, owner, clock)
    s02 = owner.store_ids["S02"]
    page = client.get(f"/app/alerts?store={s02}").text
    assert on_s02 in page and on_s01 not in page
    assert on_s01 not in client.get("/app/alerts?kind=journal").text
    assert on_s01 in client.get("/app/alerts?kind=sale&status=bogus&page=x").text
    client.cookies.set("lang", "en")
    english = client.get(f"/app/alerts/sale/{on_s01}").text
    assert "Totals mismatch" in english and "Mark resolved" in english


def test_a_manager_sees_and_resolves_only_their_stores_alerts(
    app: FastAPI, client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01", "S02/T02")
    on_s01 = flagged_sale(client, tenant, "T01")
    tenant.store_code = "S02"
    on_s02 = flagged_sale(client, tenant, "T02")
    with signed_in_manager(app, database, owner, clock, ["S02"]) as (manager, token):
        listed = manager.get("/app/alerts").text
        assert on_s02 in listed and on_s01 not in listed
        assert manager.get(f"/app/alerts/sale/{on_s01}").status_code == 404
        assert manager.get(f"/app/alerts?store={owner.store_ids['S01']}").status_code == 404
        assert resolve(manager, token, "sale", on_s01, "not mine").status_code == 404
        assert resolve(manager, token, "sale", on_s02, "Sudah dicek.").status_code == 303
    with database.read() as session:
        by = dict(
            session.execute(
                select(Resolution.subject_id, Resolution.resolved_by_email).where(
                    Resolution.org_id == owner.org_id
                )
            ).all()
        )
    assert list(by) == [on_s02] and by[on_s02].startswith("mgr-")


def test_another_organizations_alert_is_not_found(
    app: FastAPI, client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01")
    sale_id = flagged_sale(client, tenant)
    other = make_owner(database, clock, name="Toko Lain")
    with TestClient(app) as stranger:
        token = sign_in_owner(stranger, other, clock)
        assert sale_id not in stranger.get("/app/alerts?status=all").text
        assert stranger.get(f"/app/alerts/sale/{sale_id}").status_code == 404
        assert stranger.get(f"/app/alerts/nothing/{sale_id}").status_code == 404
        assert resolve(stranger, token, "sale", sale_id, "mine?").status_code == 404
    with database.read() as session:
        assert (
            session.execute(select(Resolution).where(Resolution.org_id == owner.org_id)).first()
            is None
        )


def test_notes_and_till_text_are_shown_as_text(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01")
    sale_id = flagged_sale(client, tenant)
    with database.write() as session:
        row = session.execute(
            select(SaleRow).where(SaleRow.org_id == owner.org_id, SaleRow.sale_id == sale_id)
        ).scalar_one()
        row.flag_details = {**row.flag_details, "unknown_product": ["<img src=x onerror=alert(1)>"]}
        session.commit()
    token = sign_in_owner(client, owner, clock)
    script = "<script>alert(1)</script>"
    assert resolve(client, token, "sale", sale_id, script).status_code == 303
    for path in (f"/app/alerts/sale/{sale_id}", "/app/alerts?status=resolved"):
        text = client.get(path).text
        assert script not in text and "<img src=x" not in text, path
    shown = client.get(f"/app/alerts/sale/{sale_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown


def test_pages_of_alerts(
    client: TestClient, owner: WebOwner, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant = api_tenant(client, owner, clock, "S01/T01")
    ids = [flagged_sale(client, tenant) for _ in range(3)]
    sign_in_owner(client, owner, clock)
    monkeypatch.setattr(alerts_page, "PAGE_SIZE", 2)
    first = client.get("/app/alerts").text
    second = client.get("/app/alerts?page=2").text
    found = re.findall(r"/app/alerts/sale/([0-9a-f-]+)", first + second)
    assert sorted(set(found)) == sorted(ids)
    assert "page=2" in first and "page=1" in second
    assert uuid.UUID(found[0])
