"""Pairing a till with the cloud: a one-time enrollment code for a device credential.

The order matters because the code can be used once: first make sure the credential can be
kept (a usable keyring, or the file store chosen explicitly) and the server URL is acceptable,
then spend the code, store the credential, and only then record the pairing and the store
profile the cloud sent in the till's database. Pairing again (a new code) replaces the
credential; queued sales stay queued and go out under the new pairing.

A refusal is a ``UserError`` whose code says what to do next: another code
(``sync.enrollment_refused``), the network or the address (``sync.server_unreachable``), the
server's certificate (``sync.certificate_untrusted``). On a first start ``receive_store`` then
pulls the staff and catalog before anyone logs in.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from sqlalchemy import func, select

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb import catalog_sync
from pos_desktop.localdb.models import ProductRow, UserRow
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.paths import AppPaths
from pos_desktop.services.ports import StoreProfile
from pos_desktop.sync.client import (
    AuthRejected,
    CloudClient,
    CloudError,
    Refused,
    Unreachable,
)
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.credentials import CredentialStore, FileStore, KeyringStore, credential_store
from pos_desktop.sync.engine import SyncEngine
from pos_desktop.sync.urls import check_server_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PairingResult:
    device_id: str
    server_url: str
    org_name: str
    profile: StoreProfile
    credential_store: str
    """Where the credential went, for the person pairing the till to read."""
    catalog_reset: bool


def store_for(config: SyncConfig, paths: AppPaths) -> KeyringStore | FileStore:
    return credential_store(config.credential_store, paths.data_dir, config.credential_file)


def _certificate_problem(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate refusal behind a failed connection, if that is what it was."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause
        for arg in getattr(cause, "args", ()):
            if isinstance(arg, ssl.SSLCertVerificationError):
                return arg
        cause = cause.__cause__ or cause.__context__
    return None


def _refusal(exc: CloudError, server: str) -> UserError:
    """The store IT sentence for a failed pairing request: each cause that needs a different
    action (another code, the network, the server's certificate) has its own code."""
    if isinstance(exc, Unreachable):
        bad_certificate = _certificate_problem(exc)
        if bad_certificate is not None:
            reason = bad_certificate.verify_message or bad_certificate.reason or "TLS"
            return UserError("sync.certificate_untrusted", url=server, reason=reason)
        return UserError("sync.server_unreachable", url=server, reason=str(exc))
    if isinstance(exc, Refused):
        if exc.status in (400, 404, 410, 422) or exc.code.startswith("enroll"):
            return UserError("sync.enrollment_refused", reason=exc.detail or exc.code)
        if exc.status == 409:
            return UserError("sync.enrollment_refused", reason=exc.detail or exc.code)
    if isinstance(exc, AuthRejected):
        return UserError("sync.enrollment_refused", reason=str(exc))
    return UserError("sync.server_error", reason=str(exc))


def enroll(
    paths: AppPaths,
    config: SyncConfig,
    *,
    server: str,
    code: str,
    till_code: str | None = None,
    name: str = "",
    store: CredentialStore | None = None,
    transport: httpx.BaseTransport | None = None,
    config_file: Path | None = None,
    sessions: sessionmaker[Session] | None = None,
) -> PairingResult:
    """Pair this till.

    ``sessions``: the running till's database (the first-run dialog: this process holds the
    data-folder lock). Without it the data folder must not be in use by a running till.
    """
    from pos_desktop.localdb.lock import acquire_data_dir_lock
    from pos_desktop.localdb.store import open_local_store

    server_url = check_server_url(server)
    secrets_store = store or store_for(config, paths)
    check = getattr(secrets_store, "check", None)
    if check is not None:
        check(config_file)
    if sessions is not None:
        return _enroll_into(
            sessions, config, server_url, code, till_code, name, secrets_store, transport
        )
    paths.ensure()
    lock = acquire_data_dir_lock(paths.data_dir)
    try:
        local = open_local_store(paths.database)
        try:
            return _enroll_into(
                local.session_factory,
                config,
                server_url,
                code,
                till_code,
                name,
                secrets_store,
                transport,
            )
        finally:
            local.close()
    finally:
        lock.release()


def _enroll_into(
    sessions: sessionmaker[Session],
    config: SyncConfig,
    server_url: str,
    code: str,
    till_code: str | None,
    name: str,
    secrets_store: CredentialStore,
    transport: httpx.BaseTransport | None,
) -> PairingResult:
    with read_session(sessions, "pairing read") as session:
        previous = catalog_sync.load_pairing(session)
    with CloudClient.configured(server_url, config, transport=transport) as anonymous:
        try:
            enrolled = anonymous.enroll(code.strip(), till_code, name)
        except CloudError as exc:
            raise _refusal(exc, server_url) from exc
    token = f"{enrolled.device_id}.{enrolled.device_secret}"
    secrets_store.save(enrolled.device_id, token)
    with CloudClient.configured(server_url, config, token=token, transport=transport) as client:
        try:
            info = client.device_me()
        except CloudError as exc:
            raise _refusal(exc, server_url) from exc
    with write_session(sessions, "pairing") as session:
        reset = catalog_sync.save_pairing(
            session,
            catalog_sync.Pairing(
                server_url=server_url,
                device_id=enrolled.device_id,
                org_id=enrolled.org_id,
                org_name=enrolled.org_name,
                paired_at=datetime.now(UTC),
            ),
        )
        profile = catalog_sync.apply_cloud_store(session, info.store, pairing=True)
    if previous is not None and previous.device_id != enrolled.device_id:
        secrets_store.delete(previous.device_id)
    log.info(
        "paired with %s as %s/%s (device %s), credential in %s",
        server_url,
        profile.store_code,
        profile.till_code,
        enrolled.device_id,
        secrets_store.description,
    )
    return PairingResult(
        device_id=enrolled.device_id,
        server_url=server_url,
        org_name=enrolled.org_name,
        profile=profile,
        credential_store=secrets_store.description,
        catalog_reset=reset,
    )


class ReceiveStep(Enum):
    """What the first pull after pairing is waiting for, for the dialog to show."""

    CATALOG = "catalog"
    """Products, prices, tax categories and staff: the catalog feed, from its start."""
    DONE = "done"


@dataclass(frozen=True, slots=True)
class StoreReceived:
    products: int
    staff: int
    complete: bool
    """False when the cloud could not be read to the end; the sync worker finishes the pull."""
    problem: UserError | None = None


def receive_store(
    paths: AppPaths,
    config: SyncConfig,
    sessions: sessionmaker[Session],
    device_id: str,
    *,
    store: CredentialStore | None = None,
    transport: httpx.BaseTransport | None = None,
    on_step: Callable[[ReceiveStep], None] | None = None,
) -> StoreReceived:
    """The first full pull of a till that has just been paired, before anyone logs in.

    A till paired on its first start has no staff and no products: the login screen would be
    empty. Pulling here, where the person pairing watches the progress, means the login screen
    lists the cloud's staff when it appears. A failure is not fatal: the pairing is saved and
    the sync worker resumes the pull from the stored cursor.
    """
    with read_session(sessions, "pairing read") as session:
        pairing = catalog_sync.load_pairing(session)
    token = (store or store_for(config, paths)).load(device_id)
    if pairing is None or pairing.device_id != device_id or token is None:
        raise UserError("sync.server_error", reason="pairing not saved")
    problem: UserError | None = None
    if on_step is not None:
        on_step(ReceiveStep.CATALOG)
    try:
        with CloudClient.configured(
            pairing.server_url, config, token=token, transport=transport
        ) as client:
            SyncEngine(sessions, client, config).pull_catalog()
    except CloudError as exc:
        problem = _refusal(exc, pairing.server_url)
        log.warning("first pull after pairing stopped: %s", exc)
    with read_session(sessions, "pairing counts") as session:
        products = session.scalar(select(func.count()).select_from(ProductRow)) or 0
        staff = session.scalar(select(func.count()).select_from(UserRow).where(UserRow.active))
    if on_step is not None:
        on_step(ReceiveStep.DONE)
    log.info("first pull after pairing: %d products, %d staff", products, staff or 0)
    return StoreReceived(int(products), int(staff or 0), problem is None, problem)
