"""Adding up a shift into its X or Z report: taxes, tenders and the cash the drawer should hold.

Kept apart from ``shift_report`` (the report's types and its JSON document) so the document's
shape can be read in one place; the till (``localdb.shifts``) and its tests build reports here
from the shift's sales, refunds and cash movements.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.shift_report import (
    CASH,
    NOTE_MAX,
    CashMovement,
    CashSummary,
    MovementKind,
    RefundLike,
    RefundSummary,
    ReportKind,
    ShiftInfo,
    ShiftReport,
    TaxTotal,
    TenderTotal,
)


def _tender_order(kind: str) -> tuple[int, str]:
    order = [k.value for k in TenderKind]
    return (order.index(kind), kind) if kind in order else (len(order), kind)


def _non_negative(**values: int) -> None:
    for name, value in values.items():
        if value < 0:
            raise ValueError(f"{name} must not be negative: {value}")


def _add(totals: dict[str, int], key: str, amount: int) -> None:
    totals[key] = totals.get(key, 0) + amount


def _checked_note(kind: ReportKind, shift: ShiftInfo, count: CashCount | None, note: str) -> str:
    """Refuses a Z report without a count or a closed shift; returns the note as it is kept."""
    if kind is ReportKind.Z:
        if count is None:
            raise UserError("shift.count_required")
        if shift.closed_at is None or shift.closed_by is None:
            raise ValueError("a Z report is made for a closed shift")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise UserError("shift.note_too_long", maximum=NOTE_MAX)
    return note


def _tax_totals(
    sales: Sequence[SaleRecord], refunds: Sequence[RefundSummary]
) -> tuple[TaxTotal, ...]:
    """Per tax code, sorted by code; a code only refunds mention still gets a line."""
    first: dict[str, tuple[str, int, bool]] = {}
    base: dict[str, int] = {}
    tax: dict[str, int] = {}
    for sale in sales:
        for t in sale.taxes:
            first.setdefault(t.code, (t.name, t.rate_bp, t.included))
            _add(base, t.code, t.base)
            _add(tax, t.code, t.tax)
    refunded: dict[str, int] = {}
    for refund in refunds:
        for code, amount in refund.taxes:
            _add(refunded, code, amount)
    for code in refunded:
        first.setdefault(code, (code, 0, False))
    return tuple(
        TaxTotal(
            code=code,
            name=name,
            rate_bp=rate_bp,
            included=included,
            base=base.get(code, 0),
            tax=tax.get(code, 0),
            refunded=refunded.get(code, 0),
        )
        for code, (name, rate_bp, included) in sorted(first.items())
    )


def _tender_totals(
    cash: CashSummary,
    taken: Mapping[str, int],
    tender_count: Mapping[str, int],
    paid_back: Mapping[str, int],
    others: Mapping[str, int],
    counted: bool,
) -> tuple[TenderTotal, ...]:
    """Cash first, then the other kinds in ``TenderKind`` order; a non-cash tender nobody
    settled counts as expected once the drawer was counted."""
    tenders: list[TenderTotal] = []
    for kind in sorted({CASH, *taken, *paid_back, *others}, key=_tender_order):
        if kind == CASH:
            tenders.append(
                TenderTotal(
                    kind=CASH,
                    count=tender_count.get(CASH, 0),
                    sales=cash.received - cash.change,
                    refunds=cash.refunds,
                    expected=cash.expected,
                    counted=cash.counted,
                )
            )
            continue
        expected = taken.get(kind, 0) - paid_back.get(kind, 0)
        settled: int | None = others.get(kind)
        if settled is None and counted:
            settled = expected
        tenders.append(
            TenderTotal(
                kind=kind,
                count=tender_count.get(kind, 0),
                sales=taken.get(kind, 0),
                refunds=paid_back.get(kind, 0),
                expected=expected,
                counted=settled,
            )
        )
    return tuple(tenders)


def _sales_of_till(sales: Iterable[SaleRecord], shift: ShiftInfo) -> list[SaleRecord]:
    """The shift's sales in the order they were made; a sale of another till is a bug."""
    ordered = sorted(sales, key=lambda s: (s.sold_at, s.receipt_no))
    for sale in ordered:
        if sale.till_code != shift.till_code:
            raise ValueError(f"sale {sale.receipt_no} is not from till {shift.till_code}")
    return ordered


