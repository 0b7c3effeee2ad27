"""The back office's sales reports (by product, category, cashier, hour of day and day), read
from the rollups (``models/rollups.py``), never from the raw sales.

Figures, the same in every report so their totals agree:

- ``gross``: quantity x unit price; ``discounts``: line and order discounts;
- ``refunds``: the refunded lines' share of their nets, counted on the day paid out;
- ``net`` = gross - discounts - refunds (PPN inside it when prices include tax);
- ``tax`` (PPN) = tax on the sales less tax given back; ``tax_inside`` the part inside ``net``;
- ``paid`` (cashier, hour, day): what customers paid, less what they got back (rounding and
  PPN added on top included);
- margin (product, category, day): over the lines whose cost price was known when they were
  sold: revenue without PPN less cost. The rest of the net (without PPN) is ``unknown_cost``: a
  margin is never computed as if a missing cost were zero.

Days are the store's own local days; a range covers ``day_from`` to ``day_to`` inclusive.

Product and category reports read each part of a range at the coarsest grain that covers it
(``_product_source``): whole months from the month tables, the other days from the day tables,
and the organization's own tables when every store is asked for. A year by product of twenty
stores is then some two hundred thousand rows instead of thirty million.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, func, select, union_all
from sqlalchemy.orm import Session

from server_stub.models import (
    ProductRow,
    RollupCashier,
    RollupHour,
    RollupOrgProduct,
    RollupOrgProductMonth,
    RollupProduct,
    RollupProductMonth,
    StaffMember,
)
from server_stub.rollups import SUMS

MAX_ROWS: Final = 500
"""Rows a report page shows; the download carries every row (``limit=None``)."""
STREAM_BATCH: Final = 1_000


class ReportKind(enum.StrEnum):
    PRODUCT = "product"
    CATEGORY = "category"
    CASHIER = "cashier"
    HOUR = "hour"
    DAY = "day"


@dataclass(frozen=True, slots=True)
class ReportFilter:
    org_id: str
    visible: frozenset[str] | None
    """The signed-in person's stores; ``None``: every store of the organization."""
    day_from: date
    day_to: date
    store_id: str | None = None


@dataclass(frozen=True, slots=True)
class Figures:
    gross: int = 0
    discounts: int = 0
    refunds: int = 0
    net: int = 0
    tax: int = 0
    tax_inside: int = 0
    sales: int | None = None
    """Transactions (cashier, hour, day); ``None`` where a sale spans rows (product)."""
    quantity_milli: int | None = None
    paid: int | None = None
    costed_revenue: int | None = None
    """Revenue without PPN of the lines with a known cost; ``None``: no cost in this report."""
    cost: int | None = None

    @property
    def net_without_tax(self) -> int:
        return self.net - self.tax_inside

    @property
    def margin(self) -> int | None:
        if self.costed_revenue is None or self.cost is None:
            return None
        if self.costed_revenue == 0 and self.cost == 0:
            return None
        return self.costed_revenue - self.cost

    @property
    def margin_ratio(self) -> Decimal | None:
        """Margin over the costed revenue, as a fraction (0.253 is 25.3 %)."""
        margin = self.margin
        if margin is None or not self.costed_revenue:
            return None
        return (Decimal(margin) / Decimal(self.costed_revenue)).quantize(Decimal("0.0001"))

    @property
    def unknown_cost(self) -> int | None:
        """Net without PPN whose cost is unknown (products without a cost price)."""
        if self.costed_revenue is None:
            return None
        return self.net_without_tax - self.costed_revenue

    @property
    def quantity(self) -> Decimal | None:
        if self.quantity_milli is None:
            return None
        value = Decimal(self.quantity_milli).scaleb(-3)
        return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


@dataclass(frozen=True, slots=True)
class ReportRow:
    key: str
    label: str
    detail: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class Report:
    kind: ReportKind
    rows: list[ReportRow]
    total: Figures
    truncated: bool
    """More rows exist than were read (the page shows the first ``MAX_ROWS``)."""


_FIELDS = tuple(f.name for f in fields(Figures))
_REFUNDED = {"net": "refund_net", "tax": "refund_tax", "tax_inside": "refund_tax_inside"}


