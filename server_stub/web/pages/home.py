"""Beranda (``/app/``): today's figures for all the stores a person may see, or one of them.

The figures come from ``server_stub.dashboard`` (the rollups, never the raw sales). The page
holds a fragment (``/app/home/figures``) that htmx fetches again every 5 seconds, so a sale a
till syncs shows within 5 seconds without reloading the page. A store id that is not the
organization's, or not one a manager may see, is the 404 page, whether asked by the page or
the fragment.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from server_stub.api.deps import Ctx, ReadSession
from server_stub.dashboard import HomeFigures, home_figures
from server_stub.models import Store
from server_stub.rollup_fold import read_fresh
from server_stub.web import format as fmt
from server_stub.web import i18n
from server_stub.web.deps import WebPrincipal, WebUser, not_found
from server_stub.web.pages.home_charts import bar_chart, payment_mix
from server_stub.web.render import render
from server_stub.webhooks.endpoints import disabled_by_failures

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app")

REFRESH = "every 5s"


@dataclass(frozen=True, slots=True)
class StoreChoice:
    store_id: str
    code: str
    name: str
    timezone: str


def visible_stores(session: Session, user: WebPrincipal) -> list[StoreChoice]:
    """The organization's stores this person may see, by code."""
    rows = session.execute(
        select(Store).where(Store.org_id == user.org_id).order_by(Store.code)
    ).scalars()
    return [
        StoreChoice(s.store_id, s.code, s.name, getattr(s, "timezone", None) or fmt.DEFAULT_ZONE)
        for s in rows
        if user.sees_store(s.store_id)
    ]


def picked(stores: list[StoreChoice], store_id: str) -> list[StoreChoice]:
    """``stores`` narrowed to ``store_id`` (all of them for ""); 404 for a store not in them."""
    if not store_id:
        return stores
    chosen = [s for s in stores if s.store_id == store_id]
    if not chosen:
        not_found()
    return chosen


def change_percent(now: int, before: int) -> int | None:
    """Percent up (or down) from ``before``; None when there was nothing to compare with."""
    if before <= 0:
        return None
    return round((now - before) * 100 / before)


def _day_label(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}"


def tender_label(lang: str, kind: str) -> str:
    """Tunai, Kartu, QRIS, E-wallet; a kind a newer till sends is shown as it came."""
    key = f"home.tender.{kind}"
    return i18n.translate(lang, key) if key in i18n.all_words() else kind


def _context(
    figures: HomeFigures, shown: list[StoreChoice], store_id: str, now: datetime, lang: str
) -> dict[str, Any]:
    zones = {s.timezone for s in shown}
    zone = next(iter(zones)) if len(zones) == 1 else fmt.DEFAULT_ZONE
    return {
        "f": figures,
        "store_id": store_id,
        "refresh": REFRESH,
        "updated": fmt.fmt_datetime(now, zone),
        "mixed_zones": len(zones) > 1,
        "vs_last_week": change_percent(figures.sales_total, figures.last_week_so_far),
        "hour_chart": bar_chart(figures.by_hour, money=fmt.rupiah, every=6),
        "day_chart": bar_chart(figures.by_day, money=fmt.rupiah, label=_day_label, every=7),
        "mix": payment_mix(figures.payment_mix),
        "tender_label": partial(tender_label, lang),
    }


def _figures(
    request: Request, user: WebPrincipal, session: Session, ctx: Ctx
) -> tuple[list[StoreChoice], dict[str, Any]]:
    read_fresh(ctx.db, session, user.org_id)
    stores = visible_stores(session, user)
    store_id = request.query_params.get("store", "")[:64]
    shown = picked(stores, store_id)
    now = ctx.now()
    figures = home_figures(session, user.org_id, shown, now)
    return stores, _context(figures, shown, store_id, now, user.lang)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: WebUser, session: ReadSession, ctx: Ctx) -> HTMLResponse:
    stores, context = _figures(request, user, session, ctx)
    failing = disabled_by_failures(session, user.org_id) if user.is_owner else []
    return render(
        request, user, "home/index.html", {"stores": stores, "failing": failing, **context}
    )


@router.get("/home/figures", response_class=HTMLResponse)
def home_fragment(request: Request, user: WebUser, session: ReadSession, ctx: Ctx) -> HTMLResponse:
    """The figures alone, for htmx to swap in every 5 seconds."""
    _, context = _figures(request, user, session, ctx)
    return render(request, user, "home/figures.html", context)
