"""Kasir & perangkat (``/app/tills``): every till with its health, pairing codes, revoking.

The list comes from ``server_stub.till_health`` (each till's latest heartbeat and its red, amber
or green verdict), worst first, and refreshes itself every 30 seconds through a fragment
(``/app/tills/list``). A pairing code is made by the API's own use case
(``tenancy.issue_enrollment_code``) and shown once, as text and as a QR code of its ``pos-pair:``
link; revoking goes through a confirmation page whose form carries the CSRF token, then
``tenancy.revoke_device`` (the till's credential is refused from its next request).

Tenancy: a till of another organization, or of a store a manager does not see, is the 404 page,
whether it is named in a URL or in a form.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from server_stub import tenancy, till_health
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.models import Device, Store
from server_stub.till_health import Reason, TillHealthView
from server_stub.web import format as fmt
from server_stub.web import i18n
from server_stub.web.deps import CsrfChecked, WebPrincipal, WebUser, not_found
from server_stub.web.render import render
from server_stub.web.scope import store_or_404, visible_stores
from server_stub.web.till_pairing import pairing_link, qr_svg, till_accepts

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/tills")

REFRESH = "every 30s"
TTL_CHOICES = (15, 60, 1440)
"""Minutes a pairing code stays valid: the API's default, an hour, a day."""
_TILL_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,15}")
_ORDER = {"red": 0, "amber": 1, "green": 2}


# -- words for one till ---------------------------------------------------------------------------


