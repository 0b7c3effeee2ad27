"""Settling the till's receipt and journal numbering with the evidence, the cloud's included.

``localdb.numbering`` decides; this module gathers what it decides on. At start (and right
after ``pos-desktop db restore``) the receipt folders are scanned and, only when the database
was just restored or turns out to be behind its own receipt files, the cloud is asked how far
this till got (``GET /v1/devices/me/counters``, short timeouts: the till is starting). Without an
answer the restored till takes a new receipt series. Once running, the sync thread asks the
cloud again on its first round (``SyncEngine.check_numbering``), which catches a database copied
back by hand whose receipt files are gone too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.config import TillConfig
from pos_desktop.domain.errors import UserError
from pos_desktop.localdb import numbering
from pos_desktop.localdb.backups import restore_marker
from pos_desktop.localdb.numbering import CloudMarks, Settlement
from pos_desktop.localdb.sales import numbering as till_numbering
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.paths import AppPaths
from pos_desktop.sync.client import CloudClient, CloudError, Refused

log = logging.getLogger(__name__)

COUNTERS_PATH = "/v1/devices/me/counters"


def fetch_cloud_marks(client: CloudClient) -> CloudMarks:
    """The cloud's marks for the calling till; raises ``CloudError``."""
    data = client.get_json(COUNTERS_PATH)
    try:
        number = data.get("last_receipt_no")
        seq = data.get("last_journal_seq")
        return CloudMarks(
            last_receipt_no=None if number is None else str(number),
            last_journal_seq=None if seq is None else int(seq),
        )
    except (AttributeError, TypeError, ValueError) as exc:
        raise CloudError(f"unreadable numbering answer: {data!r}") from exc


def receipt_folders(paths: AppPaths, config: TillConfig) -> list[Path]:
    """Every folder whose file names carry this till's receipt numbers."""
    folders = [paths.receipts_dir, paths.data_dir / "reprint-queue"]
    if config.receipt.output_dir is not None:
        folders.append(config.receipt.output_dir)
    return folders


def cloud_probe(
    clients: Callable[[], CloudClient | None],
) -> Callable[[], CloudMarks | None]:
    """Ask the cloud once, or ``None`` when unpaired or unreachable (never raises)."""

    def probe() -> CloudMarks | None:
        try:
            client = clients()
            if client is None:
                log.info("numbering: this till is not paired; the cloud cannot vouch for it")
                return None
            return fetch_cloud_marks(client)
        except (CloudError, UserError, OSError) as exc:
            log.warning("numbering: the cloud did not answer (%s)", exc)
            return None

    return probe


def settle_numbering(
    sessions: sessionmaker[Session],
    database: Path,
    folders: Sequence[Path],
    probe: Callable[[], CloudMarks | None],
    now: datetime,
) -> Settlement | None:
    """Move the counters past every number this till issued; ``None`` for a till with no store.

    The restore marker beside ``database`` is removed once the result is committed.
    """
    marker = restore_marker(database)
    restored = marker.exists()
    with read_session(sessions, "numbering evidence") as session:
        try:
            store_code, till_code, _ = till_numbering(session)
        except UserError:
            return None
        evidence = numbering.evidence_in_files(folders, store_code, till_code)
        behind = numbering.behind(session, evidence.receipts)
    cloud = probe() if restored or behind else None
    with write_session(sessions, "numbering settle") as session:
        result = numbering.settle(
            session,
            files=evidence.receipts,
            cloud=cloud,
            restored=restored,
            now=now,
            detail={"marker": marker.read_text(encoding="utf-8").split("\n")[0]}
            if restored
            else None,
        )
        numbering.settle_documents(session, evidence.documents)
    marker.unlink(missing_ok=True)
    return result


def settle_at_start(
    sessions: sessionmaker[Session],
    paths: AppPaths,
    config: TillConfig,
    now: datetime,
) -> Settlement | None:
    """The start-up check (``app.open_till``) and the one after ``db restore``."""
    from pos_desktop.sync.runtime import lookup_client_factory

    clients = lookup_client_factory(sessions, paths, config.sync)
    return settle_numbering(
        sessions, paths.database, receipt_folders(paths, config), cloud_probe(clients), now
    )


def check_numbering(
    sessions: sessionmaker[Session], client: CloudClient, now: datetime
) -> Settlement | None:
    """The sync thread's check on its first round: the cloud's marks against the counters.

    Raises ``CloudError`` (the round fails and is retried like any other request), except
    when the cloud refuses the question (an older cloud without it): then there is nothing to
    check against.
    """
    try:
        marks = fetch_cloud_marks(client)
    except Refused as exc:
        log.warning("numbering: the cloud cannot tell this till's numbers (%s)", exc)
        return None
    with write_session(sessions, "numbering check") as session:
        try:
            till_numbering(session)
        except UserError:
            return None
        return numbering.settle(session, files=[], cloud=marks, restored=False, now=now)
