"""Sales queries for owners and integrations (accounting, ERP)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from server_stub import reports
from server_stub.api import pages
from server_stub.api.deps import ReadSession
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import Cursor, Day, OptionalStoreCode, OptionalTillCode, SaleIdPath
from server_stub.api.scopes import Caller, key_store_ids, needs, require_store
from server_stub.core.problems import Problem
from server_stub.models import SaleRow, Store
from server_stub.schemas import DayTotal, SaleDetail, SalePage

router = APIRouter(prefix="/v1/sales", tags=["sales"])


def _store(session: Session, user: Caller, code: str | None) -> Store | None:
    return require_store(session, user, code, key_store_ids(user)) if code is not None else None


@router.get("", response_model=SalePage)
def list_sales(
    user: Annotated[Caller, needs("sales:read")],
    session: ReadSession,
    store: OptionalStoreCode = None,
    till: OptionalTillCode = None,
    day: Day = None,
    from_day: Day = None,
    to_day: Day = None,
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> SalePage:
    """Sales in till-time order, filtered by store, till and day (``day``, or a range)."""
    items, next_cursor = reports.list_sales(
        session,
        user.org_id,
        store=_store(session, user, store),
        till=till,
        day_from=day or from_day,
        day_to=day or to_day,
        cursor=cursor,
        limit=limit,
        store_ids=key_store_ids(user),
    )
    return SalePage(items=items, next_cursor=next_cursor)


class DailyTotalPage(Page[DayTotal]):
    """Totals per day and store, oldest day first."""


@router.get("/daily", response_model=DailyTotalPage)
def get_daily_totals(
    user: Annotated[Caller, needs("sales:read")],
    session: ReadSession,
    store: OptionalStoreCode = None,
    till: OptionalTillCode = None,
    from_day: Day = None,
    to_day: Day = None,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 366,
) -> DailyTotalPage:
    """Per-day, per-store totals (number of sales, total, tax, discounts)."""
    totals = reports.daily_totals(
        session,
        user.org_id,
        store=_store(session, user, store),
        till=till,
        day_from=from_day,
        day_to=to_day,
        store_ids=key_store_ids(user),
    )
    items, next_cursor = pages.window(
        totals.days, lambda d: (d.day.isoformat(), d.store_code), [str, str], cursor, limit
    )
    return DailyTotalPage(items=items, next_cursor=next_cursor)


@router.get("/{sale_id}", response_model=SaleDetail)
def get_sale(
    sale_id: SaleIdPath, user: Annotated[Caller, needs("sales:read")], session: ReadSession
) -> SaleDetail:
    """One sale with the document the till sent and what the server flagged."""
    limit = key_store_ids(user)
    if limit is not None:
        row = session.get(SaleRow, (user.org_id, sale_id))
        if row is None or row.store_id not in limit:
            raise Problem(404, "sale.not_found", "no such sale")
    return reports.get_sale(session, user.org_id, sale_id)
