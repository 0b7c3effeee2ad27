"""Laporan → Akuntansi: the daily accounting export and the stock value journal for an owner and
their accountant, with a preview of the daily rows and CSV / Excel buttons for both files.

The page sits with the other reports (an accountant looks under Laporan first) and takes the
reports' filters: ``store`` (a store id, empty for every store the person sees), ``from`` and
``to`` (store-local days, ISO; the current month by default, at most 366 days). A store the
person may not see is 404. The files are the owner API's (``/v1/exports/...``), byte for byte.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Annotated, Any, Final

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.responses import StreamingResponse

from server_stub import accounting_files as files
from server_stub.accounting_export import (
    ACCOUNTING_FIELDS,
    MAX_DAYS,
    AccountingRow,
    accounting_rows,
    stock_value_rows,
)
from server_stub.api.deps import Ctx, ReadSession
from server_stub.exports import Kind
from server_stub.rollup_fold import read_fresh
from server_stub.web import i18n
from server_stub.web.deps import WebPrincipal, WebUser
from server_stub.web.pages.report_scope import Scope, read_scope
from server_stub.web.pages.report_tables import View, ViewCell, show
from server_stub.web.pages.reports import KINDS
from server_stub.web.render import render

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/reports/accounting")

SHOWN_ROWS: Final = 62
"""Store-days the preview shows: two months of one store; the files hold every row."""
WHAT: Final = {"accounting": "akuntansi", "stock": "nilai-stok"}
"""The two files, by the ``what`` of the download address, and their file-name stem."""

StoreParam = Annotated[str, Query(max_length=64)]
DayParam = Annotated[str, Query(max_length=10)]


def _scope(
    session: Session, user: WebPrincipal, now_utc: datetime, query: tuple[str, str, str]
) -> Scope:
    return read_scope(
        session,
        user,
        now_utc,
        query,
        default_start=lambda end: end.replace(day=1),
        max_days=MAX_DAYS,
    )


def _presets(scope: Scope, t: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """Quick periods an accountant closes: (label, from, to)."""
    today = scope.today
    this_month = today.replace(day=1)
    last_month_end = this_month - timedelta(days=1)
    return [
        (t("reports.preset.month"), this_month.isoformat(), today.isoformat()),
        (
            t("accounting.preset.last_month"),
            last_month_end.replace(day=1).isoformat(),
            last_month_end.isoformat(),
        ),
        (t("reports.preset.7"), (today - timedelta(days=6)).isoformat(), today.isoformat()),
    ]


def _preview(rows: list[AccountingRow], lang: str) -> View:
    """The daily rows as the page shows them, in the reader's language, with a total row."""
    headers = [(f.header(lang), f.kind is not Kind.TEXT) for f in ACCOUNTING_FIELDS]
    labels = [f.header(lang) for f in ACCOUNTING_FIELDS]

    def cells(values: tuple[Any, ...]) -> list[ViewCell]:
        out = []
        for field, label, value in zip(ACCOUNTING_FIELDS, labels, values, strict=True):
            tone = ""
            if field.key == "cash_over_short" and isinstance(value, int) and value:
                tone = "danger" if value < 0 else "warn"
            out.append(
                ViewCell(show(value, field.kind), field.kind is not Kind.TEXT, label, tone=tone)
            )
        return out

    shown = [cells(row.cells()) for row in rows[:SHOWN_ROWS]]
    total = None
    if rows:
        sums: list[Any] = []
        for index, field in enumerate(ACCOUNTING_FIELDS):
            if index == 0:
                sums.append(i18n.translate(lang, "reports.total"))
            elif field.total:
                sums.append(sum(row.cells()[index] for row in rows))
            else:
                sums.append(None)
        total = cells(tuple(sums))
    return View(headers, shown, total)


@router.get("", response_class=HTMLResponse)
def accounting_page(
    request: Request,
    user: WebUser,
    session: ReadSession,
    ctx: Ctx,
    store: StoreParam = "",
    day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    day_to: Annotated[str, Query(alias="to", max_length=10)] = "",
) -> HTMLResponse:
    read_fresh(ctx.db, session, user.org_id)
    scope = _scope(session, user, ctx.now(), (store, day_from, day_to))
    rows = accounting_rows(session, scope.report_filter(user))
    t = partial(i18n.translate, user.lang)
    return render(
        request,
        user,
        "accounting/index.html",
        {
            "kinds": KINDS,
            "scope": scope,
            "params": scope.params(),
            "presets": _presets(scope, t),
            "table": _preview(rows, user.lang),
            "row_count": len(rows),
            "truncated": len(rows) > SHOWN_ROWS,
            "shown": SHOWN_ROWS,
            "max_days": MAX_DAYS,
        },
    )


@router.get("/download")
def accounting_download(
    user: WebUser,
    session: ReadSession,
    ctx: Ctx,
    what: Annotated[str, Query(pattern="^(accounting|stock)$")] = "accounting",
    fmt_name: Annotated[str, Query(alias="fmt", pattern="^(csv|xlsx)$")] = "xlsx",
    store: StoreParam = "",
    day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    day_to: Annotated[str, Query(alias="to", max_length=10)] = "",
) -> StreamingResponse:
    read_fresh(ctx.db, session, user.org_id)
    scope = _scope(session, user, ctx.now(), (store, day_from, day_to))
    label = f"{scope.store.code} · {scope.store.name}" if scope.store else "Semua toko"
    filters = files.period_filters(label, scope.day_from, scope.day_to)
    f = scope.report_filter(user)
    if what == "stock":
        table = files.stock_table(stock_value_rows(session, f), filters)
    else:
        table = files.accounting_table(accounting_rows(session, f), filters)
    code = scope.store.code if scope.store else None
    name = files.file_name(WHAT[what], code, scope.day_from, scope.day_to, fmt_name)
    log.info("%s export downloaded as %s by %s", what, fmt_name, user.user_id)
    return files.download(table, fmt_name, name)
