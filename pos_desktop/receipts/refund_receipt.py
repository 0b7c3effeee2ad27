"""The refund slip (struk retur): a ``Receipt`` built from a ``RefundRecord``.

It reuses the sale receipt's content model, so the same layout, preview and ESC/POS renderer
print it unchanged. The "RETUR / PENGEMBALIAN" title travels in the receipt's marker slot, which
the layout prints bold above the store name and again at the end, so a refund slip can never be
mistaken for a sale receipt, even torn in half. The QR code carries the refund number.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from pos_desktop.domain.money import CURRENCIES, IDR, format_money, format_number
from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.refund import RefundLine, RefundRecord, RefundTender
from pos_desktop.receipts.escpos_render import PrinterProfile, render_escpos
from pos_desktop.receipts.layout import render_text
from pos_desktop.receipts.model import (
    DATE_FORMAT,
    LABELS_ID,
    ItemRow,
    Receipt,
    Row,
    StoreInfo,
    StoreSource,
    check_footer,
    format_quantity,
    resolve_store,
    store_header,
)
from pos_desktop.receipts.sink import Output, as_sink
from pos_desktop.services.documents import Document, DocumentKind, refund_paid_cash

log = logging.getLogger(__name__)

REFUND_LABELS_ID: Final[Mapping[str, str]] = MappingProxyType(
    {
        **LABELS_ID,
        "title": "RETUR / PENGEMBALIAN",
        "copy_title": "RETUR / PENGEMBALIAN - SALINAN",
        "refund_no": "No. Retur",
        "original": "Struk asal",
        "approver": "Disetujui",
        "reason": "Alasan",
        "refund_total": "TOTAL DIKEMBALIKAN",
        "tax_in_refund": "termasuk",
        "to": "Dikembalikan ke",
        "signature": "Tanda tangan pelanggan",
    }
)

# The till's Indonesian words for the reason codes (``ui.approval.reason_text``): the slip names
# the reason exactly as the cashier and the approver saw it.
REASONS_ID: Final[Mapping[str, str]] = MappingProxyType(
    {
        "customer_changed_mind": "Pelanggan berubah pikiran",
        "wrong_item": "Barang salah",
        "damaged": "Barang rusak",
        "price_error": "Harga salah",
        "other": "Lainnya",
    }
)


def _item(line: RefundLine, currency_code: str) -> ItemRow:
    currency = CURRENCIES.get(currency_code, IDR)
    # "2 x Aqua 600 ml   -8.000": the per-unit price of a partial return is not a real price.
    return ItemRow(
        name=f"{format_quantity(line.quantity, line.unit)} x {line.name}",
        quantity="",
        unit_price="",
        amount=format_number(-line.amount, currency),
    )


def _tender(tender: RefundTender, money_space: bool, labels: Mapping[str, str]) -> Row:
    amount = format_money(tender.amount, space=money_space)
    if tender.kind is TenderKind.CASH:
        return Row(labels["cash"], amount)
    if tender.kind is TenderKind.CARD:
        label = f"{labels['card']} {tender.provider}".strip()
        detail = f"**** {tender.card_last4} {labels['approval']} {tender.reference}".strip()
        return Row(label, amount, (detail,))
    label = labels["qris"] if tender.kind is TenderKind.QRIS else labels["ewallet"]
    if tender.provider:
        label = f"{label} ({tender.provider})"
    details = (f"{labels['reference']} {tender.reference}",) if tender.reference else ()
    return Row(label, amount, details)


def build_refund_slip(
    refund: RefundRecord,
    store: StoreInfo,
    *,
    copy: bool = False,
    money_space: bool = False,
    labels: Mapping[str, str] = REFUND_LABELS_ID,
) -> Receipt:
    """The slip for ``refund``: header, original receipt, returned lines, total, tenders,
    cashier and approver. Amounts come from the refund document, never recomputed."""
    check_footer(store.footer_lines)
    check_footer(store.address_lines)
    check_footer(store.header_lines)
    currency = CURRENCIES.get(refund.currency, IDR)

    def money(amount: int) -> str:
        return format_money(amount, currency, space=money_space)

    header = store_header(store, ppn_enabled=store.ppn_enabled, labels=labels)
    at = refund.refunded_at.strftime(DATE_FORMAT)
    cashier = refund.cashier_name or refund.cashier_code
    info = [
        Row(labels["refund_no"], refund.refund_no),
        Row(labels["original"], refund.original_receipt_no),
        Row(labels["date"], at),
        Row(labels["cashier"], cashier),
    ]
    if refund.approver_code:
        info.append(Row(labels["approver"], refund.approver_name or refund.approver_code))
    if refund.reason:
        info.append(Row(labels["reason"], REASONS_ID.get(refund.reason, refund.reason)))
    totals = [Row(labels["subtotal"], money(refund.subtotal))]
    tax_rows: list[Row] = []
    if refund.tax_added:
        totals.append(Row("Pajak", money(refund.tax_added)))
    if refund.rounding:
        totals.append(Row(labels["rounding"], money(refund.rounding)))
    if refund.tax_included:
        tax_rows.append(Row(f"PPN {labels['tax_in_refund']}", money(refund.tax_included)))
    tenders = [Row(labels["to"], "")]
    tenders.extend(_tender(t, money_space, labels) for t in refund.tenders)
    title = labels["copy_title"] if copy else labels["title"]
    return Receipt(
        store_name=store.name,
        header_lines=tuple(header),
        copy_marker=title,
        receipt_no=refund.refund_no,
        sold_at=at,
        cashier=cashier,
        info=tuple(info),
        items=tuple(_item(line, refund.currency) for line in refund.lines),
        totals=tuple(totals),
        total=Row(labels["refund_total"], money(refund.total)),
        tenders=tuple(tenders),
        change=None,
        tax_info=tuple(tax_rows),
        notes=("", f"{labels['signature']}:", "", "(.............................)"),
        footer_lines=store.footer_lines,
        qr_payload=refund.refund_no,
    )


class RefundSlipSink:
    """Renders refund slips as ESC/POS documents (``<refund no>.bin``) and sends them down
    ``output``, the route sale receipts take (a cash refund opens the drawer there).
    Implements ``RefundReceiptSink``."""

    def __init__(
        self,
        output: Output,
        store: StoreSource,
        profile: PrinterProfile,
        *,
        money_space: bool = False,
    ) -> None:
        """``store`` may be read at each slip, so a new store profile prints without a
        restart."""
        self.route = as_sink(output)
        self.store = store
        self.profile = profile
        self.money_space = money_space

    def slip(self, refund: RefundRecord, *, copy: bool = False) -> Receipt:
        return build_refund_slip(
            refund, resolve_store(self.store), copy=copy, money_space=self.money_space
        )

    def preview(self, refund: RefundRecord, *, copy: bool = False) -> list[str]:
        return render_text(self.slip(refund, copy=copy), self.profile.columns)

    def document(self, refund: RefundRecord, *, copy: bool = False) -> Document:
        return Document(
            DocumentKind.REFUND,
            refund.refund_no,
            render_escpos(self.slip(refund, copy=copy), self.profile),
            copy=copy,
            cash=refund_paid_cash(refund),
            by=refund.cashier_code,
        )

    def deliver_refund(self, refund: RefundRecord, *, copy: bool = False) -> str:
        return self.route.send(self.document(refund, copy=copy))
