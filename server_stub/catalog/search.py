"""Finding a product among hundreds of thousands by what the owner types: a name, a SKU or a
barcode, a page at a time.

What it uses (migration 0009): a scanned barcode or a whole SKU is an exact look-up (the barcode
table's key; the SKU's unique key), listed first. The rest are products whose name contains the
text or whose SKU starts with it, in name order, paged by keyset ``(lower(name), product_id)``
on the ``ix_products_search_name`` B-tree, so a later page costs what the first does. On
PostgreSQL the planner serves "contains" from GIN trigram indexes when the text is rare and walks
the name index when it is common; SQLite walks the name index, stopping at a page's worth.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select, tuple_
from sqlalchemy.orm import Session

from server_stub.catalog.products import barcodes_of
from server_stub.core.problems import Problem
from server_stub.models import ProductBarcode, ProductRow

MAX_QUERY = 100
"""A search text longer than this is cut: no name or code is that long."""
MAX_SKU_PREFIX = 500
"""After an exact hit, at most this many other SKUs starting with the text are listed."""


@dataclass(frozen=True, slots=True)
class FoundProduct:
    """A product as the back office's list shows it (cost included: it is the owner's)."""

    product_id: str
    sku: str
    name: str
    category: str
    price: int
    cost_price: int | None
    tax_code: str
    barcodes: tuple[str, ...]
    in_store_code: str | None
    active: bool
    exact: bool
    """Found by its whole barcode or SKU (shown first)."""


@dataclass(frozen=True, slots=True)
class SearchPage:
    items: list[FoundProduct]
    next_cursor: str | None


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _encode_cursor(name_lower: str, product_id: str) -> str:
    raw = json.dumps([name_lower, product_id], ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        name_lower, product_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, TypeError, UnicodeError):
        raise Problem(
            422, "products.bad_cursor", "the cursor is not one this server gave out"
        ) from None
    if not isinstance(name_lower, str) or not isinstance(product_id, str):
        raise Problem(422, "products.bad_cursor", "the cursor is not one this server gave out")
    return name_lower, product_id


def _exact_ids(session: Session, org_id: str, text: str) -> list[str]:
    """Products whose whole barcode or SKU is ``text``: a scan or a typed code."""
    if not text or " " in text:
        return []
    by_barcode = select(ProductBarcode.product_id).where(
        ProductBarcode.org_id == org_id, ProductBarcode.barcode == text
    )
    # The unique (org_id, sku) B-tree, not the trigram index: an exact look-up in a millisecond.
    # Typed in lower case, an upper-case SKU is found too; a mixed-case one by the prefix search.
    by_sku = select(ProductRow.product_id).where(
        ProductRow.org_id == org_id, ProductRow.sku.in_(sorted({text, text.upper()}))
    )
    found = list(session.execute(by_barcode).scalars())
    found += [pid for pid in session.execute(by_sku).scalars() if pid not in found]
    return found


def _sku_prefix_ids(org_id: str, text: str, dialect: str) -> Select[str]:
    """Ids of the products whose SKU starts with ``text`` (already lower case)."""
    sku = func.lower(ProductRow.sku)
    stmt = select(ProductRow.product_id).where(
        ProductRow.org_id == org_id, sku.like(f"{_like(text)}%", escape="\\")
    )
    if dialect == "sqlite":
        # SQLite's LIKE cannot use an expression index; the same prefix as a range on the
        # lower(sku) B-tree can (SQLite compares text bytewise, so the range is exact).
        stmt = stmt.where(sku >= text, sku < text + "\U0010ffff")
    return stmt


def _matching(
    session: Session, org_id: str, text: str, exact: list[str]
) -> Select[ProductRow, str] | None:
    """The products ``text`` finds besides ``exact``: names containing it and SKUs starting
    with it; after an exact barcode or SKU hit, only SKUs starting with it (a scan is not a
    name search, and reading every name for digits would be slow for nothing). None: no more."""
    # The database's own lower(name) goes into the cursor: SQLite's lower() folds ASCII only,
    # so Python's would not compare the way the index is ordered.
    stmt = select(ProductRow, func.lower(ProductRow.name)).where(ProductRow.org_id == org_id)
    if not text:
        return stmt
    lowered = text.lower()
    dialect = session.get_bind().dialect.name
    by_sku = _sku_prefix_ids(org_id, lowered, dialect)
    if exact:
        # A few ids at most: looked up by key and sorted, not found by walking the name index.
        found = session.execute(by_sku.limit(MAX_SKU_PREFIX)).scalars()
        others = [i for i in found if i not in exact]
        return stmt.where(ProductRow.product_id.in_(others)) if others else None
    name = func.lower(ProductRow.name).like(f"%{_like(lowered)}%", escape="\\")
    if dialect == "postgresql":
        # Both tests on trigram indexes: the planner ORs their bitmaps (a subquery would not).
        sku = func.lower(ProductRow.sku).like(f"{_like(lowered)}%", escape="\\")
        return stmt.where(or_(name, sku))
    # On SQLite the SKU test as a set of ids: OR-ed in directly, SQLite read every product's row
    # to test its SKU (2 s instead of 0.2 s at 300,000 products); so the name index answers.
    return stmt.where(or_(name, ProductRow.product_id.in_(by_sku)))


def search_products(
    session: Session,
    org_id: str,
    query: str | None,
    *,
    cursor: str | None = None,
    limit: int = 50,
) -> SearchPage:
    """A page of ``org_id``'s products matching ``query`` (every product when empty)."""
    text = " ".join((query or "").split())[:MAX_QUERY]
    exact = _exact_ids(session, org_id, text)
    stmt = _matching(session, org_id, text, exact)
    name_key = func.lower(ProductRow.name)
    found: list[tuple[ProductRow, str]] = []
    if stmt is not None:
        if cursor:
            after = tuple_(*_decode_cursor(cursor))
            stmt = stmt.where(tuple_(name_key, ProductRow.product_id) > after)
        stmt = stmt.order_by(name_key, ProductRow.product_id).limit(limit + 1)
        found = [(row, key) for row, key in session.execute(stmt)]
    more = len(found) > limit
    rows = [row for row, _ in found[:limit]]
    first: list[ProductRow] = []
    if exact and not cursor:
        first = list(
            session.execute(
                select(ProductRow).where(
                    ProductRow.org_id == org_id, ProductRow.product_id.in_(exact)
                )
            ).scalars()
        )
    codes = barcodes_of(session, org_id, [r.product_id for r in first + rows])
    items = [_found(r, codes[r.product_id], exact=True) for r in first]
    items += [_found(r, codes[r.product_id], exact=False) for r in rows]
    next_cursor = None
    if more and rows:
        next_cursor = _encode_cursor(found[limit - 1][1], rows[-1].product_id)
    return SearchPage(items=items, next_cursor=next_cursor)


def _found(row: ProductRow, barcodes: list[str], *, exact: bool) -> FoundProduct:
    return FoundProduct(
        product_id=row.product_id,
        sku=row.sku,
        name=row.name,
        category=row.category,
        price=row.price,
        cost_price=row.cost_price,
        tax_code=row.tax_code,
        barcodes=tuple(barcodes),
        in_store_code=row.in_store_code,
        active=row.active,
        exact=exact,
    )
