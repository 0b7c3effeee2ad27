"""Alerts for the owner API: journal alerts, over-refunds and flagged sales, and their resolutions.

The same queries and the same one write as the back office's Peringatan page
(``server_stub.alerts``), for an integration or a script.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy.orm import Session

from server_stub import alerts, tenancy
from server_stub.alerts import AlertKind, AlertOut, AlertStatus, ResolveIn
from server_stub.api import pages
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import OptionalStoreCode
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, needs, visible_store_ids
from server_stub.core.problems import Problem

router = APIRouter(tags=["alerts"])

AlertIdPath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9\-]+$")]
_NOT_FOUND = errors(404, s404="No such alert in this organization, or the store is unknown")


def _scope(session: Session, user: Caller) -> alerts.Scope:
    return alerts.Scope(user.org_id, visible_store_ids(session, user))


def _not_found() -> Problem:
    return Problem(404, "alert.not_found", "no such alert")


class AlertPage(Page[AlertOut]):
    """Alerts, newest first."""


def position(cursor: str | None) -> int:
    """Where a page of a merged, newest-first alert list starts (its cursor holds a position:
    three tables have no one key to continue after)."""
    if cursor is None:
        return 0
    (start,) = pages.decode(cursor, [int])
    if not 0 <= start <= MAX_POSITION:
        raise pages.bad_cursor()
    return int(start)


MAX_POSITION = 10_000
"""How deep the alert lists page (``alerts.list_alerts`` reads at most this many rows)."""


@router.get("/v1/alerts", response_model=AlertPage, responses=_NOT_FOUND)
def list_alerts(
    user: Annotated[Caller, needs("alerts:read")],
    session: ReadSession,
    status: AlertStatus = "open",
    kind: AlertKind | None = None,
    store: OptionalStoreCode = None,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AlertPage:
    """Newest first: journal alerts (``journal``), over-refunds (``refund``) and flagged sales
    (``sale``), ``open`` (no resolution yet), ``resolved`` or ``all``; each with its store, till,
    time, reasons and, once resolved, who resolved it, when and the note."""
    scope = _scope(session, user)
    store_id = None
    if store is not None:
        found = tenancy.require_store(session, user.org_id, store)
        if not scope.sees(found.store_id):
            raise Problem(404, "store.not_found", f"no store with code {store}")
        store_id = found.store_id
    start = position(cursor)
    page = alerts.list_alerts(
        session,
        scope,
        alerts.AlertQuery(status=status, kind=kind, store_id=store_id, limit=limit, offset=start),
    )
    next_cursor = pages.encode([start + limit]) if page.has_more else None
    return AlertPage(items=[a.out() for a in page.items], next_cursor=next_cursor)


@router.get("/v1/alerts/{kind}/{alert_id}", response_model=AlertOut, responses=_NOT_FOUND)
def get_alert(
    kind: AlertKind,
    alert_id: AlertIdPath,
    user: Annotated[Caller, needs("alerts:read")],
    session: ReadSession,
) -> AlertOut:
    try:
        return alerts.get_alert(session, _scope(session, user), kind, alert_id).out()
    except alerts.AlertNotFound:
        raise _not_found() from None


@router.post(
    "/v1/alerts/{kind}/{alert_id}/resolution",
    response_model=AlertOut,
    status_code=201,
    responses={**_NOT_FOUND, **errors(409, s409="The alert was resolved already; its note stands")},
)
def resolve_alert(
    kind: AlertKind,
    alert_id: AlertIdPath,
    body: ResolveIn,
    user: Annotated[Caller, needs("alerts:write")],
    ctx: Ctx,
    session: WriteSession,
) -> AlertOut:
    """Resolve the alert with a note saying what was done; who and when are recorded with it.

    Resolving changes no figure: an over-refund stays out of stock and totals, a flagged sale
    stays as the till sent it. A resolution is final.
    """
    by = alerts.Resolver(user.user_id, user.email)
    try:
        alert = alerts.resolve(
            session, _scope(session, user), kind, alert_id, body.note, by, ctx.now()
        )
    except alerts.AlertNotFound:
        raise _not_found() from None
    except alerts.AlreadyResolved:
        raise Problem(409, "alert.resolved", "This alert was resolved already.") from None
    return alert.out()
