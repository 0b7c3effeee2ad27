"""What the composition root calls: settle updates before the database opens, then build the
sync thread's update task once the till is open. A till without an install root (started
from a checkout or a plain pip install, not through the launcher) gets ``None`` from both."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pos_desktop import __version__
from pos_desktop.updates.launcher import StartReport, at_start, confirm_start, schema_revision
from pos_desktop.updates.layout import InstallLayout
from pos_desktop.updates.status import UpdateState, UpdateStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from pos_desktop.config import TillConfig
    from pos_desktop.paths import AppPaths
    from pos_desktop.updates.source import UpdateSource
    from pos_desktop.updates.task import UpdateTask

log = logging.getLogger(__name__)


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class UpdateBoot:
    layout: InstallLayout
    report: StartReport
    revision: str
    """How far the database may be migrated at this start (``schema.gated_revision``)."""

    @property
    def first_status(self) -> UpdateStatus:
        failed = self.report.rolled_back
        if failed is not None:
            return UpdateStatus(UpdateState.ROLLED_BACK, failed.version)
        return UpdateStatus()

    def confirm(self) -> bool:
        """The login screen is up: this version started well."""
        return confirm_start(self.layout, self.report.running)


def prepare_updates(paths: AppPaths, *, running: str = __version__) -> UpdateBoot | None:
    """Before the database opens: settle a rollback, and hold contract migrations back while
    this version's start is not confirmed."""
    layout = InstallLayout.from_environment()
    if layout is None:
        return None
    try:
        report = at_start(layout, running, paths.database, local_now())
    except Exception:  # updates must never keep a till from selling
        log.exception("cannot settle the update state in %s", layout.root)
        report = StartReport(running)
    revision = "head"
    if report.pending is not None:
        from pos_desktop.localdb.migrate import MIGRATIONS_DIR
        from pos_desktop.updates.schema import gated_revision

        current = schema_revision(paths.database)
        revision = gated_revision(MIGRATIONS_DIR, current, confirmed=False)
    return UpdateBoot(layout, report, revision)


def repository_url(sessions: sessionmaker[Session], layout: InstallLayout) -> str | None:
    """``updates.json``'s url, else the paired cloud's ``/updates/``; ``None`` unpaired."""
    url = layout.settings().url
    if url:
        return url
    from pos_desktop.localdb import catalog_sync
    from pos_desktop.localdb.transactions import read_session

    with read_session(sessions, "update url") as session:
        pairing = catalog_sync.load_pairing(session)
    return None if pairing is None else pairing.server_url.rstrip("/") + "/updates/"


def update_task(
    boot: UpdateBoot,
    paths: AppPaths,
    config: TillConfig,
    sessions: sessionmaker[Session],
    *,
    monotonic: Callable[[], float],
    on_status: Callable[[UpdateStatus], None] | None = None,
) -> UpdateTask:
    """The step the sync thread runs after its rounds (``sync.worker.AfterRound``); the TUF
    client is loaded here, only on a till installed for updates."""
    from pos_desktop.localdb.backups import make_backup
    from pos_desktop.localdb.shifts import SqlShiftBook
    from pos_desktop.updates.source import HttpxFetcher, UpdateSource, this_platform
    from pos_desktop.updates.task import UpdateTask

    layout = boot.layout
    shifts = SqlShiftBook(sessions)
    sources: dict[str, UpdateSource] = {}

    def source() -> UpdateSource | None:
        url = repository_url(sessions, layout)
        if url is None:
            return None
        if url not in sources:
            fetcher = HttpxFetcher(ca_bundle=config.sync.ca_bundle)
            sources[url] = UpdateSource(
                url, layout.trusted_root, layout.metadata_cache, fetcher=fetcher
            )
        return sources[url]

    def backup(reason: str) -> Path:
        folder = config.backup.folder_for(paths.data_dir)
        return make_backup(paths.database, folder, reason=reason, now=local_now()).path

    return UpdateTask(
        layout,
        boot.report.running,
        source,
        platform=this_platform(),
        shift_open=lambda: shifts.current_shift() is not None,
        backup=backup,
        schema=lambda: schema_revision(paths.database),
        monotonic=monotonic,
        on_status=on_status,
        status=boot.first_status,
    )