def _sum(column: Any) -> ColumnElement[Any]:
    return func.coalesce(func.sum(column), 0)


def _money_columns(model: Any) -> list[ColumnElement[Any]]:
    cols: list[ColumnElement[Any]] = [
        _sum(model.gross).label("gross"),
        _sum(model.discounts).label("discounts"),
    ]
    cols.append(_sum(model.refund_net).label("refunds"))
    for name, back in _REFUNDED.items():
        cols.append((_sum(getattr(model, name)) - _sum(getattr(model, back))).label(name))
    return cols


def _product_columns(m: Any) -> list[ColumnElement[Any]]:
    return [
        *_money_columns(m),
        (_sum(m.quantity_milli) - _sum(m.refund_quantity_milli)).label("quantity_milli"),
        (_sum(m.costed_revenue) - _sum(m.refund_costed_revenue)).label("costed_revenue"),
        (_sum(m.cost) - _sum(m.refund_cost)).label("cost"),
    ]


def month_split(
    day_from: date, day_to: date
) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """The day ranges of ``day_from``..``day_to`` outside whole months, and the first days of
    the first and last whole months in it (``None``: no whole month)."""
    first = day_from if day_from.day == 1 else _next_month(day_from)
    after = (
        _next_month(day_to)
        if _next_month(day_to) - timedelta(days=1) == day_to
        else day_to.replace(day=1)
    )
    if first >= after:
        return [(day_from, day_to)], None
    days = []
    if day_from < first:
        days.append((day_from, first - timedelta(days=1)))
    if after <= day_to:
        days.append((after, day_to))
    return days, (first, (after - timedelta(days=1)).replace(day=1))


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _product_source(f: ReportFilter) -> Any:
    """The product rows of the filter's range at the coarsest grain that covers it: whole
    months from a month table, the days around them from a day table; the organization's own
    tables when every store is asked for, the stores' when some are. A year of twenty stores
    is then a few hundred thousand rows instead of tens of millions."""
    every_store = f.visible is None and f.store_id is None
    days_table: Any = RollupOrgProduct if every_store else RollupProduct
    months_table: Any = RollupOrgProductMonth if every_store else RollupProductMonth
    names = SUMS[RollupProduct.__tablename__]
    day_ranges, months = month_split(f.day_from, f.day_to)
    parts = []
    for start, end in day_ranges:
        stmt = select(days_table.product_id, *(getattr(days_table, n) for n in names))
        stmt = stmt.where(days_table.day >= start, days_table.day <= end)
        parts.append(_stores(stmt.where(days_table.org_id == f.org_id), days_table, f))
    if months is not None:
        m = months_table
        stmt = select(m.product_id, *(getattr(m, n) for n in names))
        stmt = stmt.where(m.org_id == f.org_id, m.month >= months[0], m.month <= months[1])
        parts.append(_stores(stmt, m, f))
    return (parts[0] if len(parts) == 1 else union_all(*parts)).subquery("product_rows")


def _stores(stmt: Select[Any], model: Any, f: ReportFilter) -> Select[Any]:
    if f.store_id is not None:
        return stmt.where(model.store_id == f.store_id)
    if f.visible is not None:
        return stmt.where(model.store_id.in_(sorted(f.visible)))
    return stmt


def _counter_columns(model: type[RollupHour] | type[RollupCashier]) -> list[ColumnElement[Any]]:
    return [
        *_money_columns(model),
        _sum(model.sales).label("sales"),
        (_sum(model.total) - _sum(model.refund_total)).label("paid"),
    ]


def _where(stmt: Select[Any], model: Any, f: ReportFilter) -> Select[Any]:
    stmt = stmt.where(model.org_id == f.org_id, model.day >= f.day_from, model.day <= f.day_to)
    if f.visible is not None:
        stmt = stmt.where(model.store_id.in_(sorted(f.visible)))
    if f.store_id is not None:
        stmt = stmt.where(model.store_id == f.store_id)
    return stmt


def _figures(row: Any, prefix: str = "") -> Figures:
    values = row._mapping
    return Figures(
        **{name: int(values[prefix + name]) for name in _FIELDS if prefix + name in values}
    )


