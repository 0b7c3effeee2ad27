"""The sale document: frozen from a paid cart, and identical after a trip through JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_desktop.domain.cart import Cart, Discount, Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.sale import SCHEMA_VERSION, SaleRecord, build_sale
from pos_desktop.domain.tax import EXEMPT, PPN_STANDARD, TaxSettings
from pos_desktop.domain.totals import Totals, compute_totals

WIB = timezone(timedelta(hours=7))
SETTINGS = TaxSettings(ppn_enabled=True, prices_include_tax=True)
MIE = Product("p-mie", "MIE", "Mie goreng", 3_100, PPN_STANDARD, barcode="0089686010015")
BERAS = Product("p-beras", "BERAS", "Beras curah", 14_000, EXEMPT, sold_by_weight=True, unit="kg")


def _cart() -> Cart:
    cart = Cart()
    cart.add(MIE, Decimal(3))
    line = cart.add(BERAS, Decimal("2.345"))
    cart.set_line_discount(line.line_id, Discount.percent(5))
    cart.set_order_discount(Discount.amount(1_000))
    return cart


def _sale(cart: Cart, totals: Totals, payment: Payment, **overrides: object) -> SaleRecord:
    fields: dict[str, object] = {
        "sale_id": "0b6f3c1e-0000-4000-8000-000000000001",
        "receipt_no": "T01-000042",
        "store_code": "S01",
        "till_code": "T01",
        "sold_at": datetime(2025, 3, 1, 19, 45, 12, 123456, tzinfo=WIB),
        "cashier_code": "K07",
        "cashier_name": "Siti Rahayu",
        "currency": "IDR",
        "prices_include_tax": True,
        "cart": cart,
        "totals": totals,
        "payment": payment,
    }
    fields.update(overrides)
    return build_sale(**fields)  # type: ignore[arg-type]


def paid_sale() -> SaleRecord:
    cart = _cart()
    totals = compute_totals(cart.lines, cart.order_discount, SETTINGS, 100)
    payment = Payment(totals.total)
    payment.add(Tender(TenderKind.CARD, 20_000, approval_code="123456", card_last4="0042"))
    payment.add(Tender(TenderKind.CASH, 50_000))
    return _sale(cart, totals, payment)


def test_build_sale_copies_the_totals() -> None:
    sale = paid_sale()
    # 3 x 3.100 = 9.300; 2,345 kg x 14.000 = 32.830 - 5% (1.642) = 31.188.
    assert [(ln.line_no, ln.gross, ln.line_discount) for ln in sale.lines] == [
        (1, 9_300, 0),
        (2, 32_830, 1_642),
    ]
    assert sum(ln.order_discount for ln in sale.lines) == sale.order_discount == 1_000
    assert sum(ln.net for ln in sale.lines) + sale.tax_added + sale.rounding == sale.total
    assert sale.lines[0].barcode == "0089686010015"
    assert sale.lines[1].unit == "kg"
    assert sale.paid == 70_000
    assert sale.cash_received == 50_000
    assert sale.change == sale.paid - sale.total
    assert sale.discount_total == 1_642 + 1_000


def test_json_round_trip() -> None:
    sale = paid_sale()
    data = sale.to_json()
    assert data["schema"] == SCHEMA_VERSION
    assert data["lines"][1]["quantity"] == "2.345"
    wire = json.loads(json.dumps(data))
    assert SaleRecord.from_json(wire) == sale
    assert SaleRecord.from_json(wire).sold_at.utcoffset() == timedelta(hours=7)


def test_json_round_trip_keeps_utc_instants() -> None:
    cart = _cart()
    totals = compute_totals(cart.lines, cart.order_discount, SETTINGS, 0)
    payment = Payment(totals.total)
    payment.add(Tender(TenderKind.QRIS, totals.total, reference="QR-1", provider="DANA"))
    sale = _sale(cart, totals, payment, sold_at=datetime(2025, 1, 1, tzinfo=UTC))
    assert SaleRecord.from_json(json.loads(json.dumps(sale.to_json()))) == sale


def test_build_sale_refuses_incomplete_changed_or_empty() -> None:
    cart = _cart()
    totals = compute_totals(cart.lines, cart.order_discount, SETTINGS, 100)
    partial = Payment(totals.total, [Tender(TenderKind.CASH, 1_000)])
    with pytest.raises(UserError) as err:
        _sale(cart, totals, partial)
    assert err.value.code == "payment.incomplete"
    stale = Payment(totals.total + 100, [Tender(TenderKind.CASH, 100_000)])
    with pytest.raises(UserError) as err:
        _sale(cart, totals, stale)
    assert err.value.code == "payment.total_changed"
    empty = compute_totals([], None, SETTINGS, 100)
    with pytest.raises(UserError) as err:
        _sale(Cart(), empty, Payment(0))
    assert err.value.code == "sale.empty"
