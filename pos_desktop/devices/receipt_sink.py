"""The receipt sink when devices are configured: the file as before, then the drawer and the
printer, both on the printer's thread.

The file is written first and its bytes are what the printer gets, so the archived receipt and
the printed one are the same job. ``deliver`` only queues the print and returns: the database
thread that committed the sale never waits on paper. A print that fails is reported through the
hub (``PrintFinished`` with the error) and its copy waits in the reprint queue. A drawer that
does not open at a cash sale (it is kicked through the printer, so a printer that is down keeps
it shut) is told to ``drawer_listeners``, so the screen can say so while the customer waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from pos_desktop.devices.hub import DeviceHub
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.receipts.escpos_render import render_escpos
from pos_desktop.receipts.layout import render_text
from pos_desktop.receipts.sink import FileReceiptSink

log = logging.getLogger(__name__)


DrawerListener = Callable[[str, UserError], None]
"""``listener(receipt_no, error)`` when the drawer did not open for that cash sale; called on
the device's thread (keep it short: a Qt signal emit is)."""


def paid_in_cash(sale: SaleRecord) -> bool:
    return any(t.kind is TenderKind.CASH for t in sale.tenders)


class DeviceReceiptSink:
    def __init__(self, files: FileReceiptSink, hub: DeviceHub) -> None:
        self.files = files
        self.hub = hub
        self.drawer_listeners: list[DrawerListener] = []

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
            kicked = drawer.open(f"sale {sale.receipt_no}", by=sale.cashier_code)
            kicked.add_done_callback(lambda done: self._kicked(sale.receipt_no, done))
        printer = self.hub.printer
        if printer is not None:
            data = Path(target).read_bytes()
            printer.print_receipt(
                sale.receipt_no, data, copy=copy, copy_bytes=lambda: self.copy_bytes(sale)
            )
        return target

    def _kicked(self, receipt_no: str, done: Future[None]) -> None:
        failure = done.exception()
        if failure is None:
            return
        error = failure if isinstance(failure, UserError) else UserError("drawer.not_opened")
        for listener in list(self.drawer_listeners):
            try:
                listener(receipt_no, error)
            except Exception:
                log.exception("drawer listener failed for %s", receipt_no)
