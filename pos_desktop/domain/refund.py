"""Refunds (retur): giving back part or all of a completed sale, never more than was sold.

A refund is its own immutable document, like a sale: stored on the till, printed on the refund
slip and sent to the cloud as JSON (``to_json`` / ``from_json``). It points at the original sale
by id and receipt number and names the original lines it returns by their ``line_no``.

Money rules (one place, used by the till and the cloud alike):

* **Line amounts** are the line's ``net`` (after line and order discounts) prorated by quantity,
  computed on the *cumulative* quantity returned so far: a refund that brings the returned
  quantity of a line to ``c`` out of ``Q`` sold gives back ``round(net * c / Q)`` minus what
  earlier refunds of that line already gave back. Partial refunds therefore add up, in any
  order and any split, to exactly the line's net once everything is returned, and never to more.
* **Tax**: each line's share of its category's receipt tax (the sale's ``TaxLine``, split over
  the category's lines by net with the same largest-remainder rule as the order discount) is
  prorated the same cumulative way. Included tax (PPN in the price) is shown, not added; tax
  charged on top (PB1, exclusive PPN) is paid back on top of the line amounts.
* **Pembulatan**: the sale's total was rounded to the store's cash step. The refund total is
  computed on the cumulative payable amount returned: ``round_to_step(cumulative)`` minus what
  earlier refunds paid back, and the sale's exact ``total`` once everything is returned. So each
  refund is a multiple of the cash step (payable from the drawer without small coins), refunds
  never add up to more than the customer paid, and a full return gives back exactly the total.
  The difference to the line amounts is the refund's own ``rounding``. When the sale's total was
  not rounded with the given step (the step changed since), no intermediate rounding is done.
* **Tenders**: back to the original tenders in proportion to what each actually paid (cash net of
  change); card/QRIS/e-wallet shares are rounded down and cash takes the rest ("cash last"), so
  a non-cash tender never gets back more than it paid, over any number of refunds. Or all cash.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.money import round_half_up
from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.sale import SaleLine, SaleRecord
from pos_desktop.domain.totals import allocate, round_to_step

SCHEMA_VERSION = 1

QTY_QUANTUM = Decimal("0.001")
COUNTABLE_UNITS = frozenset({"", "pcs", "pc", "buah"})


@dataclass(frozen=True, slots=True)
class RefundLine:
    line_no: int
    """The ORIGINAL sale's line number."""
    product_id: str
    sku: str
    name: str
    quantity: Decimal
    unit: str
    amount: int
    """The prorated share of the line's net (tax included when prices include tax)."""
    tax_code: str
    tax: int = 0
    """The prorated share of the sale's tax for this line's category."""
    tax_included: bool = True
    """True when ``tax`` is inside ``amount``; False when it is paid back on top."""

    @property
    def payable(self) -> int:
        """What this line gives back before pembulatan."""
        return self.amount if self.tax_included else self.amount + self.tax


@dataclass(frozen=True, slots=True)
class RefundTender:
    """Where the money goes back: a ``Tender``-like record of one payout."""

    kind: TenderKind
    amount: int
    reference: str = ""
    provider: str = ""
    card_last4: str = ""
    original_tender_no: int = 0
    """1-based index into the sale's tenders this payout reverses; 0 for cash not from one."""


