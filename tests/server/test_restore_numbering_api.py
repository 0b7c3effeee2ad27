"""The cloud's side of a restored till: duplicate receipt numbers flagged, the till's numbering
marks served, and a journal continued under a new id accepted as a new chain."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from pos_desktop.domain.journal import JournalKind, genesis_hash, make_entry
from server_stub.ingest import FLAG_DUPLICATE_RECEIPT
from tests.server.factories import Tenant, pair_till, push, simple_sale
from tests.server.test_journal_api import alerts, chain
from tests.server.test_journal_api import push as push_journal

AT = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def _detail(client: TestClient, tenant: Tenant, sale_id: str) -> dict[str, Any]:
    r = client.get(f"/v1/sales/{sale_id}", headers=tenant.owner)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_a_second_sale_with_a_stored_receipt_number_is_flagged_with_the_other(
    client: TestClient, tenant: Tenant
) -> None:
    first = simple_sale(receipt_no="S01-T01-000005")
    second = simple_sale(receipt_no="S01-T01-000005")
    [ack1] = push(client, tenant.device(), first)
    assert FLAG_DUPLICATE_RECEIPT not in ack1["flags"]
    [ack2] = push(client, tenant.device(), second)
    assert ack2["status"] == "accepted"
    assert FLAG_DUPLICATE_RECEIPT in ack2["flags"]
    detail = _detail(client, tenant, second["sale_id"])
    assert FLAG_DUPLICATE_RECEIPT in detail["flags"]
    assert detail["flag_details"][FLAG_DUPLICATE_RECEIPT] == {"other_sale_id": first["sale_id"]}
    assert FLAG_DUPLICATE_RECEIPT not in _detail(client, tenant, first["sale_id"])["flags"]
    # The list shows it like any other flag.
    r = client.get("/v1/sales", headers=tenant.owner)
    listed = {s["sale_id"]: s["flags"] for s in r.json()["items"]}
    assert FLAG_DUPLICATE_RECEIPT in listed[second["sale_id"]]
    # Resending either one is still a plain duplicate: nothing new is flagged or stored.
    again = push(client, tenant.device(), first, second)
    assert [a["status"] for a in again] == ["duplicate", "duplicate"]
    assert FLAG_DUPLICATE_RECEIPT not in again[0]["flags"]


def test_a_duplicate_inside_one_batch_is_flagged(client: TestClient, tenant: Tenant) -> None:
    a = simple_sale(receipt_no="S01-T01-000007")
    b = simple_sale(receipt_no="S01-T01-000007")
    c = simple_sale(receipt_no="S01-T01-000008")
    acks = push(client, tenant.device(), a, b, c)
    assert [FLAG_DUPLICATE_RECEIPT in x["flags"] for x in acks] == [False, True, False]
    assert _detail(client, tenant, b["sale_id"])["flag_details"][FLAG_DUPLICATE_RECEIPT] == {
        "other_sale_id": a["sale_id"]
    }


def test_the_same_number_on_another_till_is_not_a_duplicate(
    client: TestClient, tenant: Tenant
) -> None:
    pair_till(client, tenant, "S01", "T02")
    [one] = push(client, tenant.device("T01"), simple_sale(receipt_no="S01-T01-000009"))
    [two] = push(
        client, tenant.device("T02"), simple_sale(till_code="T02", receipt_no="S01-T01-000009")
    )
    assert FLAG_DUPLICATE_RECEIPT not in one["flags"]
    assert FLAG_DUPLICATE_RECEIPT not in two["flags"]


def test_the_till_reads_its_last_receipt_number_and_journal_sequence(
    client: TestClient, tenant: Tenant
) -> None:
    r = client.get("/v1/devices/me/counters", headers=tenant.device())
    assert r.status_code == 200, r.text
    assert r.json() == {"till_code": "T01", "last_receipt_no": None, "last_journal_seq": None}
    numbers = ["S01-T01-000009", "S01-T01-000010", "S01-T01-B-000002", "S01-T01-R000050"]
    push(client, tenant.device(), *(simple_sale(receipt_no=n) for n in numbers))
    jid = uuid.uuid4().hex
    push_journal(client, tenant.device(), jid, chain(jid, 12))
    pair_till(client, tenant, "S01", "T02")
    push(client, tenant.device("T02"), simple_sale(till_code="T02", receipt_no="S01-T02-000999"))
    r = client.get("/v1/devices/me/counters", headers=tenant.device())
    assert r.json() == {
        "till_code": "T01",
        "last_receipt_no": "S01-T01-B-000002",
        "last_journal_seq": 12,
    }
    assert client.get("/v1/devices/me/counters", headers=tenant.owner).status_code == 401


def test_a_journal_continued_after_a_restore_is_a_new_chain_not_a_conflict(
    client: TestClient, tenant: Tenant
) -> None:
    old = uuid.uuid4().hex
    entries = chain(old, 10)
    push_journal(client, tenant.device(), old, entries)
    # The till was restored to a backup holding entries 1..6; the cloud has 10. It resends
    # what it has (duplicates) and continues under a new id after the cloud's 10.
    new = uuid.uuid4().hex
    opening = make_entry(
        journal_id=new,
        seq=11,
        kind=JournalKind.RESTORE,
        at=AT,
        actor="system",
        approver=None,
        data={"journal_id": new, "previous_journal_id": old, "previous_seq": 6},
        prev_hash=genesis_hash(new),
    )
    after = chain(new, 3, start=12, prev=opening.hash)
    resent = push_journal(client, tenant.device(), old, entries[3:6])
    assert [a["status"] for a in resent] == ["duplicate"] * 3
    answers = push_journal(client, tenant.device(), new, [opening, *after])
    assert [(a["status"], a["flags"]) for a in answers] == [("accepted", [])] * 4
    assert alerts(client, tenant) == []
    # Only the entry that opens a journal may start past 1: a journal that starts at 11
    # with anything else is a gap.
    other = uuid.uuid4().hex
    stray = chain(other, 1, start=11)
    [gap] = push_journal(client, tenant.device(), other, stray)
    assert gap["flags"] == ["gap"]
    assert [a["kind"] for a in alerts(client, tenant)] == ["gap"]
