"""The one route to paper: a rendered document and the sinks it goes through.

Sale receipts, refund slips and X/Z reports are rendered by ``receipts`` into a ``Document``
(its number, its ESC/POS bytes, whether it is a copy, whether cash changed hands) and handed to
one ``DocumentSink``. The composition root picks the sink once: the receipts folder
(``receipts.sink.FolderSink``), or the folder and then the printer and drawer of the device hub
(``FileThenPrint`` over ``devices.receipt_sink.HubPrinter``). So every document reaches the
printer the same way, and whether the drawer opens is decided in one place,
``Document.opens_drawer``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.sale import SaleRecord


class DocumentKind(enum.Enum):
    SALE = "sale"
    """A sale's receipt (struk)."""
    REFUND = "refund"
    """A refund slip (struk retur)."""
    REPORT = "report"
    """An X or Z report."""

    @property
    def noun(self) -> str:
        """What the log calls it."""
        return _NOUNS[self]


_NOUNS = {
    DocumentKind.SALE: "receipt",
    DocumentKind.REFUND: "refund slip",
    DocumentKind.REPORT: "report",
}


@dataclass(frozen=True, slots=True)
class Document:
    """A document rendered for the printer, on its way out."""

    kind: DocumentKind
    number: str
    """Receipt, refund or report number: names its file, its print job, its reprint entry."""
    data: bytes
    """The ESC/POS bytes: the file holds them and the printer gets the very same ones."""
    copy: bool = False
    """A copy (SALINAN / COPY) of a document already out."""
    cash: bool = False
    """Cash changed hands (a cash sale, cash paid back on a refund)."""
    by: str = ""
    """The cashier's code, for the drawer's log."""
    copy_data: Callable[[], bytes] | None = None
    """The copy's bytes, made only if the original fails to print: what the reprint queue
    keeps, since part of the original may already be on paper. ``None``: queue ``data``."""

    @property
    def opens_drawer(self) -> bool:
        """The one drawer rule: the drawer opens when cash changed hands, never for a copy."""
        return self.cash and not self.copy

    @property
    def reason(self) -> str:
        """Why the drawer opened, for its log: ``sale S01-T01-000123``."""
        return f"{self.kind.value} {self.number}"


class DocumentSink(Protocol):
    """Where rendered documents go. Called on the database thread after the document's own
    transaction committed, so a document that went out always stands for a committed fact."""

    def send(self, document: Document) -> str:
        """Hand ``document`` over; returns where it went (a file path, a printer's name).
        Must not wait on paper: a printer takes the job on its own thread."""
        ...


class FileThenPrint:
    """The file first, then the printer: a document on the printer is always on disk too, and
    a file that cannot be written (disk full) stops the document before it prints."""

    def __init__(self, files: DocumentSink, printer: DocumentSink) -> None:
        self.files = files
        self.printer = printer

    def send(self, document: Document) -> str:
        target = self.files.send(document)
        self.printer.send(document)
        return target


def sale_took_cash(sale: SaleRecord) -> bool:
    """A cash sale: any cash tender (its change comes from the drawer too)."""
    return any(t.kind is TenderKind.CASH for t in sale.tenders)


def refund_paid_cash(refund: RefundRecord) -> bool:
    """Cash went back to the customer out of the drawer."""
    return any(t.kind == TenderKind.CASH and t.amount > 0 for t in refund.tenders)
