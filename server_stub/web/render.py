"""Rendering a back-office page: one Jinja2 environment, autoescape on for every template, and
the names every template may use (``t``, ``rupiah``, ``fmt_date``, ``fmt_datetime``,
``fmt_number``, ``lang``, ``user``, ``csrf_field``, ``nav_active``, ``open_alerts``).

``open_alerts()`` is the menu's badge on Peringatan: the open alerts of the stores the signed-in
person sees, one count query, run only when a template calls it (the menu of ``base.html``), so
htmx fragments and pages without a signed-in person never pay for it.

Pages shown before sign-in carry a CSRF token of their own, from a cookie set here the first
time such a page is rendered (see ``deps.check_public_csrf``).
"""

from __future__ import annotations

import logging
import secrets
from functools import cache, partial
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from sqlalchemy.exc import SQLAlchemyError

from server_stub import alerts
from server_stub.api.deps import get_ctx
from server_stub.web import format as fmt
from server_stub.web import i18n
from server_stub.web.deps import CSRF_FIELD, PRE_COOKIE, WebPrincipal

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"

NAV = (
    ("home", "/app/", "nav.home"),
    ("sales", "/app/sales", "nav.sales"),
    ("reports", "/app/reports", "nav.reports"),
    ("tills", "/app/tills", "nav.tills"),
    ("products", "/app/products", "nav.products"),
    ("staff", "/app/staff", "nav.staff"),
    ("stores", "/app/stores", "nav.stores"),
    ("alerts", "/app/alerts", "nav.alerts"),
)
"""The menu: (section, address, word key), in the order the owner sees it."""


class NavActive(str):
    """The current section's name (``"sales"``); also callable, ``nav_active("sales")``."""

    __slots__ = ()

    def __call__(self, section: str) -> bool:
        return str(self) == section


def section_of(path: str) -> str:
    for section, href, _ in NAV[1:]:
        if path == href or path.startswith(href + "/"):
            return section
    if path.startswith("/app/users"):
        return "stores"
    if path == "/app/" or path.startswith("/app/home"):
        return "home"
    return ""  # the account page, sign-in, errors: no section of the menu is "here"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        rupiah=fmt.rupiah,
        fmt_date=fmt.fmt_date,
        fmt_datetime=fmt.fmt_datetime,
        fmt_number=fmt.fmt_number,
        zone_label=fmt.zone_label,
        nav=NAV,
    )
    return env


def csrf_token_for(request: Request, principal: WebPrincipal | None) -> str:
    if principal is not None:
        return principal.csrf_token
    token = getattr(request.state, "pre_csrf", None) or request.cookies.get(PRE_COOKIE)
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.pre_csrf_new = True
    request.state.pre_csrf = token
    return str(token)


def open_alert_count(request: Request, principal: WebPrincipal) -> int:
    """Open alerts in the person's sight (a manager's stores only), in a short read session of
    its own; 0 when the database cannot answer, so an error page still renders."""
    scope = alerts.Scope(principal.org_id, principal.store_ids)
    try:
        with get_ctx(request).db.read() as session:
            return alerts.count_open_total(session, scope)
    except SQLAlchemyError:
        log.warning("open alerts not counted for the menu", exc_info=True)
        return 0


def render(
    request: Request,
    principal: WebPrincipal | None,
    template: str,
    context: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    lang = principal.lang if principal else i18n.pick_lang(request.cookies.get(i18n.COOKIE))
    token = csrf_token_for(request, principal)
    flash = request.query_params.get("flash")
    values: dict[str, Any] = {
        "request": request,
        "t": partial(i18n.translate, lang),
        "lang": lang,
        "user": principal,
        "csrf_token": token,
        "csrf_field": lambda: Markup(  # noqa: S704 - the token is escaped
            f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(token)}">'
        ),
        "nav_active": NavActive(section_of(request.url.path)),
        "open_alerts": (lambda: open_alert_count(request, principal)) if principal else lambda: 0,
        "flash": flash if flash in i18n.all_words() else None,
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    }
    values.update(context or {})
    html = environment().get_template(template).render(values)
    response = HTMLResponse(html, status_code=status)
    if getattr(request.state, "pre_csrf_new", False):
        response.set_cookie(
            PRE_COOKIE,
            token,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/app",
        )
    return response
