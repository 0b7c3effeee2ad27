"""Shift reports: tills push their X and Z reports; owners list them per store and day."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from server_stub import shift_reports
from server_stub.api import pages
from server_stub.api.deps import (
    Ctx,
    ReadSession,
    SubmittingTill,
    WriteSession,
    limit_batch,
)
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import Day, OptionalStoreCode, OptionalTillCode
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, key_store_ids, needs, require_store
from server_stub.schemas import DocumentBatchIn, DocumentBatchOut
from server_stub.shift_reports import ShiftReportOut

router = APIRouter(tags=["shift reports"])


@router.post(
    "/v1/sync/shift-reports",
    response_model=DocumentBatchOut,
    responses=errors(413, s413="Too many reports in one batch, or body too large"),
)
def push_shift_reports(
    body: DocumentBatchIn, submitter: SubmittingTill, ctx: Ctx, session: WriteSession
) -> DocumentBatchOut:
    """Store a batch of X/Z reports; one result per report, in order.

    ``accepted``: stored now. ``duplicate``: stored before with the same content. ``conflict``:
    another report with this id exists, or (``z_number_used``) this till's Z number already
    belongs to another report; nothing overwritten. ``rejected``: not stored (unreadable,
    another store's). ``flags``: ``figures_mismatch`` (derived figures disagree with the
    recomputation), ``till_code_mismatch``.
    """
    limit_batch(ctx, body.documents, "reports")
    results = shift_reports.ingest_reports(
        session, submitter, body.documents, received_at=ctx.now()
    )
    return DocumentBatchOut(results=results)


class ShiftReportPage(Page[ShiftReportOut]):
    """Shift reports by business day, store, till and opening time."""


_KEY_TYPES = (date, str, str, datetime, str, int, str)


def _key(report: ShiftReportOut) -> list[Any]:
    """The report's place in ``shift_reports.REPORT_ORDER``."""
    return [
        report.business_day,
        report.store_code,
        report.till_code,
        report.opened_at,
        report.kind,
        report.report_no,
        report.report_id,
    ]


@router.get("/v1/shift-reports", response_model=ShiftReportPage)
def list_shift_reports(
    user: Annotated[Caller, needs("reports:read")],
    session: ReadSession,
    store: OptionalStoreCode = None,
    till: OptionalTillCode = None,
    day: Day = None,
    kind: Literal["X", "Z"] | None = None,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> ShiftReportPage:
    """The organization's shift reports by business day (the till's local day of the Z close,
    or of the X report), store and till."""
    limited = key_store_ids(user)
    found = require_store(session, user, store, limited) if store is not None else None
    reports = shift_reports.list_reports(
        session,
        user.org_id,
        store=found,
        till=till,
        day=day,
        kind=kind,
        limit=limit + 1,
        store_ids=limited,
        after=pages.decode(cursor, _KEY_TYPES) if cursor is not None else None,
    )
    items, next_cursor = pages.cut(reports.items, limit, _key)
    return ShiftReportPage(items=items, next_cursor=next_cursor)
