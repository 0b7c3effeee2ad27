"""The old ``GET /v1/journal/alerts`` keeps a manager to their stores, as ``/v1/alerts`` and the
back office do: a manager of store A does not see store B's journal alert, nor B by its code;
the owner still sees every store's, in the shape the route always answered."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from server_stub import tenancy
from server_stub.core.db import Database
from server_stub.models.web import UserStore
from tests.server.factories import (
    PASSWORD,
    FakeClock,
    Tenant,
    assert_problem,
    bearer,
    login,
    make_tenant,
)
from tests.server.test_journal_api import chain
from tests.server.test_journal_api import push as push_journal


def gap(client: TestClient, tenant: Tenant, till: str) -> str:
    """A journal with entry 2 missing, pushed by ``till``: a ``gap`` alert; its journal id."""
    jid = uuid.uuid4().hex
    entries = chain(jid, 4)
    push_journal(client, tenant.device(till), jid, [entries[0], entries[2]])
    return jid


def manager_of(
    client: TestClient, database: Database, clock: FakeClock, tenant: Tenant, code: str
) -> dict[str, str]:
    email = f"manager-{uuid.uuid4().hex[:8]}@test.local"
    r = client.post(
        "/v1/users",
        json={"email": email, "password": PASSWORD, "role": "manager"},
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    manager_id, secret = r.json()["user_id"], r.json()["totp_secret"]
    with database.write() as session:
        store = tenancy.require_store(session, tenant.org_id, code)
        session.add(UserStore(org_id=tenant.org_id, user_id=manager_id, store_id=store.store_id))
        session.commit()
    return bearer(login(client, email, secret, clock)["access_token"])


def journal_alerts(client: TestClient, headers: dict[str, str], **params: Any) -> Any:
    r = client.get("/v1/journal/alerts", params=params, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_a_manager_of_store_a_does_not_see_store_b_journal_alert(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S02", "T02"))
    )
    on_a, on_b = gap(client, tenant, "T01"), gap(client, tenant, "T02")
    manager = manager_of(client, database, clock, tenant, "S01")

    seen = journal_alerts(client, manager)
    assert [(a["journal_id"], a["store_code"], a["till_code"]) for a in seen] == [
        (on_a, "S01", "T01")
    ]
    assert seen[0]["kind"] == "gap" and seen[0]["seq"] == 3 and seen[0]["detail"]
    assert [a["journal_id"] for a in journal_alerts(client, manager, store="S01")] == [on_a]
    r = client.get("/v1/journal/alerts", params={"store": "S02"}, headers=manager)
    assert_problem(r, 404, "store.not_found")

    everything = journal_alerts(client, tenant.owner)
    assert {(a["journal_id"], a["store_code"]) for a in everything} == {
        (on_a, "S01"),
        (on_b, "S02"),
    }
    assert set(everything[0]) == {
        "journal_id",
        "store_code",
        "till_code",
        "seq",
        "kind",
        "detail",
        "detected_at",
    }
    assert [a["journal_id"] for a in journal_alerts(client, tenant.owner, store="S02")] == [on_b]
    assert len(journal_alerts(client, tenant.owner, limit=1)) == 1
    assert_problem(client.get("/v1/journal/alerts", params={"store": "S99"}, headers=manager), 404)


def test_a_manager_reads_only_their_stores_journal_entries(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S02", "T02"))
    )
    on_a, on_b = gap(client, tenant, "T01"), gap(client, tenant, "T02")
    manager = manager_of(client, database, clock, tenant, "S01")

    r = client.get("/v1/journal/entries", headers=manager)
    assert r.status_code == 200, r.text
    assert {e["journal_id"] for e in r.json()["items"]} == {on_a}
    r = client.get("/v1/journal/entries", params={"store": "S02"}, headers=manager)
    assert_problem(r, 404, "store.not_found")
    r = client.get("/v1/journal/entries", headers=tenant.owner)
    assert {e["journal_id"] for e in r.json()["items"]} == {on_a, on_b}
