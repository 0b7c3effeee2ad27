"""The window's one change event: each operation is published once on ``MainWindow.changes``,
and the panels around the sale (sync notifier, staff check, pole display, backup label, pairing)
react to it rather than to the sale screen's own signals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_desktop.app import OpenTill, open_till
from pos_desktop.config import TillConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.paths import AppPaths
from pos_desktop.services.changes import TillChanges
from pos_desktop.services.ports import LoginResult, StaffMember
from pos_desktop.sync import runtime
from pos_desktop.sync.runtime import SyncSetup
from pos_desktop.sync.status import SyncState, SyncStatus
from pos_desktop.ui.backup_status import attach_backup_status
from pos_desktop.ui.device_panel import DISPLAY_CHANGE, DISPLAY_TOTAL, PoleDisplay
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog, ReportDialog
from pos_desktop.ui.sync_status import GuiSync, attach_sync
from pos_desktop.ui.worker import DbWorker
from tests.sync.conftest import till_home, till_template  # noqa: F401
from tests.ui.fakes import AQUA, PROFILE, SITI, Clock, FakeStaff, FakeTill
from tests.ui.helpers import idle, login, open_payment, scan


@dataclass
class StaffAccounts(FakeStaff):
    """The fake directory with the accounts side, so the window gets a staff panel."""

    def current_member(self, user_id: int) -> StaffMember | None:
        return next((m for m in self.staff if m.user_id == user_id), None)

    def change_own_pin(
        self, user_id: int, old_pin: str, new_pin: str, now: datetime
    ) -> LoginResult:
        raise AssertionError("not in these tests")


class SpyDisplay:
    def __init__(self) -> None:
        self.shown: list[tuple[str, ...]] = []

    def show_pair(self, label: str, amount: str, bottom_label: str, bottom: str) -> None:
        self.shown.append((label, amount, bottom_label, bottom))

    def welcome(self) -> None:
        self.shown.append(("welcome",))


class SpySyncWorker:
    def __init__(self) -> None:
        self.sales = 0
        self.status = SyncStatus(SyncState.ONLINE, pending=2)

    def notify_sale(self) -> None:
        self.sales += 1

    def wake(self) -> None:
        pass

    def stop(self, timeout: float = 0) -> bool:
        return True


@pytest.fixture
def staffed(qtbot: Any, indonesian: None, fake: FakeTill, worker: DbWorker) -> Iterator[MainWindow]:
    """The usual window, with a staff directory that can say who may still be at the till."""
    context = replace(fake.context, staff=StaffAccounts())
    win = MainWindow(context, worker, idle_lock_ms=0)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitUntil(lambda: len(win.login.staff) == 2)
    yield win
    win.close()


@pytest.fixture
def sync_worker(monkeypatch: pytest.MonkeyPatch) -> SpySyncWorker:
    """``attach_sync`` starts this worker instead of a real sync thread."""
    spy = SpySyncWorker()
    service = SimpleNamespace(worker=spy, stop=spy.stop)
    monkeypatch.setattr(
        runtime,
        "start_sync",
        lambda *a, **k: SyncSetup(service, spy.status),  # type: ignore[arg-type]
    )
    return spy


def _published(window: MainWindow) -> list[TillChanges]:
    seen: list[TillChanges] = []
    window.changes.subscribe(seen.append)
    return seen


def _sell(qtbot: Any, window: MainWindow, barcode: str, cash: str) -> None:
    screen = window.sale
    scan(qtbot, screen, barcode)
    pay = open_payment(qtbot, screen)
    qtbot.keyClicks(pay.cash_field, cash)
    qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(pay.completed, timeout=10_000):
        qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.dialog is None)
    idle(qtbot, screen)


def test_a_committed_sale_is_published_once_and_sync_pole_and_backup_follow_it(
    qtbot: Any, window: MainWindow, fake: FakeTill, sync_worker: SpySyncWorker
) -> None:
    sync = attach_sync(window, None, None, None)  # type: ignore[arg-type]
    assert isinstance(sync, GuiSync) and sync.service is not None
    label = attach_backup_status(window, None, "S01-T01-B-000001", window.changes)
    display = SpyDisplay()
    PoleDisplay(window, display)  # type: ignore[arg-type]
    seen = _published(window)
    login(qtbot, window, SITI, "1111")
    assert label.isVisible()
    _sell(qtbot, window, AQUA.barcode, "5000")

    [sale] = fake.journal.sales
    committed = [c for c in seen if c.sale is not None]
    assert len(committed) == 1 and committed[0].sale is not None
    assert committed[0].sale.sale == sale and committed[0].sale_boundary
    line = next(c for c in seen if c.line_added is not None)
    assert line.cart
    assert [c.payment_due for c in seen if c.payment_due is not None] == [4_000]
    assert [c.cashier for c in seen if c.cashier is not None] == [SITI]

    assert sync_worker.sales == 1  # pushed at once
    assert not label.isVisible()  # the new series' first receipt is made
    assert display.shown == [
        ("Aqua 600 ml", "Rp4.000", DISPLAY_TOTAL, "Rp4.000"),
        (DISPLAY_TOTAL, "Rp4.000", "", ""),
        (DISPLAY_CHANGE, "Rp1.000", "Terima kasih", ""),
    ]


def test_after_a_published_sale_the_staff_panel_logs_out_a_member_deactivated_meanwhile(
    qtbot: Any, staffed: MainWindow
) -> None:
    window = staffed
    seen = _published(window)
    login(qtbot, window, SITI, "1111")
    scan(qtbot, window.sale, AQUA.barcode)
    staff = window.context.staff
    assert isinstance(staff, StaffAccounts)
    staff.staff.remove(SITI)  # deactivated in the cloud, mid-cart

    _sell(qtbot, window, AQUA.barcode, "10000")

    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login, timeout=10_000)
    assert window.cashier is None
    assert "Siti" in window.login.message.text()
    sale_then_out = [c for c in seen if c.sale is not None or c.logged_out]
    assert [(c.sale is not None, c.logged_out) for c in sale_then_out] == [
        (True, False),
        (False, True),
    ]


def test_a_cancelled_sale_is_published_as_a_boundary(qtbot: Any, window: MainWindow) -> None:
    seen = _published(window)
    login(qtbot, window, SITI, "1111")
    scan(qtbot, window.sale, AQUA.barcode)
    window.sale.cancel_sale()
    window.sale.cancel_sale()
    idle(qtbot, window.sale)
    ended = [c for c in seen if c.sale_ended]
    assert len(ended) == 1 and ended[0].sale_boundary and ended[0].sale is None


def test_login_lock_and_logout_are_published_and_the_pole_and_sync_notice_follow(
    qtbot: Any, window: MainWindow, sync_worker: SpySyncWorker
) -> None:
    attach_sync(window, None, None, None)  # type: ignore[arg-type]
    display = SpyDisplay()
    PoleDisplay(window, display)  # type: ignore[arg-type]
    seen = _published(window)

    login(qtbot, window, SITI, "1111")
    assert seen == [TillChanges(cashier=SITI)]
    assert window.lock()
    assert seen[1:] == [TillChanges(locked=True)]
    assert display.shown == [("welcome",)]
    login(qtbot, window, SITI, "1111")
    window.statusBar().clearMessage()
    window.logout()
    assert seen[2:] == [TillChanges(cashier=SITI), TillChanges(logged_out=True)]
    assert "2" in window.statusBar().currentMessage()  # the sales still queued, said at logout


def test_a_refused_logout_publishes_nothing(qtbot: Any, window: MainWindow) -> None:
    login(qtbot, window, SITI, "1111")
    scan(qtbot, window.sale, AQUA.barcode)
    seen = _published(window)
    window.logout()  # a cart is open
    assert window.cashier == SITI and seen == []


def test_a_profile_from_pairing_is_published_to_every_subscriber(
    qtbot: Any, window: MainWindow
) -> None:
    seen = _published(window)
    paired = replace(PROFILE, name="Toko Baru", till_code="T09")
    window.apply_profile(paired)
    assert seen == [TillChanges(profile=paired)]
    assert window.login.store_label.text() == "Toko Baru"


def test_a_profile_read_at_a_boundary_is_published_only_when_it_changed(
    qtbot: Any, window: MainWindow
) -> None:
    seen = _published(window)
    window.sale.profileInForce.emit(PROFILE)  # the same as in force: nothing to tell
    assert seen == []
    newer = replace(PROFILE, name="Toko Uji Coba 2")
    window.sale.profileInForce.emit(newer)
    assert seen == [TillChanges(profile=newer)]
    assert window.context.profile == newer
    assert window.login.store_label.text() == "Toko Uji Coba 2"


@pytest.fixture
def till(till_home: AppPaths) -> Iterator[OpenTill]:  # noqa: F811
    opened = open_till(till_home, TillConfig(idle_lock_minutes=0), clock=Clock(datetime.now(UTC)))
    yield opened
    opened.close()


def test_the_shift_is_asked_for_at_the_published_login_and_its_open_and_close_are_published(
    qtbot: Any, indonesian: None, worker: DbWorker, till: OpenTill
) -> None:
    window = MainWindow(till.context, worker, idle_lock_ms=0)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: len(window.login.staff) >= 3, timeout=10_000)
        seen = _published(window)
        screen, ops = window.sale, window.store_operations
        manager = next(m for m in window.login.staff if m.code == "M01")
        login(qtbot, window, manager, "9999")
        # The login went out on the hub; the panel heard it, found no shift and asks for one.
        qtbot.waitUntil(lambda: isinstance(screen.dialog, OpenShiftDialog), timeout=10_000)
        assert seen == [TillChanges(cashier=manager)]
        opening = screen.dialog
        assert isinstance(opening, OpenShiftDialog)
        opening.float_field.setText("200.000")
        opening.submit()
        qtbot.waitUntil(lambda: ops.shift is not None, timeout=10_000)
        assert seen[1:] == [TillChanges(shift=True)]

        qtbot.waitUntil(lambda: screen.dialog is None)
        closing = ops.close_shift()
        assert isinstance(closing, CloseShiftDialog)
        closing.count_fields["note_100000"].setText("2")
        closing.check()
        qtbot.waitUntil(lambda: closing.expected_value.isVisible(), timeout=10_000)
        with qtbot.waitSignal(ops.reportReady, timeout=20_000) as z_ready:
            closing.close_button.click()
        assert seen[2:] == [TillChanges(shift=True)]
        z_dialog = z_ready.args[0]
        assert isinstance(z_dialog, ReportDialog)
        qtbot.waitUntil(lambda: worker.pending == 0, timeout=10_000)
        z_dialog.accept()
    finally:
        window.close()


def test_a_drawer_banner_that_came_before_the_commit_stays_on_top_of_sale_saved(
    qtbot: Any, window: MainWindow, fake: FakeTill
) -> None:
    """The drawer's and printer's threads can answer before the database worker's commit does
    (a loaded till); the screen's "Sale ... saved" must not bury the drawer that did not open."""
    login(qtbot, window, SITI, "1111")
    screen = window.sale
    scan(qtbot, screen, AQUA.barcode)
    pay = open_payment(qtbot, screen)
    qtbot.keyClicks(pay.cash_field, "5000")
    qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    # The drawer's news arrives first, as it does when the worker's result is late.
    window.devices.drawerNotOpened.emit("S01-T01-000001", UserError("printer.unavailable"))
    assert screen.message.code == "drawer.not_opened"
    with qtbot.waitSignal(pay.completed, timeout=10_000):
        qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
    idle(qtbot, screen)
    assert fake.journal.sales  # the sale is kept
    assert screen.message.code == "drawer.not_opened"
    assert screen.message.is_error
