"""The change feed tills pull: catalog and staff changes after a cursor, in sequence order.

Why the order never skips a change is in ``server_stub.catalog.sequence``.
"""

from __future__ import annotations

import json
from typing import Any, cast

from sqlalchemy import Table, and_, select, text
from sqlalchemy.orm import Session

from server_stub.catalog.sequence import current_seq
from server_stub.catalog.taxes import tax_out
from server_stub.core.problems import Problem
from server_stub.models import (
    CatalogTombstone,
    ProductBarcode,
    ProductRow,
    StaffMember,
    StaffStore,
    TaxCategoryRow,
)

MAX_CURSOR_DIGITS = 18


def parse_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isascii() or not cursor.isdigit() or len(cursor) > MAX_CURSOR_DIGITS:
        raise Problem(422, "catalog.bad_cursor", "the cursor is not one this server gave out")
    return int(cursor)


_PRODUCTS = cast(Table, ProductRow.__table__)
_BARCODES = cast(Table, ProductBarcode.__table__)
_FEED_PRODUCT_COLUMNS = (
    "product_id",
    "sku",
    "name",
    "category",
    "price",
    "tax_code",
    "sold_by_weight",
    "unit",
    "in_store_code",
    "active",
    "seq",
)


def _feed_products(
    session: Session, org_id: str, after: int, high: int, limit: int
) -> list[dict[str, Any]]:
    """One page of products with their barcodes, from one statement (one snapshot).

    Core rows, not ORM objects: a full snapshot of a big catalog is hundreds of thousands of
    rows, and the feed only ever turns them into JSON.
    """
    page = (
        select(*(_PRODUCTS.c[name] for name in _FEED_PRODUCT_COLUMNS))
        .where(_PRODUCTS.c.org_id == org_id, _PRODUCTS.c.seq > after, _PRODUCTS.c.seq <= high)
        .order_by(_PRODUCTS.c.seq)
        .limit(limit + 1)
        .subquery("page")
    )
    joined = page.outerjoin(
        _BARCODES,
        and_(_BARCODES.c.org_id == org_id, _BARCODES.c.product_id == page.c.product_id),
    )
    stmt = (
        select(page, _BARCODES.c.barcode)
        .select_from(joined)
        .order_by(page.c.seq, _BARCODES.c.barcode)
    )
    products: list[dict[str, Any]] = []
    last_id = None
    barcodes: list[str] = []
    for (
        product_id,
        sku,
        name,
        category,
        price,
        tax_code,
        sold_by_weight,
        unit,
        in_store_code,
        active,
        seq,
        barcode,
    ) in session.execute(stmt).all():
        if product_id != last_id:
            last_id = product_id
            barcodes = []
            products.append(
                {
                    "id": product_id,
                    "sku": sku,
                    "name": name,
                    "category": category,
                    "price": price,
                    "tax_code": tax_code,
                    "barcodes": barcodes,
                    "sold_by_weight": bool(sold_by_weight),
                    "unit": unit,
                    "in_store_code": in_store_code,
                    "active": bool(active),
                    "seq": seq,
                }
            )
        if barcode is not None:
            barcodes.append(barcode)
    return products


_PG_FEED_PRODUCTS = text(
    """
    SELECT count(*), max(x.seq) FILTER (WHERE x.rn <= :limit),
           coalesce(string_agg(x.doc, ',' ORDER BY x.seq) FILTER (WHERE x.rn <= :limit), '')
    FROM (
        SELECT r.seq, row_number() OVER (ORDER BY r.seq) AS rn, row_to_json(r)::text AS doc
        FROM (
            SELECT p.product_id AS id, p.sku, p.name, p.category, p.price, p.tax_code,
                   coalesce(
                       (SELECT array_agg(b.barcode ORDER BY b.barcode) FROM product_barcodes b
                        WHERE b.org_id = :org_id AND b.product_id = p.product_id),
                       '{}'
                   ) AS barcodes,
                   p.sold_by_weight, p.unit, p.in_store_code, p.active, p.seq
            FROM (
                SELECT * FROM products
                WHERE org_id = :org_id AND seq > :after AND seq <= :high
                ORDER BY seq LIMIT :limit + 1
            ) AS p
        ) AS r
    ) AS x
    """
)
"""PostgreSQL writes a snapshot page's products as JSON itself.

A 300,000-product snapshot is sixty 5,000-product pages; turning each row into a Python dict and
back into JSON cost more than the query. ``row_to_json`` writes the same document as
``_feed_products`` (keys in that order, barcodes sorted), and the barcodes come from an index
look-up per product: a join let the planner hash the whole barcode table for every page.
"""


def _feed_products_pg_json(
    session: Session, org_id: str, after: int, high: int, limit: int
) -> tuple[str, bool, int | None]:
    """``(products as comma-separated JSON objects, has_more, seq of the page's last product)``."""
    count, last_seq, docs = session.execute(
        _PG_FEED_PRODUCTS, {"org_id": org_id, "after": after, "high": high, "limit": limit}
    ).one()
    return str(docs), int(count) > limit, None if last_seq is None else int(last_seq)


def _feed_others(
    session: Session, org_id: str, after: int, high: int, limit: int
) -> tuple[list[TaxCategoryRow], list[CatalogTombstone]]:
    taxes = list(
        session.execute(
            select(TaxCategoryRow)
            .where(
                TaxCategoryRow.org_id == org_id,
                TaxCategoryRow.seq > after,
                TaxCategoryRow.seq <= high,
            )
            .order_by(TaxCategoryRow.seq)
            .limit(limit + 1)
        ).scalars()
    )
    tombstones: list[CatalogTombstone] = []
    if after > 0:  # a new till has nothing to delete
        tombstones = list(
            session.execute(
                select(CatalogTombstone)
                .where(
                    CatalogTombstone.org_id == org_id,
                    CatalogTombstone.seq > after,
                    CatalogTombstone.seq <= high,
                )
                .order_by(CatalogTombstone.seq)
                .limit(limit + 1)
            ).scalars()
        )
    return taxes, tombstones


