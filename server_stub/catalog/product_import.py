"""Bulk product import: a CSV file or a list of products, upserted by SKU, all or nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server_stub.catalog.products import barcodes_of, product_out, set_barcodes
from server_stub.catalog.sequence import reserve_seq
from server_stub.catalog.taxes import tax_categories
from server_stub.core.problems import Problem
from server_stub.models import (
    ProductBarcode,
    ProductRow,
    new_id,
)
from server_stub.schemas import (
    ProductIn,
    validation_reason,
)
from server_stub.webhooks import sources
from server_stub.webhooks.events import wanted

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
    "cost_price",
)
"""``sku``, ``name`` and ``price`` are required; ``barcodes`` are separated by ``|``; ``id``
is optional and only used when the SKU is new. A file without a ``cost_price`` column leaves
each product's cost as it is; an empty cell means no cost."""

_TRUE = {"1", "true", "yes", "y", "ya"}
_FALSE = {"0", "false", "no", "n", "tidak", ""}
_product_in = TypeAdapter(ProductIn)


@dataclass(slots=True)
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0
    """Rows left out because they were rejected (``skip_rejected``)."""


UNREADABLE = "not readable as CSV"


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

    def rupiah(key: str) -> int:
        digits = text(key).replace(".", "").replace(",", "")
        if not digits.isdigit() or not digits.isascii():
            raise ValueError(f"{key}: expected whole rupiah, got {text(key)!r}")
        return int(digits)

    data: dict[str, Any] = {
        "id": text("id") or None,
        "sku": text("sku"),
        "name": text("name"),
        "category": text("category"),
        "price": rupiah("price"),
        "tax_code": text("tax_code") or "EXEMPT",
        "barcodes": [b.strip() for b in text("barcodes").split("|") if b.strip()],
        "sold_by_weight": flag("sold_by_weight", False),
        "unit": text("unit") or ("kg" if flag("sold_by_weight", False) else "pcs"),
        "in_store_code": text("in_store_code") or None,
        "active": flag("active", True),
    }
    if raw.get("cost_price") is not None:  # the column is there: its cell is the cost
        data["cost_price"] = rupiah("cost_price") if text("cost_price") else None
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
            errors.append({"row": number, "error": f"{UNREADABLE}: {exc}"})
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


def import_products(
    session: Session,
    org_id: str,
    text: str,
    now: datetime,
    *,
    dry_run: bool = False,
    skip_rejected: bool = False,
) -> ImportReport:
    """Upsert products by SKU from CSV, all or nothing: with any bad row nothing is written.

    ``dry_run`` is the back office's preview: the same checks against the same catalog, every
    rejected row with its reason, and the counts a real run would have, with nothing written.
    ``skip_rejected`` writes the rows the preview accepted and counts the others as skipped,
    unless the file could not be read to its end (then nothing, as ever).
    """
    parsed, errors = parse_csv(text)
    skipped = 0
    if skip_rejected and not dry_run and not any(e["error"].startswith(UNREADABLE) for e in errors):
        check = upsert_products(session, org_id, [p for _, p in parsed], now, dry_run=True)
        refused = {e["sku"] for e in check.errors}
        parsed = [(n, p) for n, p in parsed if p.sku not in refused]
        skipped, errors = len(errors) + len(refused), []
    if errors and not dry_run:
        return ImportReport(errors=errors)
    report = upsert_products(session, org_id, [p for _, p in parsed], now, dry_run=dry_run)
    row_of = {p.sku: number for number, p in parsed}
    found = [{"row": row_of.get(e.get("sku", "")), **e} for e in report.errors]
    report.errors = sorted(errors + found, key=lambda e: int(e.get("row") or 0))
    report.skipped = skipped
    return report


