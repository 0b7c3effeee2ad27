"""A till for the sync tests: the demo store's data folder, paired with a test cloud, selling
through the app's real code path (``open_till``, ``SaleSession``, ``TillService.commit``)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pos_desktop.app import OpenTill, open_till, seed_demo_store
from pos_desktop.config import TillConfig
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.paths import AppPaths, resolve_paths
from pos_desktop.services.checkout import SaleSession
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.pairing import PairingResult, enroll
from tests.demo_staff import add_demo_staff_to


@dataclass
class MemoryStore:
    """A credential store in memory (what a keyring does, without one)."""

    secrets: dict[str, str] = field(default_factory=dict)
    description: str = "memory"

    def save(self, device_id: str, secret: str) -> None:
        self.secrets[device_id] = secret

    def load(self, device_id: str) -> str | None:
        return self.secrets.get(device_id)

    def delete(self, device_id: str) -> None:
        self.secrets.pop(device_id, None)


FAST_SYNC = SyncConfig(
    pull_interval_s=0.2,
    stock_interval_s=1.0,
    profile_interval_s=5.0,
    probe_interval_s=0.2,
    retry_min_s=0.05,
    retry_max_s=0.5,
    connect_timeout_s=2.0,
    read_timeout_s=5.0,
)


def till_paths(home: Path) -> AppPaths:
    return resolve_paths(env={"POS_DESKTOP_HOME": str(home)})


def seeded_till(home: Path) -> AppPaths:
    paths = till_paths(home)
    seed_demo_store(paths)
    add_demo_staff_to(paths)
    return paths


def pair(
    paths: AppPaths, server_url: str, code: str, store: Any, config: SyncConfig = FAST_SYNC
) -> PairingResult:
    return enroll(paths, config, server=server_url, code=code, store=store)


@contextmanager
def opened(paths: AppPaths, config: TillConfig | None = None) -> Iterator[OpenTill]:
    till = open_till(paths, config or TillConfig(sync=FAST_SYNC))
    try:
        yield till
    finally:
        till.close()


def sell(till: OpenTill, count: int, rng: random.Random) -> list[SaleRecord]:
    """Ring up ``count`` random sales of countable products with barcodes; returns them."""
    ctx = till.context
    cashier = ctx.staff.active_staff()[0]
    products = [
        p
        for p in list(ctx.till.search("a", limit=200)) + list(ctx.till.search("i", limit=200))
        if not p.sold_by_weight and p.barcode
    ]
    assert products, "the till has no countable products with barcodes"
    sales = []
    for _ in range(count):
        session = SaleSession(ctx.profile)
        for _ in range(rng.randint(1, 4)):
            product = rng.choice(products)
            session.add(ctx.till.lookup(f"{rng.randint(1, 3)}*{product.barcode}"))
        due = session.begin_payment().total_due
        session.add_tender(Tender(TenderKind.CASH, due + rng.choice((0, 500, 5000))))
        done = ctx.till.commit(session.prepare_commit(cashier, ctx.clock()))
        sales.append(done.sale)
    return sales


def outbox_rows(database: Path) -> dict[str, tuple[str, str | None]]:
    """sale_id -> (status, ack_status), read with plain sqlite3 (no app code)."""
    conn = sqlite3.connect(database)
    try:
        rows = conn.execute("SELECT sale_id, status, ack_status FROM outbox").fetchall()
    finally:
        conn.close()
    return {r[0]: (r[1], r[2]) for r in rows}


def till_sales(database: Path) -> dict[str, tuple[str, int]]:
    """sale_id -> (business day of sold_at in the till's offset, total)."""
    import json

    conn = sqlite3.connect(database)
    try:
        rows = conn.execute("SELECT sale_id, document, total FROM sales").fetchall()
    finally:
        conn.close()
    return {r[0]: (json.loads(r[1])["sold_at"][:10], int(r[2])) for r in rows}


def till_catalog(database: Path) -> dict[str, tuple[Any, ...]]:
    conn = sqlite3.connect(database)
    try:
        products = conn.execute(
            "SELECT id, sku, name, price, tax_code, active FROM products"
        ).fetchall()
        barcodes: dict[str, list[str]] = {}
        for code, pid in conn.execute("SELECT barcode, product_id FROM product_barcodes"):
            barcodes.setdefault(pid, []).append(code)
    finally:
        conn.close()
    return {
        r[0]: (r[1], r[2], r[3], r[4], bool(r[5]), tuple(sorted(barcodes.get(r[0], []))))
        for r in products
    }
