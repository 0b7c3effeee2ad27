"""``pos-server deliver``: webhook delivery in a process of its own.

By default every ``pos-server serve`` worker also delivers, on threads beside its request
threads. Under a heavy ingest those threads and the API share one interpreter lock and the same
cores, and delivery falls behind (docs/benchmarks.md). A cloud that sends many webhooks runs
this command as its own service instead, with ``POS_SERVER_WEBHOOK_SECONDS=0`` for the API
processes: delivery then has its own interpreter and its own share of the machine, and API
workers spend none of theirs on it. Any number of these processes (and delivering API workers)
share the queue safely: claims are row locks with leases (``webhooks.queue``).
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from server_stub.core.config import Settings
from server_stub.core.db import Database
from server_stub.webhooks.worker import Worker

log = logging.getLogger(__name__)


def run(settings: Settings, *, stop: threading.Event | None = None) -> int:
    """Deliver until SIGTERM or SIGINT (or ``stop``, for tests); the exit status."""
    interval = settings.webhook_interval_s if settings.webhook_interval_s > 0 else 0.5
    db = Database(settings.database_url, pool_size=4)
    worker = Worker(db, interval_s=interval, allow_loopback=settings.webhook_allow_loopback)
    done = stop or threading.Event()

    def finish(signum: int, _frame: FrameType | None) -> None:
        log.info("webhook delivery stopping (signal %d)", signum)
        done.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, finish)
        signal.signal(signal.SIGINT, finish)
    worker.start()
    log.info("webhook delivery running (every %.2f s when idle)", interval)
    try:
        done.wait()
    finally:
        worker.stop()
        db.dispose()
    log.info("webhook delivery stopped")
    return 0
