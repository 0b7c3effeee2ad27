"""The receipt (struk) as content: every string already formatted, nothing laid out yet.

It lives in the pure domain so the till (``pos_desktop.receipts``) and the cloud's back office
draw a sale's receipt with the same code: the owner reads on the web what the customer got.

A ``Receipt`` is built once from a ``SaleRecord`` and then rendered twice, as preview text and as
printer bytes, so the screen and the paper can never disagree. It holds finished strings rather
than numbers because the receipt is a legal document in Indonesia: what the customer reads must
be decided in one place, and the layout code must not format or compute anything.

The words come from one label table (``LABELS_ID``); an English receipt is another table, not
another builder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Final

from pos_desktop.domain.money import (
    CURRENCIES,
    IDR,
    Currency,
    format_money,
    format_number,
    multiply,
)
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.sale import SaleLine, SaleRecord
from pos_desktop.domain.store_profile import BANNED_RECEIPT_PHRASES, banned_phrase, format_npwp
from pos_desktop.domain.tax import DEFAULT_CATEGORIES, TaxCategory, TaxLine

log = logging.getLogger(__name__)

LABELS_ID: Final[Mapping[str, str]] = MappingProxyType(
    {
        "receipt_no": "No. Struk",
        "date": "Tanggal",
        "cashier": "Kasir",
        "phone": "Telp.",
        "npwp": "NPWP",
        "copy": "SALINAN / COPY",
        "subtotal": "Subtotal",
        "discount": "Diskon",
        "item_discount": "Diskon",
        "dpp": "DPP",
        "dpp_other": "DPP Nilai Lain",
        "rounding": "Pembulatan",
        "total": "TOTAL",
        "cash": "Tunai",
        "card": "Kartu",
        "qris": "QRIS",
        "ewallet": "E-Wallet",
        "approval": "appr",
        "reference": "ref",
        "change": "Kembalian",
        "tax_included": "Harga sudah termasuk PPN",
        "tax_excluded": "Harga belum termasuk PPN",
    }
)
"""Bahasa Indonesia, the language of the struk."""

BANNED_FOOTER_PHRASES: Final[tuple[str, ...]] = BANNED_RECEIPT_PHRASES
"""UU 8/1999 Pasal 18 forbids "barang yang sudah dibeli tidak dapat dikembalikan/ditukar"."""

DATE_FORMAT: Final = "%d/%m/%Y %H:%M"

_COUNTABLE_UNITS: Final = frozenset({"", "pcs", "pc", "buah"})
_CATEGORIES: Final[Mapping[str, TaxCategory]] = {c.code: c for c in DEFAULT_CATEGORIES}


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """Who the store is on paper: the store profile in force for a document."""

    name: str
    address_lines: tuple[str, ...]
    npwp: str
    phone: str
    footer_lines: tuple[str, ...]
    legal_name: str = ""
    """The registered seller (``PT ...``), printed under the store's name when it differs."""
    header_lines: tuple[str, ...] = ()
    """The owner's own lines, printed last in the header."""
    ppn_enabled: bool = False
    """PPN on: the NPWP is printed (documents that are not sales receipts read it here)."""


StoreSource = StoreInfo | Callable[[], StoreInfo]
"""Fixed store details, or where to read the ones in force at print time (database thread)."""


def resolve_store(source: StoreSource) -> StoreInfo:
    return source if isinstance(source, StoreInfo) else source()


def store_header(
    store: StoreInfo,
    *,
    ppn_enabled: bool,
    labels: Mapping[str, str] = LABELS_ID,
    phone: bool = True,
) -> list[str]:
    """The centred lines under the store's name: legal name, address, phone, NPWP (PPN on
    only), then the owner's header lines. Receipts, refund slips and shift reports share it;
    a report, which no customer reads, leaves the phone out (``phone=False``)."""
    header = []
    if store.legal_name and store.legal_name != store.name:
        header.append(store.legal_name)
    header.extend(store.address_lines)
    if phone and store.phone:
        header.append(f"{labels['phone']} {store.phone}")
    if ppn_enabled:
        if store.npwp:
            header.append(f"{labels['npwp']} {format_npwp(store.npwp)}")
        else:
            log.warning("PPN is on but store %r has no NPWP on its receipt", store.name)
    header.extend(store.header_lines)
    return header


