from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos_desktop.domain.cart import Cart
from pos_desktop.domain.money import format_money
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.receipts import LABELS_ID, build_receipt, format_quantity
from tests.receipts.factories import (
    BERAS,
    INDOMIE,
    NPWP,
    RECEIPT_NO,
    STORE,
    make_sale,
    rich_cart,
    split_tender,
)


def test_ppn_on_receipt_carries_what_a_tax_invoice_needs() -> None:
    sale = make_sale(rich_cart(), ppn=True)
    receipt = build_receipt(sale, STORE, ppn_enabled=True)

    assert receipt.store_name == "Toko Maju Jaya"
    assert f"NPWP {NPWP}" in receipt.header_lines
    assert "Jl. Merdeka No. 10" in receipt.header_lines
    assert receipt.receipt_no == RECEIPT_NO
    assert receipt.sold_at == "28/11/2026 14:05"
    labels = [row.label for row in receipt.tax_info]
    assert labels == ["DPP", "DPP Nilai Lain 11/12", "PPN 12%"]
    (tax,) = sale.taxes
    assert receipt.tax_info[-1].value == format_money(tax.tax)
    assert receipt.tax_info[0].value == format_money(tax.base)
    assert receipt.notes == ("Harga sudah termasuk PPN",)
    assert receipt.qr_payload == RECEIPT_NO


def test_ppn_off_receipt_has_no_npwp_and_no_tax_rows() -> None:
    sale = make_sale(rich_cart(), ppn=False)
    receipt = build_receipt(sale, STORE, ppn_enabled=False)

    assert not any("NPWP" in line for line in receipt.header_lines)
    assert receipt.tax_info == ()
    assert receipt.notes == ()
    assert not any("PPN" in row.label for row in receipt.totals)


def test_tax_added_on_top_is_a_totals_row_and_the_note_says_so() -> None:
    sale = make_sale(rich_cart(), ppn=True, prices_include_tax=False)
    receipt = build_receipt(sale, STORE, ppn_enabled=True)

    assert sale.tax_added > 0
    labels = [row.label for row in receipt.totals]
    assert labels[:5] == ["Subtotal", "Diskon", "DPP", "DPP Nilai Lain 11/12", "PPN 12%"]
    assert receipt.tax_info == ()
    assert receipt.notes == ("Harga belum termasuk PPN",)


def test_no_price_note_when_only_exempt_goods_were_sold() -> None:
    cart = Cart()
    cart.add(BERAS)
    receipt = build_receipt(make_sale(cart, ppn=True), STORE, ppn_enabled=True)
    assert receipt.notes == ()


def test_items_discount_rounding_and_totals() -> None:
    sale = make_sale(rich_cart(), ppn=True)
    receipt = build_receipt(sale, STORE, ppn_enabled=True)

    indomie, minyak, beras, daging, sabun = receipt.items
    assert (indomie.quantity, indomie.unit_price, indomie.amount) == ("2", "3.500", "7.000")
    assert minyak.quantity == ""  # one piece: name and amount only
    assert minyak.discount is not None
    assert minyak.discount.value == "-4.200"
    assert beras.amount == "82.500"
    assert daging.quantity == "1,255 kg"
    assert daging.amount == "181.975"
    assert sabun.discount is None

    rows = {row.label: row.value for row in receipt.totals}
    assert rows["Subtotal"] == format_money(sale.subtotal)
    assert rows["Diskon"] == format_money(-(4200 + 5000))
    assert sale.rounding != 0
    assert rows["Pembulatan"] == format_money(sale.rounding)
    assert receipt.total.label == "TOTAL"
    assert receipt.total.value == format_money(sale.total)


def test_tender_rows_identify_each_payment_without_card_data() -> None:
    sale = make_sale(rich_cart(), ppn=False, pay=split_tender)
    receipt = build_receipt(sale, STORE, ppn_enabled=False)

    card, qris, cash = receipt.tenders
    assert (card.label, card.details) == ("Kartu", ("**** 1234 appr ABC123",))
    assert (qris.label, qris.details) == ("QRIS", ("ref QRIS-20261128-0042",))
    assert cash.label == "Tunai"
    assert receipt.change is not None
    assert receipt.change.value == format_money(sale.change)


def test_e_wallet_and_card_provider_names() -> None:
    def pay(total: int) -> list[Tender]:
        return [
            Tender(TenderKind.CARD, 10_000, approval_code="X9", card_last4="4321", provider="BCA"),
            Tender(TenderKind.EWALLET, total - 10_000, reference="GP-889", provider="GoPay"),
        ]

    cart = Cart()
    cart.add(BERAS)
    receipt = build_receipt(make_sale(cart, ppn=False, pay=pay), STORE, ppn_enabled=False)

    card, wallet = receipt.tenders
    assert card.label == "Kartu BCA"
    assert (wallet.label, wallet.details) == ("E-Wallet (GoPay)", ("ref GP-889",))
    assert receipt.change is None  # no cash, no change row


def test_copy_marker_and_money_spacing() -> None:
    sale = make_sale(rich_cart(), ppn=False)
    original = build_receipt(sale, STORE, ppn_enabled=False)
    copy = build_receipt(sale, STORE, ppn_enabled=False, copy=True, money_space=True)

    assert original.copy_marker == ""
    assert copy.copy_marker == "SALINAN / COPY"
    assert copy.total.value == f"Rp {sale.total:,}".replace(",", ".")


@pytest.mark.parametrize(
    "footer",
    [
        "Barang yang sudah dibeli tidak dapat dikembalikan",
        "BARANG YANG SUDAH DIBELI TIDAK DAPAT DITUKAR",
        "barang tidak  dapat\tdikembalikan / ditukar",
    ],
)
def test_the_banned_clause_is_refused(footer: str) -> None:
    sale = make_sale(rich_cart(), ppn=False)
    store = replace(STORE, footer_lines=("Terima kasih", footer))
    with pytest.raises(ValueError, match="UU 8/1999"):
        build_receipt(sale, store, ppn_enabled=False)


def test_a_lawful_return_policy_is_allowed() -> None:
    sale = make_sale(rich_cart(), ppn=False)
    store = replace(STORE, footer_lines=("Barang dapat ditukar dalam 7 hari dengan struk ini",))
    receipt = build_receipt(sale, store, ppn_enabled=False)
    assert receipt.footer_lines == store.footer_lines


def test_labels_come_from_one_table() -> None:
    english = dict(LABELS_ID, total="TOTAL DUE", cash="Cash", change="Change")
    cart = Cart()
    cart.add(INDOMIE)
    receipt = build_receipt(make_sale(cart, ppn=False), STORE, ppn_enabled=False, labels=english)
    assert receipt.total.label == "TOTAL DUE"
    assert receipt.tenders[0].label == "Cash"
    assert receipt.change is not None
    assert receipt.change.label == "Change"


@pytest.mark.parametrize(
    ("quantity", "unit", "expected"),
    [
        (Decimal(2), "pcs", "2"),
        (Decimal(12), "", "12"),
        (Decimal("1.255"), "kg", "1,255 kg"),
        (Decimal("0.5"), "kg", "0,500 kg"),
        (Decimal("2.000"), "kg", "2 kg"),
    ],
)
def test_format_quantity(quantity: Decimal, unit: str, expected: str) -> None:
    assert format_quantity(quantity, unit) == expected
