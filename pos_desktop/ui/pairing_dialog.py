"""Pairing the till with the cloud from the app: what ``pos-desktop enroll`` does, in a dialog.

Offered at start while the till is not paired, and later by a click on the sync status. It is
never required: closing it leaves a till that sells offline exactly as before. Enrollment is an
HTTP call that can take as long as the network timeouts, so it runs on a thread of its own (not
the database thread: a scan must never queue behind the network), and the dialog only shows
progress. A refusal (a used code, no keyring, an unreachable server) shows in the dialog and
the till stays unpaired; a success starts sync at once, no restart.

Pairing points sales at a server, so later on only someone with ``PAIR_TILL`` in the permission
table (by default a manager or supervisor) may open it; before anyone has logged in since the
till started (first run, store IT at the till) it is open.

On a till with no store at all (an empty data folder) the dialog is the first thing that opens
(``first_start``): it cannot be skipped, since there is nothing to sell yet, and after the code
is spent it stays open while the first full pull brings the store's staff and catalog, so the
login screen that follows lists the cloud's staff. The address and code can also arrive as one
pasted ``pos-pair:`` link (``sync.pairing_link``).
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
from pos_desktop.domain.permissions import Permission
from pos_desktop.sync.pairing import (
    PairingResult,
    ReceiveStep,
    StoreReceived,
    enroll,
    receive_store,
)
from pos_desktop.sync.pairing_link import looks_like_link, parse_pairing_link
from pos_desktop.ui.feedback import MessageBar
from pos_desktop.ui.ops import DbOp
from pos_desktop.ui.worker import DbWorker, Task

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from pos_desktop.paths import AppPaths
    from pos_desktop.services.changes import TillChanges
    from pos_desktop.sync.config import SyncConfig
    from pos_desktop.ui.main_window import MainWindow
    from pos_desktop.ui.sync_status import GuiSync

log = logging.getLogger(__name__)


class PairingDialog(QDialog):
    """Server URL, enrollment code, optional till code and name; ``paired`` on success."""

    paired = Signal(object)
    """The ``PairingResult``, on the UI thread, once the credential and pairing are saved (and,
    on a first start, once the first pull is over)."""
    stepped = Signal(object)
    """A ``ReceiveStep`` of the first pull, emitted on the pairing thread, shown on the UI's."""

    def __init__(
        self,
        paths: AppPaths,
        config: SyncConfig,
        *,
        sessions: sessionmaker[Session] | None = None,
        config_file: Path | None = None,
        after_enroll: Callable[[], None] | None = None,
        first_start: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``sessions``: the running till's database; ``after_enroll`` runs on the pairing
        thread after a success, before ``paired`` (the app stops the old sync worker there);
        ``first_start``: the till has no store yet, so pull it before ``paired``."""
        super().__init__(parent)
        self.setObjectName("pairingDialog")
        self.first_start = first_start
        self.received: StoreReceived | None = None
        self._failures = 0
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
        self.link = QLineEdit(self)
        self.link.setObjectName("pairingLink")
        self.link.setPlaceholderText("pos-pair:?server=…&code=…")
        self.link.textChanged.connect(self._link_changed)
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
        self._labels = [QLabel(self) for _ in range(5)]
        for label, field in zip(self._labels, self._fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
            field.returnPressed.connect(self.start)
        layout.addLayout(form)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("pairingProgress")
        self.progress.setRange(0, 0)  # busy indicator: enrollment has no steps to count
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.stepped.connect(self._show_step)
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

    @property
    def _fields(self) -> tuple[QLineEdit, ...]:
        return (self.link, self.server, self.code, self.till_code, self.name)

    # --- state --------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None

    def _set_busy(self, busy: bool) -> None:
        for widget in (*self._fields, self.pair_button):
            widget.setEnabled(not busy)
        # Enrollment cannot be cut off half-way (the code may already be spent): closing waits
        # for its answer, which the network timeouts bound.
        self.close_button.setEnabled(not busy)
        self.progress.setVisible(busy)

    # --- enrollment ---------------------------------------------------------------------------
    def _link_changed(self, text: str) -> None:
        """A pasted (or scanned) link fills the fields it holds, so what is sent is on view.

        Quiet while the text does not parse: a scanner types a QR code's link one character at
        a time; ``start`` (its Enter, or *Pair*) says what is wrong with what is left.
        """
        try:
            link = parse_pairing_link(text)
        except UserError:
            return
        self.server.setText(link.server)
        self.code.setText(link.code)
        if link.till_code:
            self.till_code.setText(link.till_code)
        self.message.clear_message()

    def start(self) -> None:
        """Spend the code on the pairing thread; the answer comes back to ``_done``/``_failed``."""
        if self.busy or self.result_value is not None:
            return
        for field in (self.link, self.server):
            # A link pasted into the address field is a link too.
            if (field is self.link and field.text().strip()) or looks_like_link(field.text()):
                try:
                    parse_pairing_link(field.text())
                except UserError as error:
                    self.message.show_error(error, field)
                    field.setFocus()
                    return
                self._link_changed(field.text())
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
        # Not a storage call of the till's: the dialog's own enroll-then-receive, on its thread.
        self._task = (
            DbOp("pairing", lambda: self._enroll(server, code, till, name))
            .success(self._done)
            .failure(self._failed)
            .run(self._worker)
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
        if self.first_start and self._sessions is not None:
            self.received = receive_store(
                self._paths,
                self._config,
                self._sessions,
                result.device_id,
                on_step=self.stepped.emit,
            )
        return result

    def _show_step(self, step: ReceiveStep) -> None:
        if step is ReceiveStep.CATALOG:
            self.message.show_info(
                self.tr("Paired. Receiving the store's staff and products from the cloud…")
            )

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
        received = self.received
        if received is not None and received.complete:
            self.message.show_info(
                self.tr("Store %1 received: %2 staff, %3 products.")
                .replace("%1", profile.name)
                .replace("%2", str(received.staff))
                .replace("%3", str(received.products))
            )
        elif received is not None:
            self.message.show_warning(
                self.tr(
                    "Paired with store %1, but the cloud stopped answering before all staff "
                    "and products arrived; the till keeps receiving them in the background."
                ).replace("%1", profile.name)
            )
        for widget in (*self._fields, self.pair_button):
            widget.setEnabled(False)
        self.close_button.setText(self.tr("Done"))
        self.close_button.setFocus()
        self.paired.emit(result)

    def _failed(self, error: UserError) -> None:
        self._task = None
        self._set_busy(False)
        self._failures += 1
        log.warning("pairing failed: %s", error)
        self.message.show_error(error)
        # Every refusal leaves the dialog as it was: fix the address or the code and try again.
        self.pair_button.setText(self.tr("Try again"))
        focus = self.code if error.code == "sync.enrollment_refused" else self.server
        focus.setFocus()

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
        if self.first_start:
            self.intro.setText(
                self.tr(
                    "This till has no store yet. Paste the pairing link from the owner's back "
                    "office, or type the cloud's address and the enrollment code. The store's "
                    "settings, staff and products then come from the cloud."
                )
            )
        else:
            self.intro.setText(
                self.tr(
                    "Type the cloud's address and the enrollment code from the owner's back "
                    "office. The till sells without the cloud too: close this to pair later."
                )
            )
        texts = (
            self.tr("Pairing link (optional)"),
            self.tr("Server address"),
            self.tr("Enrollment code"),
            self.tr("Till code (optional)"),
            self.tr("Name (optional)"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.pair_button.setText(self.tr("Try again") if self._failures else self.tr("Pair"))
        if self.result_value is None:
            self.close_button.setText(self.tr("Quit") if self.first_start else self.tr("Not now"))

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
        window.changes.subscribe(self._till_changed)
        sync.pairingRequested.connect(self.request)

    def _till_changed(self, changes: TillChanges) -> None:
        if changes.cashier is not None:
            self.anyone_logged_in = True

    @property
    def allowed(self) -> bool:
        cashier = self.window.cashier
        if cashier is None:
            return not self.anyone_logged_in
        return self.window.sale.permissions.allows(cashier.role, Permission.PAIR_TILL)

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