_ALL = "all_"
"""Prefix of the columns that carry the whole report's total on every row (a window sum)."""


def _with_totals(agg: Any) -> list[Any]:
    """Every figure of ``agg`` summed over all its rows, on each row: the total row of a page
    that shows only the first rows, from the same pass over the rollups (a second query for
    it read the year's rows again)."""
    return [func.sum(c).over().label(_ALL + c.name) for c in agg.c if c.name in _FIELDS]


RowReader = Callable[[Any], ReportRow]


def _product_query(session: Session, f: ReportFilter) -> tuple[Select[Any], RowReader]:
    rows = _product_source(f)
    agg = (
        select(rows.c.product_id, *_product_columns(rows.c)).group_by(rows.c.product_id).subquery()
    )
    stmt = (
        select(agg, ProductRow.name, ProductRow.sku, *_with_totals(agg))
        .outerjoin(
            ProductRow,
            (ProductRow.org_id == f.org_id) & (ProductRow.product_id == agg.c.product_id),
        )
        .order_by(agg.c.net.desc(), agg.c.product_id)
    )
    return stmt, lambda r: ReportRow(r.product_id, r.name or r.product_id, r.sku or "", _figures(r))


def _category_query(session: Session, f: ReportFilter) -> tuple[Select[Any], RowReader]:
    rows = _product_source(f)
    category = func.coalesce(ProductRow.category, "").label("category")
    stmt = (
        select(category, *_product_columns(rows.c))
        .select_from(rows)
        .outerjoin(
            ProductRow,
            (ProductRow.org_id == f.org_id) & (ProductRow.product_id == rows.c.product_id),
        )
        .group_by(category)
    )
    ordered = stmt.subquery()
    final = select(ordered, *_with_totals(ordered)).order_by(
        ordered.c.net.desc(), ordered.c.category
    )
    return final, lambda r: ReportRow(r.category, r.category, "", _figures(r))


def _cashier_query(session: Session, f: ReportFilter) -> tuple[Select[Any], RowReader]:
    m = RollupCashier
    stmt = (
        _where(select(m.cashier_code, *_counter_columns(m)), m, f)
        .group_by(m.cashier_code)
        .subquery()
    )
    ordered = select(stmt).order_by(stmt.c.net.desc(), stmt.c.cashier_code)
    names = staff_names(session, f.org_id)
    return ordered, lambda r: ReportRow(
        r.cashier_code, names.get(r.cashier_code, r.cashier_code), r.cashier_code, _figures(r)
    )


_LONG: dict[ReportKind, Callable[[Session, ReportFilter], tuple[Select[Any], RowReader]]] = {
    ReportKind.PRODUCT: _product_query,
    ReportKind.CATEGORY: _category_query,
    ReportKind.CASHIER: _cashier_query,
}
"""The reports that can have many rows (a catalog of 300,000 products): read by a query."""


def _long_report(session: Session, f: ReportFilter, kind: ReportKind, limit: int | None) -> Report:
    stmt, read = _LONG[kind](session, f)
    found = list(session.execute(_limited(stmt, limit)))
    total = _figures(found[0], _ALL) if found and _ALL + "net" in found[0]._mapping else None
    return _report(session, f, kind, [read(r) for r in found], limit, total)


def stream_rows(session: Session, f: ReportFilter, kind: ReportKind) -> Iterator[ReportRow]:
    """Every row of a report, fetched a thousand at a time as the caller consumes them (a
    download writes each row as it comes), so memory stays bounded however many there are."""
    if kind not in _LONG:
        yield from sales_report(session, f, kind, limit=None).rows
        return
    stmt, read = _LONG[kind](session, f)
    options = {"stream_results": True, "yield_per": STREAM_BATCH}
    for row in session.execute(stmt.execution_options(**options)):
        yield read(row)


def report_total(session: Session, f: ReportFilter, kind: ReportKind) -> Figures:
    """The total row of a report, all rows counted."""
    return _total(session, f, kind)