def _feed_staff(
    session: Session, org_id: str, store_id: str, after: int, high: int, limit: int
) -> list[dict[str, Any]]:
    """Changed staff as the till of ``store_id`` sees them (``schemas.StaffChange``).

    A member counts as active here only when active and working in this store, and only then
    is the verifier sent. A new till (``after == 0``) gets only those: it has no one to
    deactivate, and other stores' staff are none of its business.
    """
    here = and_(
        StaffStore.org_id == StaffMember.org_id,
        StaffStore.staff_id == StaffMember.staff_id,
        StaffStore.store_id == store_id,
    )
    stmt = (
        select(
            StaffMember.staff_id,
            StaffMember.name,
            StaffMember.role,
            StaffMember.active,
            StaffMember.pin_verifier,
            StaffMember.seq,
            StaffStore.store_id,
        )
        .select_from(StaffMember)
        .outerjoin(StaffStore, here)
        .where(StaffMember.org_id == org_id, StaffMember.seq > after, StaffMember.seq <= high)
    )
    if after == 0:
        stmt = stmt.where(StaffMember.active, StaffStore.store_id.is_not(None))
    rows = session.execute(stmt.order_by(StaffMember.seq).limit(limit + 1)).all()
    staff: list[dict[str, Any]] = []
    for staff_id, name, role, active, verifier, seq, works_here in rows:
        active_here = bool(active) and works_here is not None
        staff.append(
            {
                "id": staff_id,
                "name": name,
                "role": role,
                "active": active_here,
                "pin_verifier": verifier if active_here else None,
                "seq": int(seq),
            }
        )
    return staff


def feed_page(
    session: Session,
    org_id: str,
    cursor: str | None,
    limit: int,
    *,
    store_id: str,
) -> dict[str, Any]:
    """A ``CatalogPage`` as plain JSON-ready data (see ``server_stub.schemas.CatalogPage``).

    ``store_id`` is the asking till's store: staff are sent as that store sees them.
    """
    after = parse_cursor(cursor)
    high = current_seq(session, org_id)
    products = _feed_products(session, org_id, after, high, limit)
    taxes, tombstones = _feed_others(session, org_id, after, high, limit)
    staff = _feed_staff(session, org_id, store_id, after, high, limit)
    return _assemble(products, taxes, tombstones, staff, after, high, limit)


def feed_page_json(
    session: Session,
    org_id: str,
    cursor: str | None,
    limit: int,
    *,
    store_id: str,
) -> bytes:
    """``feed_page`` as the UTF-8 JSON body of the response.

    On PostgreSQL a page of products only (every snapshot page but the first, and most pulls of
    a busy catalog) is spliced from the JSON the database wrote; anything else is encoded here.
    """
    after = parse_cursor(cursor)
    high = current_seq(session, org_id)
    taxes, tombstones = _feed_others(session, org_id, after, high, limit)
    staff = _feed_staff(session, org_id, store_id, after, high, limit)
    if taxes or tombstones or staff or session.get_bind().dialect.name != "postgresql":
        products = _feed_products(session, org_id, after, high, limit)
        return _encode(_assemble(products, taxes, tombstones, staff, after, high, limit))
    docs, has_more, last_seq = _feed_products_pg_json(session, org_id, after, high, limit)
    next_cursor = last_seq if has_more and last_seq is not None else max(high, after)
    return b"".join(
        (
            b'{"products":[',
            docs.encode("utf-8"),
            b'],"tax_categories":[],"tombstones":[],"staff":[],"next_cursor":"',
            str(next_cursor).encode("ascii"),
            b'","has_more":',
            b"true" if has_more else b"false",
            b"}",
        )
    )


def _encode(page: dict[str, Any]) -> bytes:
    return json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _assemble(
    products: list[dict[str, Any]],
    taxes: list[TaxCategoryRow],
    tombstones: list[CatalogTombstone],
    staff: list[dict[str, Any]],
    after: int,
    high: int,
    limit: int,
) -> dict[str, Any]:
    if not taxes and not tombstones and not staff:
        # A snapshot page of a big catalog: products only, already in seq order.
        has_more = len(products) > limit
        return {
            "products": products[:limit],
            "tax_categories": [],
            "tombstones": [],
            "staff": [],
            "next_cursor": str(products[limit - 1]["seq"] if has_more else max(high, after)),
            "has_more": has_more,
        }
    merged = sorted(
        [(int(p["seq"]), "p", i) for i, p in enumerate(products)]
        + [(t.seq, "t", i) for i, t in enumerate(taxes)]
        + [(d.seq, "d", i) for i, d in enumerate(tombstones)]
        + [(int(m["seq"]), "s", i) for i, m in enumerate(staff)]
    )
    has_more = len(merged) > limit
    taken = merged[:limit]
    next_cursor = taken[-1][0] if has_more else max(high, after)
    return {
        "products": [products[i] for _, kind, i in taken if kind == "p"],
        "tax_categories": [tax_out(taxes[i]).model_dump() for _, kind, i in taken if kind == "t"],
        "tombstones": [
            {
                "seq": tombstones[i].seq,
                "kind": "product" if tombstones[i].kind == "product" else "tax_category",
                "id": tombstones[i].key,
            }
            for _, kind, i in taken
            if kind == "d"
        ],
        "staff": [staff[i] for _, kind, i in taken if kind == "s"],
        "next_cursor": str(next_cursor),
        "has_more": has_more,
    }
