"""Pengguna (users): the owners and managers who use the back office, inviting one with a
one-time link, a manager's stores, switching a user off; the signed-in person's own account
(new recovery codes); and the invited person's side of the link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from server_stub.api.deps import Ctx, ReadSession
from server_stub.core.security import passwords
from server_stub.models import Organization, User
from server_stub.web import accounts, cookies, sessions, signin
from server_stub.web.deps import (
    CsrfChecked,
    PostedForm,
    PublicCsrfChecked,
    WebPrincipal,
    WebUser,
    not_found,
)
from server_stub.web.render import render
from server_stub.web.scope import visible_stores

router = APIRouter(prefix="/app")

FormText = Annotated[str, Form(max_length=300)]


def _users_page(
    request: Request,
    session: Session,
    user: WebPrincipal,
    *,
    error: str | None = None,
    status: int = 200,
    invited: accounts.Invitation | None = None,
) -> HTMLResponse:
    stores = visible_stores(session, user)
    listed = accounts.users_of(session, user.org_id)
    if not user.is_owner:
        listed = [(u, ids) for u, ids in listed if u.user_id == user.user_id or u.role != "owner"]
    link = None
    if invited is not None:
        link = str(request.base_url).rstrip("/") + f"/app/invite/{invited.link_token}"
    context = {
        "users": listed,
        "stores": stores,
        "store_names": {s.store_id: s.code for s in stores},
        "roles": [r for r in ("manager", "owner") if accounts.may_give(user, r)],
        "error": error,
        "invited": invited,
        "invite_link": link,
    }
    return render(request, user, "users/list.html", context, status=status)


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    return _users_page(request, session, user)


@router.post("/users/invite", response_class=HTMLResponse)
async def invite_user(
    request: Request, user: WebUser, _: CsrfChecked, ctx: Ctx, data: PostedForm
) -> Response:
    form = await request.form()
    store_ids = [v for k, v in form.multi_items() if k == "stores" and isinstance(v, str)]
    with ctx.db.write() as session:
        try:
            invited = accounts.invite(
                session,
                user,
                email=data.get("email", ""),
                role=data.get("role", ""),
                store_ids=store_ids,
                now=ctx.now(),
                ttl_s=ctx.settings.web_invite_ttl_s,
            )
        except accounts.AccountError as exc:
            session.rollback()
            return _users_page(request, session, user, error=exc.key, status=exc.status)
        session.commit()
        return _users_page(request, session, user, invited=invited, status=201)


def _other_user(session: Session, user: WebPrincipal, user_id: str) -> User:
    found = session.get(User, (user.org_id, user_id[:32]))
    if found is None:
        not_found()
    return found


@router.post("/users/{user_id}/stores", response_class=HTMLResponse)
async def assign_stores(
    request: Request, user_id: str, user: WebUser, _: CsrfChecked, ctx: Ctx
) -> Response:
    form = await request.form()
    store_ids = [v for k, v in form.multi_items() if k == "stores" and isinstance(v, str)]
    with ctx.db.write() as session:
        target = _other_user(session, user, user_id)
        try:
            accounts.assign_stores(session, user, target, store_ids)
        except accounts.AccountError as exc:
            session.rollback()
            return _users_page(request, session, user, error=exc.key, status=exc.status)
        session.commit()
    return RedirectResponse("/app/users?flash=common.saved", status_code=303)


@router.post("/users/{user_id}/active", response_class=HTMLResponse)
def set_active(
    request: Request,
    user_id: str,
    user: WebUser,
    _: CsrfChecked,
    ctx: Ctx,
    active: FormText = "",
) -> Response:
    with ctx.db.write() as session:
        target = _other_user(session, user, user_id)
        try:
            accounts.set_active(session, user, target, active == "1")
        except accounts.AccountError as exc:
            session.rollback()
            return _users_page(request, session, user, error=exc.key, status=exc.status)
        session.commit()
    return RedirectResponse("/app/users?flash=common.saved", status_code=303)


@router.post("/users/{user_id}/reset-totp", response_class=HTMLResponse)
def reset_totp(request: Request, user_id: str, user: WebUser, _: CsrfChecked, ctx: Ctx) -> Response:
    with ctx.db.write() as session:
        target = _other_user(session, user, user_id)
        try:
            accounts.reset_totp(session, user, target, ctx.now())
        except accounts.AccountError as exc:
            session.rollback()
            return _users_page(request, session, user, error=exc.key, status=exc.status)
        session.commit()
    return RedirectResponse("/app/users?flash=users.totp_reset_done", status_code=303)


@router.post("/users/{user_id}/link", response_class=HTMLResponse)
def new_link(request: Request, user_id: str, user: WebUser, _: CsrfChecked, ctx: Ctx) -> Response:
    """A new invitation link for someone who lost theirs (never for a user with a password)."""
    with ctx.db.write() as session:
        target = _other_user(session, user, user_id)
        if not user.is_owner or target.password_hash != accounts.UNUSABLE_PASSWORD:
            not_found()
        invited = accounts.new_link(
            session, user, target, now=ctx.now(), ttl_s=ctx.settings.web_invite_ttl_s
        )
        session.commit()
        return _users_page(request, session, user, invited=invited)


# -- the signed-in person's own account ----------------------------------------------------


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    me = session.get(User, (user.org_id, user.user_id))
    assert me is not None
    left = signin.recovery_codes_left(session, me)
    return render(request, user, "users/account.html", {"codes_left": left})


@router.post("/account/recovery-codes", response_class=HTMLResponse)
def new_recovery_codes(request: Request, user: WebUser, _: CsrfChecked, ctx: Ctx) -> Response:
    with ctx.db.write() as session:
        me = session.get(User, (user.org_id, user.user_id))
        assert me is not None
        codes = signin.new_recovery_codes(session, me, ctx.now())
        session.commit()
    return render(request, user, "auth/recovery_codes.html", {"codes": codes})


# -- the invited person's side ----------------------------------------------------------------


def _invite_page(
    request: Request, session: Session, token: str, *, error: str | None, status: int
) -> HTMLResponse:
    found = accounts.live_invite(session, token, request.app.state.ctx.now())
    if found is None:
        return render(request, None, "auth/invite_invalid.html", status=404)
    _, invited = found
    org = session.get(Organization, invited.org_id)
    context = {
        "token": token,
        "email": invited.email,
        "role": invited.role,
        "org": org.name if org else "",
        "error": error,
        "min_length": passwords.MIN_PASSWORD_LENGTH,
    }
    return render(request, None, "auth/invite.html", context, status=status)


@router.get("/invite/{token}", response_class=HTMLResponse)
def invite_page(request: Request, token: str, session: ReadSession) -> HTMLResponse:
    return _invite_page(request, session, token[:300], error=None, status=200)


@router.post("/invite/{token}", response_class=HTMLResponse)
def accept_invite(
    request: Request,
    token: str,
    ctx: Ctx,
    _: PublicCsrfChecked,
    password: FormText = "",
    password_again: FormText = "",
) -> Response:
    now = ctx.now()
    with ctx.db.write() as session:
        if password != password_again:
            return _invite_page(request, session, token, error="auth.password_mismatch", status=422)
        try:
            invited = accounts.accept(session, token[:300], password, now)
        except accounts.AccountError as exc:
            session.rollback()
            return _invite_page(request, session, token, error=exc.key, status=exc.status)
        opened = sessions.open_session(session, invited, stage=sessions.STAGE_ENROLL, now=now)
        session.commit()
    response = RedirectResponse("/app/enroll", status_code=303)
    cookies.set_session(response, request, opened.cookie)
    return response
