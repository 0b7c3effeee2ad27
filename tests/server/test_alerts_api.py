"""Alerts through the owner API: journal alerts, over-refunds and flagged sales, listed and
resolved with a note that says who and when; tenancy and a manager's stores hold."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient

from server_stub import alerts, tenancy
from server_stub.core.db import Database
from server_stub.models.web import UserStore
from tests.server.factories import (
    PASSWORD,
    FakeClock,
    Tenant,
    assert_problem,
    bearer,
    login,
    make_sale,
    make_tenant,
    push,
    simple_sale,
)
from tests.server.test_journal_api import chain
from tests.server.test_journal_api import push as push_journal
from tests.server.test_refunds_api import ITEMS, make_refund, push_refunds


def over_refund(client: TestClient, tenant: Tenant, till: str = "T01") -> str:
    """A sale refunded twice in full: the second refund is kept as an over-refund (the sale
    itself is flagged too: its products are not in the cloud's catalog)."""
    sale = make_sale(ITEMS, till_code=till, store_code=tenant.store_code)
    [ack] = push(client, tenant.device(till), sale.to_json())
    assert ack["status"] == "accepted", ack
    first = make_refund(sale, {1: Decimal(2)}, till_code=till)
    second = make_refund(sale, {1: Decimal(2)}, till_code=till)
    [a] = push_refunds(client, tenant.device(till), first.to_json())
    [b] = push_refunds(client, tenant.device(till), second.to_json())
    assert a["flags"] == [] and b["flags"] == ["over_refund"], (a, b)
    return second.refund_id


def flagged_sale(client: TestClient, tenant: Tenant, till: str = "T01") -> str:
    """A sale whose total the till got wrong: flagged ``totals_mismatch``, stored anyway."""
    doc = simple_sale(till_code=till, store_code=tenant.store_code)
    doc["total"] += 100
    [ack] = push(client, tenant.device(till), doc)
    assert ack["status"] == "accepted" and "totals_mismatch" in ack["flags"], ack
    sale_id: str = doc["sale_id"]
    return sale_id


def journal_gap(client: TestClient, tenant: Tenant) -> None:
    jid = uuid.uuid4().hex
    entries = chain(jid, 4)
    push_journal(client, tenant.device(), jid, [entries[0], entries[2]])


def listed(client: TestClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    r = client.get("/v1/alerts", params=params, headers=headers)
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def test_each_kind_is_listed_open_with_its_store_till_and_reasons(
    client: TestClient, tenant: Tenant
) -> None:
    refund_id = over_refund(client, tenant)
    sale_id = flagged_sale(client, tenant)
    journal_gap(client, tenant)
    items = listed(client, tenant.owner)
    kinds = {(i["kind"], i["store_code"], i["till_code"]) for i in items}
    assert kinds == {("refund", "S01", "T01"), ("sale", "S01", "T01"), ("journal", "S01", "T01")}
    by_id = {i["id"]: i for i in items}
    assert by_id[refund_id]["reasons"] == ["over_refund"]
    assert by_id[refund_id]["details"]["over_refund"]["1"]["this_refund_milli"] == 2000
    assert by_id[sale_id]["reasons"] == ["totals_mismatch", "unknown_product"]
    assert all(i["resolution"] is None for i in items)
    ats = [i["at"] for i in items]
    assert ats == sorted(ats, reverse=True)
    assert [i["id"] for i in listed(client, tenant.owner, kind="refund")] == [refund_id]
    assert sale_id in {i["id"] for i in listed(client, tenant.owner, kind="sale")}
    assert listed(client, tenant.owner, status="resolved") == []
    journal = listed(client, tenant.owner, kind="journal")
    assert [j["reasons"] for j in journal] == [["gap"]]


def test_resolving_with_a_note_records_who_and_when_and_closes_it(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    refund_id = over_refund(client, tenant)
    sale_id = flagged_sale(client, tenant)
    r = client.post(
        f"/v1/alerts/refund/{refund_id}/resolution",
        json={"note": "  Refunded twice by mistake; Siti repaid Rp7.000.  "},
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    resolution = r.json()["resolution"]
    assert resolution["note"] == "Refunded twice by mistake; Siti repaid Rp7.000."
    assert resolution["resolved_by"] == tenant.email
    assert resolution["resolved_at"].startswith(clock().isoformat()[:19])
    assert sale_id in {i["id"] for i in listed(client, tenant.owner)}
    assert refund_id not in {i["id"] for i in listed(client, tenant.owner)}
    resolved = listed(client, tenant.owner, status="resolved")
    assert [(i["id"], i["resolution"]["resolved_by"]) for i in resolved] == [
        (refund_id, tenant.email)
    ]
    assert {refund_id, sale_id} <= {i["id"] for i in listed(client, tenant.owner, status="all")}
    again = client.post(
        f"/v1/alerts/refund/{refund_id}/resolution", json={"note": "again"}, headers=tenant.owner
    )
    assert_problem(again, 409, "alert.resolved")
    r = client.get(f"/v1/alerts/refund/{refund_id}", headers=tenant.owner)
    assert r.json()["resolution"]["note"].startswith("Refunded twice")


def test_a_note_is_required(client: TestClient, tenant: Tenant) -> None:
    sale_id = flagged_sale(client, tenant)
    for body in ({"note": ""}, {"note": "   "}, {}, {"note": "x" * 1001}):
        r = client.post(f"/v1/alerts/sale/{sale_id}/resolution", json=body, headers=tenant.owner)
        assert_problem(r, 422)
    assert [i["id"] for i in listed(client, tenant.owner)] == [sale_id]


def test_another_organizations_alert_is_not_found(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    sale_id = flagged_sale(client, tenant)
    other = make_tenant(client, database, clock, name="Toko Lain")
    assert listed(client, other.owner) == []
    assert_problem(client.get(f"/v1/alerts/sale/{sale_id}", headers=other.owner), 404)
    r = client.post(
        f"/v1/alerts/sale/{sale_id}/resolution", json={"note": "mine now"}, headers=other.owner
    )
    assert_problem(r, 404, "alert.not_found")
    assert_problem(client.get(f"/v1/alerts/refund/{sale_id}", headers=tenant.owner), 404)
    assert_problem(client.get("/v1/alerts", params={"store": "S99"}, headers=tenant.owner), 404)
    assert listed(client, tenant.owner)[0]["resolution"] is None


def test_a_manager_sees_and_resolves_only_their_stores(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S02", "T02"))
    )
    on_s01 = flagged_sale(client, tenant, "T01")
    tenant.store_code = "S02"
    on_s02 = flagged_sale(client, tenant, "T02")
    email = f"manager-{uuid.uuid4().hex[:8]}@test.local"
    r = client.post(
        "/v1/users",
        json={"email": email, "password": PASSWORD, "role": "manager"},
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    manager_id, secret = r.json()["user_id"], r.json()["totp_secret"]
    with database.write() as session:
        s02 = next(s for s in tenancy.list_stores(session, tenant.org_id) if s.code == "S02")
        session.add(UserStore(org_id=tenant.org_id, user_id=manager_id, store_id=s02.store_id))
        session.commit()
    manager = bearer(login(client, email, secret, clock)["access_token"])
    assert [i["id"] for i in listed(client, manager)] == [on_s02]
    assert_problem(client.get("/v1/alerts", params={"store": "S01"}, headers=manager), 404)
    r = client.post(f"/v1/alerts/sale/{on_s01}/resolution", json={"note": "x"}, headers=manager)
    assert_problem(r, 404)
    r = client.post(f"/v1/alerts/sale/{on_s02}/resolution", json={"note": "ok"}, headers=manager)
    assert r.status_code == 201, r.text
    assert r.json()["resolution"]["resolved_by"] == email
    assert {i["id"] for i in listed(client, tenant.owner)} == {on_s01}


def test_pages_of_alerts_do_not_overlap(client: TestClient, tenant: Tenant) -> None:
    ids = {flagged_sale(client, tenant) for _ in range(5)}
    r = client.get("/v1/alerts", params={"limit": 4}, headers=tenant.owner)
    first, cursor = r.json()["items"], r.json()["next_cursor"]
    r = client.get("/v1/alerts", params={"limit": 4, "cursor": cursor}, headers=tenant.owner)
    second = r.json()["items"]
    assert len(first) == 4 and len(second) == 1 and r.json()["next_cursor"] is None
    assert {i["id"] for i in first + second} == ids


def test_count_open_per_kind(client: TestClient, tenant: Tenant, database: Database) -> None:
    over_refund(client, tenant)
    flagged_sale(client, tenant)
    flagged_sale(client, tenant)
    with database.read() as session:
        counts = alerts.count_open(session, alerts.Scope(tenant.org_id))
    assert counts == {"journal": 0, "refund": 1, "sale": 3}
