"""Products and their barcodes, one at a time: create, change, delete, list for the owner.

A create or change writes its product.updated webhook event in the same transaction."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server_stub.catalog.sequence import reserve_seq
from server_stub.catalog.taxes import require_tax_code
from server_stub.core.problems import Problem
from server_stub.models import (
    CatalogTombstone,
    ProductBarcode,
    ProductRow,
    new_id,
)
from server_stub.quantities import format_milli
from server_stub.schemas import (
    ProductDetail,
    ProductIn,
    ProductOut,
    ProductPatch,
)
from server_stub.webhooks import sources


def barcodes_of(session: Session, org_id: str, product_ids: Sequence[str]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {pid: [] for pid in product_ids}
    if not product_ids:
        return result
    # Sorted here, not by ORDER BY: with it, SQLite walked the org's whole barcode key in
    # barcode order instead of looking up these products (40 ms at 300,000 barcodes).
    rows = session.execute(
        select(ProductBarcode.product_id, ProductBarcode.barcode).where(
            ProductBarcode.org_id == org_id, ProductBarcode.product_id.in_(product_ids)
        )
    )
    for pid, barcode in rows:
        result[pid].append(barcode)
    for codes in result.values():
        codes.sort()
    return result


def product_out(row: ProductRow, barcodes: list[str]) -> ProductDetail:
    """The product as its owner sees it: ``product_till_view``, the cost price and the reorder
    point."""
    point = row.reorder_point_milli
    return ProductDetail(
        **product_till_view(row, barcodes).model_dump(),
        cost_price=row.cost_price,
        reorder_point=None if point is None else format_milli(point),
    )


def _milli(quantity: str | None) -> int | None:
    return None if quantity is None else int(Decimal(quantity) * 1000)


def product_till_view(row: ProductRow, barcodes: list[str]) -> ProductOut:
    """The fields a till is sent (the feed's shape); the list of products keeps to it."""
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


def set_barcodes(
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


def create_product(session: Session, org_id: str, data: ProductIn, now: datetime) -> ProductDetail:
    seq = reserve_seq(session, org_id)
    require_tax_code(session, org_id, data.tax_code)
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
        cost_price=data.cost_price,
        reorder_point_milli=_milli(data.reorder_point),
        seq=seq,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    set_barcodes(session, org_id, row.product_id, data.barcodes)
    _flush_unique(session)
    detail = product_out(row, sorted(data.barcodes))
    sources.products_changed(session, org_id, [(detail, True)], now)
    return detail


def update_product(
    session: Session, org_id: str, product_id: str, patch: ProductPatch, now: datetime
) -> ProductDetail:
    seq = reserve_seq(session, org_id)
    row = get_product(session, org_id, product_id)
    changes = patch.model_dump(exclude_unset=True)
    barcodes = changes.pop("barcodes", None)
    if "reorder_point" in changes:
        row.reorder_point_milli = _milli(changes.pop("reorder_point"))
    for key in ("sku", "name", "price", "tax_code", "sold_by_weight", "unit", "active"):
        if key in changes and changes[key] is None:
            raise Problem(422, "product.null_field", f"{key} cannot be null")
    if "tax_code" in changes:
        require_tax_code(session, org_id, changes["tax_code"])
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
        set_barcodes(session, org_id, product_id, barcodes)
        current_barcodes = sorted(barcodes)
    _flush_unique(session)
    detail = product_out(row, current_barcodes)
    sources.products_changed(session, org_id, [(detail, False)], now)
    return detail


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
    """Products in SKU order; the cursor is the last SKU of the previous page, encoded.

    Each as a till sees it, without the cost price (``product_out`` has it)."""
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
    items = [product_till_view(r, codes[r.product_id]) for r in rows]
    return items, (_sku_cursor(rows[-1].sku) if more and rows else None)
