"""The sync state on the sale screen's status bar, and the Qt side of the sync thread.

The sync worker (``pos_desktop.sync``) is Qt-free and reports on its own thread; ``SyncBridge``
re-emits each report as a signal, which Qt queues to the UI thread. ``SyncStatusWidget`` shows,
always: online / offline / syncing, how many sales are not in the cloud yet and the age of the
oldest, with a warning once that passes 24 hours; a till clock the cloud flagged as wrong, with
the difference; a failing local disk as what it is (not as a cloud error). Clicking it, or "Sync
now" in its context menu, asks the worker to try now, whatever its back-off; on a till that
cannot sync (not paired, credential gone or refused) a click offers pairing too. A text too long
for the bar ends in "…" and is whole in the tooltip.

Closing the till with sales still queued is allowed: they are safe in the local database and go
out on the next start. The window says so when it closes, and the status bar says so at logout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox, QWidget

from pos_desktop.sync.status import ClockSkew, SyncState, SyncStatus
from pos_desktop.ui.status_bar import ElidedButton

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from pos_desktop.paths import AppPaths
    from pos_desktop.services.changes import TillChanges
    from pos_desktop.sync.config import SyncConfig
    from pos_desktop.sync.runtime import SyncService
    from pos_desktop.sync.worker import AfterRound
    from pos_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

AGE_REFRESH_MS = 30_000


class SyncBridge(QObject):
    """Lives on the UI thread; ``report`` may be called from any thread."""

    statusChanged = Signal(object)

    def report(self, status: SyncStatus) -> None:
        self.statusChanged.emit(status)


def _age_text(age: timedelta) -> str:
    seconds = int(age.total_seconds())
    if seconds < 60:
        return QCoreApplication.translate("SyncStatusWidget", "%1 s").replace("%1", str(seconds))
    if seconds < 3600:
        return QCoreApplication.translate("SyncStatusWidget", "%1 min").replace(
            "%1", str(seconds // 60)
        )
    if seconds < 2 * 86400:
        return QCoreApplication.translate("SyncStatusWidget", "%1 h").replace(
            "%1", str(seconds // 3600)
        )
    return QCoreApplication.translate("SyncStatusWidget", "%1 days").replace(
        "%1", str(seconds // 86400)
    )


def _skew_amount(seconds: int) -> str:
    """``7 minutes``, ``3 hours``, ``2 days``: how far off, rounded to what a person sets."""
    size = abs(seconds)
    if size < 90 * 60:
        return QCoreApplication.translate("SyncStatusWidget", "%1 minutes").replace(
            "%1", str(max(1, round(size / 60)))
        )
    if size < 48 * 3600:
        return QCoreApplication.translate("SyncStatusWidget", "%1 hours").replace(
            "%1", str(round(size / 3600))
        )
    return QCoreApplication.translate("SyncStatusWidget", "%1 days").replace(
        "%1", str(round(size / 86400))
    )


def skew_texts(skew: ClockSkew) -> tuple[str, str]:
    """The status bar's words for a clock the cloud flagged, and the tooltip's sentence."""
    if skew.seconds is None:
        return (
            QCoreApplication.translate("SyncStatusWidget", "Till clock differs from the server"),
            QCoreApplication.translate(
                "SyncStatusWidget",
                "The server says this till's clock is wrong: ask store IT to set the date "
                "and time.",
            ),
        )
    amount = _skew_amount(skew.seconds)
    short = QCoreApplication.translate("SyncStatusWidget", "Till clock %1 off")
    if skew.seconds > 0:
        long = QCoreApplication.translate(
            "SyncStatusWidget",
            "This till's clock is %1 ahead of the server: ask store IT to set the date and time.",
        )
    else:
        long = QCoreApplication.translate(
            "SyncStatusWidget",
            "This till's clock is %1 behind the server: ask store IT to set the date and time.",
        )
    return short.replace("%1", amount), long.replace("%1", amount)


class SyncStatusWidget(ElidedButton):
    """A flat status-bar button: the state and the queue; click to sync now."""

    syncNowRequested = Signal()

    def __init__(
        self,
        status: SyncStatus,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setFlat(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._clock = clock or (lambda: datetime.now(UTC))
        self.status = status
        self.clicked.connect(self.syncNowRequested)
        self.sync_now_action = QAction(self)
        self.sync_now_action.triggered.connect(self.syncNowRequested)
        self.context_menu: QMenu | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(AGE_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def set_status(self, status: SyncStatus) -> None:
        self.status = status
        self.refresh()

    def _state_text(self) -> str:
        state = self.status.state
        texts = {
            SyncState.UNPAIRED: self.tr("Cloud: not paired"),
            SyncState.STARTING: self.tr("Cloud: connecting…"),
            SyncState.ONLINE: self.tr("Online"),
            SyncState.SYNCING: self.tr("Syncing…"),
            SyncState.OFFLINE: self.tr("Offline"),
            SyncState.SERVER_ERROR: self.tr("Cloud error"),
            SyncState.AUTH_FAILED: self.tr("Cloud refused this till"),
            SyncState.LOCAL_ERROR: self._local_text(),
            SyncState.STOPPED: self.tr("Sync stopped"),
        }
        return texts.get(state, str(state))

    def _local_text(self) -> str:
        if self.status.local_problem == "storage.full":
            return self.tr("Disk full")
        return self.tr("Disk error")

    def _local_tip(self) -> str:
        if self.status.local_problem == "storage.full":
            return self.tr(
                "This till's disk is full, so sync cannot save what the cloud sends. Sales "
                "already made are safe. Call store IT to free space."
            )
        return self.tr(
            "This till's disk or database cannot be written, so sync is stopped. Sales already "
            "made are safe. Call store IT."
        )

    @property
    def stale(self) -> bool:
        return self.status.is_stale(self._clock())

    def refresh(self) -> None:
        status = self.status
        parts = [self._state_text()]
        skew = status.clock_skew
        skew_tip = ""
        if skew is not None:
            short, skew_tip = skew_texts(skew)
            # Online goes without saying when the cloud has just answered about the clock.
            if status.state is SyncState.ONLINE:
                parts = [short]
            else:
                parts.append(short)
        essential = list(parts)
        if status.pending:
            age = status.oldest_age(self._clock())
            queued = self.tr("%1 unsent").replace("%1", str(status.pending))
            essential.append(queued)  # the state and the count stay readable when space is short
            if age is not None:
                queued += " " + self.tr("(oldest %1)").replace("%1", _age_text(age))
            parts.append(queued)
        else:
            parts.append(self.tr("all sales sent"))
        if status.needs_attention:
            parts.append(self.tr("%1 need attention").replace("%1", str(status.needs_attention)))
        stale = self.stale
        text = " · ".join(parts)
        least = " · ".join(essential)
        if stale:
            text = "⚠ " + text
            least = "⚠ " + least
        level = "ok"
        if (
            stale
            or status.needs_attention
            or skew is not None
            or status.state in (SyncState.AUTH_FAILED, SyncState.LOCAL_ERROR)
        ):
            level = "warning"
        elif status.state in (SyncState.OFFLINE, SyncState.SERVER_ERROR, SyncState.UNPAIRED):
            level = "offline"
        self.setProperty("level", level)
        colour = {"ok": "#1b5e20", "offline": "#616161", "warning": "#b71c1c"}[level]
        weight = "bold" if level == "warning" else "normal"
        self.setStyleSheet(f"QPushButton#syncStatus {{ color: {colour}; font-weight: {weight}; }}")
        tip = []
        if skew_tip:
            tip.append(skew_tip)
        if status.state is SyncState.LOCAL_ERROR:
            tip.append(self._local_tip())
        if stale:
            tip.append(
                self.tr("Sales older than 24 hours are not in the cloud yet: connect the till.")
            )
        if status.last_sync_at is not None:
            local = status.last_sync_at.astimezone()
            tip.append(self.tr("Last contact: %1").replace("%1", f"{local:%d/%m %H:%M:%S}"))
        if status.last_error:
            tip.append(status.last_error)
        if status.state in (SyncState.UNPAIRED, SyncState.AUTH_FAILED):
            tip.append(self.tr("Click to pair this till with the cloud."))
        else:
            tip.append(self.tr("Click to sync now."))
        self.set_full_text(text, "\n".join(tip), essential=least)
        self.sync_now_action.setText(self.tr("Sync now"))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.show_menu(event.globalPos())

    def show_menu(self, at: QPoint) -> QMenu:
        """The context menu (right click): "Sync now"."""
        if self.context_menu is None:
            self.context_menu = QMenu(self)
            self.context_menu.setObjectName("syncMenu")
            self.context_menu.addAction(self.sync_now_action)
        self.context_menu.popup(at)
        return self.context_menu

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)


def closing_notice(widget: QWidget, status: SyncStatus) -> str | None:
    """What to tell the person closing the till or a shift, when sales are still queued."""
    if status.pending == 0:
        return None
    return QCoreApplication.translate(
        "SyncStatusWidget",
        "%1 sales are not in the cloud yet. They are kept safely on this till and will be "
        "sent when it is online again.",
    ).replace("%1", str(status.pending))


class _CloseWatcher(QObject):
    """Says so when the window closes with sales queued; never stops it closing."""

    def __init__(self, window: QMainWindow, widget: SyncStatusWidget) -> None:
        super().__init__(window)
        self.widget = widget
        self.last_notice: str | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            notice = closing_notice(self.widget, self.widget.status)
            self.last_notice = notice
            if notice is not None:
                log.info("closing with %d sales queued for the cloud", self.widget.status.pending)
                app = QApplication.instance()
                if isinstance(app, QApplication) and app.platformName() != "offscreen":
                    QMessageBox.information(
                        self.widget.window(),
                        QCoreApplication.translate("SyncStatusWidget", "Cloud"),
                        notice,
                    )
        return False


class SyncPanel(QObject):
    """The status widget wired to a sync worker (or to none: not paired)."""

    def __init__(
        self,
        window: QMainWindow,
        status: SyncStatus,
        *,
        wake: Callable[[], None] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.bridge = SyncBridge(self)
        self.widget = SyncStatusWidget(status, window, clock=clock)
        self.bridge.statusChanged.connect(self.widget.set_status)
        if wake is not None:
            self.widget.syncNowRequested.connect(wake)
        window.statusBar().addPermanentWidget(self.widget)
        self.close_watcher = _CloseWatcher(window, self.widget)
        window.installEventFilter(self.close_watcher)

    def notify_logout(self, window: QMainWindow) -> None:
        notice = closing_notice(self.widget, self.widget.status)
        if notice is not None:
            window.statusBar().showMessage(notice, 15_000)


class GuiSync(QObject):
    """The running app's sync: the status panel and, for a paired till, the worker.

    ``start`` may run again after the till is paired from the dialog, so pairing never needs a
    restart. A click on the status of a till that cannot sync (not paired, or its credential
    is gone) emits ``pairingRequested`` instead of waking a worker that is not there.
    """

    pairingRequested = Signal()

    def __init__(
        self,
        panel: SyncPanel,
        service: SyncService | None = None,
        *,
        printer_state: Callable[[], str] | None = None,
        updates: AfterRound | None = None,
    ) -> None:
        super().__init__(panel)
        self.panel = panel
        self.service = service
        self.printer_state = printer_state
        """What each (re)started sync thread's heartbeat reads the printer's state with."""
        self.updates = updates
        """The signed-update step each (re)started sync thread runs after its rounds."""
        panel.widget.syncNowRequested.connect(self._clicked)

    @property
    def can_sync(self) -> bool:
        return self.service is not None

    @property
    def needs_pairing(self) -> bool:
        status = self.panel.widget.status
        return self.service is None or status.state is SyncState.AUTH_FAILED

    def _clicked(self) -> None:
        """Sync now: the worker tries at once (its back-off starts again), even after refusals,
        since a refusal during an outage may be over; a till that cannot sync is offered
        pairing as well."""
        if self.service is not None:
            self.service.worker.wake()
        if self.needs_pairing:
            self.pairingRequested.emit()

    def notify_sale(self) -> None:
        if self.service is not None:
            self.service.worker.notify_sale()

    def start(
        self, sessions: sessionmaker[Session], paths: AppPaths, config: SyncConfig
    ) -> SyncService | None:
        """Start the sync thread if the till is paired (stop any previous one first)."""
        from pos_desktop.sync.runtime import start_sync

        self.stop()
        setup = start_sync(
            sessions,
            paths,
            config,
            on_status=self.panel.bridge.report,
            printer_state=self.printer_state,
            updates=self.updates,
        )
        self.service = setup.service
        self.panel.widget.set_status(self.service.worker.status if self.service else setup.status)
        return self.service

    def stop(self, timeout: float = 3.0) -> None:
        service, self.service = self.service, None
        if service is not None:
            service.stop(timeout)

    def till_changed(self, changes: TillChanges) -> None:
        """A committed sale is pushed at once; a logout says what is still queued."""
        if changes.sale is not None:
            self.notify_sale()
        if changes.logged_out:
            self.panel.notify_logout(self.panel.window)


def attach_sync(
    window: MainWindow,
    sessions: sessionmaker[Session],
    paths: AppPaths,
    config: SyncConfig,
    *,
    printer_state: Callable[[], str] | None = None,
    updates: AfterRound | None = None,
) -> GuiSync:
    """Show the sync status on ``window`` and start the sync thread of a paired till."""
    panel = SyncPanel(window, SyncStatus(SyncState.STARTING))
    sync = GuiSync(panel, printer_state=printer_state, updates=updates)
    sync.start(sessions, paths, config)
    window.changes.subscribe(sync.till_changed)
    return sync
