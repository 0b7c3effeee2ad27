"""Bad input at the till: a clear message, the field flashes, the cart stays as it was."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from pos_desktop.domain.errors import UserError
from pos_desktop.ui.payment_dialog import PaymentDialog
from tests.ui.fakes import AQUA, INDOMIE, SITI, FakeTill, ean13
from tests.ui.helpers import cart_rows, idle, login, open_payment, scan


@pytest.fixture
def screen(qtbot, window, fake: FakeTill):
    login(qtbot, window, SITI, "1111")
    scan(qtbot, window.sale, INDOMIE.barcode)
    scan(qtbot, window.sale, AQUA.barcode)
    assert len(cart_rows(window.sale)) == 2
    return window.sale


def _assert_refused(screen, code: str, before: list[list[str]]) -> None:
    assert screen.message.code == code
    assert screen.message.is_error
    assert screen.message.text()
    assert screen.barcode.property("state") == "error"  # the red flash
    assert cart_rows(screen) == before


def test_unknown_barcode_leaves_the_cart_unchanged(qtbot, screen):
    before = cart_rows(screen)
    unknown = ean13("899000000099")
    scan(qtbot, screen, unknown)
    _assert_refused(screen, "product.not_found", before)
    assert screen.message.text() == f"Produk tidak ditemukan: {unknown}"
    # The bad code stays in the field, selected, so the next scan replaces it.
    assert screen.barcode.text() == unknown and screen.barcode.hasSelectedText()
    qtbot.keyClick(screen.barcode, Qt.Key.Key_Escape)
    assert screen.barcode.text() == "" and screen.message.code == ""


def test_wrong_check_digit(qtbot, screen):
    before = cart_rows(screen)
    scan(qtbot, screen, INDOMIE.barcode[:-1] + str((int(INDOMIE.barcode[-1]) + 1) % 10))
    _assert_refused(screen, "barcode.bad_check_digit", before)
    assert "check digit" in screen.message.text()


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        (f"0*{INDOMIE.barcode}", "quantity.not_positive"),
        (f"99999*{INDOMIE.barcode}", "quantity.too_large"),
        (f"1,5*{INDOMIE.barcode}", "quantity.not_whole"),
        (f"x*{INDOMIE.barcode}", "scan.bad_multiplier"),
    ],
)
def test_zero_absurd_or_broken_quantity_is_refused(qtbot, screen, typed: str, code: str):
    before = cart_rows(screen)
    scan(qtbot, screen, typed)
    _assert_refused(screen, code, before)


def test_quantity_key_and_delete(qtbot, screen):
    # F4 with a number typed in the barcode field sets the selected line's quantity.
    qtbot.keyClicks(screen.barcode, "4")
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F4)
    assert cart_rows(screen)[1][2] == "4"
    assert screen.barcode.text() == ""
    before = cart_rows(screen)
    qtbot.keyClicks(screen.barcode, "0")
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F4)
    _assert_refused(screen, "quantity.not_positive", before)
    screen.barcode.clear()
    # Up selects the first line; Del (empty field) removes it without asking.
    qtbot.keyClick(screen.barcode, Qt.Key.Key_Up)
    qtbot.keyClick(screen.barcode, Qt.Key.Key_Delete)
    assert [row[1] for row in cart_rows(screen)] == ["Aqua 600 ml"]
    assert screen.total_label.text() == "Rp16.000"


def test_touch_keypad_scans_and_removes(qtbot, screen):
    for digit in f"2*{INDOMIE.barcode}":
        screen.keypad.button(digit).click()
    assert screen.barcode.text() == f"2*{INDOMIE.barcode}"
    screen.keypad.button("enter").click()
    idle(qtbot, screen)
    assert cart_rows(screen)[2][1:3] == ["Indomie Goreng", "2"]
    screen.keypad.button("del").click()
    assert len(cart_rows(screen)) == 2
    assert screen.keypad.button("del").text() == "Hapus baris"


def test_storage_failure_at_commit_keeps_the_cart_and_allows_a_retry(qtbot, screen, fake):
    before = cart_rows(screen)
    dialog = open_payment(qtbot, screen)
    dialog.quick_buttons[0].click()  # exact amount
    fake.journal.fail_next = UserError("storage.full")
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    idle(qtbot, screen)
    assert dialog.isVisible() and not dialog.is_committing
    assert dialog.message.code == "storage.full"
    assert "Disk penuh" in dialog.message.text()
    assert fake.journal.sales == [] and fake.sink.delivered == []
    assert cart_rows(screen) == before

    with qtbot.waitSignal(dialog.completed, timeout=5000):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    assert len(fake.journal.sales) == 1


def test_unexpected_storage_error_is_logged_and_shown_generically(qtbot, screen, fake, caplog):
    before = cart_rows(screen)
    dialog = open_payment(qtbot, screen)
    dialog.quick_buttons[0].click()
    fake.journal.fail_next = RuntimeError("boom in the journal")
    with caplog.at_level(logging.ERROR, logger="pos_desktop.ui.worker"):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
        idle(qtbot, screen)
    assert dialog.message.code == "storage.unexpected"
    assert "boom" not in dialog.message.text()
    assert any("commit sale" in r.getMessage() and r.exc_info for r in caplog.records)
    assert cart_rows(screen) == before and fake.journal.sales == []


def test_receipt_failure_still_completes_the_sale_and_f10_reprints(qtbot, screen, fake):
    fake.sink.fail_with = OSError("printer paper out")
    dialog = open_payment(qtbot, screen)
    dialog.quick_buttons[0].click()
    with qtbot.waitSignal(dialog.completed, timeout=5000):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.dialog is None)
    [sale] = fake.journal.sales
    assert cart_rows(screen) == []
    assert screen.change_visible
    assert screen.message.code == "receipt.output_failed"
    assert "F10" in screen.message.text()

    fake.sink.fail_with = None
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F10)
    idle(qtbot, screen)
    assert fake.sink.delivered == [(sale.receipt_no, True)]
    assert sale.receipt_no in screen.message.text()


def test_payment_refuses_bad_tender_details(qtbot, screen, fake):
    dialog: PaymentDialog = open_payment(qtbot, screen)
    qtbot.keyClicks(dialog.cash_field, "12,50")
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    assert dialog.message.code == "ui.bad_amount"
    dialog.cash_field.clear()
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_F7)
    qtbot.keyClicks(dialog.card_approval, "OK1")
    dialog.card_last4.setText("12")
    qtbot.keyClick(dialog.card_approval, Qt.Key.Key_Return)
    assert dialog.message.code == "tender.card.last4"
    assert dialog.payment.tenders == []
    # Esc leaves the card form first, then the payment.
    qtbot.keyClick(dialog.card_approval, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.pages.currentIndex() == 0
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.dialog is None)
    assert fake.journal.sales == []
