"""After a shift is closed the sale screen takes no scans until a new shift is opened: a scan
says why and offers to open the shift, and what was scanned waits in the field for Enter.
Real widgets on a real till (database, shifts, receipts)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from pos_desktop.app import OpenTill, open_till
from pos_desktop.config import TillConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.shift_report import ShiftInfo
from pos_desktop.paths import AppPaths
from pos_desktop.services.shifts import cart_refusal
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.search_dialog import SearchDialog
from pos_desktop.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog, ReportDialog
from pos_desktop.ui.worker import DbWorker
from tests.sync.conftest import till_home, till_template  # noqa: F401
from tests.ui.fakes import Clock
from tests.ui.helpers import cart_rows, idle

INDOMIE = "8998551019898"  # Rp3.500


def test_the_rule_refuses_only_a_known_closed_shift() -> None:
    opened = ShiftInfo(
        shift_id="s1",
        store_code="S01",
        till_code="T01",
        opened_at=datetime(2026, 12, 7, 7, 0, tzinfo=UTC),
        opened_by="M01",
        opening_float=200_000,
    )
    assert cart_refusal(opened) is None
    refusal = cart_refusal(None)
    assert isinstance(refusal, UserError) and refusal.code == "shift.closed_scan"
    # Still being read after a login: let it through (checked again when the product comes).
    assert cart_refusal(None, known=False) is None


@pytest.fixture
def till(till_home: AppPaths) -> Iterator[OpenTill]:  # noqa: F811
    opened = open_till(till_home, TillConfig(idle_lock_minutes=0), clock=Clock(datetime.now(UTC)))
    yield opened
    opened.close()


def _login_and_open_shift(qtbot, window: MainWindow, code: str, pin: str) -> None:
    screen = window.sale
    member = next(m for m in window.login.staff if m.code == code)
    window.login.select_staff(member.user_id)
    qtbot.keyClicks(window.login.pin, pin)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(screen.dialog, OpenShiftDialog), timeout=10_000)
    _open_shift(qtbot, window)


def _open_shift(qtbot, window: MainWindow) -> None:
    screen = window.sale
    opening = screen.dialog
    assert isinstance(opening, OpenShiftDialog)
    opening.float_field.setText("200.000")
    opening.submit()
    qtbot.waitUntil(lambda: window.store_operations.shift is not None, timeout=10_000)
    qtbot.waitUntil(lambda: screen.dialog is None)


def _close_shift(qtbot, window: MainWindow) -> None:
    ops = window.store_operations
    screen = window.sale
    closing = ops.close_shift()
    assert isinstance(closing, CloseShiftDialog)
    closing.count_fields["note_100000"].setText("2")
    closing.check()
    qtbot.waitUntil(lambda: closing.expected_value.isVisible(), timeout=10_000)
    with qtbot.waitSignal(ops.reportReady, timeout=20_000) as z_ready:
        closing.close_button.click()
    z_dialog = z_ready.args[0]
    assert isinstance(z_dialog, ReportDialog)
    qtbot.waitUntil(lambda: z_dialog._printed_once, timeout=10_000)
    z_dialog.accept()
    qtbot.waitUntil(lambda: screen.dialog is None)
    assert ops.shift is None


def test_no_scan_after_the_shift_is_closed_until_a_new_one_is_opened(
    qtbot, indonesian: None, worker: DbWorker, till: OpenTill
) -> None:
    window = MainWindow(till.context, worker, idle_lock_ms=0)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    try:
        qtbot.waitUntil(lambda: len(window.login.staff) >= 3, timeout=10_000)
        screen = window.sale
        _login_and_open_shift(qtbot, window, "M01", "9999")
        _close_shift(qtbot, window)

        # A scan outside a shift: refused at once, the shift is offered, the code kept.
        qtbot.keyClicks(screen.barcode, INDOMIE)
        qtbot.keyClick(screen.barcode, Qt.Key.Key_Return)
        idle(qtbot, screen)
        assert cart_rows(screen) == []
        assert screen.message.code == "shift.closed_scan"
        assert screen.message.is_error
        assert screen.barcode.text() == INDOMIE
        qtbot.waitUntil(lambda: isinstance(screen.dialog, OpenShiftDialog))

        # The cashier opens the shift there and presses Enter: the scan sells.
        _open_shift(qtbot, window)
        assert screen.barcode.text() == INDOMIE
        qtbot.keyClick(screen.barcode, Qt.Key.Key_Return)
        idle(qtbot, screen)
        assert [row[1] for row in cart_rows(screen)] == ["Indomie Goreng Original 85 g"]
    finally:
        window.close()


def test_a_product_found_by_search_is_refused_outside_a_shift_too(
    qtbot, worker: DbWorker, till: OpenTill
) -> None:
    window = MainWindow(till.context, worker, idle_lock_ms=0)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    try:
        qtbot.waitUntil(lambda: len(window.login.staff) >= 3, timeout=10_000)
        screen = window.sale
        _login_and_open_shift(qtbot, window, "M01", "9999")
        _close_shift(qtbot, window)
        lookup = till.context.till.lookup(INDOMIE)
        assert screen.add_lookup(lookup) is False
        assert cart_rows(screen) == []
        assert screen.message.code == "shift.closed_scan"
        assert not isinstance(screen.dialog, SearchDialog)
    finally:
        window.close()
