"""Laporan: sales by product, category, cashier, hour of day and day (from the rollups), Z
reports per till with their selisih, selisih per cashier; each as a page and as CSV or XLSX.

Every address takes the same filters in its query string: ``store`` (a store id, empty for every
store the person sees), ``from`` and ``to`` (store-local days, ISO), and for Z reports ``till``.
A store the person may not see, or another organization's, is 404.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Annotated, Final

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import StreamingResponse

from server_stub.api.deps import Ctx, ReadSession
from server_stub.exports import Export, download
from server_stub.models import Device, Store
from server_stub.report_queries import (
    ReportKind,
    report_total,
    sales_report,
    stream_rows,
)
from server_stub.rollup_fold import read_fresh
from server_stub.web import format as fmt
from server_stub.web import i18n
from server_stub.web.deps import WebPrincipal, WebUser, not_found
from server_stub.web.pages import report_tables as tables
from server_stub.web.pages.report_scope import Scope, read_scope
from server_stub.web.render import render
from server_stub.z_report_queries import (
    ZFilter,
    list_z_reports,
    selisih_by_cashier,
    z_report,
)

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/reports")

MAX_DAYS: Final = 3 * 366
"""The longest period one report covers (three years)."""
DEFAULT_DAYS: Final = 7
SHOWN_ROWS: Final = 100
"""Rows a report shows on the page: enough to read on a phone, light enough for its first page
on 3G (500 product rows as cards came to 344 KB of HTML). The download holds every row; the
page says when it shows fewer."""
LIST_KINDS: Final = ("z", "selisih")
KINDS: Final = tuple(k.value for k in ReportKind) + LIST_KINDS

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
        default_start=lambda end: end - timedelta(days=DEFAULT_DAYS - 1),
        max_days=MAX_DAYS,
    )


def _filters(scope: Scope, t: Callable[[str], str], till: str = "") -> list[tuple[str, str]]:
    store = f"{scope.store.code} · {scope.store.name}" if scope.store else t("common.all_stores")
    period = f"{fmt.fmt_date(scope.day_from)}–{fmt.fmt_date(scope.day_to)}"
    filters = [(t("common.store"), store), (t("reports.period"), period)]
    if till:
        filters.append((t("reports.till"), till))
    return filters


def _presets(scope: Scope, t: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """Quick periods: (label, from, to)."""
    today = scope.today
    return [
        (t("reports.preset.today"), today.isoformat(), today.isoformat()),
        (t("reports.preset.7"), (today - timedelta(days=6)).isoformat(), today.isoformat()),
        (t("reports.preset.30"), (today - timedelta(days=29)).isoformat(), today.isoformat()),
        (t("reports.preset.month"), today.replace(day=1).isoformat(), today.isoformat()),
    ]


def _tills(session: Session, user: WebPrincipal, scope: Scope) -> list[str]:
    stmt = select(Device.till_code).where(Device.org_id == user.org_id).distinct()
    stmt = stmt.where(Device.store_id.in_(sorted(scope.visible)))
    if scope.store is not None:
        stmt = stmt.where(Device.store_id == scope.store.store_id)
    return sorted(session.scalars(stmt))


def _translator(user: WebPrincipal) -> Callable[[str], str]:
    return partial(i18n.translate, user.lang)


def _z_filter(user: WebPrincipal, scope: Scope, till: str) -> ZFilter:
    return ZFilter(
        org_id=user.org_id,
        visible=scope.visible,
        store_id=scope.store_id,
        till_code=till or None,
        day_from=scope.day_from,
        day_to=scope.day_to,
    )


@dataclass(frozen=True, slots=True)
class Built:
    view: tables.View
    export: Callable[[], Export]
    notes: list[tuple[str, str]]
    """(CSS class, text): a warning, or a quiet explanation."""


def _build(
    session: Session, user: WebPrincipal, scope: Scope, kind: str, till: str, *, full: bool
) -> Built:
    """The page's table and the download of one report kind; ``full`` reads every row."""
    t = _translator(user)
    title = t(f"reports.title.{kind}")
    filters = _filters(scope, t, till if kind in LIST_KINDS else "")
    if kind == "z":
        items = list_z_reports(session, _z_filter(user, scope, till))
        return Built(
            tables.list_view(tables.Z_COLUMNS, items, t, lambda z: f"/app/reports/z/{z.report_id}"),
            lambda: tables.list_export(tables.Z_COLUMNS, items, t, title, filters),
            [] if items else [("flash warn", t("reports.z.none"))],
        )
    if kind == "selisih":
        people = selisih_by_cashier(session, _z_filter(user, scope, till))
        return Built(
            tables.list_view(tables.SELISIH_COLUMNS, people, t),
            lambda: tables.list_export(tables.SELISIH_COLUMNS, people, t, title, filters),
            [("muted report-explain", t("reports.s.explain"))]
            + ([] if people else [("flash warn", t("reports.z.none"))]),
        )
    report_kind = ReportKind(kind)
    f = scope.report_filter(user)
    if full:
        return Built(
            tables.View([], [], None),
            lambda: tables.sales_export(
                report_kind,
                stream_rows(session, f, report_kind),
                report_total(session, f, report_kind),
                t,
                title,
                filters,
            ),
            [],
        )
    report = sales_report(session, f, report_kind, limit=SHOWN_ROWS)
    notes: list[tuple[str, str]] = []
    if report.truncated:
        shown = i18n.translate(user.lang, "reports.truncated", shown=len(report.rows))
        notes.append(("flash warn", shown))
    unknown = report.total.unknown_cost
    if unknown:
        text = i18n.translate(user.lang, "reports.unknown_cost", amount=fmt.rupiah(unknown))
        notes.append(("flash warn", text))
    if unknown is None:
        notes.append(("muted report-explain", t("reports.no_cost_here")))
    return Built(
        tables.sales_view(report, t),
        lambda: tables.sales_export(report_kind, report.rows, report.total, t, title, filters),
        notes,
    )


