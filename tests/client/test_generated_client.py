"""An integration written against the generated client alone, on a real server: if the OpenAPI
document cannot express what the API does (a header, a status, a field, a page), these tests
cannot do it either.

Every client raises on a status the document does not list for the operation, so any
undocumented answer fails here. Sales are sent by a till over plain HTTP first (that is the
till's side, not the integration's).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tests.client.conftest import Shop, make_key
from tests.client.generated import DOCUMENT, GeneratedClient
from tests.server.factories import STD_ITEMS, make_sale
from tests.server.test_webhooks_support import Receiver

pytestmark = pytest.mark.xdist_group("generated_client")
"""With ``--dist loadgroup`` these tests share one worker, so one client is generated and one
server per backend started; the fixtures are per worker anyway, so any split is correct too."""

WAIT_S = 60.0
"""Generous bound for the server's webhook worker; the test moves on as soon as it is done."""

PROBLEM_JSON = "application/problem+json"


def _wait_for(condition: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)  # polling the receiver and the delivery log: no event to wait on
    raise AssertionError(f"not within {WAIT_S} s: {what}")


def _problem(generated: GeneratedClient, answer: Any, status: int, code: str) -> Any:
    """The answer's typed problem, checked to be the problem the document says."""
    assert answer.status_code == status, answer.content
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    problem = answer.parsed
    assert isinstance(problem, generated.models.ProblemOut), problem
    assert (problem.status, problem.code) == (status, code), problem
    assert problem.type_ == f"/problems/{code}" and problem.title
    return problem


