"""Permissions, approvals on the same screen, parked sales and unlocking, through the real widgets
on the real local store: what the cashier sees, and what the audit journal holds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QEvent, Qt

from pos_desktop.config import ReceiptConfig, TillConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Permission, PermissionTable, ReasonCode, Role
from pos_desktop.localdb.held_carts import SqlHeldCarts
from pos_desktop.localdb.journal import SqlJournal
from pos_desktop.localdb.permissions import SqlPermissionStore
from pos_desktop.localdb.seed import seed_demo
from pos_desktop.localdb.store import LocalStore, open_local_store
from pos_desktop.receipts.escpos_render import PrinterProfile
from pos_desktop.receipts.model import StoreInfo
from pos_desktop.receipts.sink import FileReceiptSink
from pos_desktop.services.approvals import ApprovalService, TillOperations
from pos_desktop.services.checkout import TillService
from pos_desktop.services.ports import StaffMember
from pos_desktop.ui.approval import ApprovalDialog
from pos_desktop.ui.context import TillContext
from pos_desktop.ui.held_dialog import HeldDialog
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.permissions_dialog import PermissionsDialog
from pos_desktop.ui.sale_screen import SaleScreen
from tests.demo_staff import add_demo_staff
from tests.ui.fakes import Clock
from tests.ui.helpers import cart_rows, idle, scan

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
INDOMIE = "8998551019898"  # Rp3.500
RENDANG = "8998551019911"  # Rp3.600


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "till.sqlite3"


def _open(db_path: Path) -> LocalStore:
    store = open_local_store(db_path, hasher=CHEAP)
    seed_demo(store.session_factory)
    add_demo_staff(store.session_factory, CHEAP)  # K01 Siti, K02 Budi (cashiers), M01 Ani
    if not any(m.code == "S01" for m in store.staff.active_staff()):
        store.staff.create_user(code="S01", name="Sari", role=Role.SUPERVISOR, pin="4444")
    return store


@pytest.fixture
def store(db_path: Path) -> Iterator[LocalStore]:
    store = _open(db_path)
    yield store
    store.close()


class Till:
    def __init__(self, store: LocalStore, tmp_path: Path, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        profile = store.settings.store_profile()
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
        config = TillConfig(receipt=ReceiptConfig(output_dir=tmp_path / "receipts"))
        self.context = TillContext(
            till=TillService(store.catalog, store.sales, sink, config.barcode_rules),
            staff=store.staff,
            profile=profile,
            config=config,
            clock=clock,
        )
        self.rules = SqlPermissionStore(store.session_factory)
        self.ops = TillOperations(
            approvals=ApprovalService(store.staff, self.rules, clock),
            held=SqlHeldCarts(store.session_factory),
        )

    def member(self, code: str) -> StaffMember:
        return next(m for m in self.store.staff.active_staff() if m.code == code)

    def journal(self) -> list[tuple[str, str, str | None, dict]]:
        return [
            (e.kind, e.actor, e.approver, json.loads(e.data))
            for e in SqlJournal(self.store.session_factory).entries()
        ]


def _window(qtbot, till: Till, worker) -> MainWindow:
    window = MainWindow(till.context, worker, idle_lock_ms=0)
    window.sale.set_operations(till.ops)
    window.login.set_operations(till.ops)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitUntil(lambda: len(window.login.staff) == 4)
    return window


def _login(qtbot, window: MainWindow, till: Till, code: str, pin: str) -> SaleScreen:
    window.login.select_staff(till.member(code).user_id)
    qtbot.keyClicks(window.login.pin, pin)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sale, timeout=10_000)
    idle(qtbot, window.sale)
    return window.sale


def _approval_dialog(qtbot, screen: SaleScreen) -> ApprovalDialog:
    qtbot.waitUntil(lambda: isinstance(screen.dialog, ApprovalDialog))
    dialog = screen.dialog
    assert isinstance(dialog, ApprovalDialog)
    qtbot.waitUntil(lambda: bool(dialog.approvers))
    return dialog


def _type_pin(qtbot, screen: SaleScreen, dialog: ApprovalDialog, pin: str) -> None:
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    idle(qtbot, screen)


@pytest.fixture
def till(store: LocalStore, tmp_path: Path) -> Till:
    return Till(store, tmp_path, Clock())


def test_a_late_void_needs_a_supervisor_and_the_journal_names_both(qtbot, indonesian, worker, till):
    window = _window(qtbot, till, worker)
    screen = _login(qtbot, window, till, "K01", "1111")
    scan(qtbot, screen, INDOMIE)
    scan(qtbot, screen, RENDANG)

    # Within the grace period the cashier removes a line on her own; it is logged.
    till.clock.advance(60)
    screen.remove_selected_line()
    assert [r[1] for r in cart_rows(screen)] == ["Indomie Goreng Original 85 g"]
    idle(qtbot, screen)
    [(kind, actor, approver, data)] = till.journal()
    assert (kind, actor, approver, data["late"]) == ("line_void", "K01", None, False)

    # Past it: the line stays until someone approves; backing out changes nothing.
    till.clock.advance(301)
    qtbot.keyClick(screen.barcode, Qt.Key.Key_Delete)
    dialog = _approval_dialog(qtbot, screen)
    assert [m.code for m in dialog.approvers] == ["M01", "S01"]  # by name: Ani, Sari
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: screen.dialog is None)
    assert len(cart_rows(screen)) == 1
    assert len(till.journal()) == 1

    # A wrong PIN says so in the dialog and changes nothing.
    qtbot.keyClick(screen.barcode, Qt.Key.Key_Delete)
    dialog = _approval_dialog(qtbot, screen)
    dialog.select_approver(till.member("S01").user_id)
    dialog.set_reason(ReasonCode.WRONG_ITEM)
    _type_pin(qtbot, screen, dialog, "0000")
    assert dialog.isVisible() and dialog.message.code == "approval.wrong_pin"
    assert len(cart_rows(screen)) == 1 and len(till.journal()) == 1

    # The supervisor's own PIN: the line goes, approval and void are journaled.
    _type_pin(qtbot, screen, dialog, "4444")
    qtbot.waitUntil(lambda: screen.dialog is None)
    assert cart_rows(screen) == []
    idle(qtbot, screen)
    entries = till.journal()
    assert [(k, a, ap) for k, a, ap, _d in entries[1:]] == [
        ("approval", "K01", "S01"),
        ("line_void", "K01", "S01"),
    ]
    approval, void = entries[1][3], entries[2][3]
    assert (approval["requester_name"], approval["approver_name"]) == ("Siti", "Sari")
    assert (approval["permission"], approval["reason"]) == ("line_void_late", "wrong_item")
    assert void["late"] is True and void["name"] == "Indomie Goreng Original 85 g"
    assert void["approval"]["approver_name"] == "Sari"
    assert SqlJournal(till.store.session_factory).verify().fault is None
    window.close()


def test_wrong_pins_count_towards_the_approvers_lockout(qtbot, indonesian, worker, till):
    window = _window(qtbot, till, worker)
    screen = _login(qtbot, window, till, "K01", "1111")
    scan(qtbot, screen, INDOMIE)
    screen.order_discount("50%")  # above the 10% limit
    dialog = _approval_dialog(qtbot, screen)
    dialog.select_approver(till.member("M01").user_id)
    for _ in range(3):
        _type_pin(qtbot, screen, dialog, "1234")
        assert dialog.message.code == "approval.wrong_pin"
    _type_pin(qtbot, screen, dialog, "1234")  # the fourth locks the manager out
    assert dialog.message.code == "approval.locked"
    _type_pin(qtbot, screen, dialog, "9999")  # right, but locked
    assert dialog.message.code == "approval.locked"
    assert screen.session.cart.order_discount is None
    assert till.journal() == []
    dialog.reject()
    qtbot.waitUntil(lambda: screen.dialog is None)

    # Within the limit the cashier needs no one; the discount is journaled.
    screen.order_discount("10%")
    assert screen.session.cart.order_discount is not None
    idle(qtbot, screen)
    [(kind, actor, approver, data)] = till.journal()
    assert (kind, actor, approver, data["over_limit"]) == ("discount", "K01", None, False)
    window.close()


def test_a_price_override_and_a_big_line_discount_after_approval(qtbot, indonesian, worker, till):
    window = _window(qtbot, till, worker)
    screen = _login(qtbot, window, till, "K01", "1111")
    scan(qtbot, screen, INDOMIE)
    screen.override_price("3000")
    dialog = _approval_dialog(qtbot, screen)
    assert screen.session.cart.lines[0].unit_price == 3_500
    dialog.select_approver(till.member("S01").user_id)
    _type_pin(qtbot, screen, dialog, "4444")
    qtbot.waitUntil(lambda: screen.session.cart.lines[0].unit_price == 3_000)
    screen.line_discount("20%")
    dialog = _approval_dialog(qtbot, screen)
    dialog.select_approver(till.member("S01").user_id)
    _type_pin(qtbot, screen, dialog, "4444")
    qtbot.waitUntil(lambda: screen.session.cart.lines[0].discount is not None)
    idle(qtbot, screen)
    kinds = [(k, ap) for k, _a, ap, _d in till.journal()]
    assert kinds == [
        ("approval", "S01"),
        ("price_override", "S01"),
        ("approval", "S01"),
        ("discount", "S01"),
    ]
    override = till.journal()[1][3]
    assert (override["old_price"], override["unit_price"], override["shelf_price"]) == (
        3_500,
        3_000,
        3_500,
    )
    window.close()


def test_hold_and_recall_survive_reopening_the_store(qtbot, indonesian, worker, db_path, tmp_path):
    store = _open(db_path)
    till = Till(store, tmp_path, Clock())
    window = _window(qtbot, till, worker)
    screen = _login(qtbot, window, till, "K01", "1111")
    scan(qtbot, screen, INDOMIE)
    scan(qtbot, screen, f"3*{RENDANG}")
    screen.line_discount("10%")
    parked = cart_rows(screen)
    total = screen.total_label.text()
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F8)
    assert cart_rows(screen) == []
    idle(qtbot, screen)
    assert not screen.message.is_error
    scan(qtbot, screen, INDOMIE)  # the next customer meanwhile
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F3)
    assert screen.message.code == "held.cart_not_empty" and screen.dialog is None
    window.close()
    store.close()

    store = _open(db_path)
    try:
        till = Till(store, tmp_path, Clock())
        window = _window(qtbot, till, worker)
        screen = _login(qtbot, window, till, "K02", "2222")
        qtbot.keyClick(screen.barcode, Qt.Key.Key_F3)
        qtbot.waitUntil(lambda: isinstance(screen.dialog, HeldDialog))
        dialog = screen.dialog
        qtbot.waitUntil(lambda: dialog.list.count() == 1)
        assert "K01" in dialog.list.item(0).text()
        dialog.recall_selected()
        qtbot.waitUntil(lambda: len(cart_rows(screen)) == 2)
        assert cart_rows(screen) == parked and screen.total_label.text() == total
        assert SqlHeldCarts(store.session_factory).held() == []
        kinds = [(k, a) for k, a, _ap, _d in till.journal()]
        assert ("sale_hold", "K01") in kinds and kinds[-1] == ("sale_recall", "K02")
        window.close()
    finally:
        store.close()


def test_the_permissions_editor_saves_and_journals(qtbot, indonesian, worker, till):
    window = _window(qtbot, till, worker)
    screen = _login(qtbot, window, till, "K01", "1111")
    screen.open_permissions()  # a cashier: a manager must approve (a supervisor may not)
    dialog = _approval_dialog(qtbot, screen)
    assert [m.code for m in dialog.approvers] == ["M01"]
    dialog.reject()
    qtbot.waitUntil(lambda: screen.dialog is None)
    window.logout()

    screen = _login(qtbot, window, till, "M01", "9999")
    screen.operation("permissions").trigger()
    qtbot.waitUntil(lambda: isinstance(screen.dialog, PermissionsDialog))
    editor = screen.dialog
    qtbot.waitUntil(editor.save_button.isEnabled)
    keep = editor.boxes[("manager", Permission.CHANGE_SETTINGS)]
    assert keep.isChecked() and not keep.isEnabled()
    editor.boxes[("cashier", Permission.NO_SALE)].setChecked(True)
    editor.discount_limit.setValue(15)
    editor.void_grace.setValue(60)
    editor.save_button.click()
    qtbot.waitUntil(lambda: screen.dialog is None)
    table, policy = till.rules.rules()
    assert table == PermissionTable.default().with_grant("cashier", Permission.NO_SALE, True)
    assert (policy.discount_limit_bp, policy.void_grace_s) == (1500, 60)
    assert screen.permissions == table and screen.policy == policy
    [(kind, actor, approver, data)] = till.journal()
    assert (kind, actor, approver) == ("settings_change", "M01", None)
    assert data["new"]["policy"] == {"discount_limit_bp": 1500, "void_grace_s": 60}
    assert data["old"]["policy"] == {"discount_limit_bp": 1000, "void_grace_s": 300}
    window.close()


def test_a_manager_unlocks_a_locked_cashier_on_the_login_screen(qtbot, indonesian, worker, till):
    window = _window(qtbot, till, worker)
    login = window.login
    budi = till.member("K02")
    login.select_staff(budi.user_id)
    for _ in range(4):
        qtbot.keyClicks(login.pin, "0000")
        qtbot.keyClick(login.pin, Qt.Key.Key_Return)
        idle(qtbot, window.sale)
    assert login.lock_seconds_left() > 0 and login.unlock_button.isVisible()

    login.unlock_button.click()
    assert login.unlocking == budi and login.selected == till.member("M01")
    qtbot.keyClicks(login.pin, "1234")
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)
    idle(qtbot, window.sale)
    assert login.message.code == "approval.wrong_pin" and login.unlocking == budi
    assert till.journal() == []

    qtbot.keyClicks(login.pin, "9999")
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)
    idle(qtbot, window.sale)
    assert login.unlocking is None and login.selected == budi
    assert login.lock_seconds_left() == 0 and not login.unlock_button.isVisible()
    [(kind, actor, approver, data)] = till.journal()
    assert approver is None
    assert (kind, actor, data["user_code"], data["by_name"]) == ("user_unlock", "M01", "K02", "Ani")
    _login(qtbot, window, till, "K02", "2222")
    window.close()


def test_the_service_refuses_self_approval_and_roles_that_may_not(till):
    approvals = till.ops.approvals
    siti, budi = till.member("K01"), till.member("K02")
    sari, ani = till.member("S01"), till.member("M01")
    now = till.clock()
    for requester, approver, pin, permission, code in (
        (sari, sari, "4444", Permission.LINE_VOID_LATE, "approval.self"),
        (budi, siti, "1111", Permission.NO_SALE, "approval.not_allowed"),  # a cashier
        (siti, sari, "4444", Permission.REFUND, "approval.not_allowed"),  # not a supervisor's
    ):
        with pytest.raises(UserError) as refused:
            approvals.approve(permission, requester, approver.user_id, pin, ReasonCode.OTHER, now)
        assert refused.value.code == code
    assert till.journal() == []
    approval = approvals.approve(
        Permission.REFUND, sari, ani.user_id, "9999", ReasonCode.DAMAGED, now
    )
    assert (approval.approver_code, approval.approver_role) == ("M01", "manager")
    with pytest.raises(UserError) as not_locked:
        approvals.unlock(ani, siti.user_id)
    assert not_locked.value.code == "unlock.not_locked"
    assert [k for k, *_ in till.journal()] == ["approval"]


def test_without_operations_the_default_table_refuses_instead_of_asking(qtbot, window, fake):
    from tests.ui.fakes import INDOMIE as FAKE_INDOMIE
    from tests.ui.fakes import SITI
    from tests.ui.helpers import login

    login(qtbot, window, SITI, "1111")
    screen = window.sale
    scan(qtbot, screen, FAKE_INDOMIE.barcode)
    fake.clock.advance(3600)
    screen.remove_selected_line()
    assert screen.message.code == "permission.required" and screen.dialog is None
    assert len(cart_rows(screen)) == 1
    screen.order_discount("50%")
    assert screen.message.code == "permission.required"
    assert screen.session.cart.order_discount is None
    screen.hold_sale()
    assert screen.message.code == "operations.unavailable"


def test_the_operations_menu_takes_entries_from_outside(qtbot, window, fake):
    from tests.ui.fakes import SITI
    from tests.ui.helpers import login

    login(qtbot, window, SITI, "1111")
    screen = window.sale
    calls: list[str] = []
    label = ["Shift"]
    screen.add_operation("shift", lambda: label[0], lambda: calls.append("shift"))
    qtbot.keyClick(screen.barcode, Qt.Key.Key_F9)
    qtbot.waitUntil(screen.menu.isVisible)
    names = [a.objectName() for a in screen.menu.actions()]
    assert names == [
        "operation_hold",
        "operation_recall",
        "operation_price",
        "operation_permissions",
        "operation_shift",
    ]
    screen.menu.hide()
    label[0] = "Shift kasir"
    screen.changeEvent(QEvent(QEvent.Type.LanguageChange))
    assert screen.operation("shift").text() == "Shift kasir"
    screen.operation("shift").trigger()
    assert calls == ["shift"]
    assert screen.menu_button.objectName() == "menuButton"
    assert window.minimumSizeHint().width() <= 1024


class _Drawer:
    def __init__(self) -> None:
        self.opened: list[tuple[str, str]] = []

    def open(self, why: str, *, by: str) -> None:
        self.opened.append((why, by))


class _Hub:
    def __init__(self) -> None:
        self.drawer = _Drawer()


def test_a_drawer_open_without_a_sale_needs_an_approval(qtbot, indonesian, worker, till):
    window = _window(qtbot, till, worker)
    hub = _Hub()
    window.devices.hub = hub  # only the drawer is used here
    screen = _login(qtbot, window, till, "K01", "1111")
    screen.drawer_button.click()
    dialog = _approval_dialog(qtbot, screen)
    assert hub.drawer.opened == []
    dialog.select_approver(till.member("S01").user_id)
    _type_pin(qtbot, screen, dialog, "4444")
    qtbot.waitUntil(lambda: hub.drawer.opened == [("no sale", "K01")])
    idle(qtbot, screen)
    assert [(k, a, ap) for k, a, ap, _d in till.journal()] == [
        ("approval", "K01", "S01"),
        ("drawer_open", "K01", "S01"),
    ]
    assert till.journal()[0][3]["reason"] == "change_for_customer"  # suggested for a no-sale
    window.devices.hub = None
    window.close()
