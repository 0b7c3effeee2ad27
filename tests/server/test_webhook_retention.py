"""Retention: delivered events and their delivery log go after N days; an event still to be
delivered to any endpoint that wants it never goes, however old; pruning goes in batches and
the worker does it with the days from ``POS_SERVER_WEBHOOK_RETENTION_DAYS``. Time is the tests'
clock, moved by days; nothing waits."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from server_stub.core.db import Database
from server_stub.models import WebhookDelivery, WebhookEvent
from server_stub.webhooks import retention
from tests.server.factories import STD_ITEMS, FakeClock, Tenant, make_sale, push
from tests.server.test_webhooks_support import (
    Receiver,
    add_endpoint,
    hooks,
    receiver,
    shop,
    worker,
)

FIXTURES = (hooks, receiver, shop)
"""Shared fixtures (``test_webhooks_support``), imported so that pytest finds them by name."""

DAY = 24 * 3600.0


def subscribe(hooks: TestClient, shop: Tenant, receiver: Receiver) -> dict[str, Any]:
    hook = add_endpoint(hooks, shop, receiver.url, ["sale.created"])
    receiver.secrets.append(hook["secret"])
    return hook


def sell(hooks: TestClient, shop: Tenant, n: int = 1) -> None:
    """``n`` sales in one batch: their events share one creation time."""
    push(hooks, shop.device(), *(make_sale(STD_ITEMS).to_json() for _ in range(n)))


def counts(database: Database, org_id: str) -> tuple[int, int]:
    """(events, deliveries) of ``org_id``."""
    with database.read() as session:
        events = session.execute(
            select(func.count()).select_from(WebhookEvent).where(WebhookEvent.org_id == org_id)
        ).scalar_one()
        rows = session.execute(
            select(func.count())
            .select_from(WebhookDelivery)
            .where(WebhookDelivery.org_id == org_id)
        ).scalar_one()
    return int(events), int(rows)


def statuses(database: Database, org_id: str) -> list[str]:
    with database.read() as session:
        return sorted(
            session.execute(
                select(WebhookDelivery.status).where(WebhookDelivery.org_id == org_id)
            ).scalars()
        )


def test_delivered_events_and_their_log_go_after_the_retention_only(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    subscribe(hooks, shop, receiver)
    deliver = worker(database, clock)
    sell(hooks, shop, 2)
    assert deliver.run_until_idle() == 2
    clock.advance(29 * DAY)
    sell(hooks, shop)
    assert deliver.run_until_idle() == 1
    assert retention.prune(database, clock(), 30) == retention.Pruned(0, 0)  # none is 30 days
    clock.advance(2 * DAY)  # the first two are 31 days old, the last 2 days
    assert retention.prune(database, clock(), 30) == retention.Pruned(2, 2)
    assert counts(database, shop.org_id) == (1, 1)
    assert statuses(database, shop.org_id) == ["delivered"]


def test_an_event_not_yet_delivered_everywhere_is_never_pruned(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    """One endpoint got it, one keeps failing, one was switched off before it was sent, and one
    event was never dispatched at all: 90 days on, every such event is still there."""
    subscribe(hooks, shop, receiver)
    failing = Receiver(clock, status=500).start()
    paused = Receiver(clock).start()
    try:
        subscribe(hooks, shop, failing)
        off = subscribe(hooks, shop, paused)
        sell(hooks, shop)
        worker(database, clock).dispatch()
        r = hooks.patch(
            f"/v1/webhooks/endpoints/{off['id']}", json={"enabled": False}, headers=shop.owner
        )
        assert r.status_code == 200, r.text
        worker(database, clock).run_until_idle()
        assert statuses(database, shop.org_id) == ["delivered", "failed", "pending"]
        sell(hooks, shop)  # never dispatched: no worker runs again
        clock.advance(90 * DAY)
        pruned = retention.prune(database, clock(), 30)
        assert pruned == retention.Pruned(1, 0)  # the delivered log row only
        assert counts(database, shop.org_id) == (2, 2)
        assert statuses(database, shop.org_id) == ["failed", "pending"]
    finally:
        failing.stop()
        paused.stop()


def test_a_dead_delivery_stays_in_the_log_for_the_retention_after_its_last_attempt(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    subscribe(hooks, shop, receiver)
    receiver.status = 500
    sell(hooks, shop)
    deliver = worker(database, clock)
    for _ in range(12):  # a retry at each step until it is dead, 3 days on
        deliver.run_until_idle()
        clock.advance(10 * 3600)
    assert statuses(database, shop.org_id) == ["dead"]
    clock.advance(25 * DAY)  # the event is 30 days old; its last attempt less than that
    assert retention.prune(database, clock(), 30) == retention.Pruned(0, 0)
    clock.advance(5 * DAY)
    assert retention.prune(database, clock(), 30) == retention.Pruned(1, 1)
    assert counts(database, shop.org_id) == (0, 0)


def test_pruning_goes_in_batches_past_events_it_must_keep(
    hooks: TestClient, shop: Tenant, receiver: Receiver, database: Database, clock: FakeClock
) -> None:
    """Seven events made in one instant, batches of two, and the first three of them still to
    be sent: the batches walk past the kept ones and remove all the rest."""
    subscribe(hooks, shop, receiver)
    sell(hooks, shop, 7)
    assert worker(database, clock).run_until_idle() == 7
    with database.read() as session:
        first = list(
            session.execute(
                select(WebhookEvent.event_id)
                .where(WebhookEvent.org_id == shop.org_id)
                .order_by(WebhookEvent.event_id)
                .limit(3)
            ).scalars()
        )
    with database.write() as session:  # as if these three failed and wait for a retry
        session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.event_id.in_(first))
            .values(status="failed", delivered_at=None)
        )
        session.commit()
    clock.advance(31 * DAY)
    assert retention.prune(database, clock(), 30, batch=2) == retention.Pruned(4, 4)
    assert counts(database, shop.org_id) == (3, 3)


def test_the_worker_prunes_with_the_days_from_the_environment(
    hooks: TestClient,
    shop: Tenant,
    receiver: Receiver,
    database: Database,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(retention.ENV_DAYS, "7")
    subscribe(hooks, shop, receiver)
    deliver = worker(database, clock)
    assert deliver.retention_days == 7
    sell(hooks, shop)
    deliver.run_until_idle()
    clock.advance(8 * DAY)
    assert deliver.prune(now=True) == retention.Pruned(1, 1)
    assert counts(database, shop.org_id) == (0, 0)


def test_the_retention_setting_is_read_and_checked() -> None:
    assert retention.days_from_env({}) == 30
    assert retention.days_from_env({retention.ENV_DAYS: " 90 "}) == 90
    for wrong in ("0", "-3", "a month", "1.5"):
        with pytest.raises(ValueError, match=retention.ENV_DAYS):
            retention.days_from_env({retention.ENV_DAYS: wrong})
