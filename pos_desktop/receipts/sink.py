"""Where finished documents go: the receipts folder, and the sale receipts rendered for it.

``FolderSink`` is the file destination of the one route to paper (``services.documents``): one
ESC/POS file per document, ``<number>.bin``, copies as ``<number>.copy-<n>.bin``. Files are
written atomically (temp file, fsync, rename), so a crash never leaves half a receipt that looks
like a whole one, and a receipt file on disk always means its sale is committed: documents are
only sent after their commit.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from pos_desktop.domain.sale import SaleRecord
from pos_desktop.receipts.escpos_render import PrinterProfile, render_escpos, warm_up
from pos_desktop.receipts.layout import render_text
from pos_desktop.receipts.model import Receipt, StoreInfo, build_receipt
from pos_desktop.services.documents import Document, DocumentKind, DocumentSink, sale_took_cash

log = logging.getLogger(__name__)

Output = Path | DocumentSink
"""Where a document sink sends what it renders: a folder (its files only), or a route."""


def write_atomically(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


class FolderSink:
    """Documents as files in ``folder``. An original never replaces a file already there (a
    report printed again from its dialog): it is kept as the next copy's file instead."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def target(self, document: Document) -> Path:
        target = self.folder / f"{document.number}.bin"
        if document.copy or target.exists():
            n = 1
            while (target := self.folder / f"{document.number}.copy-{n}.bin").exists():
                n += 1
        return target

    def send(self, document: Document) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.target(document)
        write_atomically(target, document.data)
        log.info(
            "%s %s written to %s (%d bytes)",
            document.kind.noun,
            document.number,
            target,
            len(document.data),
        )
        return str(target)


def as_sink(output: Output) -> DocumentSink:
    """``output`` as a sink: a folder path becomes that folder's ``FolderSink``."""
    return FolderSink(output) if isinstance(output, Path) else output


class FileReceiptSink:
    """Renders sale receipts to ESC/POS bytes and sends them down ``output``: by default the
    files of a folder (hence the name), with devices the folder then the printer
    (``devices.receipt_sink.DeviceReceiptSink``). Implements ``services.checkout.ReceiptSink``."""

    def __init__(
        self,
        output: Output,
        store: StoreInfo,
        *,
        ppn_enabled: bool,
        profile: PrinterProfile,
        money_space: bool = False,
        store_for: Callable[[SaleRecord], StoreInfo] | None = None,
    ) -> None:
        """``store_for(sale)``, when given, names the store as it was for that sale (the profile
        it was rung under: header, NPWP, PPN switch) and replaces the fixed ``store``."""
        self.route = as_sink(output)
        """Shared with the refund slips and the reports, so all paper takes one way."""
        self._header = (store, ppn_enabled)
        self.profile = profile
        self.money_space = money_space
        self.store_for = store_for

    @property
    def store(self) -> StoreInfo:
        return self._header[0]

    def set_store(self, store: StoreInfo, *, ppn_enabled: bool) -> None:
        """The store as it is now (a pairing, a new profile version), for receipts of sales
        with no ``store_for``; replaced as one value, so a receipt being rendered on another
        thread sees either the old header or the new one, never a mix."""
        self._header = (store, ppn_enabled)

    def warm_up(self) -> None:
        warm_up(self.profile)

    def receipt(self, sale: SaleRecord, *, copy: bool = False) -> Receipt:
        store, ppn_enabled = self._header
        if self.store_for is not None:
            store = self.store_for(sale)
            ppn_enabled = store.ppn_enabled
        return build_receipt(
            sale, store, ppn_enabled=ppn_enabled, copy=copy, money_space=self.money_space
        )

    def preview(self, sale: SaleRecord, *, copy: bool = False) -> list[str]:
        """The receipt as text lines, exactly as the printer lays it out."""
        return render_text(self.receipt(sale, copy=copy), self.profile.columns)

    def copy_bytes(self, sale: SaleRecord) -> bytes:
        return render_escpos(self.receipt(sale, copy=True), self.profile)

    def document(self, sale: SaleRecord, *, copy: bool = False) -> Document:
        return Document(
            DocumentKind.SALE,
            sale.receipt_no,
            render_escpos(self.receipt(sale, copy=copy), self.profile),
            copy=copy,
            cash=sale_took_cash(sale),
            by=sale.cashier_code,
            copy_data=None if copy else lambda: self.copy_bytes(sale),
        )

    def deliver(self, sale: SaleRecord, *, copy: bool = False) -> str:
        return self.route.send(self.document(sale, copy=copy))