def age_text(lang: str, minutes: int) -> str:
    """``12 menit``, ``3 jam``, ``2 hari``: as precise as an owner needs."""
    t = partial(i18n.translate, lang)
    if minutes < 60:
        return t("tills.age.minutes", n=max(minutes, 0))
    if minutes < 48 * 60:
        return t("tills.age.hours", n=minutes // 60)
    return t("tills.age.days", n=minutes // (24 * 60))


def clock_text(lang: str, seconds: int) -> str:
    t = partial(i18n.translate, lang)
    size = abs(seconds)
    if size < 60:
        return t("tills.clock.ok") if size < 5 else t("tills.clock.seconds", n=seconds)
    amount = age_text(lang, size // 60)
    return t("tills.clock.ahead" if seconds > 0 else "tills.clock.behind", amount=amount)


def printer_text(lang: str, state: str | None) -> str:
    if state is None:
        return i18n.translate(lang, "tills.unknown")
    key = f"tills.printer.{state}"
    return i18n.translate(lang, key) if key in i18n.all_words() else state


def reason_text(lang: str, reason: Reason) -> str:
    key = f"tills.reason.{reason.code}"
    value = reason.value
    if reason.code in ("silent", "quiet", "unsent_old", "closed"):
        return i18n.translate(lang, key, age=age_text(lang, int(value or 0)))
    if reason.code in ("unsent", "needs_attention"):
        return i18n.translate(lang, key, n=fmt.fmt_number(int(value or 0)))
    if reason.code == "clock":
        return i18n.translate(lang, key, diff=clock_text(lang, int(value or 0)))
    if reason.code == "printer":
        return i18n.translate(lang, key, state=printer_text(lang, str(value)))
    return i18n.translate(lang, key)


@dataclass(frozen=True, slots=True)
class TillRow:
    """One till as the page shows it, every word already in the reader's language."""

    view: TillHealthView
    colour_label: str
    badge: str
    reasons: list[str]
    last_contact: str
    last_sync: str
    unsent: str
    oldest: str
    attention: str
    clock: str
    printer: str


_BADGES = {"red": "danger", "amber": "warn", "green": "ok"}


def till_row(lang: str, view: TillHealthView, now: datetime) -> TillRow:
    t = partial(i18n.translate, lang)
    age = view.oldest_unsent_age(now)
    return TillRow(
        view=view,
        colour_label=t(f"tills.colour.{view.colour}"),
        badge=_BADGES[view.colour],
        reasons=[reason_text(lang, r) for r in view.reasons],
        last_contact=fmt.fmt_datetime(view.last_contact_at, view.timezone) or t("tills.never"),
        last_sync=fmt.fmt_datetime(view.last_sync_at, view.timezone) or t("tills.never"),
        unsent="" if view.unsent_sales is None else fmt.fmt_number(view.unsent_sales),
        oldest="" if age is None else age_text(lang, int(age.total_seconds() // 60)),
        attention="" if view.needs_attention is None else fmt.fmt_number(view.needs_attention),
        clock="" if view.clock_skew_s is None else clock_text(lang, view.clock_skew_s),
        printer=printer_text(lang, view.printer),
    )


# -- the list ----------------------------------------------------------------------------------


def _picked_store(session: Session, user: WebPrincipal, store: str) -> list[str] | None:
    """The store ids to list: the one picked (404 if not the person's), else all they see."""
    if store:
        return [store_or_404(session, user, store).store_id]
    if user.store_ids is None:
        return None
    return sorted(user.store_ids)


def _list_context(
    session: Session, user: WebPrincipal, store: str, now: datetime
) -> dict[str, Any]:
    ids = _picked_store(session, user, store)
    views = till_health.till_health(session, user.org_id, now=now, store_ids=ids)
    views.sort(key=lambda v: _ORDER[v.colour])
    rows = [till_row(user.lang, v, now) for v in views]
    counts = {colour: sum(1 for v in views if v.colour == colour) for colour in _ORDER}
    return {"rows": rows, "counts": counts, "store_id": store, "refresh": REFRESH}


def _list_page(
    request: Request,
    session: Session,
    user: WebPrincipal,
    now: datetime,
    *,
    store: str = "",
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = _list_context(session, user, store, now)
    context.update(
        stores=visible_stores(session, user),
        form=form or {"store": store, "till_code": "", "replace": False, "ttl": TTL_CHOICES[0]},
        errors=errors or {},
        ttl_choices=TTL_CHOICES,
    )
    return render(request, user, "tills/list.html", context, status=status)


@router.get("", response_class=HTMLResponse)
def tills_page(
    request: Request, user: WebUser, ctx: Ctx, session: ReadSession, store: str = ""
) -> HTMLResponse:
    return _list_page(request, session, user, ctx.now(), store=store)


@router.get("/list", response_class=HTMLResponse)
def tills_fragment(
    request: Request, user: WebUser, ctx: Ctx, session: ReadSession, store: str = ""
) -> HTMLResponse:
    """The list alone, for the page's own refresh."""
    context = _list_context(session, user, store, ctx.now())
    return render(request, user, "tills/rows.html", context)


# -- pairing -------------------------------------------------------------------------------------


def _held(session: Session, store: Store, till_code: str) -> bool:
    return (
        session.execute(
            select(Device.device_id).where(
                Device.org_id == store.org_id,
                Device.store_id == store.store_id,
                Device.till_code == till_code,
                Device.revoked_at.is_(None),
            )
        ).first()
        is not None
    )


def enrollment_pepper(ctx: Ctx) -> bytes:
    """Read before the route's write transaction opens: the keys' first read in a process may
    write them, and on SQLite a second writer inside the first would wait on itself."""
    return ctx.keys.enrollment_pepper


Pepper = Annotated[bytes, Depends(enrollment_pepper)]


@router.post("/pair", response_class=HTMLResponse)
def create_pairing_code(
    request: Request,
    user: WebUser,
    _: CsrfChecked,
    ctx: Ctx,
    pepper: Pepper,
    session: WriteSession,
    store: Annotated[str, Form(max_length=64)] = "",
    till_code: Annotated[str, Form(max_length=64)] = "",
    replace: Annotated[str, Form(max_length=8)] = "",
    ttl: Annotated[int, Form()] = TTL_CHOICES[0],
) -> HTMLResponse:
    """A single-use code for one till of ``store``, shown once with its link and QR code."""
    target = store_or_404(session, user, store)
    code = till_code.strip().upper()
    form = {"store": store, "till_code": code, "replace": bool(replace), "ttl": ttl}
    errors: dict[str, str] = {}
    if code and not _TILL_CODE.fullmatch(code):
        errors["till_code"] = "tills.err.till_code"
    elif code and not replace and _held(session, target, code):
        errors["till_code"] = "tills.err.till_code_in_use"
    if errors:
        return _list_page(request, session, user, ctx.now(), form=form, errors=errors, status=422)
    issued = tenancy.issue_enrollment_code(
        session,
        target,
        pepper=pepper,
        now=ctx.now(),
        ttl_minutes=ttl if ttl in TTL_CHOICES else TTL_CHOICES[0],
        till_code=code or None,
        replace_existing=bool(code and replace),
        created_by=user.user_id,
    )
    server = str(request.base_url).rstrip("/")
    link = pairing_link(server, issued.code, issued.till_code)
    usable = till_accepts(server)
    log.info("pairing code for %s/%s made by %s", target.code, code or "-", user.user_id)
    context = {
        "store": target,
        "issued": issued,
        "server": server,
        "link": link if usable else None,
        "qr": qr_svg(link) if usable else None,
        "expires": fmt.fmt_datetime(issued.expires_at, getattr(target, "timezone", None)),
    }
    return render(request, user, "tills/code.html", context)


# -- revoking ------------------------------------------------------------------------------------


def _till_or_404(session: Session, user: WebPrincipal, device_id: str) -> tuple[Device, Store]:
    if len(device_id) > 80 or not device_id.startswith(user.org_id + "_"):
        not_found()
    device = session.get(Device, (user.org_id, device_id))
    if device is None or not user.sees_store(device.store_id):
        not_found()
    store = session.get(Store, (device.org_id, device.store_id))
    if store is None:
        not_found()
    return device, store


@router.get("/{device_id}/revoke", response_class=HTMLResponse)
def revoke_page(
    request: Request, device_id: str, user: WebUser, ctx: Ctx, session: ReadSession
) -> HTMLResponse:
    """The confirmation: which till, of which store, and what revoking it means."""
    device, store = _till_or_404(session, user, device_id)
    if device.revoked_at is not None:
        not_found()
    views = till_health.till_health(session, user.org_id, now=ctx.now(), store_ids=[store.store_id])
    view = next((v for v in views if v.device_id == device.device_id), None)
    unsent = view.unsent_sales if view is not None else None
    context = {"device": device, "store": store, "unsent": unsent or 0}
    return render(request, user, "tills/revoke.html", context)


@router.post("/{device_id}/revoke")
def revoke_till(
    device_id: str, user: WebUser, _: CsrfChecked, ctx: Ctx, session: WriteSession
) -> Response:
    """Unpair the till (idempotent); its next request is refused."""
    device, store = _till_or_404(session, user, device_id)
    tenancy.revoke_device(session, user.org_id, device.device_id, ctx.now())
    log.info("till %s/%s revoked by %s", store.code, device.till_code, user.user_id)
    return RedirectResponse("/app/tills?flash=tills.revoked", status_code=303)
