"""Starting sync for an open till: read the pairing, fetch the credential, start the worker.

The composition root (``pos_desktop.app``) and the headless till of the crash tests both start
sync through ``start_sync``, so the tests exercise exactly what a till runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb import catalog_sync
from pos_desktop.localdb.transactions import read_session
from pos_desktop.paths import AppPaths
from pos_desktop.sync.backoff import Backoff
from pos_desktop.sync.client import CloudClient
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.credentials import CredentialStore
from pos_desktop.sync.engine import SyncEngine, utcnow
from pos_desktop.sync.pairing import store_for
from pos_desktop.sync.status import SyncState, SyncStatus
from pos_desktop.sync.worker import SyncWorker, WaitClock

log = logging.getLogger(__name__)


@dataclass
class SyncService:
    worker: SyncWorker
    client: CloudClient
    engine: SyncEngine

    def stop(self, timeout: float = 5.0) -> bool:
        stopped = self.worker.stop(timeout)
        if stopped:
            self.client.close()
        return stopped


@dataclass(frozen=True, slots=True)
class SyncSetup:
    service: SyncService | None
    """``None`` when this till cannot sync (not paired, credential missing, switched off)."""
    status: SyncStatus
    """What to show until the worker reports (or for good, when there is no worker)."""


def start_sync(
    sessions: sessionmaker[Session],
    paths: AppPaths,
    config: SyncConfig,
    *,
    on_status: Callable[[SyncStatus], None] | None = None,
    store: CredentialStore | None = None,
    transport: httpx.BaseTransport | None = None,
    clock: WaitClock | None = None,
    backoff: Backoff | None = None,
    utc_clock: Callable[[], datetime] = utcnow,
    local_clock: Callable[[], datetime] | None = None,
    start: bool = True,
) -> SyncSetup:
    """Start the sync thread of a paired till; never raises for a till that cannot sync."""
    with read_session(sessions, "sync start") as session:
        pairing = catalog_sync.load_pairing(session)
    if pairing is None or not config.enabled:
        log.info("sync off: %s", "switched off" if pairing else "this till is not paired")
        return SyncSetup(None, SyncStatus(SyncState.UNPAIRED))
    try:
        secrets = store or store_for(config, paths)
        token = secrets.load(pairing.device_id)
    except (UserError, ValueError, RuntimeError) as exc:
        log.error("device credential unavailable: %s", exc)
        token = None
    if token is None:
        log.error("no credential for device %s: pair the till again", pairing.device_id)
        return SyncSetup(
            None, SyncStatus(SyncState.AUTH_FAILED, last_error="device credential missing")
        )
    try:
        client = CloudClient(
            pairing.server_url,
            token=token,
            ca_bundle=config.ca_bundle,
            connect_timeout=config.connect_timeout_s,
            read_timeout=config.read_timeout_s,
            transport=transport,
        )
    except UserError as exc:
        log.error("cannot use %s: %s", pairing.server_url, exc)
        return SyncSetup(None, SyncStatus(SyncState.SERVER_ERROR, last_error=str(exc)))
    engine = SyncEngine(sessions, client, config, clock=utc_clock, local_clock=local_clock)
    worker = SyncWorker(engine, config, clock=clock, backoff=backoff, on_status=on_status)
    if start:
        worker.start()
    return SyncSetup(SyncService(worker, client, engine), worker.status)
