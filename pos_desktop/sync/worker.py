"""The sync thread: push and pull in a loop, back off on failure, report status.

A plain ``threading.Thread`` with its own database sessions on the till's SQLite file (WAL lets
it read and write beside the UI's database thread; each of its write transactions is short).
Every HTTP request has a timeout, and the UI never waits for this thread: it only receives
``SyncStatus`` values through ``on_status`` (called on this thread; the Qt adapter re-emits
them as a signal).

Failures and what follows:

* the cloud does not answer (``Unreachable``): *offline*; the next full try waits for the
  back-off (about 1 s, doubling with jitter, up to 5 min), but a cheap probe every
  ``probe_interval_s`` ends the wait as soon as the cloud answers again;
* the cloud answers with errors (``ServerTrouble``, ``Refused``): back off fully (honouring
  ``Retry-After``), no probe shortcut, so a struggling server is not hammered;
* the cloud refuses the credential (``AuthRejected``): a 401 also comes from a proxy or a
  restarting server in front of a healthy cloud, so the first few count as server trouble and
  the till says it was refused only after ``AUTH_REFUSALS`` in a row; either way it backs off as
  usual, and a probe that asks with the credential (``GET /v1/devices/me``) ends the wait as
  soon as the cloud takes it again, so a till never sits out a long back-off after an outage;
* this till's own disk or database fails (``storage.*``, ``OSError``): *local_error*, with the
  code, so the screen says "disk full" rather than blaming the cloud.

``wake()`` (the "sync now" button, the OS saying the network is back) ends any wait and resets
the back-off; ``notify_sale()`` refreshes the queue count at once and, when online, pushes now.
Every round that completes resets the back-off too.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from pos_desktop.domain.errors import UserError
from pos_desktop.sync.backoff import Backoff
from pos_desktop.sync.client import AuthRejected, CloudError, ServerTrouble, Unreachable
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.counters import check_numbering
from pos_desktop.sync.engine import PushReport, SyncEngine
from pos_desktop.sync.heartbeat import HeartbeatSender
from pos_desktop.sync.resend import CloudLossCheck
from pos_desktop.sync.status import ClockSkew, SyncState, SyncStatus, local_problem

log = logging.getLogger(__name__)

STATS_INTERVAL_S = 1.0
"""How often the queue count is re-read while waiting (a cheap indexed count)."""

AUTH_REFUSALS = 3
"""Credential refusals in a row before the till says the cloud refused it (and offers pairing);
fewer are taken for a proxy or a restarting server answering 401 during an outage."""


class WaitClock(Protocol):
    def monotonic(self) -> float: ...

    def wait(self, event: threading.Event, timeout: float) -> bool:
        """Block until ``event`` is set or ``timeout`` seconds passed; True if it was set."""


class AfterRound(Protocol):
    """A step the thread runs after each completed round (``updates.task.UpdateTask``): it
    must never raise and keeps its own pace."""

    def maybe_run(self) -> object: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def wait(self, event: threading.Event, timeout: float) -> bool:
        return event.wait(timeout)


class SyncWorker:
    def __init__(
        self,
        engine: SyncEngine,
        config: SyncConfig,
        *,
        clock: WaitClock | None = None,
        backoff: Backoff | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        heartbeat: HeartbeatSender | None = None,
        updates: AfterRound | None = None,
        name: str = "pos-sync",
    ) -> None:
        self.engine = engine
        self.config = config
        self.clock = clock or SystemClock()
        self.backoff = backoff or Backoff(config.retry_min_s, config.retry_max_s)
        self.on_status = on_status
        self.heartbeat = heartbeat
        """Sent after completed rounds when due; it never fails a round (``sync.heartbeat``)."""
        self.updates = updates
        """The update check and apply (``pos_desktop.updates.task``), after the heartbeat."""
        self._status = SyncStatus(SyncState.STARTING)
        self._status_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._reset_requested = False
        self._sale_noted = False
        self._flag_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.auth_refusals = 0
        """Credential refusals in a row; any completed round or accepted probe clears it."""
        self.cycles = 0
        """Completed successful rounds, for tests and diagnostics."""

    # -- control (any thread) --------------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the thread to end and wait up to ``timeout``; True when it ended.

        A request in flight is not cut: if it outlasts the wait the thread (a daemon) is left to
        finish or die with the process. No local write is ever half done either way: each is
        one transaction.
        """
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        alive = self._thread.is_alive()
        if alive:
            log.warning("sync thread still busy after %.1f s; leaving it", timeout)
        self._publish(replace(self.status, state=SyncState.STOPPED, retry_in_s=None))
        return not alive

    def wake(self) -> None:
        """Try now, whatever the back-off says."""
        with self._flag_lock:
            self._reset_requested = True
        self._wake.set()

    def notify_sale(self) -> None:
        """A sale was committed: count it now, and send it soon when online."""
        with self._flag_lock:
            self._sale_noted = True
        self._wake.set()

    @property
    def status(self) -> SyncStatus:
        with self._status_lock:
            return self._status

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    # -- the thread ---------------------------------------------------------------------------

    def _publish(self, status: SyncStatus) -> None:
        with self._status_lock:
            changed = status != self._status
            self._status = status
        if changed and self.on_status is not None:
            try:
                self.on_status(status)
            except Exception:
                log.exception("sync status listener failed")

    def _update(self, **changes: object) -> None:
        self._publish(replace(self.status, **changes))  # type: ignore[arg-type]

    def _refresh_stats(self) -> None:
        try:
            stats = self.engine.stats()
        except UserError as exc:
            log.warning("cannot read the sync queue: %s", exc)
            return
        self._update(
            pending=stats.pending,
            oldest_pending_at=stats.oldest_pending_at,
            needs_attention=stats.needs_attention,
        )

    def _run(self) -> None:
        log.info("sync started with %s", self.engine.client.base_url)
        self._refresh_stats()
        next_profile = next_stock = 0.0
        numbering_checked = False
        lost = CloudLossCheck()
        while not self._stopping.is_set():
            probe: Callable[[], object] | None = None
            retry_after: float | None = None
            try:
                now = self.clock.monotonic()
                if not numbering_checked:  # before anything is sent: see sync.counters
                    check_numbering(
                        self.engine.sessions, self.engine.client, self.engine.local_clock()
                    )
                    numbering_checked = True
                if now >= next_profile:
                    self.engine.refresh_profile()
                    next_profile = now + self.config.profile_interval_s
                lost.run(self.engine, now)  # the cloud restored from a backup: sync.resend
                self.engine.pull_catalog(self._stopping.is_set)
                if now >= next_stock:
                    self.engine.pull_stock()
                    next_stock = now + self.config.stock_interval_s
                self._refresh_stats()
                if self.status.pending:
                    self._update(state=SyncState.SYNCING, retry_in_s=None)
                self.engine.push_pending(self._stopping.is_set, on_batch=self._after_batch)
                self.engine.push_documents(self._stopping.is_set)
                self.engine.push_journal(self._stopping.is_set)
            except Unreachable as exc:
                probe = self.engine.client.probe
                self._failed(SyncState.OFFLINE, exc)
            except AuthRejected as exc:
                self.auth_refusals += 1
                refused = self.auth_refusals >= AUTH_REFUSALS
                probe = self.engine.client.device_me
                self._failed(SyncState.AUTH_FAILED if refused else SyncState.SERVER_ERROR, exc)
            except ServerTrouble as exc:
                retry_after = exc.retry_after
                self._failed(SyncState.SERVER_ERROR, exc)
            except CloudError as exc:
                self._failed(SyncState.SERVER_ERROR, exc)
            except Exception as exc:
                code = local_problem(exc)
                if code is not None:
                    self._failed(SyncState.LOCAL_ERROR, exc, local=code)
                elif isinstance(exc, UserError):
                    self._failed(SyncState.SERVER_ERROR, exc)
                else:
                    log.exception("sync round failed")
                    self._failed(SyncState.SERVER_ERROR, exc)
            else:
                self.cycles += 1
                self.auth_refusals = 0
                self.backoff.reset()
                self._refresh_stats()
                self._update(
                    state=SyncState.ONLINE,
                    last_sync_at=self.engine.clock(),
                    last_error=None,
                    local_problem=None,
                    retry_in_s=None,
                    clock_skew=self._clock_skew(),
                )
                if self.heartbeat is not None:
                    self.heartbeat.maybe_send(self.status)
                if self.updates is not None:
                    self.updates.maybe_run()
                self._sleep(self.config.pull_interval_s, probe=None, online=True)
                continue
            delay = self.backoff.next_delay()
            if retry_after is not None:
                delay = max(delay, min(retry_after, self.config.retry_max_s))
            self._update(retry_in_s=delay, clock_skew=self._clock_skew())
            self._refresh_stats()
            self._sleep(delay, probe=probe, online=False)
        log.info("sync stopped")

    def _clock_skew(self) -> ClockSkew | None:
        check = self.engine.client.clock_check
        return None if check is None else check.skew

    def _after_batch(self, report: PushReport) -> None:
        self._refresh_stats()

    def _failed(self, state: SyncState, error: Exception, *, local: str | None = None) -> None:
        level = logging.INFO if state is SyncState.OFFLINE else logging.WARNING
        log.log(level, "sync %s: %s", state.value, error)
        self._update(state=state, last_error=str(error)[:300], local_problem=local)

    def _take_flags(self) -> tuple[bool, bool]:
        with self._flag_lock:
            flags = (self._reset_requested, self._sale_noted)
            self._reset_requested = self._sale_noted = False
        return flags

    def _sleep(self, seconds: float, *, probe: Callable[[], object] | None, online: bool) -> None:
        """Wait ``seconds``; shorter when woken, when a sale comes in online, or when ``probe``
        (run every ``probe_interval_s``) finds the cloud back."""
        start = self.clock.monotonic()
        deadline = start + seconds
        next_probe = start + self.config.probe_interval_s
        while not self._stopping.is_set():
            now = self.clock.monotonic()
            if now >= deadline:
                return
            step = min(deadline - now, STATS_INTERVAL_S)
            if probe is not None:
                step = min(step, max(0.0, next_probe - now))
            woke = self.clock.wait(self._wake, step)
            if self._stopping.is_set():
                return
            if woke:
                self._wake.clear()
                reset, sale = self._take_flags()
                if reset:
                    self.backoff.reset()
                    return
                if sale:
                    self._refresh_stats()
                    if online:
                        return
            else:
                self._refresh_stats()
            if probe is not None and self.clock.monotonic() >= next_probe:
                try:
                    probe()
                except CloudError:
                    next_probe = self.clock.monotonic() + self.config.probe_interval_s
                else:
                    log.info("the cloud answers again; resuming sync")
                    self.auth_refusals = 0
                    self.backoff.reset()
                    return
