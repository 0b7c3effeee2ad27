"""Numbers in requests: JSON integers only, within what both databases store; 422 otherwise.

SQLite cannot bind an integer beyond 64 bits (the server answered 500), PostgreSQL refuses one
beyond its column; and lax parsing read ``"price": "1000"`` as 1000 and ``"price": true`` as 1.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server_stub.schemas import INT64_MAX
from tests.server.factories import Tenant, assert_problem, make_sale, push

INT64_MIN = -INT64_MAX - 1


def test_journal_after_seq_beyond_64_bits_is_422(client: TestClient, tenant: Tenant) -> None:
    for value in (2**63, 2**64, 10**30):
        r = client.get("/v1/journal/entries", params={"after_seq": value}, headers=tenant.owner)
        body = assert_problem(r, 422, "request.invalid")
        assert body["errors"][0]["loc"] == ["query", "after_seq"]
    r = client.get("/v1/journal/entries", params={"after_seq": INT64_MAX}, headers=tenant.owner)
    assert r.status_code == 200 and r.json()["items"] == []


# -- every integer in the API is bounded ----------------------------------------------------


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _integers(
    document: dict[str, Any], schema: dict[str, Any], where: str, seen: set[str]
) -> list[tuple[str, dict[str, Any]]]:
    """Every integer schema reachable from ``schema`` in a request, with where it sits."""
    if "$ref" in schema:
        if schema["$ref"] in seen:
            return []
        seen = seen | {schema["$ref"]}
    schema = _resolve(document, schema)
    found: list[tuple[str, dict[str, Any]]] = []
    if schema.get("type") == "integer":
        found.append((where, schema))
    for key in ("anyOf", "oneOf", "allOf"):
        for i, sub in enumerate(schema.get(key, [])):
            found += _integers(document, sub, f"{where}[{key}{i}]", seen)
    for name, sub in schema.get("properties", {}).items():
        found += _integers(document, sub, f"{where}.{name}", seen)
    if isinstance(schema.get("items"), dict):
        found += _integers(document, schema["items"], f"{where}[]", seen)
    if isinstance(schema.get("additionalProperties"), dict):
        found += _integers(document, schema["additionalProperties"], f"{where}{{}}", seen)
    return found


def _bounded(schema: dict[str, Any]) -> bool:
    if "enum" in schema or "const" in schema:
        return True
    high = schema.get("maximum", schema.get("exclusiveMaximum", INT64_MAX + 1))
    low = schema.get("minimum", schema.get("exclusiveMinimum", INT64_MIN - 1))
    return bool(low >= INT64_MIN and high <= INT64_MAX)


def test_every_integer_a_request_carries_is_bounded_to_a_64_bit_column(client: TestClient) -> None:
    """Covers routes added later too: a new unbounded integer fails here, not in production."""
    document = client.get("/openapi.json").json()
    integers: list[tuple[str, dict[str, Any]]] = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            where = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                if "$ref" in parameter:  # a shared one (Idempotency-Key)
                    name = parameter["$ref"].rsplit("/", 1)[-1]
                    parameter = document["components"]["parameters"][name]
                integers += _integers(
                    document, parameter.get("schema", {}), f"{where} {parameter['name']}", set()
                )
            for media in operation.get("requestBody", {}).get("content", {}).values():
                integers += _integers(document, media.get("schema", {}), f"{where} body", set())
    integers += _integers(document, {"$ref": "#/components/schemas/Sale"}, "Sale", set())
    assert len(integers) > 10
    unbounded = [where for where, schema in integers if not _bounded(schema)]
    assert unbounded == []


# -- JSON integers only ---------------------------------------------------------------------

NOT_INTEGERS: list[Any] = ["1000", True, 1000.0, "1e3", None]


@pytest.mark.parametrize("value", NOT_INTEGERS, ids=repr)
def test_a_price_is_a_json_integer(client: TestClient, tenant: Tenant, value: Any) -> None:
    body = {"sku": "STRICT-1", "name": "Teh", "price": value}
    r = client.post("/v1/products", json=body, headers=tenant.owner)
    problem = assert_problem(r, 422, "request.invalid")
    assert ["body", "price"] in [e["loc"][:2] for e in problem["errors"]]
    created = client.post("/v1/products", json={**body, "price": 1000}, headers=tenant.owner).json()
    assert created["price"] == 1000
    r = client.patch(f"/v1/products/{created['id']}", json={"price": value}, headers=tenant.owner)
    assert r.status_code == 422
    product = client.get(f"/v1/products/{created['id']}", headers=tenant.owner).json()
    assert product["price"] == 1000


@pytest.mark.parametrize("value", ["1100", True, 1100.0], ids=repr)
def test_other_request_integers_are_strict_too(
    client: TestClient, tenant: Tenant, value: Any
) -> None:
    r = client.put(
        "/v1/tax-categories/STRICT",
        json={"name": "Pajak", "kind": "added_on_top", "rate_bp": value},
        headers=tenant.owner,
    )
    assert_problem(r, 422, "request.invalid")
    store = client.get("/v1/stores", headers=tenant.owner).json()["items"][0]["code"]
    r = client.post(
        f"/v1/stores/{store}/enrollment-codes", json={"ttl_minutes": value}, headers=tenant.owner
    )
    assert_problem(r, 422, "request.invalid")
    for step in (str(value).replace("1100", "100"), True, 100.0):
        r = client.patch(f"/v1/stores/{store}", json={"rounding_step": step}, headers=tenant.owner)
        assert_problem(r, 422, "request.invalid")
    r = client.patch(f"/v1/stores/{store}", json={"rounding_step": 500}, headers=tenant.owner)
    assert r.status_code == 200 and r.json()["rounding_step"] == 500


# -- till documents -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1000", True, 1000.0], ids=repr)
def test_sale_and_refund_money_are_json_integers(
    client: TestClient, tenant: Tenant, value: Any
) -> None:
    from tests.server.test_refunds_api import ITEMS, make_refund, push_refunds

    sale = make_sale(ITEMS).to_json()
    bad_sale = copy.deepcopy(sale)
    bad_sale["lines"][0]["unit_price"] = value
    [ack] = push(client, tenant.device(), bad_sale)
    assert ack["status"] == "rejected" and "unit_price" in ack["reason"]
    [ack] = push(client, tenant.device(), sale)
    assert ack["status"] == "accepted"

    record = make_sale(ITEMS)
    push(client, tenant.device(), record.to_json())
    refund = make_refund(record, {1: Decimal(1)}).to_json()
    for field in ("amount", "tax"):
        bad = copy.deepcopy(refund)
        bad["lines"][0][field] = value
        [ack] = push_refunds(client, tenant.device(), bad)
        assert ack["status"] == "rejected", (field, ack)
        assert f"lines.0.{field}" in ack["reason"]
    for field in ("total", "subtotal"):
        bad = {**refund, field: value}
        [ack] = push_refunds(client, tenant.device(), bad)
        assert ack["status"] == "rejected", (field, ack)
    bad = copy.deepcopy(refund)
    bad["lines"][0]["quantity"] = 1 if isinstance(value, str) else value  # a number, not "1"
    [ack] = push_refunds(client, tenant.device(), bad)
    assert ack["status"] == "rejected"
    [ack] = push_refunds(client, tenant.device(), refund)
    assert ack["status"] == "accepted"


def test_till_documents_beyond_their_columns_are_rejected_alone(
    client: TestClient, tenant: Tenant
) -> None:
    """One absurd number is that document's rejection, not a failed batch."""
    from tests.server.test_shift_reports_api import push as push_reports
    from tests.server.test_shift_reports_api import z_doc

    huge = z_doc("z-huge", no=2**31)
    results = push_reports(client, tenant.device(), huge, z_doc("z-fine", no=7))
    assert [r["status"] for r in results] == ["rejected", "accepted"]
    assert "report_no" in results[0]["reason"]
