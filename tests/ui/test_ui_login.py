"""PIN login, lockout message, and the idle auto-lock that keeps the cashier's cart."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_desktop.ui.main_window import MainWindow
from tests.ui.fakes import AQUA, BUDI, INDOMIE, SITI, FakeTill
from tests.ui.helpers import cart_rows, login, open_payment, scan


def _type_pin(qtbot, window: MainWindow, pin: str) -> None:
    qtbot.keyClicks(window.login.pin, pin)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.worker.pending == 0)


def test_staff_buttons_and_wrong_then_right_pin(qtbot, window: MainWindow, fake: FakeTill):
    names = [b.text().split("\n") for b in window.login.staff_group.buttons()]
    assert names == [["Siti", "Kasir"], ["Budi", "Kasir"]]
    assert window.login.title.text() == "Masuk Kasir"
    assert window.login.pin.echoMode() == window.login.pin.EchoMode.Password

    window.login.staff_group.button(SITI.user_id).click()
    _type_pin(qtbot, window, "1234")
    assert window.stack.currentWidget() is window.login
    assert window.login.message.text() == "PIN salah. Coba lagi."
    assert window.login.pin.text() == ""

    # Touch: the on-screen keypad types the PIN and logs in.
    for digit in "1111":
        window.login.keypad.button(digit).click()
    window.login.keypad.button("enter").click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sale)
    assert window.cashier == SITI
    assert window.cashier_status.text() == "Kasir: Siti"
    assert window.sale.pay_button.text().startswith("Bayar")


def test_lockout_shows_the_remaining_time(qtbot, window: MainWindow, fake: FakeTill):
    window.login.select_staff(BUDI.user_id)
    for _ in range(3):
        _type_pin(qtbot, window, "0000")
    assert "Terkunci" not in window.login.message.text()
    _type_pin(qtbot, window, "0000")  # the fourth failure locks for 30 s
    assert window.login.message.text() == "PIN salah. Terkunci: coba lagi dalam 0:30."
    assert window.login.lock_seconds_left() == 30

    fake.clock.advance(12)
    _type_pin(qtbot, window, "2222")  # right PIN, but still locked
    assert window.stack.currentWidget() is window.login
    assert window.login.message.text() == "Terkunci karena PIN salah: coba lagi dalam 0:18."

    fake.clock.advance(20)
    _type_pin(qtbot, window, "2222")
    assert window.stack.currentWidget() is window.sale
    assert window.cashier == BUDI


def test_idle_lock_keeps_the_cart_for_the_same_cashier(qtbot, indonesian, fake, worker):
    window = MainWindow(fake.context, worker, idle_lock_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(window.login.staff) == 2)
    login(qtbot, window, SITI, "1111")
    scan(qtbot, window.sale, f"2*{INDOMIE.barcode}")
    scan(qtbot, window.sale, AQUA.barcode)
    siti_cart = cart_rows(window.sale)

    # Any key restarts the idle countdown.
    timer = window.idle.timer
    assert timer.isActive()
    timer.start(30_000)
    qtbot.keyClick(window.sale.barcode, Qt.Key.Key_Escape)
    assert timer.remainingTime() > 30_000

    # Then no input for the (shortened) idle time: the till locks by itself.
    window.idle.interval_ms = 20
    with qtbot.waitSignal(window.locked, timeout=5000):
        window.idle.arm()
    window.idle.interval_ms = 60_000
    assert window.stack.currentWidget() is window.login
    assert window.login.selected == SITI
    assert "Siti" in window.login.message.text()

    # Budi uses the till meanwhile: his own, empty cart.
    login(qtbot, window, BUDI, "2222")
    assert cart_rows(window.sale) == []
    window.lock()

    login(qtbot, window, SITI, "1111")
    assert cart_rows(window.sale) == siti_cart
    assert window.sale.total_label.text() == "Rp11.000"
    window.close()


def test_idle_lock_off_and_logout_refused_with_an_open_cart(qtbot, window: MainWindow, fake):
    assert not window.idle.enabled
    login(qtbot, window, SITI, "1111")
    assert not window.idle.timer.isActive()
    scan(qtbot, window.sale, INDOMIE.barcode)
    window.sale.logout_button.click()
    assert window.stack.currentWidget() is window.sale
    assert window.sale.message.code == "ui.cart_open"
    window.sale.remove_selected_line()
    window.sale.logout_button.click()
    assert window.stack.currentWidget() is window.login
    assert SITI.user_id not in window.sessions


def test_lock_during_payment_cancels_the_tenders_and_keeps_the_cart(
    qtbot, window: MainWindow, fake
):
    login(qtbot, window, SITI, "1111")
    scan(qtbot, window.sale, INDOMIE.barcode)
    dialog = open_payment(qtbot, window.sale)
    qtbot.keyClicks(dialog.cash_field, "1000")
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    assert len(dialog.payment.tenders) == 1
    assert window.lock()
    assert window.sale.dialog is None
    assert window.sessions[SITI.user_id].payment is None
    login(qtbot, window, SITI, "1111")
    assert cart_rows(window.sale)[0][1] == "Indomie Goreng"
    assert fake.journal.sales == []


def test_cancel_sale_needs_a_second_press(qtbot, window: MainWindow, fake):
    login(qtbot, window, SITI, "1111")
    scan(qtbot, window.sale, INDOMIE.barcode)
    window.sale.cancel_sale_button.click()
    assert len(cart_rows(window.sale)) == 1
    assert window.sale.message.text() == "Tekan Batal sekali lagi untuk membatalkan transaksi ini."
    window.sale.cancel_sale_button.click()
    assert cart_rows(window.sale) == []
    assert window.sale.total_label.text() == "Rp0"
