"""Wires the devices into the cashier window: scans into the cart, the scale for weighed
products, print results and device states onto the screen, the drawer button, the pole display
following the sale (``PoleDisplay``, a subscriber to the window's change events).

With no devices configured this still installs the keyboard-wedge filter, since a wedge
scanner needs no configuration. Everything here runs on the UI thread; device calls return
futures at once and never wait.

A print that failed puts a red banner on the sale screen. It does not outstay the trouble: once
the printer is ready again it turns into a reminder of the receipts still waiting, and it goes
when none wait. When the drawer did not open at a cash sale (it is kicked through the printer),
the banner says so, so the cashier opens it with its key instead of waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from pos_desktop.devices.config import WedgeConfig
from pos_desktop.devices.hub import DeviceHub, DisplayDevice
from pos_desktop.devices.lifecycle import DeviceKind, DeviceStatus, PrintFinished
from pos_desktop.devices.receipt_sink import DeviceReceiptSink
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.permissions import Approval, Permission
from pos_desktop.services.changes import TillChanges
from pos_desktop.services.checkout import CommittedSale
from pos_desktop.services.ports import StaffMember
from pos_desktop.ui.device_bridge import DeviceBridge
from pos_desktop.ui.device_settings import DeviceSettingsDialog
from pos_desktop.ui.device_status import DeviceStatusBar
from pos_desktop.ui.device_wedge import WedgeScanFilter, monotonic_ms
from pos_desktop.ui.formatting import money

if TYPE_CHECKING:
    from pos_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DISPLAY_TOTAL = "TOTAL"
DISPLAY_CHANGE = "Kembali"
DISPLAY_THANKS = "Terima kasih"
"""The pole display faces the customer, so it speaks the receipt's language (Indonesian)."""


PRINTER_TROUBLE = "printer."
DRAWER_NOT_OPENED = "drawer.not_opened"


