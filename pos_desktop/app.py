"""The composition root: the one place that knows every concrete piece and wires them.

Order at start: take the data-folder lock (a second till on the same data says so and exits),
open and migrate the database, read the store profile, build the services, then the UI. Nothing
else in the app constructs storage, sinks or threads. What a start does while the till cannot
open (first start, a damaged database, any start-up problem) is ``pos_desktop.startup``.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pos_desktop import __version__
from pos_desktop.config import TillConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.lock import DataDirLock, acquire_data_dir_lock
from pos_desktop.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from pos_desktop.devices.hub import DeviceHub
    from pos_desktop.domain.journal import JournalEntry
    from pos_desktop.domain.sale import SaleRecord
    from pos_desktop.localdb.journal import VerifyResult
    from pos_desktop.localdb.store import LocalStore
    from pos_desktop.receipts.model import StoreInfo
    from pos_desktop.receipts.sink import FileReceiptSink
    from pos_desktop.services.approvals import TillOperations
    from pos_desktop.services.backups import BackupService
    from pos_desktop.services.changes import TillChanges
    from pos_desktop.services.ports import StoreProfile
    from pos_desktop.services.refunds import RefundService
    from pos_desktop.services.shifts import ShiftService
    from pos_desktop.services.store_profile import ProfileBook
    from pos_desktop.ui.context import TillContext
    from pos_desktop.ui.main_window import MainWindow
    from pos_desktop.ui.pairing_dialog import PairingOffer
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


def open_till(
    paths: AppPaths,
    config: TillConfig,
    *,
    clock: Callable[[], datetime] = local_now,
    lock: DataDirLock | None = None,
    revision: str = "head",
) -> OpenTill:
    """Lock the data folder, open and migrate the database, and wire the services.

    ``lock``: the data-folder lock when the caller already holds it (the first start, which
    pairs the till before there is a store to open); it is released if opening fails.
    ``revision``: how far to migrate (``updates.schema``: contract migrations wait for a
    confirmed start of a new version).
    """
    from pos_desktop.localdb.store import open_local_store
    from pos_desktop.services.checkout import TillService
    from pos_desktop.services.store_profile import ProfileBook
    from pos_desktop.ui.context import TillContext

    paths.ensure()
    lock = lock or acquire_data_dir_lock(paths.data_dir)
    # python-escpos caches its capability tables here instead of a new temp dir per start.
    cache = paths.data_dir / "cache"
    cache.mkdir(exist_ok=True)
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(cache))
    try:
        store = open_local_store(paths.database, clock=clock, revision=revision)
        notice = settle_numbering(paths, config, store, clock)
        # Read where it is needed, never kept: the sync thread may write a new version anytime.
        profiles = ProfileBook(store.settings.store_profile)
        profile = profiles.current()
        devices = open_devices(paths, config)
        sink = receipt_sink(paths, config, devices, profile, profiles)
        till = TillService(store.catalog, store.sales, sink, config.barcode_rules)
        ops = store_operations(paths, config, store, sink, clock, profiles)
        context = TillContext(
            till=till,
            staff=store.staff,
            profile=profile,
            config=config,
            clock=clock,
            profiles=profiles,
            operations=ops.operations,
            shifts=ops.shifts,
            refunds=ops.refunds,
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


@dataclass(frozen=True, slots=True)
class StoreOperations:
    """The store-side services ``open_till`` hands to ``TillContext``, typed so that mypy
    checks the wiring field by field."""

    operations: TillOperations
    shifts: ShiftService
    refunds: RefundService


def store_operations(
    paths: AppPaths,
    config: TillConfig,
    store: LocalStore,
    receipts: FileReceiptSink,
    clock: Callable[[], datetime],
    profiles: ProfileBook,
) -> StoreOperations:
    """Approvals, parked sales, shifts and refunds on the local store. Refund slips and X/Z
    reports take the receipts' own route to paper (``receipts.route``: files, then the printer
    and drawer when one is configured), with the store profile in force when each is printed."""
    from pos_desktop.localdb.held_carts import SqlHeldCarts
    from pos_desktop.localdb.permissions import SqlPermissionStore
    from pos_desktop.localdb.refunds import SqlRefundStore
    from pos_desktop.localdb.shifts import SqlShiftBook
    from pos_desktop.receipts.model import store_info
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

    refund_slips = RefundSlipSink(
        receipts.route, info, receipts.profile, money_space=config.receipt.money_space
    )
    reports = ShiftReportSink(receipts.route, info, profile=receipts.profile)
    lookup = cloud_lookup(lookup_client_factory(store.session_factory, paths, config.sync))
    return StoreOperations(
        operations=TillOperations(approvals=approvals, held=SqlHeldCarts(store.session_factory)),
        shifts=ShiftService(SqlShiftBook(store.session_factory), approvals.table, clock, reports),
        refunds=RefundService(
            SqlRefundStore(store.session_factory, clock),
            profiles.current,
            approvals.table,
            clock,
            refund_slips,
            lookup,
        ),
    )


def open_devices(paths: AppPaths, config: TillConfig) -> DeviceHub | None:
    """Start the configured devices; ``None`` when ``[devices]`` names none."""
    if not config.devices.any:
        return None
    from pos_desktop.devices.hub import DeviceHub
    from pos_desktop.devices.reprint_queue import ReprintQueue

    hub = DeviceHub(config.devices, ReprintQueue(paths.data_dir / "reprint-queue"))
    hub.start()
    return hub


def receipt_sink(
    paths: AppPaths,
    config: TillConfig,
    devices: DeviceHub | None,
    profile: StoreProfile,
    profiles: ProfileBook,
) -> FileReceiptSink:
    """Sale receipts and the one route every document takes to paper: the receipts folder,
    then the printer and drawer when devices are configured. Each receipt prints the header of
    the profile its sale was rung under."""
    from pos_desktop.receipts.escpos_render import PrinterProfile
    from pos_desktop.receipts.model import store_info
    from pos_desktop.receipts.sink import FileReceiptSink

    folder = config.receipt.output_dir or paths.receipts_dir
    printer = config.devices.printer
    store = store_info(profile)

    def store_for(sale: SaleRecord) -> StoreInfo:
        return store_info(profiles.for_sale(sale))

    paper = printer.profile if printer else PrinterProfile(columns=config.receipt.columns)
    ppn, money_space = profile.tax.ppn_enabled, config.receipt.money_space
    if devices is None:
        return FileReceiptSink(
            folder,
            store,
            ppn_enabled=ppn,
            profile=paper,
            money_space=money_space,
            store_for=store_for,
        )
    from pos_desktop.devices.receipt_sink import DeviceReceiptSink, HubPrinter

    return DeviceReceiptSink(
        folder,
        HubPrinter(devices),
        store,
        ppn_enabled=ppn,
        profile=paper,
        money_space=money_space,
        store_for=store_for,
    )


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
    from pos_desktop.localdb.backups import copy_database_file, make_backup

    if not paths.database.exists():
        raise UserError("backup.no_database", path=str(paths.database))
    target = target.expanduser().resolve()
    if target.is_dir():
        return make_backup(paths.database, target, reason="manual", now=local_now()).path
    if target.exists():
        raise UserError("backup.target_exists", path=str(target))
    copy_database_file(paths.database, target)
    log.info("database backed up to %s", target)
    return target


@dataclass
class Gui:
    """The running app, so ``startup.run_gui``, benchmarks and screenshots start it the same
    way."""

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
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from pos_desktop.ui.i18n import install_translator

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("pos-desktop")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(Path(__file__).parent / "assets" / "icon.png")))
    return app, install_translator(app, language)


def follow_profile(receipts: FileReceiptSink, changes: TillChanges) -> None:
    """A new store profile (a pairing, a version read at a sale boundary) reaches the paper.

    Refund slips and X/Z reports need no telling: they read the profile in force as each is
    printed (``store_operations``), and each receipt reads the one its sale was rung under
    (``store_for``). The receipt sink keeps the store as it is now for everything else.
    """
    from pos_desktop.receipts.model import store_info

    profile = changes.profile
    if profile is not None:
        receipts.set_store(store_info(profile), ppn_enabled=profile.tax.ppn_enabled)


def build_gui(paths: AppPaths, config: TillConfig, *, lock: DataDirLock | None = None) -> Gui:
    """Create the application, open the till and show the login screen.

    Raises ``UserError`` (for example ``till.already_running``, or ``store.not_configured`` on
    a till that was never paired: ``startup.start_gui`` pairs those first) before any window exists.
    """
    from PySide6.QtCore import QTimer

    from pos_desktop.ui.main_window import MainWindow
    from pos_desktop.ui.ops import DbOp
    from pos_desktop.ui.worker import DbWorker

    app, translator = qt_application(config.language)
    from pos_desktop.updates.wiring import prepare_updates

    paths.ensure()
    lock = lock or acquire_data_dir_lock(paths.data_dir)
    boot = prepare_updates(paths)  # a rollback's restore happens under the data-folder lock
    till = open_till(paths, config, lock=lock, revision=boot.revision if boot else "head")
    worker = DbWorker()
    window = MainWindow(till.context, worker, devices=till.devices)
    window.show()
    from pos_desktop.sync.heartbeat import printer_reader
    from pos_desktop.ui.sync_status import attach_sync
    from pos_desktop.ui.update_status import attach_updates

    sessions = till.store.session_factory
    updates = attach_updates(window, boot, paths, config, sessions, time.monotonic)

    sync = attach_sync(
        window,
        till.store.session_factory,
        paths,
        config.sync,
        printer_state=printer_reader(till.devices),  # the hub's last status, under its lock
        updates=updates,  # signed updates: checked after sync rounds, applied between shifts
    )
    from pos_desktop.ui.backup_status import attach_backup_status

    attach_backup_status(window, till.backups, till.numbering_notice, window.changes)
    from pos_desktop.ui.about import attach_about

    attach_about(window, paths)  # F9 > About: the version, the data and log folders
    window.changes.subscribe(lambda changes: follow_profile(till.sink, changes))
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
            DbOp("receipt warm-up", till.sink.warm_up).run(worker)

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