def upsert_products(
    session: Session,
    org_id: str,
    products: Sequence[ProductIn],
    now: datetime,
    *,
    dry_run: bool = False,
) -> ImportReport:
    """Create or update ``products`` matched by SKU; a product's ``id`` is only used to create.

    The caller commits only when ``errors`` is empty. ``dry_run`` counts and checks without
    writing, and without taking the sequence (so a preview never holds the catalog's lock).
    """
    report = ImportReport()
    if not products:
        return report
    first_seq = 0 if dry_run else reserve_seq(session, org_id, len(products))
    known_tax = {row.code for row in tax_categories(session, org_id)}
    existing = _rows_by_sku(session, org_id, [p.sku for p in products])
    existing_codes = barcodes_of(session, org_id, [r.product_id for r in existing.values()])
    owners = _barcode_owners(session, org_id, [b for p in products for b in p.barcodes])
    taken_ids = _taken_ids(
        session,
        org_id,
        [p.id for p in products if p.id is not None and p.sku not in existing],
    )
    new_rows: list[dict[str, Any]] = []
    new_barcodes: list[dict[str, Any]] = []
    changed: list[tuple[str, bool]] = []
    for number, product in enumerate(products):
        row = existing.get(product.sku)
        problems = _clashes(product, row, known_tax, owners, taken_ids)
        report.errors.extend({"sku": product.sku, "error": p} for p in problems)
        if report.errors and not dry_run:
            continue
        if problems:
            continue
        fields = product.model_dump(exclude={"id", "barcodes", "reorder_point"})
        if "cost_price" not in product.model_fields_set and row is not None:
            del fields["cost_price"]  # no cost_price column: the product keeps its cost
        if dry_run:
            _count_preview(report, row, fields, existing_codes, product.barcodes)
        elif row is None:
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
            changed.append((product_id, True))
        elif _unchanged(row, fields, existing_codes[row.product_id], product.barcodes):
            report.unchanged += 1
        else:
            for key, value in fields.items():
                setattr(row, key, value)
            row.seq = first_seq + number
            row.updated_at = now
            set_barcodes(session, org_id, row.product_id, product.barcodes)
            report.updated += 1
            changed.append((row.product_id, False))
    if report.errors or dry_run:
        return report
    _insert_new(session, new_rows, new_barcodes)
    _announce(session, org_id, changed, now)
    return report


def _announce(
    session: Session, org_id: str, changed: list[tuple[str, bool]], now: datetime
) -> None:
    """product.updated for each product the import created or changed, in its transaction."""
    if not changed or sources.PRODUCT not in wanted(session, org_id):
        return
    is_new = dict(changed)
    rows: list[ProductRow] = []
    ids = sorted(is_new)
    for start in range(0, len(ids), 500):
        rows.extend(
            session.execute(
                select(ProductRow).where(
                    ProductRow.org_id == org_id, ProductRow.product_id.in_(ids[start : start + 500])
                )
            ).scalars()
        )
    codes = barcodes_of(session, org_id, [r.product_id for r in rows])
    details = [(product_out(r, codes[r.product_id]), is_new[r.product_id]) for r in rows]
    sources.products_changed(session, org_id, details, now)


def _count_preview(
    report: ImportReport,
    row: ProductRow | None,
    fields: dict[str, Any],
    existing_codes: dict[str, list[str]],
    barcodes: list[str],
) -> None:
    if row is None:
        report.created += 1
    elif _unchanged(row, fields, existing_codes[row.product_id], barcodes):
        report.unchanged += 1
    else:
        report.updated += 1


def _rows_by_sku(session: Session, org_id: str, skus: list[str]) -> dict[str, ProductRow]:
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
    return existing


def _barcode_owners(session: Session, org_id: str, barcodes: list[str]) -> dict[str, str]:
    """Barcode -> the id of the product that has it now, for those of ``barcodes`` taken."""
    owners: dict[str, str] = {}
    for start in range(0, len(barcodes), 500):
        rows = session.execute(
            select(ProductBarcode.barcode, ProductBarcode.product_id).where(
                ProductBarcode.org_id == org_id,
                ProductBarcode.barcode.in_(barcodes[start : start + 500]),
            )
        )
        owners.update({barcode: pid for barcode, pid in rows})
    return owners


def _taken_ids(session: Session, org_id: str, product_ids: list[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(product_ids), 500):
        taken.update(
            session.execute(
                select(ProductRow.product_id).where(
                    ProductRow.org_id == org_id,
                    ProductRow.product_id.in_(product_ids[start : start + 500]),
                )
            ).scalars()
        )
    return taken


def _clashes(
    product: ProductIn,
    row: ProductRow | None,
    known_tax: set[str],
    owners: dict[str, str],
    taken_ids: set[str],
) -> list[str]:
    """Why ``product`` cannot be written over ``row`` (its SKU's product, if any), if it cannot."""
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
    return problems


def _unchanged(
    row: ProductRow, fields: dict[str, Any], barcodes: list[str], wanted: list[str]
) -> bool:
    return all(getattr(row, k) == v for k, v in fields.items()) and sorted(barcodes) == sorted(
        wanted
    )


def _insert_new(
    session: Session, new_rows: list[dict[str, Any]], new_barcodes: list[dict[str, Any]]
) -> None:
    """Flush the updates and insert the new products; a clash with a concurrent writer is 409."""
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
