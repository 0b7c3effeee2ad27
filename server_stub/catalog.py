"""The catalog (products, barcodes, tax categories) and the change feed the tills pull.

The feed is ordered by a per-organization sequence, never by timestamps. Every catalog write
first runs ``UPDATE catalog_counters SET seq = seq + n WHERE org_id = ? RETURNING seq`` inside the
writing transaction and stamps its rows with the numbers it got.

Why that never skips a change committed later by a slower transaction:

* PostgreSQL (READ COMMITTED): the UPDATE takes the counter row's lock and holds it until commit.
  A second writer of the same organization blocks on that lock until the first commits, then
  re-reads the row and gets the next numbers. Writers therefore commit in sequence order: when
  number N is visible, every number below N already is.
* SQLite: write transactions start with ``BEGIN IMMEDIATE`` and the database allows one writer at
  a time, so writers are serialized outright and commit in sequence order.

A feed page first reads the counter (its committed value S is a high-water mark: every number up
to S belongs to a committed transaction) and then returns only rows with ``cursor < seq <= S``.
Each table is read by its own statement, and under READ COMMITTED those statements may see newer
commits than the counter read; bounding them by S keeps such rows for the next page instead of
letting the cursor jump past a number that one table showed and another did not.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Table, and_, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server_stub.core.problems import Problem
from server_stub.models import (
    CatalogCounter,
    CatalogTombstone,
    ProductBarcode,
    ProductRow,
    StaffMember,
    StaffStore,
    TaxCategoryRow,
    new_id,
)
from server_stub.schemas import (
    ProductIn,
    ProductOut,
    ProductPatch,
    TaxCategoryOut,
    validation_reason,
)

MAX_CURSOR_DIGITS = 18


def reserve_seq(session: Session, org_id: str, count: int = 1) -> int:
    """Reserve ``count`` consecutive sequence numbers; returns the first.

    Takes the organization's counter lock until the transaction ends (see the module docstring).
    """
    last = session.execute(
        update(CatalogCounter)
        .where(CatalogCounter.org_id == org_id)
        .values(seq=CatalogCounter.seq + count)
        .returning(CatalogCounter.seq)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return int(last) - count + 1


def current_seq(session: Session, org_id: str) -> int:
    value = session.execute(
        select(CatalogCounter.seq).where(CatalogCounter.org_id == org_id)
    ).scalar_one_or_none()
    return int(value or 0)


# -- tax categories -------------------------------------------------------------------------


def tax_out(row: TaxCategoryRow) -> TaxCategoryOut:
    return TaxCategoryOut(
        code=row.code,
        name=row.name,
        kind=row.kind,
        rate_bp=row.rate_bp,
        base_numerator=row.base_numerator,
        base_denominator=row.base_denominator,
        seq=row.seq,
    )


def put_tax_category(
    session: Session,
    org_id: str,
    code: str,
    *,
    name: str,
    kind: str,
    rate_bp: int,
    base_numerator: int,
    base_denominator: int,
    now: datetime,
) -> TaxCategoryRow:
    seq = reserve_seq(session, org_id)
    row = session.get(TaxCategoryRow, (org_id, code))
    if row is None:
        row = TaxCategoryRow(org_id=org_id, code=code)
        session.add(row)
    row.name = name
    row.kind = kind
    row.rate_bp = rate_bp
    row.base_numerator = base_numerator
    row.base_denominator = base_denominator
    row.seq = seq
    row.updated_at = now
    session.flush()
    return row


def tax_categories(session: Session, org_id: str) -> list[TaxCategoryRow]:
    return list(
        session.execute(
            select(TaxCategoryRow)
            .where(TaxCategoryRow.org_id == org_id)
            .order_by(TaxCategoryRow.code)
        ).scalars()
    )


def delete_tax_category(session: Session, org_id: str, code: str, now: datetime) -> None:
    row = session.get(TaxCategoryRow, (org_id, code))
    if row is None:
        raise Problem(404, "tax_category.not_found", f"no tax category {code}")
    in_use = session.execute(
        select(func.count())
        .select_from(ProductRow)
        .where(ProductRow.org_id == org_id, ProductRow.tax_code == code)
    ).scalar_one()
    if in_use:
        raise Problem(409, "tax_category.in_use", f"{in_use} products use tax category {code}")
    seq = reserve_seq(session, org_id)
    session.delete(row)
    session.add(
        CatalogTombstone(org_id=org_id, seq=seq, kind="tax_category", key=code, deleted_at=now)
    )
    session.flush()


def _require_tax_code(session: Session, org_id: str, code: str) -> None:
    if session.get(TaxCategoryRow, (org_id, code)) is None:
        raise Problem(422, "product.unknown_tax_code", f"no tax category {code}")


# -- products -------------------------------------------------------------------------------


def barcodes_of(session: Session, org_id: str, product_ids: Sequence[str]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {pid: [] for pid in product_ids}
    if not product_ids:
        return result
    rows = session.execute(
        select(ProductBarcode.product_id, ProductBarcode.barcode)
        .where(ProductBarcode.org_id == org_id, ProductBarcode.product_id.in_(product_ids))
        .order_by(ProductBarcode.product_id, ProductBarcode.barcode)
    )
    for pid, barcode in rows:
        result[pid].append(barcode)
    return result


def product_out(row: ProductRow, barcodes: list[str]) -> ProductOut:
    return ProductOut(
        id=row.product_id,
        sku=row.sku,
        name=row.name,
        category=row.category,
        price=row.price,
        tax_code=row.tax_code,
        barcodes=barcodes,
        sold_by_weight=row.sold_by_weight,
        unit=row.unit,
        in_store_code=row.in_store_code,
        active=row.active,
        seq=row.seq,
    )


def get_product(session: Session, org_id: str, product_id: str) -> ProductRow:
    row = session.get(ProductRow, (org_id, product_id))
    if row is None:
        raise Problem(404, "product.not_found", "no such product")
    return row


def _check_unique(
    session: Session, org_id: str, sku: str, barcodes: Iterable[str], product_id: str | None
) -> None:
    other = session.execute(
        select(ProductRow.product_id).where(ProductRow.org_id == org_id, ProductRow.sku == sku)
    ).scalar_one_or_none()
    if other is not None and other != product_id:
        raise Problem(409, "product.sku_taken", f"SKU {sku} belongs to another product")
    wanted = list(barcodes)
    if len(set(wanted)) != len(wanted):
        raise Problem(422, "product.duplicate_barcode", "a barcode is listed twice")
    if wanted:
        taken = session.execute(
            select(ProductBarcode.barcode).where(
                ProductBarcode.org_id == org_id,
                ProductBarcode.barcode.in_(wanted),
                ProductBarcode.product_id != (product_id or ""),
            )
        ).scalars()
        first = next(iter(taken), None)
        if first is not None:
            raise Problem(
                409, "product.barcode_taken", f"barcode {first} belongs to another product"
            )


def _set_barcodes(
    session: Session, org_id: str, product_id: str, barcodes: list[str], *, new: bool = False
) -> None:
    if not new:
        session.execute(
            delete(ProductBarcode).where(
                ProductBarcode.org_id == org_id, ProductBarcode.product_id == product_id
            )
        )
    for barcode in barcodes:
        session.add(ProductBarcode(org_id=org_id, barcode=barcode, product_id=product_id))


def _flush_unique(session: Session) -> None:
    """Flush; a unique clash that slipped past the checks (a concurrent writer) becomes 409."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Problem(
            409, "product.conflict", "SKU or barcode was taken by a concurrent change"
        ) from None


