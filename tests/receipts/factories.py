"""Sales built through the domain (cart, totals, payment, build_sale) for receipt tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from pos_desktop.domain.cart import Cart, Discount, Product
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord, build_sale
from pos_desktop.domain.tax import EXEMPT, PPN_STANDARD, TaxCategory, TaxSettings
from pos_desktop.domain.totals import compute_totals
from pos_desktop.receipts import StoreInfo

WIB = timezone(timedelta(hours=7))
SOLD_AT = datetime(2026, 11, 28, 14, 5, 33, tzinfo=WIB)
RECEIPT_NO = "S01-T01-000123"
NPWP = "01.234.567.8-901.000"

STORE = StoreInfo(
    name="Toko Maju Jaya",
    address_lines=("Jl. Merdeka No. 10", "Bandung 40111"),
    npwp=NPWP,
    phone="022-1234567",
    footer_lines=("Terima kasih, selamat belanja kembali",),
)


def product(
    sku: str,
    name: str,
    price: int,
    tax: TaxCategory = PPN_STANDARD,
    *,
    weighed: bool = False,
) -> Product:
    return Product(
        product_id=sku,
        sku=sku,
        name=name,
        unit_price=price,
        tax_category=tax,
        sold_by_weight=weighed,
        unit="kg" if weighed else "pcs",
    )


INDOMIE = product("MKN-1", "Indomie Goreng Original 85 g", 3500)
MINYAK = product("SBK-1", "Minyak Goreng Bimoli Klasik 2 L", 42000)
BERAS = product("SBK-2", "Beras Pandan Wangi Topi Koki 5 kg", 82500, EXEMPT)
DAGING = product("SGR-1", "Daging Sapi Has Dalam", 145000, EXEMPT, weighed=True)
SABUN = product("PRW-1", "Lifebuoy Sabun Batang Total 10 75 g", 4000)


def rich_cart() -> Cart:
    """Counted and weighed items, a line discount and an order discount."""
    cart = Cart()
    cart.add(INDOMIE, Decimal(2))
    minyak = cart.add(MINYAK)
    cart.set_line_discount(minyak.line_id, Discount.percent(10))
    cart.add(BERAS)
    cart.add(DAGING, Decimal("1.255"))
    cart.add(SABUN)
    cart.set_order_discount(Discount.amount(5000))
    return cart


def cash_only(total: int) -> list[Tender]:
    return [Tender(TenderKind.CASH, -(-total // 50_000) * 50_000 + 50_000)]


def split_tender(total: int) -> list[Tender]:
    """Card and QRIS for part, cash for the rest, with change."""
    card = Tender(TenderKind.CARD, 100_000, approval_code="ABC123", card_last4="1234")
    qris = Tender(TenderKind.QRIS, 50_000, reference="QRIS-20261128-0042", provider="")
    rest = total - card.amount - qris.amount
    cash = Tender(TenderKind.CASH, -(-rest // 10_000) * 10_000 + 10_000)
    return [card, qris, cash]


def make_sale(
    cart: Cart,
    *,
    ppn: bool,
    prices_include_tax: bool = True,
    pay: Callable[[int], list[Tender]] = cash_only,
    rounding_step: int = 100,
    receipt_no: str = RECEIPT_NO,
) -> SaleRecord:
    settings = TaxSettings(ppn_enabled=ppn, prices_include_tax=prices_include_tax)
    totals = compute_totals(cart.lines, cart.order_discount, settings, rounding_step)
    payment = Payment(totals.total)
    for tender in pay(totals.total):
        payment.add(tender)
    return build_sale(
        sale_id="7d7c2c1e-2f0b-4a53-9d55-6a4f3c9b2e10",
        receipt_no=receipt_no,
        store_code="S01",
        till_code="T01",
        sold_at=SOLD_AT,
        cashier_code="K01",
        cashier_name="Siti",
        currency="IDR",
        prices_include_tax=prices_include_tax,
        cart=cart,
        totals=totals,
        payment=payment,
    )


def find_line(lines: list[str], label: str) -> str:
    """The first line that starts with ``label`` (leading spaces ignored)."""
    for line in lines:
        if line.strip().startswith(label):
            return line
    raise AssertionError(f"no line starting with {label!r} in:\n" + "\n".join(lines))
