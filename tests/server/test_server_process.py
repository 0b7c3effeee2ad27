"""The real thing: ``pos-server serve`` as a subprocess with two workers, and with TLS.

Two uvicorn worker processes share one database. The same sale fired at both at once must be
stored once and acknowledged to every sender; many tills selling one product at once must add
up exactly in the stock ledger.
"""

from __future__ import annotations

import ssl
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from sqlalchemy import func, select

from server_stub import tenancy
from server_stub.core.db import Database
from server_stub.core.security.server_secret import load_keys
from server_stub.models import SaleRow, StockMovement
from tests.server.factories import PASSWORD, Item, make_sale
from tests.server_process import CloudServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(
    database_url: str, database: Database, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CloudServer]:
    srv = CloudServer(database_url, tmp_path_factory.mktemp("serve"), workers=2)
    try:
        srv.start()
        yield srv
    finally:
        srv.stop()


def _tenant_with_tills(database: Database, server: CloudServer, tills: int) -> list[dict[str, str]]:
    """An organization made directly in the database; its tills paired over HTTP."""
    now = datetime.now(UTC)
    with database.write() as session:
        org, _ = tenancy.create_owner(
            session,
            org_name="Race",
            email=f"race-{uuid.uuid4().hex[:10]}@test.local",
            password=PASSWORD,
            now=now,
        )
        store = tenancy.create_store(session, org.org_id, code="S01", name="Race", now=now)
        pepper = load_keys(session).enrollment_pepper
        codes = [
            tenancy.issue_enrollment_code(session, store, pepper=pepper, now=now).code
            for _ in range(tills)
        ]
        session.commit()
    headers = []
    with httpx.Client(base_url=server.url) as client:
        for code in codes:
            r = client.post("/v1/devices/enroll", json={"code": code})
            assert r.status_code == 201, r.text
            body = r.json()
            headers.append(
                {
                    "Authorization": f"Bearer {body['device_id']}.{body['device_secret']}",
                    "x-till": body["till_code"],
                }
            )
    return headers


def _fire(server: CloudServer, requests: list[tuple[dict[str, str], dict[str, Any]]]) -> list[Any]:
    """Send all requests at the same instant, each on its own connection."""
    barrier = threading.Barrier(len(requests))
    results: list[Any] = [None] * len(requests)

    def send(i: int) -> None:
        headers, body = requests[i]
        with httpx.Client(base_url=server.url, timeout=60) as client:
            barrier.wait()
            try:
                r = client.post("/v1/sync/sales", json=body, headers=headers)
                results[i] = (r.status_code, r.json())
            except httpx.HTTPError as exc:  # pragma: no cover - reported by the assert below
                results[i] = exc

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_the_same_sale_racing_on_two_workers_is_stored_once(
    server: CloudServer, database: Database
) -> None:
    [till] = _tenant_with_tills(database, server, 1)
    item = Item("P-1", "IND", "Indomie", 3500, "2")
    sale_ids = []
    for _ in range(12):
        sale = make_sale([item], till_code=till["x-till"]).to_json()
        sale_ids.append(sale["sale_id"])
        results = _fire(server, [(till, {"sales": [sale]})] * 6)
        statuses = []
        for result in results:
            assert isinstance(result, tuple), result
            code, body = result
            assert code == 200, body
            [ack] = body["results"]
            assert ack["sale_id"] == sale["sale_id"]
            statuses.append(ack["status"])
            assert ack["flags"] == ["unknown_product"]
        assert sorted(statuses) == ["accepted"] + ["duplicate"] * 5
    with database.read() as session:
        rows = session.execute(
            select(SaleRow.sale_id, func.count())
            .where(SaleRow.sale_id.in_(sale_ids))
            .group_by(SaleRow.sale_id)
        ).all()
        moves = session.execute(
            select(func.count())
            .select_from(StockMovement)
            .where(StockMovement.ref.in_([f"{s}:1" for s in sale_ids]))
        ).scalar_one()
    assert sorted(r[0] for r in rows) == sorted(sale_ids)
    assert all(r[1] == 1 for r in rows)
    assert moves == len(sale_ids)


def test_overlapping_batches_from_two_workers_do_not_deadlock_or_double(
    server: CloudServer, database: Database
) -> None:
    [till] = _tenant_with_tills(database, server, 1)
    item = Item("P-1", "IND", "Indomie", 3500)
    sales = [make_sale([item], till_code=till["x-till"]).to_json() for _ in range(40)]
    forward = {"sales": sales}
    backward = {"sales": list(reversed(sales))}
    results = _fire(server, [(till, forward), (till, backward)] * 3)
    accepted: dict[str, int] = {}
    for result in results:
        assert isinstance(result, tuple), result
        code, body = result
        assert code == 200, body
        for ack in body["results"]:
            assert ack["status"] in ("accepted", "duplicate")
            accepted[ack["sale_id"]] = accepted.get(ack["sale_id"], 0) + (
                ack["status"] == "accepted"
            )
    assert set(accepted) == {s["sale_id"] for s in sales}
    assert set(accepted.values()) == {1}


def test_many_tills_selling_one_product_add_up_exactly(
    server: CloudServer, database: Database
) -> None:
    tills = _tenant_with_tills(database, server, 8)
    requests = []
    expected = 0
    for n, till in enumerate(tills):
        quantities = [str(1 + (n + k) % 3) for k in range(10)]
        expected += sum(int(q) for q in quantities) * 1000
        batch = [
            make_sale([Item("HOT-1", "HOT", "Es teh", 5000, q)], till_code=till["x-till"]).to_json()
            for q in quantities
        ]
        requests.append((till, {"sales": batch}))
    results = _fire(server, requests)
    for result in results:
        assert isinstance(result, tuple) and result[0] == 200, result
        assert {a["status"] for a in result[1]["results"]} == {"accepted"}
    with httpx.Client(base_url=server.url) as client:
        stock = client.get("/v1/sync/stock", headers=tills[0]).json()
    assert stock["levels"] == [
        {
            "product_id": "HOT-1",
            "sku": None,
            "name": None,
            "quantity": str(-expected // 1000),
            "quantity_milli": -expected,
        }
    ]


def test_https_with_a_trusted_certificate(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    pem = tmp_path / "server.pem"
    cert.private_key_and_cert_chain_pem.write_to_path(str(pem))
    database_url = f"sqlite:///{tmp_path / 'tls.db'}"
    server = CloudServer(database_url, tmp_path, workers=1, tls=(pem, pem))
    trusted = ssl.create_default_context()
    ca.configure_trust(trusted)
    try:
        server.start(verify=trusted)
        with httpx.Client(verify=trusted) as client:
            r = client.get(f"{server.url}/healthz")
            assert r.status_code == 200 and r.json() == {"status": "ok"}
            assert r.http_version == "HTTP/1.1"
        # A client that does not trust the issuing CA refuses the connection.
        with httpx.Client() as untrusting, pytest.raises(httpx.ConnectError):
            untrusting.get(f"{server.url}/healthz")
        # Plain HTTP to the TLS port gets no API answer.
        with httpx.Client() as plain, pytest.raises(httpx.HTTPError):
            plain.get(server.url.replace("https://", "http://") + "/healthz")
    finally:
        server.stop()
