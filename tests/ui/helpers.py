"""Driving the real widgets the way a cashier does: PIN, scans, keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_desktop.services.ports import StaffMember
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.payment_dialog import PaymentDialog
from pos_desktop.ui.sale_screen import SaleScreen


def login(qtbot, window: MainWindow, member: StaffMember, pin: str) -> None:
    window.login.select_staff(member.user_id)
    qtbot.keyClicks(window.login.pin, pin)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sale)
    assert window.sale.barcode.hasFocus() or not window.isActiveWindow()


def scan(qtbot, screen: SaleScreen, text: str) -> None:
    """Type ``text`` into the barcode field and press Enter; wait until the lookup is handled."""
    qtbot.keyClicks(screen.barcode, text)
    qtbot.keyClick(screen.barcode, Qt.Key.Key_Return)
    idle(qtbot, screen)


def idle(qtbot, screen: SaleScreen) -> None:
    """Wait until every queued storage call has reported back to the screen."""
    qtbot.waitUntil(lambda: screen._worker.pending == 0, timeout=5000)


def open_payment(qtbot, screen: SaleScreen) -> PaymentDialog:
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: isinstance(screen.dialog, PaymentDialog) and screen.dialog.isVisible())
    dialog = screen.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.waitUntil(dialog.cash_field.hasFocus)
    return dialog


def cart_rows(screen: SaleScreen) -> list[list[str]]:
    model = screen.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def selected_row(screen: SaleScreen) -> int | None:
    rows = screen.table.selectionModel().selectedRows()
    return rows[0].row() if rows else None
