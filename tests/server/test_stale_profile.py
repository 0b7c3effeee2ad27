"""The cloud flags a sale rung under a store profile the owner had already replaced."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from pos_desktop.domain.tax import PPN_STANDARD
from server_stub.core.db import Database
from tests.server.factories import WIB, FakeClock, Item, Tenant, add_product, make_sale, push

AQUA = Item("P-2", "AQU-600", "Aqua 600 ml", 10_000, "1", PPN_STANDARD)


@pytest.fixture(autouse=True)
def aqua(client: TestClient, tenant: Tenant) -> None:
    add_product(client, tenant, id=AQUA.product_id, sku=AQUA.sku, price=AQUA.price, tax_code="PPN")


def sale(
    sold_at: datetime, version: int | None, *, ppn: bool = False, step: int = 100
) -> dict[str, Any]:
    document = make_sale(
        [AQUA], sold_at=sold_at.astimezone(WIB), ppn_enabled=ppn, rounding_step=step
    ).to_json()
    if version is not None:
        document["profile_version"] = version
    return document


def detail(client: TestClient, tenant: Tenant, document: dict[str, Any]) -> dict[str, Any]:
    r = client.get(f"/v1/sales/{document['sale_id']}", headers=tenant.owner)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


@contextmanager
def statements(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", note)


def test_a_sale_under_a_superseded_version_is_flagged_with_both_versions(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    created = clock()
    clock.advance(200)
    changed = clock()
    r = client.patch("/v1/stores/S01", json={"phone": "022-1234567"}, headers=tenant.owner)
    assert r.json()["profile_version"] == 2
    clock.advance(200)

    before_change = sale(created + timedelta(seconds=100), 1)
    stale = sale(changed + timedelta(seconds=60), 1)
    at_the_change = sale(changed, 1)
    older_till = sale(changed + timedelta(seconds=60), None)
    current = sale(changed + timedelta(seconds=60), 2)
    acks = push(client, tenant.device(), before_change, stale, at_the_change, older_till, current)

    assert [a["status"] for a in acks] == ["accepted"] * 5
    assert [a["flags"] for a in acks] == [[], ["stale_profile"], ["stale_profile"], [], []]
    body = detail(client, tenant, stale)
    assert body["flags"] == ["stale_profile"]
    assert body["flag_details"]["stale_profile"] == {
        "rung_under": 1,
        "current": 2,
        "current_since": changed.isoformat(),
    }
    assert body["sale"]["profile_version"] == 1
    listed = client.get("/v1/sales", headers=tenant.owner).json()["items"]
    flags = {item["sale_id"]: item["flags"] for item in listed}
    assert flags[stale["sale_id"]] == ["stale_profile"]
    assert flags[before_change["sale_id"]] == []
    # Sent again: the same answer, the flag as stored.
    assert push(client, tenant.device(), stale)[0] == {**acks[1], "status": "duplicate"}


def test_the_newest_version_in_force_is_named(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    for phone in ("1", "2", "3"):
        clock.advance(60)
        client.patch("/v1/stores/S01", json={"phone": phone}, headers=tenant.owner)
    third = clock()  # version 4 made now
    clock.advance(60)
    acks = push(client, tenant.device(), late := sale(third - timedelta(seconds=30), 2))
    assert acks[0]["flags"] == ["stale_profile"]
    assert detail(client, tenant, late)["flag_details"]["stale_profile"]["current"] == 3


def test_totals_are_checked_against_the_version_the_sale_names(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    """A sale rung before the owner switched PPN on and rounding to Rp1.000 is right as it is:
    recomputing it under the new rules would call it a totals mismatch."""
    created = clock()
    clock.advance(200)
    client.patch(
        "/v1/stores/S01",
        json={"npwp": "012345678901000", "ppn_enabled": True, "rounding_step": 1000},
        headers=tenant.owner,
    )
    old_rules = sale(created + timedelta(seconds=60), 1)
    new_rules = sale(clock(), 2, ppn=True, step=1000)
    wrong_claim = sale(clock(), 2)  # says version 2 but rung without PPN
    acks = push(client, tenant.device(), old_rules, new_rules, wrong_claim)
    assert [a["flags"] for a in acks] == [[], [], ["totals_mismatch"]]


def test_versions_are_read_once_per_batch_and_not_for_older_tills(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    client.patch("/v1/stores/S01", json={"phone": "022"}, headers=tenant.owner)
    now = clock()
    with statements(database) as seen:
        acks = push(client, tenant.device(), *[sale(now, 2) for _ in range(20)])
    assert [a["status"] for a in acks] == ["accepted"] * 20
    assert sum("store_profile_versions" in s for s in seen) == 1
    with statements(database) as seen:
        push(client, tenant.device(), *[sale(now, None) for _ in range(5)])
    assert not any("store_profile_versions" in s for s in seen)


def test_a_version_must_be_a_positive_integer(client: TestClient, tenant: Tenant) -> None:
    bad = [sale(datetime.now(WIB), v) for v in (0, -1)]
    bad.append({**sale(datetime.now(WIB), None), "profile_version": "2"})
    bad.append({**sale(datetime.now(WIB), None), "profile_version": True})
    acks = push(client, tenant.device(), *bad)
    assert [a["status"] for a in acks] == ["rejected"] * 4
    assert all("profile_version" in a["reason"] for a in acks)
