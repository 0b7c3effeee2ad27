"""Demo data for ``make run``, and the fast bulk loader benchmarks use.

``seed_demo`` is idempotent: every row goes in with ``ON CONFLICT DO NOTHING`` (products by id,
SKU and barcode; the store profile only when none exists), so running it on every start changes
nothing after the first time and never overwrites what a shop changed.

It seeds no staff: staff come from the cloud, the demo's too (``server_stub.demo`` creates them
in the demo cloud and they reach the till through the feed once it is paired).

Product ids of demo and bulk-loaded products are UUID-5s of their SKU, so the same product gets
the same id on every till and every run.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Protocol

from sqlalchemy import Connection, Engine
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.tax import DEFAULT_CATEGORIES, TaxSettings
from pos_desktop.localdb.models import TaxCategoryRow
from pos_desktop.localdb.settings import save_profile
from pos_desktop.localdb.transactions import write_session
from pos_desktop.services.ports import StoreProfile

log = logging.getLogger(__name__)

BULK_CACHE_KIB = -65536
"""``PRAGMA cache_size`` for bulk loads: negative means KiB, so 64 MiB."""

PRODUCT_NAMESPACE = uuid.UUID("6f1c2a8e-4b7d-5e21-9c3a-0d8e7f6a5b41")


class ProductSpec(Protocol):
    """What a product to load must offer; ``pos_desktop.domain.demo_catalog.DemoProduct`` has it."""

    @property
    def sku(self) -> str: ...
    @property
    def barcode(self) -> str | None: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def price(self) -> int: ...
    @property
    def tax_code(self) -> str: ...
    @property
    def sold_by_weight(self) -> bool: ...
    @property
    def unit(self) -> str: ...
    @property
    def in_store_code(self) -> str | None: ...


DEMO_STORE = StoreProfile(
    store_code="S01",
    till_code="T01",
    name="Toko Maju Jaya",
    address_lines=(
        "Jl. Merdeka No. 17, Sukamaju",
        "Kec. Cibeunying Kidul, Kota Bandung",
        "Jawa Barat 40121",
    ),
    npwp="01.234.567.8-901.000",
    phone="(022) 720-1234",
    footer_lines=(
        "Terima kasih atas kunjungan Anda",
        "Simpan struk ini sebagai bukti pembayaran",
    ),
    currency="IDR",
    tax=TaxSettings(ppn_enabled=False, prices_include_tax=True),
    rounding_step=100,
)


def product_id_for(sku: str) -> str:
    return str(uuid.uuid5(PRODUCT_NAMESPACE, sku.casefold()))


def _batches(items: Iterable[ProductSpec], size: int) -> Iterator[list[ProductSpec]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _insert_tax_categories(conn: Connection) -> None:
    rows = [
        {
            "code": c.code,
            "name": c.name,
            "kind": c.kind.value,
            "rate_bp": c.rate_bp,
            "base_numerator": c.base_numerator,
            "base_denominator": c.base_denominator,
        }
        for c in DEFAULT_CATEGORIES
    ]
    conn.execute(insert(TaxCategoryRow).on_conflict_do_nothing(), rows)


_STAGE_CREATE = """
    CREATE TEMP TABLE IF NOT EXISTS product_stage (
        id, sku, name, category, price, tax_code, sold_by_weight, unit, in_store_code, barcode
    )
"""
_STAGE_INSERT = """
    INSERT INTO temp.product_stage (
        id, sku, name, category, price, tax_code, sold_by_weight, unit, in_store_code, barcode
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_STAGE_CLEAR = "DELETE FROM temp.product_stage"
_MOVE_PRODUCTS = """
    INSERT INTO products (
        id, sku, name, category, price, tax_code, sold_by_weight, unit, in_store_code,
        active, updated_seq
    )
    SELECT id, sku, name, category, price, tax_code, sold_by_weight, unit, in_store_code, 1, NULL
    FROM temp.product_stage WHERE true
    ON CONFLICT DO NOTHING
"""
# Only barcodes of products that exist under the staged id: a product skipped above because
# its SKU belongs to another id must not get a barcode pointing at nothing.
_MOVE_BARCODES = """
    INSERT INTO product_barcodes (barcode, product_id)
    SELECT s.barcode, s.id FROM temp.product_stage AS s JOIN products AS p ON p.id = s.id
    WHERE s.barcode IS NOT NULL
    ON CONFLICT DO NOTHING
"""


def _stage(conn: Connection, products: Iterable[ProductSpec]) -> None:
    # Imported here: the barcode rules live in the domain and are the one source of truth.
    from pos_desktop.domain.barcode import normalize

    conn.exec_driver_sql(
        _STAGE_INSERT,
        [
            (
                product_id_for(p.sku),
                p.sku,
                p.name,
                p.category,
                p.price,
                p.tax_code,
                bool(p.sold_by_weight),
                p.unit,
                p.in_store_code or None,
                normalize(p.barcode) if p.barcode else None,
            )
            for p in products
        ],
    )


def _insert_products(conn: Connection, batches: Iterable[Sequence[ProductSpec]]) -> int:
    """Insert products inside the caller's transaction; returns how many were new.

    The rows are staged in a temporary table (one executemany per batch) and moved with one
    ``INSERT ... SELECT``: the search index trigger then runs inside a single statement. FTS5
    flushes its buffer at the end of every statement, so row-by-row inserts (or many small
    ``INSERT ... SELECT``s) index several times slower and leave many segments to merge.
    """
    conn.exec_driver_sql(_STAGE_CREATE)
    conn.exec_driver_sql(_STAGE_CLEAR)
    for batch in batches:
        _stage(conn, batch)
    # sqlite3_changes(): the statement's own rows, not the trigger's.
    added = conn.exec_driver_sql(_MOVE_PRODUCTS).rowcount
    conn.exec_driver_sql(_MOVE_BARCODES)
    conn.exec_driver_sql(_STAGE_CLEAR)
    return added


def bulk_load_products(engine: Engine, products: Iterable[ProductSpec], batch: int = 5000) -> int:
    """Load products fast, in one transaction; returns how many were new.

    Products already present (same id or SKU) are left as they are. The default tax categories
    are added first if missing. ``batch`` is the executemany size, bounding memory for a
    generator of any length.
    """
    if batch < 1:
        raise ValueError(f"batch must be at least 1, not {batch}")
    with engine.begin() as conn:
        # A bigger page cache for this connection while it fills indexes in random key order.
        previous = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        conn.exec_driver_sql(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
        try:
            _insert_tax_categories(conn)
            loaded = _insert_products(conn, _batches(products, batch))
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")
    log.info("bulk-loaded %d products", loaded)
    return loaded


def seed_demo(session_factory: sessionmaker[Session]) -> int:
    """The demo store "Toko Maju Jaya": tax categories, store profile, 500+ products.

    Returns how many products were added (0 when they were all there already).
    """
    from pos_desktop.domain.demo_catalog import demo_products

    with write_session(session_factory, "demo seed") as session:
        _insert_tax_categories(session.connection())
        save_profile(session, DEMO_STORE, replace=False)
        added = _insert_products(session.connection(), [list(demo_products())])
    log.info("demo store ready (%d products added)", added)
    return added
