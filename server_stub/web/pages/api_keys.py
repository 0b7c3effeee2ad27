"""Kunci API (``/app/api-keys``, owners only): the organization's API keys with their prefix,
scopes, stores, last use and expiry; a form for a new one (name, scopes by resource, stores,
expiry) whose answer shows the secret once; rotating (with an overlap) and revoking, each
asked to be confirmed.

Every write is ``server_stub.api_keys``'s, the owner API's own. The secret is rendered in the
answer to the POST only (never in a URL, a redirect or a later page; back-office answers are
``no-store``). A manager, or a key of another organization, is the 404 page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from server_stub import api_keys
from server_stub.api.deps import Ctx, ReadSession
from server_stub.core.problems import Problem
from server_stub.models import ApiKey
from server_stub.models.api_keys import DEFAULT_RATE_LIMIT_PER_MIN
from server_stub.web.deps import (
    CsrfChecked,
    PostedForm,
    WebPrincipal,
    WebUser,
    not_found,
    owner_or_404,
)
from server_stub.web.render import render
from server_stub.web.scope import visible_stores

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/api-keys")

KeyId = Annotated[str, Path(min_length=32, max_length=32, pattern=r"^[0-9a-f]{32}$")]
EXPIRY_DAYS = ("", "30", "90", "365")
"""The expiry choices: never, or that many days from now."""
OVERLAP_HOURS = ("0", "1", "24", "168")
"""How long a rotated key's old secret keeps working: at once, an hour, a day, a week."""
NAME_MAX = 100


@dataclass(frozen=True, slots=True)
class Group:
    """One resource of the scope catalogue, as a row of checkboxes."""

    resource: str
    scopes: tuple[str, ...]


GROUPS = tuple(
    Group(resource, tuple(f"{resource}:{verb}" for verb in verbs))
    for resource, verbs in api_keys.SCOPE_CATALOGUE.items()
)


def _key(session: Session, user: WebPrincipal, key_id: str) -> ApiKey:
    try:
        return api_keys.get_key(session, user.org_id, key_id)
    except Problem:
        not_found()


def _blank_form() -> dict[str, Any]:
    return {"name": "", "scopes": [], "store_mode": "all", "stores": [], "expiry": "90"}


def _list_page(
    request: Request,
    session: Session,
    user: WebPrincipal,
    *,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    issued: api_keys.Issued | None = None,
    rotated: bool = False,
    status: int = 200,
) -> HTMLResponse:
    stores = visible_stores(session, user)
    context = {
        "keys": api_keys.list_keys(session, user.org_id),
        "stores": stores,
        "store_codes": {s.store_id: s.code for s in stores},
        "groups": GROUPS,
        "expiry_days": EXPIRY_DAYS,
        "overlap_hours": OVERLAP_HOURS,
        "form": form or _blank_form(),
        "errors": errors or {},
        "issued": issued,
        "rotated": rotated,
        "type_prefix": api_keys.TYPE_PREFIX,
        "now": request.app.state.ctx.now(),
    }
    return render(request, user, "api_keys/list.html", context, status=status)


@router.get("", response_class=HTMLResponse)
def api_keys_page(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    return _list_page(request, session, owner_or_404(user))


def _posted(request_form: list[tuple[str, Any]], data: dict[str, str]) -> dict[str, Any]:
    return {
        "name": data.get("name", "").strip()[: NAME_MAX + 1],
        "scopes": [v for k, v in request_form if k == "scopes" and v in api_keys.SCOPES],
        "store_mode": "some" if data.get("store_mode") == "some" else "all",
        "stores": [v for k, v in request_form if k == "stores" and isinstance(v, str)],
        "expiry": data.get("expiry", "") if data.get("expiry", "") in EXPIRY_DAYS else "",
    }


def _check(form: dict[str, Any], known_stores: set[str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not form["name"] or len(form["name"]) > NAME_MAX or "\x00" in form["name"]:
        errors["name"] = "keys.err.name"
    if not form["scopes"]:
        errors["scopes"] = "keys.err.scopes"
    if form["store_mode"] == "some" and (
        not form["stores"] or not set(form["stores"]) <= known_stores
    ):
        errors["stores"] = "keys.err.stores"
    return errors


@router.post("", response_class=HTMLResponse)
async def create_api_key(
    request: Request, user: WebUser, _: CsrfChecked, ctx: Ctx, data: PostedForm
) -> Response:
    owner = owner_or_404(user)
    form = _posted(list((await request.form()).multi_items()), data)
    now = ctx.now()
    pepper = ctx.keys.api_key_pepper  # before the write session: a first read writes the secret
    with ctx.db.write() as session:
        known = {s.store_id for s in visible_stores(session, owner)}
        errors = _check(form, known)
        if errors:
            return _list_page(request, session, owner, form=form, errors=errors, status=422)
        spec = api_keys.KeySpec(
            name=form["name"],
            scopes=frozenset(form["scopes"]),
            store_ids=frozenset(form["stores"]) if form["store_mode"] == "some" else None,
            expires_at=now + timedelta(days=int(form["expiry"])) if form["expiry"] else None,
            rate_limit_per_min=DEFAULT_RATE_LIMIT_PER_MIN,
        )
        issued = api_keys.create(
            session,
            owner.org_id,
            spec,
            pepper=pepper,
            created_by=owner.user_id,
            now=now,
        )
        session.commit()
        return _list_page(request, session, owner, issued=issued, status=201)


@router.post("/{key_id}/rotate", response_class=HTMLResponse)
def rotate_api_key(
    request: Request, key_id: KeyId, user: WebUser, _: CsrfChecked, ctx: Ctx, data: PostedForm
) -> Response:
    owner = owner_or_404(user)
    hours = data.get("overlap_hours", "24")
    overlap = timedelta(hours=int(hours if hours in OVERLAP_HOURS else "24"))
    pepper = ctx.keys.api_key_pepper
    with ctx.db.write() as session:
        key = _key(session, owner, key_id)
        if key.revoked_at is not None:
            not_found()
        issued = api_keys.rotate(
            session,
            owner.org_id,
            key_id,
            pepper=pepper,
            overlap=overlap,
            now=ctx.now(),
        )
        session.commit()
        return _list_page(request, session, owner, issued=issued, rotated=True)


@router.post("/{key_id}/revoke", response_class=HTMLResponse)
def revoke_api_key(key_id: KeyId, user: WebUser, _: CsrfChecked, ctx: Ctx) -> RedirectResponse:
    owner = owner_or_404(user)
    with ctx.db.write() as session:
        _key(session, owner, key_id)
        api_keys.revoke(session, owner.org_id, key_id, ctx.now())
        session.commit()
    return RedirectResponse("/app/api-keys?flash=keys.revoked_done", status_code=303)
