"""The sync thread: back-off with jitter, resuming when the cloud returns, status reports, and
the end-to-end run: 1,000 sales made offline, then all acknowledged once when the cloud is up."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pos_desktop.paths import AppPaths
from pos_desktop.sync.backoff import Backoff
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.runtime import start_sync
from pos_desktop.sync.status import SyncState, SyncStatus
from server_stub.demo import demo_catalog, to_product_in
from tests.server.conftest import BACKENDS
from tests.sync.cloud import CloudServer, Tenant, make_tenant, open_cloud_db
from tests.sync.conftest import make_cloud_database_url
from tests.sync.till import FAST_SYNC, MemoryStore, opened, outbox_rows, pair, sell, till_sales


def wait_for(condition: Callable[[], bool], timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.02)  # the sync thread reports asynchronously; poll its state


def test_backoff_grows_with_jitter_to_the_cap_and_resets() -> None:
    backoff = Backoff(1.0, 300.0, rng=random.Random(1))
    delays = [backoff.next_delay() for _ in range(30)]
    assert all(1.0 <= d <= 300.0 for d in delays)
    for n, d in enumerate(delays[:8]):
        assert d <= 2.0**n or d == 1.0
    assert max(delays[10:]) > 100, "the ceiling reaches minutes"
    assert len({round(d, 3) for d in delays[10:]}) > 10, "jittered, not a fixed ladder"
    backoff.reset()
    assert backoff.next_delay() == 1.0


class FakeClock:
    """Time that moves only when the worker waits: records each wait it asks for."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []
        self.lock = threading.Lock()

    def monotonic(self) -> float:
        with self.lock:
            return self.now

    def wait(self, event: threading.Event, timeout: float) -> bool:
        if event.wait(0.001):
            return True
        with self.lock:
            self.waits.append(timeout)
            self.now += timeout
        return False


class RecordingBackoff(Backoff):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.delays: list[float] = []
        self.resets = 0

    def reset(self) -> None:
        self.resets += 1
        super().reset()

    def next_delay(self) -> float:
        delay = super().next_delay()
        self.delays.append(delay)
        return delay


def test_offline_retries_back_off_and_a_wake_resets(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore, tmp_path: Path
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    # Point the paired till at a port where nothing listens.
    import sqlite3

    from tests.sync.cloud import free_port

    conn = sqlite3.connect(till_home.database)
    conn.execute("UPDATE sync_state SET server_url = ?", (f"http://127.0.0.1:{free_port()}",))
    conn.commit()
    conn.close()
    clock = FakeClock()
    backoff = RecordingBackoff(1.0, 300.0, rng=random.Random(2))
    statuses: list[SyncStatus] = []
    config = SyncConfig(probe_interval_s=1e6)
    with opened(till_home) as till:
        setup = start_sync(
            till.store.session_factory,
            till_home,
            config,
            store=secrets,
            clock=clock,
            backoff=backoff,
            on_status=statuses.append,
        )
        assert setup.service is not None
        worker = setup.service.worker
        try:
            wait_for(lambda: len(backoff.delays) >= 12, what="twelve retries")
            assert worker.status.state is SyncState.OFFLINE
            delays = backoff.delays[:12]
            assert delays[0] == 1.0 and max(delays) > 30
            # The worker waited what the back-off said (in steps of at most a second).
            assert sum(clock.waits) >= sum(delays[:11])
            resets = backoff.resets
            worker.wake()
            wait_for(lambda: backoff.resets > resets, what="back-off reset by wake()")
        finally:
            setup.service.stop(10)
    assert statuses[-1].state is SyncState.STOPPED
    assert SyncState.OFFLINE in {s.state for s in statuses}


@pytest.fixture(params=BACKENDS)
def own_cloud(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[CloudServer, Tenant]]:
    for url in make_cloud_database_url(request, tmp_path_factory):
        db = open_cloud_db(url)
        tenant = make_tenant(db, products=[to_product_in(i) for i in demo_catalog()])
        server = CloudServer(url, tmp_path_factory.mktemp("own-cloud"), workers=2)
        server.start()
        try:
            yield server, tenant
        finally:
            server.stop()
            db.dispose()


@pytest.mark.slow
def test_a_thousand_sales_made_offline_are_all_acknowledged_once(
    own_cloud: tuple[CloudServer, Tenant], till_home: AppPaths, secrets: MemoryStore
) -> None:
    server, tenant = own_cloud
    pair(till_home, server.url, tenant.enrollment_code(), secrets)
    statuses: list[SyncStatus] = []
    with opened(till_home) as till:
        setup = start_sync(
            till.store.session_factory,
            till_home,
            FAST_SYNC,
            store=secrets,
            on_status=statuses.append,
        )
        assert setup.service is not None
        worker = setup.service.worker
        try:
            wait_for(lambda: worker.cycles >= 1, what="the first pull")
            server.stop()
            sales = sell(till, 1000, random.Random(7))
            wait_for(lambda: worker.status.state is SyncState.OFFLINE, what="offline")
            wait_for(lambda: worker.status.pending == 1000, what="1000 queued")
            assert tenant.sale_count() == 0
            server.start()
            wait_for(lambda: worker.status.pending == 0, timeout=180, what="queue drained")
            wait_for(lambda: worker.status.state is SyncState.ONLINE, what="online")
        finally:
            setup.service.stop(10)
    ids = {s.sale_id for s in sales}
    server_ids = tenant.sale_ids()
    assert len(server_ids) == 1000 == len(set(server_ids))
    assert set(server_ids) == ids
    assert {status for status, _ in outbox_rows(till_home.database).values()} == {"done"}
    expected: dict[str, tuple[int, int]] = {}
    for day, total in till_sales(till_home.database).values():
        n, t = expected.get(day, (0, 0))
        expected[day] = (n + 1, t + total)
    assert tenant.daily_totals() == expected
    assert {SyncState.OFFLINE, SyncState.ONLINE} <= {s.state for s in statuses}
