"""Toko: the stores list, a new store (owner), and the store profile the tills print with,
plus its time zone and opening hours.

Profile changes go through ``tenancy.update_store`` like the API's, so each change is a new
profile version and every till applies it at its next pull.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select

from server_stub import tenancy
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.core.problems import Problem
from server_stub.models import Device
from server_stub.web import store_forms
from server_stub.web.deps import (
    CsrfChecked,
    PostedForm,
    WebPrincipal,
    WebUser,
    owner_or_404,
)
from server_stub.web.format import STORE_ZONES
from server_stub.web.render import render
from server_stub.web.scope import store_or_404, visible_stores

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/stores")

FormText = Annotated[str, Form(max_length=200)]


def _tills_per_store(session: ReadSession, user: WebPrincipal) -> dict[str, int]:
    rows = session.execute(
        select(Device.store_id, func.count())
        .where(Device.org_id == user.org_id, Device.revoked_at.is_(None))
        .group_by(Device.store_id)
    ).all()
    return {store_id: int(count) for store_id, count in rows}


def _list_page(
    request: Request,
    session: ReadSession,
    user: WebPrincipal,
    *,
    new: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = {
        "stores": visible_stores(session, user),
        "tills": _tills_per_store(session, user),
        "new": new or {"code": "", "name": ""},
        "errors": errors or {},
    }
    return render(request, user, "stores/list.html", context, status=status)


@router.get("", response_class=HTMLResponse)
def stores_page(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    return _list_page(request, session, user)


@router.post("", response_class=HTMLResponse)
def create_store(
    request: Request,
    user: WebUser,
    _: CsrfChecked,
    ctx: Ctx,
    session: WriteSession,
    code: FormText = "",
    name: FormText = "",
) -> Response:
    """A new store (owners only: a manager's stores are given by the owner)."""
    owner_or_404(user)
    code, name = code.strip().upper(), name.strip()
    errors = store_forms.check_new_store(code, name)
    if not errors:
        try:
            store = tenancy.create_store(session, user.org_id, code=code, name=name, now=ctx.now())
        except Problem as exc:
            if exc.code != "store.code_taken":
                raise
            errors["code"] = "stores.err.code_taken"
    if errors:
        session.rollback()
        new = {"code": code, "name": name}
        return _list_page(request, session, user, new=new, errors=errors, status=422)
    log.info("store %s made from the back office by %s", store.code, user.user_id)
    return RedirectResponse(f"/app/stores/{store.store_id}?flash=stores.created", status_code=303)


def _edit_page(
    request: Request, user: WebPrincipal, store: object, form: store_forms.StoreForm, status: int
) -> HTMLResponse:
    context = {
        "store": store,
        "form": form.values,
        "errors": form.errors,
        "zones": STORE_ZONES,
        "weekdays": store_forms.WEEKDAYS,
        "rounding_steps": store_forms.ROUNDING_STEPS,
    }
    return render(request, user, "stores/edit.html", context, status=status)


@router.get("/{store_id}", response_class=HTMLResponse)
def store_page(
    request: Request, store_id: str, user: WebUser, session: ReadSession
) -> HTMLResponse:
    store = store_or_404(session, user, store_id)
    return _edit_page(request, user, store, store_forms.form_of(store), 200)


@router.post("/{store_id}", response_class=HTMLResponse)
def save_store(
    request: Request, store_id: str, user: WebUser, _: CsrfChecked, ctx: Ctx, data: PostedForm
) -> Response:
    form = store_forms.read_form(data)
    with ctx.db.write() as session:
        store = store_or_404(session, user, store_id, for_update=True)
        checked = store_forms.check(form)
        if checked is None:
            session.rollback()
            return _edit_page(request, user, store, form, 422)
        changes, timezone, hours = checked
        tenancy.update_store(session, user.org_id, store.code, changes, ctx.now())
        store.timezone = timezone
        store.opening_hours = hours
        session.commit()
    return RedirectResponse(f"/app/stores/{store_id}?flash=common.saved", status_code=303)
