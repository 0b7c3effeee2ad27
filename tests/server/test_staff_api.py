"""Staff in the cloud: the owner API, the feed that carries PIN verifiers to the tills of the
member's stores only, and PIN changes made at a till. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher, Type
from argon2.exceptions import VerificationError
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.core.db import Database
from server_stub.models import StaffMember
from tests.server.factories import (
    FakeClock,
    Tenant,
    add_product,
    assert_problem,
    bearer,
    login,
    make_tenant,
)

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def _create(client: TestClient, tenant: Tenant, **fields: Any) -> dict[str, Any]:
    body = {"name": "Siti", "role": "cashier", "stores": ["S01"], "pin": "1111", **fields}
    r = client.post("/v1/staff", json=body, headers=tenant.owner)
    assert r.status_code == 201, r.text
    member: dict[str, Any] = r.json()
    return member


def _pull(client: TestClient, headers: dict[str, str], cursor: str | None = None) -> dict[str, Any]:
    params = {"cursor": cursor} if cursor else {}
    r = client.get("/v1/sync/catalog", params=params, headers=headers)
    assert r.status_code == 200, r.text
    page: dict[str, Any] = r.json()
    return page


def _pull_all(
    client: TestClient, headers: dict[str, str], cursor: str | None = None
) -> tuple[list[dict[str, Any]], str]:
    staff: list[dict[str, Any]] = []
    while True:
        page = _pull(client, headers, cursor)
        staff.extend(page["staff"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return staff, cursor


def _chosen_fields(body: Any) -> str:
    """An owner-API answer's text without the fields filled by a random id or the clock, where
    four digits such as a PIN's turn up by chance (in about 1 of 300 runs for these answers)."""
    members = body if isinstance(body, list) else [body]
    random = ("id", "pin_set_at", "created_at", "updated_at")
    return json.dumps([{k: v for k, v in m.items() if k not in random} for m in members])


def _matches(verifier: str | None, pin: str) -> bool:
    assert verifier is not None
    try:
        return CHEAP.verify(verifier, pin)
    except VerificationError:
        return False


@pytest.fixture
def shop(client: TestClient, database: Database, clock: FakeClock) -> Tenant:
    """Two stores, one till in each."""
    return make_tenant(
        client,
        database,
        clock,
        stores=("S01", "S02"),
        tills=(("S01", "T01"), ("S02", "T01b")),
    )


# -- the owner API ------------------------------------------------------------------------------


def test_create_list_get_edit_deactivate_and_reset(client: TestClient, shop: Tenant) -> None:
    siti = _create(client, shop)
    assert siti["name"] == "Siti" and siti["role"] == "cashier" and siti["active"]
    assert siti["stores"] == ["S01"]
    budi = _create(client, shop, name="Budi", stores=["S02", "S01"], pin="2222")
    assert budi["stores"] == ["S01", "S02"]

    everyone = client.get("/v1/staff", headers=shop.owner).json()["items"]
    assert [m["name"] for m in everyone] == ["Budi", "Siti"]
    in_s02 = client.get("/v1/staff", params={"store": "S02"}, headers=shop.owner).json()["items"]
    assert [m["id"] for m in in_s02] == [budi["id"]]
    assert client.get(f"/v1/staff/{siti['id']}", headers=shop.owner).json() == siti

    r = client.patch(
        f"/v1/staff/{siti['id']}",
        json={"name": "Siti Aminah", "role": "supervisor", "stores": ["S02"]},
        headers=shop.owner,
    )
    assert r.status_code == 200, r.text
    assert (r.json()["name"], r.json()["role"], r.json()["stores"]) == (
        "Siti Aminah",
        "supervisor",
        ["S02"],
    )

    r = client.post(f"/v1/staff/{siti['id']}/deactivate", headers=shop.owner)
    assert r.status_code == 200 and r.json()["active"] is False
    r = client.patch(f"/v1/staff/{siti['id']}", json={"active": True}, headers=shop.owner)
    assert r.json()["active"] is True

    before = r.json()["pin_set_at"]
    r = client.put(f"/v1/staff/{siti['id']}/pin", json={"pin": "482193"}, headers=shop.owner)
    assert r.status_code == 200, r.text
    assert r.json()["pin_set_at"] >= before


