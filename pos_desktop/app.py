"""The composition root: the one place that knows every concrete piece and wires them.

Order at start: take the data-folder lock (a second till on the same data says so and exits),
open and migrate the database, read the store profile, build the services, then the UI. Nothing
else in the app constructs storage, sinks or threads.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_desktop import __version__
from pos_desktop.config import TillConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.lock import DataDirLock, acquire_data_dir_lock
from pos_desktop.paths import AppPaths
from pos_desktop.services.ports import StoreProfile

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from pos_desktop.devices.hub import DeviceHub
    from pos_desktop.domain.journal import JournalEntry
    from pos_desktop.domain.refund import RefundRecord
    from pos_desktop.localdb.journal import VerifyResult
    from pos_desktop.localdb.store import LocalStore
    from pos_desktop.receipts.escpos_render import PrinterProfile
    from pos_desktop.receipts.model import StoreInfo
    from pos_desktop.receipts.sink import FileReceiptSink
    from pos_desktop.services.backups import BackupService
    from pos_desktop.services.checkout import ReceiptSink
    from pos_desktop.services.context import TillContext
    from pos_desktop.services.store_profile import ProfileBook
    from pos_desktop.ui.main_window import MainWindow
    from pos_desktop.ui.pairing_dialog import PairingDialog, PairingOffer
    from pos_desktop.ui.sync_status import GuiSync
    from pos_desktop.ui.worker import DbWorker

log = logging.getLogger(__name__)

WARM_UP_DELAY_MS = 2000


def local_now() -> datetime:
    """The till's wall clock, timezone-aware (WIB/WITA/WIT as the OS is set)."""
    return datetime.now().astimezone()


@dataclass
class OpenTill:
    """A till's storage and services, open and owned by this process; ``close()`` at exit."""

    lock: DataDirLock
    store: LocalStore
    context: TillContext
    sink: FileReceiptSink
    devices: DeviceHub | None = None
    """Started with the till when ``[devices]`` names any; stopped before the store closes."""
    backups: BackupService | None = None
    """Automatic backups (after each Z report, daily); stopped before the store closes."""
    numbering_notice: str | None = None
    """The first receipt number of a series started after a restore, until it is used."""

    def close(self) -> None:
        if self.devices is not None:
            self.devices.stop()
        if self.backups is not None:
            self.backups.stop()
        self.store.close()
        self.lock.release()


def store_info(profile: StoreProfile) -> StoreInfo:
    from pos_desktop.receipts.model import store_info as on_paper

    return on_paper(profile)


def open_till(
    paths: AppPaths,
    config: TillConfig,
    *,
    clock: Callable[[], datetime] = local_now,
    lock: DataDirLock | None = None,
) -> OpenTill:
    """Lock the data folder, open and migrate the database, and wire the services.

    ``lock``: the data-folder lock when the caller already holds it (the first start, which
    pairs the till before there is a store to open); it is released if opening fails.
    """
    from pos_desktop.localdb.store import open_local_store
    from pos_desktop.receipts.escpos_render import PrinterProfile
    from pos_desktop.receipts.sink import FileReceiptSink
    from pos_desktop.services.checkout import TillService
    from pos_desktop.services.context import TillContext
    from pos_desktop.services.store_profile import ProfileBook

    paths.ensure()
    lock = lock or acquire_data_dir_lock(paths.data_dir)
    # python-escpos caches its capability tables here instead of a new temp dir per start.
    cache = paths.data_dir / "cache"
    cache.mkdir(exist_ok=True)
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(cache))
    try:
        store = open_local_store(paths.database, clock=clock)
        notice = settle_numbering(paths, config, store, clock)
        # Read where it is needed, never kept: the sync thread may write a new version anytime.
        profiles = ProfileBook(store.settings.store_profile)
        profile = profiles.current()
        info = store_info(profile)
        printer = config.devices.printer
        sink = FileReceiptSink(
            config.receipt.output_dir or paths.receipts_dir,
            info,
            ppn_enabled=profile.tax.ppn_enabled,
            profile=printer.profile if printer else PrinterProfile(columns=config.receipt.columns),
            money_space=config.receipt.money_space,
            store_for=lambda sale: store_info(profiles.for_sale(sale)),
        )
        devices, receipts = open_devices(paths, config, sink)
        till = TillService(store.catalog, store.sales, receipts, config.barcode_rules)
        context = TillContext(
            till=till,
            staff=store.staff,
            profile=profile,
            config=config,
            clock=clock,
            profiles=profiles,
            **store_operations(paths, config, store, devices, sink.profile, clock, profiles),
        )
    except BaseException:
        lock.release()
        raise
    log.info("till %s-%s open (pos-desktop %s)", profile.store_code, profile.till_code, __version__)
    backups = open_backups(paths, config, clock)
    if context.shifts is not None:
        context.shifts.after_close = backups.after_shift_close
    return OpenTill(
        lock=lock,
        store=store,
        context=context,
        sink=sink,
        devices=devices,
        backups=backups,
        numbering_notice=notice,
    )


