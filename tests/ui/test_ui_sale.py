"""Complete sales through the real widgets, on in-memory storage."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from pos_desktop.domain.payments import TenderKind
from pos_desktop.ui.payment_dialog import PAGE_CARD, PAGE_CASH, PAGE_QRIS, PaymentDialog
from tests.ui.fakes import AQUA, GULA, INDOMIE, SITI, FakeTill
from tests.ui.helpers import cart_rows, idle, login, open_payment, scan, selected_row


def test_scan_multiply_discounts_and_cash_with_change_on_screen(qtbot, window, fake: FakeTill):
    login(qtbot, window, SITI, "1111")
    screen = window.sale
    assert screen.barcode.hasFocus()

    scan(qtbot, screen, INDOMIE.barcode)
    assert cart_rows(screen) == [["1", "Indomie Goreng", "1", "Rp3.500", "", "Rp3.500"]]
    assert selected_row(screen) == 0
    assert screen.barcode.text() == ""

    scan(qtbot, screen, f"3*{AQUA.barcode}")
    rows = cart_rows(screen)
    assert rows[1] == ["2", "Aqua 600 ml", "3", "Rp4.000", "", "Rp12.000"]
    assert selected_row(screen) == 1
    assert screen.total_label.text() == "Rp15.500"

    # F5 on the selected line (Aqua): 10% off 12.000 = 1.200
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.isVisible())
    dialog = screen.dialog
    qtbot.keyClicks(dialog.field, "10%")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.dialog is None)
    assert cart_rows(screen)[1][4:] == ["10% (-Rp1.200)", "Rp10.800"]
    qtbot.waitUntil(screen.barcode.hasFocus)

    # F6: Rp300 off the order: 3.500 + 10.800 - 300 = 14.000
    screen.order_discount("300")
    assert screen.total_label.text() == "Rp14.000"
    assert screen.sum_values["discount"].text() == "-Rp1.500"

    dialog = open_payment(qtbot, screen)
    assert dialog.due_value.text() == "Rp14.000"
    qtbot.waitUntil(dialog.cash_field.hasFocus)
    quick = [b.text() for b in dialog.quick_buttons if b.isVisibleTo(dialog)]
    assert quick[0] == "Rp14.000" and "Rp20.000" in quick
    qtbot.keyClicks(dialog.cash_field, "20000")
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    assert dialog.change_value.text() == "Rp6.000"
    assert dialog.isVisible(), "adding the cash must not complete the sale by itself"
    with qtbot.waitSignal(dialog.completed, timeout=5000):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.dialog is None)

    # The change, large, on the sale screen; the cart is empty for the next customer.
    assert screen.change_visible
    assert screen.change_label.text() == "Rp6.000"
    assert screen.change_caption.text() == "Kembalian"
    assert cart_rows(screen) == []
    qtbot.waitUntil(screen.barcode.hasFocus)
    [sale] = fake.journal.sales
    assert sale.total == 14_000 and sale.change == 6_000 and sale.order_discount == 300
    assert [(ln.name, str(ln.quantity), ln.net) for ln in sale.lines] == [
        ("Indomie Goreng", "1", 3_427),
        ("Aqua 600 ml", "3", 10_573),
    ]
    assert fake.sink.delivered == [(sale.receipt_no, False)]
    assert fake.journal.threads and "MainThread" not in fake.journal.threads

    # The next scan hides the change.
    scan(qtbot, screen, GULA.barcode)
    assert not screen.change_visible
    assert screen.total_label.text() == "Rp17.700"


def test_split_tender_cash_card_qris(qtbot, window, fake: FakeTill):
    login(qtbot, window, SITI, "1111")
    screen = window.sale
    scan(qtbot, screen, f"10*{GULA.barcode}")  # 176.500
    assert screen.total_label.text() == "Rp176.500"
    dialog = open_payment(qtbot, screen)

    qtbot.keyClicks(dialog.cash_field, "50.000")
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    assert dialog.remaining_value.text() == "Rp126.500"

    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_F7)
    assert dialog.pages.currentIndex() == PAGE_CARD
    assert dialog.card_approval.hasFocus()
    dialog.card_amount.setText("100000")
    qtbot.keyClicks(dialog.card_approval, "A1B2C3")
    dialog.card_last4.setText("4321")
    qtbot.keyClick(dialog.card_approval, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == PAGE_CASH
    assert dialog.remaining_value.text() == "Rp26.500"

    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_F8)
    assert dialog.pages.currentIndex() == PAGE_QRIS
    assert dialog.qris_amount.text() == "26500"
    qtbot.keyClicks(dialog.qris_reference, "QR-778899")
    qtbot.keyClick(dialog.qris_reference, Qt.Key.Key_Return)
    assert dialog.remaining_value.text() == "Rp0"
    assert dialog.tender_list.count() == 3

    with qtbot.waitSignal(dialog.completed, timeout=5000):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    [sale] = fake.journal.sales
    assert [(t.kind, t.amount) for t in sale.tenders] == [
        (TenderKind.CASH, 50_000),
        (TenderKind.CARD, 100_000),
        (TenderKind.QRIS, 26_500),
    ]
    assert sale.tenders[1].card_last4 == "4321" and sale.tenders[1].approval_code == "A1B2C3"
    assert sale.tenders[2].reference == "QR-778899"
    assert sale.change == 0
    qtbot.waitUntil(lambda: screen.change_visible)
    assert screen.change_label.text() == "Rp0"


def test_under_tendering_is_refused(qtbot, window, fake: FakeTill):
    login(qtbot, window, SITI, "1111")
    screen = window.sale
    scan(qtbot, screen, INDOMIE.barcode)
    dialog = open_payment(qtbot, screen)
    qtbot.keyClicks(dialog.cash_field, "2000")
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    assert dialog.remaining_value.text() == "Rp1.500"

    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)  # Enter on an empty field: complete?
    assert dialog.message.code == "payment.incomplete"
    assert "Rp1.500" in dialog.message.text()
    dialog.complete_button.click()
    assert dialog.message.code == "payment.incomplete"
    assert dialog.isVisible() and not dialog.is_committing
    assert fake.journal.sales == []

    # Esc backs out of the payment: tenders gone, cart unchanged and editable again.
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.dialog is None)
    assert screen.session.payment is None
    assert cart_rows(screen)[0][1] == "Indomie Goreng"
    scan(qtbot, screen, INDOMIE.barcode)
    assert cart_rows(screen)[0][2] == "2"


def test_pay_pressed_while_a_scan_is_still_being_looked_up_waits_for_it(
    qtbot, window, fake: FakeTill
):
    login(qtbot, window, SITI, "1111")
    screen = window.sale
    scan(qtbot, screen, INDOMIE.barcode)
    gate = threading.Event()
    lookup = fake.catalog.product_by_code

    def slow(code: str):
        gate.wait(5)
        return lookup(code)

    fake.catalog.product_by_code = slow  # type: ignore[method-assign]
    qtbot.keyClicks(screen.barcode, AQUA.barcode)
    qtbot.keyClick(screen.barcode, Qt.Key.Key_Return)
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F12)  # the scanner's scan is not back yet
    assert screen.dialog is None
    gate.set()
    qtbot.waitUntil(lambda: isinstance(screen.dialog, PaymentDialog))
    assert screen.dialog.due_value.text() == "Rp7.500"


def test_touch_only_sale(qtbot, window, fake: FakeTill):
    login(qtbot, window, SITI, "1111")
    screen = window.sale
    for key in INDOMIE.barcode:
        screen.keypad.button(key).click()
    screen.keypad.button("enter").click()
    idle(qtbot, screen)
    screen.pay_button.click()
    qtbot.waitUntil(lambda: isinstance(screen.dialog, PaymentDialog))
    dialog = screen.dialog
    for key in "5000":
        dialog.cash_keypad.button(key).click()
    assert dialog.cash_field.text() == "5000"
    with qtbot.waitSignal(dialog.completed, timeout=5000):
        dialog.complete_button.click()  # Selesai adds the typed cash and completes
    qtbot.waitUntil(lambda: screen.change_visible)
    assert screen.change_label.text() == "Rp1.500"
    assert fake.journal.sales[0].tenders[0].amount == 5_000
