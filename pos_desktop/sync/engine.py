"""One round of sync work, each step a few short local transactions around one request.

The engine owns no thread and never sleeps: ``SyncWorker`` decides when to call it and what to do
when it raises a ``CloudError``. Tests call it directly, step by step.

Push: read the oldest pending sales (a deferred read), send them as stored, write the answers in
one short write transaction. A batch whose answer never came stays pending and goes again; the
server's idempotency makes the resend a ``duplicate`` that is acknowledged like the original.

Pull: ask for catalog changes after the stored cursor; apply each page and its cursor in one
transaction; repeat while the server has more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.localdb import catalog_sync, doc_outbox, journal, outbox
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.services.ports import StoreProfile
from pos_desktop.sync.client import BatchTooLarge, CloudClient, CloudError, Refused
from pos_desktop.sync.config import SyncConfig

log = logging.getLogger(__name__)


DOCUMENT_PATHS = {
    doc_outbox.REFUND: "/v1/sync/refunds",
    doc_outbox.SHIFT_REPORT: "/v1/sync/shift-reports",
    doc_outbox.STAFF_PIN: "/v1/sync/staff-pins",
}
JOURNAL_BATCH = 500


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class PushReport:
    sent: int = 0
    done: int = 0
    needs_attention: int = 0
    unanswered: int = 0
    batches: int = 0


@dataclass(slots=True)
class PullReport:
    pages: int = 0
    products: int = 0
    tombstones: int = 0


class SyncEngine:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        client: CloudClient,
        config: SyncConfig,
        *,
        clock: Callable[[], datetime] = utcnow,
        local_clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.sessions = sessions
        self.client = client
        self.config = config
        self.clock = clock
        self.local_clock = local_clock or (lambda: datetime.now().astimezone())
        self.batch_size = config.batch_size

    # -- the queue ------------------------------------------------------------------------------

    def stats(self) -> outbox.QueueStats:
        with read_session(self.sessions, "sync queue stats") as session:
            return outbox.queue_stats(session)

    def push_pending(
        self,
        should_stop: Callable[[], bool] = lambda: False,
        max_batches: int | None = None,
        on_batch: Callable[[PushReport], None] | None = None,
    ) -> PushReport:
        """Send pending sales until none are left (or ``should_stop``); raises ``CloudError``.

        Sales answered "conflict"/"rejected" leave the queue for the needs-attention list; a
        sale whose answer did not make sense stays pending but is not resent in this round.
        """
        report = PushReport()
        after = 0
        while not should_stop() and (max_batches is None or report.batches < max_batches):
            with read_session(self.sessions, "sync read outbox") as session:
                batch = outbox.pending_batch(session, self.batch_size, after)
            if not batch:
                break
            try:
                acks = self.client.push_sales([s.document for s in batch], self.local_clock())
            except BatchTooLarge as exc:
                smaller = max(1, min(exc.max_batch or len(batch) // 2, len(batch) // 2))
                log.warning("server takes fewer sales per batch: %d -> %d", len(batch), smaller)
                self.batch_size = smaller
                continue
            except CloudError as exc:
                with write_session(self.sessions, "sync count attempt") as session:
                    outbox.record_failed_attempt(session, batch, str(exc))
                raise
            with write_session(self.sessions, "sync record answers") as session:
                result = outbox.record_acks(session, batch, acks, self.clock())
            report.batches += 1
            report.sent += len(batch)
            report.done += result.done
            report.needs_attention += result.needs_attention
            report.unanswered += result.unanswered
            after = batch[-1].outbox_id
            if on_batch is not None:
                on_batch(report)
        if report.sent:
            log.info(
                "pushed %d sales in %d batches: %d done, %d need attention",
                report.sent,
                report.batches,
                report.done,
                report.needs_attention,
            )
        return report

    # -- refunds, shift reports, PIN changes, the audit journal -------------------------------

    def push_documents(self, should_stop: Callable[[], bool] = lambda: False) -> PushReport:
        """Send pending refunds, then shift reports (after the sales they refer to), then PINs
        changed on this till (their verifiers, never a PIN; see ``localdb.pin_changes``).

        A PIN change the cloud refuses (a member no longer working here, or whose PIN the owner
        set again later) leaves the queue like a refused refund; the feed brings the cloud's
        PIN back to the till.
        """
        report = PushReport()
        for kind in doc_outbox.KINDS:
            after = 0
            while not should_stop():
                with read_session(self.sessions, f"sync read {kind}s") as session:
                    batch = doc_outbox.pending(session, kind, self.batch_size, after)
                if not batch:
                    break
                try:
                    acks = self.client.push_documents(
                        DOCUMENT_PATHS[kind], [d.document for d in batch], self.local_clock()
                    )
                except CloudError as exc:
                    with write_session(self.sessions, f"sync count {kind} attempt") as session:
                        doc_outbox.record_failed_attempt(session, batch, str(exc))
                    raise
                with write_session(self.sessions, f"sync record {kind} answers") as session:
                    result = doc_outbox.record_acks(session, batch, acks, self.clock())
                report.batches += 1
                report.sent += len(batch)
                report.done += result.done
                report.needs_attention += result.needs_attention
                report.unanswered += result.unanswered
                after = batch[-1].outbox_id
        if report.sent:
            log.info("pushed %d documents: %d done", report.sent, report.done)
        return report

    def push_journal(self, should_stop: Callable[[], bool] = lambda: False) -> int:
        """Send journal entries the cloud does not have yet; returns how many were answered.

        Every answer is final for the till: the cloud stores each entry it can read and flags
        (rather than refuses) a chain that does not hold, so the till moves on either way and
        the owner sees the alert.
        """
        answered = 0
        while not should_stop():
            with read_session(self.sessions, "sync read journal") as session:
                done = journal.synced_seq(session)
                jid = journal.journal_id_or_none(session)
                batch = [] if jid is None else journal.outgoing(session, jid, done, JOURNAL_BATCH)
            if not batch:
                break
            acks = self.client.push_documents(
                "/v1/sync/journal", [doc for _, doc in batch], self.local_clock()
            )
            last = done
            for (seq, _), ack in zip(batch, acks, strict=True):
                if ack.sale_id != str(seq):
                    log.error("journal answer for %r in the place of %d", ack.sale_id, seq)
                    break
                if ack.status not in ("accepted", "duplicate"):
                    log.warning(
                        "cloud flagged journal entry %d: %s (%s)", seq, ack.status, ack.reason
                    )
                last = seq
            if last == done:
                break
            with write_session(self.sessions, "sync journal acks") as session:
                journal.mark_synced(session, last)
            answered += last - done
        return answered

    # -- the catalog --------------------------------------------------------------------------

    def pull_catalog(self, should_stop: Callable[[], bool] = lambda: False) -> PullReport:
        """Apply catalog pages until the server has no more; raises ``CloudError``."""
        report = PullReport()
        reset_once = False
        while not should_stop():
            with read_session(self.sessions, "sync read cursor") as session:
                cursor = catalog_sync.catalog_cursor(session)
                full = cursor is None or _full_pull_pending(session)
            limit = self.config.full_pull_page_size if full else self.config.catalog_page_size
            try:
                page = self.client.catalog_page(cursor, limit)
            except Refused as exc:
                if exc.code.endswith("bad_cursor") and not reset_once:
                    log.warning("the cloud does not know cursor %r; pulling everything", cursor)
                    with write_session(self.sessions, "sync reset cursor") as session:
                        catalog_sync.reset_catalog_cursor(session)
                    reset_once = True
                    continue
                raise
            with write_session(self.sessions, "sync apply catalog page") as session:
                applied = catalog_sync.apply_catalog_page(
                    session, page, sent_cursor=cursor, now=self.clock()
                )
            report.pages += 1
            report.products += applied.products
            report.tombstones += applied.tombstones
            if not page.has_more:
                break
        if report.products or report.tombstones:
            log.info(
                "catalog: %d products, %d deletions in %d pages",
                report.products,
                report.tombstones,
                report.pages,
            )
        return report

    def pull_stock(self) -> int:
        levels = self.client.stock_levels()
        with write_session(self.sessions, "sync stock levels") as session:
            catalog_sync.replace_stock_levels(session, levels, self.clock())
        return len(levels)

    def refresh_profile(self) -> StoreProfile:
        """Apply the store profile the cloud holds now; a new version is written and journaled
        in one local transaction, and the till's next sale starts under it."""
        info = self.client.device_me()
        with write_session(self.sessions, "sync store profile") as session:
            return catalog_sync.apply_cloud_store(
                session, info.store, pairing=False, now=self.clock()
            )


def _full_pull_pending(session: Session) -> bool:
    from pos_desktop.localdb.models import SyncStateRow

    row = session.get(SyncStateRow, catalog_sync.STATE_ID)
    return bool(row and row.full_pull_pending)
