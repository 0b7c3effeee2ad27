"""Pairing the till with the cloud from the app: what ``pos-desktop enroll`` does, in a dialog.

Offered at start while the till is not paired, and later by a click on the sync status. It is
never required: closing it leaves a till that sells offline exactly as before. Enrollment is an
HTTP call that can take as long as the network timeouts, so it runs on a thread of its own (not
the database thread: a scan must never queue behind the network), and the dialog only shows
progress. A refusal (a used code, no keyring, an unreachable server) shows in the dialog and
the till stays unpaired; a success starts sync at once, no restart.

Pairing points sales at a server, so later on only a manager or supervisor may open it; before
anyone has logged in since the till started (first run, store IT at the till) it is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_desktop.domain.errors import UserError
from pos_desktop.services.ports import Role
from pos_desktop.sync.pairing import PairingResult, enroll
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.worker import DbWorker, Task

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from pos_desktop.paths import AppPaths
    from pos_desktop.sync.config import SyncConfig
    from pos_desktop.ui.main_window import MainWindow
    from pos_desktop.ui.sync_status import GuiSync

log = logging.getLogger(__name__)

PAIRING_ROLES = frozenset({Role.MANAGER, Role.SUPERVISOR})


class PairingDialog(QDialog):
    """Server URL, enrollment code, optional till code and name; ``paired`` on success."""

    paired = Signal(object)
    """The ``PairingResult``, on the UI thread, once the credential and pairing are saved."""

    def __init__(
        self,
        paths: AppPaths,
        config: SyncConfig,
        *,
        sessions: sessionmaker[Session] | None = None,
        config_file: Path | None = None,
        after_enroll: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``sessions``: the running till's database; ``after_enroll`` runs on the pairing
        thread after a success, before ``paired`` (the app stops the old sync worker there)."""
        super().__init__(parent)
        self.setObjectName("pairingDialog")
        self._paths = paths
        self._config = config
        self._sessions = sessions
        self._config_file = config_file
        self._after_enroll = after_enroll
        self._worker: DbWorker | None = None
        self._task: Task | None = None
        self.result_value: PairingResult | None = None

        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.server = QLineEdit(self)
        self.server.setObjectName("pairingServer")
        self.server.setPlaceholderText("https://cloud.example.co.id")
        self.code = QLineEdit(self)
        self.code.setObjectName("pairingCode")
        self.code.setPlaceholderText("XXXX-XXXX")
        self.till_code = QLineEdit(self)
        self.till_code.setObjectName("pairingTill")
        self.name = QLineEdit(self)
        self.name.setObjectName("pairingName")
        self._labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(
            self._labels, (self.server, self.code, self.till_code, self.name), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
            field.returnPressed.connect(self.start)
        layout.addLayout(form)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("pairingProgress")
        self.progress.setRange(0, 0)  # busy indicator: enrollment has no steps to count
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("pairingClose")
        self.close_button.clicked.connect(self.reject)
        self.pair_button = QPushButton(self)
        self.pair_button.setObjectName("pairingPair")
        self.pair_button.setDefault(True)
        self.pair_button.clicked.connect(self.start)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.pair_button)
        layout.addLayout(buttons)
        self._retranslate()
        self.setMinimumWidth(520)

    # --- state --------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.code, self.till_code, self.name, self.pair_button):
            widget.setEnabled(not busy)
        # Enrollment cannot be cut off half-way (the code may already be spent): closing waits
        # for its answer, which the network timeouts bound.
        self.close_button.setEnabled(not busy)
        self.progress.setVisible(busy)

    # --- enrollment ---------------------------------------------------------------------------
    def start(self) -> None:
        """Spend the code on the pairing thread; the answer comes back to ``_done``/``_failed``."""
        if self.busy or self.result_value is not None:
            return
        server = self.server.text().strip()
        code = self.code.text().strip()
        if not server:
            self.message.show_error(UserError("pairing.server_missing"), self.server)
            self.server.setFocus()
            return
        if not code:
            self.message.show_error(UserError("pairing.code_missing"), self.code)
            self.code.setFocus()
            return
        till = self.till_code.text().strip() or None
        name = self.name.text().strip()
        if self._worker is None:
            self._worker = DbWorker(self, name="pos-pairing")
        self.message.show_info(self.tr("Contacting the cloud at %1…").replace("%1", server))
        self._set_busy(True)
        log.info("pairing with %s", server)
        self._task = self._worker.submit(
            self._enroll,
            server,
            code,
            till,
            name,
            on_result=self._done,
            on_error=self._failed,
            label="pairing",
        )

    def _enroll(self, server: str, code: str, till: str | None, name: str) -> PairingResult:
        result = enroll(
            self._paths,
            self._config,
            server=server,
            code=code,
            till_code=till,
            name=name,
            config_file=self._config_file,
            sessions=self._sessions,
        )
        if self._after_enroll is not None:
            try:
                self._after_enroll()
            except Exception:
                log.exception("after pairing")
        return result

    def _done(self, result: PairingResult) -> None:
        self._task = None
        self._set_busy(False)
        self.result_value = result
        profile = result.profile
        self.message.show_info(
            self.tr("Paired with %1: store %2, till %3. Sales now go to the cloud.")
            .replace("%1", result.org_name or result.server_url)
            .replace("%2", profile.store_code)
            .replace("%3", profile.till_code)
        )
        for widget in (self.server, self.code, self.till_code, self.name, self.pair_button):
            widget.setEnabled(False)
        self.close_button.setText(self.tr("Done"))
        self.close_button.setFocus()
        self.paired.emit(result)

    def _failed(self, error: UserError) -> None:
        self._task = None
        self._set_busy(False)
        log.warning("pairing failed: %s", error)
        self.message.show_error(error)
        self.code.setFocus()

    # --- closing ------------------------------------------------------------------------------
    def reject(self) -> None:
        if self.busy:
            return
        super().reject()

    def done(self, result: int) -> None:
        if self.busy:
            return
        super().done(result)
        self._stop_worker()

    def shutdown(self) -> None:
        """The app is closing: let an enrollment in flight finish (its timeouts bound it)."""
        self._stop_worker()
        self._task = None

    def _stop_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop(5_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        self._stop_worker()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.busy:
            event.accept()
            return
        super().keyPressEvent(event)

    # --- language -----------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Pair this till with the cloud"))
        self.intro.setText(
            self.tr(
                "Type the cloud's address and the enrollment code from the owner's back office. "
                "The till sells without the cloud too: close this to pair later."
            )
        )
        texts = (
            self.tr("Server address"),
            self.tr("Enrollment code"),
            self.tr("Till code (optional)"),
            self.tr("Name (optional)"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.pair_button.setText(self.tr("Pair"))
        if self.result_value is None:
            self.close_button.setText(self.tr("Not now"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class PairingOffer:
    """Wires the dialog into the running app: who may open it, and what a success restarts."""

    def __init__(
        self,
        window: MainWindow,
        sync: GuiSync,
        sessions: sessionmaker[Session],
        paths: AppPaths,
        config: SyncConfig,
        *,
        config_file: Path | None = None,
    ) -> None:
        self.window = window
        self.sync = sync
        self.sessions = sessions
        self.paths = paths
        self.config = config
        self.config_file = config_file
        self.dialog: PairingDialog | None = None
        self.anyone_logged_in = False
        window.loggedIn.connect(self._logged_in)
        sync.pairingRequested.connect(self.request)

    def _logged_in(self, _cashier: object) -> None:
        self.anyone_logged_in = True

    @property
    def allowed(self) -> bool:
        cashier = self.window.cashier
        if cashier is None:
            return not self.anyone_logged_in
        return cashier.role in PAIRING_ROLES

    def request(self) -> PairingDialog | None:
        """The sync status was clicked on a till that cannot sync."""
        if not self.config.enabled:
            return None
        if not self.allowed:
            self.window.statusBar().showMessage(
                QCoreApplication.translate(
                    "PairingDialog", "Ask a manager or supervisor to pair this till with the cloud."
                ),
                8_000,
            )
            return None
        return self.show()

    def show(self) -> PairingDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = PairingDialog(
            self.paths,
            self.config,
            sessions=self.sessions,
            config_file=self.config_file,
            after_enroll=self.sync.stop,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paired.connect(self._paired)
        dialog.finished.connect(lambda _code: self._forget(dialog))
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def close(self) -> None:
        """Before the till's database closes: wait for an enrollment in flight."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            try:
                dialog.shutdown()
            except RuntimeError:  # the Qt side is already gone with its window
                log.debug("pairing dialog already deleted")

    def _forget(self, dialog: PairingDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _paired(self, result: PairingResult) -> None:
        self.window.apply_profile(result.profile)
        self.sync.start(self.sessions, self.paths, self.config)
        log.info("sync started after pairing (device %s)", result.device_id)


def offer_pairing(
    window: MainWindow,
    sync: GuiSync,
    sessions: sessionmaker[Session],
    paths: AppPaths,
    config: SyncConfig,
    *,
    config_file: Path | None = None,
    first_run: bool = True,
) -> PairingOffer:
    """Make pairing reachable from the sync status; at start, open it on an unpaired till."""
    offer = PairingOffer(window, sync, sessions, paths, config, config_file=config_file)
    if first_run and config.enabled and sync.service is None:
        status = sync.panel.widget.status
        from pos_desktop.sync.status import SyncState

        if status.state is SyncState.UNPAIRED:
            offer.show()
    return offer
