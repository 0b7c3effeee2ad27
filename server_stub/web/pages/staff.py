"""Staf: the people who log in at the tills, by store; a new member, a change of name, role or
stores, a new PIN, deactivation (asked first) and reactivation.

Every write goes through the owner API's use cases (``server_stub.staff``), so each change goes
out to the tills through the catalog feed exactly as an API change does, and no PIN or verifier
is ever shown or sent back: a PIN is typed twice and only its hash is kept.

What a manager may do (``staff.sees_member`` / ``staff.manages_member``): see the members who
work in at least one of their stores; create members only in their stores; change (edit, PIN,
deactivate, reactivate) a member only when every store the member works in is theirs, since each
such change reaches every till the member logs in to. A member shared with another store is
shown to them read-only. Staff roles are cashier, supervisor and manager; a manager's own rank
is manager, so a manager may give any of the three, never more (there is no staff role above
manager). A member, or a store, out of reach is the 404 page, never 403.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, get_args

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from server_stub import staff
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.core.problems import Problem
from server_stub.models import Store
from server_stub.schemas import StaffRole
from server_stub.staff import PIN_PATTERN, PinIn, StaffIn, StaffOut, StaffPatch
from server_stub.web import i18n
from server_stub.web.deps import CsrfChecked, WebPrincipal, WebUser, not_found
from server_stub.web.render import render
from server_stub.web.scope import visible_stores

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/staff")

ROLES: tuple[str, ...] = get_args(StaffRole)
MAX_NAME = 100
StaffIdPath = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9]+$")]
_PIN = re.compile(PIN_PATTERN)


@dataclass
class StaffForm:
    """A member's form as typed (PINs are never put back into a page) and its errors, each a
    word key."""

    name: str = ""
    role: str = "cashier"
    store_ids: list[str] = field(default_factory=list)
    pin: str = ""
    pin_again: str = ""
    errors: dict[str, str] = field(default_factory=dict)


async def read_form(request: Request) -> StaffForm:
    """The posted fields (``stores`` is one value per ticked store)."""
    form = await request.form()

    def text(name: str, limit: int = 200) -> str:
        value = form.get(name)
        return value.strip()[:limit] if isinstance(value, str) else ""

    stores = [v for k, v in form.multi_items() if k == "stores" and isinstance(v, str)]
    return StaffForm(
        name=text("name", MAX_NAME + 1),
        role=text("role", 16),
        store_ids=stores[:100],
        pin=text("pin", 16),
        pin_again=text("pin_again", 16),
    )


PostedStaff = Annotated[StaffForm, Depends(read_form)]


@dataclass(frozen=True, slots=True)
class Reach:
    """The stores the person sees, by id and by code, and the staff rules that follow."""

    stores: list[Store]
    codes: frozenset[str] | None
    """Visible store codes; ``None`` for the owner (every store)."""

    @property
    def by_id(self) -> dict[str, Store]:
        return {s.store_id: s for s in self.stores}

    def sees(self, member: StaffOut) -> bool:
        return staff.sees_member(member.stores, self.codes)

    def manages(self, member: StaffOut) -> bool:
        return staff.manages_member(member.stores, self.codes)


def names(user: WebPrincipal) -> dict[str, Callable[[str], str]]:
    """A role's name in the reader's language."""
    return {"role_name": lambda role: i18n.translate(user.lang, f"staff.role.{role}")}


def reach_of(session: Session, user: WebPrincipal) -> Reach:
    stores = visible_stores(session, user)
    codes = None if user.store_ids is None else frozenset(s.code for s in stores)
    return Reach(stores, codes)


def _member_or_404(session: Session, user: WebPrincipal, staff_id: str) -> tuple[StaffOut, Reach]:
    reach = reach_of(session, user)
    try:
        member = staff.describe(session, staff.get_member(session, user.org_id, staff_id))
    except Problem:
        not_found()
    if not reach.sees(member):
        not_found()
    return member, reach


def _managed_or_404(session: Session, user: WebPrincipal, staff_id: str) -> tuple[StaffOut, Reach]:
    member, reach = _member_or_404(session, user, staff_id)
    if not reach.manages(member):
        not_found()
    return member, reach


def _zone_of(reach: Reach, member: StaffOut | None) -> str:
    """The time zone to show the member's times in: that of their first store in sight."""
    for store in reach.stores:
        if member is not None and store.code in member.stores:
            return store.timezone
    return reach.stores[0].timezone if reach.stores else "Asia/Jakarta"


# -- checking a form --------------------------------------------------------------------------


def check_pin(form: StaffForm) -> None:
    if not _PIN.match(form.pin):
        form.errors["pin"] = "staff.err.pin"
    elif form.pin != form.pin_again:
        form.errors["pin_again"] = "staff.err.pin_again"


def check_member(form: StaffForm, reach: Reach) -> list[str]:
    """The chosen stores' codes; fills ``form.errors``. A store id out of reach (typed into the
    form by hand) is the 404 page, as it would be in a URL."""
    if not form.name or len(form.name) > MAX_NAME or "\x00" in form.name:
        form.errors["name"] = "staff.err.name"
    if form.role not in ROLES:
        form.errors["role"] = "staff.err.role"
    by_id = reach.by_id
    if any(sid not in by_id for sid in form.store_ids):
        not_found()
    if not form.store_ids:
        form.errors["stores"] = "staff.err.stores"
    return sorted({by_id[sid].code for sid in form.store_ids})


# -- pages ------------------------------------------------------------------------------------


