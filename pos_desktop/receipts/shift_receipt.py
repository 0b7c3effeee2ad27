"""X and Z reports on the receipt printer: the same fixed-width layout and ESC/POS path as the
struk, for a document that is not a sale.

The report is laid out with the receipt's own line builder (``layout.LineBuilder``: wrapping, label
left and amount right, at most ``columns`` characters), so a report on 58 mm paper never wraps
an amount, and the on-screen text is exactly what prints. The bytes are made with the same
python-escpos backend, code page and transliteration as receipts (``escpos_render``), and, like
a reprint, never kick the drawer.

Words are Bahasa Indonesia, from one label table, like the struk's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from pos_desktop.domain.money import IDR, format_money
from pos_desktop.domain.shift_report import CASH, MovementKind, ReportKind, ShiftReport
from pos_desktop.receipts.escpos_render import PrinterProfile, render_document
from pos_desktop.receipts.layout import Line, LineBuilder, Style
from pos_desktop.receipts.model import (
    DATE_FORMAT,
    Row,
    StoreInfo,
    StoreSource,
    resolve_store,
    store_header,
)
from pos_desktop.receipts.sink import Output, as_sink
from pos_desktop.services.documents import Document, DocumentKind

log = logging.getLogger(__name__)

REPORT_LABELS_ID: Final[Mapping[str, str]] = MappingProxyType(
    {
        "title_x": "LAPORAN X (SEMENTARA)",
        "title_z": "LAPORAN Z (TUTUP SHIFT)",
        "copy": "SALINAN / COPY",
        "report_no": "No. Laporan",
        "till": "Kasir/Till",
        "shift": "Shift",
        "opened": "Buka",
        "closed": "Tutup",
        "printed": "Dibuat",
        "by": "oleh",
        "sales": "PENJUALAN",
        "sales_count": "Jumlah transaksi",
        "first_receipt": "Struk pertama",
        "last_receipt": "Struk terakhir",
        "gross": "Penjualan kotor",
        "discounts": "Diskon",
        "tax_added": "Pajak ditambahkan",
        "rounding": "Pembulatan",
        "sales_total": "Total penjualan",
        "refunds": "Retur",
        "net_total": "Penjualan bersih",
        "taxes": "PAJAK",
        "dpp": "DPP",
        "tax_refunded": "Retur pajak",
        "included": "termasuk harga",
        "tenders": "PEMBAYARAN",
        "refund_short": "retur",
        "cash_section": "KAS",
        "opening_float": "Kas awal",
        "cash_received": "Tunai diterima",
        "change": "Kembalian",
        "cash_in": "Kas masuk",
        "cash_out": "Kas keluar",
        "cash_refunds": "Retur tunai",
        "expected": "Seharusnya",
        "counted": "Dihitung",
        "difference": "Selisih",
        "settlement": "SETORAN PER PEMBAYARAN",
        "denominations": "RINCIAN UANG",
        "movements": "KAS MASUK / KELUAR",
        "move_in": "Masuk",
        "move_out": "Keluar",
        "approved_by": "disetujui",
        "activity": "AKTIVITAS",
        "drawer_opens": "Buka laci tanpa transaksi",
        "approvals": "Persetujuan supervisor",
        "pending_sales": "Transaksi belum terkirim",
        "note": "Catatan",
        "signature_cashier": "Kasir",
        "signature_supervisor": "Supervisor",
        "cash": "Tunai",
        "card": "Kartu",
        "qris": "QRIS",
        "ewallet": "E-Wallet",
        "coin": "koin",
        "note_paper": "kertas",
        "reason.change_fund": "Uang kembalian",
        "reason.safe_drop": "Setor brankas",
        "reason.petty_cash": "Biaya operasional",
        "reason.supplier_payment": "Bayar pemasok",
        "reason.other": "Lainnya",
    }
)
"""Bahasa Indonesia, like the struk (``model.LABELS_ID``)."""


def _money(amount: int) -> str:
    return format_money(amount, IDR)


def _signed(amount: int) -> str:
    return f"+{_money(amount)}" if amount > 0 else _money(amount)


class _ReportWriter:
    """The report's sections, each written onto one ``LineBuilder`` with the label table."""

    def __init__(self, out: LineBuilder, labels: Mapping[str, str]) -> None:
        self.out = out
        self.lb = labels

    def label(self, key: str, fallback: str | None = None) -> str:
        return self.lb.get(key, fallback if fallback is not None else key)

    def row(self, label: str, value: str, style: Style = Style.NORMAL, indent: int = 0) -> None:
        self.out.row(Row(label, value), style, indent)

    def heading(self, key: str) -> None:
        self.out.rule()
        self.out.add(self.out.text(self.lb[key]), Style.BOLD)

    def header(self, report: ShiftReport, store: StoreInfo) -> None:
        out, lb, row = self.out, self.lb, self.row
        out.centered(store.name, Style.BOLD)
        for line in store_header(store, ppn_enabled=store.ppn_enabled, phone=False):
            out.centered(line)
        out.rule()
        out.centered(lb["title_z"] if report.kind is ReportKind.Z else lb["title_x"], Style.TOTAL)
        shift = report.shift
        row(lb["report_no"], report.document_no)
        row(lb["till"], f"{shift.store_code} / {shift.till_code}")
        row(lb["shift"], shift.shift_id[:8])
        row(lb["opened"], shift.opened_at.strftime(DATE_FORMAT))
        row(f"  {lb['by']}", shift.opened_by)
        if shift.closed_at is not None:
            row(lb["closed"], shift.closed_at.strftime(DATE_FORMAT))
            row(f"  {lb['by']}", shift.closed_by or "")
        row(lb["printed"], report.created_at.strftime(DATE_FORMAT))

    def sales(self, report: ShiftReport) -> None:
        lb, row = self.lb, self.row
        self.heading("sales")
        row(lb["sales_count"], str(report.sales_count))
        if report.sales_count:
            row(lb["first_receipt"], report.first_receipt_no)
            row(lb["last_receipt"], report.last_receipt_no)
        row(lb["gross"], _money(report.gross))
        if report.discounts:
            row(lb["discounts"], _money(-report.discounts))
        if report.tax_added:
            row(lb["tax_added"], _money(report.tax_added))
        if report.rounding:
            row(lb["rounding"], _money(report.rounding))
        row(lb["sales_total"], _money(report.sales_total), Style.BOLD)
        row(f"{lb['refunds']} ({report.refunds_count})", _money(-report.refunds_total))
        row(lb["net_total"], _money(report.net_total), Style.BOLD)

    def taxes_and_tenders(self, report: ShiftReport) -> None:
        lb, row = self.lb, self.row
        if report.taxes:
            self.heading("taxes")
            for tax in report.taxes:
                name = f"{tax.name} ({lb['included']})" if tax.included else tax.name
                row(name, _money(tax.net))
                row(lb["dpp"], _money(tax.base), indent=2)
                if tax.refunded:
                    row(lb["tax_refunded"], _money(-tax.refunded), indent=2)
        self.heading("tenders")
        for tender in report.tenders:
            row(f"{self.label(tender.kind)} ({tender.count})", _money(tender.sales))
            if tender.refunds:
                row(lb["refund_short"], _money(-tender.refunds), indent=2)

    def cash(self, report: ShiftReport) -> None:
        lb, row = self.lb, self.row
        self.heading("cash_section")
        cash = report.cash
        row(lb["opening_float"], _money(cash.opening_float))
        row(lb["cash_received"], _money(cash.received))
        row(lb["change"], _money(-cash.change))
        row(lb["cash_in"], _money(cash.cash_in))
        row(lb["cash_out"], _money(-cash.cash_out))
        row(lb["cash_refunds"], _money(-cash.refunds))
        row(lb["expected"], _money(cash.expected), Style.BOLD)
        if cash.counted is not None:
            row(lb["counted"], _money(cash.counted), Style.BOLD)
            row(lb["difference"], _signed(cash.difference or 0), Style.TOTAL)

    def settlement(self, report: ShiftReport) -> None:
        lb, row = self.lb, self.row
        others = [t for t in report.tenders if t.kind != CASH and t.counted is not None]
        if others:
            self.heading("settlement")
            for tender in others:
                self.out.add(self.out.text(self.label(tender.kind)))
                row(lb["expected"], _money(tender.expected), indent=2)
                row(lb["counted"], _money(tender.counted or 0), indent=2)
                row(lb["difference"], _signed(tender.difference or 0), indent=2)
        if report.count is not None and report.count.lines():
            self.heading("denominations")
            for denomination, pieces, amount in report.count.lines():
                kind = lb["coin"] if denomination.coin else lb["note_paper"]
                row(f"{_money(denomination.value)} {kind} x {pieces}", _money(amount))

    def movements(self, report: ShiftReport) -> None:
        lb = self.lb
        if not report.movements:
            return
        self.heading("movements")
        for m in report.movements:
            word = lb["move_in"] if m.kind is MovementKind.IN else lb["move_out"]
            amount = m.amount if m.kind is MovementKind.IN else -m.amount
            reason = self.label(f"reason.{m.reason}", m.reason)
            details = [f"{m.at.strftime('%H:%M')} {m.actor_code}"]
            if m.approver_code:
                details[0] += f" ({lb['approved_by']} {m.approver_code})"
            if m.note:
                details.append(m.note)
            self.out.row(Row(f"{word}: {reason}", _money(amount), tuple(details)))

    def activity(self, report: ShiftReport, columns: int) -> None:
        out, lb, row = self.out, self.lb, self.row
        self.heading("activity")
        row(lb["drawer_opens"], str(report.drawer_opens))
        row(lb["approvals"], str(report.approvals))
        row(lb["pending_sales"], str(report.pending_sales))
        if report.note:
            out.rule()
            out.row(Row(f"{lb['note']}:", "", (report.note,)))
        if report.kind is ReportKind.Z:
            out.rule()
            out.add("")
            out.add("")
            half = columns // 2
            left = out.text(lb["signature_cashier"])[: half - 1]
            right = out.text(lb["signature_supervisor"])[: columns - half]
            out.add(left.center(half) + right.center(columns - half))


