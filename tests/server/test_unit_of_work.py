"""A write route's commit belongs to its ``WriteSession``, and it runs before the answer is sent:
a commit the database refuses is answered as that error, never as the success the route was
about to report (a 201 for a product that was never stored)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tests.server.factories import Tenant, add_product, assert_problem


def _refuse_commit(_session: Session) -> None:
    raise OperationalError("COMMIT", {}, Exception("database is locked"))


def test_a_refused_commit_is_the_answer_and_nothing_is_stored(
    client: TestClient, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = {"sku": "UOW-1", "name": "Gula 1 kg", "price": 16500}
    with monkeypatch.context() as patch:
        patch.setattr(Session, "commit", _refuse_commit)
        refused = client.post("/v1/products", json=body, headers=tenant.owner)
    assert_problem(refused, 503, "service.busy")
    listed = client.get("/v1/products", params={"q": "UOW-1"}, headers=tenant.owner)
    assert listed.status_code == 200, listed.text
    assert listed.json()["items"] == []


def test_a_route_that_returns_has_its_writes_committed(client: TestClient, tenant: Tenant) -> None:
    created = add_product(client, tenant, sku="UOW-2", price=4000)
    fetched = client.get(f"/v1/products/{created['id']}", headers=tenant.owner)
    assert fetched.status_code == 200, fetched.text
    assert fetched.json()["price"] == 4000
