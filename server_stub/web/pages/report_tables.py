"""The reports as tables: one column list per report, read both by the page (HTML cells as
text) and by the downloads (``exports.Export`` cells as numbers), so the screen and the file
always show the same columns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from server_stub.exports import Cell, Column, Export, Kind
from server_stub.report_queries import Figures, Report, ReportKind, ReportRow
from server_stub.web import format as fmt
from server_stub.z_report_queries import CashierSelisih, ZSummary

R = TypeVar("R")
UNKNOWN = "—"


@dataclass(frozen=True, slots=True)
class Col(Generic[R]):
    word: str
    kind: Kind
    get: Callable[[R], Cell]
    total: Callable[[Figures], Cell] | None = None
    missing: str = ""
    tone: bool = False
    """Colour the cell by its sign (selisih: short is red, over is amber)."""
    link: bool = False
    """The cell that links to the row's own page, when it has one."""


@dataclass(frozen=True, slots=True)
class ViewCell:
    text: str
    num: bool
    label: str
    href: str | None = None
    tone: str = ""


@dataclass(frozen=True, slots=True)
class View:
    headers: list[tuple[str, bool]]
    rows: list[list[ViewCell]]
    total: list[ViewCell] | None


def show(value: Cell, kind: Kind, missing: str = "") -> str:
    """A cell as the page shows it: ``Rp12.500``, ``1.234``, ``1,25``, ``25,3 %``."""
    if value is None:
        return missing
    if isinstance(value, str):
        return value
    if kind is Kind.RUPIAH and isinstance(value, int):
        return fmt.rupiah(value)
    if kind is Kind.PERCENT and isinstance(value, Decimal):
        return f"{value * 100:.1f}".replace(".", ",") + " %"
    if kind is Kind.DATE and isinstance(value, date):
        return fmt.fmt_date(value)
    if isinstance(value, Decimal):
        whole, _, frac = f"{value:f}".partition(".")
        grouped = fmt.fmt_number(int(whole))
        frac = frac.rstrip("0")
        return f"{grouped},{frac}" if frac else grouped
    if isinstance(value, int):
        return fmt.fmt_number(value)
    return str(value)


def _tone(value: Cell) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return "danger" if value < 0 else "warn" if value > 0 else ""
    return ""


def _costed(f: Figures) -> int | None:
    return f.cost if f.margin is not None else None


def _figures(get: Callable[[Figures], Cell]) -> Callable[[ReportRow], Cell]:
    return lambda row: get(row.figures)


MONEY: tuple[tuple[str, Callable[[Figures], Cell]], ...] = (
    ("gross", lambda f: f.gross),
    ("discounts", lambda f: f.discounts),
    ("refunds", lambda f: f.refunds),
    ("net", lambda f: f.net),
    ("tax", lambda f: f.tax),
)
MARGIN: tuple[tuple[str, Kind, Callable[[Figures], Cell]], ...] = (
    ("cost", Kind.RUPIAH, _costed),
    ("margin", Kind.RUPIAH, lambda f: f.margin),
    ("margin_pct", Kind.PERCENT, lambda f: f.margin_ratio),
    ("unknown_cost", Kind.RUPIAH, lambda f: f.unknown_cost),
)


def _metric(word: str, kind: Kind, get: Callable[[Figures], Cell], missing: str = "") -> Col[Any]:
    return Col(f"reports.col.{word}", kind, _figures(get), get, missing)


def sales_columns(kind: ReportKind, no_category: str) -> list[Col[ReportRow]]:
    """The columns of one sales report, key columns first."""
    cols: list[Col[ReportRow]] = []
    if kind is ReportKind.PRODUCT:
        cols += [
            Col("reports.col.product", Kind.TEXT, lambda r: r.label),
            Col("reports.col.sku", Kind.TEXT, lambda r: r.detail),
        ]
    elif kind is ReportKind.CATEGORY:
        cols.append(Col("reports.col.category", Kind.TEXT, lambda r: r.label or no_category))
    elif kind is ReportKind.CASHIER:
        cols += [
            Col("reports.col.cashier", Kind.TEXT, lambda r: r.label),
            Col("reports.col.code", Kind.TEXT, lambda r: r.detail),
        ]
    elif kind is ReportKind.HOUR:
        cols.append(Col("reports.col.hour", Kind.TEXT, lambda r: r.label))
    else:
        cols.append(Col("reports.col.day", Kind.DATE, lambda r: date.fromisoformat(r.key)))
    if kind in (ReportKind.PRODUCT, ReportKind.CATEGORY):
        cols.append(_metric("quantity", Kind.QUANTITY, lambda f: f.quantity))
    else:
        cols.append(_metric("sales", Kind.INTEGER, lambda f: f.sales))
    cols += [_metric(word, Kind.RUPIAH, get) for word, get in MONEY]
    if kind not in (ReportKind.PRODUCT, ReportKind.CATEGORY):
        cols.append(_metric("paid", Kind.RUPIAH, lambda f: f.paid))
    if kind in (ReportKind.PRODUCT, ReportKind.CATEGORY, ReportKind.DAY):
        cols += [_metric(word, k, get, UNKNOWN) for word, k, get in MARGIN]
    return cols


