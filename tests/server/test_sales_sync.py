"""POST /v1/sync/sales: exactly-once storage, per-sale results, flags, limits."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from pos_desktop.domain.cart import Discount
from pos_desktop.domain.tax import PPN_STANDARD
from server_stub.core.db import Database
from server_stub.models import SaleRow, StockMovement
from tests.server.factories import (
    STD_ITEMS,
    WIB,
    FakeClock,
    Item,
    Tenant,
    add_product,
    assert_problem,
    make_sale,
    make_tenant,
    push,
    simple_sale,
)


def _count_sales(database: Database, org_id: str) -> int:
    with database.read() as session:
        return int(
            session.execute(
                select(func.count()).select_from(SaleRow).where(SaleRow.org_id == org_id)
            ).scalar_one()
        )


def test_a_sale_is_accepted_stored_and_readable(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sale = make_sale(STD_ITEMS, order_discount=Discount.percent(10)).to_json()
    [ack] = push(client, tenant.device(), sale)
    assert ack == {
        "sale_id": sale["sale_id"],
        "status": "accepted",
        "reason": None,
        "flags": ["unknown_product"],
    }
    r = client.get(f"/v1/sales/{sale['sale_id']}", headers=tenant.owner)
    assert r.status_code == 200
    detail = r.json()
    assert detail["sale"] == sale
    assert detail["total"] == sale["total"] and detail["till_code"] == "T01"
    assert detail["store_code"] == "S01" and detail["line_count"] == 3
    assert _count_sales(database, tenant.org_id) == 1


def test_resending_a_sale_gives_the_same_acknowledgement_and_no_second_row(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sale = simple_sale()
    [first] = push(client, tenant.device(), sale)
    [again] = push(client, tenant.device(), sale)
    [third] = push(client, tenant.device(), json.loads(json.dumps(sale)))
    assert first["status"] == "accepted"
    assert again["status"] == third["status"] == "duplicate"
    assert again["flags"] == first["flags"] == third["flags"]
    assert _count_sales(database, tenant.org_id) == 1


def test_same_id_with_other_content_is_a_conflict_and_nothing_is_overwritten(
    client: TestClient, tenant: Tenant
) -> None:
    sale = simple_sale()
    push(client, tenant.device(), sale)
    changed = copy.deepcopy(sale)
    changed["receipt_no"] = "FORGED-1"
    [ack] = push(client, tenant.device(), changed)
    assert ack["status"] == "conflict"
    assert "already stored" in ack["reason"]
    stored = client.get(f"/v1/sales/{sale['sale_id']}", headers=tenant.owner).json()
    assert stored["receipt_no"] == sale["receipt_no"]


def test_repeats_inside_one_batch_are_acknowledged_once(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sale = simple_sale()
    other = copy.deepcopy(sale)
    other["cashier_name"] = "Budi"
    acks = push(client, tenant.device(), sale, sale, other)
    assert [a["status"] for a in acks] == ["accepted", "duplicate", "conflict"]
    assert _count_sales(database, tenant.org_id) == 1


def _bad(mutate: Any) -> dict[str, Any]:
    sale = simple_sale()
    mutate(sale)
    return sale


BAD_SALES = {
    "not an object": lambda: 42,
    "missing lines": lambda: _bad(lambda s: s.pop("lines")),
    "no lines": lambda: _bad(lambda s: s.update(lines=[])),
    "negative quantity": lambda: _bad(lambda s: s["lines"][0].update(quantity="-1")),
    "zero quantity": lambda: _bad(lambda s: s["lines"][0].update(quantity="0")),
    "absurd quantity": lambda: _bad(lambda s: s["lines"][0].update(quantity="100000")),
    "quantity as float": lambda: _bad(lambda s: s["lines"][0].update(quantity=1.5)),
    "quantity NaN": lambda: _bad(lambda s: s["lines"][0].update(quantity="NaN")),
    "price as text": lambda: _bad(lambda s: s["lines"][0].update(unit_price="3500")),
    "huge total": lambda: _bad(lambda s: s.update(total=10**30)),
    "negative total": lambda: _bad(lambda s: s.update(total=-5)),
    "not a uuid": lambda: _bad(lambda s: s.update(sale_id="1; DROP TABLE sales; --")),
    "naive time": lambda: _bad(lambda s: s.update(sold_at="2026-01-01T10:00:00")),
    "year 1900": lambda: _bad(lambda s: s.update(sold_at="1900-01-01T10:00:00+07:00")),
    "NUL in name": lambda: _bad(lambda s: s["lines"][0].update(name="Indo\u0000mie")),
    "lone surrogate": lambda: _bad(lambda s: s.update(receipt_no="\ud800")),
    "unknown tender": lambda: _bad(lambda s: s["tenders"][0].update(kind="bitcoin")),
    "schema 2": lambda: _bad(lambda s: s.update(schema=2)),
    "duplicate line numbers": lambda: _bad(
        lambda s: s.update(lines=[s["lines"][0], s["lines"][0]])
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_SALES))
def test_a_bad_sale_is_rejected_alone_and_never_blocks_the_others(
    case: str, client: TestClient, tenant: Tenant, database: Database
) -> None:
    good_before, good_after = simple_sale(), simple_sale()
    bad = BAD_SALES[case]()
    acks = push(client, tenant.device(), good_before, bad, good_after)
    assert [a["status"] for a in acks] == ["accepted", "rejected", "accepted"]
    assert acks[1]["reason"]
    assert _count_sales(database, tenant.org_id) == 2


def test_a_till_cannot_push_sales_as_another_store(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S02", "T02"))
    )
    [ack] = push(client, tenant.device("T01"), simple_sale(store_code="S02", till_code="T01"))
    assert ack["status"] == "rejected" and ack["reason"].startswith("store_mismatch")
    [ack] = push(client, tenant.device("T02"), simple_sale(store_code="S02", till_code="T02"))
    assert ack["status"] == "accepted"
    [ack] = push(client, tenant.device("T01"), simple_sale(store_code="S01", till_code="T01"))
    assert ack["status"] == "accepted"


def test_wrong_totals_are_flagged_and_stored_anyway(client: TestClient, tenant: Tenant) -> None:
    sale = simple_sale()
    sale["total"] += 1000
    sale["lines"][0]["net"] -= 1
    [ack] = push(client, tenant.device(), sale)
    assert ack["status"] == "accepted"
    assert "totals_mismatch" in ack["flags"]
    detail = client.get(f"/v1/sales/{sale['sale_id']}", headers=tenant.owner).json()
    problems = detail["flag_details"]["totals_mismatch"]
    assert any(p.startswith("total:") for p in problems)
    assert any(p.startswith("line 1 net:") for p in problems)


def test_correct_totals_are_not_flagged_even_with_tax_discounts_and_weights(
    client: TestClient, tenant: Tenant
) -> None:
    client.patch("/v1/stores/S01", json={"ppn_enabled": True}, headers=tenant.owner)
    products = [
        add_product(client, tenant, sku="IND", price=3500),
        add_product(client, tenant, sku="AQU", price=4000, tax_code="PPN"),
        add_product(client, tenant, sku="DAG", price=139_900, sold_by_weight=True, unit="kg"),
    ]
    items = [
        Item(products[0]["id"], "IND", "Indomie", 3500, "3"),
        Item(products[1]["id"], "AQU", "Aqua", 4000, "2", PPN_STANDARD),
        Item(products[2]["id"], "DAG", "Daging sapi", 139_900, "0.455", sold_by_weight=True),
    ]
    sale = make_sale(
        items, order_discount=Discount.amount(1750), ppn_enabled=True, cash_extra=2500
    ).to_json()
    [ack] = push(client, tenant.device(), sale)
    assert ack == {"sale_id": sale["sale_id"], "status": "accepted", "reason": None, "flags": []}


def test_a_rounding_step_other_than_the_stores_is_flagged(
    client: TestClient, tenant: Tenant
) -> None:
    item = Item("P-9", "X", "Kopi", 1234)
    [ack] = push(client, tenant.device(), make_sale([item], rounding_step=500).to_json())
    assert "totals_mismatch" in ack["flags"]


def test_unknown_products_are_stored_and_flagged(client: TestClient, tenant: Tenant) -> None:
    known = add_product(client, tenant, sku="KNOWN", price=3500)
    sale = make_sale(
        [Item(known["id"], "KNOWN", "A", 3500), Item("gone-123", "GONE", "B", 2000)]
    ).to_json()
    [ack] = push(client, tenant.device(), sale)
    assert ack["status"] == "accepted" and ack["flags"] == ["unknown_product"]
    detail = client.get(f"/v1/sales/{sale['sale_id']}", headers=tenant.owner).json()
    assert detail["flag_details"]["unknown_product"] == ["gone-123"]


def test_clock_skew_is_flagged_from_sold_at_in_the_future_or_from_sent_at(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    now = clock().astimezone(WIB)
    future = simple_sale(sold_at=now + timedelta(minutes=6))
    near = simple_sale(sold_at=now + timedelta(minutes=4))
    old_offline = simple_sale(sold_at=now - timedelta(hours=20))
    acks = push(client, tenant.device(), future, near, old_offline)
    assert ["clock_skew" in a["flags"] for a in acks] == [True, False, False]
    # A till whose clock is 10 minutes behind says so through sent_at.
    late = simple_sale(sold_at=now - timedelta(minutes=10))
    r = client.post(
        "/v1/sync/sales",
        json={"sales": [late], "sent_at": (now - timedelta(minutes=10)).isoformat()},
        headers=tenant.device(),
    )
    assert "clock_skew" in r.json()["results"][0]["flags"]
    detail = client.get(f"/v1/sales/{late['sale_id']}", headers=tenant.owner).json()
    assert detail["flag_details"]["clock_skew"]["seconds"] == -600
    assert detail["received_at"] != detail["sold_at"]
    assert_problem(
        client.post(
            "/v1/sync/sales", json={"sales": [], "sent_at": "yesterday"}, headers=tenant.device()
        ),
        422,
        "sync.bad_sent_at",
    )


def test_a_sale_pushed_by_another_till_is_flagged(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(client, database, clock, tills=(("S01", "T01"), ("S01", "T02")))
    [ack] = push(client, tenant.device("T02"), simple_sale(till_code="T01"))
    assert ack["status"] == "accepted" and "till_code_mismatch" in ack["flags"]
    [ack] = push(client, tenant.device("T02"), simple_sale(till_code="T02"))
    assert "till_code_mismatch" not in ack["flags"]


def test_accepted_sales_move_stock_and_duplicates_do_not(
    client: TestClient, tenant: Tenant
) -> None:
    product = add_product(client, tenant, sku="STK", price=1000)
    r = client.post(
        "/v1/stock/movements",
        json={
            "store_code": "S01",
            "product_id": product["id"],
            "quantity": "50",
            "reason": "receive",
        },
        headers=tenant.owner,
    )
    assert r.status_code == 201
    sale = make_sale([Item(product["id"], "STK", "A", 1000, "3")]).to_json()
    push(client, tenant.device(), sale)
    push(client, tenant.device(), sale)
    weighed = make_sale(
        [Item(product["id"], "STK", "A", 1000, "1.25", sold_by_weight=True)]
    ).to_json()
    push(client, tenant.device(), weighed)
    levels = client.get("/v1/stock", params={"store": "S01"}, headers=tenant.owner).json()
    [level] = [lv for lv in levels["items"] if lv["product_id"] == product["id"]]
    assert level["quantity_milli"] == 50_000 - 3_000 - 1_250
    assert level["quantity"] == "45.75" and level["sku"] == "STK"
    till_view = client.get("/v1/sync/stock", headers=tenant.device()).json()
    assert till_view["store_code"] == levels["store_code"]
    assert till_view["levels"] == levels["items"]


def test_a_rejected_sale_writes_nothing(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    bad = simple_sale()
    bad["lines"][0]["quantity"] = "-3"
    push(client, tenant.device(), bad)
    with database.read() as session:
        moved = session.execute(
            select(func.count())
            .select_from(StockMovement)
            .where(StockMovement.org_id == tenant.org_id)
        ).scalar_one()
    assert moved == 0 and _count_sales(database, tenant.org_id) == 0


def test_batch_size_over_the_limit_is_413(client: TestClient, tenant: Tenant) -> None:
    sale = simple_sale()
    r = client.post("/v1/sync/sales", json={"sales": [sale] * 501}, headers=tenant.device())
    body = assert_problem(r, 413, "sync.batch_too_large")
    assert body["max_batch"] == 500


def test_body_over_the_limit_is_413_before_parsing(client: TestClient, tenant: Tenant) -> None:
    big = b'{"sales": ["' + b"x" * (5 * 1024 * 1024) + b'"]}'
    r = client.post(
        "/v1/sync/sales",
        content=big,
        headers={**tenant.device(), "content-type": "application/json"},
    )
    assert_problem(r, 413, "request.too_large")

    def chunks() -> Any:
        for _ in range(6):
            yield b" " * (1024 * 1024)

    r = client.post(
        "/v1/sync/sales",
        content=chunks(),
        headers={**tenant.device(), "content-type": "application/json"},
    )
    assert_problem(r, 413, "request.too_large")


@pytest.mark.parametrize(
    "body",
    [b"{bad json", b"[]", b'{"sales": {}}', b'{"sales": "x"}', b"", b'{"sales": [], "x": 1}'],
)
def test_malformed_batches_are_4xx_problems(
    body: bytes, client: TestClient, tenant: Tenant
) -> None:
    r = client.post(
        "/v1/sync/sales",
        content=body,
        headers={**tenant.device(), "content-type": "application/json"},
    )
    assert 400 <= r.status_code < 500
    assert_problem(r, r.status_code)


def test_sales_need_a_till_credential(client: TestClient, tenant: Tenant) -> None:
    assert_problem(client.post("/v1/sync/sales", json={"sales": []}), 401, "auth.required")
    assert_problem(
        client.post("/v1/sync/sales", json={"sales": []}, headers=tenant.owner),
        401,
        "auth.invalid_device",
    )


def test_a_sale_the_database_refuses_fails_alone(
    client: TestClient, tenant: Tenant, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the batch insert fails, the batch is stored sale by sale in savepoints."""
    from sqlalchemy.exc import DBAPIError

    from server_stub import ingest

    poisoned = simple_sale()
    real_insert = ingest._insert

    def refusing(session: Any, batch: list[Any], *args: Any) -> set[str]:
        if any(p.sale_id == poisoned["sale_id"] for p in batch):
            raise DBAPIError("INSERT INTO sales ...", {}, Exception("value too long"))
        return real_insert(session, batch, *args)

    monkeypatch.setattr(ingest, "_insert", refusing)
    good = [simple_sale(), simple_sale()]
    acks = push(client, tenant.device(), good[0], poisoned, good[1])
    assert [a["status"] for a in acks] == ["accepted", "rejected", "accepted"]
    assert acks[1]["reason"] == "the server could not store this sale"
    assert _count_sales(database, tenant.org_id) == 2
    monkeypatch.setattr(ingest, "_insert", real_insert)
    assert push(client, tenant.device(), poisoned)[0]["status"] == "accepted"
    assert push(client, tenant.device(), good[0])[0]["status"] == "duplicate"
