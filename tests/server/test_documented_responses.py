"""Statuses that random input rarely reaches (a taken SKU, a tax category in use, the pairing
throttle) are provoked on purpose here, and each must be listed by its operation in the OpenAPI
document; ``test_openapi_fuzz`` checks the same for whatever schemathesis reaches."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.server.factories import Tenant, add_product, assert_problem


def assert_documented(app: FastAPI, method: str, path: str, response: Any) -> None:
    operation = app.openapi()["paths"][path][method.lower()]
    documented = set(operation["responses"])
    assert str(response.status_code) in documented, (method, path, response.status_code)
    if response.status_code >= 400:
        content = operation["responses"][str(response.status_code)]["content"]
        assert content == {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemOut"}}
        }


def test_conflicts_are_documented(app: FastAPI, client: TestClient, tenant: Tenant) -> None:
    owner = tenant.owner
    product = add_product(client, tenant, sku="DOC-1", barcodes=["8990000000011"])
    r = client.post("/v1/products", json={"sku": "DOC-1", "name": "x", "price": 1}, headers=owner)
    assert_problem(r, 409, "product.sku_taken")
    assert_documented(app, "POST", "/v1/products", r)
    other = add_product(client, tenant, sku="DOC-2")
    r = client.patch(f"/v1/products/{other['id']}", json={"sku": "DOC-1"}, headers=owner)
    assert_problem(r, 409)
    assert_documented(app, "PATCH", "/v1/products/{product_id}", r)

    client.put(
        "/v1/tax-categories/DOCT",
        json={"name": "Pajak", "kind": "added_on_top", "rate_bp": 1000},
        headers=owner,
    )
    client.patch(f"/v1/products/{product['id']}", json={"tax_code": "DOCT"}, headers=owner)
    r = client.delete("/v1/tax-categories/DOCT", headers=owner)
    assert_problem(r, 409, "tax_category.in_use")
    assert_documented(app, "DELETE", "/v1/tax-categories/{code}", r)

    r = client.post("/v1/stores", json={"code": tenant.store_code, "name": "Lagi"}, headers=owner)
    assert_problem(r, 409, "store.code_taken")
    assert_documented(app, "POST", "/v1/stores", r)

    r = client.post(
        "/v1/users", json={"email": tenant.email, "password": "panjang sekali"}, headers=owner
    )
    assert_problem(r, 409, "user.email_taken")
    assert_documented(app, "POST", "/v1/users", r)


def test_csv_media_type_and_pairing_throttle_are_documented(
    app: FastAPI, client: TestClient, tenant: Tenant
) -> None:
    r = client.post(
        "/v1/products/import",
        json={"sku": "x"},
        headers=tenant.owner,
    )
    assert_problem(r, 415, "import.content_type")
    assert_documented(app, "POST", "/v1/products/import", r)

    statuses = []
    for _ in range(12):
        r = client.post("/v1/devices/enroll", json={"code": "WRONG-CODE"})
        statuses.append(r.status_code)
        assert_documented(app, "POST", "/v1/devices/enroll", r)
    assert statuses[0] == 400 and statuses[-1] == 429


def test_every_operation_lists_busy_and_full_storage(app: FastAPI) -> None:
    for path, item in app.openapi()["paths"].items():
        for method, operation in item.items():
            listed = set(operation["responses"])
            assert {"503", "507", "422"} <= listed, (method, path)
