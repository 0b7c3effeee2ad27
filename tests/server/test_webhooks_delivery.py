"""Webhooks end to end with a real receiver on 127.0.0.1: a synced sale arrives once, signed; a
receiver that is down for an hour gets every event afterwards, once per webhook-id and in order
per resource; a worker that dies mid-delivery loses nothing; two workers never send one event at
the same time; 3 days of failures disable the endpoint. Time is the tests' clock: retries are
scheduled on it and the tests move it, so nothing waits for hours or depends on timing."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient

from pos_desktop.domain.sale import SaleRecord
from server_stub.core.db import Database, utcnow
from server_stub.webhooks import queue
from tests.server.factories import (
    STD_ITEMS,
    FakeClock,
    Item,
    Tenant,
    bearer,
    login,
    make_sale,
    make_tenant,
    push,
)
from tests.server.test_refunds_api import make_refund
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

RICE = Item("P-9", "BER-5KG", "Beras 5 kg", 72_500, "1")


def subscribe(hooks: TestClient, shop: Tenant, receiver: Receiver, *types: str) -> dict[str, Any]:
    hook = add_endpoint(hooks, shop, receiver.url, list(types))
    receiver.secrets.append(hook["secret"])
    return hook


def log_of(hooks: TestClient, shop: Tenant, hook: dict[str, Any], **params: Any) -> Any:
    r = hooks.get(
        f"/v1/webhooks/endpoints/{hook['id']}/deliveries", params=params, headers=shop.owner
    )
    assert r.status_code == 200, r.text
    return r.json()


def test_a_synced_sale_reaches_the_receiver_once_signed(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    hook = subscribe(hooks, shop, receiver, "sale.created")
    sale = make_sale(STD_ITEMS)
    push(hooks, shop.device(), sale.to_json())
    push(hooks, shop.device(), sale.to_json())  # the till sends it again: no second event
    assert worker(database, clock).run_until_idle() == 1
    (got,) = receiver.received()
    assert got.verified and got.type == "sale.created" and got.answered == 200
    assert got.headers["content-type"] == "application/json"
    assert int(got.headers["webhook-timestamp"]) == int(clock().timestamp())
    assert data_of(got)["sale_id"] == sale.sale_id and data_of(got)["sale"] == sale.to_json()
    (row,) = log_of(hooks, shop, hook)["items"]
    assert (row["event_id"], row["status"], row["attempts"]) == (got.webhook_id, "delivered", 1)
    assert row["last_status_code"] == 200 and row["response_excerpt"] == '{"ok":true}'
    assert row["last_latency_ms"] is not None and row["delivered_at"] is not None
    assert worker(database, clock).run_until_idle() == 0


def _sell_rice(
    hooks: TestClient, shop: Tenant, n: int, clock: FakeClock, step: float = 30
) -> list[SaleRecord]:
    sales = []
    for _ in range(n):
        sale = make_sale([RICE])
        push(hooks, shop.device(), sale.to_json())
        sales.append(sale)
        clock.advance(step)
    return sales


def test_a_receiver_down_for_an_hour_gets_every_event_once_in_order(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    subscribe(hooks, shop, receiver, "sale.created", "refund.created", "stock.changed")
    receiver.status = 500
    deliver = worker(database, clock)
    sales = _sell_rice(hooks, shop, 6, clock)
    refund = make_refund(SaleRecord.from_json(sales[0].to_json()), {1: Decimal("1")})
    r = hooks.post(
        "/v1/sync/refunds", json={"documents": [refund.to_json()]}, headers=shop.device()
    )
    assert r.json()["results"][0]["status"] == "accepted"
    for _ in range(60):  # an hour of failures, a worker round every minute
        deliver.run_until_idle()
        clock.advance(60)
    receiver.stop()  # and the last minutes: nobody listening at all
    deliver.run_until_idle()
    clock.advance(600)
    deliver.run_until_idle()
    assert receiver.accepted() == []
    receiver.status = 200
    receiver.start()
    for _ in range(24):  # the next retries come within the following hours
        clock.advance(1800)
        deliver.run_until_idle()
    accepted = receiver.accepted()
    made = [d.event_id for d in deliveries(database, shop.org_id)]
    assert sorted(r.webhook_id for r in accepted) == sorted(made)  # each once
    assert len(made) == 6 + 6 + 1 + 1  # sales, their stock, the refund, its stock
    assert all(r.verified for r in receiver.received())
    stock = [r.webhook_id for r in accepted if r.type == "stock.changed"]
    assert stock == sorted(stock)  # one resource (the rice in S01): in the order made
    first = sales[0].sale_id
    order = [
        r.type
        for r in accepted
        if first in (data_of(r).get("sale_id"), data_of(r).get("original_sale_id"))
    ]
    assert order == ["sale.created", "refund.created"]
    assert {d.status for d in deliveries(database, shop.org_id)} == {"delivered"}


def test_an_older_event_still_failing_holds_back_newer_ones_of_its_resource(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    subscribe(hooks, shop, receiver, "stock.changed", "sale.created")
    deliver = worker(database, clock)
    receiver.status = 500
    _sell_rice(hooks, shop, 1, clock, step=0)
    deliver.run_until_idle()  # both fail: the sale and the rice's stock
    receiver.status = 200
    _sell_rice(hooks, shop, 1, clock, step=0)
    deliver.run_until_idle()
    # The second sale's own event goes (another resource); its stock waits for the first.
    assert [r.type for r in receiver.accepted()] == ["sale.created"]
    clock.advance(10)
    deliver.run_until_idle()
    stock = [r.webhook_id for r in receiver.accepted() if r.type == "stock.changed"]
    assert len(stock) == 2 and stock == sorted(stock)


def test_a_worker_that_dies_after_claiming_loses_nothing(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    subscribe(hooks, shop, receiver, "sale.created")
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    crashed = worker(database, clock)
    crashed.dispatch()
    (claimed,) = crashed.claim()  # ... and the process dies here: nothing sent or recorded
    other = worker(database, clock)
    assert other.run_until_idle() == 0  # leased: not sent twice at once
    clock.advance(crashed.lease_s - 1)
    assert other.run_until_idle() == 0
    clock.advance(2)
    assert other.run_until_idle() == 1
    assert [r.webhook_id for r in receiver.accepted()] == [claimed.event_id]
    (row,) = deliveries(database, shop.org_id)
    assert (row.status, row.attempts) == ("delivered", 2)


def test_a_worker_that_dies_after_sending_repeats_it_only_after_the_lease(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    """At least once: the receiver got it but the result was never recorded; the same
    webhook-id comes again once the lease runs out, and the receiver dedupes by it."""
    subscribe(hooks, shop, receiver, "sale.created")
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    crashed = worker(database, clock)
    crashed.dispatch()
    claimed = crashed.claim()
    crashed.send(claimed)  # sent; the process dies before recording
    late = crashed.send(claimed)[0][1]
    assert late.ok
    other = worker(database, clock)
    assert other.run_until_idle() == 0
    clock.advance(crashed.lease_s + 1)
    assert other.run_until_idle() == 1
    assert receiver.ids() == {claimed[0].event_id: 3}
    # The dead worker's late record finds its lease taken over and changes nothing.
    crashed.record([(claimed[0], late)])
    (row,) = deliveries(database, shop.org_id)
    assert (row.status, row.attempts) == ("delivered", 2)


def test_two_workers_never_send_one_event_at_the_same_time(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database
) -> None:
    """Real threads and the real clock: 2 workers share 120 deliveries; the receiver answers
    slowly so overlapping sends would show. Each webhook-id arrives exactly once."""
    subscribe(hooks, shop, receiver, "sale.created")
    receiver.delay_s = 0.01
    for _ in range(4):
        push(hooks, shop.device(), *[make_sale(STD_ITEMS).to_json() for _ in range(30)])
    pair = [worker(database, utcnow, batch=8, concurrency=4) for _ in range(2)]
    done = threading.Barrier(2)
    counts: list[int] = []

    def run(w: Any) -> None:
        done.wait()
        counts.append(w.run_until_idle())

    threads = [threading.Thread(target=run, args=(w,)) for w in pair]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for w in pair:
        w.stop()
    assert sum(counts) == 120
    assert receiver.overlaps == 0
    assert set(receiver.ids().values()) == {1} and len(receiver.ids()) == 120


def test_three_days_of_failures_disable_the_endpoint_and_tell_the_owner(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    hook = subscribe(hooks, shop, receiver, "sale.created")
    receiver.status = 503
    receiver.answer = b"x" * 5000
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    deliver = worker(database, clock)
    waits = []
    for _ in range(40):
        deliver.run_until_idle()
        (row,) = deliveries(database, shop.org_id)
        if row.status == "dead":
            break
        waits.append(round((row.next_attempt_at - clock()).total_seconds()))
        clock.advance((row.next_attempt_at - clock()).total_seconds())
    assert waits[:6] == [5, 300, 1800, 7200, 18000, 36000]  # jitter 0 at rng 0.5
    assert row.status == "dead" and row.last_status_code == 503
    assert len(row.response_excerpt or "") == 500  # the first 500 bytes, never the whole
    assert row.last_attempt_at is not None
    spent = row.last_attempt_at - row.created_at
    assert queue.RETRY_FOR - queue.RETRY_FOR / 100 <= spent <= queue.RETRY_FOR
    shop.owner = bearer(login(hooks, shop.email, shop.totp_secret, clock)["access_token"])
    r = hooks.get(f"/v1/webhooks/endpoints/{hook['id']}", headers=shop.owner)
    assert r.json()["enabled"] is False
    assert (
        r.json()["disabled_reason"].startswith("failing") and "503" in r.json()["disabled_reason"]
    )
    # Disabled: new events are not even written for it; switched back on, they are again.
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    assert len(deliveries(database, shop.org_id)) == 1
    r = hooks.patch(
        f"/v1/webhooks/endpoints/{hook['id']}", json={"enabled": True}, headers=shop.owner
    )
    assert r.json()["enabled"] is True and r.json()["disabled_reason"] is None


def test_redirects_are_not_followed(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    elsewhere = Receiver(clock).start()
    try:
        hook = subscribe(hooks, shop, receiver, "sale.created")
        receiver.status, receiver.location = 302, elsewhere.url
        push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
        worker(database, clock).run_until_idle()
        assert len(receiver.received()) == 1 and elsewhere.received() == []
        (row,) = log_of(hooks, shop, hook)["items"]
        assert (row["status"], row["last_status_code"]) == ("failed", 302)
    finally:
        elsewhere.stop()


def test_the_target_is_checked_again_at_delivery(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    """Saved while loopback was allowed; a worker that does not allow it refuses to send."""
    hook = subscribe(hooks, shop, receiver, "sale.created")
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    worker(database, clock, allow_loopback=False).run_until_idle()
    assert receiver.received() == []
    (row,) = log_of(hooks, shop, hook)["items"]
    assert row["status"] == "failed" and row["last_error"].startswith("refused target")


def test_rotation_signs_with_both_secrets_for_a_day(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    hook = subscribe(hooks, shop, receiver, "sale.created")
    old = hook["secret"]
    r = hooks.post(f"/v1/webhooks/endpoints/{hook['id']}/rotate-secret", headers=shop.owner)
    assert r.status_code == 200, r.text
    new = r.json()["secret"]
    assert new != old and new.startswith("whsec_")
    deliver = worker(database, clock)
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    deliver.run_until_idle()
    for secret in (old, new):
        receiver.secrets = [secret]
        receiver.keep(receiver.received()[0].headers, receiver.received()[0].body, "/", 200)
        assert receiver.received()[-1].verified
    clock.advance(24 * 3600 + 1)
    shop.owner = bearer(login(hooks, shop.email, shop.totp_secret, clock)["access_token"])
    push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
    deliver.run_until_idle()
    last = receiver.received()[-1]
    assert len(last.headers["webhook-signature"].split()) == 1
    receiver.secrets = [old]
    receiver.keep(last.headers, last.body, "/", 200)
    assert not receiver.received()[-1].verified


def test_a_test_event_and_a_redelivery_from_the_api(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    hook = subscribe(hooks, shop, receiver, "sale.created")
    r = hooks.post(f"/v1/webhooks/endpoints/{hook['id']}/test", headers=shop.owner)
    assert r.status_code == 202, r.text
    deliver = worker(database, clock)
    deliver.run_until_idle()
    (got,) = receiver.received()
    assert got.type == "webhook.test" and got.webhook_id == r.json()["event_id"] and got.verified
    r = hooks.post(
        f"/v1/webhooks/endpoints/{hook['id']}/deliveries/{got.webhook_id}/redeliver",
        headers=shop.owner,
    )
    assert r.status_code == 202, r.text
    deliver.run_until_idle()
    assert receiver.ids() == {got.webhook_id: 2}
    (row,) = log_of(hooks, shop, hook)["items"]
    assert (row["status"], row["attempts"]) == ("delivered", 2)
    unknown = "msg_" + "0" * 26
    r = hooks.post(
        f"/v1/webhooks/endpoints/{hook['id']}/deliveries/{unknown}/redeliver",
        headers=shop.owner,
    )
    assert r.status_code == 404


def test_the_delivery_log_pages_newest_first_and_filters_by_status(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    hook = subscribe(hooks, shop, receiver, "sale.created")
    push(hooks, shop.device(), *[make_sale(STD_ITEMS).to_json() for _ in range(5)])
    worker(database, clock).run_until_idle()
    first = log_of(hooks, shop, hook, limit=2)
    second = log_of(hooks, shop, hook, limit=2, cursor=first["next_cursor"])
    third = log_of(hooks, shop, hook, limit=2, cursor=second["next_cursor"])
    ids = [i["event_id"] for page in (first, second, third) for i in page["items"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 5
    assert third["next_cursor"] is None
    assert log_of(hooks, shop, hook, status="failed")["items"] == []
    assert len(log_of(hooks, shop, hook, status="delivered")["items"]) == 5


def test_another_organization_cannot_see_or_touch_an_endpoint(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    hook = subscribe(hooks, shop, receiver, "sale.created")
    other = make_tenant(hooks, database, clock, name="Lain")
    base = f"/v1/webhooks/endpoints/{hook['id']}"
    assert hooks.get(base, headers=other.owner).status_code == 404
    assert hooks.delete(base, headers=other.owner).status_code == 404
    assert hooks.get(base + "/deliveries", headers=other.owner).status_code == 404
    assert hooks.get("/v1/webhooks/endpoints", headers=other.owner).json()["items"] == []


def test_a_kept_connection_is_reused_and_a_closed_one_replaced(
    hooks: TestClient, shop: Tenant, database: Database, clock: FakeClock
) -> None:
    """A receiver that keeps connections open gets one worker thread's deliveries over one
    connection; once it has closed that connection, the next delivery still arrives (sent
    again on a new connection, not counted as a failed attempt)."""
    receiver = Receiver(clock, keep_alive=True).start()
    try:
        subscribe(hooks, shop, receiver, "sale.created")
        deliver = worker(database, clock, concurrency=1)
        for _ in range(3):
            push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
            deliver.run_until_idle()
        assert len({r.client_port for r in receiver.received()}) == 1
        receiver.drop_connections()
        push(hooks, shop.device(), make_sale(STD_ITEMS).to_json())
        deliver.run_until_idle()
        assert len(receiver.accepted()) == 4
        assert len({r.client_port for r in receiver.received()}) == 2
        rows = deliveries(database, shop.org_id)
        assert {(d.status, d.attempts) for d in rows} == {("delivered", 1)}
        deliver.stop()
    finally:
        receiver.stop()
