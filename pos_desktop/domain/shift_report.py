"""The X and Z reports of a shift: what was sold, refunded and moved, and what the drawer holds.

An X report is a look at the running shift (as often as wanted, nothing closes); the Z report is
the same computation at close, with the counted cash, and is numbered per till without ever
repeating. Both are built here from plain inputs (the shift's sales, refunds, cash movements and
a few counts), so the till, its tests and the cloud compute them the same way, and the finished
report is one immutable document: printed, stored and synced as ``to_json`` gives it (integers
and strings only; times as ISO text with their offset).

Cash the drawer should hold = opening float + cash received - change given + cash in - cash out
- cash refunded. Non-cash tenders are settled elsewhere (the EDC batch, the QRIS dashboard); the
report shows what the till expects for each, and a difference only when a figure was entered.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.sale import SaleRecord

SCHEMA_VERSION: Final = 1
NOTE_MAX: Final = 200
CASH: Final = TenderKind.CASH.value


class ReportKind(enum.StrEnum):
    X = "X"
    Z = "Z"


class MovementKind(enum.StrEnum):
    IN = "in"
    OUT = "out"


class MovementReason(enum.StrEnum):
    """Why cash went into or out of the drawer outside a sale: a short list, so reports can
    add them up; ``OTHER`` needs a note."""

    CHANGE_FUND = "change_fund"
    """Small notes and coins brought in for change (tambah uang kembalian)."""
    SAFE_DROP = "safe_drop"
    """Big notes taken to the safe mid-shift (setor ke brankas)."""
    PETTY_CASH = "petty_cash"
    """Small shop expenses paid from the drawer (biaya operasional)."""
    SUPPLIER_PAYMENT = "supplier_payment"
    OTHER = "other"


MAX_CASH_AMOUNT: Final = 1_000_000_000
"""Rp1 miliar through one drawer in one movement is a typo."""


def check_float(amount: int) -> int:
    """The opening float (kas awal) as the cashier entered it: zero is allowed."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise UserError("shift.float_invalid")
    if amount < 0:
        raise UserError("shift.float_negative")
    if amount > MAX_CASH_AMOUNT:
        raise UserError("shift.float_too_large", max_amount=MAX_CASH_AMOUNT)
    return amount