@pytest.mark.parametrize(
    "pin", ["12a4", "123", "1234567", "", " 1234", "12 34", "١٢٣٤", "１２３４", 1234, None]
)
def test_a_pin_that_is_not_4_to_6_digits_is_422(
    client: TestClient, shop: Tenant, pin: object
) -> None:
    body = {"name": "Siti", "role": "cashier", "stores": ["S01"], "pin": pin}
    assert_problem(client.post("/v1/staff", json=body, headers=shop.owner), 422)
    member = _create(client, shop)
    assert_problem(
        client.put(f"/v1/staff/{member['id']}/pin", json={"pin": pin}, headers=shop.owner), 422
    )


def test_bad_role_unknown_store_and_null_fields_are_422(client: TestClient, shop: Tenant) -> None:
    base = {"name": "Siti", "stores": ["S01"], "pin": "1111"}
    for body in (
        {**base, "role": "owner"},
        {**base, "stores": []},
        {**base, "name": ""},
        {**base, "extra": 1},
    ):
        assert_problem(client.post("/v1/staff", json=body, headers=shop.owner), 422)
    assert_problem(
        client.post("/v1/staff", json={**base, "stores": ["S09"]}, headers=shop.owner),
        422,
        "staff.unknown_store",
    )
    member = _create(client, shop)
    assert_problem(
        client.patch(f"/v1/staff/{member['id']}", json={"name": None}, headers=shop.owner),
        422,
        "staff.null_field",
    )
    assert_problem(
        client.get("/v1/staff", params={"store": "S09"}, headers=shop.owner),
        422,
        "staff.unknown_store",
    )


def test_a_member_of_another_organization_is_404(
    client: TestClient, shop: Tenant, database: Database, clock: FakeClock
) -> None:
    other = make_tenant(client, database, clock, name="Toko Lain", tills=())
    theirs = _create(client, other)
    for method, path, body in (
        ("GET", f"/v1/staff/{theirs['id']}", None),
        ("PATCH", f"/v1/staff/{theirs['id']}", {"name": "X"}),
        ("POST", f"/v1/staff/{theirs['id']}/deactivate", None),
        ("PUT", f"/v1/staff/{theirs['id']}/pin", {"pin": "1234"}),
        ("GET", f"/v1/staff/{uuid.uuid4().hex}", None),
    ):
        r = client.request(method, path, json=body, headers=shop.owner)
        assert_problem(r, 404, "staff.not_found")
    assert client.get(f"/v1/staff/{theirs['id']}", headers=other.owner).json()["active"]
    assert client.get("/v1/staff", headers=shop.owner).json()["items"] == []


def test_no_answer_holds_a_pin_or_verifier_and_shared_pins_are_not_revealed(
    client: TestClient, shop: Tenant, database: Database
) -> None:
    first = client.post(
        "/v1/staff",
        json={"name": "Siti", "role": "cashier", "stores": ["S01"], "pin": "7391"},
        headers=shop.owner,
    )
    second = client.post(
        "/v1/staff",
        json={"name": "Budi", "role": "cashier", "stores": ["S01"], "pin": "7391"},
        headers=shop.owner,
    )
    assert first.status_code == second.status_code == 201
    assert set(first.json()) == set(second.json())
    answers = [
        first,
        second,
        client.get("/v1/staff", headers=shop.owner),
        client.get(f"/v1/staff/{first.json()['id']}", headers=shop.owner),
        client.patch(f"/v1/staff/{second.json()['id']}", json={"name": "B"}, headers=shop.owner),
        client.put(
            f"/v1/staff/{second.json()['id']}/pin", json={"pin": "7391"}, headers=shop.owner
        ),
        client.post(f"/v1/staff/{second.json()['id']}/deactivate", headers=shop.owner),
    ]
    for answer in answers:
        assert answer.status_code in (200, 201), answer.text
        assert "argon2" not in answer.text and "pin_verifier" not in answer.text
        assert "7391" not in _chosen_fields(answer.json())
    with database.read() as session:
        verifiers = list(
            session.execute(
                select(StaffMember.pin_verifier).where(StaffMember.org_id == shop.org_id)
            ).scalars()
        )
    assert len(verifiers) == 2 and len(set(verifiers)) == 2  # salted: equal PINs, unequal hashes
    assert all(v.startswith("$argon2id$") and _matches(v, "7391") for v in verifiers)


def test_a_manager_manages_staff_and_a_till_cannot(
    client: TestClient, shop: Tenant, clock: FakeClock
) -> None:
    r = client.post(
        "/v1/users",
        json={"email": f"m-{uuid.uuid4().hex[:8]}@test.local", "password": "correct horse battery"},
        headers=shop.owner,
    )
    assert r.status_code == 201, r.text
    tokens = login(client, r.json()["email"], r.json()["totp_secret"], clock)
    manager = bearer(tokens["access_token"])
    r = client.post(
        "/v1/staff",
        json={"name": "Ani", "role": "manager", "stores": ["S01"], "pin": "9999"},
        headers=manager,
    )
    assert r.status_code == 201, r.text
    assert_problem(client.get("/v1/staff", headers=shop.device("T01")), 401)
    assert_problem(client.get("/v1/staff"), 401)


