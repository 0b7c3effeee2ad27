"""POST /v1/sync/refunds, GET /v1/sync/sales/lookup and GET /v1/refunds."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.refund import RefundRecord, build_refund
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.services.refunds import CloudUnavailable
from pos_desktop.sync.client import CloudClient
from pos_desktop.sync.lookup import cloud_lookup, lookup_sale
from server_stub.core.db import Database
from server_stub.models import RefundRow, StockMovement, Store
from server_stub.refunds import ingest_refunds
from server_stub.submitter import Submitter
from tests.server.factories import (
    WIB,
    FakeClock,
    Item,
    Tenant,
    assert_problem,
    make_sale,
    make_tenant,
    push,
)

ITEMS = (
    Item("P-1", "IND-001", "Indomie Goreng", 3500, "2"),
    Item("P-3", "BER-KG", "Beras", 14_000, "1.250", sold_by_weight=True),
)


def make_refund(
    sale: SaleRecord,
    requested: dict[int, Decimal],
    *,
    till_code: str = "T01",
    earlier: tuple[RefundRecord, ...] = (),
    store_code: str = "S01",
) -> RefundRecord:
    return build_refund(
        sale,
        requested,
        earlier,
        False,
        refund_id=str(uuid.uuid4()),
        refund_no=f"{store_code}-{till_code}-R{uuid.uuid4().int % 10**6:06d}",
        store_code=store_code,
        till_code=till_code,
        refunded_at=datetime.now(WIB),
        cashier_code="K01",
        cashier_name="Siti",
        reason="damaged",
        approver_code="M01",
        approver_name="Bu Manajer",
        rounding_step=100,
    )


def push_refunds(
    client: TestClient, headers: dict[str, str], *documents: Any
) -> list[dict[str, Any]]:
    r = client.post(
        "/v1/sync/refunds",
        content=json.dumps({"documents": list(documents)}),
        headers={**headers, "content-type": "application/json"},
    )
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


def _sold(client: TestClient, tenant: Tenant, till: str = "T01", **kw: Any) -> SaleRecord:
    sale = make_sale(ITEMS, till_code=till, **kw)
    [ack] = push(client, tenant.device(till), sale.to_json())
    assert ack["status"] == "accepted", ack
    return sale


def _refund_movements(database: Database, org_id: str) -> list[tuple[str, int]]:
    with database.read() as session:
        rows = session.execute(
            select(StockMovement.product_id, StockMovement.qty_milli)
            .where(StockMovement.org_id == org_id, StockMovement.reason == "refund")
            .order_by(StockMovement.product_id, StockMovement.qty_milli)
        ).all()
    return [(str(p), int(q)) for p, q in rows]


def test_a_refund_is_stored_puts_stock_back_and_shows_in_the_lookup(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sale = _sold(client, tenant)
    refund = make_refund(sale, {1: Decimal(1), 2: Decimal("0.250")})
    [ack] = push_refunds(client, tenant.device(), refund.to_json())
    assert ack == {"id": refund.refund_id, "status": "accepted", "reason": None, "flags": []}
    assert _refund_movements(database, tenant.org_id) == [("P-1", 1000), ("P-3", 250)]
    r = client.get(
        "/v1/sync/sales/lookup", params={"receipt_no": sale.receipt_no}, headers=tenant.device()
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert SaleRecord.from_json(body["sale"]) == sale
    assert [RefundRecord.from_json(d) for d in body["refunds"]] == [refund]


def test_resending_is_a_duplicate_and_other_content_a_conflict(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sale = _sold(client, tenant)
    doc = make_refund(sale, {1: Decimal(1)}).to_json()
    [first] = push_refunds(client, tenant.device(), doc)
    [again, same_batch] = push_refunds(client, tenant.device(), doc, doc)
    assert first["status"] == "accepted"
    assert again["status"] == same_batch["status"] == "duplicate"
    changed = {**doc, "total": doc["total"] + 1}
    [conflict] = push_refunds(client, tenant.device(), changed)
    assert conflict["status"] == "conflict"
    assert _refund_movements(database, tenant.org_id) == [("P-1", 1000)]


def test_two_tills_over_refunding_offline_are_both_kept_and_the_second_flagged(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(client, database, clock, tills=(("S01", "T01"), ("S01", "T02")))
    sale = _sold(client, tenant)
    # Both tills saw no earlier refund: each returns both packs of Indomie.
    on_t01 = make_refund(sale, {1: Decimal(2)}, till_code="T01")
    on_t02 = make_refund(sale, {1: Decimal(2)}, till_code="T02")
    [a] = push_refunds(client, tenant.device("T01"), on_t01.to_json())
    [b] = push_refunds(client, tenant.device("T02"), on_t02.to_json())
    assert a["status"] == "accepted" and a["flags"] == []
    assert b["status"] == "accepted" and b["flags"] == ["over_refund"]
    assert _refund_movements(database, tenant.org_id) == [("P-1", 2000)]
    with database.read() as session:
        rows = {
            r.refund_id: r
            for r in session.execute(
                select(RefundRow).where(RefundRow.org_id == tenant.org_id)
            ).scalars()
        }
    assert rows[on_t01.refund_id].counted is True
    assert rows[on_t02.refund_id].counted is False
    assert rows[on_t02.refund_id].flag_details["over_refund"] == {
        "1": {"sold_milli": 2000, "already_refunded_milli": 2000, "this_refund_milli": 2000}
    }
    r = client.get("/v1/refunds", params={"flagged": "true"}, headers=tenant.owner)
    assert r.status_code == 200, r.text
    assert [i["refund_id"] for i in r.json()["items"]] == [on_t02.refund_id]
    r = client.get("/v1/refunds", params={"store": "S01"}, headers=tenant.owner)
    assert {i["refund_id"] for i in r.json()["items"]} == {on_t01.refund_id, on_t02.refund_id}
    # The lookup only answers the counted refund, so a third till sees nothing left.
    r = client.get(
        "/v1/sync/sales/lookup", params={"receipt_no": sale.receipt_no}, headers=tenant.device()
    )
    assert [d["refund_id"] for d in r.json()["refunds"]] == [on_t01.refund_id]


def test_partial_refunds_within_what_was_sold_all_count(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sale = _sold(client, tenant)
    first = make_refund(sale, {1: Decimal(1)})
    second = make_refund(sale, {1: Decimal(1)}, earlier=(first,))
    acks = push_refunds(client, tenant.device(), first.to_json(), second.to_json())
    assert [a["flags"] for a in acks] == [[], []]
    assert _refund_movements(database, tenant.org_id) == [("P-1", 1000), ("P-1", 1000)]


def test_a_sale_of_another_store_is_rejected_and_nothing_stored(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S02", "T09"))
    )
    theirs = _sold(client, tenant, till="T09", store_code="S02")
    # A till of S01 sends a refund of S02's sale, once claiming it is S01's and once honestly.
    disguised = make_refund(theirs, {1: Decimal(1)}, store_code="S02").to_json()
    disguised.update(store_code="S01", original_store_code="S01")
    honest = make_refund(theirs, {1: Decimal(1)}, store_code="S02").to_json()
    honest["store_code"] = "S01"
    a, b = push_refunds(client, tenant.device("T01"), disguised, honest)
    assert a["status"] == b["status"] == "rejected"
    assert "another store" in a["reason"] and "other_store" in b["reason"]
    assert _refund_movements(database, tenant.org_id) == []
    r = client.get(
        "/v1/sync/sales/lookup", params={"receipt_no": theirs.receipt_no}, headers=tenant.device()
    )
    assert_problem(r, 409, "refund.other_store")


def test_another_organizations_sale_is_never_touched(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    other = make_tenant(client, database, clock, name="Toko Lain")
    theirs = _sold(client, other)
    [ack] = push_refunds(client, tenant.device(), make_refund(theirs, {1: Decimal(1)}).to_json())
    # Unknown in this organization: kept and flagged, never applied to the other one.
    assert ack["status"] == "accepted" and ack["flags"] == ["unknown_original"]
    assert _refund_movements(database, other.org_id) == []
    r = client.get(
        "/v1/sync/sales/lookup", params={"receipt_no": theirs.receipt_no}, headers=tenant.device()
    )
    assert_problem(r, 404, "sale.not_found")
    r = client.get(
        "/v1/sync/sales/lookup", params={"receipt_no": theirs.receipt_no}, headers=other.device()
    )
    assert r.json()["refunds"] == []


def test_unknown_original_is_stored_flagged_and_counted(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sale = make_sale(ITEMS)  # never pushed
    [ack] = push_refunds(client, tenant.device(), make_refund(sale, {1: Decimal(2)}).to_json())
    assert ack["status"] == "accepted" and ack["flags"] == ["unknown_original"]
    assert _refund_movements(database, tenant.org_id) == [("P-1", 2000)]


def test_one_bad_document_does_not_block_the_others(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sale = _sold(client, tenant)
    good = make_refund(sale, {1: Decimal(1)}).to_json()
    no_lines = {**make_refund(sale, {1: Decimal(1)}).to_json(), "lines": []}
    acks = push_refunds(client, tenant.device(), "nonsense", no_lines, {"refund_id": "x"}, good)
    assert [a["status"] for a in acks] == ["rejected", "rejected", "rejected", "accepted"]
    assert acks[1]["id"] == no_lines["refund_id"] and acks[2]["id"] == "x"


def test_a_batch_over_the_limit_is_413_and_stores_nothing(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sale = _sold(client, tenant)
    good = make_refund(sale, {1: Decimal(1)}).to_json()
    r = client.post("/v1/sync/refunds", json={"documents": [good] * 501}, headers=tenant.device())
    body = assert_problem(r, 413, "sync.batch_too_large")
    assert body["max_batch"] == 500
    assert _refund_movements(database, tenant.org_id) == []


def test_lookup_needs_a_device_and_answers_404_for_unknown(
    client: TestClient, tenant: Tenant
) -> None:
    r = client.get("/v1/sync/sales/lookup", params={"receipt_no": "S01-T01-999999"})
    assert_problem(r, 401)
    r = client.get(
        "/v1/sync/sales/lookup", params={"receipt_no": "S01-T01-999999"}, headers=tenant.device()
    )
    assert_problem(r, 404, "sale.not_found")


def test_the_tills_lookup_call_against_the_server(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S02", "T09"))
    )
    sale = _sold(client, tenant)
    theirs = _sold(client, tenant, till="T09", store_code="S02")
    refund = make_refund(sale, {1: Decimal(1)})
    push_refunds(client, tenant.device(), refund.to_json())
    token = tenant.device()["Authorization"].removeprefix("Bearer ")
    cloud = CloudClient("http://127.0.0.1", token=token, transport=client._transport)
    found = lookup_sale(cloud, sale.receipt_no)
    assert found is not None and found.sale == sale and found.refunds == (refund,)
    assert lookup_sale(cloud, "S01-T01-424242") is None
    with pytest.raises(UserError) as exc:
        lookup_sale(cloud, theirs.receipt_no)
    assert exc.value.code == "refund.other_store"
    unpaired = CloudClient("http://127.0.0.1", token="x.y", transport=client._transport)
    with pytest.raises(CloudUnavailable):
        cloud_lookup(lambda: unpaired)(sale.receipt_no)
    with pytest.raises(CloudUnavailable):
        cloud_lookup(lambda: None)(sale.receipt_no)
    assert cloud_lookup(lambda: cloud)(sale.receipt_no) == found


def test_two_tills_racing_on_one_sale_never_both_count(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    """Both batches in flight at once: the sale row lock (PostgreSQL) or the single writer
    (SQLite) makes the second see the first, so exactly one is counted."""
    tenant = make_tenant(client, database, clock, tills=(("S01", "T01"), ("S01", "T02")))
    sale = _sold(client, tenant)
    refunds = {t: make_refund(sale, {1: Decimal(2)}, till_code=t) for t in ("T01", "T02")}
    with database.read() as session:
        store = session.execute(
            select(Store).where(Store.org_id == tenant.org_id, Store.code == "S01")
        ).scalar_one()
    barrier = threading.Barrier(2)
    acks: dict[str, list[Any]] = {}

    def send(till: str) -> None:
        submitter = Submitter(tenant.org_id, tenant.device_ids[till], store, till)
        barrier.wait(10)
        with database.write() as session:
            acks[till] = ingest_refunds(
                session, submitter, [refunds[till].to_json()], received_at=clock()
            )

    threads = [threading.Thread(target=send, args=(t,)) for t in ("T01", "T02")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    flags = sorted(tuple(a[0].flags) for a in acks.values())
    assert flags == [(), ("over_refund",)]
    assert _refund_movements(database, tenant.org_id) == [("P-1", 2000)]
