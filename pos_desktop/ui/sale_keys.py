"""The sale screen's keys: the F-keys, the touch keypad, the action buttons and the operations
menu's own entries, and the barcode field's Esc, Del, Up and Down.

Keys: Enter add · F2 search · F3 recall a parked sale · F4 quantity · Del remove line (empty
field) · F5 line discount · F6 order discount · F7 change the line's price · F8 park the sale ·
F9 operations menu · F10 reprint last receipt · F11 show last receipt · F12 pay · Esc clear ·
Up/Down select a line.

Each key only forwards to the screen; the words are the sale screen's (context ``SaleScreen``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from pos_desktop.ui.keypad import BACK, ENTER
from pos_desktop.ui.sale_layout import KEY_DELETE, KEY_QTY

if TYPE_CHECKING:
    from pos_desktop.ui.sale_screen import SaleScreen


class SaleKeys(QObject):
    """Binds the screen's keys and buttons once, and watches the barcode field's keys."""

    def __init__(self, screen: SaleScreen) -> None:
        super().__init__(screen)
        self._screen = screen
        screen.barcode.returnPressed.connect(screen.submit_scan)
        screen.barcode.installEventFilter(self)
        screen.search_button.clicked.connect(screen.open_search)
        screen.keypad.keyPressed.connect(self._on_keypad)
        self._bind_buttons()
        self._add_operations()
        self._bind_shortcuts()

    def _bind_buttons(self) -> None:
        screen = self._screen
        screen.qty_button.clicked.connect(lambda: screen.change_quantity())
        screen.line_discount_button.clicked.connect(lambda: screen.line_discount())
        screen.order_discount_button.clicked.connect(lambda: screen.order_discount())
        screen.receipt_button.clicked.connect(screen.show_last_receipt)
        screen.drawer_button.clicked.connect(screen.drawerRequested)
        screen.cancel_sale_button.clicked.connect(screen.cancel_sale)
        screen.lock_button.clicked.connect(screen.lockRequested)
        screen.logout_button.clicked.connect(screen.request_logout)
        screen.pay_button.clicked.connect(screen.open_payment)
        screen.menu_button.clicked.connect(screen.open_menu)

    def _add_operations(self) -> None:
        screen = self._screen
        screen.add_operation(
            "hold",
            lambda: QCoreApplication.translate("SaleScreen", "Park sale") + "  F8",
            screen.hold_sale,
        )
        screen.add_operation(
            "recall",
            lambda: QCoreApplication.translate("SaleScreen", "Recall parked sale") + "  F3",
            screen.recall_sale,
        )
        screen.add_operation(
            "price",
            lambda: QCoreApplication.translate("SaleScreen", "Change price") + "  F7",
            lambda: screen.override_price(),
        )
        screen.add_operation(
            "permissions",
            lambda: QCoreApplication.translate("SaleScreen", "Permissions"),
            screen.open_permissions,
        )

    def _bind_shortcuts(self) -> None:
        screen = self._screen
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            (Qt.Key.Key_F2, screen.open_search),
            (Qt.Key.Key_F4, lambda: screen.change_quantity()),
            (Qt.Key.Key_F5, lambda: screen.line_discount()),
            (Qt.Key.Key_F6, lambda: screen.order_discount()),
            (Qt.Key.Key_F3, screen.recall_sale),
            (Qt.Key.Key_F7, lambda: screen.override_price()),
            (Qt.Key.Key_F8, screen.hold_sale),
            (Qt.Key.Key_F9, screen.open_menu),
            (Qt.Key.Key_F10, screen.reprint_last),
            (Qt.Key.Key_F11, screen.show_last_receipt),
            (Qt.Key.Key_F12, screen.open_payment),
        ):
            shortcut = QShortcut(QKeySequence(key), screen)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def _on_keypad(self, key: str) -> None:
        screen = self._screen
        if key == ENTER:
            screen.submit_scan()
        elif key == KEY_QTY:
            screen.change_quantity()
        elif key == KEY_DELETE:
            screen.remove_selected_line()
        elif key != BACK:
            screen.hide_change()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        screen = self._screen
        if watched is screen.barcode and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape:
                screen.barcode.clear()
                screen.message.clear_message()
                return True
            if key == Qt.Key.Key_Delete and not screen.barcode.text():
                screen.remove_selected_line()
                return True
            if key == Qt.Key.Key_Up:
                screen.move_selection(-1)
                return True
            if key == Qt.Key.Key_Down:
                screen.move_selection(1)
                return True
        return super().eventFilter(watched, event)
