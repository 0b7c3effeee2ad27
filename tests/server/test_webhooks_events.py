"""Which changes write which webhook events, in the same transaction as the change: sales
(never for a duplicate), refunds, Z reports, products (API and CSV import), stock movements and
journal alerts; nothing for an organization without an endpoint that wants the type."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from pos_desktop.domain.sale import SaleRecord
from server_stub.core.db import Database
from server_stub.models import WebhookEvent
from server_stub.webhooks import events, sources
from tests.server.factories import STD_ITEMS, FakeClock, Tenant, make_sale, make_tenant, push
from tests.server.test_journal_api import chain
from tests.server.test_journal_api import push as push_journal
from tests.server.test_refunds_api import make_refund
from tests.server.test_shift_reports_api import push as push_reports
from tests.server.test_shift_reports_api import x_doc, z_doc
from tests.server.test_webhooks_support import (
    add_endpoint,
    hooks,
    shop,
)

FIXTURES = (hooks, shop)
"""Shared fixtures (``test_webhooks_support``), imported so that pytest finds them by name."""

ALL = list(events.EVENT_TYPES)
HOOK = "http://127.0.0.1:9/hooks"  # never sent to here: these tests read the outbox


def outbox(database: Database, org_id: str, event_type: str | None = None) -> list[Any]:
    """The organization's events in the order they were made, each body parsed."""
    with database.read() as session:
        query = select(WebhookEvent).where(WebhookEvent.org_id == org_id)
        if event_type is not None:
            query = query.where(WebhookEvent.event_type == event_type)
        rows = session.execute(query.order_by(WebhookEvent.event_id)).scalars()
        return [(r.event_id, r.resource, json.loads(r.payload)) for r in rows]


