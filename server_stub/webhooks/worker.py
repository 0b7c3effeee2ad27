"""The delivery worker: threads in every ``pos-server`` worker process (beside the rollup
``Folder``), safe with any number of them on one database.

A round: make the deliveries of new events (``queue.dispatch``), claim the due ones for a lease
(``queue.claim``, a short transaction), send them outside any transaction on a small pool of
threads (``sender.post``, each target checked again by ``targets.check`` first), then record
every result (``queue.record``). A busy worker starts the next round at once; an idle one looks
again every ``interval_s`` with one cheap read. ``LANES`` rounds run at once (the first also
makes the deliveries, sweeps and prunes), so the network and the database are both kept busy.
Every hour it prunes what is past retention (``retention``).

The lease covers the longest a claimed batch can take (each send is at most ``timeout_s``), so
a delivery is only claimed again when its worker is gone or stuck far beyond that.
"""

from __future__ import annotations

import logging
import math
import random
import ssl
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from sqlalchemy.exc import SQLAlchemyError

from server_stub.core.db import Clock, Database, utcnow
from server_stub.webhooks import order, queue, retention, sender, signing, targets
from server_stub.webhooks.queue import Claimed
from server_stub.webhooks.sender import Attempt

log = logging.getLogger(__name__)

BATCH: Final = 128
CONCURRENCY: Final = 32
LANES: Final = 2
"""Batches one worker has in hand at once: while one batch is on the network, the next is
claimed and the last recorded. One lane at a time left the sending threads idle during every
claim and record and the database idle during every send: on a busy 2-core machine 290
deliveries a second, each round waiting on PostgreSQL for half its time."""
LEASE_MARGIN_S: Final = 30.0
SWEEP_S: Final = 60.0
PRUNE_S: Final = 3600.0
"""How often a worker prunes what is past retention (``retention.prune``); the first time a
minute after it starts, so a server restarted often still prunes."""


