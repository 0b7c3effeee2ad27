"""Sign-in, TOTP enrollment, sign-out (here or everywhere) and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from server_stub.api.deps import Ctx, client_address
from server_stub.core.security import totp
from server_stub.models import User
from server_stub.web import cookies, i18n, sessions, signin
from server_stub.web.deps import (
    CsrfChecked,
    Loaded,
    PublicCsrfChecked,
    WebRedirect,
    WebUser,
    safe_next,
)
from server_stub.web.qr import qr_svg
from server_stub.web.render import render

router = APIRouter(prefix="/app")

FormText = Annotated[str, Form(max_length=500)]
ISSUER = "POS Cloud"


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, ctx: Ctx, signed: Loaded, next: str = "/app/") -> Response:
    if signed is not None and signed.stage == sessions.STAGE_FULL:
        return _see_other(safe_next(next))
    minutes = ctx.settings.web_idle_timeout_s // 60
    return render(request, None, "auth/signin.html", {"next": safe_next(next), "minutes": minutes})


@router.post("/signin", response_class=HTMLResponse)
def signin_submit(
    request: Request,
    ctx: Ctx,
    signed: PublicCsrfChecked,
    email: FormText = "",
    password: FormText = "",
    code: FormText = "",
    next: FormText = "/app/",
) -> Response:
    now = ctx.now()
    with ctx.db.write() as db:
        outcome = signin.sign_in(
            db,
            email=email,
            password=password,
            code=code,
            address=client_address(request),
            now=now,
        )
        if outcome.user is None:
            db.rollback()
            status = 429 if outcome.error == "auth.throttled" else 401
            context = {
                "next": safe_next(next),
                "email": email,
                "error": outcome.error,
                "retry_after": outcome.retry_after_s,
                "minutes": ctx.settings.web_idle_timeout_s // 60,
            }
            return render(request, None, "auth/signin.html", context, status=status)
        if signed is not None:
            sessions.drop(db, signed.cookie)
        sessions.purge_expired(
            db,
            outcome.user.org_id,
            outcome.user.user_id,
            now=now,
            idle_s=ctx.settings.web_idle_timeout_s,
            max_s=ctx.settings.web_session_max_s,
        )
        stage = sessions.STAGE_ENROLL if outcome.enroll else sessions.STAGE_FULL
        opened = sessions.open_session(db, outcome.user, stage=stage, now=now)
        db.commit()
    target = "/app/enroll" if outcome.enroll else safe_next(next)
    if outcome.recovery_left is not None:
        target = "/app/account?flash=auth.recovery_spent"
    response = _see_other(target)
    cookies.set_session(response, request, opened.cookie)
    return response


def _enrolling_user(ctx: Ctx, signed: Loaded) -> User:
    if signed is None:
        raise WebRedirect("/app/signin")
    if signed.stage != sessions.STAGE_ENROLL:
        raise WebRedirect("/app/")
    with ctx.db.read() as db:
        user = db.get(User, (signed.principal.org_id, signed.principal.user_id))
        if user is None:
            raise WebRedirect("/app/signin")
        db.expunge(user)
    return user


def _enroll_page(request: Request, user: User, *, error: str | None, status: int) -> Response:
    uri = totp.provisioning_uri(user.totp_secret, user.email, issuer=ISSUER)
    secret = " ".join(user.totp_secret[i : i + 4] for i in range(0, len(user.totp_secret), 4))
    context = {"qr_svg": qr_svg(uri), "secret": secret, "email": user.email, "error": error}
    return render(request, None, "auth/enroll.html", context, status=status)


@router.get("/enroll", response_class=HTMLResponse)
def enroll_page(request: Request, ctx: Ctx, signed: Loaded) -> Response:
    return _enroll_page(request, _enrolling_user(ctx, signed), error=None, status=200)


@router.post("/enroll", response_class=HTMLResponse)
def enroll_submit(
    request: Request, ctx: Ctx, signed: PublicCsrfChecked, code: FormText = ""
) -> Response:
    user = _enrolling_user(ctx, signed)
    assert signed is not None
    now = ctx.now()
    with ctx.db.write() as db:
        row = db.get(User, (user.org_id, user.user_id))
        assert row is not None
        codes = signin.confirm_enrollment(db, row, code, now)
        if codes is None:
            db.rollback()
            return _enroll_page(request, user, error="auth.enroll_bad_code", status=400)
        # A new session id at the new privilege: the enrolling one is dropped.
        sessions.drop(db, signed.cookie)
        opened = sessions.open_session(db, row, stage=sessions.STAGE_FULL, now=now)
        db.commit()
    response = render(request, None, "auth/recovery_codes.html", {"codes": codes})
    cookies.set_session(response, request, opened.cookie)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/signout")
def signout(request: Request, ctx: Ctx, _: CsrfChecked) -> Response:
    with ctx.db.write() as db:
        sessions.drop(db, request.cookies.get(sessions.COOKIE))
        db.commit()
    response = _see_other("/app/signin?flash=auth.signed_out")
    cookies.clear_session(response, request)
    return response


@router.post("/signout-everywhere")
def signout_everywhere(request: Request, ctx: Ctx, user: WebUser, _: CsrfChecked) -> Response:
    with ctx.db.write() as db:
        sessions.drop_all(db, user.org_id, user.user_id, ctx.now())
        db.commit()
    response = _see_other("/app/signin?flash=auth.signed_out_everywhere")
    cookies.clear_session(response, request)
    return response


@router.post("/lang")
def switch_language(
    request: Request, _: PublicCsrfChecked, lang: FormText = "id", next: FormText = "/app/"
) -> Response:
    response = _see_other(safe_next(next))
    response.set_cookie(
        i18n.COOKIE,
        i18n.pick_lang(lang),
        max_age=365 * 24 * 3600,
        httponly=True,
        secure=request.url.scheme == "https",
        samesite="lax",
        path="/",
    )
    return response