def test_without_an_endpoint_no_event_is_written(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    assert outbox(database, shop.org_id) == []


def test_a_stored_sale_writes_sale_created_once_and_stock_changed_per_product(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    add_endpoint(hooks, shop, HOOK, ["sale.created", "stock.changed"])
    sale = make_sale(STD_ITEMS)
    assert push(hooks, shop.device(), sale.to_json())[0]["status"] == "accepted"
    assert push(hooks, shop.device(), sale.to_json())[0]["status"] == "duplicate"
    created = outbox(database, shop.org_id, "sale.created")
    assert len(created) == 1
    event_id, resource, body = created[0]
    assert event_id.startswith("msg_") and resource == f"sale:{sale.sale_id}"
    assert body["type"] == "sale.created" and body["timestamp"].endswith("Z")
    data = body["data"]
    assert (data["sale_id"], data["receipt_no"], data["total"]) == (
        sale.sale_id,
        sale.receipt_no,
        sale.total,
    )
    assert data["store_code"] == "S01" and "sale" not in data  # added when sent
    with database.read() as session:
        stored = session.get(WebhookEvent, (shop.org_id, event_id))
        assert stored is not None
        documents = sources.sale_documents(session, shop.org_id, [sale.sale_id])
    sent = json.loads(sources.complete("sale.created", resource, stored.payload, documents))
    assert sent == {**body, "data": {**data, "sale": sale.to_json()}}
    stock = outbox(database, shop.org_id, "stock.changed")
    changes = {e[2]["data"]["product_id"]: e[2]["data"]["change_milli"] for e in stock}
    assert changes == {"P-1": -3000, "P-2": -2000, "P-3": -1000}
    assert {e[2]["data"]["reason"] for e in stock} == {"sale"}


def test_only_the_wanted_types_and_only_of_enabled_endpoints(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    hook = add_endpoint(hooks, shop, HOOK, ["refund.created"])
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    assert outbox(database, shop.org_id) == []
    r = hooks.patch(
        f"/v1/webhooks/endpoints/{hook['id']}",
        json={"event_types": ["sale.created"], "enabled": False},
        headers=shop.owner,
    )
    assert r.status_code == 200, r.text
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    assert outbox(database, shop.org_id) == []
    r = hooks.patch(
        f"/v1/webhooks/endpoints/{hook['id']}", json={"enabled": True}, headers=shop.owner
    )
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    assert [e[2]["type"] for e in outbox(database, shop.org_id)] == ["sale.created"]


def test_a_refund_writes_refund_created_and_gives_stock_back(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    add_endpoint(hooks, shop, HOOK, ["refund.created", "stock.changed"])
    sale = make_sale(STD_ITEMS)
    push(hooks, shop.device(), sale.to_json())
    refund = make_refund(SaleRecord.from_json(sale.to_json()), {1: Decimal("1")})
    r = hooks.post(
        "/v1/sync/refunds", json={"documents": [refund.to_json()]}, headers=shop.device()
    )
    assert r.json()["results"][0]["status"] == "accepted", r.text
    (created,) = outbox(database, shop.org_id, "refund.created")
    assert created[1] == f"sale:{sale.sale_id}"
    data = created[2]["data"]
    assert (data["refund_id"], data["original_sale_id"], data["counted"]) == (
        refund.refund_id,
        sale.sale_id,
        True,
    )
    assert data["refund"] == refund.to_json()
    back = [e[2]["data"] for e in outbox(database, shop.org_id, "stock.changed")]
    assert [(d["product_id"], d["change_milli"], d["reason"]) for d in back[-1:]] == [
        ("P-1", 1000, "refund")
    ]


def test_a_z_report_writes_shift_closed_and_an_x_report_nothing(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    add_endpoint(hooks, shop, HOOK, ["shift.closed"])
    results = push_reports(hooks, shop.device(), z_doc(), x_doc())
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    push_reports(hooks, shop.device(), z_doc())  # a duplicate: nothing more
    (closed,) = outbox(database, shop.org_id, "shift.closed")
    data = closed[2]["data"]
    assert (data["report_id"], data["report_no"], data["till_code"]) == ("z-0001", 12, "T01")
    assert data["report"]["report_id"] == "z-0001"


def test_products_from_the_api_and_the_csv_import_write_product_updated(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    add_endpoint(hooks, shop, HOOK, ["product.updated"])
    sku = f"SKU-{uuid.uuid4().hex[:6]}"
    r = hooks.post(
        "/v1/products", json={"sku": sku, "name": "Teh", "price": 5000}, headers=shop.owner
    )
    assert r.status_code == 201, r.text
    product_id = r.json()["id"]
    r = hooks.patch(f"/v1/products/{product_id}", json={"price": 5500}, headers=shop.owner)
    assert r.status_code == 200, r.text
    csv = f"sku,name,price\n{sku},Teh Manis,6000\nNEW-{sku},Kopi,7000\n"
    r = hooks.post(
        "/v1/products/import",
        content=csv,
        headers={**shop.owner, "content-type": "text/csv"},
    )
    assert r.status_code == 200, r.text
    found = [
        (d["change"], d["sku"], d["price"])
        for d in (e[2]["data"] for e in outbox(database, shop.org_id, "product.updated"))
    ]
    assert found[:2] == [("created", sku, 5000), ("updated", sku, 5500)]
    assert sorted(found[2:]) == [("created", f"NEW-{sku}", 7000), ("updated", sku, 6000)]
    assert {e[1] for e in outbox(database, shop.org_id)} >= {f"product:{product_id}"}


def test_a_stock_movement_writes_stock_changed(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    add_endpoint(hooks, shop, HOOK, ["stock.changed"])
    r = hooks.post(
        "/v1/stock/movements",
        json={
            "store_code": "S01",
            "product_id": "P-1",
            "quantity": "24",
            "reason": "receive",
            "ref": "PO-7",
        },
        headers=shop.owner,
    )
    assert r.status_code == 201, r.text
    ((_, resource, body),) = outbox(database, shop.org_id)
    assert resource.endswith(":P-1")
    assert (body["data"]["change_milli"], body["data"]["reason"], body["data"]["ref"]) == (
        24000,
        "receive",
        "PO-7",
    )


def test_a_journal_alert_writes_journal_alert(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    add_endpoint(hooks, shop, HOOK, ["journal.alert"])
    journal_id = f"J{uuid.uuid4().hex[:12]}"
    entries = chain(journal_id, 5)
    push_journal(hooks, shop.device(), journal_id, entries[:2] + entries[3:])  # a gap at 3
    (alert,) = outbox(database, shop.org_id, "journal.alert")
    assert alert[1] == f"journal:{journal_id}"
    data = alert[2]["data"]
    assert (data["journal_id"], data["kind"], data["till_code"]) == (journal_id, "gap", "T01")


def test_a_rolled_back_change_leaves_no_event(
    hooks: TestClient, shop: Tenant, database: Database
) -> None:
    """The event is the change's own: a product refused (its SKU is taken) writes none."""
    add_endpoint(hooks, shop, HOOK, ["product.updated"])
    body = {"sku": f"SKU-{uuid.uuid4().hex[:6]}", "name": "Teh", "price": 5000}
    assert hooks.post("/v1/products", json=body, headers=shop.owner).status_code == 201
    assert hooks.post("/v1/products", json=body, headers=shop.owner).status_code == 409
    assert len(outbox(database, shop.org_id)) == 1


def test_another_organization_gets_none_of_these_events(
    hooks: TestClient, shop: Tenant, database: Database, clock: FakeClock
) -> None:
    other = make_tenant(hooks, database, clock, name="Lain")
    add_endpoint(hooks, other, HOOK, ALL)
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    assert outbox(database, other.org_id) == []