class Worker:
    """Delivers webhooks every ``interval_s`` seconds on its own thread until ``stop``; tests
    drive it a round at a time with ``run_once`` (or the steps ``dispatch``, ``claim``,
    ``send`` and ``record``) and a clock of their own."""

    def __init__(
        self,
        db: Database,
        *,
        interval_s: float = 0.5,
        clock: Clock = utcnow,
        allow_loopback: bool = False,
        batch: int = BATCH,
        concurrency: int = CONCURRENCY,
        lanes: int = LANES,
        timeout_s: float = sender.TIMEOUT_S,
        ssl_context: ssl.SSLContext | None = None,
        resolver: targets.Resolver = targets.resolve,
        rng: Callable[[], float] = random.random,
        retention_days: int | None = None,
    ) -> None:
        self.db = db
        self.interval_s = interval_s
        self.clock = clock
        self.allow_loopback = allow_loopback
        self.batch = batch
        self.timeout_s = timeout_s
        self.ssl_context = ssl_context
        self.resolver = resolver
        self.rng = rng
        # The lanes share the sending threads: a batch may wait behind the others' batches.
        self.lease_s = timeout_s * math.ceil(lanes * batch / concurrency) + LEASE_MARGIN_S
        self._pool = ThreadPoolExecutor(concurrency, thread_name_prefix="webhook-send")
        self._connections = sender.Connections()
        self.retention_days = (
            retention.days_from_env() if retention_days is None else retention_days
        )
        self._next_sweep = time.monotonic() + SWEEP_S
        self._next_prune = time.monotonic() + SWEEP_S
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(lane,), name=f"webhook-worker-{lane}")
            for lane in range(lanes)
        ]
        for thread in self._threads:
            thread.daemon = True

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            if thread.is_alive():
                thread.join(timeout=self.timeout_s + 30)
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- one round, step by step -------------------------------------------------------------

    def dispatch(self) -> int:
        made = 0
        while not self._stop.is_set():
            with self.db.write() as session:
                done = queue.dispatch(session, self.clock())
                session.commit()
            made += done
            if done < queue.DISPATCH_BATCH:
                return made
        return made

    def claim(self) -> list[Claimed]:
        with self.db.write() as session:
            claimed = queue.claim(session, self.clock(), self.batch, self.lease_s)
            session.commit()
        return claimed

    def send(self, claimed: list[Claimed]) -> list[tuple[Claimed, Attempt]]:
        """Send each claimed delivery (in parallel); never raises for what a receiver does."""
        attempts = list(self._pool.map(self.send_one, claimed))
        return list(zip(claimed, attempts, strict=True))

    def send_one(self, c: Claimed) -> Attempt:
        try:
            target = targets.check(
                c.url,
                allow_lan=c.allow_lan,
                allow_loopback=self.allow_loopback,
                resolver=self.resolver,
            )
        except targets.TargetRefused as exc:
            return Attempt(None, 0, error=f"refused target: {exc}"[:300])
        body = c.body.encode("utf-8")
        stamp = int(self.clock().timestamp())
        headers = signing.headers(c.secrets, c.event_id, stamp, body)
        return sender.post(
            target,
            body,
            headers,
            timeout_s=self.timeout_s,
            context=self.ssl_context,
            connections=self._connections,
        )

    def record(self, results: list[tuple[Claimed, Attempt]]) -> list[str]:
        if not results:
            return []
        with self.db.write() as session:
            disabled = queue.record(session, results, self.clock(), self.rng)
            session.commit()
        for endpoint_id in disabled:
            log.warning("webhook endpoint %s disabled: 3 days of failed deliveries", endpoint_id)
        return disabled

    def work(self) -> tuple[bool, bool]:
        with self.db.read() as session:
            return queue.work(session, self.clock())

    def sweep(self) -> int:
        """Every ``SWEEP_S`` at most: give any resource left without a due delivery its head
        back (``order.sweep``); the resources fixed."""
        now = time.monotonic()
        if now < self._next_sweep:
            return 0
        self._next_sweep = now + SWEEP_S
        with self.db.write() as session:
            fixed = order.sweep(session, self.clock())
            session.commit()
        if fixed:
            log.warning("webhook order: %d resources had no delivery due; fixed", fixed)
        return fixed

    def prune(self, *, now: bool = False) -> retention.Pruned:
        """Every ``PRUNE_S`` at most (``now``: at once): remove deliveries and events past
        retention (``retention.prune``); what was removed."""
        if not now and time.monotonic() < self._next_prune:
            return retention.Pruned()
        self._next_prune = time.monotonic() + PRUNE_S
        pruned = retention.prune(self.db, self.clock(), self.retention_days)
        if pruned.deliveries or pruned.events:
            log.info(
                "webhooks: pruned %d deliveries and %d events older than %d days",
                pruned.deliveries,
                pruned.events,
                self.retention_days,
            )
        return pruned

    def run_once(self) -> int:
        """One round; the number of deliveries attempted (0: nothing was due)."""
        self.sweep()
        self.prune()
        events, due = self.work()
        if events and self.dispatch():
            due = True
        if not due:
            return 0
        return self.deliver_once()

    def deliver_once(self) -> int:
        """Claim, send and record one batch; the deliveries attempted."""
        claimed = self.claim()
        if claimed:
            self.record(self.send(claimed))
        return len(claimed)

    def deliver_if_due(self) -> int:
        """A further lane's round: deliver a batch if one is due (making deliveries and the
        sweep are the first lane's)."""
        _events, due = self.work()
        return self.deliver_once() if due else 0

    def run_until_idle(self, rounds: int = 1000) -> int:
        """Rounds until nothing is due (for tests and the CLI); the deliveries attempted."""
        total = 0
        for _ in range(rounds):
            done = self.run_once()
            total += done
            if not done:
                break
        return total

    def _run(self, lane: int) -> None:
        step = self.run_once if lane == 0 else self.deliver_if_due
        while not self._stop.is_set():
            try:
                busy = step()
            except SQLAlchemyError:
                # The database is down or busy: claimed deliveries keep their lease and come
                # back when it runs out; nothing is lost.
                log.warning("webhook delivery round failed; trying again", exc_info=True)
                busy = 0
            if not busy:
                self._stop.wait(self.interval_s)
