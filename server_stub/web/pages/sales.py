"""Penjualan: the sales list (filters, keyset pages newest first) and one sale's page with its
lines, taxes, tenders, refunds, flags and the receipt as the till draws it.

The data comes from ``server_stub.sales_browse``; this module reads the query string (a filter
it cannot read is dropped and said so, never a 422), and answers another organization's sale or
a store outside the person's scope with the 404 page.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from server_stub import sales_browse
from server_stub.api.deps import ReadSession
from server_stub.sales_browse import (
    FLAG_CHOICES,
    TENDER_CHOICES,
    BadCursor,
    NotFound,
    SaleQuery,
    Scope,
)
from server_stub.web import i18n
from server_stub.web.deps import WebPrincipal, WebUser, not_found
from server_stub.web.render import render

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/sales")

MAX_PARAM = 200
SaleIdPath = Annotated[str, Path(min_length=1, max_length=64)]


def scope_of(user: WebPrincipal) -> Scope:
    return Scope(user.org_id, user.store_ids)


def labels(user: WebPrincipal) -> dict[str, Callable[[str], str]]:
    """Flag and tender names in the reader's language; an unknown one shows as it is stored."""

    def word(prefix: str) -> Callable[[str], str]:
        return lambda value: i18n.translate(user.lang, prefix + value)

    return {"flag_label": word("sales.flag."), "tender_label": word("sales.tender.")}


@dataclass
class ListForm:
    """The filters as typed, kept so the form shows them again, and what could not be read."""

    store: str = ""
    till: str = ""
    cashier: str = ""
    date_from: str = ""
    date_to: str = ""
    tender: str = ""
    flag: str = ""
    q: str = ""
    bad: bool = False

    def params(self) -> dict[str, str]:
        """The non-empty filters, for the pager's links."""
        values = {
            "store": self.store,
            "till": self.till,
            "cashier": self.cashier,
            "from": self.date_from,
            "to": self.date_to,
            "tender": self.tender,
            "flag": self.flag,
            "q": self.q,
        }
        return {k: v for k, v in values.items() if v}

    @property
    def filtered(self) -> bool:
        return bool(self.params())


def _text(request: Request, name: str) -> str:
    value = request.query_params.get(name, "")
    return value.strip()[:MAX_PARAM]


def _day(form: ListForm, value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        form.bad = True
        return None


def read_form(request: Request) -> tuple[ListForm, SaleQuery]:
    form = ListForm(
        store=_text(request, "store"),
        till=_text(request, "till"),
        cashier=_text(request, "cashier"),
        date_from=_text(request, "from"),
        date_to=_text(request, "to"),
        tender=_text(request, "tender"),
        flag=_text(request, "flag"),
        q=_text(request, "q"),
    )
    if form.tender and form.tender not in TENDER_CHOICES:
        form.tender, form.bad = "", True
    if form.flag and form.flag not in FLAG_CHOICES:
        form.flag, form.bad = "", True
    query = SaleQuery(
        store_id=form.store or None,
        till_code=form.till or None,
        cashier_code=form.cashier or None,
        day_from=_day(form, form.date_from),
        day_to=_day(form, form.date_to),
        tender=form.tender or None,
        flag=form.flag or None,
        receipt_no=form.q or None,
    )
    return form, query


@router.get("", response_class=HTMLResponse)
def sales_list(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    form, query = read_form(request)
    scope = scope_of(user)
    older, newer = _text(request, "older") or None, _text(request, "newer") or None
    try:
        page = sales_browse.list_sales(
            session,
            scope,
            query,
            older_than=older,
            newer_than=None if older else newer,
            limit=sales_browse.PAGE_SIZE,
        )
    except NotFound:
        not_found()
    except BadCursor:
        form.bad = True
        page = sales_browse.list_sales(session, scope, query, limit=sales_browse.PAGE_SIZE)
    choices = sales_browse.filter_choices(session, scope, query.store_id)
    return render(
        request,
        user,
        "sales/list.html",
        {
            "form": form,
            "page": page,
            "choices": choices,
            "params": form.params(),
            "tenders": TENDER_CHOICES,
            "flags": FLAG_CHOICES,
            "first_page": older is not None or newer is not None,
            **labels(user),
        },
    )


def flag_text(details: Any) -> str:
    """A flag's details as one readable line (they are the server's own JSON)."""
    if details is None:
        return ""
    if isinstance(details, list):
        return "; ".join(str(d) for d in details)
    if isinstance(details, dict):
        return ", ".join(f"{k}: {v}" for k, v in details.items())
    return json.dumps(details, ensure_ascii=False)


@router.get("/{sale_id}", response_class=HTMLResponse)
def sale_page(
    request: Request, sale_id: SaleIdPath, user: WebUser, session: ReadSession
) -> HTMLResponse:
    try:
        view = sales_browse.sale_view(session, scope_of(user), sale_id)
    except NotFound:
        not_found()
    return render(
        request,
        user,
        "sales/sale.html",
        {
            "view": view,
            "sale": view.item,
            "record": view.record,
            "flag_text": flag_text,
            **labels(user),
        },
    )
