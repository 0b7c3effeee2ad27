"""The Beranda's figures, from the rollups only: today's sales, transactions and average basket
against the same weekday last week, sales by hour today, the last 30 days, the payment mix, the
top 10 products, refunds and voids today.

"Today" is each store's own local day (``stores.timezone``): with stores in WIB and WIT, the
all-stores view adds up each store's own today and the hours are each store's local hours.
The caller resolves tenancy into ``stores`` (the stores the person may see and picked); this
module only reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from server_stub.models import (
    ProductRow,
    RollupHour,
    RollupProduct,
    RollupTender,
)
from server_stub.rollups import zone_of

TENDER_KINDS = ("cash", "card", "qris", "ewallet")
DAYS = 30
TOP = 10


@dataclass(frozen=True, slots=True)
class StoreDay:
    """One store and its local date and hour now."""

    store_id: str
    today: date
    hour: int


@dataclass(frozen=True, slots=True)
class Point:
    """One bar of a chart: sales (receipt totals) and transactions."""

    label: str
    total: int
    transactions: int


@dataclass(frozen=True, slots=True)
class TenderShare:
    kind: str
    amount: int
    """Tendered less change: what stayed with the shop."""
    count: int


@dataclass(frozen=True, slots=True)
class TopProduct:
    product_id: str
    name: str
    quantity_milli: int
    net: int


@dataclass(frozen=True, slots=True)
class HomeFigures:
    today: date
    """The local date of the stores shown (the latest, when their zones disagree)."""
    sales_total: int
    """Today's receipt totals (PPN and rounding in), before refunds."""
    transactions: int
    average_basket: int
    refunds: int
    refund_total: int
    net_total: int
    """``sales_total`` less ``refund_total``."""
    last_week_total: int
    """The same weekday a week ago, the whole day."""
    last_week_transactions: int
    last_week_so_far: int
    """The same weekday a week ago up to this hour, to compare a day not over yet."""
    line_voids: int
    line_void_amount: int
    sale_cancels: int
    sale_cancel_amount: int
    by_hour: list[Point]
    """24 hours of today, 00 to 23."""
    by_day: list[Point]
    """The last 30 days, oldest first, today last."""
    payment_mix: list[TenderShare]
    top_products: list[TopProduct]


def store_days(stores: Sequence[Any], now_utc: datetime) -> list[StoreDay]:
    """Each store's local today and hour at ``now_utc`` (``stores``: rows with ``store_id`` and
    ``timezone``)."""
    out = []
    for store in stores:
        local = now_utc.astimezone(zone_of(store))
        out.append(StoreDay(store.store_id, local.date(), local.hour))
    return out


def _on_days(table: Any, days: Sequence[StoreDay], offset: int = 0) -> ColumnElement[bool]:
    """Rows of each store's own today (less ``offset`` days)."""
    by_day: dict[date, list[str]] = {}
    for d in days:
        by_day.setdefault(d.today - timedelta(days=offset), []).append(d.store_id)
    return or_(
        *[
            and_(table.day == day, table.store_id.in_(sorted(ids)))
            for day, ids in sorted(by_day.items())
        ]
    )


def _hours(session: Session, org_id: str, days: Sequence[StoreDay]) -> dict[str, Any]:
    """Today's and last week's hours, added up per (offset, hour)."""
    t = RollupHour
    today = {d.store_id: d for d in days}
    names = (
        "sales",
        "total",
        "refunds",
        "refund_total",
        "line_voids",
        "line_void_amount",
        "sale_cancels",
        "sale_cancel_amount",
    )
    query = select(t.store_id, t.day, t.hour, *[getattr(t, n) for n in names]).where(
        t.org_id == org_id, or_(_on_days(t, days), _on_days(t, days, 7))
    )
    sums: dict[str, int] = dict.fromkeys(names, 0)
    week = {"total": 0, "sales": 0, "so_far": 0}
    by_hour = [[0, 0] for _ in range(24)]
    for store_id, day, hour, *values in session.execute(query):
        d = today[store_id]
        row = dict(zip(names, (int(v) for v in values), strict=True))
        if day == d.today:
            for n in names:
                sums[n] += row[n]
            by_hour[hour][0] += row["total"]
            by_hour[hour][1] += row["sales"]
        else:
            week["total"] += row["total"]
            week["sales"] += row["sales"]
            if hour <= d.hour:
                week["so_far"] += row["total"]
    return {"today": sums, "week": week, "by_hour": by_hour}


