"""A completed sale as one immutable document.

The same document is written to the local database (with its outbox row), rendered on the
receipt, and sent to the cloud as JSON (``to_json`` / ``from_json``), so the till and the server
never disagree about what was sold. Quantities travel as decimal strings, money as integers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_desktop.domain.cart import Cart
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.tax import TaxLine
from pos_desktop.domain.totals import Totals

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class SaleLine:
    line_no: int
    product_id: str
    sku: str
    barcode: str
    name: str
    quantity: Decimal
    unit: str
    unit_price: int
    gross: int
    line_discount: int
    order_discount: int
    net: int
    tax_code: str


@dataclass(frozen=True, slots=True)
class SaleRecord:
    sale_id: str
    """UUID made by the till; the idempotency key in the cloud."""
    receipt_no: str
    store_code: str
    till_code: str
    sold_at: datetime
    """Timezone-aware local time of the till's clock at commit."""
    cashier_code: str
    cashier_name: str
    currency: str
    prices_include_tax: bool
    lines: tuple[SaleLine, ...]
    subtotal: int
    line_discounts: int
    order_discount: int
    taxes: tuple[TaxLine, ...]
    tax_added: int
    tax_included: int
    rounding: int
    total: int
    tenders: tuple[Tender, ...]
    change: int
    profile_version: int | None = None
    """The store-profile version the sale was rung under (tax mode, rounding, receipt header);
    ``None`` in documents from tills older than versioned profiles, which leave it out."""

    @property
    def discount_total(self) -> int:
        return self.line_discounts + self.order_discount

    @property
    def paid(self) -> int:
        return sum(t.amount for t in self.tenders)

    @property
    def cash_received(self) -> int:
        return sum(t.amount for t in self.tenders if t.kind is TenderKind.CASH)

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "sale_id": self.sale_id,
            "receipt_no": self.receipt_no,
            "store_code": self.store_code,
            "till_code": self.till_code,
            "sold_at": self.sold_at.isoformat(),
            "cashier_code": self.cashier_code,
            "cashier_name": self.cashier_name,
            "currency": self.currency,
            "prices_include_tax": self.prices_include_tax,
            "lines": [
                {
                    "line_no": ln.line_no,
                    "product_id": ln.product_id,
                    "sku": ln.sku,
                    "barcode": ln.barcode,
                    "name": ln.name,
                    "quantity": str(ln.quantity),
                    "unit": ln.unit,
                    "unit_price": ln.unit_price,
                    "gross": ln.gross,
                    "line_discount": ln.line_discount,
                    "order_discount": ln.order_discount,
                    "net": ln.net,
                    "tax_code": ln.tax_code,
                }
                for ln in self.lines
            ],
            "subtotal": self.subtotal,
            "line_discounts": self.line_discounts,
            "order_discount": self.order_discount,
            "taxes": [
                {
                    "code": t.code,
                    "name": t.name,
                    "rate_bp": t.rate_bp,
                    "base": t.base,
                    "tax": t.tax,
                    "included": t.included,
                }
                for t in self.taxes
            ],
            "tax_added": self.tax_added,
            "tax_included": self.tax_included,
            "rounding": self.rounding,
            "total": self.total,
            "tenders": [
                {
                    "kind": t.kind.value,
                    "amount": t.amount,
                    "approval_code": t.approval_code,
                    "card_last4": t.card_last4,
                    "reference": t.reference,
                    "provider": t.provider,
                }
                for t in self.tenders
            ],
            "change": self.change,
        }
        if self.profile_version is not None:
            # Only when set: a document without it stays byte for byte what older tills sent.
            document["profile_version"] = self.profile_version
        return document

    @staticmethod
    def from_json(data: dict[str, Any]) -> SaleRecord:
        return SaleRecord(
            sale_id=str(data["sale_id"]),
            receipt_no=str(data["receipt_no"]),
            store_code=str(data["store_code"]),
            till_code=str(data["till_code"]),
            sold_at=datetime.fromisoformat(data["sold_at"]),
            cashier_code=str(data["cashier_code"]),
            cashier_name=str(data.get("cashier_name", "")),
            currency=str(data["currency"]),
            prices_include_tax=bool(data["prices_include_tax"]),
            lines=tuple(
                SaleLine(
                    line_no=int(ln["line_no"]),
                    product_id=str(ln["product_id"]),
                    sku=str(ln["sku"]),
                    barcode=str(ln.get("barcode", "")),
                    name=str(ln["name"]),
                    quantity=Decimal(ln["quantity"]),
                    unit=str(ln.get("unit", "pcs")),
                    unit_price=int(ln["unit_price"]),
                    gross=int(ln["gross"]),
                    line_discount=int(ln["line_discount"]),
                    order_discount=int(ln["order_discount"]),
                    net=int(ln["net"]),
                    tax_code=str(ln["tax_code"]),
                )
                for ln in data["lines"]
            ),
            subtotal=int(data["subtotal"]),
            line_discounts=int(data["line_discounts"]),
            order_discount=int(data["order_discount"]),
            taxes=tuple(
                TaxLine(
                    code=str(t["code"]),
                    name=str(t["name"]),
                    rate_bp=int(t["rate_bp"]),
                    base=int(t["base"]),
                    tax=int(t["tax"]),
                    included=bool(t["included"]),
                )
                for t in data["taxes"]
            ),
            tax_added=int(data["tax_added"]),
            tax_included=int(data["tax_included"]),
            rounding=int(data["rounding"]),
            total=int(data["total"]),
            tenders=tuple(
                Tender(
                    kind=TenderKind(t["kind"]),
                    amount=int(t["amount"]),
                    approval_code=str(t.get("approval_code", "")),
                    card_last4=str(t.get("card_last4", "")),
                    reference=str(t.get("reference", "")),
                    provider=str(t.get("provider", "")),
                )
                for t in data["tenders"]
            ),
            change=int(data["change"]),
            profile_version=_optional_int(data.get("profile_version")),
        )


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def build_sale(
    *,
    sale_id: str,
    receipt_no: str,
    store_code: str,
    till_code: str,
    sold_at: datetime,
    cashier_code: str,
    cashier_name: str,
    currency: str,
    prices_include_tax: bool,
    cart: Cart,
    totals: Totals,
    payment: Payment,
    profile_version: int | None = None,
) -> SaleRecord:
    """Freeze a paid cart into a ``SaleRecord``; refuses an incomplete payment or empty cart."""
    if cart.is_empty:
        raise UserError("sale.empty")
    if payment.total_due != totals.total:
        raise UserError("payment.total_changed")
    payment.require_complete()
    by_id = {lt.line_id: lt for lt in totals.lines}
    lines = tuple(
        SaleLine(
            line_no=no,
            product_id=line.product.product_id,
            sku=line.product.sku,
            barcode=line.product.barcode,
            name=line.product.name,
            quantity=line.quantity,
            unit=line.product.unit,
            unit_price=line.unit_price,
            gross=by_id[line.line_id].gross,
            line_discount=by_id[line.line_id].line_discount,
            order_discount=by_id[line.line_id].order_discount,
            net=by_id[line.line_id].net,
            tax_code=by_id[line.line_id].tax_code,
        )
        for no, line in enumerate(cart.lines, start=1)
    )
    return SaleRecord(
        sale_id=sale_id,
        receipt_no=receipt_no,
        store_code=store_code,
        till_code=till_code,
        sold_at=sold_at,
        cashier_code=cashier_code,
        cashier_name=cashier_name,
        currency=currency,
        prices_include_tax=prices_include_tax,
        lines=lines,
        subtotal=totals.subtotal,
        line_discounts=totals.line_discounts,
        order_discount=totals.order_discount,
        taxes=totals.taxes,
        tax_added=totals.tax_added,
        tax_included=totals.tax_included,
        rounding=totals.rounding,
        total=totals.total,
        tenders=tuple(payment.tenders),
        change=payment.change,
        profile_version=profile_version,
    )