@dataclass(frozen=True, slots=True)
class RefundRecord:
    refund_id: str
    """UUID made by the till; the idempotency key in the cloud."""
    refund_no: str
    store_code: str
    till_code: str
    """The till that paid the refund (may differ from the original sale's till)."""
    refunded_at: datetime
    cashier_code: str
    cashier_name: str
    approver_code: str | None
    approver_name: str
    reason: str
    original_sale_id: str
    original_receipt_no: str
    original_store_code: str
    original_till_code: str
    original_sold_at: datetime
    currency: str
    lines: tuple[RefundLine, ...]
    subtotal: int
    """Sum of line amounts."""
    tax_added: int
    """Tax that was charged on top of the prices and is given back on top."""
    tax_included: int
    rounding: int
    total: int
    """What the customer gets back: subtotal + tax_added + rounding."""
    tenders: tuple[RefundTender, ...]
    to_cash: bool

    def quantities(self) -> dict[int, Decimal]:
        return {ln.line_no: ln.quantity for ln in self.lines}

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "refund_id": self.refund_id,
            "refund_no": self.refund_no,
            "store_code": self.store_code,
            "till_code": self.till_code,
            "refunded_at": self.refunded_at.isoformat(),
            "cashier_code": self.cashier_code,
            "cashier_name": self.cashier_name,
            "approver_code": self.approver_code,
            "approver_name": self.approver_name,
            "reason": self.reason,
            "original_sale_id": self.original_sale_id,
            "original_receipt_no": self.original_receipt_no,
            "original_store_code": self.original_store_code,
            "original_till_code": self.original_till_code,
            "original_sold_at": self.original_sold_at.isoformat(),
            "currency": self.currency,
            "lines": [
                {
                    "line_no": ln.line_no,
                    "product_id": ln.product_id,
                    "sku": ln.sku,
                    "name": ln.name,
                    "quantity": str(ln.quantity),
                    "unit": ln.unit,
                    "amount": ln.amount,
                    "tax_code": ln.tax_code,
                    "tax": ln.tax,
                    "tax_included": ln.tax_included,
                }
                for ln in self.lines
            ],
            "subtotal": self.subtotal,
            "tax_added": self.tax_added,
            "tax_included": self.tax_included,
            "rounding": self.rounding,
            "total": self.total,
            "tenders": [
                {
                    "kind": t.kind.value,
                    "amount": t.amount,
                    "reference": t.reference,
                    "provider": t.provider,
                    "card_last4": t.card_last4,
                    "original_tender_no": t.original_tender_no,
                }
                for t in self.tenders
            ],
            "to_cash": self.to_cash,
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> RefundRecord:
        """Raises ``ValueError``/``KeyError``/``TypeError`` on a malformed document."""
        schema = int(data.get("schema", SCHEMA_VERSION))
        if schema != SCHEMA_VERSION:
            raise ValueError(f"unknown refund schema {schema}")
        approver = data.get("approver_code")
        refunded_at = datetime.fromisoformat(str(data["refunded_at"]))
        sold_at = datetime.fromisoformat(str(data["original_sold_at"]))
        if refunded_at.tzinfo is None or sold_at.tzinfo is None:
            raise ValueError("refund times must carry a UTC offset")
        return RefundRecord(
            refund_id=str(data["refund_id"]),
            refund_no=str(data["refund_no"]),
            store_code=str(data["store_code"]),
            till_code=str(data["till_code"]),
            refunded_at=refunded_at,
            cashier_code=str(data["cashier_code"]),
            cashier_name=str(data.get("cashier_name", "")),
            approver_code=None if approver in (None, "") else str(approver),
            approver_name=str(data.get("approver_name") or ""),
            reason=str(data.get("reason") or ""),
            original_sale_id=str(data["original_sale_id"]),
            original_receipt_no=str(data["original_receipt_no"]),
            original_store_code=str(data["original_store_code"]),
            original_till_code=str(data["original_till_code"]),
            original_sold_at=sold_at,
            currency=str(data.get("currency", "IDR")),
            lines=tuple(
                RefundLine(
                    line_no=int(ln["line_no"]),
                    product_id=str(ln["product_id"]),
                    sku=str(ln.get("sku", "")),
                    name=str(ln["name"]),
                    quantity=Decimal(str(ln["quantity"])),
                    unit=str(ln.get("unit", "pcs")),
                    amount=int(ln["amount"]),
                    tax_code=str(ln.get("tax_code", "")),
                    tax=int(ln.get("tax", 0)),
                    tax_included=bool(ln.get("tax_included", True)),
                )
                for ln in data["lines"]
            ),
            subtotal=int(data["subtotal"]),
            tax_added=int(data.get("tax_added", 0)),
            tax_included=int(data.get("tax_included", 0)),
            rounding=int(data.get("rounding", 0)),
            total=int(data["total"]),
            tenders=tuple(
                RefundTender(
                    kind=TenderKind(t["kind"]),
                    amount=int(t["amount"]),
                    reference=str(t.get("reference", "")),
                    provider=str(t.get("provider", "")),
                    card_last4=str(t.get("card_last4", "")),
                    original_tender_no=int(t.get("original_tender_no", 0)),
                )
                for t in data.get("tenders", ())
            ),
            to_cash=bool(data.get("to_cash", False)),
        )


