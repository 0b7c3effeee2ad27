"""Finding products: by scanned code (every scan) and by incremental search (F2).

Both run on every scan or keystroke against a catalog of up to 300,000 products, so each is a
handful of indexed lookups in plain SQL:

* a code is looked up exactly: barcode (normalised as ``domain.barcode.normalize`` does), then
  in-store item code, then SKU (a ``NOCASE`` column, so case-insensitive and still indexed);
* search lists, in this order: the product whose code is exactly the text; names *starting*
  with it (``name LIKE 'text%'`` on the ``NOCASE`` name index, in name order); SKUs and barcodes
  starting with it (their own indexes); then names *containing* every word, from the FTS5
  trigram index ``product_search`` (migration ``0001``, kept in step by triggers). Trigrams need
  three characters, so one- and two-character searches use the prefix indexes only.

Only active products are found; a product the cloud withdrew is not for sale.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.cart import Product
from pos_desktop.domain.tax import TaxCategory, TaxKind
from pos_desktop.localdb.transactions import read_session

log = logging.getLogger(__name__)

MAX_SEARCH_RESULTS = 200
TRIGRAM = 3
"""The FTS5 trigram tokenizer matches substrings of at least three characters."""

_COLUMNS = """
    p.id, p.sku, p.name, p.price, p.sold_by_weight, p.unit,
    t.code AS tax_code, t.name AS tax_name, t.kind AS tax_kind, t.rate_bp,
    t.base_numerator, t.base_denominator
"""
_PRIMARY_BARCODE = """
    (SELECT b.barcode FROM product_barcodes AS b WHERE b.product_id = p.id
     ORDER BY b.rowid LIMIT 1)
"""
_PRODUCTS = "products AS p JOIN tax_categories AS t ON t.code = p.tax_code"
_BARCODES = (
    "product_barcodes AS b JOIN products AS p ON p.id = b.product_id"
    " JOIN tax_categories AS t ON t.code = p.tax_code"
)


def _select(where: str, *, source: str = _PRODUCTS, barcode: str = _PRIMARY_BARCODE) -> str:
    # Built only from the constant fragments above; every value is a bound parameter.
    return f"SELECT {_COLUMNS}, {barcode} AS barcode FROM {source} WHERE {where}"  # noqa: S608


_BY_BARCODE = text(_select("b.barcode = :code AND p.active", source=_BARCODES, barcode="b.barcode"))
_BY_IN_STORE_CODE = text(_select("p.in_store_code = :code AND p.active"))
_BY_SKU = text(_select("p.sku = :code AND p.active"))
_NAME_PREFIX = text(
    _select("p.name LIKE :prefix ESCAPE '\\' AND p.active ORDER BY p.name LIMIT :limit")
)
_SKU_PREFIX = text(
    _select("p.sku LIKE :prefix ESCAPE '\\' AND p.active ORDER BY p.sku LIMIT :limit")
)
# GLOB on the BINARY primary key uses the index for a prefix; only used for digit strings.
_BARCODE_PREFIX = text(
    _select(
        "b.barcode GLOB :pattern AND p.active ORDER BY b.barcode LIMIT :limit",
        source=_BARCODES,
        barcode="b.barcode",
    )
)
_CONTAINING = _select(
    "s.product_search MATCH :match AND p.active {extra} LIMIT :limit",
    source=(
        "product_search AS s JOIN products AS p ON p.pk = s.rowid"
        " JOIN tax_categories AS t ON t.code = p.tax_code"
    ),
)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(word: str) -> str:
    """A word as an FTS5 string: quoted, so operators and punctuation are matched literally."""
    return '"' + word.replace('"', '""') + '"'


def product_from_row(row: Any) -> Product:
    return Product(
        product_id=row.id,
        sku=row.sku,
        name=row.name,
        unit_price=row.price,
        tax_category=TaxCategory(
            code=row.tax_code,
            name=row.tax_name,
            kind=TaxKind(row.tax_kind),
            rate_bp=row.rate_bp,
            base_numerator=row.base_numerator,
            base_denominator=row.base_denominator,
        ),
        barcode=row.barcode or "",
        sold_by_weight=bool(row.sold_by_weight),
        unit=row.unit,
    )


def normalize_code(code: str) -> str:
    """The lookup key of a scanned or typed code (``domain.barcode.normalize``)."""
    # Imported here so this module loads even while the barcode rules are being reworked.
    from pos_desktop.domain.barcode import normalize

    return normalize(code)


def find_by_code(session: Session, code: str) -> Product | None:
    """Barcode, then in-store item code, then SKU; ``code`` is already normalised."""
    if not code:
        return None
    for statement in (_BY_BARCODE, _BY_IN_STORE_CODE, _BY_SKU):
        row = session.execute(statement, {"code": code}).first()
        if row is not None:
            return product_from_row(row)
    return None


def search_products(session: Session, query: str, limit: int = 50) -> list[Product]:
    """Products for the incremental search box, best matches first (see the module doc)."""
    query = " ".join(query.split())
    limit = max(0, min(limit, MAX_SEARCH_RESULTS))
    if not query or limit == 0:
        return []
    found: dict[str, Product] = {}

    def collect(rows: Sequence[Any]) -> None:
        for row in rows:
            if len(found) >= limit:
                return
            if row.id not in found:
                found[row.id] = product_from_row(row)

    exact = find_by_code(session, normalize_code(query))
    if exact is not None:
        found[exact.product_id] = exact
    # Each step asks for ``limit`` rows: up to len(found) of them may be duplicates.
    prefix = {"prefix": _like_escape(query) + "%", "limit": limit}
    collect(session.execute(_NAME_PREFIX, prefix).all())
    if len(found) < limit and " " not in query:
        collect(session.execute(_SKU_PREFIX, prefix).all())
        if len(found) < limit and query.isascii() and query.isdigit():
            pattern = {"pattern": query + "*", "limit": limit}
            collect(session.execute(_BARCODE_PREFIX, pattern).all())
    if len(found) < limit:
        collect(_containing(session, query, limit))
    return list(found.values())


def _containing(session: Session, query: str, limit: int) -> list[Any]:
    """Rows whose name contains every word of ``query``, sorted by name.

    Words of three or more characters go through the trigram index; shorter ones (``"a"`` in
    ``"teh a"``) only filter those rows, so at least one long word is needed.
    """
    words = query.split(" ")
    long_words = [w for w in words if len(w) >= TRIGRAM]
    if not long_words:
        return []
    extra = ""
    params: dict[str, Any] = {
        "match": " ".join(_fts_phrase(w) for w in long_words),
        "limit": limit,
    }
    for i, word in enumerate(w for w in words if len(w) < TRIGRAM):
        extra += f" AND p.name LIKE :short{i} ESCAPE '\\'"
        params[f"short{i}"] = f"%{_like_escape(word)}%"
    rows = session.execute(text(_CONTAINING.format(extra=extra)), params).all()
    return sorted(rows, key=lambda r: (r.name.casefold(), r.sku))


class SqlCatalog:
    """``CatalogReader`` on the local database; one short read transaction per call."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def product_by_code(self, code: str) -> Product | None:
        key = normalize_code(code)
        with read_session(self._sessions, "product lookup") as session:
            product = find_by_code(session, key)
        if product is None:
            log.info("no product for code %r (normalised %r)", code, key)
        return product

    def search(self, text: str, limit: int = 50) -> Sequence[Product]:
        with read_session(self._sessions, "product search") as session:
            return search_products(session, text, limit)
