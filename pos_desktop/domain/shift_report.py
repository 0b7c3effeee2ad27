"""The X and Z reports of a shift: what was sold, refunded and moved, and what the drawer holds.

An X report is a look at the running shift (as often as wanted, nothing closes); the Z report is
the same computation at close, with the counted cash, and is numbered per till without ever
repeating. Both are built from plain inputs (the shift's sales, refunds, cash movements and a
few counts) by ``shift_totals.build_shift_report``, so the till, its tests and the cloud compute
them the same way, and the finished report is one immutable document: printed, stored and synced
as ``to_json`` gives it (integers and strings only; times as ISO text with their offset).

Cash the drawer should hold = opening float + cash received - change given + cash in - cash out
- cash refunded. Non-cash tenders are settled elsewhere (the EDC batch, the QRIS dashboard); the
report shows what the till expects for each, and a difference only when a figure was entered.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import TenderKind

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

    def to_json(self) -> dict[str, Any]:
        return {
            "shift_id": self.shift_id,
            "store_code": self.store_code,
            "till_code": self.till_code,
            "opened_at": self.opened_at.isoformat(),
            "opened_by": self.opened_by,
            "opening_float": self.opening_float,
            "closed_at": _iso(self.closed_at),
            "closed_by": self.closed_by,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> ShiftInfo:
        return ShiftInfo(
            shift_id=_text(data["shift_id"]),
            store_code=_text(data["store_code"]),
            till_code=_text(data["till_code"]),
            opened_at=_time(data["opened_at"]),
            opened_by=_text(data["opened_by"]),
            opening_float=_int(data["opening_float"]),
            closed_at=None if data.get("closed_at") is None else _time(data["closed_at"]),
            closed_by=None if data.get("closed_by") is None else _text(data["closed_by"]),
        )


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

    def to_json(self) -> dict[str, Any]:
        return {
            "movement_id": self.movement_id,
            "kind": self.kind.value,
            "amount": self.amount,
            "reason": self.reason,
            "note": self.note,
            "at": self.at.isoformat(),
            "actor_code": self.actor_code,
            "approver_code": self.approver_code,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> CashMovement:
        approver = data.get("approver_code")
        return CashMovement(
            movement_id=_text(data["movement_id"]),
            kind=MovementKind(data["kind"]),
            amount=_int(data["amount"]),
            reason=_text(data["reason"]),
            note=_text(data["note"]),
            at=_time(data["at"]),
            actor_code=_text(data["actor_code"]),
            approver_code=None if approver is None else _text(approver),
        )


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

    def to_json(self) -> dict[str, Any]:
        return {
            "refund_id": self.refund_id,
            "refund_no": self.refund_no,
            "total": self.total,
            "tenders": [[kind, amount] for kind, amount in self.tenders],
            "taxes": [[code, tax] for code, tax in self.taxes],
            "discounts": self.discounts,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> RefundSummary:
        return RefundSummary(
            refund_id=_text(data["refund_id"]),
            refund_no=_text(data["refund_no"]),
            total=_int(data["total"]),
            tenders=tuple((_text(k), _int(a)) for k, a in data["tenders"]),
            taxes=tuple((_text(c), _int(a)) for c, a in data["taxes"]),
            discounts=_int(data["discounts"]),
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

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "rate_bp": self.rate_bp,
            "included": self.included,
            "base": self.base,
            "tax": self.tax,
            "refunded": self.refunded,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> TaxTotal:
        return TaxTotal(
            code=_text(data["code"]),
            name=_text(data["name"]),
            rate_bp=_int(data["rate_bp"]),
            included=bool(data["included"]),
            base=_int(data["base"]),
            tax=_int(data["tax"]),
            refunded=_int(data["refunded"]),
        )


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

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "count": self.count,
            "sales": self.sales,
            "refunds": self.refunds,
            "expected": self.expected,
            "counted": self.counted,
            "difference": self.difference,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> TenderTotal:
        return TenderTotal(
            kind=_text(data["kind"]),
            count=_int(data["count"]),
            sales=_int(data["sales"]),
            refunds=_int(data["refunds"]),
            expected=_int(data["expected"]),
            counted=None if data.get("counted") is None else _int(data["counted"]),
        )


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

    def to_json(self) -> dict[str, Any]:
        return {
            "opening_float": self.opening_float,
            "received": self.received,
            "change": self.change,
            "cash_in": self.cash_in,
            "cash_out": self.cash_out,
            "refunds": self.refunds,
            "expected": self.expected,
            "counted": self.counted,
            "difference": self.difference,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> CashSummary:
        """Derived figures (``expected``, ``difference``) are recomputed, not read."""
        return CashSummary(
            opening_float=_int(data["opening_float"]),
            received=_int(data["received"]),
            change=_int(data["change"]),
            cash_in=_int(data["cash_in"]),
            cash_out=_int(data["cash_out"]),
            refunds=_int(data["refunds"]),
            counted=None if data.get("counted") is None else _int(data["counted"]),
        )


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
            "shift": self.shift.to_json(),
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
            "taxes": [t.to_json() for t in self.taxes],
            "refunds": {
                "count": self.refunds_count,
                "total": self.refunds_total,
                "discounts": self.refund_discounts,
                "items": [r.to_json() for r in self.refunds],
            },
            "net_total": self.net_total,
            "tenders": [t.to_json() for t in self.tenders],
            "cash": self.cash.to_json(),
            "movements": [m.to_json() for m in self.movements],
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
        count = data.get("count")
        return ShiftReport(
            report_id=_text(data["report_id"]),
            kind=ReportKind(data["kind"]),
            report_no=_int(data["report_no"]),
            created_at=_time(data["created_at"]),
            shift=ShiftInfo.from_json(shift),
            sales_count=_int(sales["count"]),
            first_receipt_no=_text(sales["first_receipt_no"]),
            last_receipt_no=_text(sales["last_receipt_no"]),
            gross=_int(sales["gross"]),
            discounts=_int(sales["discounts"]),
            taxes=tuple(TaxTotal.from_json(t) for t in data["taxes"]),
            tax_added=_int(sales["tax_added"]),
            tax_included=_int(sales["tax_included"]),
            rounding=_int(sales["rounding"]),
            sales_total=_int(sales["total"]),
            refunds=tuple(RefundSummary.from_json(r) for r in data["refunds"]["items"]),
            tenders=tuple(TenderTotal.from_json(t) for t in data["tenders"]),
            cash=CashSummary.from_json(data["cash"]),
            movements=tuple(CashMovement.from_json(m) for m in data["movements"]),
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
