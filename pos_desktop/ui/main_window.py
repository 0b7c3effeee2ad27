"""The till's one window: login and sale screens in a stack, a status bar, no menus.

Each cashier's open sale is kept here, by user, so locking the till (by hand or after
``idle_lock_minutes`` without input) never loses a cart: the same cashier logs back in and finds
it as it was; another cashier meanwhile starts a cart of their own.

After each operation the window publishes what it changed on ``changes`` (a ``TillChanges``):
the sale screen's commits, cancellations, scans and payments, and its own logins, locks,
logouts and store-profile changes. The panels around the sale (devices and pole display, shift
and staff checks, sync and backup on the status bar, receipt sinks) subscribe there instead of
reaching into the screens.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.services.changes import TillChanges
from pos_desktop.services.checkout import CommittedSale, SaleSession
from pos_desktop.services.ports import StaffMember, StoreProfile
from pos_desktop.ui.changes import ChangeHub
from pos_desktop.ui.context import TillContext
from pos_desktop.ui.device_panel import DevicePanel
from pos_desktop.ui.i18n import LANGUAGE_NAMES, current_language, install_translator
from pos_desktop.ui.login import LoginScreen
from pos_desktop.ui.sale_screen import SaleScreen
from pos_desktop.ui.staff_panel import StaffPanel
from pos_desktop.ui.status_bar import ElidedButton, ElidedLabel, TillStatusBar
from pos_desktop.ui.store_operations import StoreOperationsPanel
from pos_desktop.ui.style import STYLE_SHEET
from pos_desktop.ui.worker import DbWorker

if TYPE_CHECKING:
    from pos_desktop.devices.hub import DeviceHub

log = logging.getLogger(__name__)

MIN_WIDTH, MIN_HEIGHT = 1024, 768

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """App-wide event filter: any key, click or touch restarts the idle timer."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.interval_ms = interval_ms
        self._installed = False

    @property
    def enabled(self) -> bool:
        return self.interval_ms > 0

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
        self.timer.stop()

    def arm(self) -> None:
        if self.enabled:
            self.timer.start(self.interval_ms)

    def disarm(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self.timer.isActive():
            self.timer.start(self.interval_ms)
        return False


class MainWindow(QMainWindow):
    locked = Signal()
    loggedIn = Signal(object)
    profileChanged = Signal(object)

    def __init__(
        self,
        context: TillContext,
        worker: DbWorker,
        parent: QWidget | None = None,
        *,
        idle_lock_ms: int | None = None,
        devices: DeviceHub | None = None,
    ) -> None:
        """``idle_lock_ms`` overrides ``config.idle_lock_minutes`` (tests); 0 turns it off.
        ``devices``: the started device hub, if the config names any devices."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.context = context
        self.worker = worker
        self.cashier: StaffMember | None = None
        self.sessions: dict[int, SaleSession] = {}
        """Open carts by user id: a lock keeps them, a logout drops an empty one."""
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.setStyleSheet(STYLE_SHEET)
        self.changes = ChangeHub(self)
        """The one change event: what each operation changed (``services.changes``)."""

        self.stack = QStackedWidget(self)
        self.login = LoginScreen(context, worker, self.stack)
        self.sale = SaleScreen(context, worker, self.stack)
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.sale)
        self.setCentralWidget(self.stack)

        self.login.loggedIn.connect(self.start_shift_for)
        self.sale.lockRequested.connect(self.lock)
        self.sale.logoutRequested.connect(self.logout)
        self.sale.drawerRequested.connect(self._drawer)
        self.sale.profileInForce.connect(self._profile_in_force)
        self._publish_sale_changes()

        status = TillStatusBar(self)
        self.setStatusBar(status)
        status.setSizeGripEnabled(False)
        self.store_status = ElidedLabel(self)
        self.till_status = QLabel(self)
        self.cashier_status = QLabel(self)
        self.clock_status = QLabel(self)
        self.language_button = ElidedButton(self)
        self.language_button.setObjectName("languageButton")
        self.language_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language_button.clicked.connect(self.toggle_language)
        # The store's name (also in the title) gives way first when the bar is full, so the
        # sync state on the right is never cut.
        self.store_status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.store_status.setMinimumWidth(60)
        status.addWidget(self.store_status, 2)
        status.addWidget(self.till_status)
        status.addWidget(self.cashier_status, 1)
        status.addPermanentWidget(self.clock_status)
        status.addPermanentWidget(self.language_button)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

        minutes = context.config.idle_lock_minutes
        interval = minutes * 60_000 if idle_lock_ms is None else idle_lock_ms
        self.idle = IdleWatcher(interval, self)
        self.idle.idle.connect(self._on_idle)
        self.idle.install()

        self.devices = DevicePanel(self, devices)
        self.store_operations = StoreOperationsPanel(self)
        self.staff_panel = StaffPanel(self)

        self._retranslate()
        self._tick()
        self.stack.setCurrentWidget(self.login)
        self.login.refresh_staff()

    # --- what changed -------------------------------------------------------------------------
    def _publish_sale_changes(self) -> None:
        """The sale screen's operations, told on the hub as they take effect (connected before
        any panel subscribes, so subscribers hear them in the order they subscribed)."""
        sale = self.sale
        sale.saleCompleted.connect(self._sale_completed)
        sale.saleEnded.connect(self._sale_ended)
        sale.lineAdded.connect(self._line_added)
        sale.paymentOpened.connect(self._payment_opened)

    def _sale_completed(self, committed: CommittedSale) -> None:
        self.changes.publish(TillChanges(sale=committed))

    def _sale_ended(self) -> None:
        self.changes.publish(TillChanges(sale_ended=True))

    def _line_added(self, line_id: int) -> None:
        self.changes.publish(TillChanges(cart=True, line_added=line_id))

    def _payment_opened(self, total: int) -> None:
        self.changes.publish(TillChanges(payment_due=total))

    @property
    def session(self) -> SaleSession | None:
        """The open cart of the cashier at the till (``None`` while nobody is logged in)."""
        cashier = self.cashier
        return None if cashier is None else self.sessions.get(cashier.user_id)

    @property
    def cart_empty(self) -> bool:
        """Nothing is being sold right now: no one at the till, or an empty cart."""
        session = self.session
        return session is None or session.cart.is_empty

    # --- shift --------------------------------------------------------------------------------
    def start_shift_for(self, cashier: StaffMember) -> None:
        """After a good PIN: show this cashier's held cart, or a new one."""
        self.cashier = cashier
        session = self.sessions.get(cashier.user_id)
        if session is None:
            session = SaleSession(self.context.profile)
            self.sessions[cashier.user_id] = session
        self.sale.set_cashier(cashier, session)
        self.stack.setCurrentWidget(self.sale)
        self.sale.focus_barcode()
        self._retranslate()
        self.idle.arm()
        log.info("cashier %s on the till", cashier.code)
        self.changes.publish(TillChanges(cashier=cashier))
        self.loggedIn.emit(cashier)

    def lock(self) -> bool:
        """Back to the PIN screen, keeping the cart; False (retried later) mid-commit."""
        if self.stack.currentWidget() is not self.sale:
            return True
        if not self.sale.close_dialog():
            self.idle.arm()
            return False
        cashier = self.cashier
        self.idle.disarm()
        self.cashier = None
        self.login.show_locked(cashier)
        self.stack.setCurrentWidget(self.login)
        self._retranslate()
        log.info("till locked (cashier %s)", cashier.code if cashier else "-")
        self.changes.publish(TillChanges(locked=True))
        self.locked.emit()
        return True

    def logout(self) -> None:
        cashier = self.cashier
        if cashier is not None:
            session = self.sessions.get(cashier.user_id)
            if session is not None and not session.cart.is_empty:
                self.sale.show_error(UserError("ui.cart_open"))
                return
            self.sessions.pop(cashier.user_id, None)
        self.idle.disarm()
        self.cashier = None
        self.login.show_locked(None)
        self.stack.setCurrentWidget(self.login)
        self._retranslate()
        self.changes.publish(TillChanges(logged_out=True))

    def _on_idle(self) -> None:
        log.info("no input for %d ms: locking", self.idle.interval_ms)
        self.lock()

    def _drawer(self) -> None:
        self.devices.open_drawer()

    def apply_profile(self, profile: StoreProfile) -> None:
        """The store profile a pairing just set (codes, name, tax), without a restart.

        New and held carts take it at once, so no sale goes out under the old till code.
        """
        self.context = replace(self.context, profile=profile)
        # The screens read the profile through their context (receipt preview, store name).
        self.sale.set_context(self.context)
        self.login.set_context(self.context)
        for session in (*self.sessions.values(), self.sale.session):
            session.replace_profile(profile)
        self._retranslate()
        log.info("store profile now %s/%s", profile.store_code, profile.till_code)
        self.changes.publish(TillChanges(profile=profile))
        self.profileChanged.emit(profile)

    def _profile_in_force(self, profile: StoreProfile) -> None:
        """A sale boundary read the store profile: carts started from now on get it, and the
        status bar and login screen show the store's name as it is now. Open carts keep theirs."""
        if profile == self.context.profile:
            return
        self.context = replace(self.context, profile=profile)
        self.login.set_context(self.context)
        self._retranslate()
        self.changes.publish(TillChanges(profile=profile))

    # --- language -----------------------------------------------------------------------------
    def toggle_language(self) -> None:
        app = QApplication.instance()
        if app is None:
            return
        lang = "en" if current_language(app) == "id" else "id"
        install_translator(app, lang)
        self._retranslate()

    # --- status bar ---------------------------------------------------------------------------
    def _tick(self) -> None:
        # Day and time: the year (in the tooltip) would cost room the sync state needs.
        now = self.context.clock()
        self.clock_status.setText(now.strftime("%d/%m %H:%M"))
        self.clock_status.setToolTip(now.strftime("%d/%m/%Y %H:%M"))

    def _retranslate(self) -> None:
        profile = self.context.profile
        self.setWindowTitle(self.tr("Cashier") + f" — {profile.name}")
        self.store_status.setText(profile.name)
        self.till_status.setText(profile.till_code)
        self.till_status.setToolTip(self.tr("Till %1").replace("%1", profile.till_code))
        name = self.cashier.name if self.cashier else "—"
        self.cashier_status.setText(self.tr("Cashier: %1").replace("%1", name))
        lang = current_language()
        # Short of room the button says "ID" or "EN" rather than push the sync state out.
        self.language_button.set_full_text(
            LANGUAGE_NAMES.get(lang, lang), self.tr("Switch language"), short=lang.upper()
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle.uninstall()
        self.devices.close()
        self._clock.stop()
        super().closeEvent(event)
