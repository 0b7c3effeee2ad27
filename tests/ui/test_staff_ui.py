"""Staff from the cloud at the real till (real widgets, real SQLite store): a member the feed
deactivates is logged out at the next sale boundary, never mid-cart; a member changes their own
PIN from the F9 menu or the login screen, the old PIN first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from sqlalchemy import text

from pos_desktop.config import ReceiptConfig, TillConfig
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.sync_messages import CatalogPage, CloudStaff
from pos_desktop.localdb import catalog_sync, doc_outbox, journal
from pos_desktop.localdb.catalog_sync import apply_catalog_page
from pos_desktop.localdb.seed import seed_demo
from pos_desktop.localdb.store import LocalStore, open_local_store
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.receipts.escpos_render import PrinterProfile
from pos_desktop.receipts.model import StoreInfo
from pos_desktop.receipts.sink import FileReceiptSink
from pos_desktop.services.checkout import TillService
from pos_desktop.ui.context import TillContext
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.pin_change_dialog import PinChangeDialog
from tests.ui.fakes import Clock
from tests.ui.helpers import cart_rows, idle, login, open_payment, scan

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
INDOMIE = "8998551019898"  # Rp3.500
SITI, BUDI = "5" * 32, "6" * 32


def _pull(store: LocalStore, *staff: CloudStaff) -> None:
    with write_session(store.session_factory) as session:
        sent = catalog_sync.catalog_cursor(session)
        cursor = str(max(m.seq for m in staff))
        page = CatalogPage((), (), (), next_cursor=cursor, has_more=False, staff=staff)
        apply_catalog_page(session, page, sent_cursor=sent, now=datetime.now(UTC))


def _siti(seq: int, *, active: bool = True, pin: str = "1111") -> CloudStaff:
    return CloudStaff(SITI, "Siti", "cashier", active, CHEAP.hash(pin) if active else None, seq)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    store = open_local_store(tmp_path / "till.sqlite3", hasher=CHEAP)
    seed_demo(store.session_factory)
    with write_session(store.session_factory) as session:
        # A till paired long ago: pages come after a cursor (a full pull would drop the demo
        # products the cloud of this test does not send).
        catalog_sync.reset_catalog_cursor(session)
        session.execute(text("UPDATE sync_state SET catalog_cursor = '0'"))
    _pull(store, _siti(1), CloudStaff(BUDI, "Budi", "cashier", True, CHEAP.hash("2222"), 2))
    yield store
    store.close()


@pytest.fixture
def window(qtbot, indonesian, worker, store: LocalStore, tmp_path: Path) -> MainWindow:
    profile = store.settings.store_profile()
    config = TillConfig(receipt=ReceiptConfig(columns=48, output_dir=tmp_path / "receipts"))
    sink = FileReceiptSink(
        tmp_path / "receipts",
        StoreInfo(
            name=profile.name,
            address_lines=profile.address_lines,
            npwp=profile.npwp,
            phone=profile.phone,
            footer_lines=profile.footer_lines,
        ),
        ppn_enabled=profile.tax.ppn_enabled,
        profile=PrinterProfile(columns=48),
    )
    service = TillService(store.catalog, store.sales, sink, config.barcode_rules)
    context = TillContext(
        till=service, staff=store.staff, profile=profile, config=config, clock=Clock()
    )
    window = MainWindow(context, worker, idle_lock_ms=0)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitUntil(lambda: len(window.login.staff) == 2)
    return window


def _member(window: MainWindow, name: str):
    return next(m for m in window.login.staff if m.name == name)


def test_deactivated_mid_cart_finishes_the_sale_then_is_logged_out(
    qtbot, window: MainWindow, store: LocalStore
) -> None:
    login(qtbot, window, _member(window, "Siti"), "1111")
    screen = window.sale
    scan(qtbot, screen, INDOMIE)
    _pull(store, _siti(3, active=False))  # the owner deactivated Siti; the till pulled

    # Boundaries that come with a cart in progress change nothing.
    window.staff_panel.check_now()
    idle(qtbot, screen)
    assert window.stack.currentWidget() is screen and window.cashier is not None
    scan(qtbot, screen, INDOMIE)
    assert len(cart_rows(screen)) == 1

    pay = open_payment(qtbot, screen)
    qtbot.keyClicks(pay.cash_field, "10000")
    qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(pay.completed, timeout=10_000) as done:
        qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    assert done.args[0].sale.cashier_code == SITI  # the sale was kept, under her name
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login, timeout=10_000)
    assert window.cashier is None
    message = window.login.message.text()
    assert "Siti" in message and "Rp3.000" in message  # logged out, and the change still shown
    qtbot.waitUntil(lambda: [m.name for m in window.login.staff] == ["Budi"], timeout=10_000)
    with read_session(store.session_factory) as session:
        assert session.execute(text("SELECT count(*) FROM sales")).scalar_one() == 1


def test_a_cancelled_sale_is_a_boundary_too_and_an_active_member_stays(
    qtbot, window: MainWindow, store: LocalStore
) -> None:
    login(qtbot, window, _member(window, "Siti"), "1111")
    screen = window.sale
    scan(qtbot, screen, INDOMIE)
    screen.cancel_sale()
    screen.cancel_sale()
    idle(qtbot, screen)
    assert window.cashier is not None  # still active: nothing happens
    scan(qtbot, screen, INDOMIE)
    _pull(store, _siti(3, active=False))
    screen.cancel_sale()
    screen.cancel_sale()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login, timeout=10_000)
    assert "Siti" in window.login.message.text()


def _change_pin(qtbot, dialog: PinChangeDialog, old: str, new: str, again: str) -> None:
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.old_pin, old)
    qtbot.keyClick(dialog.old_pin, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.new_pin, new)
    qtbot.keyClick(dialog.new_pin, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.again_pin, again)
    qtbot.keyClick(dialog.again_pin, Qt.Key.Key_Return)


def test_a_cashier_changes_their_pin_from_the_operations_menu(
    qtbot, window: MainWindow, store: LocalStore
) -> None:
    login(qtbot, window, _member(window, "Siti"), "1111")
    window.sale.operation("change_pin").trigger()
    dialog = window.staff_panel.dialog
    assert isinstance(dialog, PinChangeDialog)

    _change_pin(qtbot, dialog, "1111", "2468", "2469")  # the two new PINs differ
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.message.text()))
    assert dialog.isVisible() and all(not f.text() for f in dialog.fields)
    _change_pin(qtbot, dialog, "9999", "2468", "2468")  # wrong current PIN
    qtbot.waitUntil(lambda: not dialog.busy and "2468" not in dialog.message.text())
    assert dialog.isVisible()

    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        _change_pin(qtbot, dialog, "1111", "2468", "2468")
    qtbot.waitUntil(lambda: window.staff_panel.dialog is None)

    siti_id = _member(window, "Siti").user_id
    now = datetime.now(UTC)
    assert store.staff.verify_pin(siti_id, "2468", now).user is not None
    assert store.staff.verify_pin(siti_id, "1111", now).user is None
    with read_session(store.session_factory) as session:
        kinds = [e.kind for e in journal.entries(session)]
        queued = doc_outbox.pending(session, doc_outbox.STAFF_PIN, 10)
    assert kinds.count(JournalKind.PIN_CHANGE) == 1
    (doc,) = [json.loads(q.document) for q in queued]
    assert doc["staff_id"] == SITI and CHEAP.verify(doc["pin_verifier"], "2468")


def test_the_login_screen_offers_a_pin_change_for_the_name_picked(
    qtbot, window: MainWindow, store: LocalStore
) -> None:
    budi = _member(window, "Budi")
    window.login.select_staff(budi.user_id)
    assert window.login.change_pin_button.isVisible()
    window.login.change_pin_button.click()
    dialog = window.staff_panel.dialog
    assert isinstance(dialog, PinChangeDialog) and dialog.member == budi
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        _change_pin(qtbot, dialog, "2222", "135790", "135790")
    login(qtbot, window, budi, "135790")
    assert window.cashier == budi


def test_a_name_deactivated_while_listed_is_refused_with_its_reason(
    qtbot, window: MainWindow, store: LocalStore
) -> None:
    siti = _member(window, "Siti")
    _pull(store, _siti(3, active=False))  # the list on screen still shows her
    window.login.select_staff(siti.user_id)
    qtbot.keyClicks(window.login.pin, "1111")
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [m.name for m in window.login.staff] == ["Budi"], timeout=10_000)
    assert window.cashier is None
    assert "tidak bisa lagi masuk" in window.login.message.text() or "no longer" in (
        window.login.message.text()
    )


def test_an_empty_login_screen_fills_when_the_feed_brings_staff(
    qtbot, indonesian, worker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pos_desktop.ui.login as login_module

    monkeypatch.setattr(login_module, "STAFF_RETRY_MS", 50)
    store = open_local_store(tmp_path / "empty.sqlite3", hasher=CHEAP)
    try:
        seed_demo(store.session_factory)  # a till that has synced no staff yet
        profile = store.settings.store_profile()
        config = TillConfig(receipt=ReceiptConfig(columns=48, output_dir=tmp_path / "r"))
        sink = FileReceiptSink(
            tmp_path / "r",
            StoreInfo(profile.name, profile.address_lines, profile.npwp, profile.phone, ()),
            ppn_enabled=False,
            profile=PrinterProfile(columns=48),
        )
        service = TillService(store.catalog, store.sales, sink, config.barcode_rules)
        context = TillContext(
            till=service, staff=store.staff, profile=profile, config=config, clock=Clock()
        )
        window = MainWindow(context, worker, idle_lock_ms=0)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.login.staff_loaded)
        assert window.login.staff == [] and "cloud" in window.login.who.text()
        with write_session(store.session_factory) as session:
            catalog_sync.reset_catalog_cursor(session)
            session.execute(text("UPDATE sync_state SET catalog_cursor = '0'"))
        _pull(store, _siti(1))
        qtbot.waitUntil(lambda: [m.name for m in window.login.staff] == ["Siti"], timeout=5000)
        window.close()
        assert worker.stop(10_000)
    finally:
        store.close()
