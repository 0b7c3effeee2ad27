"""The store profile in the owner API: NPWP and receipt lines, and a version for every change."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from server_stub.core.db import Database
from server_stub.models import Store, StoreProfileVersion
from tests.server.factories import FakeClock, Tenant, assert_problem, make_tenant


def versions(database: Database, org_id: str, code: str) -> list[StoreProfileVersion]:
    with database.read() as session:
        store = session.execute(
            select(Store).where(Store.org_id == org_id, Store.code == code)
        ).scalar_one()
        rows = session.execute(
            select(StoreProfileVersion)
            .where(
                StoreProfileVersion.org_id == org_id,
                StoreProfileVersion.store_id == store.store_id,
            )
            .order_by(StoreProfileVersion.version)
        ).scalars()
        return list(rows)


def patch(client: TestClient, tenant: Tenant, body: dict[str, Any], code: str = "S01") -> Any:
    return client.patch(f"/v1/stores/{code}", json=body, headers=tenant.owner)


def test_a_store_is_created_with_its_full_profile_at_version_1(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    r = client.post(
        "/v1/stores",
        json={
            "code": "S02",
            "name": "Toko Maju Jaya 2",
            "address": "Jl. Merdeka No. 10\nBandung",
            "legal_name": "PT Maju Jaya Sejahtera",
            "npwp": "01.234.567.8-901.000",
            "phone": "022-1234567",
            "receipt_header": ["Buka 07.00-22.00"],
            "receipt_footer": ["Terima kasih", "Simpan struk ini"],
            "ppn_enabled": True,
            "prices_include_tax": False,
            "rounding_step": 500,
        },
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["npwp"] == "012345678901000"  # stored as its digits
    assert body["legal_name"] == "PT Maju Jaya Sejahtera"
    assert body["receipt_header"] == ["Buka 07.00-22.00"]
    assert body["receipt_footer"] == ["Terima kasih", "Simpan struk ini"]
    assert (body["ppn_enabled"], body["prices_include_tax"], body["rounding_step"]) == (
        True,
        False,
        500,
    )
    assert body["profile_version"] == 1
    rows = versions(database, tenant.org_id, "S02")
    assert [(v.version, v.changed_at) for v in rows] == [(1, clock())]
    assert rows[0].profile["npwp"] == "012345678901000"


@pytest.mark.parametrize(
    "npwp",
    [
        "01.234.567.8-901.00",  # 14 digits
        "01234567890123456",  # 17 digits
        "01.234.567.8-901.00A",
        "NPWP 012345678901000",
        "0123456789012345/",
    ],
)
def test_a_bad_npwp_is_refused(client: TestClient, tenant: Tenant, npwp: str) -> None:
    assert_problem(patch(client, tenant, {"npwp": npwp}), 422)
    assert_problem(
        client.post(
            "/v1/stores", json={"code": "S07", "name": "x", "npwp": npwp}, headers=tenant.owner
        ),
        422,
    )
    assert client.get("/v1/stores/S01", headers=tenant.owner).json()["profile_version"] == 1


def test_npwp_of_16_digits_and_removing_it(client: TestClient, tenant: Tenant) -> None:
    r = patch(client, tenant, {"npwp": "3201 0123 4567 8901"})
    assert r.status_code == 200 and r.json()["npwp"] == "3201012345678901"
    r = patch(client, tenant, {"npwp": ""})
    assert r.status_code == 200 and r.json()["npwp"] == ""
    assert r.json()["profile_version"] == 3


@pytest.mark.parametrize(
    "body",
    [
        {"receipt_header": ["x"] * 9},
        {"receipt_footer": ["y" * 49]},
        {"receipt_footer": ["Barang yang sudah dibeli tidak dapat dikembalikan"]},
        {"receipt_header": ["two\nlines"]},
        {"address": "Jl. Merdeka\nBarang  tidak dapat DITUKAR"},
        {"receipt_header": "one line, not a list"},
        {"phone": "call me"},
        {"rounding_step": 250},
        {"legal_name": "x" * 201},
    ],
)
def test_bad_receipt_details_are_refused_and_change_nothing(
    client: TestClient, tenant: Tenant, body: dict[str, Any]
) -> None:
    before = client.get("/v1/stores/S01", headers=tenant.owner).json()
    assert_problem(patch(client, tenant, body), 422)
    assert client.get("/v1/stores/S01", headers=tenant.owner).json() == before


def test_every_change_is_a_new_version_with_its_time(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    created_at = clock()
    clock.advance(60)
    r = patch(client, tenant, {"npwp": "012345678901000", "ppn_enabled": True})
    assert r.status_code == 200, r.text
    assert r.json()["profile_version"] == 2
    clock.advance(60)
    r = patch(client, tenant, {"prices_include_tax": False, "receipt_header": ["Halo"]})
    assert r.json()["profile_version"] == 3
    assert r.json()["profile_updated_at"] is not None
    rows = versions(database, tenant.org_id, "S01")
    assert [v.version for v in rows] == [1, 2, 3]
    assert rows[0].changed_at == created_at
    assert rows[2].changed_at - rows[1].changed_at == clock() - rows[1].changed_at
    assert rows[1].profile["ppn_enabled"] is True and rows[1].profile["prices_include_tax"] is True
    assert rows[2].profile["prices_include_tax"] is False
    assert rows[2].profile["receipt_header"] == ["Halo"]


def test_a_patch_that_changes_nothing_bumps_nothing(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    store = client.get("/v1/stores/S01", headers=tenant.owner).json()
    same = {
        key: store[key]
        for key in ("name", "address", "npwp", "ppn_enabled", "rounding_step", "receipt_footer")
    }
    for body in ({}, same, {"npwp": ""}, {"name": None}):
        r = patch(client, tenant, body)
        assert r.status_code == 200, r.text
        assert r.json()["profile_version"] == 1
    assert [v.version for v in versions(database, tenant.org_id, "S01")] == [1]


def test_a_store_from_before_versions_gets_its_first_row_on_its_first_change(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    with database.write() as session:
        store = session.execute(
            select(Store).where(Store.org_id == tenant.org_id, Store.code == "S01")
        ).scalar_one()
        session.execute(
            delete(StoreProfileVersion).where(StoreProfileVersion.store_id == store.store_id)
        )
        store.profile_updated_at = None
        created_at = store.created_at
        session.commit()
    assert patch(client, tenant, {"phone": "0812-3456-7890"}).json()["profile_version"] == 2
    rows = versions(database, tenant.org_id, "S01")
    assert [(v.version, v.profile["phone"]) for v in rows] == [(1, ""), (2, "0812-3456-7890")]
    assert rows[0].changed_at == created_at


def test_another_organizations_store_is_not_found(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    client.post("/v1/stores", json={"code": "S05", "name": "Cabang"}, headers=tenant.owner)
    other = make_tenant(client, database, clock, name="Toko Lain", tills=())
    assert_problem(
        client.patch("/v1/stores/S05", json={"npwp": "012345678901000"}, headers=other.owner),
        404,
        "store.not_found",
    )
    assert_problem(client.get("/v1/stores/S05", headers=other.owner), 404, "store.not_found")
    mine = client.get("/v1/stores/S05", headers=tenant.owner).json()
    assert (mine["npwp"], mine["profile_version"]) == ("", 1)


def test_a_till_sees_the_whole_profile_and_its_version(client: TestClient, tenant: Tenant) -> None:
    patch(
        client,
        tenant,
        {
            "legal_name": "PT Toko Test",
            "npwp": "01.234.567.8-901.000",
            "receipt_header": ["Selamat datang"],
            "receipt_footer": ["Terima kasih"],
            "ppn_enabled": True,
            "prices_include_tax": False,
            "rounding_step": 1000,
        },
    )
    me = client.get("/v1/devices/me", headers=tenant.device()).json()["store"]
    assert me["profile_version"] == 2
    assert me["legal_name"] == "PT Toko Test" and me["npwp"] == "012345678901000"
    assert me["receipt_header"] == ["Selamat datang"]
    assert me["receipt_footer"] == ["Terima kasih"]
    assert (me["ppn_enabled"], me["prices_include_tax"], me["rounding_step"]) == (True, False, 1000)
