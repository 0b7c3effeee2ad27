"""Report queries over the sales rollups: by product, category, cashier, hour of day and day,
for a range of local days and a set of stores. They read ``models/rollups.py`` only, never the
raw sales, so a year of twenty stores is a few thousand rows.

Every function takes ``store_ids``: the stores the caller may see and picked (``None`` is every
store of ``org_id``); the caller applies the tenancy rules, this module only filters by them.

The figures of a ``ReportRow`` (integer rupiah, quantities in thousandths):

- ``gross``: quantity times unit price; ``discounts``: line and order discounts.
- ``refunds``: what refunds gave back for the lines (their share of the lines' nets), counted
  on the day they were paid out.
- ``net``: gross less discounts less refunds; PPN is inside it when prices include tax.
- ``tax``: PPN charged less PPN refunded; ``net_ex_tax``: ``net`` without the PPN inside it.
- ``margin``: revenue without PPN less cost, over the quantity whose cost price was known when
  it was sold; ``None`` when no cost was known at all, and ``margin_complete`` says whether every
  unit had one (else the margin covers only part and the rest is unknown). Only products,
  categories and days carry it (a cashier's or an hour's margin would need costs per sale).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from server_stub.models import (
    ProductRow,
    RollupCashier,
    RollupHour,
    RollupProduct,
    StaffMember,
)


@dataclass(frozen=True, slots=True)
class ReportRow:
    key: str
    """Product id, category, cashier code, hour ("07") or day (ISO)."""
    label: str
    """Product name, category, cashier name, or the key again; "" for no category."""
    sales: int
    """Transactions (for a product or category: sale lines)."""
    quantity_milli: int
    gross: int
    discounts: int
    refunds: int
    net: int
    tax: int
    net_ex_tax: int
    margin: int | None
    margin_complete: bool


def _in_scope(
    org_id: str,
    store_ids: Collection[str] | None,
    day_from: date,
    day_to: date,
    columns: Any,
) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [
        columns.org_id == org_id,
        columns.day >= day_from,
        columns.day <= day_to,
    ]
    if store_ids is not None:
        clauses.append(columns.store_id.in_(sorted(store_ids)))
    return clauses


_PRODUCT_SUMS = (
    "lines",
    "quantity_milli",
    "gross",
    "discounts",
    "net",
    "tax",
    "tax_inside",
    "costed_quantity_milli",
    "costed_revenue",
    "cost",
    "refund_quantity_milli",
    "refund_net",
    "refund_tax",
    "refund_tax_inside",
    "refund_costed_quantity_milli",
    "refund_costed_revenue",
    "refund_cost",
)
_SALE_SUMS = (
    "sales",
    "items_milli",
    "gross",
    "discounts",
    "net",
    "tax",
    "tax_inside",
    "refund_net",
    "refund_tax",
    "refund_tax_inside",
)


def _sums(table: Any, names: Sequence[str]) -> list[Any]:
    return [func.coalesce(func.sum(getattr(table, n)), 0).label(n) for n in names]


def _product_row(key: str, label: str, s: dict[str, int]) -> ReportRow:
    sold = s["quantity_milli"] - s["refund_quantity_milli"]
    costed = s["costed_quantity_milli"] - s["refund_costed_quantity_milli"]
    any_cost = s["costed_quantity_milli"] > 0 or s["refund_costed_quantity_milli"] > 0
    margin = (
        (s["costed_revenue"] - s["refund_costed_revenue"]) - (s["cost"] - s["refund_cost"])
        if any_cost
        else None
    )
    net = s["net"] - s["refund_net"]
    return ReportRow(
        key=key,
        label=label,
        sales=s["lines"],
        quantity_milli=s["quantity_milli"],
        gross=s["gross"],
        discounts=s["discounts"],
        refunds=s["refund_net"],
        net=net,
        tax=s["tax"] - s["refund_tax"],
        net_ex_tax=net - (s["tax_inside"] - s["refund_tax_inside"]),
        margin=margin,
        margin_complete=any_cost
        and costed == sold
        and s["costed_quantity_milli"] == s["quantity_milli"],
    )


def _sale_row(key: str, label: str, s: dict[str, int]) -> ReportRow:
    net = s["net"] - s["refund_net"]
    return ReportRow(
        key=key,
        label=label,
        sales=s["sales"],
        quantity_milli=s["items_milli"],
        gross=s["gross"],
        discounts=s["discounts"],
        refunds=s["refund_net"],
        net=net,
        tax=s["tax"] - s["refund_tax"],
        net_ex_tax=net - (s["tax_inside"] - s["refund_tax_inside"]),
        margin=None,
        margin_complete=False,
    )


def _rows(
    session: Session, query: Select[Any], names: Sequence[str]
) -> list[tuple[Any, dict[str, int]]]:
    out: list[tuple[Any, dict[str, int]]] = []
    for row in session.execute(query):
        values = tuple(row)
        out.append((values[0], {n: int(v) for n, v in zip(names, values[1:], strict=True)}))
    return out


def _by_net(rows: list[ReportRow]) -> list[ReportRow]:
    return sorted(rows, key=lambda r: (-r.net, r.label, r.key))


def report_by_product(
    session: Session,
    org_id: str,
    store_ids: Collection[str] | None,
    day_from: date,
    day_to: date,
) -> list[ReportRow]:
    """One row per product sold or refunded in the range, largest net first."""
    t = RollupProduct
    query = (
        select(t.product_id, *_sums(t, _PRODUCT_SUMS))
        .where(*_in_scope(org_id, store_ids, day_from, day_to, t))
        .group_by(t.product_id)
    )
    found = _rows(session, query, _PRODUCT_SUMS)
    names = _product_names(session, org_id, [key for key, _ in found])
    return _by_net([_product_row(key, names.get(key, key), s) for key, s in found])


def report_by_category(
    session: Session,
    org_id: str,
    store_ids: Collection[str] | None,
    day_from: date,
    day_to: date,
) -> list[ReportRow]:
    """One row per product category (today's category of each product; a product no longer in
    the catalog, or never in it, falls under "")."""
    totals: dict[str, dict[str, int]] = {}
    for row in _category_sums(session, org_id, store_ids, day_from, day_to):
        category, sums = row
        into = totals.setdefault(category, dict.fromkeys(_PRODUCT_SUMS, 0))
        for name, value in sums.items():
            into[name] += value
    return _by_net([_product_row(c, c, s) for c, s in totals.items()])


def _category_sums(
    session: Session,
    org_id: str,
    store_ids: Collection[str] | None,
    day_from: date,
    day_to: date,
) -> list[tuple[str, dict[str, int]]]:
    """The product sums per category."""
    t = RollupProduct
    category = func.coalesce(ProductRow.category, "")
    query = (
        select(category, *_sums(t, _PRODUCT_SUMS))
        .select_from(t)
        .outerjoin(
            ProductRow,
            (ProductRow.org_id == t.org_id) & (ProductRow.product_id == t.product_id),
        )
        .where(*_in_scope(org_id, store_ids, day_from, day_to, t))
        .group_by(category)
    )
    return [(str(key), sums) for key, sums in _rows(session, query, _PRODUCT_SUMS)]


def report_by_cashier(
    session: Session,
    org_id: str,
    store_ids: Collection[str] | None,
    day_from: date,
    day_to: date,
) -> list[ReportRow]:
    """One row per cashier code (their sales, and the refunds they paid out)."""
    t = RollupCashier
    query = (
        select(t.cashier_code, *_sums(t, _SALE_SUMS))
        .where(*_in_scope(org_id, store_ids, day_from, day_to, t))
        .group_by(t.cashier_code)
    )
    found = _rows(session, query, _SALE_SUMS)
    codes = [key for key, _ in found]
    names: dict[str, str] = {}
    if codes:
        staff = select(StaffMember.staff_id, StaffMember.name).where(
            StaffMember.org_id == org_id, StaffMember.staff_id.in_(codes)
        )
        names = {staff_id: name for staff_id, name in session.execute(staff)}
    return _by_net([_sale_row(key, names.get(key, key), s) for key, s in found])


def report_by_hour(
    session: Session,
    org_id: str,
    store_ids: Collection[str] | None,
    day_from: date,
    day_to: date,
) -> list[ReportRow]:
    """Hours of the stores' local day, 00 to 23, every hour present (zeros when quiet)."""
    t = RollupHour
    query = (
        select(t.hour, *_sums(t, _SALE_SUMS))
        .where(*_in_scope(org_id, store_ids, day_from, day_to, t))
        .group_by(t.hour)
    )
    found = dict(_rows(session, query, _SALE_SUMS))
    empty = dict.fromkeys(_SALE_SUMS, 0)
    return [_sale_row(f"{h:02d}", f"{h:02d}:00", found.get(h, empty)) for h in range(24)]