def report_lines(
    report: ShiftReport,
    store: StoreInfo,
    columns: int,
    *,
    copy: bool = False,
    fold: Callable[[str], str] | None = None,
    labels: Mapping[str, str] = REPORT_LABELS_ID,
) -> list[Line]:
    """The report as styled lines of at most ``columns`` characters."""
    out = LineBuilder(columns, fold)
    writer = _ReportWriter(out, labels)
    if copy:
        out.centered(labels["copy"], Style.BOLD)
    writer.header(report, store)
    writer.sales(report)
    writer.taxes_and_tenders(report)
    writer.cash(report)
    writer.settlement(report)
    writer.movements(report)
    writer.activity(report, columns)
    if copy:
        out.centered(labels["copy"], Style.BOLD)
    return out.lines


def report_text(
    report: ShiftReport, store: StoreInfo, columns: int, *, copy: bool = False
) -> list[str]:
    """The preview: the same lines the printer prints, without emphasis."""
    return [line.text for line in report_lines(report, store, columns, copy=copy)]


def render_report_escpos(
    report: ShiftReport, store: StoreInfo, profile: PrinterProfile, *, copy: bool = False
) -> bytes:
    """The print job: reset, code page, logo, the report, feed and cut. No drawer kick."""
    return render_document(
        profile, lambda fold: report_lines(report, store, profile.columns, copy=copy, fold=fold)
    )


class ShiftReportSink:
    """Renders X/Z reports as ESC/POS documents (``<document no>.bin``, copies
    ``<document no>.copy-<n>.bin``) and sends them down ``output``, the route sale receipts
    take. Like a reprint, a report never opens the drawer. Implements
    ``services.shifts.ReportSink``."""

    def __init__(self, output: Output, store: StoreSource, *, profile: PrinterProfile) -> None:
        """``store`` may be read at each report, so a new store profile prints without a
        restart."""
        self.route = as_sink(output)
        self.store = store
        self.profile = profile

    def preview(self, report: ShiftReport, *, copy: bool = False) -> list[str]:
        return report_text(report, resolve_store(self.store), self.profile.columns, copy=copy)

    def document(self, report: ShiftReport, *, copy: bool = False) -> Document:
        data = render_report_escpos(report, resolve_store(self.store), self.profile, copy=copy)
        return Document(DocumentKind.REPORT, report.document_no, data, copy=copy)

    def deliver(self, report: ShiftReport, *, copy: bool = False) -> str:
        return self.route.send(self.document(report, copy=copy))
