"""Shift reports in the cloud: idempotent by report id and content, Z numbers unique per till."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from fastapi.testclient import TestClient

from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.shift_report import ShiftReport
from server_stub.core.db import Database
from tests.domain.test_domain_shift_report import CLOSED_SHIFT, x_report, z_report
from tests.server.factories import FakeClock, Tenant, assert_problem, make_tenant, pair_till

COUNT = CashCount.of({"note_100000": 3, "note_10000": 1})


def z_doc(report_id: str = "z-0001", no: int = 12, **overrides: object) -> dict[str, Any]:
    return z_report(COUNT, report_id=report_id, report_no=no, **overrides).to_json()


def x_doc(report_id: str = "x-0001", no: int = 1) -> dict[str, Any]:
    return x_report(report_id=report_id, report_no=no).to_json()


def push(client: TestClient, headers: dict[str, str], *docs: Any) -> list[dict[str, Any]]:
    r = client.post(
        "/v1/sync/shift-reports",
        content=json.dumps({"documents": list(docs)}),
        headers={**headers, "content-type": "application/json"},
    )
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


def statuses(results: list[dict[str, Any]]) -> list[tuple[str | None, str]]:
    return [(r["id"], r["status"]) for r in results]


def listing(client: TestClient, tenant: Tenant, **params: str) -> list[dict[str, Any]]:
    r = client.get("/v1/shift-reports", params=params, headers=tenant.owner)
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def test_push_is_idempotent(client: TestClient, tenant: Tenant) -> None:
    till = tenant.device()
    first = push(client, till, x_doc(), z_doc())
    assert statuses(first) == [("x-0001", "accepted"), ("z-0001", "accepted")]
    assert all(r["flags"] == [] for r in first)
    again = push(client, till, z_doc(), x_doc())
    assert statuses(again) == [("z-0001", "duplicate"), ("x-0001", "duplicate")]
    items = listing(client, tenant)
    assert [(i["kind"], i["report_no"]) for i in items] == [("X", 1), ("Z", 12)]
    z = items[1]
    assert (z["store_code"], z["till_code"], z["pending_sales"]) == ("S01", "T01", 4)
    assert z["business_day"] == "2026-03-02"
    assert ShiftReport.from_json(z["report"]) == ShiftReport.from_json(z_doc())


def test_same_id_other_content_is_a_conflict_and_nothing_is_overwritten(
    client: TestClient, tenant: Tenant
) -> None:
    till = tenant.device()
    push(client, till, z_doc())
    changed = z_doc(note="beda")
    assert statuses(push(client, till, changed)) == [("z-0001", "conflict")]
    [stored] = listing(client, tenant, kind="Z")
    assert stored["report"]["note"] == "kurang 1 koin"


def test_a_used_z_number_is_a_conflict_for_another_report(
    client: TestClient, tenant: Tenant
) -> None:
    till = tenant.device()
    results = push(client, till, z_doc("z-a", 7), z_doc("z-b", 7), z_doc("z-c", 8))
    assert statuses(results) == [("z-a", "accepted"), ("z-b", "conflict"), ("z-c", "accepted")]
    assert "z_number_used" in (results[1]["reason"] or "")
    # X numbers may repeat (they are per shift), and another till has its own Z numbers.
    assert statuses(push(client, till, x_doc("x-a", 1), x_doc("x-b", 1))) == [
        ("x-a", "accepted"),
        ("x-b", "accepted"),
    ]
    pair_till(client, tenant, "S01", "T02")
    other = z_doc("z-t02", 7, shift=replace(CLOSED_SHIFT, till_code="T02"), sales=())
    assert statuses(push(client, tenant.device("T02"), other)) == [("z-t02", "accepted")]
    assert [i["report_id"] for i in listing(client, tenant, till="T02")] == ["z-t02"]


def test_bad_documents_are_rejected_one_by_one(client: TestClient, tenant: Tenant) -> None:
    till = tenant.device()
    negative = z_doc("z-neg", 20)
    negative["count"]["coin_100"] = -1
    floats = x_doc("x-float")
    floats["drawer_opens"] = 1.5
    other_store = z_doc("z-s02", 21, shift=replace(CLOSED_SHIFT, store_code="S02"))
    results = push(client, till, "nonsense", negative, floats, other_store, z_doc("z-ok", 22))
    assert statuses(results) == [
        (None, "rejected"),
        ("z-neg", "rejected"),
        ("x-float", "rejected"),
        ("z-s02", "rejected"),
        ("z-ok", "accepted"),
    ]
    assert "store_mismatch" in (results[3]["reason"] or "")
    assert [i["report_id"] for i in listing(client, tenant)] == ["z-ok"]


def test_doctored_figures_and_another_till_code_are_flagged(
    client: TestClient, tenant: Tenant
) -> None:
    doctored = z_doc("z-doc", 30)
    doctored["cash"]["difference"] = 0
    wrong_till = z_doc("z-till", 31, shift=replace(CLOSED_SHIFT, till_code="T09"), sales=())
    results = push(client, tenant.device(), doctored, wrong_till)
    assert [r["flags"] for r in results] == [["figures_mismatch"], ["till_code_mismatch"]]
    assert [r["flags"] for r in push(client, tenant.device(), doctored)] == [["figures_mismatch"]]
    items = {i["report_id"]: i for i in listing(client, tenant)}
    assert items["z-till"]["till_code"] == "T01"
    assert items["z-doc"]["flags"] == ["figures_mismatch"]


def test_owner_listing_is_scoped_to_the_organization_and_store(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    one = make_tenant(client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"),))
    s01_till = one.device("T01")
    pair_till(client, one, "S02", "T01")
    s02_till = one.device("T01")
    two = make_tenant(client, database, clock)
    assert statuses(push(client, s01_till, z_doc("z-one", 1))) == [("z-one", "accepted")]
    # S02's till has the same till code and Z number: another till, no conflict.
    s02 = z_doc("z-one-s02", 1, shift=replace(CLOSED_SHIFT, store_code="S02"))
    assert statuses(push(client, s02_till, s02)) == [("z-one-s02", "accepted")]
    # A till of S02 cannot file a report for S01.
    assert statuses(push(client, s02_till, z_doc("z-x", 2))) == [("z-x", "rejected")]
    assert statuses(push(client, two.device(), z_doc("z-two", 1))) == [("z-two", "accepted")]
    assert [i["report_id"] for i in listing(client, one, store="S01", day="2026-03-02")] == [
        "z-one"
    ]
    assert [i["report_id"] for i in listing(client, one, store="S02")] == ["z-one-s02"]
    assert listing(client, one, day="2026-03-03") == []
    assert [i["report_id"] for i in listing(client, two)] == ["z-two"]
    # The same report id in another organization is that organization's own report.
    assert statuses(push(client, two.device(), z_doc("z-one", 2))) == [("z-one", "accepted")]
    assert [i["report_id"] for i in listing(client, one, store="S01")] == ["z-one"]
    r = client.get("/v1/shift-reports", params={"store": "S09"}, headers=one.owner)
    assert_problem(r, 404, "store.not_found")
    r = client.get("/v1/shift-reports", params={"store": "S02"}, headers=two.owner)
    assert_problem(r, 404, "store.not_found")
    assert client.get("/v1/shift-reports").status_code == 401


def test_batch_limit(client: TestClient, tenant: Tenant) -> None:
    r = client.post(
        "/v1/sync/shift-reports",
        json={"documents": [x_doc(f"x-{i}") for i in range(1001)]},
        headers=tenant.device(),
    )
    assert_problem(r, 413, "sync.batch_too_large")