def _by_day(session: Session, org_id: str, days: Sequence[StoreDay]) -> list[Point]:
    t = RollupHour
    last = max(d.today for d in days)
    first = last - timedelta(days=DAYS - 1)
    query = (
        select(t.day, func.sum(t.total), func.sum(t.sales))
        .where(
            t.org_id == org_id,
            t.store_id.in_(sorted({d.store_id for d in days})),
            t.day >= first,
            t.day <= last,
        )
        .group_by(t.day)
    )
    found = {
        day: (int(total or 0), int(sales or 0)) for day, total, sales in session.execute(query)
    }
    points = []
    for i in range(DAYS):
        day = first + timedelta(days=i)
        total, sales = found.get(day, (0, 0))
        points.append(Point(day.isoformat(), total, sales))
    return points


def _payment_mix(session: Session, org_id: str, days: Sequence[StoreDay]) -> list[TenderShare]:
    t = RollupTender
    query = (
        select(t.kind, func.sum(t.amount - t.change), func.sum(t.tenders))
        .where(t.org_id == org_id, _on_days(t, days))
        .group_by(t.kind)
    )
    found = {kind: (int(a or 0), int(c or 0)) for kind, a, c in session.execute(query)}
    kinds = list(TENDER_KINDS) + sorted(set(found) - set(TENDER_KINDS))
    return [TenderShare(k, *found.get(k, (0, 0))) for k in kinds]


def _top_products(session: Session, org_id: str, days: Sequence[StoreDay]) -> list[TopProduct]:
    t = RollupProduct
    net = func.sum(t.net - t.refund_net)
    query = (
        select(t.product_id, func.sum(t.quantity_milli - t.refund_quantity_milli), net)
        .where(t.org_id == org_id, _on_days(t, days))
        .group_by(t.product_id)
        .having(func.sum(t.quantity_milli) > 0)
        .order_by(net.desc(), t.product_id)
        .limit(TOP)
    )
    rows = [(pid, int(q or 0), int(n or 0)) for pid, q, n in session.execute(query)]
    names: dict[str, str] = {}
    if rows:
        found = session.execute(
            select(ProductRow.product_id, ProductRow.name).where(
                ProductRow.org_id == org_id, ProductRow.product_id.in_([r[0] for r in rows])
            )
        )
        names = {pid: name for pid, name in found}
    return [TopProduct(pid, names.get(pid, pid), q, n) for pid, q, n in rows]


def home_figures(
    session: Session, org_id: str, stores: Sequence[Any], now_utc: datetime
) -> HomeFigures:
    """The Beranda for ``stores`` (rows with ``store_id`` and ``timezone``) at ``now_utc``;
    every figure zero for no store."""
    days = store_days(stores, now_utc)
    if not days:
        return _empty(now_utc.astimezone(zone_of(None)).date())
    hours = _hours(session, org_id, days)
    today, week = hours["today"], hours["week"]
    transactions = today["sales"]
    return HomeFigures(
        today=max(d.today for d in days),
        sales_total=today["total"],
        transactions=transactions,
        average_basket=today["total"] // transactions if transactions else 0,
        refunds=today["refunds"],
        refund_total=today["refund_total"],
        net_total=today["total"] - today["refund_total"],
        last_week_total=week["total"],
        last_week_transactions=week["sales"],
        last_week_so_far=week["so_far"],
        line_voids=today["line_voids"],
        line_void_amount=today["line_void_amount"],
        sale_cancels=today["sale_cancels"],
        sale_cancel_amount=today["sale_cancel_amount"],
        by_hour=[Point(f"{h:02d}", t, n) for h, (t, n) in enumerate(hours["by_hour"])],
        by_day=_by_day(session, org_id, days),
        payment_mix=_payment_mix(session, org_id, days),
        top_products=_top_products(session, org_id, days),
    )


def _empty(today: date) -> HomeFigures:
    return HomeFigures(
        today=today,
        sales_total=0,
        transactions=0,
        average_basket=0,
        refunds=0,
        refund_total=0,
        net_total=0,
        last_week_total=0,
        last_week_transactions=0,
        last_week_so_far=0,
        line_voids=0,
        line_void_amount=0,
        sale_cancels=0,
        sale_cancel_amount=0,
        by_hour=[Point(f"{h:02d}", 0, 0) for h in range(24)],
        by_day=[
            Point((today - timedelta(days=i)).isoformat(), 0, 0) for i in reversed(range(DAYS))
        ],
        payment_mix=[TenderShare(k, 0, 0) for k in TENDER_KINDS],
        top_products=[],
    )
