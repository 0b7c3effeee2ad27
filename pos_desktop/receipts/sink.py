"""Where finished receipts go until printers are wired: one ESC/POS file per receipt.

Files are written atomically (temp file, fsync, rename), so a crash never leaves half a receipt
that looks like a whole one, and a receipt file on disk always means its sale is committed: the
sink is only called after the commit.
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

log = logging.getLogger(__name__)


def write_atomically(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


class FileReceiptSink:
    """Renders receipts to ESC/POS bytes in ``output_dir``: ``<receipt no>.bin``, copies as
    ``<receipt no>.copy-<n>.bin``. The same bytes later go to a printer unchanged."""

    def __init__(
        self,
        output_dir: Path,
        store: StoreInfo,
        *,
        ppn_enabled: bool,
        profile: PrinterProfile,
        money_space: bool = False,
        store_for: Callable[[SaleRecord], StoreInfo] | None = None,
    ) -> None:
        """``store_for(sale)``, when given, names the store as it was for that sale (the profile
        it was rung under: header, NPWP, PPN switch) and replaces the fixed ``store``."""
        self.output_dir = output_dir
        self._header = (store, ppn_enabled)
        self.profile = profile
        self.money_space = money_space
        self.store_for = store_for

    @property
    def store(self) -> StoreInfo:
        return self._header[0]

    def set_store(self, store: StoreInfo, *, ppn_enabled: bool) -> None:
        """New store details (after pairing); replaced as one value, so a receipt being
        rendered on another thread sees either the old header or the new one, never a mix."""
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

    def deliver(self, sale: SaleRecord, *, copy: bool = False) -> str:
        data = render_escpos(self.receipt(sale, copy=copy), self.profile)
        self.output_dir.mkdir(parents=True, exist_ok=True)
        target = self.output_dir / f"{sale.receipt_no}.bin"
        if copy:
            n = 1
            while (target := self.output_dir / f"{sale.receipt_no}.copy-{n}.bin").exists():
                n += 1
        write_atomically(target, data)
        log.info("receipt %s written to %s (%d bytes)", sale.receipt_no, target, len(data))
        return str(target)