def _kind(kind: str) -> str:
    if kind not in KINDS:
        not_found()
    return kind


@router.get("", response_class=HTMLResponse)
def reports_page(
    request: Request,
    user: WebUser,
    session: ReadSession,
    ctx: Ctx,
    kind: Annotated[str, Query(max_length=16)] = "product",
    store: StoreParam = "",
    day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    day_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    till: Annotated[str, Query(max_length=16)] = "",
) -> HTMLResponse:
    kind = _kind(kind)
    read_fresh(ctx.db, session, user.org_id)
    scope = _scope(session, user, ctx.now(), (store, day_from, day_to))
    built = _build(session, user, scope, kind, till, full=False)
    t = _translator(user)
    params = scope.params(kind=kind, **({"till": till} if till else {}))
    return render(
        request,
        user,
        "reports/index.html",
        {
            "kind": kind,
            "kinds": KINDS,
            "scope": scope,
            "till": till,
            "tills": _tills(session, user, scope) if kind in LIST_KINDS else [],
            "table": built.view,
            "notes": built.notes,
            "params": params,
            "presets": _presets(scope, t),
            "title": t(f"reports.title.{kind}"),
        },
    )


@router.get("/download")
def report_download(
    user: WebUser,
    session: ReadSession,
    ctx: Ctx,
    kind: Annotated[str, Query(max_length=16)] = "product",
    fmt_name: Annotated[str, Query(alias="fmt", pattern="^(csv|xlsx)$")] = "xlsx",
    store: StoreParam = "",
    day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    day_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    till: Annotated[str, Query(max_length=16)] = "",
) -> StreamingResponse:
    kind = _kind(kind)
    read_fresh(ctx.db, session, user.org_id)
    scope = _scope(session, user, ctx.now(), (store, day_from, day_to))
    export = _build(session, user, scope, kind, till, full=True).export()
    parts = ["laporan", kind, scope.store.code if scope.store else "semua"]
    parts += [scope.day_from.isoformat(), scope.day_to.isoformat()]
    log.info("report %s downloaded as %s by %s", kind, fmt_name, user.user_id)
    return download(export, fmt_name, "_".join(parts))


@router.get("/z/{report_id}", response_class=HTMLResponse)
def z_report_page(
    request: Request, user: WebUser, session: ReadSession, report_id: str
) -> HTMLResponse:
    visible = None if user.store_ids is None else user.store_ids
    detail = z_report(session, user.org_id, visible, report_id[:64])
    if detail is None:
        not_found()
    store = session.get(Store, (user.org_id, detail.summary.store_id))
    return render(
        request,
        user,
        "reports/z.html",
        {"z": detail, "r": detail.report, "tz": getattr(store, "timezone", None)},
    )
