"""What every back-office route takes: the signed-in person (``WebUser``), the CSRF check
(``CsrfChecked``) and ``not_found()``.

The person is read again from the database on every request (``server_stub.web.sessions``),
with the stores they may see. Not signed in, a page is redirected to the sign-in page; an htmx
request gets 401 with ``HX-Redirect`` so the whole page goes there instead of a fragment.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, NoReturn
from urllib.parse import quote

from fastapi import Depends, Request
from sqlalchemy import select

from server_stub.api.deps import Ctx
from server_stub.models import Organization
from server_stub.models.web import UserStore
from server_stub.web import i18n, sessions

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PRE_COOKIE = "pos_csrf"
"""The CSRF token of pages shown before sign-in (double-submit: cookie and form field)."""
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
POLL_HEADER = "X-Poll"
"""Sent (``1``) by a page's own refreshing (``hx-trigger="every 5s"`` with
``hx-headers='{"X-Poll": "1"}'``): such a request is not the person's activity, so it does not
keep the session from its idle timeout."""


@dataclass(frozen=True, slots=True)
class WebPrincipal:
    """The signed-in owner or manager of one organization."""

    org_id: str
    user_id: str
    email: str
    role: str
    lang: str
    store_ids: frozenset[str] | None
    """The stores a manager sees; ``None`` for an owner, who sees every store of the org."""
    org_name: str = ""
    csrf_token: str = ""
    session_id: str = ""

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"

    def sees_store(self, store_id: str) -> bool:
        return self.store_ids is None or store_id in self.store_ids


class WebRedirect(Exception):
    """Answered as a redirect (303), or for htmx as ``status`` with ``HX-Redirect``."""

    def __init__(self, url: str, *, htmx_status: int = 401) -> None:
        super().__init__(url)
        self.url = url
        self.htmx_status = htmx_status


class WebError(Exception):
    """Answered with the error page ``errors/<status>.html``."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def not_found() -> NoReturn:
    """The 404 page. Someone else's id, or a store a manager may not see, is this, never 403:
    the answer must not tell that the thing exists."""
    raise WebError(404)


def owner_or_404(user: WebPrincipal) -> WebPrincipal:
    """``user`` when they own the organization; for anyone else the page does not exist
    (keys, webhooks and new stores reach every store: the owner's alone to give)."""
    if not user.is_owner:
        not_found()
    return user


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def safe_next(target: str | None) -> str:
    """Only a path inside the back office; anything else (another site, ``//host``) is home."""
    if target and target.startswith("/app") and not target.startswith("//"):
        return target
    return "/app/"


def sign_in_redirect(request: Request) -> WebRedirect:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = here if request.method in SAFE_METHODS and not is_htmx(request) else "/app/"
    return WebRedirect(f"/app/signin?next={quote(safe_next(target), safe='/')}")


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A live session, full or still enrolling TOTP."""

    principal: WebPrincipal
    stage: str
    cookie: str


def load_session(request: Request, ctx: Ctx) -> SignedIn | None:
    cookie = request.cookies.get(sessions.COOKIE)
    if not cookie:
        return None
    now, settings = ctx.now(), ctx.settings
    lang = i18n.pick_lang(request.cookies.get(i18n.COOKIE))
    with ctx.db.read() as db:
        live = sessions.find(
            db,
            cookie,
            now=now,
            idle_s=settings.web_idle_timeout_s,
            max_s=settings.web_session_max_s,
        )
        if live is not None:
            user, row = live.user, live.row
            store_ids: frozenset[str] | None = None
            if user.role != "owner":
                store_ids = frozenset(
                    db.execute(
                        select(UserStore.store_id).where(
                            UserStore.org_id == user.org_id, UserStore.user_id == user.user_id
                        )
                    ).scalars()
                )
            org = db.get(Organization, user.org_id)
            principal = WebPrincipal(
                org_id=user.org_id,
                user_id=user.user_id,
                email=user.email,
                role=user.role,
                lang=lang,
                store_ids=store_ids,
                org_name=org.name if org else "",
                csrf_token=row.csrf_token,
                session_id=row.session_id,
            )
            stage, touch = row.stage, live.touch
    if live is None:
        with ctx.db.write() as db:
            sessions.drop(db, cookie)
            db.commit()
        return None
    if touch and request.headers.get(POLL_HEADER) != "1":
        with ctx.db.write() as db:
            sessions.touch(db, principal.org_id, principal.session_id, now)
            db.commit()
    if stage == sessions.STAGE_FULL:
        request.state.web_principal = principal
    return SignedIn(principal, stage, cookie)


Loaded = Annotated[SignedIn | None, Depends(load_session)]


def current_web_user(request: Request, signed: Loaded) -> WebPrincipal:
    if signed is None:
        raise sign_in_redirect(request)
    if signed.stage != sessions.STAGE_FULL:
        raise WebRedirect("/app/enroll")
    return signed.principal


WebUser = Annotated[WebPrincipal, Depends(current_web_user)]


async def presented_token(request: Request) -> str:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


def tokens_match(expected: str | None, presented: str) -> bool:
    return bool(expected) and bool(presented) and hmac.compare_digest(str(expected), presented)


async def check_csrf(request: Request, signed: Loaded) -> None:
    """A signed-in state change must carry the session's token (form field or htmx header):
    another site can make the browser send the cookie, but cannot read the token."""
    if request.method in SAFE_METHODS:
        return
    if signed is None or signed.stage != sessions.STAGE_FULL:
        raise sign_in_redirect(request)
    if not tokens_match(signed.principal.csrf_token, await presented_token(request)):
        raise WebError(403)


CsrfChecked = Annotated[None, Depends(check_csrf)]


async def check_public_csrf(request: Request, signed: Loaded) -> SignedIn | None:
    """For the forms shown before sign-in (and the language switch, shown everywhere): the
    token of the page's own cookie, or the session's. Hands back the session, if any."""
    if request.method in SAFE_METHODS:
        return signed
    presented = await presented_token(request)
    session_token = signed.principal.csrf_token if signed is not None else None
    if tokens_match(request.cookies.get(PRE_COOKIE), presented) or tokens_match(
        session_token, presented
    ):
        return signed
    raise WebError(403)


PublicCsrfChecked = Annotated[SignedIn | None, Depends(check_public_csrf)]


async def posted_form(request: Request) -> dict[str, str]:
    """The posted form's text fields, for forms with more fields than are worth naming one by
    one (files are left out: take ``UploadFile`` parameters for those)."""
    form = await request.form()
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}


PostedForm = Annotated[dict[str, str], Depends(posted_form)]