def create_product(session: Session, org_id: str, data: ProductIn, now: datetime) -> ProductOut:
    seq = reserve_seq(session, org_id)
    _require_tax_code(session, org_id, data.tax_code)
    _check_unique(session, org_id, data.sku, data.barcodes, None)
    if data.id is not None and session.get(ProductRow, (org_id, data.id)) is not None:
        raise Problem(409, "product.id_taken", f"product id {data.id} is already used")
    row = ProductRow(
        org_id=org_id,
        product_id=data.id or new_id(),
        sku=data.sku,
        name=data.name,
        category=data.category,
        price=data.price,
        tax_code=data.tax_code,
        sold_by_weight=data.sold_by_weight,
        unit=data.unit,
        in_store_code=data.in_store_code,
        active=data.active,
        seq=seq,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    _set_barcodes(session, org_id, row.product_id, data.barcodes)
    _flush_unique(session)
    return product_out(row, sorted(data.barcodes))


def update_product(
    session: Session, org_id: str, product_id: str, patch: ProductPatch, now: datetime
) -> ProductOut:
    seq = reserve_seq(session, org_id)
    row = get_product(session, org_id, product_id)
    changes = patch.model_dump(exclude_unset=True)
    barcodes = changes.pop("barcodes", None)
    for key in ("sku", "name", "price", "tax_code", "sold_by_weight", "unit", "active"):
        if key in changes and changes[key] is None:
            raise Problem(422, "product.null_field", f"{key} cannot be null")
    if "tax_code" in changes:
        _require_tax_code(session, org_id, changes["tax_code"])
    current_barcodes = barcodes_of(session, org_id, [product_id])[product_id]
    _check_unique(
        session,
        org_id,
        changes.get("sku", row.sku),
        barcodes if barcodes is not None else current_barcodes,
        product_id,
    )
    for key, value in changes.items():
        setattr(row, key, "" if key == "category" and value is None else value)
    row.seq = seq
    row.updated_at = now
    if barcodes is not None:
        _set_barcodes(session, org_id, product_id, barcodes)
        current_barcodes = sorted(barcodes)
    _flush_unique(session)
    return product_out(row, current_barcodes)


def delete_product(session: Session, org_id: str, product_id: str, now: datetime) -> None:
    seq = reserve_seq(session, org_id)
    row = get_product(session, org_id, product_id)
    session.execute(
        delete(ProductBarcode).where(
            ProductBarcode.org_id == org_id, ProductBarcode.product_id == product_id
        )
    )
    session.delete(row)
    session.add(
        CatalogTombstone(org_id=org_id, seq=seq, kind="product", key=product_id, deleted_at=now)
    )
    session.flush()


def _sku_cursor(sku: str) -> str:
    return base64.urlsafe_b64encode(sku.encode("utf-8")).decode("ascii")


def _sku_from_cursor(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode(cursor.encode("ascii")).decode("utf-8")
    except (ValueError, UnicodeError):
        raise Problem(
            422, "products.bad_cursor", "the cursor is not one this server gave out"
        ) from None


def list_products(
    session: Session, org_id: str, *, cursor: str | None, limit: int, query: str | None
) -> tuple[list[ProductOut], str | None]:
    """Products in SKU order; the cursor is the last SKU of the previous page, encoded."""
    stmt = select(ProductRow).where(ProductRow.org_id == org_id)
    if cursor:
        stmt = stmt.where(ProductRow.sku > _sku_from_cursor(cursor))
    if query:
        like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(
            ProductRow.name.ilike(like, escape="\\") | ProductRow.sku.ilike(like, escape="\\")
        )
    rows = list(session.execute(stmt.order_by(ProductRow.sku).limit(limit + 1)).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    codes = barcodes_of(session, org_id, [r.product_id for r in rows])
    items = [product_out(r, codes[r.product_id]) for r in rows]
    return items, (_sku_cursor(rows[-1].sku) if more and rows else None)


# -- bulk import ----------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "sku",
    "name",
    "category",
    "price",
    "tax_code",
    "barcodes",
    "sold_by_weight",
    "unit",
    "in_store_code",
    "active",
)
"""``sku``, ``name`` and ``price`` are required; ``barcodes`` are separated by ``|``; ``id``
is optional and only used when the SKU is new."""

_TRUE = {"1", "true", "yes", "y", "ya"}
_FALSE = {"0", "false", "no", "n", "tidak", ""}
_product_in = TypeAdapter(ProductIn)


@dataclass(slots=True)
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def _row_to_product(raw: dict[str, str | None]) -> ProductIn:
    def text(key: str) -> str:
        return (raw.get(key) or "").strip()

    def flag(key: str, default: bool) -> bool:
        value = text(key).lower()
        if not value:
            return default
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ValueError(f"{key}: expected yes/no, got {value!r}")

    price_text = text("price").replace(".", "").replace(",", "")
    if not price_text.isdigit() or not price_text.isascii():
        raise ValueError(f"price: expected whole rupiah, got {text('price')!r}")
    data: dict[str, Any] = {
        "id": text("id") or None,
        "sku": text("sku"),
        "name": text("name"),
        "category": text("category"),
        "price": int(price_text),
        "tax_code": text("tax_code") or "EXEMPT",
        "barcodes": [b.strip() for b in text("barcodes").split("|") if b.strip()],
        "sold_by_weight": flag("sold_by_weight", False),
        "unit": text("unit") or ("kg" if flag("sold_by_weight", False) else "pcs"),
        "in_store_code": text("in_store_code") or None,
        "active": flag("active", True),
    }
    return _product_in.validate_python(data)


def _csv_reader(text: str) -> csv.DictReader[str]:
    # newline="" hands the csv module every line ending as written (CR, LF or CRLF, even mixed:
    # spreadsheets on old Macs save bare CRs), and keeps line breaks inside quoted fields.
    return csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)


def parse_csv(text: str) -> tuple[list[tuple[int, ProductIn]], list[dict[str, Any]]]:
    """Rows as ``(row number, product)`` plus ``{"row", "error"}`` for rows that are wrong.

    Row 1 is the header; rows are records, so a quoted line break does not shift the count.
    A file the csv module cannot read past some point (an unbalanced quote, a field over its
    size limit) is reported at that row, and nothing is imported.
    """
    reader = _csv_reader(text)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise Problem(
            422,
            "import.unreadable",
            f"the header row cannot be read as CSV: {exc}",
            errors=[{"row": 1, "error": str(exc)}],
        ) from None
    header = [h.strip().lower() for h in (fieldnames or [])]
    missing = [c for c in ("sku", "name", "price") if c not in header]
    if missing:
        raise Problem(
            422,
            "import.missing_columns",
            f"the header lacks: {', '.join(missing)}",
            columns=list(CSV_COLUMNS),
        )
    reader.fieldnames = header
    products: list[tuple[int, ProductIn]] = []
    errors: list[dict[str, Any]] = []
    seen_sku: dict[str, int] = {}
    seen_id: dict[str, int] = {}
    seen_barcode: dict[str, int] = {}
    rows = iter(reader)
    number = 1  # the header's
    while True:
        number += 1
        try:
            raw = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            # The reader cannot be trusted past this point; the file is refused as it stands.
            errors.append({"row": number, "error": f"not readable as CSV: {exc}"})
            break
        try:
            if None in raw:
                raise ValueError("more fields than columns")
            product = _row_to_product(raw)
        except ValidationError as exc:
            errors.append({"row": number, "error": validation_reason(exc)})
            continue
        except ValueError as exc:
            errors.append({"row": number, "error": str(exc)})
            continue
        if product.sku in seen_sku:
            errors.append({"row": number, "error": f"SKU repeats row {seen_sku[product.sku]}"})
            continue
        if product.id is not None and product.id in seen_id:
            errors.append({"row": number, "error": f"id repeats row {seen_id[product.id]}"})
            continue
        clash = next((b for b in product.barcodes if b in seen_barcode), None)
        if clash is not None:
            errors.append(
                {"row": number, "error": f"barcode {clash} repeats row {seen_barcode[clash]}"}
            )
            continue
        seen_sku[product.sku] = number
        if product.id is not None:
            seen_id[product.id] = number
        seen_barcode.update({b: number for b in product.barcodes})
        products.append((number, product))
    return products, errors


def import_products(session: Session, org_id: str, text: str, now: datetime) -> ImportReport:
    """Upsert products by SKU from CSV, all or nothing: with any bad row nothing is written."""
    parsed, errors = parse_csv(text)
    if errors:
        return ImportReport(errors=errors)
    report = upsert_products(session, org_id, [p for _, p in parsed], now)
    row_of = {p.sku: number for number, p in parsed}
    report.errors = [{"row": row_of.get(e.get("sku", "")), **e} for e in report.errors]
    return report


def upsert_products(
    session: Session, org_id: str, products: Sequence[ProductIn], now: datetime
) -> ImportReport:
    """Create or update ``products`` matched by SKU; a product's ``id`` is only used to create.

    The caller commits only when ``errors`` is empty.
    """
    report = ImportReport()
    if not products:
        return report
    first_seq = reserve_seq(session, org_id, len(products))
    known_tax = {row.code for row in tax_categories(session, org_id)}
    skus = [p.sku for p in products]
    existing: dict[str, ProductRow] = {}
    for start in range(0, len(skus), 500):
        existing.update(
            (row.sku, row)
            for row in session.execute(
                select(ProductRow).where(
                    ProductRow.org_id == org_id, ProductRow.sku.in_(skus[start : start + 500])
                )
            ).scalars()
        )
    existing_codes = barcodes_of(session, org_id, [r.product_id for r in existing.values()])
    all_barcodes = [b for p in products for b in p.barcodes]
    owners: dict[str, str] = {}
    for start in range(0, len(all_barcodes), 500):
        rows = session.execute(
            select(ProductBarcode.barcode, ProductBarcode.product_id).where(
                ProductBarcode.org_id == org_id,
                ProductBarcode.barcode.in_(all_barcodes[start : start + 500]),
            )
        )
        owners.update({barcode: pid for barcode, pid in rows})
    new_ids = [p.id for p in products if p.id is not None and p.sku not in existing]
    taken_ids: set[str] = set()
    for start in range(0, len(new_ids), 500):
        taken_ids.update(
            session.execute(
                select(ProductRow.product_id).where(
                    ProductRow.org_id == org_id,
                    ProductRow.product_id.in_(new_ids[start : start + 500]),
                )
            ).scalars()
        )
    new_rows: list[dict[str, Any]] = []
    new_barcodes: list[dict[str, Any]] = []
    for number, product in enumerate(products):
        row = existing.get(product.sku)
        problems: list[str] = []
        if product.tax_code not in known_tax:
            problems.append(f"no tax category {product.tax_code}")
        for barcode in product.barcodes:
            owner = owners.get(barcode)
            if owner is not None and (row is None or owner != row.product_id):
                problems.append(f"barcode {barcode} belongs to another product")
        if row is None and product.id is not None and product.id in taken_ids:
            problems.append(f"product id {product.id} belongs to another product")
        if row is not None and product.id is not None and product.id != row.product_id:
            problems.append(f"SKU {product.sku} has product id {row.product_id}, not {product.id}")
        if problems:
            report.errors.extend({"sku": product.sku, "error": p} for p in problems)
        if report.errors:
            continue
        fields = product.model_dump(exclude={"id", "barcodes"})
        if row is None:
            product_id = product.id or new_id()
            new_rows.append(
                {
                    "org_id": org_id,
                    "product_id": product_id,
                    "seq": first_seq + number,
                    "created_at": now,
                    "updated_at": now,
                    **fields,
                }
            )
            new_barcodes.extend(
                {"org_id": org_id, "barcode": b, "product_id": product_id} for b in product.barcodes
            )
            report.created += 1
            continue
        same = all(getattr(row, k) == v for k, v in fields.items()) and sorted(
            existing_codes[row.product_id]
        ) == sorted(product.barcodes)
        if same:
            report.unchanged += 1
            continue
        for key, value in fields.items():
            setattr(row, key, value)
        row.seq = first_seq + number
        row.updated_at = now
        _set_barcodes(session, org_id, row.product_id, product.barcodes)
        report.updated += 1
    if report.errors:
        return report
    try:
        with session.begin_nested():
            session.flush()
            # Bulk inserts: products first, then their barcodes (foreign key order).
            for start in range(0, len(new_rows), 1000):
                session.execute(insert(ProductRow), new_rows[start : start + 1000])
            for start in range(0, len(new_barcodes), 1000):
                session.execute(insert(ProductBarcode), new_barcodes[start : start + 1000])
    except IntegrityError:
        raise Problem(
            409, "product.conflict", "SKU or barcode was taken by a concurrent change"
        ) from None
    return report


# -- the feed -------------------------------------------------------------------------------


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
