"""Applying what the cloud sends: catalog pages, stock levels, the store profile, the pairing.

A catalog page and the cursor after it are written in one transaction, so a till that crashes
mid-pull resumes from the last page it fully applied and never skips or half-applies one.

Within a page, the cloud's order is followed: tombstones, then tax categories, then products,
then staff (``localdb.staff.apply_cloud_staff``: the PIN verifiers tills check offline).
Products are upserted by id (``INSERT ... ON CONFLICT (id) DO UPDATE``, never ``INSERT OR
REPLACE``, whose delete would cascade to the barcodes and renumber the search index), and each
product's barcodes are replaced as a set. The cloud keeps SKUs, barcodes and in-store codes
unique, but the till may hold a stale product that still uses a value another product now has
(the cloud moved it, or swapped two SKUs); that stale product changed after the till last saw it,
so its new state is in this pull: such a local product is removed now and comes back (or stays
deleted) with the page that carries it.

A full pull (a new till, or a reset cursor) ends by removing what the cloud did not send: rows
whose ``updated_seq`` is still ``NULL`` (demo data seeded before pairing, leftovers).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.sync_messages import (
    CatalogPage,
    CloudProduct,
    CloudStore,
    CloudTaxCategory,
    CloudTombstone,
)
from pos_desktop.domain.tax import TaxSettings
from pos_desktop.domain.totals import ROUNDING_STEPS
from pos_desktop.localdb import journal, pin_changes, staff
from pos_desktop.localdb.models import SyncStateRow, utc_text
from pos_desktop.localdb.settings import load_profile, save_profile
from pos_desktop.services.ports import StoreProfile

log = logging.getLogger(__name__)

STATE_ID = 1


@dataclass(frozen=True, slots=True)
class Pairing:
    server_url: str
    device_id: str
    org_id: str
    org_name: str
    paired_at: datetime


@dataclass(slots=True)
class PageReport:
    products: int = 0
    tax_categories: int = 0
    tombstones: int = 0
    displaced: int = 0
    removed_after_full_pull: int = 0
    placeholders: list[str] = field(default_factory=list)
    staff: int = 0


# -- sync state -----------------------------------------------------------------------------


def _ensure_state(session: Session) -> None:
    session.execute(
        insert(SyncStateRow)
        .values(id=STATE_ID, full_pull_pending=False)
        .on_conflict_do_nothing(index_elements=["id"])
    )


def load_pairing(session: Session) -> Pairing | None:
    row = session.get(SyncStateRow, STATE_ID)
    if row is None or not row.server_url or not row.device_id or row.paired_at is None:
        return None
    return Pairing(
        server_url=row.server_url,
        device_id=row.device_id,
        org_id=row.org_id or "",
        org_name=row.org_name or "",
        paired_at=row.paired_at,
    )


def save_pairing(session: Session, pairing: Pairing) -> bool:
    """Record the pairing (caller's transaction). Pairing with another organization or server
    restarts the catalog from a full pull; returns whether it did."""
    _ensure_state(session)
    row = session.get(SyncStateRow, STATE_ID)
    assert row is not None
    fresh = (row.server_url, row.org_id) != (pairing.server_url, pairing.org_id)
    row.server_url = pairing.server_url
    row.device_id = pairing.device_id
    row.org_id = pairing.org_id
    row.org_name = pairing.org_name
    row.paired_at = pairing.paired_at
    if fresh:
        row.catalog_cursor = None
        row.full_pull_pending = False
    session.flush()
    return fresh


def catalog_cursor(session: Session) -> str | None:
    row = session.get(SyncStateRow, STATE_ID)
    return None if row is None else row.catalog_cursor


def reset_catalog_cursor(session: Session) -> None:
    """Pull the whole catalog again (the cloud refused the cursor, or store IT asked)."""
    _ensure_state(session)
    session.execute(
        text("UPDATE sync_state SET catalog_cursor = NULL, full_pull_pending = 0 WHERE id = 1")
    )


# -- catalog pages --------------------------------------------------------------------------

_STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS sync_products (id TEXT PRIMARY KEY, sku TEXT, name TEXT,"
    " category TEXT, price INTEGER, tax_code TEXT, sold_by_weight INTEGER, unit TEXT,"
    " in_store_code TEXT, active INTEGER, seq INTEGER)",
    "CREATE TEMP TABLE IF NOT EXISTS sync_barcodes (barcode TEXT PRIMARY KEY, product_id TEXT)",
    "DELETE FROM temp.sync_products",
    "DELETE FROM temp.sync_barcodes",
)
_STAGE_PRODUCT = (
    "INSERT INTO temp.sync_products (id, sku, name, category, price, tax_code, sold_by_weight,"
    " unit, in_store_code, active, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_STAGE_BARCODE = "INSERT OR IGNORE INTO temp.sync_barcodes (barcode, product_id) VALUES (?, ?)"
# Local products under another id that hold a SKU or in-store code an incoming product takes.
_DISPLACE_OTHERS = """
    DELETE FROM products
    WHERE id NOT IN (SELECT id FROM temp.sync_products)
      AND (sku IN (SELECT sku FROM temp.sync_products)
           OR in_store_code IN (SELECT in_store_code FROM temp.sync_products
                                WHERE in_store_code IS NOT NULL))
"""
# Incoming products whose SKU or in-store code changes: park the old values first, so two
# products that swapped codes in the cloud can both be written.
_PARK_CHANGED = """
    UPDATE products SET sku = char(1) || id, in_store_code = NULL
    WHERE id IN (SELECT s.id FROM temp.sync_products AS s JOIN products AS p ON p.id = s.id
                 WHERE p.sku <> s.sku OR p.in_store_code IS NOT s.in_store_code)
"""
_CLEAR_BARCODES = """
    DELETE FROM product_barcodes
    WHERE product_id IN (SELECT id FROM temp.sync_products)
       OR barcode IN (SELECT barcode FROM temp.sync_barcodes)
"""
_UPSERT_PRODUCTS = """
    INSERT INTO products (id, sku, name, category, price, tax_code, sold_by_weight, unit,
                          in_store_code, active, updated_seq)
    SELECT id, sku, name, category, price, tax_code, sold_by_weight, unit, in_store_code,
           active, seq
    FROM temp.sync_products WHERE true ORDER BY seq
    ON CONFLICT (id) DO UPDATE SET
        sku = excluded.sku, name = excluded.name, category = excluded.category,
        price = excluded.price, tax_code = excluded.tax_code,
        sold_by_weight = excluded.sold_by_weight, unit = excluded.unit,
        in_store_code = excluded.in_store_code, active = excluded.active,
        updated_seq = excluded.updated_seq
"""
_INSERT_BARCODES = """
    INSERT INTO product_barcodes (barcode, product_id)
    SELECT barcode, product_id FROM temp.sync_barcodes WHERE true
    ON CONFLICT DO NOTHING
"""
_MISSING_TAX_CODES = """
    SELECT DISTINCT s.tax_code FROM temp.sync_products AS s
    WHERE NOT EXISTS (SELECT 1 FROM tax_categories AS t WHERE t.code = s.tax_code)
"""
_UPSERT_TAX = """
    INSERT INTO tax_categories (code, name, kind, rate_bp, base_numerator, base_denominator,
                                updated_seq)
    VALUES (:code, :name, :kind, :rate_bp, :base_numerator, :base_denominator, :seq)
    ON CONFLICT (code) DO UPDATE SET
        name = excluded.name, kind = excluded.kind, rate_bp = excluded.rate_bp,
        base_numerator = excluded.base_numerator, base_denominator = excluded.base_denominator,
        updated_seq = excluded.updated_seq
"""
_DELETE_TAX_UNUSED = """
    DELETE FROM tax_categories
    WHERE code = :code AND NOT EXISTS (SELECT 1 FROM products WHERE tax_code = :code)
"""


def _normalize_barcode(code: str) -> str:
    from pos_desktop.domain.barcode import normalize

    return normalize(code)


def _apply_tombstones(conn: Connection, tombstones: Sequence[CloudTombstone]) -> None:
    for stone in sorted(tombstones, key=lambda t: t.seq):
        if stone.kind == "product":
            # Barcodes go with it (ON DELETE CASCADE); sale lines are snapshots and stay.
            conn.execute(text("DELETE FROM products WHERE id = :id"), {"id": stone.id})
        elif stone.kind == "tax_category":
            gone = conn.execute(text(_DELETE_TAX_UNUSED), {"code": stone.id}).rowcount
            if not gone:
                log.warning("tax category %s deleted in the cloud is still in use here", stone.id)
        else:
            log.warning("unknown tombstone kind %r (seq %d) ignored", stone.kind, stone.seq)


def _apply_tax_categories(conn: Connection, categories: Sequence[CloudTaxCategory]) -> None:
    if categories:
        conn.execute(
            text(_UPSERT_TAX),
            [
                {
                    "code": c.code,
                    "name": c.name,
                    "kind": c.kind,
                    "rate_bp": c.rate_bp,
                    "base_numerator": c.base_numerator,
                    "base_denominator": c.base_denominator,
                    "seq": c.seq,
                }
                for c in sorted(categories, key=lambda c: c.seq)
            ],
        )


def _apply_products(conn: Connection, products: Sequence[CloudProduct], report: PageReport) -> None:
    for statement in _STAGE:
        conn.exec_driver_sql(statement)
    if not products:
        return
    latest: dict[str, CloudProduct] = {}
    for p in products:
        if p.id not in latest or latest[p.id].seq < p.seq:
            latest[p.id] = p
    conn.exec_driver_sql(
        _STAGE_PRODUCT,
        [
            (
                p.id,
                p.sku,
                p.name,
                p.category,
                p.price,
                p.tax_code,
                int(p.sold_by_weight),
                p.unit,
                p.in_store_code or None,
                int(p.active),
                p.seq,
            )
            for p in latest.values()
        ],
    )
    barcodes = [(_normalize_barcode(b), p.id) for p in latest.values() for b in p.barcodes]
    if barcodes:
        conn.exec_driver_sql(_STAGE_BARCODE, barcodes)
    # A product may name a tax category whose newest version comes in a later page; a
    # placeholder keeps the foreign key whole until then (a full pull removes unused ones).
    for (code,) in conn.exec_driver_sql(_MISSING_TAX_CODES).all():
        log.warning("tax category %s not here yet; placeholder until the cloud sends it", code)
        report.placeholders.append(str(code))
        conn.execute(
            text(
                "INSERT INTO tax_categories (code, name, kind, rate_bp, base_numerator,"
                " base_denominator, updated_seq) VALUES (:c, :c, 'exempt', 0, 1, 1, NULL)"
            ),
            {"c": code},
        )
    report.displaced = conn.exec_driver_sql(_DISPLACE_OTHERS).rowcount
    if report.displaced:
        log.info("%d local products gave way to cloud products", report.displaced)
    conn.exec_driver_sql(_PARK_CHANGED)
    conn.exec_driver_sql(_CLEAR_BARCODES)
    conn.exec_driver_sql(_UPSERT_PRODUCTS)
    conn.exec_driver_sql(_INSERT_BARCODES)
    report.products = len(latest)


def _current_prices(conn: Connection, product_ids: Sequence[str]) -> dict[str, int]:
    prices: dict[str, int] = {}
    for start in range(0, len(product_ids), 500):
        chunk = list(product_ids[start : start + 500])
        rows = conn.execute(
            text("SELECT id, price FROM products WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": chunk},
        ).all()
        prices.update({str(r[0]): int(r[1]) for r in rows})
    return prices


def _journal_price_changes(
    session: Session, page: CatalogPage, old_prices: dict[str, int], now: datetime
) -> None:
    """One journal entry per page that changed prices of products the till already had."""
    changes = [
        [p.id, p.sku, old_prices[p.id], p.price]
        for p in page.products
        if p.id in old_prices and old_prices[p.id] != p.price
    ]
    if changes:
        journal.append(
            session,
            JournalKind.PRICE_CHANGE,
            at=now,
            actor=journal.SYSTEM_ACTOR,
            data={"cursor": page.next_cursor, "changes": changes},
        )


def apply_catalog_page(
    session: Session, page: CatalogPage, *, sent_cursor: str | None, now: datetime
) -> PageReport:
    """Apply one page and store its ``next_cursor`` (the caller's write transaction).

    ``sent_cursor`` is the cursor the page was asked with; the page is refused if the till's
    cursor moved meanwhile (two pullers), so a page is never applied twice out of order.
    """
    _ensure_state(session)
    state = session.execute(
        text("SELECT catalog_cursor, full_pull_pending FROM sync_state WHERE id = 1")
    ).one()
    if state[0] != sent_cursor:
        raise RuntimeError(f"catalog cursor moved from {sent_cursor!r} to {state[0]!r}")
    full = bool(state[1]) or sent_cursor is None
    conn = session.connection()
    report = PageReport(tax_categories=len(page.tax_categories), tombstones=len(page.tombstones))
    if sent_cursor is None:
        # A full pull starts: everything the cloud does not send again is removed at its end.
        conn.execute(text("UPDATE products SET updated_seq = NULL WHERE updated_seq IS NOT NULL"))
        conn.execute(
            text("UPDATE tax_categories SET updated_seq = NULL WHERE updated_seq IS NOT NULL")
        )
        staff.start_full_staff_pull(session)
    _apply_tombstones(conn, page.tombstones)
    _apply_tax_categories(conn, page.tax_categories)
    old_prices = _current_prices(conn, [p.id for p in page.products])
    _apply_products(conn, page.products, report)
    _journal_price_changes(session, page, old_prices, now)
    if page.staff:
        keep = pin_changes.pending_staff_ids(session)
        report.staff = staff.apply_cloud_staff(session, page.staff, keep_pin_of=keep).upserted
    finished_full = full and not page.has_more
    if finished_full:
        staff.finish_full_staff_pull(session)
        report.removed_after_full_pull = conn.execute(
            text("DELETE FROM products WHERE updated_seq IS NULL")
        ).rowcount
        conn.execute(
            text(
                "DELETE FROM tax_categories WHERE updated_seq IS NULL AND NOT EXISTS"
                " (SELECT 1 FROM products WHERE products.tax_code = tax_categories.code)"
            )
        )
        if report.removed_after_full_pull:
            log.info("full pull removed %d products", report.removed_after_full_pull)
    conn.execute(
        text(
            "UPDATE sync_state SET catalog_cursor = :cursor, full_pull_pending = :full,"
            " catalog_pulled_at = :now WHERE id = 1"
        ),
        {"cursor": page.next_cursor, "full": full and page.has_more, "now": utc_text(now)},
    )
    return report


# -- stock and store profile ----------------------------------------------------------------


def replace_stock_levels(
    session: Session, levels: Sequence[tuple[str, int]], now: datetime
) -> None:
    """The store's stock levels, replaced as a whole (the cloud sends the full set)."""
    _ensure_state(session)
    conn = session.connection()
    conn.execute(text("DELETE FROM stock_levels"))
    if levels:
        conn.execute(
            text("INSERT INTO stock_levels (product_id, quantity_milli) VALUES (:p, :q)"),
            [{"p": pid, "q": qty} for pid, qty in levels],
        )
    conn.execute(
        text("UPDATE sync_state SET stock_pulled_at = :now WHERE id = 1"), {"now": utc_text(now)}
    )


def stock_level(session: Session, product_id: str) -> int | None:
    value = session.execute(
        text("SELECT quantity_milli FROM stock_levels WHERE product_id = :p"), {"p": product_id}
    ).scalar_one_or_none()
    return None if value is None else int(value)


def _kept_codes(current: StoreProfile | None, store: CloudStore, pairing: bool) -> tuple[str, str]:
    """Store and till code: the cloud's when pairing or first seen, the till's own otherwise."""
    if current is None or pairing:
        return store.store_code, store.till_code
    if (current.store_code, current.till_code) != (store.store_code, store.till_code):
        log.warning(
            "cloud says this till is %s/%s, the till is %s/%s: pair it again to change",
            store.store_code,
            store.till_code,
            current.store_code,
            current.till_code,
        )
    return current.store_code, current.till_code


def _profile_from_cloud(
    store: CloudStore, current: StoreProfile | None, pairing: bool
) -> StoreProfile:
    """The profile the cloud describes, keeping what an older cloud does not send."""
    address = tuple(line.strip() for line in store.address.splitlines() if line.strip())
    store_code, till_code = _kept_codes(current, store, pairing)

    def kept(value: Any, field: str, default: Any) -> Any:
        if value is not None:
            return value
        return getattr(current, field) if current is not None else default

    return StoreProfile(
        store_code=store_code,
        till_code=till_code,
        name=store.name,
        # A cloud that versions the profile owns the address, an empty one included; an older
        # one sent no address at all when it had none, so the till's own stayed.
        address_lines=(
            address
            if store.profile_version is not None
            else address or (current.address_lines if current else ())
        ),
        npwp=kept(store.npwp, "npwp", ""),
        phone=kept(store.phone, "phone", ""),
        footer_lines=kept(store.receipt_footer, "footer_lines", ()),
        currency=store.currency or (current.currency if current else "IDR"),
        tax=TaxSettings(ppn_enabled=store.ppn_enabled, prices_include_tax=store.prices_include_tax),
        rounding_step=store.rounding_step,
        legal_name=kept(store.legal_name, "legal_name", ""),
        header_lines=kept(store.receipt_header, "header_lines", ()),
        version=kept(store.profile_version, "version", 0),
    )


def apply_cloud_store(
    session: Session, store: CloudStore, *, pairing: bool, now: datetime | None = None
) -> StoreProfile:
    """Bring the store profile in line with the cloud (the caller's write transaction).

    The cloud owns the store's name, receipt details and tax and rounding rules. Store and till
    codes are set when pairing (``pairing=True``) and never changed under a running till: every
    sale is checked against them, so a change is logged and waits for the next pairing. Details a
    cloud does not send (an older server) stay as they are.

    Every change is journaled in the same transaction as the profile itself (old and new
    version, and each field that changed), so the audit trail shows from which moment the till
    sold under which rules. Open carts are not touched here: each sale takes the profile in
    force when it starts.
    """
    if store.rounding_step not in ROUNDING_STEPS:
        raise UserError("store.bad_rounding_step", allowed=ROUNDING_STEPS)
    try:
        current: StoreProfile | None = load_profile(session)
    except UserError:
        current = None
    profile = _profile_from_cloud(store, current, pairing)
    if profile == current:
        return profile
    save_profile(session, profile)
    old_version = current.version if current is not None else None
    changed = _profile_changes(current, profile)
    journal.append(
        session,
        JournalKind.SETTINGS_CHANGE,
        at=now or datetime.now(UTC),
        actor=journal.SYSTEM_ACTOR,
        data={
            "section": "store_profile",
            "old_version": old_version,
            "new_version": profile.version,
            "changed": changed,
        },
    )
    if current is not None and not pairing and profile.version < current.version:
        log.warning(
            "the cloud's store profile version %d is older than this till's %d; applied anyway",
            profile.version,
            current.version,
        )
    log.info(
        "store profile updated from the cloud (%s): version %s -> %d, %s",
        profile.name,
        old_version,
        profile.version,
        ", ".join(sorted(changed)) or "no field changed",
    )
    return profile


def _profile_changes(old: StoreProfile | None, new: StoreProfile) -> dict[str, list[Any]]:
    """Field -> [old, new] for every field that differs (JSON-ready, for the journal)."""
    fields: dict[str, Callable[[StoreProfile], Any]] = {
        "name": lambda p: p.name,
        "legal_name": lambda p: p.legal_name,
        "address": lambda p: list(p.address_lines),
        "npwp": lambda p: p.npwp,
        "phone": lambda p: p.phone,
        "receipt_header": lambda p: list(p.header_lines),
        "receipt_footer": lambda p: list(p.footer_lines),
        "currency": lambda p: p.currency,
        "ppn_enabled": lambda p: p.tax.ppn_enabled,
        "prices_include_tax": lambda p: p.tax.prices_include_tax,
        "rounding_step": lambda p: p.rounding_step,
        "store_code": lambda p: p.store_code,
        "till_code": lambda p: p.till_code,
    }
    changes: dict[str, list[Any]] = {}
    for name, value in fields.items():
        before = value(old) if old is not None else None
        after = value(new)
        if before != after:
            changes[name] = [before, after]
    return changes
