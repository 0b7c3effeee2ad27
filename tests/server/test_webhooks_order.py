"""Order per resource: of one endpoint's deliveries of one resource only the oldest still to be
sent is ever due; a hot product's stock events drain in order, an older event sent again goes
before newer ones, and the sweep gives a resource left without a due delivery its head back."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update

from server_stub.core.db import Database
from server_stub.models import WebhookDelivery
from server_stub.webhooks import order
from tests.server.factories import FakeClock, Tenant
from tests.server.test_webhooks_support import (
    Receiver,
    add_endpoint,
    data_of,
    deliveries,
    hooks,
    receiver,
    shop,
    worker,
)

FIXTURES = (hooks, receiver, shop)
"""Shared fixtures (``test_webhooks_support``), imported so that pytest finds them by name."""


def move(hooks: TestClient, shop: Tenant, ref: str, quantity: str = "1") -> None:
    r = hooks.post(
        "/v1/stock/movements",
        json={"store_code": "S01", "product_id": "HOT", "quantity": quantity, "ref": ref},
        headers=shop.owner,
    )
    assert r.status_code == 201, r.text


def refs(receiver: Receiver) -> list[str]:
    return [data_of(r)["ref"] for r in receiver.accepted()]


def test_a_hot_products_stock_events_drain_in_order(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    hook = add_endpoint(hooks, shop, receiver.url, ["stock.changed"])
    receiver.secrets.append(hook["secret"])
    made = [f"R{n:03d}" for n in range(60)]
    for ref in made:
        move(hooks, shop, ref)
    deliver = worker(database, clock)
    deliver.dispatch()
    rows = deliveries(database, shop.org_id)
    due = [d for d in rows if d.next_attempt_at < order.WAITING]
    assert len(rows) == 60 and len(due) == 1 and due[0].event_id == rows[0].event_id
    r = hooks.get(
        f"/v1/webhooks/endpoints/{hook['id']}/deliveries",
        params={"limit": 100},
        headers=shop.owner,
    )
    waiting = [i for i in r.json()["items"] if i["next_attempt_at"] is None]
    assert len(waiting) == 59  # shown as waiting for an earlier event, not as due in 9999
    deliver.run_until_idle()
    assert refs(receiver) == made
    assert all(r.verified for r in receiver.received())


def test_an_older_event_sent_again_goes_before_newer_ones(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    hook = add_endpoint(hooks, shop, receiver.url, ["stock.changed"])
    deliver = worker(database, clock)
    move(hooks, shop, "A")
    move(hooks, shop, "B")
    deliver.run_until_idle()
    receiver.status = 500
    move(hooks, shop, "C")
    deliver.run_until_idle()  # C fails, a retry is 5 s away
    first = deliveries(database, shop.org_id)[0].event_id
    r = hooks.post(
        f"/v1/webhooks/endpoints/{hook['id']}/deliveries/{first}/redeliver", headers=shop.owner
    )
    assert r.status_code == 202, r.text
    (c_row,) = [d for d in deliveries(database, shop.org_id) if d.status == "failed"]
    assert c_row.next_attempt_at == order.WAITING  # behind A again, not due at its retry
    receiver.status = 200
    deliver.run_until_idle()
    assert refs(receiver) == ["A", "B", "A", "C"]  # C right after A, without its 5 s wait


def test_the_sweep_gives_a_resource_without_a_due_delivery_its_head_back(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    add_endpoint(hooks, shop, receiver.url, ["stock.changed"])
    move(hooks, shop, "A")
    move(hooks, shop, "B")
    deliver = worker(database, clock)
    deliver.dispatch()
    with database.write() as session:  # whatever went wrong: nothing of the resource is due
        session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.org_id == shop.org_id)
            .values(next_attempt_at=order.WAITING)
        )
        session.commit()
    assert deliver.run_until_idle() == 0
    with database.write() as session:
        assert order.sweep(session, clock()) == 1
        session.commit()
    deliver.run_until_idle()
    assert refs(receiver) == ["A", "B"]


def test_resources_do_not_wait_for_each_other(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    """One product's failing stock event holds back only that product's later events."""
    add_endpoint(hooks, shop, receiver.url, ["stock.changed"])
    deliver = worker(database, clock)
    receiver.status = 500
    move(hooks, shop, "A")
    deliver.run_until_idle()
    receiver.status = 200
    move(hooks, shop, "B")
    other: dict[str, Any] = {
        "store_code": "S01",
        "product_id": "COLD",
        "quantity": "1",
        "ref": "X",
    }
    assert hooks.post("/v1/stock/movements", json=other, headers=shop.owner).status_code == 201
    deliver.run_until_idle()
    assert refs(receiver) == ["X"]
    clock.advance(10)
    deliver.run_until_idle()
    assert refs(receiver) == ["X", "A", "B"]