# -- the feed -----------------------------------------------------------------------------------


def test_the_feed_sends_a_verifier_only_to_the_members_stores(
    client: TestClient, shop: Tenant
) -> None:
    siti = _create(client, shop, pin="1111")
    dewi = _create(client, shop, name="Dewi", role="supervisor", stores=["S02"], pin="5555")

    s01, cursor01 = _pull_all(client, shop.device("T01"))
    assert [(m["id"], m["active"]) for m in s01] == [(siti["id"], True)]
    assert _matches(s01[0]["pin_verifier"], "1111")
    assert (s01[0]["name"], s01[0]["role"]) == ("Siti", "cashier")
    s02, cursor02 = _pull_all(client, shop.device("T01b"))
    assert [(m["id"], m["role"]) for m in s02] == [(dewi["id"], "supervisor")]
    assert _matches(s02[0]["pin_verifier"], "5555")

    # Dewi starts working in S01 too, Siti moves to S02 only.
    client.patch(f"/v1/staff/{dewi['id']}", json={"stores": ["S01", "S02"]}, headers=shop.owner)
    client.patch(f"/v1/staff/{siti['id']}", json={"stores": ["S02"]}, headers=shop.owner)
    changes, cursor01 = _pull_all(client, shop.device("T01"), cursor01)
    by_id = {m["id"]: m for m in changes}
    assert by_id[dewi["id"]]["active"] and _matches(by_id[dewi["id"]]["pin_verifier"], "5555")
    assert by_id[siti["id"]]["active"] is False
    assert by_id[siti["id"]]["pin_verifier"] is None  # no longer works here: no verifier

    # Deactivated: every till sees it inactive, with no verifier.
    client.post(f"/v1/staff/{dewi['id']}/deactivate", headers=shop.owner)
    for headers, cursor in ((shop.device("T01"), cursor01), (shop.device("T01b"), cursor02)):
        changes, _ = _pull_all(client, headers, cursor)
        dewi_now = next(m for m in changes if m["id"] == dewi["id"])
        assert dewi_now["active"] is False and dewi_now["pin_verifier"] is None


def test_staff_share_the_catalog_cursor_in_sequence_order(client: TestClient, shop: Tenant) -> None:
    _, cursor = _pull_all(client, shop.device("T01"))
    add_product(client, shop, name="Sebelum")
    siti = _create(client, shop)
    add_product(client, shop, name="Sesudah")
    client.put(f"/v1/staff/{siti['id']}/pin", json={"pin": "2468"}, headers=shop.owner)

    pages = []
    while True:
        r = client.get(
            "/v1/sync/catalog", params={"cursor": cursor, "limit": 1}, headers=shop.device("T01")
        )
        page = r.json()
        pages.append(page)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    kinds = []
    for page in pages:
        kinds += [("p", p["name"]) for p in page["products"]]
        kinds += [("s", m["id"]) for m in page["staff"]]
    # Siti's creation was overwritten by the PIN reset (one row, its newest seq), so she comes
    # once, after both products, with the new PIN.
    assert kinds == [("p", "Sebelum"), ("p", "Sesudah"), ("s", siti["id"])]
    assert _matches(pages[-1]["staff"][0]["pin_verifier"], "2468")
    assert _pull(client, shop.device("T01"), cursor)["staff"] == []


def test_a_full_pull_leaves_out_other_stores_and_inactive_staff(
    client: TestClient, shop: Tenant
) -> None:
    _create(client, shop, name="Budi", stores=["S02"])
    gone = _create(client, shop, name="Lama")
    client.post(f"/v1/staff/{gone['id']}/deactivate", headers=shop.owner)
    staff, _ = _pull_all(client, shop.device("T01"))
    assert staff == []


# -- PIN changes from a till ----------------------------------------------------------------------


def _push_pins(client: TestClient, headers: dict[str, str], *docs: Any) -> list[dict[str, Any]]:
    r = client.post("/v1/sync/staff-pins", json={"documents": list(docs)}, headers=headers)
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