def check_movement(amount: int, reason: str, note: str) -> tuple[int, MovementReason, str]:
    """Validate a cash in/out before anything is stored; returns the cleaned values."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise UserError("cash.amount_not_positive")
    if amount > MAX_CASH_AMOUNT:
        raise UserError("cash.amount_too_large", max_amount=MAX_CASH_AMOUNT)
    reason = reason.strip()
    if not reason:
        raise UserError("cash.reason_required")
    try:
        known = MovementReason(reason)
    except ValueError:
        raise UserError("cash.reason_unknown", reason=reason[:32]) from None
    note = " ".join(note.split())
    if len(note) > NOTE_MAX:
        raise UserError("cash.note_too_long", maximum=NOTE_MAX)
    if known is MovementReason.OTHER and not note:
        raise UserError("cash.note_required")
    return amount, known, note


@dataclass(frozen=True, slots=True)
class ShiftInfo:
    shift_id: str
    store_code: str
    till_code: str
    opened_at: datetime
    opened_by: str
    opening_float: int
    closed_at: datetime | None = None
    closed_by: str | None = None


@dataclass(frozen=True, slots=True)
class CashMovement:
    """Cash put into (change from the office) or taken out of (petty cash, a safe drop) the
    drawer, outside any sale."""

    movement_id: str
    kind: MovementKind
    amount: int
    reason: str
    note: str
    at: datetime
    actor_code: str
    approver_code: str | None = None


class RefundLike(Protocol):
    """What a report needs of a refund; ``RefundSummary`` is the plain form."""

    @property
    def refund_id(self) -> str: ...
    @property
    def refund_no(self) -> str: ...
    @property
    def total(self) -> int: ...
    @property
    def tenders(self) -> tuple[tuple[str, int], ...]: ...
    @property
    def taxes(self) -> tuple[tuple[str, int], ...]: ...
    @property
    def discounts(self) -> int: ...


@dataclass(frozen=True, slots=True)
class RefundSummary:
    refund_id: str
    refund_no: str
    total: int
    """What was paid back, all tenders together."""
    tenders: tuple[tuple[str, int], ...]
    """(tender kind, amount paid back in it): ``("cash", 12_500)``."""
    taxes: tuple[tuple[str, int], ...] = ()
    """(tax code, tax reversed) for the returned lines."""
    discounts: int = 0
    """Discount that had been given on the returned lines (reversed with them)."""

    @staticmethod
    def of(refund: RefundLike) -> RefundSummary:
        return RefundSummary(
            refund.refund_id,
            refund.refund_no,
            refund.total,
            tuple(refund.tenders),
            tuple(refund.taxes),
            refund.discounts,
        )


@dataclass(frozen=True, slots=True)
class TaxTotal:
    code: str
    name: str
    rate_bp: int
    included: bool
    base: int
    tax: int
    refunded: int
    """Tax of this code given back with refunds."""

    @property
    def net(self) -> int:
        return self.tax - self.refunded


@dataclass(frozen=True, slots=True)
class TenderTotal:
    kind: str
    count: int
    """Tenders of this kind taken in sales."""
    sales: int
    """Taken in sales; for cash, what stayed in the drawer (received minus change)."""
    refunds: int
    expected: int
    counted: int | None
    """``None`` on an X report: nothing was counted."""

    @property
    def difference(self) -> int | None:
        """Selisih: counted minus expected (negative = short)."""
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True, slots=True)
class CashSummary:
    opening_float: int
    received: int
    change: int
    cash_in: int
    cash_out: int
    refunds: int
    counted: int | None

    @property
    def expected(self) -> int:
        return (
            self.opening_float
            + self.received
            - self.change
            + self.cash_in
            - self.cash_out
            - self.refunds
        )

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True, slots=True)
class ShiftReport:
    report_id: str
    kind: ReportKind
    report_no: int
    created_at: datetime
    shift: ShiftInfo
    sales_count: int
    first_receipt_no: str
    last_receipt_no: str
    gross: int
    """Sum of the sales' subtotals, before discounts."""
    discounts: int
    taxes: tuple[TaxTotal, ...]
    tax_added: int
    tax_included: int
    rounding: int
    sales_total: int
    """What customers paid: gross - discounts + tax added + rounding."""
    refunds: tuple[RefundSummary, ...]
    tenders: tuple[TenderTotal, ...]
    cash: CashSummary
    movements: tuple[CashMovement, ...]
    drawer_opens: int
    """Drawer opened without a sale."""
    approvals: int
    """Overrides a supervisor or manager approved during the shift."""
    pending_sales: int
    """Sales of this till not yet acknowledged by the cloud when the report was made."""
    count: CashCount | None
    note: str

    @property
    def refunds_count(self) -> int:
        return len(self.refunds)

    @property
    def refunds_total(self) -> int:
        return sum(r.total for r in self.refunds)

    @property
    def refund_discounts(self) -> int:
        return sum(r.discounts for r in self.refunds)

    @property
    def net_total(self) -> int:
        return self.sales_total - self.refunds_total

    @property
    def cash_in(self) -> int:
        return self.cash.cash_in

    @property
    def cash_out(self) -> int:
        return self.cash.cash_out

    @property
    def document_no(self) -> str:
        """Printed on the report and used as its file name: ``S01-T01-Z000012``; X reports
        carry the shift's first eight characters, being numbered per shift."""
        prefix = f"{self.shift.store_code}-{self.shift.till_code}"
        if self.kind is ReportKind.Z:
            return f"{prefix}-Z{self.report_no:06d}"
        return f"{prefix}-X{self.report_no:03d}-{self.shift.shift_id[:8]}"

    # --- JSON ---------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "report_id": self.report_id,
            "kind": self.kind.value,
            "report_no": self.report_no,
            "created_at": self.created_at.isoformat(),
            "shift": {
                "shift_id": self.shift.shift_id,
                "store_code": self.shift.store_code,
                "till_code": self.shift.till_code,
                "opened_at": self.shift.opened_at.isoformat(),
                "opened_by": self.shift.opened_by,
                "opening_float": self.shift.opening_float,
                "closed_at": _iso(self.shift.closed_at),
                "closed_by": self.shift.closed_by,
            },
            "sales": {
                "count": self.sales_count,
                "first_receipt_no": self.first_receipt_no,
                "last_receipt_no": self.last_receipt_no,
                "gross": self.gross,
                "discounts": self.discounts,
                "tax_added": self.tax_added,
                "tax_included": self.tax_included,
                "rounding": self.rounding,
                "total": self.sales_total,
            },
            "taxes": [
                {
                    "code": t.code,
                    "name": t.name,
                    "rate_bp": t.rate_bp,
                    "included": t.included,
                    "base": t.base,
                    "tax": t.tax,
                    "refunded": t.refunded,
                }
                for t in self.taxes
            ],
            "refunds": {
                "count": self.refunds_count,
                "total": self.refunds_total,
                "discounts": self.refund_discounts,
                "items": [
                    {
                        "refund_id": r.refund_id,
                        "refund_no": r.refund_no,
                        "total": r.total,
                        "tenders": [[kind, amount] for kind, amount in r.tenders],
                        "taxes": [[code, tax] for code, tax in r.taxes],
                        "discounts": r.discounts,
                    }
                    for r in self.refunds
                ],
            },
            "net_total": self.net_total,
            "tenders": [
                {
                    "kind": t.kind,
                    "count": t.count,
                    "sales": t.sales,
                    "refunds": t.refunds,
                    "expected": t.expected,
                    "counted": t.counted,
                    "difference": t.difference,
                }
                for t in self.tenders
            ],
            "cash": {
                "opening_float": self.cash.opening_float,
                "received": self.cash.received,
                "change": self.cash.change,
                "cash_in": self.cash.cash_in,
                "cash_out": self.cash.cash_out,
                "refunds": self.cash.refunds,
                "expected": self.cash.expected,
                "counted": self.cash.counted,
                "difference": self.cash.difference,
            },
            "movements": [
                {
                    "movement_id": m.movement_id,
                    "kind": m.kind.value,
                    "amount": m.amount,
                    "reason": m.reason,
                    "note": m.note,
                    "at": m.at.isoformat(),
                    "actor_code": m.actor_code,
                    "approver_code": m.approver_code,
                }
                for m in self.movements
            ],
            "drawer_opens": self.drawer_opens,
            "approvals": self.approvals,
            "pending_sales": self.pending_sales,
            "count": None if self.count is None else self.count.to_json(),
            "note": self.note,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> ShiftReport:
        """Read a report document; ``ValueError``/``KeyError``/``TypeError`` when malformed.

        Derived figures in the document (totals, expected, difference) are recomputed from the
        parts, not trusted: ``check_consistent`` says whether the sender's agreed.
        """
        schema = int(data["schema"])
        if schema != SCHEMA_VERSION:
            raise ValueError(f"unknown shift report schema {schema}")
        shift = data["shift"]
        sales = data["sales"]
        cash = data["cash"]
        count = data.get("count")
        return ShiftReport(
            report_id=_text(data["report_id"]),
            kind=ReportKind(data["kind"]),
            report_no=_int(data["report_no"]),
            created_at=_time(data["created_at"]),
            shift=ShiftInfo(
                shift_id=_text(shift["shift_id"]),
                store_code=_text(shift["store_code"]),
                till_code=_text(shift["till_code"]),
                opened_at=_time(shift["opened_at"]),
                opened_by=_text(shift["opened_by"]),
                opening_float=_int(shift["opening_float"]),
                closed_at=None if shift.get("closed_at") is None else _time(shift["closed_at"]),
                closed_by=None if shift.get("closed_by") is None else _text(shift["closed_by"]),
            ),
            sales_count=_int(sales["count"]),
            first_receipt_no=_text(sales["first_receipt_no"]),
            last_receipt_no=_text(sales["last_receipt_no"]),
            gross=_int(sales["gross"]),
            discounts=_int(sales["discounts"]),
            taxes=tuple(
                TaxTotal(
                    code=_text(t["code"]),
                    name=_text(t["name"]),
                    rate_bp=_int(t["rate_bp"]),
                    included=bool(t["included"]),
                    base=_int(t["base"]),
                    tax=_int(t["tax"]),
                    refunded=_int(t["refunded"]),
                )
                for t in data["taxes"]
            ),
            tax_added=_int(sales["tax_added"]),
            tax_included=_int(sales["tax_included"]),
            rounding=_int(sales["rounding"]),
            sales_total=_int(sales["total"]),
            refunds=tuple(
                RefundSummary(
                    refund_id=_text(r["refund_id"]),
                    refund_no=_text(r["refund_no"]),
                    total=_int(r["total"]),
                    tenders=tuple((_text(k), _int(a)) for k, a in r["tenders"]),
                    taxes=tuple((_text(c), _int(a)) for c, a in r["taxes"]),
                    discounts=_int(r["discounts"]),
                )
                for r in data["refunds"]["items"]
            ),
            tenders=tuple(
                TenderTotal(
                    kind=_text(t["kind"]),
                    count=_int(t["count"]),
                    sales=_int(t["sales"]),
                    refunds=_int(t["refunds"]),
                    expected=_int(t["expected"]),
                    counted=None if t.get("counted") is None else _int(t["counted"]),
                )
                for t in data["tenders"]
            ),
            cash=CashSummary(
                opening_float=_int(cash["opening_float"]),
                received=_int(cash["received"]),
                change=_int(cash["change"]),
                cash_in=_int(cash["cash_in"]),
                cash_out=_int(cash["cash_out"]),
                refunds=_int(cash["refunds"]),
                counted=None if cash.get("counted") is None else _int(cash["counted"]),
            ),
            movements=tuple(
                CashMovement(
                    movement_id=_text(m["movement_id"]),
                    kind=MovementKind(m["kind"]),
                    amount=_int(m["amount"]),
                    reason=_text(m["reason"]),
                    note=_text(m["note"]),
                    at=_time(m["at"]),
                    actor_code=_text(m["actor_code"]),
                    approver_code=None
                    if m.get("approver_code") is None
                    else _text(m["approver_code"]),
                )
                for m in data["movements"]
            ),
            drawer_opens=_int(data["drawer_opens"]),
            approvals=_int(data["approvals"]),
            pending_sales=_int(data["pending_sales"]),
            count=None if count is None else CashCount.from_json(count),
            note=_text(data.get("note", "")),
        )

    def check_consistent(self, data: Mapping[str, Any]) -> list[str]:
        """Where the derived figures in ``data`` (as sent) differ from this report's own:
        the cloud stores the report anyway and flags it."""
        mine = self.to_json()
        problems: list[str] = []
        for path in (
            ("net_total",),
            ("refunds", "count"),
            ("refunds", "total"),
            ("refunds", "discounts"),
            ("cash", "expected"),
            ("cash", "difference"),
        ):
            sent: Any = data
            ours: Any = mine
            for part in path:
                sent = sent.get(part) if isinstance(sent, Mapping) else None
                ours = ours[part]
            if sent != ours:
                problems.append(f"{'.'.join(path)}: sent {sent} computed {ours}")
        sent_tenders = data.get("tenders")
        if isinstance(sent_tenders, list) and len(sent_tenders) == len(self.tenders):
            for sent_t, t in zip(sent_tenders, self.tenders, strict=True):
                if not isinstance(sent_t, Mapping) or sent_t.get("difference") != t.difference:
                    problems.append(f"tenders.{t.kind}.difference: computed {t.difference}")
        if self.count is not None and self.cash.counted != self.count.total:
            problems.append(f"cash.counted {self.cash.counted} is not the count {self.count.total}")
        return problems


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _time(value: object) -> datetime:
    at = datetime.fromisoformat(_text(value))
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("report times must carry their offset")
    return at