def receipt_from_scan(raw: str) -> str:
    """The receipt number in what was typed or scanned.

    The receipt's QR code encodes the receipt number as is (``receipts.model.build_receipt``
    sets ``qr_payload = receipt_no``); scanners add a line end, people add spaces.
    """
    return "".join(raw.split())


def is_countable(line: SaleLine) -> bool:
    """Counted items (pcs) are returned whole; weighed ones (kg, with decimals) need not be."""
    return (
        line.unit.strip().lower() in COUNTABLE_UNITS
        and line.quantity == line.quantity.to_integral_value()
    )


def _earlier_of(sale: SaleRecord, earlier: Sequence[RefundRecord]) -> list[RefundRecord]:
    """The earlier refunds of this very sale, each once (by refund id)."""
    seen: dict[str, RefundRecord] = {}
    for refund in earlier:
        if refund.original_sale_id == sale.sale_id:
            seen.setdefault(refund.refund_id, refund)
    return list(seen.values())


def refunded_so_far(sale: SaleRecord, earlier: Sequence[RefundRecord]) -> dict[int, Decimal]:
    """Quantity already returned per original line."""
    done = {ln.line_no: Decimal(0) for ln in sale.lines}
    for refund in _earlier_of(sale, earlier):
        for ln in refund.lines:
            if ln.line_no in done:
                done[ln.line_no] += ln.quantity
    return done


def refundable(sale: SaleRecord, earlier_refunds: Sequence[RefundRecord]) -> dict[int, Decimal]:
    """Quantity still returnable per original line (never negative)."""
    done = refunded_so_far(sale, earlier_refunds)
    return {ln.line_no: max(Decimal(0), ln.quantity - done[ln.line_no]) for ln in sale.lines}


def line_taxes(sale: SaleRecord) -> dict[int, tuple[int, bool]]:
    """Each line's share of its category's receipt tax, and whether that tax is included.

    Split by net with the largest-remainder rule, so the shares add up to the receipt's tax.
    """
    shares: dict[int, tuple[int, bool]] = {ln.line_no: (0, True) for ln in sale.lines}
    for tax in sale.taxes:
        lines = [ln for ln in sale.lines if ln.tax_code == tax.code]
        parts = allocate(tax.tax, [max(0, ln.net) for ln in lines])
        for ln, part in zip(lines, parts, strict=True):
            shares[ln.line_no] = (part, tax.included)
    return shares


def _prorate(whole: int, cumulative: Decimal, sold: Decimal, already: int) -> int:
    """This refund's part of ``whole`` when the cumulative returned quantity reaches
    ``cumulative`` of ``sold`` and ``already`` was given back before."""
    if cumulative >= sold:
        target = whole
    else:
        target = round_half_up(Fraction(whole) * Fraction(cumulative) / Fraction(sold))
    return max(0, min(whole, target) - already)


def _check_quantity(line: SaleLine, raw: Decimal) -> Decimal:
    try:
        quantity = Decimal(raw)
    except (InvalidOperation, ValueError, TypeError):
        raise UserError("refund.quantity_invalid", name=line.name) from None
    if not quantity.is_finite():
        raise UserError("refund.quantity_invalid", name=line.name)
    if quantity <= 0:
        raise UserError("refund.quantity_not_positive", name=line.name)
    if is_countable(line):
        if quantity != quantity.to_integral_value():
            raise UserError("refund.quantity_not_whole", name=line.name)
        return quantity.quantize(Decimal(1))
    if quantity != quantity.quantize(QTY_QUANTUM):
        raise UserError("refund.quantity_invalid", name=line.name)
    return quantity.quantize(QTY_QUANTUM)


def format_remaining(quantity: Decimal) -> str:
    """A quantity for a message: ``2`` or ``1.255``."""
    if quantity == quantity.to_integral_value():
        return str(int(quantity))
    return str(quantity.normalize())