def staff_names(session: Session, org_id: str) -> dict[str, str]:
    """Cashier code (the staff id the tills send) to name."""
    rows = session.execute(
        select(StaffMember.staff_id, StaffMember.name).where(StaffMember.org_id == org_id)
    )
    return {staff_id: name for staff_id, name in rows}


def _hour_report(session: Session, f: ReportFilter) -> Report:
    m = RollupHour
    stmt = _where(select(m.hour, *_counter_columns(m)), m, f).group_by(m.hour).order_by(m.hour)
    rows = [
        ReportRow(str(r.hour), f"{r.hour:02d}:00–{r.hour:02d}:59", "", _figures(r))
        for r in session.execute(stmt)
    ]
    return _report(session, f, ReportKind.HOUR, rows, None)


def _day_report(session: Session, f: ReportFilter) -> Report:
    m = RollupHour
    stmt = _where(select(m.day, *_counter_columns(m)), m, f).group_by(m.day).order_by(m.day)
    p: Any = RollupOrgProduct if f.visible is None and f.store_id is None else RollupProduct
    cost_stmt = _stores(
        select(
            p.day,
            (_sum(p.costed_revenue) - _sum(p.refund_costed_revenue)),
            (_sum(p.cost) - _sum(p.refund_cost)),
        ).where(p.org_id == f.org_id, p.day >= f.day_from, p.day <= f.day_to),
        p,
        f,
    ).group_by(p.day)
    costs = {day: (int(rev), int(cost)) for day, rev, cost in session.execute(cost_stmt)}
    rows = []
    for r in session.execute(stmt):
        figures = _figures(r)
        rev, cost = costs.get(r.day, (0, 0))
        figures = _with_cost(figures, rev, cost)
        rows.append(ReportRow(r.day.isoformat(), r.day.isoformat(), "", figures))
    return _report(session, f, ReportKind.DAY, rows, None)


def _with_cost(figures: Figures, costed_revenue: int, cost: int) -> Figures:
    return replace(figures, costed_revenue=costed_revenue, cost=cost)


def _limited(stmt: Select[Any], limit: int | None) -> Select[Any]:
    return stmt if limit is None else stmt.limit(limit + 1)


def _total(session: Session, f: ReportFilter, kind: ReportKind) -> Figures:
    if kind in (ReportKind.PRODUCT, ReportKind.CATEGORY):
        return _product_total(f, session)
    model: type[RollupHour] | type[RollupCashier] = (
        RollupCashier if kind is ReportKind.CASHIER else RollupHour
    )
    figures = _figures(session.execute(_where(select(*_counter_columns(model)), model, f)).one())
    if kind is ReportKind.DAY:
        product = _product_total(f, session)
        figures = _with_cost(figures, product.costed_revenue or 0, product.cost or 0)
    return figures


def _product_total(f: ReportFilter, session: Session) -> Figures:
    rows = _product_source(f)
    return _figures(session.execute(select(*_product_columns(rows.c))).one())


def _report(
    session: Session,
    f: ReportFilter,
    kind: ReportKind,
    rows: list[ReportRow],
    limit: int | None,
    total: Figures | None = None,
) -> Report:
    truncated = limit is not None and len(rows) > limit
    if truncated or not rows:
        return Report(kind, rows[:limit], total or _total(session, f, kind), truncated)
    return Report(kind, rows, _added(rows), truncated)


def _added(rows: list[ReportRow]) -> Figures:
    """Every row read: the total is their sum (each figure is additive), with no second scan
    of the rollups."""
    sums: dict[str, int | None] = {}
    for name in _FIELDS:
        values = [getattr(row.figures, name) for row in rows]
        known = [v for v in values if v is not None]
        sums[name] = sum(known) if known else None
    return Figures(**sums)  # type: ignore[arg-type]


def sales_report(
    session: Session, f: ReportFilter, kind: ReportKind, *, limit: int | None = MAX_ROWS
) -> Report:
    """One report over the filter's stores and store-local days; ``limit=None`` reads all."""
    if kind in _LONG:
        return _long_report(session, f, kind, limit)
    if kind is ReportKind.HOUR:
        return _hour_report(session, f)
    return _day_report(session, f)
