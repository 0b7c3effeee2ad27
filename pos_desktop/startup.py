"""Starting the till the way the person in front of it needs: the start-up flow around ``app``.

``app`` wires a till that can open; this module decides what happens when it cannot yet, or
cannot at all. A till without a store shows the first-start pairing dialog and builds the rest
once the store has arrived; a damaged database is set aside and the newest verified backup
offered; every other start-up problem is said once, in the till's language, on the console, in
the log and in a dialog where there is a screen, and the process exits non-zero.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_desktop.app import Gui, build_gui, local_now, qt_application
from pos_desktop.config import TillConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.lock import DataDirLock, acquire_data_dir_lock
from pos_desktop.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from pos_desktop.localdb.store import LocalStore
    from pos_desktop.ui.pairing_dialog import PairingDialog

log = logging.getLogger(__name__)


EXIT_CONFIG = 2
"""The config file cannot be used (as for every command)."""
EXIT_NOT_STARTED = 3
"""The till did not start: the reason was shown, logged and written to stderr."""
EXIT_NO_WINDOW_SYSTEM = 4
"""Qt cannot open a window on this machine (missing system libraries, no display)."""

RestoreQuestion = Callable[[UserError, str, bool], bool]
"""Shows a start-up problem (the error, its sentence, whether a backup restore is offered) and
returns True when the person chose to restore. The dialog on a screen; tests answer directly."""


class StartAborted(Exception):
    """The start-up problem was already told to the person at the till; stop starting."""


@dataclass
class Startup:
    """A till being started by ``start_gui``.

    While the till has no store, ``pairing`` is the first-start pairing dialog and ``gui`` is
    ``None``; once the store has arrived (or at once, on a till that has one) ``gui`` is the
    running till. ``exit_code`` is set when the till did not, or will not, start.
    """

    app: QApplication
    translator: QTranslator | None
    paths: AppPaths
    config: TillConfig
    ask: RestoreQuestion | None = None
    gui: Gui | None = None
    pairing: PairingDialog | None = None
    exit_code: int | None = None
    lock: DataDirLock | None = None
    store: LocalStore | None = None
    """The database, open for the first-start pairing only."""

    def tell(self, problem: UserError, *, restore_offered: bool = False) -> bool:
        """Say ``problem`` on the console, in the log and (with a display) in a dialog, in the
        till's language; True when the person chose to restore the offered backup."""
        from pos_desktop.logging_setup import current_log_file
        from pos_desktop.ui.console import report
        from pos_desktop.ui.startup_failure import display_available, show_startup_failure

        text = report(problem, self.config.language)
        if self.ask is not None:
            return self.ask(problem, text, restore_offered)
        if display_available():
            return show_startup_failure(
                text, log_file=current_log_file(), restore_offered=restore_offered
            )
        return False

    def fail(self, problem: UserError) -> StartAborted:
        self.tell(problem)
        self.exit_code = EXIT_NOT_STARTED
        return StartAborted(problem.code)

    def close(self) -> None:
        dialog, self.pairing = self.pairing, None
        if dialog is not None:
            try:
                dialog.shutdown()
                dialog.close()
            except RuntimeError:  # already deleted with the application
                log.debug("first-start pairing dialog already gone")
        if self.gui is not None:
            self.gui.close()
        self.release()

    def build(self) -> None:
        """The database has a store: close it and build the till on it, handing the data-folder
        lock to ``build_gui`` (which releases it if the till cannot open)."""
        store, self.store = self.store, None
        if store is not None:
            store.close()
        lock, self.lock = self.lock, None
        self.gui = build_gui(self.paths, self.config, lock=lock)

    def release(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            store.close()
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()


def start_gui(
    paths: AppPaths, config: TillConfig, *, ask: RestoreQuestion | None = None
) -> Startup:
    """Start the till: the login screen on a till with a store, the pairing dialog on one
    without (the rest of the till is built once the store has arrived from the cloud).

    Never raises for a problem the person at the till can act on: the returned ``Startup``
    then has ``exit_code`` set, the problem having been shown, logged and written to stderr.
    """
    from pos_desktop.startup_checks import check_data_folder, storage_problem

    app, translator = qt_application(config.language)
    startup = Startup(app, translator, paths, config, ask=ask)
    try:
        try:
            check_data_folder(paths)
            startup.lock = acquire_data_dir_lock(paths.data_dir)
            startup.store = _open_store(startup)
            try:
                startup.store.settings.store_profile()
            except UserError as exc:
                if exc.code != "store.not_configured":
                    raise
                if not _offer_backup_again(startup):
                    _first_start(startup)
                    return startup
            startup.build()
        except (UserError, OSError) as exc:
            problem = storage_problem(exc, paths.database)
            if problem is None:
                if not isinstance(exc, UserError):
                    raise
                problem = exc
            raise startup.fail(problem) from exc
    except StartAborted:
        startup.release()
    return startup


def _open_store(startup: Startup) -> LocalStore:
    """Open the database; a damaged one is moved aside and the newest verified backup offered."""
    from pos_desktop.localdb.backups import restore_backup
    from pos_desktop.localdb.store import open_local_store
    from pos_desktop.startup_checks import set_damaged_database_aside

    paths = startup.paths
    try:
        return open_local_store(paths.database)
    except UserError as exc:
        if exc.code != "storage.corrupt":
            raise
        log.error("the database %s is damaged: %s", paths.database, exc.__cause__ or exc)
    damaged = set_damaged_database_aside(paths, startup.config.backup, local_now())
    restore = startup.tell(damaged.problem(), restore_offered=damaged.backup is not None)
    if damaged.backup is None or not restore:
        startup.exit_code = EXIT_NOT_STARTED
        raise StartAborted("storage.corrupt")
    try:
        restore_backup(damaged.backup.path, paths.database, local_now())
    except UserError as exc:
        raise startup.fail(exc) from exc
    log.warning("database restored at start from %s", damaged.backup.path)
    return open_local_store(paths.database)


def _offer_backup_again(startup: Startup) -> bool:
    """A till without a store whose damaged database was moved aside at an earlier start: offer
    the backup once more before pairing from zero; True when ``startup.store`` is now the
    restored one."""
    from pos_desktop.localdb.backups import restore_backup
    from pos_desktop.localdb.store import open_local_store
    from pos_desktop.startup_checks import damaged_database_left

    left = damaged_database_left(startup.paths, startup.config.backup)
    if left is None or left.backup is None:
        return False
    if not startup.tell(left.problem(), restore_offered=True):
        log.warning("restore of %s declined; starting as a new till", left.backup.path)
        return False
    empty, startup.store = startup.store, None
    if empty is not None:
        empty.close()
    restore_backup(left.backup.path, startup.paths.database, local_now())
    log.warning("database restored at start from %s", left.backup.path)
    startup.store = open_local_store(startup.paths.database)
    return True


def _first_start(startup: Startup) -> None:
    """No store yet: the pairing dialog, then the till once the cloud's store has arrived."""
    from pos_desktop.ui.pairing_dialog import PairingDialog

    assert startup.store is not None
    paths = startup.paths
    dialog = PairingDialog(
        paths,
        startup.config.sync,
        sessions=startup.store.session_factory,
        config_file=paths.config_file,
        first_start=True,
    )
    log.info("this till has no store yet: pairing first")

    def arrived(_result: object) -> None:
        _store_arrived(startup)

    def closed() -> None:
        if dialog.result_value is None:
            log.info("the first-start pairing dialog was closed before pairing")
            startup.exit_code = EXIT_NOT_STARTED
            startup.release()
            _leave_event_loop(startup)

    dialog.paired.connect(arrived)
    dialog.rejected.connect(closed)
    startup.pairing = dialog
    dialog.show()


def _store_arrived(startup: Startup) -> None:
    """Paired and the first pull is over: build the till behind the dialog's summary."""
    try:
        startup.build()
    except UserError as exc:
        startup.fail(exc)
        _leave_event_loop(startup)
        return
    log.info("first start: store received, till started")


def _leave_event_loop(startup: Startup) -> None:
    """End ``run_gui``'s event loop with the start-up's exit code; nothing when no loop runs
    (an exit asked for outside any loop would end the next one to start)."""
    from PySide6.QtCore import QThread

    thread = QThread.currentThread()
    if thread is not None and thread.loopLevel() > 0 and startup.exit_code is not None:
        startup.app.exit(startup.exit_code)


def run_gui(paths: AppPaths, config: TillConfig) -> int:
    """Start the cashier app; returns the process exit code."""
    missing = qt_window_problem(config.language)
    if missing is not None:
        return missing
    from pos_desktop.ui.quit_signals import quit_on_signals

    # Ctrl+C in a terminal, SIGTERM from a service manager: the till closes the normal way,
    # also while it is still starting (its threads then stop instead of aborting the process).
    app, _translator = qt_application(config.language)
    restore_signals = quit_on_signals(app)
    try:
        startup = start_gui(paths, config)
        try:
            if startup.exit_code is not None:
                return startup.exit_code
            code = startup.app.exec()
            return startup.exit_code if startup.exit_code is not None else code
        finally:
            startup.close()
    finally:
        restore_signals()


def qt_window_problem(language: str | None = None) -> int | None:
    """Before any ``QApplication``: the exit code when Qt cannot open a window here (the
    missing apt packages named on stderr, in the log and, if possible, on screen)."""
    from pos_desktop.qt_preflight import check_qt_platform, platform_will_be_xcb, show_without_qt

    problem: UserError | None = None
    if platform_will_be_xcb(os.environ) and not os.environ.get("DISPLAY"):
        problem = UserError("startup.no_display")
    else:
        missing = check_qt_platform()
        if missing is not None:
            problem = UserError(
                "startup.qt_libraries_missing",
                libraries=missing.libraries,
                packages=missing.to_install,
            )
    if problem is None:
        return None
    from pos_desktop.ui.console import DEFAULT_LANGUAGE, report

    text = report(problem, language or DEFAULT_LANGUAGE)
    if problem.code != "startup.no_display":
        show_without_qt("pos-desktop", text)
    return EXIT_NO_WINDOW_SYSTEM


def run(paths: AppPaths) -> int:
    """``pos-desktop run``: read the config and start the till; every start-up failure is
    shown (where there is a screen), logged and written to stderr, and exits non-zero."""
    from pos_desktop.config import ConfigError, config_problem, load_config

    try:
        config = load_config(paths.config_file)
    except ConfigError as exc:
        from pos_desktop.ui.console import DEFAULT_LANGUAGE

        missing = qt_window_problem(DEFAULT_LANGUAGE)
        if missing is not None:
            return missing
        app, _translator = qt_application(DEFAULT_LANGUAGE)
        Startup(app, None, paths, TillConfig(language=DEFAULT_LANGUAGE)).tell(
            config_problem(exc, paths.config_file)
        )
        return EXIT_CONFIG
    return run_gui(paths, config)