@router.get("", response_class=HTMLResponse)
def staff_list(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    reach = reach_of(session, user)
    store_id = request.query_params.get("store", "")
    store = reach.by_id.get(store_id) if store_id else None
    if store_id and store is None:
        not_found()
    members = [
        m
        for m in staff.list_members(session, user.org_id, store.code if store else None)
        if reach.sees(m)
    ]
    context = {
        "members": members,
        "stores": reach.stores,
        "store_names": {s.code: s.name for s in reach.stores},
        "selected": store_id,
        "manages": {m.id: reach.manages(m) for m in members},
        **names(user),
    }
    return render(request, user, "staff/list.html", context)


def _form_page(
    request: Request,
    user: WebPrincipal,
    reach: Reach,
    form: StaffForm,
    member: StaffOut | None,
    status: int = 200,
    pin_form: StaffForm | None = None,
) -> HTMLResponse:
    context = {
        "form": form,
        "member": member,
        "stores": reach.stores,
        "roles": ROLES,
        "pin_form": pin_form or StaffForm(),
        "zone": _zone_of(reach, member),
        **names(user),
    }
    return render(request, user, "staff/form.html", context, status=status)


@router.get("/new", response_class=HTMLResponse)
def new_member_page(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    reach = reach_of(session, user)
    preset = [s.store_id for s in reach.stores] if len(reach.stores) == 1 else []
    return _form_page(request, user, reach, StaffForm(store_ids=preset), None)


@router.post("", response_class=HTMLResponse)
def create_member(
    request: Request,
    user: WebUser,
    _: CsrfChecked,
    form: PostedStaff,
    ctx: Ctx,
    session: WriteSession,
) -> Response:
    reach = reach_of(session, user)
    codes = check_member(form, reach)
    check_pin(form)
    if form.errors:
        return _form_page(request, user, reach, form, None, status=422)
    body = StaffIn(name=form.name, role=form.role, stores=codes, pin=form.pin)  # type: ignore[arg-type]
    member = staff.create_member(session, user.org_id, body, ctx.now())
    log.info("staff %s created from the back office by %s", member.staff_id, user.user_id)
    return RedirectResponse(f"/app/staff/{member.staff_id}?flash=staff.created", status_code=303)


@router.get("/{staff_id}", response_class=HTMLResponse)
def member_page(
    request: Request, staff_id: StaffIdPath, user: WebUser, session: ReadSession
) -> HTMLResponse:
    member, reach = _member_or_404(session, user, staff_id)
    by_code = {s.code: s.store_id for s in reach.stores}
    form = StaffForm(
        name=member.name,
        role=member.role,
        store_ids=[by_code[c] for c in member.stores if c in by_code],
    )
    if not reach.manages(member):
        context = {
            "member": member,
            "store_names": {s.code: s.name for s in reach.stores},
            **names(user),
        }
        return render(request, user, "staff/view.html", context)
    return _form_page(request, user, reach, form, member)


@router.post("/{staff_id}", response_class=HTMLResponse)
def save_member(
    request: Request,
    staff_id: StaffIdPath,
    user: WebUser,
    _: CsrfChecked,
    form: PostedStaff,
    ctx: Ctx,
    session: WriteSession,
) -> Response:
    member, reach = _managed_or_404(session, user, staff_id)
    codes = check_member(form, reach)
    if form.errors:
        return _form_page(request, user, reach, form, member, status=422)
    patch = StaffPatch(name=form.name, role=form.role, stores=codes)  # type: ignore[arg-type]
    staff.update_member(session, user.org_id, staff_id, patch, ctx.now())
    return RedirectResponse(f"/app/staff/{staff_id}?flash=common.saved", status_code=303)


@router.post("/{staff_id}/pin", response_class=HTMLResponse)
def reset_pin(
    request: Request,
    staff_id: StaffIdPath,
    user: WebUser,
    _: CsrfChecked,
    form: PostedStaff,
    ctx: Ctx,
    session: WriteSession,
) -> Response:
    member, reach = _managed_or_404(session, user, staff_id)
    check_pin(form)
    if form.errors:
        edit = StaffForm(
            name=member.name,
            role=member.role,
            store_ids=[s.store_id for s in reach.stores if s.code in member.stores],
        )
        return _form_page(request, user, reach, edit, member, status=422, pin_form=form)
    staff.reset_pin(session, user.org_id, staff_id, PinIn(pin=form.pin), ctx.now())
    return RedirectResponse(f"/app/staff/{staff_id}?flash=staff.pin_reset", status_code=303)


@router.get("/{staff_id}/deactivate", response_class=HTMLResponse)
def deactivate_page(
    request: Request, staff_id: StaffIdPath, user: WebUser, session: ReadSession
) -> HTMLResponse:
    """The confirmation, a page of its own so it works without JavaScript too."""
    member, _ = _managed_or_404(session, user, staff_id)
    return render(request, user, "staff/deactivate.html", {"member": member})


@router.post("/{staff_id}/deactivate", response_class=HTMLResponse)
def deactivate(
    staff_id: StaffIdPath, user: WebUser, _: CsrfChecked, ctx: Ctx, session: WriteSession
) -> Response:
    _managed_or_404(session, user, staff_id)
    staff.deactivate_member(session, user.org_id, staff_id, ctx.now())
    return RedirectResponse(f"/app/staff/{staff_id}?flash=staff.deactivated", status_code=303)


@router.post("/{staff_id}/activate", response_class=HTMLResponse)
def activate(
    staff_id: StaffIdPath, user: WebUser, _: CsrfChecked, ctx: Ctx, session: WriteSession
) -> Response:
    _managed_or_404(session, user, staff_id)
    staff.update_member(session, user.org_id, staff_id, StaffPatch(active=True), ctx.now())
    return RedirectResponse(f"/app/staff/{staff_id}?flash=staff.activated", status_code=303)