Z_COLUMNS: tuple[Col[ZSummary], ...] = (
    Col("reports.col.day", Kind.DATE, lambda z: z.business_day),
    Col("reports.z.store", Kind.TEXT, lambda z: z.store_code),
    Col("reports.till", Kind.TEXT, lambda z: z.till_code),
    Col("reports.z.no", Kind.INTEGER, lambda z: z.report_no, link=True),
    Col("reports.z.opened_by", Kind.TEXT, lambda z: z.opened_by),
    Col("reports.z.closed_by", Kind.TEXT, lambda z: z.closed_by),
    Col("reports.z.sales_total", Kind.RUPIAH, lambda z: z.sales_total),
    Col("reports.z.refunds_total", Kind.RUPIAH, lambda z: z.refunds_total),
    Col("reports.z.net_total", Kind.RUPIAH, lambda z: z.net_total),
    Col("reports.z.cash_expected", Kind.RUPIAH, lambda z: z.cash_expected),
    Col("reports.z.cash_counted", Kind.RUPIAH, lambda z: z.cash_counted, missing=UNKNOWN),
    Col("reports.z.selisih", Kind.RUPIAH, lambda z: z.selisih, missing=UNKNOWN, tone=True),
)

SELISIH_COLUMNS: tuple[Col[CashierSelisih], ...] = (
    Col("reports.col.code", Kind.TEXT, lambda s: s.cashier_code),
    Col("reports.col.cashier", Kind.TEXT, lambda s: s.cashier_name),
    Col("reports.s.stores", Kind.TEXT, lambda s: ", ".join(sorted(s.stores))),
    Col("reports.s.shifts", Kind.INTEGER, lambda s: s.shifts),
    Col("reports.s.counted_shifts", Kind.INTEGER, lambda s: s.counted_shifts),
    Col("reports.s.short_shifts", Kind.INTEGER, lambda s: s.short_shifts),
    Col("reports.s.over_shifts", Kind.INTEGER, lambda s: s.over_shifts),
    Col("reports.s.short_total", Kind.RUPIAH, lambda s: s.short_total, tone=True),
    Col("reports.s.over_total", Kind.RUPIAH, lambda s: s.over_total, tone=True),
    Col("reports.s.selisih", Kind.RUPIAH, lambda s: s.selisih, tone=True),
    Col("reports.z.sales_total", Kind.RUPIAH, lambda s: s.sales_total),
)


def _total_cells(cols: Sequence[Col[Any]], total: Figures, label: str) -> list[Cell]:
    cells: list[Cell] = []
    for index, col in enumerate(cols):
        if col.total is not None:
            cells.append(col.total(total))
        else:
            cells.append(label if index == 0 else None)
    return cells


def _summed(cols: Sequence[Col[R]], items: Sequence[R], label: str) -> list[Cell]:
    """A total row for the Z and selisih lists: money columns added up, the rest blank."""
    cells: list[Cell] = [label]
    for col in cols[1:]:
        values = [col.get(item) for item in items]
        if col.kind is Kind.RUPIAH:
            cells.append(sum(v for v in values if isinstance(v, int)))
        else:
            cells.append(None)
    return cells


def view(
    cols: Sequence[Col[R]],
    items: Iterable[R],
    t: Callable[[str], str],
    total: Sequence[Cell] | None = None,
    href: Callable[[R], str] | None = None,
) -> View:
    headers = [(t(c.word), c.kind is not Kind.TEXT) for c in cols]

    def cells(values: Sequence[Cell], link: str | None) -> list[ViewCell]:
        out = []
        for col, value in zip(cols, values, strict=True):
            out.append(
                ViewCell(
                    show(value, col.kind, col.missing),
                    col.kind is not Kind.TEXT,
                    t(col.word),
                    link if col.link else None,
                    _tone(value) if col.tone else "",
                )
            )
        return out

    rows = [cells([c.get(item) for c in cols], href(item) if href else None) for item in items]
    return View(headers, rows, cells(total, None) if total is not None else None)


def sales_view(report: Report, t: Callable[[str], str]) -> View:
    cols = sales_columns(report.kind, t("reports.col.no_category"))
    total = _total_cells(cols, report.total, t("reports.total"))
    return view(cols, report.rows, t, total)


def sales_export(
    kind: ReportKind,
    rows: Iterable[ReportRow],
    total: Figures,
    t: Callable[[str], str],
    title: str,
    filters: Sequence[tuple[str, str]],
) -> Export:
    """A sales report as a file; ``rows`` may be a stream read as the file is written."""
    cols = sales_columns(kind, t("reports.col.no_category"))
    return Export(
        title=title,
        filters=filters,
        columns=[Column(t(c.word), c.kind, c.missing) for c in cols],
        rows=([c.get(row) for c in cols] for row in rows),
        total=_total_cells(cols, total, t("reports.total")),
    )


def list_view(
    cols: Sequence[Col[R]],
    items: Sequence[R],
    t: Callable[[str], str],
    href: Callable[[R], str] | None = None,
) -> View:
    return view(cols, items, t, _summed(cols, items, t("reports.total")) if items else None, href)


def list_export(
    cols: Sequence[Col[R]],
    items: Sequence[R],
    t: Callable[[str], str],
    title: str,
    filters: Sequence[tuple[str, str]],
) -> Export:
    return Export(
        title=title,
        filters=filters,
        columns=[Column(t(c.word), c.kind, c.missing) for c in cols],
        rows=[[c.get(item) for c in cols] for item in items],
        total=_summed(cols, items, t("reports.total")),
    )
