"""The catalog as CSV, in the columns the import reads, so an export edited in a spreadsheet
imports back as it stands; written a page at a time, so 300,000 products stream in constant
memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

from sqlalchemy import select
from sqlalchemy.orm import Session

from server_stub.catalog.product_import import CSV_COLUMNS
from server_stub.catalog.products import barcodes_of
from server_stub.models import ProductRow

PAGE = 2000


def _line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()


def _cells(row: ProductRow, barcodes: list[str]) -> list[str]:
    cells = {
        "id": row.product_id,
        "sku": row.sku,
        "name": row.name,
        "category": row.category,
        "price": str(row.price),
        "tax_code": row.tax_code,
        "barcodes": "|".join(barcodes),
        "sold_by_weight": "yes" if row.sold_by_weight else "no",
        "unit": row.unit,
        "in_store_code": row.in_store_code or "",
        "active": "yes" if row.active else "no",
        "cost_price": "" if row.cost_price is None else str(row.cost_price),
    }
    return [cells[column] for column in CSV_COLUMNS]


def export_page(
    session: Session, org_id: str, after_sku: str | None, limit: int = PAGE
) -> tuple[str, str | None]:
    """CSV lines of up to ``limit`` products after ``after_sku`` in SKU order, and the last SKU
    (``None`` once the catalog is done)."""
    stmt = select(ProductRow).where(ProductRow.org_id == org_id)
    if after_sku is not None:
        stmt = stmt.where(ProductRow.sku > after_sku)
    rows = list(session.execute(stmt.order_by(ProductRow.sku).limit(limit)).scalars())
    codes = barcodes_of(session, org_id, [r.product_id for r in rows])
    text = "".join(_line(_cells(r, codes[r.product_id])) for r in rows)
    session.expunge_all()  # the page is written: keep the identity map from growing
    return text, (rows[-1].sku if len(rows) == limit else None)


def export_csv(
    sessions: Callable[[], AbstractContextManager[Session]], org_id: str
) -> Iterator[bytes]:
    """The whole catalog as UTF-8 CSV chunks (a BOM first, so Excel reads the rupiah names right).

    Each page is read in a short session of its own (``sessions()``): a slow download never holds
    one transaction open for minutes. Keyset pages by SKU cannot skip or repeat a product that
    existed when the download started.
    """
    yield ("\ufeff" + _line(list(CSV_COLUMNS))).encode("utf-8")
    after: str | None = None
    while True:
        with sessions() as session:
            text, after = export_page(session, org_id, after)
        if text:
            yield text.encode("utf-8")
        if after is None:
            return