def _change(staff_id: str, verifier: str, at: datetime | None = None) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "staff_id": staff_id,
        "pin_verifier": verifier,
        "changed_at": (at or datetime.now(UTC) + timedelta(seconds=1)).isoformat(),
    }


def test_a_pin_changed_at_a_till_reaches_the_stores_other_tills_once(
    client: TestClient, shop: Tenant, clock: FakeClock
) -> None:
    from tests.server.factories import pair_till

    pair_till(client, shop, "S01", "T02")
    siti = _create(client, shop)
    _, cursor = _pull_all(client, shop.device("T02"))
    change = _change(siti["id"], CHEAP.hash("8642"), clock() + timedelta(seconds=5))

    results = _push_pins(client, shop.device("T01"), change)
    # The answer a till's document outbox settles on: the change's own id and a status.
    assert results == [{"id": change["id"], "status": "accepted", "reason": None, "flags": []}]
    staff, cursor = _pull_all(client, shop.device("T02"), cursor)
    assert len(staff) == 1 and _matches(staff[0]["pin_verifier"], "8642")
    assert not _matches(staff[0]["pin_verifier"], "1111")

    # A resend (the till never heard the answer) is a no-op: the feed carries nothing new.
    resent = _push_pins(client, shop.device("T01"), change)
    assert [(r["id"], r["status"]) for r in resent] == [(change["id"], "duplicate")]
    assert _pull_all(client, shop.device("T02"), cursor)[0] == []
    assert "argon2" not in client.get(f"/v1/staff/{siti['id']}", headers=shop.owner).text


def test_a_batch_of_pin_changes_reads_its_members_once(
    client: TestClient, shop: Tenant, database: Database, clock: FakeClock
) -> None:
    """Two queries a batch (the members, locked, and who works here), not two a change; a
    member's later change in the same batch still follows the earlier one."""
    import re

    from tests.server.test_stale_profile import statements

    members = [_create(client, shop, name=name) for name in ("Siti", "Budi", "Dewi")]
    first = [_change(m["id"], CHEAP.hash("1357"), clock() + timedelta(seconds=5)) for m in members]
    later = [_change(m["id"], CHEAP.hash("2468"), clock() + timedelta(seconds=9)) for m in members]
    with statements(database) as seen:
        results = _push_pins(client, shop.device("T01"), *first, *later)
    assert [r["status"] for r in results] == ["accepted"] * 6
    assert sum(re.search(r"FROM staff\b", s) is not None for s in seen) == 1
    assert sum("FROM staff_stores" in s for s in seen) == 1
    staff, _ = _pull_all(client, shop.device("T01"))
    assert len(staff) == 3 and all(_matches(m["pin_verifier"], "2468") for m in staff)


def test_the_cloud_refuses_anything_but_an_argon2id_verifier(
    client: TestClient, shop: Tenant
) -> None:
    siti = _create(client, shop)
    argon2i = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.I).hash("8642")
    costly = CHEAP.hash("8642").replace("m=1024", "m=4194304")
    bad: list[Any] = [
        _change(siti["id"], "8642"),
        _change(siti["id"], "$argon2id$not-a-hash"),
        _change(siti["id"], argon2i),
        _change(siti["id"], costly),
        {**_change(siti["id"], CHEAP.hash("8642")), "changed_at": "yesterday"},
        {"id": "x"},
        "not an object",
    ]
    results = _push_pins(client, shop.device("T01"), *bad)
    assert [r["status"] for r in results] == ["rejected"] * len(bad)
    assert results[0]["id"] == bad[0]["id"]
    staff, _ = _pull_all(client, shop.device("T01"))
    assert _matches(staff[0]["pin_verifier"], "1111")  # unchanged


def test_a_tills_verifier_is_bounded_in_each_argon2_parameter() -> None:
    """What tills make (argon2-cffi's defaults) passes; one step past any bound does not."""
    from server_stub.staff import (
        MAX_MEMORY_KIB,
        MAX_PARALLELISM,
        MAX_TIME_COST,
        check_verifier,
    )

    assert check_verifier(PasswordHasher().hash("8642")) is None
    params = "m=1024,t=1,p=1"
    cheap = CHEAP.hash("8642")
    at_bounds = f"m={MAX_MEMORY_KIB},t={MAX_TIME_COST},p={MAX_PARALLELISM}"
    assert check_verifier(cheap.replace(params, at_bounds)) is None
    for beyond in (
        f"m={MAX_MEMORY_KIB + 1},t=1,p=1",
        f"m=1024,t={MAX_TIME_COST + 1},p=1",
        f"m=1024,t=1,p={MAX_PARALLELISM + 1}",
    ):
        assert check_verifier(cheap.replace(params, beyond)) == (
            "argon2 parameters too costly for a till"
        ), beyond


