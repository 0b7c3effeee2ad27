"""Wires the devices into the cashier window: scans into the cart, the scale for weighed
products, print results and device states onto the screen, the drawer button, the pole display
following the sale.

With no devices configured this still installs the keyboard-wedge filter, since a wedge
scanner needs no configuration. Everything here runs on the UI thread; device calls return
futures at once and never wait.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from pos_desktop.devices.config import WedgeConfig
from pos_desktop.devices.hub import DeviceHub
from pos_desktop.devices.lifecycle import PrintFinished
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.permissions import Approval, Permission
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


class DevicePanel(QObject):
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
        sale.scale = hub.scale if hub is not None else None
        if hub is not None:
            self.status_bar = DeviceStatusBar(hub, self.bridge, window)
            self.status_bar.clicked.connect(lambda _name: self.open_settings())
            window.statusBar().addPermanentWidget(self.status_bar)
        self.bridge.scanned.connect(lambda _device, text: self.scan(text))
        self.bridge.printFinished.connect(self._print_finished)
        sale.lineAdded.connect(self._show_line)
        sale.paymentOpened.connect(self._show_total)
        sale.saleCompleted.connect(self._show_change)
        window.locked.connect(self._show_welcome)

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
        self.window.sale.scale = None

    # --- scans --------------------------------------------------------------------------------
    def sale_takes_scans(self) -> bool:
        sale = self.window.sale
        if self.window.stack.currentWidget() is not sale or sale.cashier is None:
            return False
        return sale.dialog is None or not sale.dialog.isVisible()

    def scan(self, text: str) -> None:
        if self.sale_takes_scans():
            self.window.sale.submit_scan(text)
        else:
            log.info("scan %s ignored: the sale screen is not taking scans", text)

    # --- printer and drawer -------------------------------------------------------------------
    def _print_finished(self, event: PrintFinished) -> None:
        if event.error is not None:
            self.window.sale.show_error(event.error)

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
        dialog = DeviceSettingsDialog(self.hub, self.bridge, self.window.cashier, self.window)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.settings = dialog
        return dialog

    # --- pole display -------------------------------------------------------------------------
    def _show_line(self, line_id: int) -> None:
        display = self.hub.display if self.hub is not None else None
        if display is None:
            return
        session = self.window.sale.session
        try:
            line = session.cart.line(line_id)
        except UserError:
            return
        display.show_pair(line.product.name, money(line.gross), DISPLAY_TOTAL,
                          money(session.totals().total))  # fmt: skip

    def _show_total(self, total: int) -> None:
        if self.hub is not None and self.hub.display is not None:
            self.hub.display.show_pair(DISPLAY_TOTAL, money(total), "", "")

    def _show_change(self, committed: CommittedSale) -> None:
        if self.hub is not None and self.hub.display is not None:
            sale = committed.sale
            self.hub.display.show_pair(DISPLAY_CHANGE, money(sale.change), DISPLAY_THANKS, "")

    def _show_welcome(self) -> None:
        if self.hub is not None and self.hub.display is not None:
            self.hub.display.welcome()
