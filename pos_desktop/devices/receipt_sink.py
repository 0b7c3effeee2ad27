"""The printer end of the one route to paper: documents go to the printer and the drawer of
the device hub, both on the printer's thread.

``HubPrinter`` is the ``DocumentSink`` for the device hub; the composition root puts it after
the receipts folder (``services.documents.FileThenPrint``), so the file is written first and
the printer gets the very bytes the file holds: the archived receipt and the printed one are the
same job. ``send`` only queues the kick and the print and returns: the database thread that
committed the sale never waits on paper. A print that fails is reported through the hub
(``PrintFinished`` with the error) and its copy waits in the reprint queue. A drawer that does
not open for a document that moved cash (it is kicked through the printer, so a printer that is
down keeps it shut) is told to ``drawer_listeners``, so the screen can say so while the
customer waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from pos_desktop.devices.hub import DeviceHub
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.receipts.escpos_render import PrinterProfile
from pos_desktop.receipts.model import StoreInfo
from pos_desktop.receipts.sink import FileReceiptSink, FolderSink
from pos_desktop.services.documents import Document, FileThenPrint

log = logging.getLogger(__name__)


DrawerListener = Callable[[str, UserError], None]
"""``listener(number, error)`` when the drawer did not open for that cash sale or cash refund;
called on the device's thread (keep it short: a Qt signal emit is)."""


class HubPrinter:
    """Documents to the hub's drawer (when ``Document.opens_drawer``) and then its printer;
    either may be missing from the configuration."""

    def __init__(self, hub: DeviceHub) -> None:
        self.hub = hub
        self.drawer_listeners: list[DrawerListener] = []

    def send(self, document: Document) -> str:
        drawer = self.hub.drawer
        if drawer is not None and document.opens_drawer:
            kicked = drawer.open(document.reason, by=document.by)
            kicked.add_done_callback(lambda done: self._kicked(document.number, done))
        printer = self.hub.printer
        if printer is None:
            return ""
        printer.print_receipt(
            document.number, document.data, copy=document.copy, copy_bytes=document.copy_data
        )
        return printer.name

    def _kicked(self, number: str, done: Future[None]) -> None:
        failure = done.exception()
        if failure is None:
            return
        error = failure if isinstance(failure, UserError) else UserError("drawer.not_opened")
        for listener in list(self.drawer_listeners):
            try:
                listener(number, error)
            except Exception:
                log.exception("drawer listener failed for %s", number)


class DeviceReceiptSink(FileReceiptSink):
    """Sale receipts down the printing route: the receipts folder, then ``printer``. Refund
    slips and reports take the same ``route``; its drawer listeners are ``drawer_listeners``."""

    def __init__(
        self,
        folder: Path,
        printer: HubPrinter,
        store: StoreInfo,
        *,
        ppn_enabled: bool,
        profile: PrinterProfile,
        money_space: bool = False,
        store_for: Callable[[SaleRecord], StoreInfo] | None = None,
    ) -> None:
        super().__init__(
            FileThenPrint(FolderSink(folder), printer),
            store,
            ppn_enabled=ppn_enabled,
            profile=profile,
            money_space=money_space,
            store_for=store_for,
        )
        self.printer = printer

    @property
    def drawer_listeners(self) -> list[DrawerListener]:
        return self.printer.drawer_listeners