def test_sales_are_read_page_by_page_with_the_cursor(
    generated: GeneratedClient, shop: Shop
) -> None:
    sales = [make_sale(STD_ITEMS, till_code=shop.till_code).to_json() for _ in range(7)]
    with httpx.Client(base_url=shop.url, timeout=30) as till:
        r = till.post("/v1/sync/sales", json={"sales": sales}, headers=shop.till)
        assert r.status_code == 200, r.text

    list_sales = generated.api("sales.list_sales")
    seen: list[str] = []
    pages = 0
    cursor: str | None = None
    while True:
        page = list_sales.sync(client=shop.key, till=shop.till_code, cursor=cursor, limit=3)
        assert isinstance(page, generated.models.SalePage), page
        pages += 1
        seen += [sale.sale_id for sale in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert pages == 3
    assert sorted(seen) == sorted(s["sale_id"] for s in sales)  # each once, none missing


def test_a_product_made_with_an_idempotency_key_is_made_once(
    generated: GeneratedClient, shop: Shop
) -> None:
    create = generated.api("catalog.create_product")
    models = generated.models
    body = models.ProductIn(sku=f"KOPI-{uuid.uuid4().hex[:6]}", name="Kopi Kapal Api", price=2500)
    key = str(uuid.uuid4())

    first = create.sync_detailed(client=shop.key, body=body, idempotency_key=key)
    assert first.status_code == 201, first.content
    made = first.parsed
    assert isinstance(made, models.ProductDetail) and made.name == "Kopi Kapal Api"
    assert "idempotent-replayed" not in first.headers

    again = create.sync_detailed(client=shop.key, body=body, idempotency_key=key)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.parsed.to_dict() == made.to_dict()  # the same answer, not a second product

    other = models.ProductIn(sku=body.sku, name="Kopi Tubruk", price=3000)
    reused = create.sync_detailed(client=shop.key, body=other, idempotency_key=key)
    _problem(generated, reused, 422, "idempotency.key_reused")

    listed = generated.api("catalog.list_products").sync(client=shop.key, q=body.sku)
    assert [p.id for p in listed.items] == [made.id]


def test_a_stock_movement_changes_the_level(generated: GeneratedClient, shop: Shop) -> None:
    models = generated.models
    product = generated.api("catalog.create_product").sync(
        client=shop.key,
        body=models.ProductIn(sku=f"GULA-{uuid.uuid4().hex[:6]}", name="Gula 1 kg", price=16000),
    )
    movement = models.StockMovementIn(
        store_code=shop.store_code,
        product_id=product.id,
        quantity="24",
        reason=models.StockReason.RECEIVE,
        ref="PO-0412",
    )
    moved = generated.api("stock.create_stock_movement").sync_detailed(
        client=shop.key, body=movement, idempotency_key=str(uuid.uuid4())
    )
    assert moved.status_code == 201, moved.content
    assert isinstance(moved.parsed, models.StockMovementOut), moved.parsed
    assert moved.parsed.quantity_milli == 24_000

    levels = generated.api("stock.get_stock_levels").sync(client=shop.key, store=shop.store_code)
    [level] = [item for item in levels.items if item.product_id == product.id]
    assert (level.quantity, level.quantity_milli) == ("24", 24_000)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver(lambda: datetime.now(UTC)).start()
    yield found
    found.stop()


def test_a_webhook_endpoint_gets_signed_deliveries_listed_in_its_log(
    generated: GeneratedClient, shop: Shop, receiver: Receiver
) -> None:
    models = generated.models
    body = models.EndpointIn(
        url=receiver.url,
        event_types=[models.EndpointInEventTypesItem.SALE_CREATED],
        description="Toko daring",
    )
    created = generated.api("webhooks.create_webhook_endpoint").sync(client=shop.key, body=body)
    assert isinstance(created, models.EndpointCreated), created
    receiver.secrets.append(created.secret)  # the receiver checks every signature with it

    queued = generated.api("webhooks.send_webhook_test").sync(
        client=shop.key, endpoint_id=created.id
    )
    assert isinstance(queued, models.Queued), queued
    [got] = _wait_for(receiver.received, "the test event at the receiver")
    assert got.verified and got.type == "webhook.test"

    deliveries = generated.api("webhooks.list_webhook_deliveries")

    def delivered() -> list[Any]:
        page = deliveries.sync(client=shop.key, endpoint_id=created.id)
        assert isinstance(page, models.DeliveryPage), page
        return [d for d in page.items if d.status == models.DeliveryOutStatus.DELIVERED]

    [logged] = _wait_for(delivered, "the delivery marked delivered in the log")
    assert logged.event_id == got.webhook_id == queued.event_id
    assert logged.last_status_code == 200 and logged.attempts == 1


def test_a_key_without_the_scope_gets_a_typed_403_problem(
    generated: GeneratedClient, shop: Shop
) -> None:
    reader = generated.authenticated(shop.url, make_key(generated, shop.owner, ["sales:read"]))
    answer = generated.api("stock.get_stock_levels").sync_detailed(
        client=reader, store=shop.store_code
    )
    problem = _problem(generated, answer, 403, "auth.scope_missing")
    assert problem.additional_properties["scope"] == "stock:read"
    assert "stock:read" in problem.detail


def test_a_key_over_its_rate_limit_gets_429_with_retry_after(
    generated: GeneratedClient, shop: Shop
) -> None:
    slow = generated.authenticated(
        shop.url, make_key(generated, shop.owner, ["sales:read"], rate_limit_per_min=1)
    )
    list_sales = generated.api("sales.list_sales")
    # One request a minute: the second in the same minute is refused. Two requests may straddle
    # a minute's turn, so ask until refused; three more always include two in one minute.
    answers = []
    for _ in range(4):
        answers.append(list_sales.sync_detailed(client=slow, limit=1))
        if answers[-1].status_code == 429:
            break
    refused = answers[-1]
    assert [a.status_code for a in answers[:-1]] == [200] * (len(answers) - 1)
    problem = _problem(generated, refused, 429, "auth.rate_limited")
    wait_s = int(refused.headers["retry-after"])
    assert 1 <= wait_s <= 60 and problem.additional_properties["retry_after"] == wait_s
    # The generator leaves response headers to the caller; the document declares this one, so
    # an integrator's tooling knows to look for it.
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    declared = document["paths"]["/v1/sales"]["get"]["responses"]["429"]["headers"]
    assert declared["Retry-After"]["required"] is True


def test_an_xlsx_export_is_read_from_the_answer_bytes(
    generated: GeneratedClient, shop: Shop
) -> None:
    today = datetime.now(UTC).date()
    answer = generated.api("exports.export_accounting").sync_detailed(
        client=shop.key,
        from_=today,
        to=today,
        store=shop.store_code,
        format_=generated.models.ExportAccountingFormat.XLSX,
    )
    assert answer.status_code == 200, answer.content
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert answer.content.startswith(b"PK\x03\x04")  # a zip: the workbook, whole
