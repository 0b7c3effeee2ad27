"""Sales queries for owners and integrations: by store, till and day, and per-day totals."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Collection
from datetime import date, datetime
from typing import Any, TypeVarTuple

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from server_stub.core.problems import Problem
from server_stub.models import SaleRow, Store
from server_stub.schemas import DailyTotals, DayTotal, SaleDetail, SaleSummary

Ts = TypeVarTuple("Ts")


def _encode_cursor(sold_at: datetime, sale_id: str) -> str:
    raw = json.dumps([sold_at.isoformat(), sale_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        sold_at_text, sale_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        sold_at = datetime.fromisoformat(sold_at_text)
        if sold_at.tzinfo is None:
            raise ValueError("naive")
        return sold_at, str(sale_id)
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise Problem(
            422, "sales.bad_cursor", "the cursor is not one this server gave out"
        ) from None


def _summary(row: SaleRow, store_codes: dict[str, str]) -> dict[str, Any]:
    return {
        "sale_id": row.sale_id,
        "store_code": store_codes.get(row.store_id, ""),
        "till_code": row.till_code,
        "receipt_no": row.receipt_no,
        "cashier_code": row.cashier_code,
        "sold_at": row.sold_at,
        "business_day": row.business_day,
        "received_at": row.received_at,
        "currency": row.currency,
        "subtotal": row.subtotal,
        "discount_total": row.discount_total,
        "tax_total": row.tax_total,
        "rounding": row.rounding,
        "total": row.total,
        "line_count": row.line_count,
        "flags": list(row.flags),
    }


def store_codes(session: Session, org_id: str) -> dict[str, str]:
    rows = session.execute(select(Store.store_id, Store.code).where(Store.org_id == org_id))
    return {store_id: code for store_id, code in rows}


def _filtered(
    stmt: Select[*Ts],
    org_id: str,
    store: Store | None,
    till: str | None,
    day_from: date | None,
    day_to: date | None,
    store_ids: Collection[str] | None = None,
) -> Select[*Ts]:
    stmt = stmt.where(SaleRow.org_id == org_id)
    if store is not None:
        stmt = stmt.where(SaleRow.store_id == store.store_id)
    if store_ids is not None:
        stmt = stmt.where(SaleRow.store_id.in_(sorted(store_ids)))
    if till is not None:
        stmt = stmt.where(SaleRow.till_code == till)
    if day_from is not None:
        stmt = stmt.where(SaleRow.business_day >= day_from)
    if day_to is not None:
        stmt = stmt.where(SaleRow.business_day <= day_to)
    return stmt


def list_sales(
    session: Session,
    org_id: str,
    *,
    store: Store | None,
    till: str | None,
    day_from: date | None,
    day_to: date | None,
    cursor: str | None,
    limit: int,
    store_ids: Collection[str] | None = None,
) -> tuple[list[SaleSummary], str | None]:
    """``store_ids``: only these stores (an API key limited to them); ``None``: every store."""
    stmt = _filtered(select(SaleRow), org_id, store, till, day_from, day_to, store_ids)
    if cursor:
        after_time, after_id = _decode_cursor(cursor)
        stmt = stmt.where(
            or_(
                SaleRow.sold_at > after_time,
                and_(SaleRow.sold_at == after_time, SaleRow.sale_id > after_id),
            )
        )
    rows = list(
        session.execute(stmt.order_by(SaleRow.sold_at, SaleRow.sale_id).limit(limit + 1)).scalars()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    codes = store_codes(session, org_id)
    items = [SaleSummary.model_validate(_summary(r, codes)) for r in rows]
    next_cursor = _encode_cursor(rows[-1].sold_at, rows[-1].sale_id) if more else None
    return items, next_cursor


def get_sale(session: Session, org_id: str, sale_id: str) -> SaleDetail:
    row = session.get(SaleRow, (org_id, sale_id))
    if row is None:
        raise Problem(404, "sale.not_found", "no such sale")
    data = _summary(row, store_codes(session, org_id))
    data["flag_details"] = dict(row.flag_details)
    data["sale"] = json.loads(row.payload)
    return SaleDetail.model_validate(data)


def daily_totals(
    session: Session,
    org_id: str,
    *,
    store: Store | None,
    till: str | None,
    day_from: date | None,
    day_to: date | None,
    store_ids: Collection[str] | None = None,
) -> DailyTotals:
    stmt = select(
        SaleRow.business_day,
        SaleRow.store_id,
        func.count(),
        func.sum(SaleRow.total),
        func.sum(SaleRow.tax_total),
        func.sum(SaleRow.discount_total),
    )
    stmt = _filtered(stmt, org_id, store, till, day_from, day_to, store_ids)
    stmt = stmt.group_by(SaleRow.business_day, SaleRow.store_id)
    codes = store_codes(session, org_id)
    days = [
        DayTotal(
            day=day,
            store_code=codes.get(store_id, ""),
            sales=int(count),
            total=int(total or 0),
            tax_total=int(tax or 0),
            discount_total=int(discount or 0),
        )
        for day, store_id, count, total, tax, discount in session.execute(stmt).all()
    ]
    return DailyTotals(days=sorted(days, key=lambda d: (d.day, d.store_code)))