@dataclass(frozen=True, slots=True)
class Row:
    """A label on the left, a value on the right, optional detail lines under the label."""

    label: str
    value: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One sold line. ``quantity`` is empty for a single countable item (name and amount only)."""

    name: str
    quantity: str
    unit_price: str
    amount: str
    discount: Row | None = None


@dataclass(frozen=True, slots=True)
class Receipt:
    store_name: str
    header_lines: tuple[str, ...]
    """Legal name, address, phone, (PPN on) NPWP and the owner's header lines, centred under the
    store name (``store_header``)."""
    copy_marker: str
    """Empty on the original; the reprint marker otherwise."""
    receipt_no: str
    sold_at: str
    cashier: str
    info: tuple[Row, ...]
    items: tuple[ItemRow, ...]
    totals: tuple[Row, ...]
    """Subtotal, discount, tax added on top, rounding: the rows above TOTAL."""
    total: Row
    tenders: tuple[Row, ...]
    change: Row | None
    tax_info: tuple[Row, ...]
    """Tax already inside the prices (DPP, PPN): shown for the tax invoice, not added."""
    notes: tuple[str, ...]
    footer_lines: tuple[str, ...]
    qr_payload: str


def check_footer(lines: tuple[str, ...]) -> None:
    """Refuse the clause consumer law bans, however it is spaced or capitalised."""
    for line in lines:
        phrase = banned_phrase([line])
        if phrase is not None:
            raise ValueError(f"receipt text must not say {phrase!r} (UU 8/1999 Pasal 18): {line!r}")


def format_quantity(quantity: Decimal, unit: str) -> str:
    """``2`` for counted items; ``1,255 kg`` (decimal comma, grams shown) for weighed ones."""
    if quantity == quantity.to_integral_value():
        text = str(int(quantity))
    else:
        text = f"{quantity:.3f}".replace(".", ",")
    if unit.strip().lower() in _COUNTABLE_UNITS:
        return text
    return f"{text} {unit.strip()}"


class _Money:
    """``format_money`` with the store's currency and spacing bound once."""

    __slots__ = ("currency", "space")

    def __init__(self, currency: Currency, space: bool) -> None:
        self.currency = currency
        self.space = space

    def __call__(self, amount: int) -> str:
        return format_money(amount, self.currency, space=self.space)


def _is_single_piece(line: SaleLine) -> bool:
    return line.quantity == 1 and line.unit.strip().lower() in _COUNTABLE_UNITS


def _item_row(line: SaleLine, currency: Currency, labels: Mapping[str, str]) -> ItemRow:
    discount = None
    if line.line_discount:
        discount = Row(labels["item_discount"], format_number(-line.line_discount, currency))
    return ItemRow(
        name=line.name,
        quantity="" if _is_single_piece(line) else format_quantity(line.quantity, line.unit),
        unit_price=format_number(line.unit_price, currency),
        amount=format_number(line.gross, currency),
        discount=discount,
    )


def _tax_rows(
    taxes: tuple[TaxLine, ...], money: _Money, labels: Mapping[str, str]
) -> tuple[list[Row], list[Row]]:
    """(rows added on top, rows already included); a tax invoice needs base and tax for each."""
    added: list[Row] = []
    included: list[Row] = []
    qualify = len(taxes) > 1
    for tax in taxes:
        rows = included if tax.included else added
        category = _CATEGORIES.get(tax.code)
        dpp_label = f"{labels['dpp']} {tax.name}" if qualify else labels["dpp"]
        rows.append(Row(dpp_label, money(tax.base)))
        if category is not None and category.base_numerator != category.base_denominator:
            fraction = f"{category.base_numerator}/{category.base_denominator}"
            other = multiply(tax.base, Fraction(category.base_numerator, category.base_denominator))
            rows.append(Row(f"{labels['dpp_other']} {fraction}", money(other)))
        rows.append(Row(tax.name, money(tax.tax)))
    return added, included