def _tender_order(kind: str) -> tuple[int, str]:
    order = [k.value for k in TenderKind]
    return (order.index(kind), kind) if kind in order else (len(order), kind)


def _non_negative(**values: int) -> None:
    for name, value in values.items():
        if value < 0:
            raise ValueError(f"{name} must not be negative: {value}")


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
    if kind is ReportKind.Z:
        if count is None:
            raise UserError("shift.count_required")
        if shift.closed_at is None or shift.closed_by is None:
            raise ValueError("a Z report is made for a closed shift")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise UserError("shift.note_too_long", maximum=NOTE_MAX)

    ordered = sorted(sales, key=lambda s: (s.sold_at, s.receipt_no))
    for sale in ordered:
        if sale.till_code != shift.till_code:
            raise ValueError(f"sale {sale.receipt_no} is not from till {shift.till_code}")
    refund_list = tuple(RefundSummary.of(r) for r in refunds)
    movement_list = tuple(sorted(movements, key=lambda m: (m.at, m.movement_id)))
    for m in movement_list:
        if m.amount <= 0:
            raise ValueError(f"cash movement {m.movement_id} has a non-positive amount")

    taxes: dict[str, dict[str, Any]] = {}
    for sale in ordered:
        for t in sale.taxes:
            entry = taxes.setdefault(
                t.code,
                {"name": t.name, "rate_bp": t.rate_bp, "included": t.included, "base": 0, "tax": 0},
            )
            entry["base"] += t.base
            entry["tax"] += t.tax
    refunded_tax: dict[str, int] = {}
    for refund in refund_list:
        for code, amount in refund.taxes:
            refunded_tax[code] = refunded_tax.get(code, 0) + amount
    for code in refunded_tax:
        taxes.setdefault(code, {"name": code, "rate_bp": 0, "included": False, "base": 0, "tax": 0})
    tax_totals = tuple(
        TaxTotal(
            code=code,
            name=str(entry["name"]),
            rate_bp=int(entry["rate_bp"]),
            included=bool(entry["included"]),
            base=int(entry["base"]),
            tax=int(entry["tax"]),
            refunded=refunded_tax.get(code, 0),
        )
        for code, entry in sorted(taxes.items())
    )

    taken: dict[str, int] = {}
    tender_count: dict[str, int] = {}
    for sale in ordered:
        for tender in sale.tenders:
            taken[tender.kind.value] = taken.get(tender.kind.value, 0) + tender.amount
            tender_count[tender.kind.value] = tender_count.get(tender.kind.value, 0) + 1
    paid_back: dict[str, int] = {}
    for refund in refund_list:
        for tender_kind, amount in refund.tenders:
            paid_back[tender_kind] = paid_back.get(tender_kind, 0) + amount

    change = sum(s.change for s in ordered)
    cash = CashSummary(
        opening_float=shift.opening_float,
        received=taken.get(CASH, 0),
        change=change,
        cash_in=sum(m.amount for m in movement_list if m.kind is MovementKind.IN),
        cash_out=sum(m.amount for m in movement_list if m.kind is MovementKind.OUT),
        refunds=paid_back.get(CASH, 0),
        counted=None if count is None else count.total,
    )
    others = dict(other_counted or {})
    for other_kind, amount in others.items():
        if other_kind == CASH:
            raise ValueError("cash is counted by denomination, not as another tender")
        if amount < 0:
            raise UserError("shift.counted_negative", tender=other_kind)
    kinds = sorted({CASH, *taken, *paid_back, *others}, key=_tender_order)
    tenders: list[TenderTotal] = []
    for tender_kind in kinds:
        if tender_kind == CASH:
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
        expected = taken.get(tender_kind, 0) - paid_back.get(tender_kind, 0)
        counted: int | None = others.get(tender_kind)
        if counted is None and count is not None:
            counted = expected
        tenders.append(
            TenderTotal(
                kind=tender_kind,
                count=tender_count.get(tender_kind, 0),
                sales=taken.get(tender_kind, 0),
                refunds=paid_back.get(tender_kind, 0),
                expected=expected,
                counted=counted,
            )
        )

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
        taxes=tax_totals,
        tax_added=sum(s.tax_added for s in ordered),
        tax_included=sum(s.tax_included for s in ordered),
        rounding=sum(s.rounding for s in ordered),
        sales_total=sum(s.total for s in ordered),
        refunds=refund_list,
        tenders=tuple(tenders),
        cash=cash,
        movements=movement_list,
        drawer_opens=drawer_opens,
        approvals=approvals,
        pending_sales=pending_sales,
        count=count,
        note=note,
    )