class DevicePanel(QObject):
    drawerNotOpened = Signal(str, object)
    """The receipt number of a cash sale whose drawer did not open, and the ``UserError``; may
    be emitted from a device thread (Qt queues it to the UI thread)."""

    def __init__(
        self,
        window: MainWindow,
        hub: DeviceHub | None,
        *,
        wedge_clock: Callable[[], float] = monotonic_ms,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.hub = hub
        self.bridge = DeviceBridge(hub, self)
        self.settings: DeviceSettingsDialog | None = None
        sale = window.sale
        wedge = hub.config.wedge if hub is not None else window.context.config.devices.wedge
        self.wedge = self._make_wedge(wedge, wedge_clock)
        self.wedge.scanned.connect(self.scan)
        self.wedge.install()
        self.status_bar: DeviceStatusBar | None = None
        sale.set_scale(hub.scale if hub is not None else None)
        if hub is not None:
            self.status_bar = DeviceStatusBar(hub, self.bridge, window)
            self.status_bar.clicked.connect(lambda _name: self.open_settings())
            window.statusBar().addPermanentWidget(self.status_bar)
        self.bridge.scanned.connect(lambda _device, text: self.scan(text))
        self.bridge.printFinished.connect(self._print_finished)
        self.bridge.statusChanged.connect(self._status_changed)
        self.banner: str | None = None
        """The printer banner's text while it is on the sale screen (``None`` when it is not,
        or when something else has replaced it)."""
        self.banner_error: UserError | None = None
        """The trouble the banner words, while it is an error (not the "printer is back"
        reminder)."""
        self._drawer_failed: set[str] = set()
        self.drawerNotOpened.connect(self._drawer_not_opened)
        receipts = getattr(window.context.till, "receipts", None)
        if isinstance(receipts, DeviceReceiptSink):
            receipts.drawer_listeners.append(self.drawerNotOpened.emit)
        self.pole = PoleDisplay(window, hub.display if hub is not None else None)
        window.changes.subscribe(self._after_sale)

    def _make_wedge(self, config: WedgeConfig, clock: Callable[[], float]) -> WedgeScanFilter:
        sale = self.window.sale

        def typed(text: str) -> None:
            sale.barcode.setFocus()
            sale.barcode.insert(text)

        return WedgeScanFilter(
            sale, sale.barcode, config, active=self.sale_takes_scans, typed=typed, clock=clock,
            parent=self,
        )  # fmt: skip

    def close(self) -> None:
        self.wedge.uninstall()
        self.bridge.close()
        self.window.sale.set_scale(None)
        receipts = getattr(self.window.context.till, "receipts", None)
        if isinstance(receipts, DeviceReceiptSink) and (
            self.drawerNotOpened.emit in receipts.drawer_listeners
        ):
            receipts.drawer_listeners.remove(self.drawerNotOpened.emit)

    # --- scans --------------------------------------------------------------------------------
    def sale_takes_scans(self) -> bool:
        sale = self.window.sale
        if self.window.stack.currentWidget() is not sale or self.window.cashier is None:
            return False
        return sale.dialog is None or not sale.dialog.isVisible()

    def scan(self, text: str) -> None:
        if self.sale_takes_scans():
            self.window.sale.submit_scan(text)
        else:
            log.info("scan %s ignored: the sale screen is not taking scans", text)

    # --- printer and drawer -------------------------------------------------------------------
    def _print_finished(self, event: PrintFinished) -> None:
        drawer_failed = not event.copy and event.receipt_no in self._drawer_failed
        if not event.copy:
            self._drawer_failed.discard(event.receipt_no)
        if event.error is None:
            self._printer_back()
            return
        # The sale's own print fails after its drawer kick did: the drawer is the news.
        self._show_banner(UserError(DRAWER_NOT_OPENED) if drawer_failed else event.error)

    def _drawer_not_opened(self, receipt_no: str, error: UserError) -> None:
        log.warning("drawer did not open for cash sale %s: %s", receipt_no, error.code)
        self._drawer_failed.add(receipt_no)
        self._show_banner(UserError(DRAWER_NOT_OPENED))

    def _show_banner(self, error: UserError) -> None:
        sale = self.window.sale
        sale.show_error(error)
        self.banner = sale.message.text()
        self.banner_error = error

    def _after_sale(self, changes: TillChanges) -> None:
        """The sale screen words a committed sale ("Sale ... saved") over whatever the message
        strip held. A printer or drawer banner that came first, from the device threads, is
        still true, so it goes back on top until the printer is back."""
        if changes.sale is None or self.banner is None or self._banner_showing():
            return
        message = self.window.sale.message
        if self.banner_error is not None:
            message.show_error(self.banner_error)
        else:
            message.show_warning(self.banner)
        self.banner = message.text()

    def _banner_showing(self) -> bool:
        return self.banner is not None and self.window.sale.message.text() == self.banner

    def _status_changed(self, status: DeviceStatus) -> None:
        if status.kind is DeviceKind.PRINTER and status.ready:
            self._printer_back()

    def _printer_back(self) -> None:
        """The printer is ready (it said so, or it just printed): the banner makes way for what
        is still to do, and goes when nothing is."""
        hub = self.hub
        if hub is None or hub.printer is None or not self._banner_showing():
            return
        if not hub.printer.worker.status.ready:
            return
        waiting = len(hub.queue)
        message = self.window.sale.message
        if waiting:
            message.show_warning(
                self.tr(
                    "The printer is ready again. Receipts waiting: %1. Click the printer in the "
                    "status bar to print them."
                ).replace("%1", str(waiting))
            )
            self.banner = message.text()
            self.banner_error = None
        else:
            message.clear_message()
            self.banner = None
            self.banner_error = None
            self._drawer_failed.clear()

    def open_drawer(self) -> None:
        """The drawer button: opening without a sale needs ``NO_SALE`` (or a supervisor's
        approval on the sale screen), and is journaled with both people."""
        sale = self.window.sale
        drawer = self.hub.drawer if self.hub is not None else None
        if drawer is None:
            sale.show_error(UserError("ui.drawer_unavailable"))
            return
        cashier = self.window.cashier
        if cashier is None:
            sale.show_error(self._drawer_refused(None))
            return

        def kick(approval: Approval | None) -> None:
            by = f"{cashier.code} ({cashier.name})"
            if approval is not None:
                by += f", approved by {approval.approver_code} ({approval.reason})"
            log.warning("drawer opened without a sale by %s", by)
            drawer.open("no sale", by=cashier.code)
            sale.record(JournalKind.DRAWER_OPEN, approval, {"reason": "no_sale"})
            sale.message.show_info(self.tr("Cash drawer opened."))

        sale.request_permission(
            Permission.NO_SALE, kick, refuse=lambda: self._drawer_refused(cashier)
        )

    @staticmethod
    def _drawer_refused(cashier: StaffMember | None) -> UserError:
        log.warning("drawer open without a sale refused for %s", cashier.code if cashier else "-")
        return UserError("drawer.not_permitted")

    def open_settings(self) -> DeviceSettingsDialog | None:
        if self.hub is None:
            return None
        if self.settings is not None and self.settings.isVisible():
            return self.settings
        dialog = DeviceSettingsDialog(
            self.hub, self.bridge, self.window.cashier, self.window.sale.permissions, self.window
        )
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.settings = dialog
        return dialog


class PoleDisplay(QObject):
    """The customer's display follows the sale through the window's change events: the line
    just scanned with the running total, the total due at payment, the change after it, and the
    welcome when the till locks."""

    def __init__(self, window: MainWindow, display: DisplayDevice | None) -> None:
        super().__init__(window)
        self.window = window
        self.display = display
        if display is not None:
            window.changes.subscribe(self.show)

    def show(self, changes: TillChanges) -> None:
        if changes.line_added is not None:
            self._show_line(changes.line_added)
        if changes.payment_due is not None:
            self._show_total(changes.payment_due)
        if changes.sale is not None:
            self._show_change(changes.sale)
        if changes.locked:
            self._show_welcome()

    def _show_line(self, line_id: int) -> None:
        display, session = self.display, self.window.session
        if display is None or session is None:
            return
        try:
            line = session.cart.line(line_id)
        except UserError:
            return
        display.show_pair(line.product.name, money(line.gross), DISPLAY_TOTAL,
                          money(session.totals().total))  # fmt: skip

    def _show_total(self, total: int) -> None:
        if self.display is not None:
            self.display.show_pair(DISPLAY_TOTAL, money(total), "", "")

    def _show_change(self, committed: CommittedSale) -> None:
        if self.display is not None:
            sale = committed.sale
            self.display.show_pair(DISPLAY_CHANGE, money(sale.change), DISPLAY_THANKS, "")

    def _show_welcome(self) -> None:
        if self.display is not None:
            self.display.welcome()
