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
from pos_desktop.sync.heartbeat import HeartbeatSender
from pos_desktop.sync.pairing import store_for
from pos_desktop.sync.status import SyncState, SyncStatus
from pos_desktop.sync.worker import AfterRound, SyncWorker, SystemClock, WaitClock

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
    printer_state: Callable[[], str] | None = None,
    updates: AfterRound | None = None,
    start: bool = True,
) -> SyncSetup:
    """Start the sync thread of a paired till; never raises for a till that cannot sync.

    ``printer_state`` reads the printer's last known state for the heartbeat
    (``sync.heartbeat.printer_reader``); it is called on the sync thread, so it must be safe
    there and never block on a device. ``updates``: the signed-update step run after each
    completed round (``pos_desktop.updates.task``), on this thread too.
    """
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
        client = CloudClient.configured(
            pairing.server_url, config, token=token, transport=transport
        )
    except UserError as exc:
        log.error("cannot use %s: %s", pairing.server_url, exc)
        return SyncSetup(None, SyncStatus(SyncState.SERVER_ERROR, last_error=str(exc)))
    engine = SyncEngine(sessions, client, config, clock=utc_clock, local_clock=local_clock)
    clock = clock or SystemClock()
    heartbeat = HeartbeatSender(
        client, monotonic=clock.monotonic, local_clock=engine.local_clock, printer=printer_state
    )
    worker = SyncWorker(
        engine,
        config,
        clock=clock,
        backoff=backoff,
        on_status=on_status,
        heartbeat=heartbeat,
        updates=updates,
    )
    if start:
        worker.start()
    return SyncSetup(SyncService(worker, client, engine), worker.status)


LOOKUP_CONNECT_TIMEOUT_S = 2.0
LOOKUP_READ_TIMEOUT_S = 5.0


def lookup_client_factory(
    sessions: sessionmaker[Session],
    paths: AppPaths,
    config: SyncConfig,
    *,
    store: CredentialStore | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Callable[[], CloudClient | None]:
    """Clients for the till's own questions to the cloud (finding a sale to refund).

    Separate from the sync thread's client, with short timeouts: these calls run on the
    database thread while a cashier waits, so a bad network must fail fast. The client is made
    on first use and again whenever the pairing changes; ``None`` while the till is unpaired.
    """
    cached: dict[str, CloudClient] = {}

    def factory() -> CloudClient | None:
        with read_session(sessions, "cloud lookup pairing") as session:
            pairing = catalog_sync.load_pairing(session)
        if pairing is None or not config.enabled:
            return None
        key = f"{pairing.server_url}|{pairing.device_id}"
        if key in cached:
            return cached[key]
        try:
            token = (store or store_for(config, paths)).load(pairing.device_id)
        except (UserError, ValueError, RuntimeError) as exc:
            log.error("device credential unavailable for a cloud lookup: %s", exc)
            return None
        if token is None:
            return None
        for old in cached.values():
            old.close()
        cached.clear()
        cached[key] = CloudClient(
            pairing.server_url,
            token=token,
            ca_bundle=config.ca_bundle,
            connect_timeout=LOOKUP_CONNECT_TIMEOUT_S,
            read_timeout=LOOKUP_READ_TIMEOUT_S,
            transport=transport,
        )
        return cached[key]

    return factory
