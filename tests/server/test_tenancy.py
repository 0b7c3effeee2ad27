"""One organization can neither read nor write another's data, through any door."""

from __future__ import annotations

from fastapi.testclient import TestClient

from server_stub.core.db import Database
from tests.server.factories import (
    FakeClock,
    Tenant,
    add_product,
    assert_problem,
    make_tenant,
    push,
    simple_sale,
)


def _two(client: TestClient, database: Database, clock: FakeClock) -> tuple[Tenant, Tenant]:
    return (
        make_tenant(client, database, clock, name="Toko A"),
        make_tenant(client, database, clock, name="Toko B"),
    )


def test_owners_see_only_their_own_organization(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    a, b = _two(client, database, clock)
    product = add_product(client, a, sku="SAME-SKU")
    add_product(client, b, sku="SAME-SKU")  # SKUs are per organization
    sale = simple_sale()
    push(client, a.device(), sale)
    client.post(
        "/v1/stock/movements",
        json={"store_code": "S01", "product_id": product["id"], "quantity": "5"},
        headers=a.owner,
    )
    # B's owner: nothing of A's is visible, by list or by id.
    assert [p["sku"] for p in client.get("/v1/products", headers=b.owner).json()["items"]] == [
        "SAME-SKU"
    ]
    assert_problem(client.get(f"/v1/products/{product['id']}", headers=b.owner), 404)
    assert client.get("/v1/sales", headers=b.owner).json()["items"] == []
    assert_problem(client.get(f"/v1/sales/{sale['sale_id']}", headers=b.owner), 404)
    assert client.get("/v1/sales/daily", headers=b.owner).json()["items"] == []
    assert client.get("/v1/stock", params={"store": "S01"}, headers=b.owner).json()["items"] == []
    tills_b = client.get("/v1/tills", headers=b.owner).json()["items"]
    assert {t["device_id"] for t in tills_b} == set(b.device_ids.values())
    users_b = client.get("/v1/users", headers=b.owner).json()["items"]
    assert [u["email"] for u in users_b] == [b.email]
    assert client.get("/v1/stores", headers=b.owner).json()["items"][0]["name"] == "Toko B S01"


def test_owners_cannot_change_another_organizations_data(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    a, b = _two(client, database, clock)
    product = add_product(client, a, price=1000)
    assert_problem(
        client.patch(f"/v1/products/{product['id']}", json={"price": 1}, headers=b.owner), 404
    )
    assert_problem(client.delete(f"/v1/products/{product['id']}", headers=b.owner), 404)
    assert_problem(client.post(f"/v1/tills/{a.device_ids['T01']}/revoke", headers=b.owner), 404)
    assert client.get(f"/v1/products/{product['id']}", headers=a.owner).json()["price"] == 1000
    assert client.get("/v1/devices/me", headers=a.device()).status_code == 200
    # B's stock movement against A's product id lands in B's own store only.
    client.post(
        "/v1/stock/movements",
        json={"store_code": "S01", "product_id": product["id"], "quantity": "-9"},
        headers=b.owner,
    )
    assert client.get("/v1/stock", params={"store": "S01"}, headers=a.owner).json()["items"] == []
    # Enrollment codes of B pair tills into B only.
    code = client.post("/v1/stores/S01/enrollment-codes", json={}, headers=b.owner).json()["code"]
    enrolled = client.post("/v1/devices/enroll", json={"code": code}).json()
    assert enrolled["org_id"] == b.org_id


def test_tills_only_reach_their_own_organization(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    a, b = _two(client, database, clock)
    add_product(client, a, sku="ONLY-A")
    add_product(client, b, sku="ONLY-B")
    page = client.get("/v1/sync/catalog", headers=b.device()).json()
    assert [p["sku"] for p in page["products"]] == ["ONLY-B"]
    # The same sale id in two organizations are two different sales.
    sale_a = simple_sale()
    sale_b = dict(sale_a, cashier_name="Lain")
    assert push(client, a.device(), sale_a)[0]["status"] == "accepted"
    assert push(client, b.device(), sale_b)[0]["status"] == "accepted"
    assert client.get(f"/v1/sales/{sale_a['sale_id']}", headers=a.owner).json()["sale"] == sale_a
    assert client.get(f"/v1/sales/{sale_a['sale_id']}", headers=b.owner).json()["sale"] == sale_b


def test_a_credential_cannot_be_moved_to_another_organization(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    a, b = _two(client, database, clock)
    device_a = a.device_ids["T01"]
    secret_a = a.device()["Authorization"].rsplit(".", 1)[1]
    suffix = device_a.split("_", 1)[1]
    forged = {"Authorization": f"Bearer {b.org_id}_{suffix}.{secret_a}"}
    assert_problem(client.get("/v1/devices/me", headers=forged), 401)
    # An owner token is not a till credential and a till credential is not an owner token.
    assert_problem(client.get("/v1/sync/catalog", headers=a.owner), 401)
    assert_problem(client.get("/v1/products", headers=a.device()), 401)
