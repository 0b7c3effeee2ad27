"""Peringatan: journal alerts, over-refunds and flagged sales, open or resolved, and one alert's
page where it is resolved with a note (who and when are kept and shown).

The queries and the one write are ``server_stub.alerts``'s, scoped by the person's organization
and stores: another organization's alert, or one of a store a manager does not see, is the 404
page. A filter that cannot be read falls back to its default rather than failing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, cast

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from server_stub import alerts
from server_stub.alerts import KINDS, STATUSES, Alert, AlertKind, AlertQuery, AlertStatus, Scope
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.web import i18n
from server_stub.web.deps import CsrfChecked, WebPrincipal, WebUser, not_found
from server_stub.web.format import fmt_number
from server_stub.web.render import render
from server_stub.web.scope import visible_stores

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/alerts")

PAGE_SIZE = 50
MAX_PAGE = 100
KindPath = Annotated[str, Path(min_length=1, max_length=16)]
AlertIdPath = Annotated[str, Path(min_length=1, max_length=64)]
NoteField = Annotated[str, Form(max_length=4000)]


def scope_of(user: WebPrincipal) -> Scope:
    return Scope(user.org_id, user.store_ids)


# -- what an alert says, in the reader's language ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    label: str
    lines: list[str]


def _qty(milli: object) -> str:
    if not isinstance(milli, int):
        return str(milli)
    value = (Decimal(milli) / 1000).normalize()
    text = f"{value:f}"
    whole, _, frac = text.partition(".")
    return fmt_number(int(whole)) + ("," + frac if frac else "")


def _lines(word: Callable[..., str], reason: str, details: dict[str, Any]) -> list[str]:
    """What ingest recorded about one reason, as sentences; unknown shapes shown as stored."""
    detail = details.get(reason)
    if reason == "over_refund" and isinstance(detail, dict):
        return [
            word(
                "alerts.detail.over_refund",
                line=line,
                sold=_qty(v.get("sold_milli")),
                before=_qty(v.get("already_refunded_milli")),
                this=_qty(v.get("this_refund_milli")),
            )
            for line, v in sorted(detail.items(), key=lambda kv: str(kv[0]).zfill(6))
            if isinstance(v, dict)
        ]
    if reason == "clock_skew" and isinstance(detail, dict):
        return [word("alerts.detail.clock_skew", seconds=fmt_number(detail.get("seconds", 0)))]
    if reason == "stale_profile" and isinstance(detail, dict):
        rung, current = detail.get("rung_under"), detail.get("current")
        return [word("alerts.detail.stale_profile", rung=rung, current=current)]
    if reason == "till_code_mismatch" and isinstance(detail, dict):
        return [word("alerts.detail.till_code_mismatch", code=detail.get("device_till_code"))]
    if reason == "duplicate_receipt_no":
        return [word("alerts.detail.duplicate_receipt_no")]
    if reason == "unknown_original":
        return [word("alerts.detail.unknown_original")]
    if reason == "unknown_product" and isinstance(detail, list):
        return [word("alerts.detail.unknown_product", ids=", ".join(str(d) for d in detail))]
    if isinstance(detail, list):
        return [str(d) for d in detail]
    if isinstance(detail, dict):
        return [", ".join(f"{k}: {v}" for k, v in detail.items())]
    return []


def reasons_of(alert: Alert, lang: str) -> list[Reason]:
    def word(key: str, **params: object) -> str:
        return i18n.translate(lang, key, **params)

    found: list[Reason] = []
    for reason in alert.reasons:
        label = reason_label(lang, reason)
        if alert.kind == "journal":
            seq = alert.details.get("seq")
            lines = [word("alerts.detail.journal", seq=seq), str(alert.details.get("detail", ""))]
        else:
            lines = _lines(word, reason, alert.details)
        found.append(Reason(label, lines))
    return found


def reason_label(lang: str, reason: str) -> str:
    key = f"alerts.reason.{reason}"
    return i18n.translate(lang, key) if key in i18n.all_words() else reason


def links_of(alert: Alert) -> list[tuple[str, str]]:
    """Pages to look at beside the alert: (word key, address)."""
    if alert.kind == "sale":
        found = [("alerts.open_sale", f"/app/sales/{alert.subject_id}")]
        other = alert.details.get("duplicate_receipt_no")
        if isinstance(other, dict) and isinstance(other.get("other_sale_id"), str):
            found.append(("alerts.open_other_sale", f"/app/sales/{other['other_sale_id']}"))
        return found
    original = alert.details.get("original_sale_id")
    if (
        alert.kind == "refund"
        and isinstance(original, str)
        and "unknown_original" not in alert.reasons
    ):
        return [("alerts.open_original", f"/app/sales/{original}")]
    return []


def labels(user: WebPrincipal) -> dict[str, Any]:
    return {
        "reason_label": lambda reason: reason_label(user.lang, reason),
        "kind_label": lambda kind: i18n.translate(user.lang, f"alerts.kind.{kind}"),
        "word": lambda key: i18n.translate(user.lang, key),
    }


# -- the list ---------------------------------------------------------------------------------


@dataclass
class ListForm:
    status: AlertStatus = "open"
    kind: str = ""
    store: str = ""
    page: int = 1

    def params(self, **changes: object) -> dict[str, object]:
        values: dict[str, object] = {"status": self.status, "kind": self.kind, "store": self.store}
        values.update(changes)
        return {k: v for k, v in values.items() if v}


def read_list_form(request: Request) -> ListForm:
    q = request.query_params
    status = q.get("status", "open")
    kind = q.get("kind", "")
    try:
        page = min(max(int(q.get("page", "1")), 1), MAX_PAGE)
    except ValueError:
        page = 1
    return ListForm(
        status=status if status in STATUSES else "open",
        kind=kind if kind in KINDS else "",
        store=q.get("store", "")[:32],
        page=page,
    )


@router.get("", response_class=HTMLResponse)
def alerts_list(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    form = read_list_form(request)
    stores = visible_stores(session, user)
    if form.store and form.store not in {s.store_id for s in stores}:
        not_found()
    scope = scope_of(user)
    query = AlertQuery(
        status=form.status,
        kind=cast(AlertKind, form.kind) if form.kind else None,
        store_id=form.store or None,
        limit=PAGE_SIZE,
        offset=(form.page - 1) * PAGE_SIZE,
    )
    page = alerts.list_alerts(session, scope, query)
    context = {
        "form": form,
        "page": page,
        "stores": stores,
        "kinds": KINDS,
        "statuses": STATUSES,
        "open_counts": alerts.count_open(session, scope, form.store or None),
        "reasons_of": lambda alert: reasons_of(alert, user.lang),
        **labels(user),
    }
    return render(request, user, "alerts/list.html", context)


# -- one alert --------------------------------------------------------------------------------


def _alert_or_404(session: Session, user: WebPrincipal, kind: str, alert_id: str) -> Alert:
    if kind not in KINDS:
        not_found()
    try:
        return alerts.get_alert(session, scope_of(user), kind, alert_id)
    except alerts.AlertNotFound:
        not_found()


def _alert_page(
    request: Request,
    user: WebPrincipal,
    alert: Alert,
    *,
    note: str = "",
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = {
        "alert": alert,
        "reasons": reasons_of(alert, user.lang),
        "links": links_of(alert),
        "note": note,
        "error": error,
        "max_note": alerts.MAX_NOTE,
        **labels(user),
    }
    return render(request, user, "alerts/alert.html", context, status=status)


@router.get("/{kind}/{alert_id}", response_class=HTMLResponse)
def alert_page(
    request: Request, kind: KindPath, alert_id: AlertIdPath, user: WebUser, session: ReadSession
) -> HTMLResponse:
    return _alert_page(request, user, _alert_or_404(session, user, kind, alert_id))


@router.post("/{kind}/{alert_id}", response_class=HTMLResponse)
def resolve_alert(
    request: Request,
    kind: KindPath,
    alert_id: AlertIdPath,
    user: WebUser,
    _: CsrfChecked,
    ctx: Ctx,
    session: WriteSession,
    note: NoteField = "",
) -> Response:
    alert = _alert_or_404(session, user, kind, alert_id)
    try:
        checked = alerts.ResolveIn(note=note).note
    except ValidationError:
        return _alert_page(
            request, user, alert, note=note[: alerts.MAX_NOTE], error="alerts.err.note", status=422
        )
    by = alerts.Resolver(user.user_id, user.email)
    try:
        alerts.resolve(session, scope_of(user), alert.kind, alert_id, checked, by, ctx.now())
    except alerts.AlreadyResolved:
        session.rollback()
        fresh = _alert_or_404(session, user, kind, alert_id)
        return _alert_page(request, user, fresh, error="alerts.err.already", status=409)
    return RedirectResponse(
        f"/app/alerts/{alert.kind}/{alert_id}?flash=alerts.resolved", status_code=303
    )