def report_by_day(
    session: Session,
    org_id: str,
    store_ids: Collection[str] | None,
    day_from: date,
    day_to: date,
) -> list[ReportRow]:
    """Days of the range that had sales or refunds, oldest first; margin from the products."""
    t = RollupHour
    query = (
        select(t.day, *_sums(t, _SALE_SUMS))
        .where(*_in_scope(org_id, store_ids, day_from, day_to, t))
        .group_by(t.day)
    )
    days = _rows(session, query, _SALE_SUMS)
    p = RollupProduct
    margins_query = (
        select(p.day, *_sums(p, _PRODUCT_SUMS))
        .where(*_in_scope(org_id, store_ids, day_from, day_to, p))
        .group_by(p.day)
    )
    margins = {
        day: _product_row("", "", s) for day, s in _rows(session, margins_query, _PRODUCT_SUMS)
    }
    out: list[ReportRow] = []
    for day, sums in sorted(days):
        row = _sale_row(day.isoformat(), day.isoformat(), sums)
        m = margins.get(day)
        if m is not None:
            row = replace(row, margin=m.margin, margin_complete=m.margin_complete)
        out.append(row)
    return out


def report_total(rows: Sequence[ReportRow], label: str = "") -> ReportRow:
    """The rows added up (a report's last line); the margin is complete only if every row's is."""
    margins = [r.margin for r in rows if r.margin is not None]
    return ReportRow(
        key="",
        label=label,
        sales=sum(r.sales for r in rows),
        quantity_milli=sum(r.quantity_milli for r in rows),
        gross=sum(r.gross for r in rows),
        discounts=sum(r.discounts for r in rows),
        refunds=sum(r.refunds for r in rows),
        net=sum(r.net for r in rows),
        tax=sum(r.tax for r in rows),
        net_ex_tax=sum(r.net_ex_tax for r in rows),
        margin=sum(margins) if margins else None,
        margin_complete=bool(rows) and all(r.margin_complete for r in rows),
    )


def _product_names(session: Session, org_id: str, product_ids: Sequence[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    ids = sorted(set(product_ids))
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(ProductRow.product_id, ProductRow.name).where(
                ProductRow.org_id == org_id, ProductRow.product_id.in_(ids[start : start + 500])
            )
        )
        names.update({pid: name for pid, name in rows})
    return names
