"""The receipt sink when devices are configured: the file as before, then the drawer and the
printer, both on the printer's thread.

The file is written first and its bytes are what the printer gets, so the archived receipt and
the printed one are the same job. ``deliver`` only queues the print and returns: the database
thread that committed the sale never waits on paper. A print that fails is reported through the
hub (``PrintFinished`` with the error) and its copy waits in the reprint queue.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pos_desktop.devices.hub import DeviceHub
from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.receipts.escpos_render import render_escpos
from pos_desktop.receipts.layout import render_text
from pos_desktop.receipts.sink import FileReceiptSink

log = logging.getLogger(__name__)


def paid_in_cash(sale: SaleRecord) -> bool:
    return any(t.kind is TenderKind.CASH for t in sale.tenders)


class DeviceReceiptSink:
    def __init__(self, files: FileReceiptSink, hub: DeviceHub) -> None:
        self.files = files
        self.hub = hub

    @property
    def profile(self) -> object:
        return self.files.profile

    def warm_up(self) -> None:
        self.files.warm_up()

    def preview(self, sale: SaleRecord, *, copy: bool = False) -> list[str]:
        return render_text(self.files.receipt(sale, copy=copy), self.files.profile.columns)

    def copy_bytes(self, sale: SaleRecord) -> bytes:
        return render_escpos(self.files.receipt(sale, copy=True), self.files.profile)

    def deliver(self, sale: SaleRecord, *, copy: bool = False) -> str:
        target = self.files.deliver(sale, copy=copy)
        drawer = self.hub.drawer
        if drawer is not None and not copy and paid_in_cash(sale):
            drawer.open(f"sale {sale.receipt_no}", by=sale.cashier_code)
        printer = self.hub.printer
        if printer is not None:
            data = Path(target).read_bytes()
            printer.print_receipt(
                sale.receipt_no, data, copy=copy, copy_bytes=lambda: self.copy_bytes(sale)
            )
        return target
