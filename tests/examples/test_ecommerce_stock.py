"""examples/ecommerce_stock against a real cloud: stock changes in the cloud (an API movement,
a till's sale, an online order) reach the shop's listing through signed webhooks; an order
pushed twice moves the stock once; a forged, stale or unsigned request and a redelivered
webhook-id change nothing, also after the receiver restarted."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from examples.ecommerce_stock import push_orders
from examples.ecommerce_stock.pos import PosApi
from examples.ecommerce_stock.push_orders import parse_orders, push_all
from examples.ecommerce_stock.signature import sign
from server_stub.core.db import Database
from server_stub.models import StockMovement
from tests.examples.conftest import KEY_SCOPES, STORE, Shop, wait_for
from tests.server.factories import Item, make_sale

pytestmark = pytest.mark.slow

ORDER = {
    "orders": [
        {
            "order_id": "INV/20261208/MPL/1041",
            "channel": "tokopedia",
            "lines": [{"sku": "IND-001", "quantity": 2}],
        }
    ]
}


def _till_sale(shop: Shop, quantity: str) -> None:
    """A till in the store pairs and syncs one sale of Indomie, as a real till does."""
    r = shop.owner.post(f"/v1/stores/{STORE}/enrollment-codes", json={"till_code": "T01"})
    assert r.status_code == 201, r.text
    paired = shop.owner.post("/v1/devices/enroll", json={"code": r.json()["code"], "name": "T01"})
    assert paired.status_code == 201, paired.text
    device = paired.json()
    till = {"Authorization": f"Bearer {device['device_id']}.{device['device_secret']}"}
    sale = make_sale([Item("P-1", "IND-001", "Indomie Goreng", 3500, quantity)], till_code="T01")
    r = shop.owner.post("/v1/sync/sales", json={"sales": [sale.to_json()]}, headers=till)
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["status"] == "accepted", r.text


def _movements(db: Database, org_id: str, ref: str) -> int:
    """The order's movements in the cloud's ledger, each an online sale."""
    with db.read() as session:
        found = session.scalar(
            select(func.count())
            .select_from(StockMovement)
            .where(
                StockMovement.org_id == org_id,
                StockMovement.ref == ref,
                StockMovement.reason == "online_sale",
            )
        )
    return int(found or 0)


def test_stock_changes_in_the_cloud_reach_the_listing(shop: Shop) -> None:
    shop.move("10")  # goods received, through the API key
    shop.wait_listing(10, "the listing shows the goods received")
    _till_sale(shop, "3")  # three sold at the till
    shop.wait_listing(7, "the listing shows the till's sale")
    assert shop.level() == 7000


def test_an_order_pushed_twice_moves_the_stock_once(shop: Shop, cloud_db: Database) -> None:
    shop.move("10")
    shop.wait_listing(10, "the listing shows the goods received")
    orders = parse_orders(ORDER)
    pos = PosApi(shop.cloud.url, shop.api_key)
    try:
        first = push_all(pos, STORE, orders)
        again = push_all(pos, STORE, orders)  # the answer was lost: the whole file runs again
    finally:
        pos.close()
    assert [r.status for r in first] == ["pushed"], first
    assert [r.status for r in again] == ["already pushed"], again
    assert again[0].detail == first[0].detail  # the same movement id, replayed
    assert _movements(cloud_db, shop.org_id, "tokopedia:INV/20261208/MPL/1041") == 1
    assert shop.level() == 8000
    shop.wait_listing(8, "the listing shows the online order")


def test_push_orders_command_says_what_went_wrong(
    shop: Shop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("POS_URL", shop.cloud.url)
    monkeypatch.setenv("POS_KEY", shop.api_key)
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(ORDER))
    assert push_orders.main(["--store", STORE, str(path)]) == 0
    assert push_orders.main(["--store", STORE, str(path)]) == 0  # replayed: still fine
    assert shop.level() == -2000
    # The same order line with another quantity: the key was used for something else.
    ORDER_CHANGED = {
        "orders": [{**ORDER["orders"][0], "lines": [{"sku": "IND-001", "quantity": 5}]}]
    }
    path.write_text(json.dumps(ORDER_CHANGED))
    caplog.clear()
    assert push_orders.main(["--store", STORE, str(path)]) == 1
    assert "idempotency.key_reused" in caplog.text and "correct the stock by hand" in caplog.text
    # A SKU the POS does not know, and a key without the scope.
    path.write_text(json.dumps([{"order_id": "X-1", "lines": [{"sku": "NOPE", "quantity": 1}]}]))
    caplog.clear()
    assert push_orders.main(["--store", STORE, str(path)]) == 1
    assert "SKU NOPE is not in the POS catalog" in caplog.text
    r = shop.owner.post("/v1/api-keys", json={"name": "read only", "scopes": ["products:read"]})
    monkeypatch.setenv("POS_KEY", r.json()["secret"])
    path.write_text(json.dumps(ORDER))
    caplog.clear()
    assert push_orders.main(["--store", STORE, str(path)]) == 1
    assert (
        "auth.scope_missing" in caplog.text and "give the key the scope stock:write" in caplog.text
    )
    assert shop.level() == -2000  # none of the refused pushes moved anything


def _forged(shop: Shop, *, secret: str, age_s: int = 0) -> httpx.Response:
    """A well-formed stock.changed for P-1, signed with ``secret`` at ``age_s`` seconds ago."""
    now = datetime.now(UTC)
    body = json.dumps(
        {
            "type": "stock.changed",
            "timestamp": now.isoformat().replace("+00:00", "Z"),
            "data": {"store_code": STORE, "product_id": "P-1", "change_milli": 0},
        }
    ).encode()
    webhook_id = f"msg_{uuid.uuid4().hex}"
    stamp = int(time.time()) - age_s
    headers = {
        "content-type": "application/json",
        "webhook-id": webhook_id,
        "webhook-timestamp": str(stamp),
        "webhook-signature": sign(secret, webhook_id, stamp, body),
    }
    return httpx.post(shop.receiver.url, content=body, headers=headers, timeout=30)


def test_a_request_not_signed_by_the_cloud_changes_nothing(shop: Shop) -> None:
    shop.move("10")
    shop.wait_listing(10, "the listing shows the goods received")
    shop.catalog.set_stock("IND-001", 99)  # an event applied now would set it back to 10
    accepted = shop.receiver.applier.state.count()
    stranger = "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY="
    assert _forged(shop, secret=stranger).status_code == 401
    assert _forged(shop, secret=shop.secret, age_s=10 * 60).status_code == 401  # replayed
    unsigned = httpx.post(shop.receiver.url, content=b'{"type":"stock.changed"}', timeout=30)
    assert unsigned.status_code == 401
    assert shop.receiver.applier.state.count() == accepted
    assert shop.listing_stock() == 99
    # The same request signed with the endpoint's secret is applied: the refusals above were
    # the signature's doing.
    assert _forged(shop, secret=shop.secret).status_code == 200
    shop.wait_listing(10, "the genuine request applied")


def _redeliver(shop: Shop, event_id: str, attempts: int) -> None:
    """Ask the cloud to send ``event_id`` again and wait until the receiver has answered it."""
    r = shop.owner.post(
        f"/v1/webhooks/endpoints/{shop.endpoint_id}/deliveries/{event_id}/redeliver"
    )
    assert r.status_code == 202, r.text

    def answered() -> bool:
        found = next(d for d in shop.deliveries() if d["event_id"] == event_id)
        return bool(found["status"] == "delivered" and found["attempts"] > attempts)

    wait_for(answered, "the cloud delivered the event again")
    # Had the receiver taken it as new, it would be waiting now: let it be applied first.
    state = shop.receiver.applier.state
    wait_for(lambda: not state.waiting(), "the receiver has nothing left to apply")


def test_a_redelivered_webhook_changes_nothing_even_after_a_restart(shop: Shop) -> None:
    shop.move("10")
    shop.wait_listing(10, "the listing shows the goods received")
    (delivery,) = shop.deliveries()
    event_id, attempts = delivery["event_id"], delivery["attempts"]
    assert shop.receiver.applier.state.outcome(event_id) == "stock 10"
    shop.catalog.set_stock("IND-001", 99)  # applying the event again would set it back to 10
    _redeliver(shop, event_id, attempts)
    assert shop.listing_stock() == 99
    assert "duplicate" in next(d for d in shop.deliveries())["response_excerpt"]
    # A new receiver process on the same files remembers the id.
    shop.receiver.stop()
    shop.start_receiver()
    _redeliver(shop, event_id, attempts + 1)
    assert shop.listing_stock() == 99
    assert "duplicate" in next(d for d in shop.deliveries())["response_excerpt"]
    assert shop.receiver.applier.state.count() == 1
    # ...and still applies what is new.
    shop.move("-1", reason="adjust")
    shop.wait_listing(9, "the restarted receiver applies a new event")


def test_an_event_waits_in_the_receiver_until_the_listing_can_be_set(shop: Shop) -> None:
    """The answer does not wait for the cloud's API: with the integration's key revoked (the
    applier cannot read the levels) the event is still accepted and kept, and applied once the
    receiver runs again with a new key."""
    (key,) = shop.owner.get("/v1/api-keys").json()["items"]
    assert shop.owner.delete(f"/v1/api-keys/{key['key_id']}").status_code == 200
    body = {"store_code": STORE, "product_id": "P-1", "quantity": "4", "reason": "receive"}
    assert shop.owner.post("/v1/stock/movements", json=body).status_code == 201
    wait_for(lambda: [d["status"] for d in shop.deliveries()] == ["delivered"], "delivered")
    (delivery,) = shop.deliveries()
    assert shop.receiver.applier.state.outcome(delivery["event_id"]) is None  # waiting
    assert shop.listing_stock() == 0
    made = shop.owner.post("/v1/api-keys", json={"name": "again", "scopes": KEY_SCOPES})
    shop.api_key = made.json()["secret"]
    shop.receiver.stop()
    shop.start_receiver()
    shop.wait_listing(4, "the waiting event applied with the new key")


def test_the_owners_test_event_is_accepted_and_changes_nothing(shop: Shop) -> None:
    r = shop.owner.post(f"/v1/webhooks/endpoints/{shop.endpoint_id}/test")
    assert r.status_code == 202, r.text
    event_id = r.json()["event_id"]
    delivered = [{"event_id": event_id, "status": "delivered"}]
    wait_for(
        lambda: [{k: d[k] for k in ("event_id", "status")} for d in shop.deliveries()] == delivered,
        "the test event delivered",
    )
    assert shop.receiver.applier.state.outcome(event_id) == "not used"
    assert shop.listing_stock() == 0
