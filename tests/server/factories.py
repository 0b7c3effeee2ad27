"""Small builders for server tests: sales made by the real domain, tenants made over the API."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pos_desktop.domain.cart import Cart, Discount, Product
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord, build_sale
from pos_desktop.domain.tax import EXEMPT, PPN_STANDARD, TaxCategory, TaxSettings
from pos_desktop.domain.totals import compute_totals
from server_stub import tenancy
from server_stub.core.db import Database
from server_stub.core.security import totp
from server_stub.rollup_fold import fold_all

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

WIB = timezone(timedelta(hours=7))
PASSWORD = "correct horse battery"


class FakeClock:
    """The server's clock in tests: starts at the real time, moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime.now(UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)


@dataclass(frozen=True)
class Item:
    product_id: str
    sku: str
    name: str
    price: int
    quantity: str = "1"
    tax: TaxCategory = EXEMPT
    sold_by_weight: bool = False


def make_sale(
    items: Sequence[Item],
    *,
    store_code: str = "S01",
    till_code: str = "T01",
    sold_at: datetime | None = None,
    receipt_no: str | None = None,
    order_discount: Discount | None = None,
    ppn_enabled: bool = False,
    rounding_step: int = 100,
    cash_extra: int = 0,
    sale_id: str | None = None,
    tenders: Callable[[int], Sequence[Tender]] | None = None,
) -> SaleRecord:
    """A sale exactly as the till makes it: cart, totals, payment, ``build_sale``. It is paid
    in cash (``cash_extra`` more than due) unless ``tenders`` says how, given the amount due."""
    cart = Cart()
    for item in items:
        product = Product(
            product_id=item.product_id,
            sku=item.sku,
            name=item.name,
            unit_price=item.price,
            tax_category=item.tax,
            sold_by_weight=item.sold_by_weight,
            unit="kg" if item.sold_by_weight else "pcs",
        )
        cart.add(product, Decimal(item.quantity), merge=False)
    cart.set_order_discount(order_discount)
    totals = compute_totals(
        cart.lines,
        cart.order_discount,
        TaxSettings(ppn_enabled=ppn_enabled, prices_include_tax=True),
        rounding_step,
    )
    payment = Payment(totals.total)
    if tenders is not None:
        for tender in tenders(totals.total):
            payment.add(tender)
    elif totals.total > 0:
        payment.add(Tender(TenderKind.CASH, totals.total + cash_extra))
    return build_sale(
        sale_id=sale_id or str(uuid.uuid4()),
        receipt_no=receipt_no or f"{store_code}-{till_code}-{uuid.uuid4().hex[:8]}",
        store_code=store_code,
        till_code=till_code,
        sold_at=sold_at or datetime.now(WIB),
        cashier_code="C01",
        cashier_name="Siti",
        currency="IDR",
        prices_include_tax=True,
        cart=cart,
        totals=totals,
        payment=payment,
    )


def simple_sale(product_id: str = "P-1", quantity: str = "2", **kwargs: Any) -> dict[str, Any]:
    """One-line sale JSON (what the till sends)."""
    item = Item(product_id, "SKU-" + product_id, "Indomie Goreng", 3500, quantity)
    return make_sale([item], **kwargs).to_json()


STD_ITEMS = (
    Item("P-1", "IND-001", "Indomie Goreng", 3500, "3"),
    Item("P-2", "AQU-600", "Aqua 600 ml", 4000, "2", PPN_STANDARD),
    Item("P-3", "BER-5KG", "Beras 5 kg", 72_500, "1"),
)


@dataclass
class Tenant:
    org_id: str
    email: str
    totp_secret: str
    owner: dict[str, str]
    """Headers with the owner's access token."""
    refresh_token: str
    store_code: str = "S01"
    devices: dict[str, dict[str, str]] = field(default_factory=dict)
    """Till code -> headers with that till's device token."""
    device_ids: dict[str, str] = field(default_factory=dict)

    def device(self, till_code: str = "T01") -> dict[str, str]:
        return self.devices[till_code]


def login(
    client: TestClient, email: str, secret: str, clock: FakeClock, **extra: Any
) -> dict[str, Any]:
    response = client.post(
        "/v1/auth/login",
        json={"email": email, "password": PASSWORD, "totp": totp.code_at(secret, clock()), **extra},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def make_tenant(
    client: TestClient,
    db: Database,
    clock: FakeClock,
    *,
    name: str = "Toko Test",
    stores: Sequence[str] = ("S01",),
    tills: Sequence[tuple[str, str]] = (("S01", "T01"),),
) -> Tenant:
    """An organization with its owner logged in, stores, and paired tills."""
    email = f"owner-{uuid.uuid4().hex[:12]}@test.local"
    with db.write() as session:
        org, created = tenancy.create_owner(
            session, org_name=name, email=email, password=PASSWORD, now=clock()
        )
        session.commit()
    tokens = login(client, email, created.totp_secret, clock)
    tenant = Tenant(
        org_id=org.org_id,
        email=email,
        totp_secret=created.totp_secret,
        owner=bearer(tokens["access_token"]),
        refresh_token=tokens["refresh_token"],
        store_code=stores[0],
    )
    for code in stores:
        r = client.post(
            "/v1/stores", json={"code": code, "name": f"{name} {code}"}, headers=tenant.owner
        )
        assert r.status_code == 201, r.text
    for store_code, till_code in tills:
        pair_till(client, tenant, store_code, till_code)
    return tenant


def pair_till(
    client: TestClient, tenant: Tenant, store_code: str, till_code: str
) -> dict[str, Any]:
    r = client.post(
        f"/v1/stores/{store_code}/enrollment-codes",
        json={"till_code": till_code},
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    r = client.post("/v1/devices/enroll", json={"code": r.json()["code"], "name": till_code})
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    tenant.devices[till_code] = bearer(f"{body['device_id']}.{body['device_secret']}")
    tenant.device_ids[till_code] = body["device_id"]
    return body


def push(client: TestClient, headers: dict[str, str], *sales: Any) -> list[dict[str, Any]]:
    """Send a batch; ASCII-escaped JSON so that even a lone surrogate travels as ``\\ud800``."""
    r = client.post(
        "/v1/sync/sales",
        content=json.dumps({"sales": list(sales)}),
        headers={**headers, "content-type": "application/json"},
    )
    assert r.status_code == 200, r.text
    results: list[dict[str, Any]] = r.json()["results"]
    return results


def add_product(client: TestClient, tenant: Tenant, **fields: Any) -> dict[str, Any]:
    body = {"sku": f"SKU-{uuid.uuid4().hex[:8]}", "name": "Barang", "price": 1000, **fields}
    r = client.post("/v1/products", json=body, headers=tenant.owner)
    assert r.status_code == 201, r.text
    product: dict[str, Any] = r.json()
    return product


def assert_problem(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"] and body["title"]
    if code is not None:
        assert body["code"] == code, body
    return body


def fold_rollups(database: Database) -> int:
    """Fold the queued rollup deltas into the tables, as a served worker's folder (or a page
    about to read them) would; returns the queued rows folded."""
    with database.write() as session:
        folded = fold_all(session)
        session.commit()
    return folded