def settle_numbering(
    paths: AppPaths, config: TillConfig, store: LocalStore, clock: Callable[[], datetime]
) -> str | None:
    """Move receipt and journal counters past every number already issued (``sync.counters``),
    before the first sale; returns the next receipt number when a new series awaits its first."""
    from pos_desktop.domain.errors import UserError
    from pos_desktop.localdb.numbering import unannounced_series
    from pos_desktop.localdb.transactions import read_session
    from pos_desktop.sync.counters import settle_at_start

    settle_at_start(store.session_factory, paths, config, clock())
    with read_session(store.session_factory, "numbering notice") as session:
        try:
            return unannounced_series(session)
        except UserError:
            return None


def open_backups(
    paths: AppPaths, config: TillConfig, clock: Callable[[], datetime]
) -> BackupService:
    """Automatic backups on their own thread, into ``[backup] folder`` (``<data>/backups``)."""
    from pos_desktop.localdb.backups import FolderBackups
    from pos_desktop.services.backups import BackupService

    folder = config.backup.folder_for(paths.data_dir)
    service = BackupService(
        FolderBackups(paths.database, folder, config.backup.keep), clock, daily=config.backup.daily
    )
    service.start()
    return service


def store_operations(
    paths: AppPaths,
    config: TillConfig,
    store: LocalStore,
    devices: DeviceHub | None,
    printer_profile: PrinterProfile,
    clock: Callable[[], datetime],
    profiles: ProfileBook,
) -> dict[str, Any]:
    """Approvals, parked sales, shifts and refunds on the local store, printing where the
    receipts print (files, then the printer when one is configured), with the store profile
    in force when each slip or report is printed."""
    from pos_desktop.localdb.held_carts import SqlHeldCarts
    from pos_desktop.localdb.permissions import SqlPermissionStore
    from pos_desktop.localdb.refunds import SqlRefundStore
    from pos_desktop.localdb.shifts import SqlShiftBook
    from pos_desktop.receipts.refund_receipt import RefundSlipSink
    from pos_desktop.receipts.shift_receipt import ShiftReportSink
    from pos_desktop.services.approvals import ApprovalService, TillOperations
    from pos_desktop.services.refunds import RefundService
    from pos_desktop.services.shifts import ShiftService
    from pos_desktop.sync.lookup import cloud_lookup
    from pos_desktop.sync.runtime import lookup_client_factory

    approvals = ApprovalService(store.staff, SqlPermissionStore(store.session_factory), clock)

    def info() -> StoreInfo:
        return store_info(profiles.current())

    out_dir = config.receipt.output_dir or paths.receipts_dir

    def print_document(number: str, data: bytes) -> None:
        if devices is not None and devices.printer is not None:
            devices.printer.print_receipt(number, data, copy=False)

    def refund_out(refund: RefundRecord, data: bytes, copy: bool) -> None:
        cash_back = any(t.kind == "cash" and t.amount > 0 for t in refund.tenders)
        if devices is not None and devices.drawer is not None and cash_back and not copy:
            devices.drawer.open(f"refund {refund.refund_no}", by=refund.cashier_code)
        print_document(refund.refund_no, data)

    refund_slips = RefundSlipSink(
        out_dir,
        info,
        printer_profile,
        money_space=config.receipt.money_space,
        after=refund_out,
    )
    reports = ShiftReportSink(out_dir, info, profile=printer_profile, send=print_document)
    lookup = cloud_lookup(lookup_client_factory(store.session_factory, paths, config.sync))
    return {
        "operations": TillOperations(approvals=approvals, held=SqlHeldCarts(store.session_factory)),
        "shifts": ShiftService(
            SqlShiftBook(store.session_factory), approvals.table, clock, reports
        ),
        "refunds": RefundService(
            SqlRefundStore(store.session_factory, clock),
            profiles.current,
            approvals.table,
            clock,
            refund_slips,
            lookup,
        ),
    }


