"""A real cloud (``pos-server serve`` on 127.0.0.1, loopback webhook targets allowed) shared by
the module, and per test a fresh organization set up the way README.md tells an owner to: the
owner signs in, makes a store, a product, an API key and a webhook endpoint over HTTP, and the
example's receiver runs on 127.0.0.1 with the key and the endpoint's secret."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from examples.ecommerce_stock.receiver import StockReceiver, build, build_applier
from examples.ecommerce_stock.shop import ShopCatalog
from server_stub import tenancy
from server_stub.core import migrate
from server_stub.core.db import Database
from server_stub.core.security import totp
from tests.server_process import CloudServer, free_port

PASSWORD = "correct horse battery staple"
STORE = "S01"
WAIT_S = 60.0
"""Generous upper bound for the cloud and the receiver to act; tests go on as soon as they have."""
KEY_SCOPES = ["stock:read", "stock:write", "products:read"]


def wait_for(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)  # polling the listing or the delivery log: there is no event to wait on
    raise AssertionError(f"not within {WAIT_S} s: {what}")


@pytest.fixture(scope="module")
def cloud_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("cloud-db") / "pos-server.db"
    db = Database(f"sqlite:///{path}", pool_size=2)
    migrate.upgrade(db.engine)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def cloud(cloud_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CloudServer]:
    env = {"POS_SERVER_WEBHOOK_LOOPBACK": "1", "POS_SERVER_WEBHOOK_SECONDS": "0.1"}
    server = CloudServer(cloud_db.url, tmp_path_factory.mktemp("cloud"), env=env)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Shop:
    """One organization in the cloud and the example running against it."""

    cloud: CloudServer
    org_id: str
    owner: httpx.Client
    """Signed in as the owner (the back office's person), for what the owner does."""
    key: httpx.Client
    """With the integration's API key, for what the integration does."""
    api_key: str
    endpoint_id: str
    secret: str
    catalog: ShopCatalog
    state_path: Path
    port: int
    receivers: list[StockReceiver] = field(default_factory=list)

    @property
    def receiver(self) -> StockReceiver:
        return self.receivers[-1]

    def start_receiver(self) -> StockReceiver:
        """The receiver as ``python -m ecommerce_stock.receiver`` builds it, on its port."""
        applier = build_applier(
            pos_url=self.cloud.url,
            api_key=self.api_key,
            store_code=STORE,
            catalog=self.catalog.path,
            state=self.state_path,
        )
        receiver = build(applier, [self.secret], listen=("127.0.0.1", self.port))
        self.receivers.append(receiver.start())
        return receiver

    def listing_stock(self, sku: str = "IND-001") -> int:
        found = self.catalog.get(sku)
        assert found is not None
        return found.stock

    def wait_listing(self, stock: int, what: str) -> None:
        """Until the listing shows ``stock`` and the receiver has no event left to apply."""
        state = self.receiver.applier.state
        wait_for(lambda: self.listing_stock() == stock and not state.waiting(), what)

    def level(self, product_id: str = "P-1") -> int:
        """The cloud's level of a product, in thousandths."""
        r = self.key.get("/v1/stock", params={"store": STORE})
        assert r.status_code == 200, r.text
        levels = {i["product_id"]: i["quantity_milli"] for i in r.json()["items"]}
        return int(levels.get(product_id, 0))

    def move(self, quantity: str, reason: str = "receive") -> None:
        body = {"store_code": STORE, "product_id": "P-1", "quantity": quantity, "reason": reason}
        r = self.key.post("/v1/stock/movements", json=body)
        assert r.status_code == 201, r.text

    def deliveries(self) -> list[dict[str, Any]]:
        r = self.owner.get(f"/v1/webhooks/endpoints/{self.endpoint_id}/deliveries")
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items


def _owner(cloud: CloudServer, db: Database) -> tuple[str, httpx.Client]:
    email = f"shop-{uuid.uuid4().hex[:12]}@test.local"
    with db.write() as session:
        org, created = tenancy.create_owner(
            session, org_name="Toko Online", email=email, password=PASSWORD, now=datetime.now(UTC)
        )
        session.commit()
    client = httpx.Client(base_url=cloud.url, timeout=30)
    code = totp.code_at(created.totp_secret, datetime.now(UTC))
    r = client.post("/v1/auth/login", json={"email": email, "password": PASSWORD, "totp": code})
    assert r.status_code == 200, r.text
    client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    return org.org_id, client


def _created(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def shop(cloud: CloudServer, cloud_db: Database, tmp_path: Path) -> Iterator[Shop]:
    org_id, owner = _owner(cloud, cloud_db)
    _created(owner.post("/v1/stores", json={"code": STORE, "name": "Toko Online"}))
    product = {"id": "P-1", "sku": "IND-001", "name": "Indomie Goreng", "price": 3500}
    _created(owner.post("/v1/products", json=product))
    key_spec = {"name": "Toko online", "scopes": KEY_SCOPES, "stores": [STORE]}
    made = _created(owner.post("/v1/api-keys", json=key_spec))
    port = free_port()
    endpoint = _created(
        owner.post(
            "/v1/webhooks/endpoints",
            json={
                "url": f"http://127.0.0.1:{port}/hooks/pos",
                "description": "Online shop stock",
                "event_types": ["stock.changed"],
            },
        )
    )
    key = httpx.Client(
        base_url=cloud.url, timeout=30, headers={"Authorization": f"Bearer {made['secret']}"}
    )
    catalog = ShopCatalog(tmp_path / "shop.db")
    catalog.add("IND-001", "TKP-1001", "Indomie Goreng")
    found = Shop(
        cloud=cloud,
        org_id=org_id,
        owner=owner,
        key=key,
        api_key=made["secret"],
        endpoint_id=endpoint["id"],
        secret=endpoint["secret"],
        catalog=catalog,
        state_path=tmp_path / "sync-state.db",
        port=port,
    )
    found.start_receiver()
    try:
        yield found
    finally:
        for receiver in found.receivers:
            receiver.stop()
        owner.close()
        key.close()