def test_a_pin_change_for_someone_not_working_here_or_superseded_is_not_applied(
    client: TestClient, shop: Tenant, clock: FakeClock
) -> None:
    budi = _create(client, shop, name="Budi", stores=["S02"], pin="2222")
    siti = _create(client, shop, pin="1111")
    _, cursor = _pull_all(client, shop.device("T01"))
    stale = _change(siti["id"], CHEAP.hash("8642"), clock() - timedelta(hours=1))
    results = _push_pins(
        client,
        shop.device("T01"),
        _change(budi["id"], CHEAP.hash("8642")),
        _change(uuid.uuid4().hex, CHEAP.hash("8642")),
        stale,
    )
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "staff.not_in_store"),
        ("rejected", "staff.not_found"),
        ("conflict", "pin.superseded"),
    ]
    # The till kept its own verifier while the change travelled: the PIN in force is sent again.
    resent, _ = _pull_all(client, shop.device("T01"), cursor)
    assert [m["id"] for m in resent] == [siti["id"]]
    assert _matches(resent[0]["pin_verifier"], "1111")


def test_the_encoded_feed_equals_the_plain_one_with_staff_in_it(
    client: TestClient, shop: Tenant, database: Database
) -> None:
    """``feed_page_json`` (on PostgreSQL a products-only page is spliced from the database's
    JSON) and ``feed_page`` agree on every page, staff included, whatever the page size."""
    from server_stub import catalog
    from server_stub.models import Store

    for i in range(3):
        add_product(client, shop, name=f"Barang {i}")
    siti = _create(client, shop)
    _create(client, shop, name="Budi", stores=["S02"])
    for i in range(3, 6):
        add_product(client, shop, name=f"Barang {i}")
    client.post(f"/v1/staff/{siti['id']}/deactivate", headers=shop.owner)
    with database.read() as session:
        store_id = session.execute(
            select(Store.store_id).where(Store.org_id == shop.org_id, Store.code == "S01")
        ).scalar_one()
        for limit in (1, 2, 3, 50):
            for after in (None, "1"):
                cursor = after
                while True:
                    plain = catalog.feed_page(
                        session, shop.org_id, cursor, limit, store_id=store_id
                    )
                    encoded = catalog.feed_page_json(
                        session, shop.org_id, cursor, limit, store_id=store_id
                    )
                    assert json.loads(encoded) == plain
                    cursor = plain["next_cursor"]
                    if not plain["has_more"]:
                        break


def test_staff_errors_are_documented_as_problems(
    app: FastAPI, client: TestClient, shop: Tenant
) -> None:
    from tests.server.test_documented_responses import assert_documented

    siti = _create(client, shop)
    r = client.get(f"/v1/staff/{uuid.uuid4().hex}", headers=shop.owner)
    assert_problem(r, 404, "staff.not_found")
    assert_documented(app, "GET", "/v1/staff/{staff_id}", r)
    r = client.put(f"/v1/staff/{uuid.uuid4().hex}/pin", json={"pin": "1234"}, headers=shop.owner)
    assert_problem(r, 404, "staff.not_found")
    assert_documented(app, "PUT", "/v1/staff/{staff_id}/pin", r)
    r = client.post(
        "/v1/staff",
        json={"name": "Ani", "role": "cashier", "stores": ["NOPE"], "pin": "1111"},
        headers=shop.owner,
    )
    assert_problem(r, 422, "staff.unknown_store")
    assert_documented(app, "POST", "/v1/staff", r)
    r = client.patch(f"/v1/staff/{siti['id']}", json={"name": None}, headers=shop.owner)
    assert_problem(r, 422, "staff.null_field")
    assert_documented(app, "PATCH", "/v1/staff/{staff_id}", r)
    too_many = [_change(siti["id"], "x")] * 501
    r = client.post("/v1/sync/staff-pins", json={"documents": too_many}, headers=shop.device("T01"))
    assert_problem(r, 413, "sync.batch_too_large")
    assert_documented(app, "POST", "/v1/sync/staff-pins", r)

    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemOut"}}}
    for path, item in app.openapi()["paths"].items():
        if path.startswith("/v1/staff") or path == "/v1/sync/staff-pins":
            for method, operation in item.items():
                for status, answer in operation["responses"].items():
                    if status.startswith(("4", "5")):
                        assert answer.get("content") == problem, (method, path, status)