def _tender_row(tender: Tender, money: _Money, labels: Mapping[str, str]) -> Row:
    amount = money(tender.amount)
    if tender.kind is TenderKind.CASH:
        return Row(labels["cash"], amount)
    if tender.kind is TenderKind.CARD:
        label = f"{labels['card']} {tender.provider}".strip()
        detail = f"**** {tender.card_last4} {labels['approval']} {tender.approval_code}"
        return Row(label, amount, (detail,))
    label = labels["qris"] if tender.kind is TenderKind.QRIS else labels["ewallet"]
    if tender.provider:
        label = f"{label} ({tender.provider})"
    details = (f"{labels['reference']} {tender.reference}",) if tender.reference else ()
    return Row(label, amount, details)


def build_receipt(
    sale: SaleRecord,
    store: StoreInfo,
    *,
    ppn_enabled: bool,
    copy: bool = False,
    money_space: bool = False,
    labels: Mapping[str, str] = LABELS_ID,
) -> Receipt:
    """The struk for ``sale``.

    With PPN on, the receipt carries what lets it serve as a tax invoice (seller name, address,
    NPWP, items with price and discount, DPP and PPN, serial number, date). The tax rows come from
    the sale itself, never recomputed, so a reprint shows what was charged. Raises ``ValueError``
    when the store's texts contain the clause consumer law bans.
    """
    check_footer(store.footer_lines)
    check_footer(store.address_lines)
    check_footer(store.header_lines)
    currency = CURRENCIES.get(sale.currency, IDR)
    money = _Money(currency, money_space)

    header = store_header(store, ppn_enabled=ppn_enabled, labels=labels)

    sold_at = sale.sold_at.strftime(DATE_FORMAT)
    cashier = sale.cashier_name or sale.cashier_code
    info = (
        Row(labels["receipt_no"], sale.receipt_no),
        Row(labels["date"], sold_at),
        Row(labels["cashier"], cashier),
    )

    added_tax, included_tax = _tax_rows(sale.taxes, money, labels)
    totals = [Row(labels["subtotal"], money(sale.subtotal))]
    if sale.discount_total:
        totals.append(Row(labels["discount"], money(-sale.discount_total)))
    totals.extend(added_tax)
    if sale.rounding:
        totals.append(Row(labels["rounding"], money(sale.rounding)))

    has_cash = any(t.kind is TenderKind.CASH for t in sale.tenders)
    change = Row(labels["change"], money(sale.change)) if has_cash or sale.change else None

    notes: list[str] = []
    if ppn_enabled and any(c.is_ppn for c in _categories_of(sale)):
        notes.append(labels["tax_included"] if sale.prices_include_tax else labels["tax_excluded"])

    return Receipt(
        store_name=store.name,
        header_lines=tuple(header),
        copy_marker=labels["copy"] if copy else "",
        receipt_no=sale.receipt_no,
        sold_at=sold_at,
        cashier=cashier,
        info=info,
        items=tuple(_item_row(line, currency, labels) for line in sale.lines),
        totals=tuple(totals),
        total=Row(labels["total"], money(sale.total)),
        tenders=tuple(_tender_row(t, money, labels) for t in sale.tenders),
        change=change,
        tax_info=tuple(included_tax),
        notes=tuple(notes),
        footer_lines=store.footer_lines,
        qr_payload=sale.receipt_no,
    )


def _categories_of(sale: SaleRecord) -> list[TaxCategory]:
    """The tax categories of the sold lines, for deciding which price note to print."""
    return [_CATEGORIES[line.tax_code] for line in sale.lines if line.tax_code in _CATEGORIES]