def tender_contributions(sale: SaleRecord) -> list[int]:
    """What each tender of the sale actually paid: cash net of the change (last cash first)."""
    paid = [t.amount for t in sale.tenders]
    change = sale.change
    for i in reversed(range(len(paid))):
        if change <= 0:
            break
        if sale.tenders[i].kind is TenderKind.CASH:
            taken = min(change, paid[i])
            paid[i] -= taken
            change -= taken
    return paid


def split_tenders(
    sale: SaleRecord, total: int, earlier: Sequence[RefundRecord], *, to_cash: bool
) -> tuple[RefundTender, ...]:
    """Where ``total`` goes back (see the module docstring)."""
    if total <= 0:
        return ()
    if to_cash or not sale.tenders:
        return (RefundTender(TenderKind.CASH, total),)
    paid = tender_contributions(sale)
    base = sum(paid)
    if base <= 0:
        return (RefundTender(TenderKind.CASH, total),)
    given = [0] * len(paid)
    for refund in _earlier_of(sale, earlier):
        for t in refund.tenders:
            if 1 <= t.original_tender_no <= len(paid):
                given[t.original_tender_no - 1] += t.amount
    shares = [0] * len(paid)
    cash_at = [i for i, t in enumerate(sale.tenders) if t.kind is TenderKind.CASH and paid[i] > 0]
    for i, tender in enumerate(sale.tenders):
        if tender.kind is not TenderKind.CASH:
            room = max(0, paid[i] - given[i])
            shares[i] = min(room, paid[i] * total // base)
    left = total - sum(shares)
    if not cash_at:
        # No cash was paid: the rupiah the round-down left goes to a non-cash tender with room.
        for i in sorted(range(len(paid)), key=lambda j: -(paid[j] - given[j] - shares[j])):
            if left <= 0:
                break
            if sale.tenders[i].kind is TenderKind.CASH:
                continue
            extra = min(left, max(0, paid[i] - given[i] - shares[i]))
            shares[i] += extra
            left -= extra
    out: list[RefundTender] = []
    for i, tender in enumerate(sale.tenders):
        amount = shares[i]
        if cash_at and i == cash_at[0]:
            amount += left
            left = 0
        if amount > 0:
            out.append(
                RefundTender(
                    kind=tender.kind,
                    amount=amount,
                    reference=tender.reference or tender.approval_code,
                    provider=tender.provider,
                    card_last4=tender.card_last4,
                    original_tender_no=i + 1,
                )
            )
    if left > 0:
        out.append(RefundTender(TenderKind.CASH, left))
    return tuple(out)


def _effective_step(sale: SaleRecord, step: int) -> int:
    payable = sale.total - sale.rounding
    if step > 0 and round_to_step(payable, step) == sale.total:
        return step
    return 0


def _wanted(
    sale: SaleRecord, requested: Mapping[int, Decimal], store_code: str
) -> dict[int, Decimal]:
    """The request without its zero quantities; refuses another store's sale, an empty
    request and line numbers the sale does not have."""
    if sale.store_code != store_code:
        raise UserError("refund.other_store", receipt_no=sale.receipt_no)
    wanted = {no: q for no, q in requested.items() if q != 0}
    if not wanted:
        raise UserError("refund.nothing_selected")
    line_nos = {ln.line_no for ln in sale.lines}
    for no in wanted:
        if no not in line_nos:
            raise UserError("refund.no_such_line", line_no=no)
    return wanted


def _refund_lines(
    sale: SaleRecord, wanted: Mapping[int, Decimal], earlier: Sequence[RefundRecord]
) -> list[RefundLine]:
    """The returned lines in the sale's order, whatever the request's order, each prorated on
    the cumulative quantity returned (see the module docstring)."""
    by_no = {ln.line_no: ln for ln in sale.lines}
    remaining = refundable(sale, earlier)
    done_qty = refunded_so_far(sale, earlier)
    done_amount = {no: 0 for no in by_no}
    done_tax = {no: 0 for no in by_no}
    for refund in earlier:
        for rl in refund.lines:
            if rl.line_no in by_no:
                done_amount[rl.line_no] += rl.amount
                done_tax[rl.line_no] += rl.tax
    taxes = line_taxes(sale)
    lines: list[RefundLine] = []
    for ln in sale.lines:
        if ln.line_no not in wanted:
            continue
        quantity = _check_quantity(ln, wanted[ln.line_no])
        if quantity > remaining[ln.line_no]:
            raise UserError(
                "refund.exceeds_sold",
                name=ln.name,
                remaining=format_remaining(remaining[ln.line_no]),
            )
        cumulative = done_qty[ln.line_no] + quantity
        line_tax, included = taxes[ln.line_no]
        lines.append(
            RefundLine(
                line_no=ln.line_no,
                product_id=ln.product_id,
                sku=ln.sku,
                name=ln.name,
                quantity=quantity,
                unit=ln.unit,
                amount=_prorate(ln.net, cumulative, ln.quantity, done_amount[ln.line_no]),
                tax_code=ln.tax_code,
                tax=_prorate(line_tax, cumulative, ln.quantity, done_tax[ln.line_no]),
                tax_included=included,
            )
        )
    return lines


def _refund_total(
    sale: SaleRecord, lines: Sequence[RefundLine], earlier: Sequence[RefundRecord], step: int
) -> int:
    """What this refund pays back: the cumulative payable rounded to the cash step, less what
    earlier refunds paid; the sale's exact total once everything is returned."""
    subtotal = sum(rl.amount for rl in lines)
    tax_added = sum(rl.tax for rl in lines if not rl.tax_included)
    before = sum(rl.payable for r in earlier for rl in r.lines)
    paid_back = sum(r.total for r in earlier)
    cumulative_payable = before + subtotal + tax_added
    done_qty = refunded_so_far(sale, earlier)
    now_qty = {rl.line_no: rl.quantity for rl in lines}
    all_returned = all(
        done_qty[ln.line_no] + now_qty.get(ln.line_no, Decimal(0)) >= ln.quantity
        for ln in sale.lines
    )
    target = round_to_step(cumulative_payable, _effective_step(sale, step))
    target = sale.total if all_returned else min(sale.total, target)
    return max(0, target - paid_back)


def build_refund(
    sale: SaleRecord,
    requested: Mapping[int, Decimal],
    earlier_refunds: Sequence[RefundRecord],
    to_cash: bool,
    *,
    refund_id: str,
    refund_no: str,
    store_code: str,
    till_code: str,
    refunded_at: datetime,
    cashier_code: str,
    cashier_name: str,
    reason: str,
    approver_code: str | None = None,
    approver_name: str = "",
    rounding_step: int = 0,
) -> RefundRecord:
    """The refund of ``requested`` quantities (original ``line_no`` -> quantity) of ``sale``.

    ``earlier_refunds`` are every refund of this sale known now (local and cloud, merged by
    refund id; refunds of other sales are ignored). Refuses, changing nothing: a sale of another
    store, an empty request, unknown lines, zero/negative/invalid quantities, fractions of
    countable items, and more than remains to be returned (``refund.exceeds_sold``).
    """
    if refunded_at.tzinfo is None:
        raise ValueError("refunded_at must be timezone-aware")
    wanted = _wanted(sale, requested, store_code)
    earlier = _earlier_of(sale, earlier_refunds)
    lines = _refund_lines(sale, wanted, earlier)
    subtotal = sum(rl.amount for rl in lines)
    tax_added = sum(rl.tax for rl in lines if not rl.tax_included)
    tax_included = sum(rl.tax for rl in lines if rl.tax_included)
    total = _refund_total(sale, lines, earlier, rounding_step)
    return RefundRecord(
        refund_id=refund_id,
        refund_no=refund_no,
        store_code=store_code,
        till_code=till_code,
        refunded_at=refunded_at,
        cashier_code=cashier_code,
        cashier_name=cashier_name,
        approver_code=approver_code or None,
        approver_name=approver_name,
        reason=reason,
        original_sale_id=sale.sale_id,
        original_receipt_no=sale.receipt_no,
        original_store_code=sale.store_code,
        original_till_code=sale.till_code,
        original_sold_at=sale.sold_at,
        currency=sale.currency,
        lines=tuple(lines),
        subtotal=subtotal,
        tax_added=tax_added,
        tax_included=tax_included,
        rounding=total - subtotal - tax_added,
        total=total,
        tenders=split_tenders(sale, total, earlier, to_cash=to_cash),
        to_cash=to_cash,
    )
