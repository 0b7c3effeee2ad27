"""Paying and the receipt on the sale screen: the payment dialog (F12), the change shown after
the sale, and the last sale's receipt, previewed (F11) or printed again as a copy (F10).

Payment waits for scans still being looked up or weighed, so the total paid is the final one
(``SaleDesk.start_payment``); it opens once they are in. A reprint needs ``REPRINT`` (or an
approval) and is journaled.

The words are the sale screen's own (translation context ``SaleScreen``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.permissions import Approval, Permission
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.services.checkout import CommittedSale
from pos_desktop.services.sale import PaymentDue
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.ops import recent_sales, reprint_receipt
from pos_desktop.ui.payment_dialog import PaymentDialog
from pos_desktop.ui.receipt_preview import ReceiptPreviewDialog

if TYPE_CHECKING:
    from pos_desktop.ui.sale_screen import SaleScreen

log = logging.getLogger(__name__)


class Checkout:
    """Payment and receipts for one sale screen."""

    def __init__(self, screen: SaleScreen) -> None:
        self._screen = screen

    def open_payment(self) -> PaymentDialog | None:
        screen = self._screen
        cashier = screen.cashier
        if screen.blocked() or cashier is None:
            return None
        try:
            start = screen.desk.start_payment(screen.payment_guard)
        except UserError as error:
            screen.show_error(error)
            return None
        if not isinstance(start, PaymentDue):
            return None  # once the scans on their way are in, or kept closed by the guard
        try:
            dialog = PaymentDialog(screen.session, screen.context, screen.worker, cashier, screen)
        except UserError as error:
            screen.show_error(error)
            return None
        dialog.completed.connect(self._committed)
        dialog.rejected.connect(screen.refresh_totals)
        screen.show_dialog(dialog)
        screen.paymentOpened.emit(start.total)
        return dialog

    def _committed(self, committed: CommittedSale) -> None:
        screen = self._screen
        sale = committed.sale
        screen.last_sale = sale
        screen.last_committed = committed
        screen.last_profile = screen.desk.sale_committed()
        screen.refresh_profile()
        screen.model.set_session(screen.session)
        screen.size_columns()
        screen.refresh_totals()
        screen.show_sale_change(sale)
        if committed.receipt_error is not None:
            screen.show_error(committed.receipt_error)
        else:
            screen.message.show_info(
                QCoreApplication.translate("SaleScreen", "Sale %1 saved.").replace(
                    "%1", sale.receipt_no
                )
            )
        screen.saleCompleted.emit(committed)

    def load_last_sale(self) -> None:
        """The till's last sale, for F10/F11 right after a login."""
        screen = self._screen

        def loaded(sales: Sequence[SaleRecord]) -> None:
            if sales and screen.last_sale is None:
                screen.last_sale = sales[0]

        recent_sales(screen.context.till.journal, 1).success(loaded).failure(
            lambda e: log.warning("last sale not loaded: %s", e)
        ).run(screen.worker)

    def show_last_receipt(self) -> ReceiptPreviewDialog | None:
        screen = self._screen
        if screen.blocked():
            return None
        if screen.last_sale is None:
            screen.show_error(UserError("ui.no_last_sale"))
            return None
        profile = screen.last_profile or screen.session.profile
        receipt = screen.context.config.receipt
        dialog = ReceiptPreviewDialog(screen.last_sale, profile, receipt, screen)
        dialog.reprintRequested.connect(lambda: screen.reprint_last(dialog.message))
        screen.show_dialog(dialog)
        return dialog

    def reprint_last(self, bar: MessageBar | None = None) -> None:
        screen = self._screen
        target = bar if isinstance(bar, MessageBar) else screen.message
        if bar is None and screen.blocked():
            return
        if screen.last_sale is None:
            target.show_error(UserError("ui.no_last_sale"))
            return
        receipt_no = screen.last_sale.receipt_no

        def reprint(approval: Approval | None) -> None:
            def done(where: str) -> None:
                screen.record(JournalKind.REPRINT, approval, {"receipt_no": receipt_no})
                target.show_info(
                    QCoreApplication.translate(
                        "SaleScreen", "Receipt %1 reprinted (copy)."
                    ).replace("%1", receipt_no)
                )

            reprint_receipt(screen.context.till, receipt_no).success(done).failure(
                lambda error: target.show_error(error)
            ).run(screen.worker)

        screen.request_permission(Permission.REPRINT, reprint, detail=receipt_no)
