"""``pos-server deliver``: the API with delivery off (``POS_SERVER_WEBHOOK_SECONDS=0``) stores
sales and their events but sends nothing; a delivery process of its own, started beside it,
sends every event once, signed, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from server_stub.core.db import Database
from tests.server.factories import STD_ITEMS, make_sale
from tests.server.test_webhooks_process import clean, clock, shop_with_endpoint, wait_for
from tests.server.test_webhooks_support import Receiver, deliveries, receiver
from tests.server_process import CloudServer

FIXTURES = (receiver, clean, clock)
"""Shared fixtures (the webhook tests' support and process modules), found by pytest by name."""

pytestmark = pytest.mark.slow

SALES = 12
QUIET_S = 1.5
"""How long the API alone is watched for sending anything (it polls every 0.1 s if it would)."""


def _deliverer(database_url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "POS_SERVER_DATABASE_URL": database_url,
        "POS_SERVER_WEBHOOK_LOOPBACK": "1",
        "POS_SERVER_WEBHOOK_SECONDS": "0",  # the API's setting: the deliverer polls anyway
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "server_stub", "-v", "deliver", "--no-migrate"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def test_a_delivery_process_of_its_own_sends_what_the_api_only_stores(
    database_url: str,
    database: Database,
    receiver: Receiver,
    clean: None,
    tmp_path: Path,
) -> None:
    org_id, code = shop_with_endpoint(database, receiver)
    env = {"POS_SERVER_WEBHOOK_LOOPBACK": "1", "POS_SERVER_WEBHOOK_SECONDS": "0"}
    server = CloudServer(database_url, tmp_path, workers=2, env=env)
    server.start()
    deliverer = None
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            paired = client.post("/v1/devices/enroll", json={"code": code}).json()
            till = {"Authorization": f"Bearer {paired['device_id']}.{paired['device_secret']}"}
            sales = [
                make_sale(STD_ITEMS, till_code=paired["till_code"]).to_json() for _ in range(SALES)
            ]
            r = client.post("/v1/sync/sales", json={"sales": sales}, headers=till)
            assert r.status_code == 200, r.text
        time.sleep(QUIET_S)  # the API would have sent by now if it delivered at all
        assert receiver.received() == []
        deliverer = _deliverer(database_url, tmp_path / "deliver.log")
        wait_for(lambda: len(receiver.received()) >= SALES, "the delivery process sending")
        deliverer.send_signal(signal.SIGTERM)
        assert deliverer.wait(timeout=60) == 0, (tmp_path / "deliver.log").read_text()
    finally:
        if deliverer is not None and deliverer.poll() is None:
            deliverer.kill()
        server.stop()
    rows = deliveries(database, org_id)
    assert len(rows) == SALES and {r.status for r in rows} == {"delivered"}
    assert sorted(receiver.ids().values()) == [1] * SALES
    assert all(r.verified for r in receiver.received())
    assert "webhook delivery stopped" in (tmp_path / "deliver.log").read_text()
