"""stock.low: a product's reorder point set through the owner API, and one event each time a
store's level falls from above it to at or below it (a stock movement or a till's sale), on the
product's stock resource; nothing for products without a point, rises, or organizations whose
endpoints do not want the type."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.core.db import Database
from server_stub.models import WebhookEvent
from tests.server.factories import FakeClock, Item, Tenant, make_sale, make_tenant, push
from tests.server.test_webhooks_support import add_endpoint, hooks, shop

FIXTURES = (hooks, shop)
"""Shared fixtures (``test_webhooks_support``), imported so that pytest finds them by name."""

HOOK = "http://127.0.0.1:9/hooks"  # never sent to: these tests read the outbox


def low_events(database: Database, org_id: str) -> list[tuple[str, dict[str, Any]]]:
    with database.read() as session:
        rows = session.execute(
            select(WebhookEvent)
            .where(WebhookEvent.org_id == org_id, WebhookEvent.event_type == "stock.low")
            .order_by(WebhookEvent.event_id)
        ).scalars()
        return [(r.resource, json.loads(r.payload)["data"]) for r in rows]


def new_product(client: TestClient, shop: Tenant, sku: str, **extra: Any) -> dict[str, Any]:
    r = client.post(
        "/v1/products",
        json={"id": f"P-{sku}", "sku": sku, "name": f"Barang {sku}", "price": 5000, **extra},
        headers=shop.owner,
    )
    assert r.status_code == 201, r.text
    product: dict[str, Any] = r.json()
    return product


def move(client: TestClient, shop: Tenant, product_id: str, quantity: str) -> None:
    r = client.post(
        "/v1/stock/movements",
        json={"store_code": "S01", "product_id": product_id, "quantity": quantity},
        headers=shop.owner,
    )
    assert r.status_code == 201, r.text


def test_the_reorder_point_is_set_shown_and_cleared(hooks: TestClient, shop: Tenant) -> None:
    product = new_product(hooks, shop, "GULA", reorder_point="2.5", sold_by_weight=True, unit="kg")
    assert product["reorder_point"] == "2.5"
    path = f"/v1/products/{product['id']}"
    assert hooks.get(path, headers=shop.owner).json()["reorder_point"] == "2.5"
    r = hooks.patch(path, json={"reorder_point": "10"}, headers=shop.owner)
    assert r.status_code == 200 and r.json()["reorder_point"] == "10", r.text
    r = hooks.patch(path, json={"name": "Gula Pasir"}, headers=shop.owner)
    assert r.json()["reorder_point"] == "10"  # a patch without it keeps it
    r = hooks.patch(path, json={"reorder_point": None}, headers=shop.owner)
    assert r.json()["reorder_point"] is None
    for bad in ("-1", "abc", "1.2345", 5):
        r = hooks.patch(path, json={"reorder_point": bad}, headers=shop.owner)
        assert r.status_code == 422, (bad, r.text)


def test_each_fall_to_the_point_writes_one_event(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    add_endpoint(hooks, shop, HOOK, ["stock.low"])
    new_product(hooks, shop, "KOPI", reorder_point="5")
    move(hooks, shop, "P-KOPI", "10")
    move(hooks, shop, "P-KOPI", "-4")  # 6: still above
    assert low_events(database, shop.org_id) == []
    move(hooks, shop, "P-KOPI", "-1")  # 5: at the point
    ((resource, data),) = low_events(database, shop.org_id)
    assert resource.startswith("stock:") and resource.endswith(":P-KOPI")
    assert data == {
        "store_code": "S01",
        "product_id": "P-KOPI",
        "level": "5",
        "level_milli": 5000,
        "reorder_point": "5",
        "reason": "adjust",
    }
    move(hooks, shop, "P-KOPI", "-1")  # 4: still low, no second event
    move(hooks, shop, "P-KOPI", "3")  # 7: above again
    assert len(low_events(database, shop.org_id)) == 1
    sale = make_sale([Item("P-KOPI", "KOPI", "Barang KOPI", 5000, "3")])
    push(hooks, shop.device(), sale.to_json())  # a till's sale takes it to 4
    _, (_, second) = low_events(database, shop.org_id)
    assert (second["level"], second["reason"]) == ("4", "sale")


def test_no_event_without_a_point_or_an_endpoint_that_wants_it(
    hooks: TestClient, shop: Tenant, database: Database, clock: FakeClock
) -> None:
    new_product(hooks, shop, "TEH")  # no reorder point
    new_product(hooks, shop, "AIR", reorder_point="1")
    add_endpoint(hooks, shop, HOOK, ["stock.changed"])
    move(hooks, shop, "P-AIR", "-3")
    assert low_events(database, shop.org_id) == []
    add_endpoint(hooks, shop, "http://127.0.0.1:9/other", ["stock.low"])
    move(hooks, shop, "P-TEH", "-3")
    assert low_events(database, shop.org_id) == []
    other = make_tenant(hooks, database, clock)
    new_product(hooks, other, "AIR", reorder_point="1")
    move(hooks, other, "P-AIR", "-1")  # another organization's endpoints: nobody wants it
    assert low_events(database, other.org_id) == []


def test_the_csv_import_leaves_the_point_alone(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    new_product(hooks, shop, "ROTI", reorder_point="3")
    csv = "sku,name,price\nROTI,Roti Tawar,16000\nBARU,Barang Baru,1000\n"
    r = hooks.post(
        "/v1/products/import",
        content=csv.encode(),
        headers={**shop.owner, "Content-Type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    assert hooks.get("/v1/products/P-ROTI", headers=shop.owner).json()["reorder_point"] == "3"