def _takings(
    sales: Sequence[SaleRecord], refunds: Sequence[RefundSummary]
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Per tender kind: taken in sales, how many tenders, and paid back in refunds."""
    taken: dict[str, int] = {}
    tender_count: dict[str, int] = {}
    for sale in sales:
        for tender in sale.tenders:
            _add(taken, tender.kind.value, tender.amount)
            _add(tender_count, tender.kind.value, 1)
    paid_back: dict[str, int] = {}
    for refund in refunds:
        for tender_kind, amount in refund.tenders:
            _add(paid_back, tender_kind, amount)
    return taken, tender_count, paid_back


def _checked_others(other_counted: Mapping[str, int] | None) -> dict[str, int]:
    others = dict(other_counted or {})
    for other_kind, amount in others.items():
        if other_kind == CASH:
            raise ValueError("cash is counted by denomination, not as another tender")
        if amount < 0:
            raise UserError("shift.counted_negative", tender=other_kind)
    return others


def build_shift_report(
    *,
    report_id: str,
    kind: ReportKind,
    report_no: int,
    created_at: datetime,
    shift: ShiftInfo,
    sales: Iterable[SaleRecord],
    refunds: Iterable[RefundLike],
    movements: Iterable[CashMovement],
    drawer_opens: int,
    approvals: int,
    pending_sales: int,
    count: CashCount | None = None,
    other_counted: Mapping[str, int] | None = None,
    note: str = "",
) -> ShiftReport:
    """The report of ``shift`` as of ``created_at``.

    A Z report needs the counted cash (``count``) and a closed shift; an X report may carry a
    count too (a mid-shift check) or none. ``other_counted`` gives the settled figure of a
    non-cash tender (the EDC batch total) when someone entered one; otherwise that tender's
    counted figure is taken to be what the till expects.
    """
    if report_no < 1:
        raise ValueError(f"report numbers start at 1: {report_no}")
    _non_negative(
        drawer_opens=drawer_opens,
        approvals=approvals,
        pending_sales=pending_sales,
        opening_float=shift.opening_float,
    )
    note = _checked_note(kind, shift, count, note)
    ordered = _sales_of_till(sales, shift)
    refund_list = tuple(RefundSummary.of(r) for r in refunds)
    movement_list = tuple(sorted(movements, key=lambda m: (m.at, m.movement_id)))
    for m in movement_list:
        if m.amount <= 0:
            raise ValueError(f"cash movement {m.movement_id} has a non-positive amount")
    taken, tender_count, paid_back = _takings(ordered, refund_list)
    cash = CashSummary(
        opening_float=shift.opening_float,
        received=taken.get(CASH, 0),
        change=sum(s.change for s in ordered),
        cash_in=sum(m.amount for m in movement_list if m.kind is MovementKind.IN),
        cash_out=sum(m.amount for m in movement_list if m.kind is MovementKind.OUT),
        refunds=paid_back.get(CASH, 0),
        counted=None if count is None else count.total,
    )
    others = _checked_others(other_counted)
    return ShiftReport(
        report_id=report_id,
        kind=kind,
        report_no=report_no,
        created_at=created_at,
        shift=shift,
        sales_count=len(ordered),
        first_receipt_no=ordered[0].receipt_no if ordered else "",
        last_receipt_no=ordered[-1].receipt_no if ordered else "",
        gross=sum(s.subtotal for s in ordered),
        discounts=sum(s.discount_total for s in ordered),
        taxes=_tax_totals(ordered, refund_list),
        tax_added=sum(s.tax_added for s in ordered),
        tax_included=sum(s.tax_included for s in ordered),
        rounding=sum(s.rounding for s in ordered),
        sales_total=sum(s.total for s in ordered),
        refunds=refund_list,
        tenders=_tender_totals(cash, taken, tender_count, paid_back, others, count is not None),
        cash=cash,
        movements=movement_list,
        drawer_opens=drawer_opens,
        approvals=approvals,
        pending_sales=pending_sales,
        count=count,
        note=note,
    )
