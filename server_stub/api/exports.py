"""Accounting exports for the owner API: the daily accounting export and the stock value
journal as CSV or XLSX, the same files the back office's Akuntansi page downloads.

A range is store-local days, ``from`` to ``to`` inclusive, at most a year (366 days). A manager
gets their own stores only: another store's code is 404 to them, as it is for another
organization's store; so is a store outside an API key's store limit. An API key needs the
scope ``exports:read``.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session
from starlette.responses import StreamingResponse

from server_stub import accounting_files as files
from server_stub.accounting_export import (
    MAX_DAYS,
    BadRange,
    accounting_rows,
    check_range,
    stock_value_rows,
)
from server_stub.api.deps import Ctx, ReadSession
from server_stub.api.params import OptionalStoreCode
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, needs, require_store, visible_store_ids
from server_stub.core.problems import Problem
from server_stub.exports import CSV_MEDIA, XLSX_MEDIA
from server_stub.models import Store
from server_stub.report_queries import ReportFilter
from server_stub.rollup_fold import read_fresh

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/exports", tags=["exports"])

FromDay = Annotated[
    date, Query(alias="from", description="First store-local day of the range (YYYY-MM-DD)")
]
ToDay = Annotated[
    date, Query(alias="to", description="Last store-local day of the range, inclusive")
]
FileFormat = Annotated[
    Literal["csv", "xlsx"],
    Query(
        alias="format",
        description="csv: keys in the first row, `;` separated, UTF-8 with BOM; "
        "xlsx: Bahasa Indonesia headers, then the keys, the rows and a total row",
    ),
]


def _file(description: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "description": description,
            "content": {
                CSV_MEDIA: {"schema": {"type": "string"}},
                XLSX_MEDIA: {"schema": {"type": "string", "format": "binary"}},
            },
        },
        **errors(
            404,
            422,
            s404="No store with this code in the caller's organization and stores",
            s422=f"The range is malformed, ends before it starts, or is longer than {MAX_DAYS} "
            "days (`export.bad_range`)",
        ),
    }


ExportCaller = Annotated[Caller, needs("exports:read")]


def _filter(
    session: Session, user: Caller, store: str | None, day_from: date, day_to: date
) -> tuple[ReportFilter, Store | None]:
    try:
        check_range(day_from, day_to)
    except BadRange as exc:
        raise Problem(422, "export.bad_range", str(exc), max_days=MAX_DAYS) from None
    visible = visible_store_ids(session, user)
    found = None if store is None else require_store(session, user, store, visible)
    f = ReportFilter(
        org_id=user.org_id,
        visible=visible,
        day_from=day_from,
        day_to=day_to,
        store_id=found.store_id if found else None,
    )
    return f, found


def _label(store: Store | None) -> str:
    return f"{store.code} · {store.name}" if store else "Semua toko"


@router.get(
    "/accounting",
    operation_id="exportAccounting",
    response_class=StreamingResponse,
    responses=_file("One row per store and store-local day (docs/integrations.md)"),
)
def export_accounting(
    user: ExportCaller,
    ctx: Ctx,
    session: ReadSession,
    day_from: FromDay,
    day_to: ToDay,
    store: OptionalStoreCode = None,
    fmt: FileFormat = "csv",
) -> StreamingResponse:
    """The daily accounting export: per store and local day, sales (gross, discounts, net, PPN
    output, without PPN, rounding), refunds with their PPN, tenders by kind taken and refunded,
    and the cash over/short of the Z reports closed that day. Columns and their Jurnal.id and
    Accurate Online accounts: docs/integrations.md, "Ekspor akuntansi / Accounting export"."""
    f, found = _filter(session, user, store, day_from, day_to)
    read_fresh(ctx.db, session, user.org_id)
    rows = accounting_rows(session, f)
    table = files.accounting_table(rows, files.period_filters(_label(found), day_from, day_to))
    log.info("accounting export (%d rows, %s) for %s", len(rows), fmt, user.user_id)
    name = files.file_name("akuntansi", found.code if found else None, day_from, day_to, fmt)
    return files.download(table, fmt, name)


@router.get(
    "/stock-value",
    operation_id="exportStockValue",
    response_class=StreamingResponse,
    responses=_file("One row per store-local day, store, product and movement reason"),
)
def export_stock_value(
    user: ExportCaller,
    session: ReadSession,
    day_from: FromDay,
    day_to: ToDay,
    store: OptionalStoreCode = None,
    fmt: FileFormat = "csv",
) -> StreamingResponse:
    """The stock value journal: the stock ledger's movements per store-local day, store,
    product and reason (sale, refund, receive, adjust, return, online_sale) with quantity and
    value. The ledger keeps no cost of its own, so the value is at the product's current cost
    price (`cost_basis` = `product_current`), blank for a product without one."""
    f, found = _filter(session, user, store, day_from, day_to)
    rows = stock_value_rows(session, f)
    table = files.stock_table(rows, files.period_filters(_label(found), day_from, day_to))
    log.info("stock value export (%s) for %s", fmt, user.user_id)
    name = files.file_name("nilai-stok", found.code if found else None, day_from, day_to, fmt)
    return files.download(table, fmt, name)
