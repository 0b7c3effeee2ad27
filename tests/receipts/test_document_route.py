"""One route to paper: sale receipts, refund slips and X/Z reports become ``Document``s and go
through the same ``DocumentSink``; the file comes first, the printer gets the very same bytes,
and the drawer opens by one rule."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.refund import RefundRecord, build_refund
from pos_desktop.receipts import PROFILE_58MM
from pos_desktop.receipts.refund_receipt import RefundSlipSink
from pos_desktop.receipts.shift_receipt import ShiftReportSink
from pos_desktop.receipts.sink import FileReceiptSink, FolderSink
from pos_desktop.services.documents import Document, DocumentKind, FileThenPrint
from tests.domain.test_domain_shift_report import x_report
from tests.escpos_decoder import Drawer, decode
from tests.receipts.factories import SOLD_AT, STORE, make_sale, rich_cart


class Printer:
    """A printer end that records what it was handed, and whether the file was there first."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.sent: list[Document] = []
        self.on_disk: list[bool] = []

    def send(self, document: Document) -> str:
        if self.folder is not None:
            self.on_disk.append(any(self.folder.glob(f"{document.number}*.bin")))
        self.sent.append(document)
        return "printer"


def refund_of(sale_cash: bool) -> RefundRecord:
    pay = None if sale_cash else (lambda total: [Tender(TenderKind.QRIS, total, reference="Q1")])
    sale = make_sale(rich_cart(), ppn=True, **({"pay": pay} if pay else {}))
    return build_refund(
        sale,
        {1: Decimal(1)},
        (),
        sale_cash,
        refund_id=str(uuid.uuid4()),
        refund_no="S01-T01-R000001",
        store_code="S01",
        till_code="T01",
        refunded_at=SOLD_AT,
        cashier_code="K01",
        cashier_name="Siti",
        reason="damaged",
        rounding_step=100,
    )


def doc(**changes: object) -> Document:
    return replace(Document(DocumentKind.SALE, "S01-T01-000001", b"\x1b@receipt"), **changes)


@pytest.mark.parametrize(
    ("cash", "copy", "opens"),
    [(True, False, True), (True, True, False), (False, False, False), (False, True, False)],
)
def test_the_drawer_opens_for_cash_and_never_for_a_copy(cash: bool, copy: bool, opens: bool):
    assert doc(cash=cash, copy=copy).opens_drawer is opens


def test_the_folder_writes_originals_and_numbers_copies(tmp_path: Path) -> None:
    folder = FolderSink(tmp_path / "out")
    first = Path(folder.send(doc()))
    copy = Path(folder.send(doc(copy=True, data=b"copy")))
    again = Path(folder.send(doc(data=b"again")))
    assert [first.name, copy.name, again.name] == [
        "S01-T01-000001.bin",
        "S01-T01-000001.copy-1.bin",
        "S01-T01-000001.copy-2.bin",
    ]
    assert first.read_bytes() == b"\x1b@receipt", "an original never replaces a file"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [first.name, copy.name, again.name]
    ), "no temporary file is left behind"


def test_file_then_print_writes_first_and_prints_the_same_bytes(tmp_path: Path) -> None:
    printer = Printer(tmp_path)
    route = FileThenPrint(FolderSink(tmp_path), printer)
    target = route.send(doc())
    assert printer.on_disk == [True]
    assert printer.sent[0].data == Path(target).read_bytes()


def test_a_file_that_cannot_be_written_is_never_printed(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_bytes(b"")
    printer = Printer()
    with pytest.raises(OSError):
        FileThenPrint(FolderSink(blocked), printer).send(doc())
    assert printer.sent == []


def test_sales_refunds_and_reports_take_one_route(tmp_path: Path) -> None:
    printer = Printer(tmp_path)
    route = FileThenPrint(FolderSink(tmp_path), printer)
    receipts = FileReceiptSink(route, STORE, ppn_enabled=True, profile=PROFILE_58MM)
    slips = RefundSlipSink(receipts.route, STORE, PROFILE_58MM)
    reports = ShiftReportSink(receipts.route, STORE, profile=PROFILE_58MM)
    sale = make_sale(rich_cart(), ppn=True)
    refund = refund_of(sale_cash=True)
    report = x_report()

    paths = [
        receipts.deliver(sale),
        receipts.deliver(sale, copy=True),
        slips.deliver_refund(refund),
        slips.deliver_refund(refund, copy=True),
        reports.deliver(report),
    ]
    sent = printer.sent
    assert [(d.kind, d.number, d.copy) for d in sent] == [
        (DocumentKind.SALE, sale.receipt_no, False),
        (DocumentKind.SALE, sale.receipt_no, True),
        (DocumentKind.REFUND, refund.refund_no, False),
        (DocumentKind.REFUND, refund.refund_no, True),
        (DocumentKind.REPORT, report.document_no, False),
    ]
    assert printer.on_disk == [True] * 5
    assert [d.data for d in sent] == [Path(p).read_bytes() for p in paths]
    # The one drawer rule: the cash sale and the cash refund, never their copies, never a report.
    assert [d.opens_drawer for d in sent] == [True, False, True, False, False]
    assert [d.by for d in sent[:4]] == ["K01"] * 4
    assert [d.reason for d in sent if d.opens_drawer] == [
        f"sale {sale.receipt_no}",
        f"refund {refund.refund_no}",
    ]
    # None of the bytes kick the drawer themselves: the kick is its own command.
    assert all(decode(d.data).of(Drawer) == [] for d in sent)
    # A failed original queues the copy for reprint; a copy queues itself.
    assert sent[0].copy_data is not None and sent[0].copy_data() == sent[1].data
    assert sent[1].copy_data is None


def test_a_refund_paid_back_without_cash_leaves_the_drawer_shut(tmp_path: Path) -> None:
    printer = Printer()
    slips = RefundSlipSink(FileThenPrint(FolderSink(tmp_path), printer), STORE, PROFILE_58MM)
    refund = refund_of(sale_cash=False)
    assert all(t.kind is not TenderKind.CASH for t in refund.tenders)
    slips.deliver_refund(refund)
    assert [d.opens_drawer for d in printer.sent] == [False]
