"""The real thing: ``pos-server serve`` with two worker processes delivers webhooks from its own
threads, and ``kill -9`` of the whole server while deliveries are in flight loses none of them:
their leases run out and a worker delivers them afterwards (the receiver may get an in-flight one
twice, with the same webhook-id, never zero times)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from server_stub import tenancy
from server_stub.core.db import Clock, Database, utcnow
from server_stub.core.security.server_secret import load_keys
from server_stub.webhooks import endpoints
from server_stub.webhooks.endpoints import EndpointIn
from tests.server.factories import PASSWORD, STD_ITEMS, make_sale
from tests.server.test_webhooks_support import Receiver, clear, deliveries, receiver, worker
from tests.server_process import CloudServer

FIXTURES = (receiver,)
"""Shared fixtures (``test_webhooks_support``), imported so that pytest finds them by name."""

pytestmark = pytest.mark.slow

SALES = 40
WAIT_S = 60.0
"""Generous upper bound for anything to happen; the test moves on as soon as it has."""


def wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)  # polling the receiver and the database: there is no event to wait on
    raise AssertionError(f"not within {WAIT_S} s: {what}")


def _settled(receiver: Receiver) -> int:
    """The requests the receiver got from the killed server, once the last of those already
    sent has been read (the count stays the same for half a second)."""
    seen, since = len(receiver.received()), time.monotonic()
    deadline = since + WAIT_S
    while time.monotonic() < deadline:
        time.sleep(0.05)  # polling the receiver's count: there is no event to wait on
        now = len(receiver.received())
        if now != seen:
            seen, since = now, time.monotonic()
        elif time.monotonic() - since >= 0.5:
            break
    return seen


@pytest.fixture
def clock() -> Clock:
    """The server runs in its own process on real time: so does the receiver's check."""
    return utcnow


@pytest.fixture
def clean(database: Database) -> Iterator[None]:
    yield
    clear(database)


def shop_with_endpoint(database: Database, receiver: Receiver) -> tuple[str, str]:
    """An organization with one store and an endpoint at the receiver; (org id, pairing code)."""
    now = datetime.now(UTC)
    with database.write() as session:
        org, _ = tenancy.create_owner(
            session,
            org_name="Hooks",
            email=f"hooks-{uuid.uuid4().hex[:10]}@test.local",
            password=PASSWORD,
            now=now,
        )
        store = tenancy.create_store(session, org.org_id, code="S01", name="Hooks", now=now)
        code = tenancy.issue_enrollment_code(
            session, store, pepper=load_keys(session).enrollment_pepper, now=now
        ).code
        _, secret = endpoints.create_endpoint(
            session,
            org.org_id,
            EndpointIn(url=receiver.url, event_types=["sale.created"]),
            now,
            allow_loopback=True,
        )
        session.commit()
    receiver.secrets.append(secret)
    return org.org_id, code


def test_kill_9_during_delivery_loses_nothing(
    database_url: str,
    database: Database,
    receiver: Receiver,
    clean: None,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    org_id, code = shop_with_endpoint(database, receiver)
    env = {"POS_SERVER_WEBHOOK_LOOPBACK": "1", "POS_SERVER_WEBHOOK_SECONDS": "0.1"}
    server = CloudServer(database_url, tmp_path_factory.mktemp("hooks"), workers=2, env=env)
    receiver.delay_s = 1.0  # slow answers: deliveries are in flight when the server dies
    server.start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            paired = client.post("/v1/devices/enroll", json={"code": code}).json()
            till = {"Authorization": f"Bearer {paired['device_id']}.{paired['device_secret']}"}
            sales = [
                make_sale(STD_ITEMS, till_code=paired["till_code"]).to_json() for _ in range(SALES)
            ]
            r = client.post("/v1/sync/sales", json={"sales": sales}, headers=till)
            assert r.status_code == 200, r.text
        wait_for(lambda: len(receiver.received()) >= 3, "the server's workers sending")
    finally:
        server.kill()
    in_flight = _settled(receiver)
    assert in_flight < SALES  # it died mid-way
    receiver.delay_s = 0.0
    # Later (the leases have run out), any worker delivers what the dead server held or had
    # not reached yet.
    later = datetime.now(UTC) + timedelta(minutes=2)  # past any lease, within verify's 5 min
    deliver = worker(database, lambda: later)
    assert deliver.run_until_idle() >= SALES - in_flight
    rows = deliveries(database, org_id)
    assert len(rows) == SALES and {r.status for r in rows} == {"delivered"}
    counts = receiver.ids()
    assert set(counts) == {r.event_id for r in rows}  # every event arrived
    repeated = [i for i, n in counts.items() if n > 1]
    assert len(repeated) <= in_flight and set(counts.values()) <= {1, 2}
    assert all(r.verified for r in receiver.received())
