"""GET /v1/sync/catalog: snapshot, incremental pages, tombstones, and no skipped change."""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from typing import Any

from fastapi.testclient import TestClient

from server_stub import catalog, tenancy
from server_stub.core.db import Database
from server_stub.schemas import ProductIn
from tests.server.factories import FakeClock, Tenant, add_product, assert_problem, make_tenant


class TillCatalog:
    """What a till keeps: applies pages the way the feed's documentation says."""

    def __init__(self) -> None:
        self.products: dict[str, dict[str, Any]] = {}
        self.taxes: dict[str, dict[str, Any]] = {}
        self.cursor = ""
        self.seen_seqs: list[int] = []

    def apply(self, page: dict[str, Any]) -> None:
        after = int(self.cursor or 0)
        for tomb in page["tombstones"]:
            assert tomb["seq"] > after
            target = self.products if tomb["kind"] == "product" else self.taxes
            target.pop(tomb["id"], None)
        for tax in page["tax_categories"]:
            assert tax["seq"] > after
            self.taxes[tax["code"]] = tax
        for product in page["products"]:
            assert product["seq"] > after
            self.products[product["id"]] = product
        seqs = sorted(
            [t["seq"] for t in page["tombstones"]]
            + [t["seq"] for t in page["tax_categories"]]
            + [p["seq"] for p in page["products"]]
        )
        assert all(s <= int(page["next_cursor"]) for s in seqs)
        self.seen_seqs.extend(seqs)
        assert int(page["next_cursor"]) >= after
        self.cursor = page["next_cursor"]

    def pull(self, client: TestClient, headers: dict[str, str], limit: int = 1000) -> int:
        pages = 0
        while True:
            r = client.get(
                "/v1/sync/catalog", params={"cursor": self.cursor, "limit": limit}, headers=headers
            )
            assert r.status_code == 200, r.text
            page = r.json()
            self.apply(page)
            pages += 1
            if not page["has_more"]:
                return pages


def _server_state(client: TestClient, tenant: Tenant) -> dict[str, dict[str, Any]]:
    products: dict[str, dict[str, Any]] = {}
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 1000}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/products", params=params, headers=tenant.owner).json()
        products.update({p["id"]: p for p in page["items"]})
        cursor = page["next_cursor"]
        if cursor is None:
            return products


def _store_id(database: Database, tenant: Tenant) -> str:
    """The id of the tenant's store, whose till's view of the feed the tests read."""
    with database.read() as session:
        return tenancy.require_store(session, tenant.org_id, tenant.store_code).store_id


def test_an_empty_cursor_gives_a_full_snapshot(client: TestClient, tenant: Tenant) -> None:
    made = [add_product(client, tenant, barcodes=[f"899{n:010d}"]) for n in range(5)]
    till = TillCatalog()
    till.pull(client, tenant.device())
    assert set(till.products) == {p["id"] for p in made}
    assert {"EXEMPT", "PPN", "PPNBM", "PB1"} <= set(till.taxes)
    assert till.products[made[0]["id"]]["barcodes"] == ["8990000000000"]
    keys = set(till.products[made[0]["id"]])
    assert {
        "id",
        "sku",
        "name",
        "category",
        "price",
        "tax_code",
        "barcodes",
        "sold_by_weight",
        "unit",
        "in_store_code",
        "active",
    } <= keys


def test_changes_after_the_cursor_only_in_sequence_order(
    client: TestClient, tenant: Tenant
) -> None:
    a = add_product(client, tenant, price=1000)
    b = add_product(client, tenant, price=2000)
    till = TillCatalog()
    till.pull(client, tenant.device())
    r = client.get("/v1/sync/catalog", params={"cursor": till.cursor}, headers=tenant.device())
    page = r.json()
    assert page["products"] == page["tax_categories"] == page["tombstones"] == []
    assert page["next_cursor"] == till.cursor and page["has_more"] is False
    # A price change and a deletion reach the till; the untouched product does not come again.
    client.patch(f"/v1/products/{a['id']}", json={"price": 1500}, headers=tenant.owner)
    client.delete(f"/v1/products/{b['id']}", headers=tenant.owner)
    client.put(
        "/v1/tax-categories/PB2",
        json={"name": "PB1 5%", "kind": "added_on_top", "rate_bp": 500},
        headers=tenant.owner,
    )
    r = client.get("/v1/sync/catalog", params={"cursor": till.cursor}, headers=tenant.device())
    page = r.json()
    assert [p["id"] for p in page["products"]] == [a["id"]]
    assert page["products"][0]["price"] == 1500
    assert page["tombstones"] == [
        {"seq": page["tombstones"][0]["seq"], "kind": "product", "id": b["id"]}
    ]
    assert [t["code"] for t in page["tax_categories"]] == ["PB2"]
    till.apply(page)
    assert b["id"] not in till.products and till.products[a["id"]]["price"] == 1500
    client.delete("/v1/tax-categories/PB2", headers=tenant.owner)
    till.pull(client, tenant.device())
    assert "PB2" not in till.taxes