def open_devices(
    paths: AppPaths, config: TillConfig, files: FileReceiptSink
) -> tuple[DeviceHub | None, ReceiptSink]:
    """Start the configured devices; with none, receipts keep going to files only."""
    if not config.devices.any:
        return None, files
    from pos_desktop.devices.hub import DeviceHub
    from pos_desktop.devices.receipt_sink import DeviceReceiptSink
    from pos_desktop.devices.reprint_queue import ReprintQueue

    hub = DeviceHub(config.devices, ReprintQueue(paths.data_dir / "reprint-queue"))
    hub.start()
    return hub, DeviceReceiptSink(files, hub)


@dataclass(frozen=True, slots=True)
class DemoSeeding:
    """What ``seed-demo`` did, so it can say so: nothing on a till that already has products
    (unless forced), else how many demo products it added."""

    products_before: int
    added: int | None
    """``None`` when nothing was seeded."""

    @property
    def seeded(self) -> bool:
        return self.added is not None


def seed_demo_report(paths: AppPaths, *, force: bool = False) -> DemoSeeding:
    """Seed the demo store (profile, tax categories, products) into this till's database; a
    till that already has products is left alone unless ``force``, which adds only the demo
    products it lacks."""
    from sqlalchemy import func, select

    from pos_desktop.localdb.models import ProductRow
    from pos_desktop.localdb.seed import seed_demo
    from pos_desktop.localdb.store import open_local_store

    paths.ensure()
    lock = acquire_data_dir_lock(paths.data_dir)
    try:
        store = open_local_store(paths.database)
        try:
            with store.session_factory() as session:
                count = session.scalar(select(func.count()).select_from(ProductRow)) or 0
            if count and not force:
                log.info("database already holds %d products; not seeding", count)
                return DemoSeeding(count, None)
            return DemoSeeding(count, seed_demo(store.session_factory))
        finally:
            store.close()
    finally:
        lock.release()


def seed_demo_store(paths: AppPaths, *, force: bool = False) -> bool:
    """Seed the demo store into this till's database; returns False when it already had data."""
    return seed_demo_report(paths, force=force).seeded


def upgrade_database(paths: AppPaths) -> None:
    from pos_desktop.localdb.store import open_local_store

    lock = acquire_data_dir_lock(paths.data_dir)
    try:
        open_local_store(paths.database).close()
    finally:
        lock.release()


def check_database(paths: AppPaths) -> str:
    """``PRAGMA integrity_check``: "ok" or the first problems SQLite reports."""
    import sqlite3

    if not paths.database.exists():
        return f"no database at {paths.database}"
    conn = sqlite3.connect(paths.database)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    return "\n".join(str(r[0]) for r in rows)


@dataclass(frozen=True, slots=True)
class JournalReport:
    result: VerifyResult
    bad_entry: JournalEntry | None


def verify_journal(paths: AppPaths) -> JournalReport:
    """Check the audit journal's chain from its first entry (safe while the till runs)."""
    from pos_desktop.domain.errors import UserError
    from pos_desktop.localdb import journal
    from pos_desktop.localdb.engine import make_session_factory, open_engine
    from pos_desktop.localdb.schema import HEAD_REVISION, schema_revision
    from pos_desktop.localdb.transactions import read_session

    if not paths.database.exists():
        raise UserError("backup.no_database", path=str(paths.database))
    engine = open_engine(paths.database)
    try:
        if schema_revision(engine) != HEAD_REVISION:
            raise UserError("journal.old_schema")
        sessions = make_session_factory(engine)
        with read_session(sessions, "journal verify") as session:
            result = journal.verify(session)
            bad = None
            if result.fault is not None:
                found = journal.entries(session, after_seq=result.fault.seq - 1, limit=1)
                bad = found[0] if found else None
    finally:
        engine.dispose()
    return JournalReport(result, bad)


def backup_database(paths: AppPaths, target: Path) -> Path:
    """Copy the live database with SQLite's online backup, safe while the till is selling.

    The copy is verified with ``integrity_check`` before it is reported as written.
    """
    import sqlite3

    from pos_desktop.domain.errors import UserError
    from pos_desktop.localdb.backups import copy_database, make_backup

    if not paths.database.exists():
        raise UserError("backup.no_database", path=str(paths.database))
    target = target.expanduser().resolve()
    if target.is_dir():
        return make_backup(paths.database, target, reason="manual", now=local_now()).path
    if target.exists():
        raise UserError("backup.target_exists", path=str(target))
    source = sqlite3.connect(paths.database)
    try:
        copy_database(source, target)
    finally:
        source.close()
    log.info("database backed up to %s", target)
    return target