def test_small_pages_across_products_taxes_and_tombstones_add_up(
    client: TestClient, tenant: Tenant
) -> None:
    till = TillCatalog()
    made = [add_product(client, tenant) for _ in range(7)]
    till.pull(client, tenant.device(), limit=2)
    for p in made[:3]:
        client.delete(f"/v1/products/{p['id']}", headers=tenant.owner)
    client.put(
        "/v1/tax-categories/PB1",
        json={"name": "PB1 11%", "kind": "added_on_top", "rate_bp": 1100},
        headers=tenant.owner,
    )
    made += [add_product(client, tenant) for _ in range(3)]
    pages = till.pull(client, tenant.device(), limit=2)
    assert pages >= 4
    assert till.products == _server_state(client, tenant)
    assert till.taxes["PB1"]["rate_bp"] == 1100
    assert till.seen_seqs == sorted(till.seen_seqs)
    assert len(till.seen_seqs) == len(set(till.seen_seqs))


def test_bad_cursors_and_limits_are_problems(client: TestClient, tenant: Tenant) -> None:
    for params in ({"cursor": "abc"}, {"cursor": "-1"}, {"cursor": "9" * 30}, {"limit": 0}):
        r = client.get("/v1/sync/catalog", params=params, headers=tenant.device())
        assert_problem(r, 422)
    assert_problem(client.get("/v1/sync/catalog"), 401)


def test_a_concurrent_writer_never_makes_a_reader_skip_a_change(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    """Writers commit in any order and take their time; a till paging all along still ends
    with exactly the server's catalog (a skipped change would leave a product missing)."""
    tenant = make_tenant(client, database, clock)
    store_id = _store_id(database, tenant)
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer(worker: int) -> None:
        rng = random.Random(worker)
        try:
            for n in range(15):
                with database.write() as session:
                    catalog.create_product(
                        session,
                        tenant.org_id,
                        ProductIn(sku=f"W{worker}-{n}-{uuid.uuid4().hex[:6]}", name="x", price=n),
                        clock(),
                    )
                    time.sleep(rng.random() / 200)  # a slow transaction, still holding its seq
                    session.commit()
        except BaseException as exc:
            errors.append(exc)

    till = TillCatalog()

    def reader() -> None:
        try:
            while not stop.is_set():
                with database.read() as session:
                    page = catalog.feed_page(
                        session, tenant.org_id, till.cursor, 3, store_id=store_id
                    )
                till.apply(page)
        except BaseException as exc:
            errors.append(exc)
            stop.set()

    writers = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    reading = threading.Thread(target=reader)
    reading.start()
    for t in writers:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    reading.join()
    assert not errors, errors
    till.pull(client, tenant.device(), limit=3)
    assert len(till.products) == 60
    assert till.products == _server_state(client, tenant)


def test_the_encoded_feed_says_what_the_feed_says(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    """``feed_page_json`` (on PostgreSQL mostly JSON written by the database) parses to exactly
    ``feed_page`` for every page, whatever the page size, the barcodes and the text."""
    add_product(client, tenant, barcodes=["8990000000003", "8990000000001", "8990000000002"])
    add_product(client, tenant, name='Kopi "Tubruk" \\ 1/2 kg — ☕ 𝄞\ttab', category="Minuman")
    add_product(client, tenant, sold_by_weight=True, unit="kg", in_store_code="21", active=False)
    gone = add_product(client, tenant, barcodes=["8990000000009"])
    add_product(client, tenant, price=0, tax_code="PPN")
    client.delete(f"/v1/products/{gone['id']}", headers=tenant.owner)
    for n in range(7):
        add_product(client, tenant, price=n, barcodes=[f"7{n:012d}"] if n % 2 else [])
    store_id = _store_id(database, tenant)
    for limit in (1, 2, 3, 5, 1000):
        cursor = ""
        while True:
            with database.read() as session:
                expected = catalog.feed_page(
                    session, tenant.org_id, cursor, limit, store_id=store_id
                )
                encoded = catalog.feed_page_json(
                    session, tenant.org_id, cursor, limit, store_id=store_id
                )
            assert json.loads(encoded) == expected, (limit, cursor)
            cursor = expected["next_cursor"]
            if not expected["has_more"]:
                break
    till = TillCatalog()
    till.pull(client, tenant.device(), limit=4)
    by_name = {p["name"]: p for p in till.products.values()}
    assert by_name['Kopi "Tubruk" \\ 1/2 kg — ☕ 𝄞\ttab']["category"] == "Minuman"
    barcodes = [p["barcodes"] for p in till.products.values() if len(p["barcodes"]) > 1]
    assert barcodes == [["8990000000001", "8990000000002", "8990000000003"]]
    assert gone["id"] not in till.products and len(till.products) == 11