@dataclass
class Gui:
    """The running app, so ``run_gui``, benchmarks and screenshots start it the same way."""

    app: QApplication
    window: MainWindow
    worker: DbWorker
    till: OpenTill
    translator: QTranslator | None
    sync: GuiSync | None = None
    pairing: PairingOffer | None = None

    def close(self) -> None:
        self.worker.stop()
        if self.pairing is not None:
            self.pairing.close()
        self.window.close()
        if self.sync is not None:
            self.sync.stop()
        self.till.close()


def qt_application(language: str) -> tuple[QApplication, QTranslator | None]:
    """The one ``QApplication`` of the process, speaking ``language``."""
    from PySide6.QtWidgets import QApplication

    from pos_desktop.ui.i18n import install_translator

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("pos-desktop")
    app.setApplicationVersion(__version__)
    return app, install_translator(app, language)


def build_gui(paths: AppPaths, config: TillConfig, *, lock: DataDirLock | None = None) -> Gui:
    """Create the application, open the till and show the login screen.

    Raises ``UserError`` (for example ``till.already_running``, or ``store.not_configured`` on
    a till that was never paired: ``start_gui`` pairs those first) before any window exists.
    """
    from PySide6.QtCore import QTimer

    from pos_desktop.ui.main_window import MainWindow
    from pos_desktop.ui.worker import DbWorker

    app, translator = qt_application(config.language)
    till = open_till(paths, config, lock=lock)
    worker = DbWorker()
    window = MainWindow(till.context, worker, devices=till.devices)
    window.show()
    from pos_desktop.ui.sync_status import attach_sync

    sync = attach_sync(window, till.store.session_factory, paths, config.sync)
    from pos_desktop.ui.backup_status import attach_backup_status

    attach_backup_status(window, till.backups, till.numbering_notice)
    window.profileChanged.connect(
        lambda profile: till.sink.set_store(
            store_info(profile), ppn_enabled=profile.tax.ppn_enabled
        )
    )
    from pos_desktop.ui.pairing_dialog import offer_pairing

    # Not paired yet: the pairing dialog opens over the login screen (closing it keeps selling
    # offline); later a manager reaches it by clicking the sync status.
    pairing = offer_pairing(
        window, sync, till.store.session_factory, paths, config.sync, config_file=paths.config_file
    )

    # Loading python-escpos takes half a second of the GIL; do it once the login screen is
    # up, not while the till is starting.
    def warm_up() -> None:
        if worker.accepting:  # the till may already be closing
            worker.submit(till.sink.warm_up, label="receipt warm-up")

    QTimer.singleShot(WARM_UP_DELAY_MS, window, warm_up)
    return Gui(
        app=app,
        window=window,
        worker=worker,
        till=till,
        translator=translator,
        sync=sync,
        pairing=pairing,
    )


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

    def release(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            store.close()
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()


def current_log_file() -> Path | None:
    """The file the log goes to, to name it in a dialog."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


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
            store = _open_store(startup)
            try:
                store.settings.store_profile()
            except UserError as exc:
                if exc.code != "store.not_configured":
                    raise
                restored = _offer_backup_again(startup, store)
                if restored is None:
                    startup.store = store
                    _first_start(startup)
                    return startup
                store = restored
            store.close()
            lock, startup.lock = startup.lock, None
            startup.gui = build_gui(paths, config, lock=lock)
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


def _offer_backup_again(startup: Startup, empty: LocalStore) -> LocalStore | None:
    """A till without a store whose damaged database was moved aside at an earlier start: offer
    the backup once more before pairing from zero; the restored store, or ``None``."""
    from pos_desktop.localdb.backups import restore_backup
    from pos_desktop.localdb.store import open_local_store
    from pos_desktop.startup_checks import damaged_database_left

    left = damaged_database_left(startup.paths, startup.config.backup)
    if left is None or left.backup is None:
        return None
    if not startup.tell(left.problem(), restore_offered=True):
        log.warning("restore of %s declined; starting as a new till", left.backup.path)
        return None
    empty.close()
    restore_backup(left.backup.path, startup.paths.database, local_now())
    log.warning("database restored at start from %s", left.backup.path)
    return open_local_store(startup.paths.database)


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
    store, startup.store = startup.store, None
    if store is not None:
        store.close()
    lock, startup.lock = startup.lock, None
    try:
        startup.gui = build_gui(startup.paths, startup.config, lock=lock)
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
                packages=" ".join(missing.packages or missing.libraries),
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
