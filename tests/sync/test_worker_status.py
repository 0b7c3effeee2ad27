"""What the sync thread reports, against a real ``pos-server``: the clock difference the cloud
flags, a full local disk as a local problem, and no long wait after 401s during an outage."""

from __future__ import annotations

import errno
import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, text

from pos_desktop.domain.errors import UserError
from pos_desktop.paths import AppPaths
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.runtime import start_sync
from pos_desktop.sync.status import (
    ClockCheck,
    ClockSkew,
    SyncState,
    SyncStatus,
    check_clock,
    local_problem,
)
from pos_desktop.sync.worker import AUTH_REFUSALS
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.test_worker import FakeClock, RecordingBackoff, wait_for
from tests.sync.till import FAST_SYNC, MemoryStore, opened, pair, sell

T0 = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


# --- the rules, Qt-free ---------------------------------------------------------------------


def test_only_sales_stored_now_say_anything_about_the_clock() -> None:
    cloud_at = T0
    flagged = check_clock(
        [("accepted", ("clock_skew",)), ("duplicate", ())], T0 + timedelta(minutes=7), cloud_at
    )
    assert flagged == ClockCheck(True, T0 + timedelta(minutes=7), cloud_at)
    assert flagged.skew == ClockSkew(420)
    behind = check_clock(
        [("accepted", ("clock_skew", "totals_mismatch"))], T0, T0 + timedelta(hours=3)
    )
    assert behind is not None and behind.skew == ClockSkew(-3 * 3600)
    # A duplicate carries the flags its first copy got, maybe days ago: no news about today.
    assert check_clock([("duplicate", ("clock_skew",)), ("rejected", ())], T0, T0) is None
    fine = check_clock([("accepted", ())], T0, T0)
    assert fine is not None and fine.skew is None
    no_date = check_clock([("accepted", ("clock_skew",))], T0, None)
    assert no_date is not None and no_date.skew == ClockSkew(None)


def test_a_failing_disk_is_a_local_problem_and_a_cloud_refusal_is_not() -> None:
    assert local_problem(UserError("storage.full")) == "storage.full"
    assert local_problem(UserError("storage.io")) == "storage.io"
    assert local_problem(OSError(errno.ENOSPC, "No space left on device")) == "storage.full"
    assert local_problem(OSError(errno.EIO, "Input/output error")) == "storage.io"
    assert local_problem(OSError(errno.EROFS, "Read-only file system")) == "storage.io"
    assert local_problem(ConnectionResetError(errno.ECONNRESET, "reset")) is None
    assert local_problem(OSError(errno.ECONNREFUSED, "refused")) is None
    assert local_problem(UserError("sync.server_error")) is None
    assert local_problem(ValueError("bad answer")) is None


# --- the worker against a real cloud ------------------------------------------------------------


def _start(till, home: AppPaths, secrets: MemoryStore, config: SyncConfig, **kwargs):
    statuses: list[SyncStatus] = []
    setup = start_sync(
        till.store.session_factory,
        home,
        config,
        store=secrets,
        on_status=statuses.append,
        **kwargs,
    )
    assert setup.service is not None
    return setup.service, statuses


def test_the_clock_difference_the_cloud_flags_reaches_the_status(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    offset = timedelta(minutes=7, seconds=10)

    def fast_clock() -> datetime:
        return datetime.now().astimezone() + offset

    with opened(till_home) as till:
        service, statuses = _start(till, till_home, secrets, FAST_SYNC, local_clock=fast_clock)
        worker = service.worker
        try:
            wait_for(lambda: worker.cycles >= 1, what="the first round")
            assert worker.status.clock_skew is None, "no sale sent yet: nothing flagged"
            sell(till, 2, random.Random(3))
            worker.notify_sale()
            wait_for(lambda: worker.status.clock_skew is not None, what="the flagged clock")
            skew = worker.status.clock_skew
            assert skew is not None and skew.seconds is not None
            # The Date header has whole seconds and the answer takes a moment: 7 min 10 s, give
            # or take two seconds.
            assert abs(skew.seconds - offset.total_seconds()) <= 2
            assert worker.status.state is SyncState.ONLINE and worker.status.pending == 0
        finally:
            service.stop(10)
    assert any(s.clock_skew is not None for s in statuses)


def test_a_clock_put_right_clears_the_warning_at_the_next_sale(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    offset = [timedelta(hours=-2)]

    def till_clock() -> datetime:
        return datetime.now().astimezone() + offset[0]

    with opened(till_home) as till:
        service, _ = _start(till, till_home, secrets, FAST_SYNC, local_clock=till_clock)
        worker = service.worker
        try:
            sell(till, 1, random.Random(4))
            worker.notify_sale()
            wait_for(lambda: worker.status.clock_skew is not None, what="flagged")
            skew = worker.status.clock_skew
            assert skew is not None and skew.seconds is not None and skew.seconds < -7000
            offset[0] = timedelta(0)
            sell(till, 1, random.Random(5))
            worker.notify_sale()
            wait_for(lambda: worker.status.clock_skew is None, what="the warning cleared")
        finally:
            service.stop(10)


def _fill_the_disk(till) -> None:
    """Let the till's database grow no further: SQLite then fails every write that needs a new
    page with SQLITE_FULL ("database or disk is full"), as on a full disk."""
    engine = till.store.engine

    @event.listens_for(engine, "connect")
    def _no_room(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    engine.dispose()
    with engine.connect() as conn:
        assert (
            conn.execute(text("PRAGMA max_page_count")).scalar_one()
            == conn.execute(text("PRAGMA page_count")).scalar_one()
        )


def test_a_full_local_disk_reads_as_a_local_problem_not_a_cloud_error(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with opened(till_home) as till:
        _fill_the_disk(till)
        clock = FakeClock()
        service, statuses = _start(till, till_home, secrets, FAST_SYNC, clock=clock)
        worker = service.worker
        try:
            wait_for(lambda: worker.status.state is SyncState.LOCAL_ERROR, what="local error")
            assert worker.status.local_problem == "storage.full"
            assert SyncState.SERVER_ERROR not in {s.state for s in statuses}
        finally:
            service.stop(10)


@pytest.mark.slow
def test_401s_during_an_outage_do_not_keep_the_till_waiting_once_the_cloud_is_back(
    cloud: CloudServer,
    proxy: FaultProxy,
    tenant: Tenant,
    till_home: AppPaths,
    secrets: MemoryStore,
) -> None:
    """A proxy (or a restarting server) answers 401 for a while. The till backs off as for any
    outage and, once it has been refused several times in a row, says the cloud refused it; but
    as soon as the cloud takes its credential again it syncs, within one probe interval, not
    after a five-minute wait. Time here is the worker's own (``FakeClock``)."""
    pair(till_home, proxy.url, tenant.enrollment_code(), secrets)
    config = SyncConfig(retry_min_s=1.0, retry_max_s=300.0, probe_interval_s=15.0)
    clock = FakeClock()
    backoff = RecordingBackoff(config.retry_min_s, config.retry_max_s, rng=random.Random(9))
    with opened(till_home) as till:
        service, statuses = _start(till, till_home, secrets, config, clock=clock, backoff=backoff)
        worker = service.worker
        try:
            wait_for(lambda: worker.cycles >= 1, what="the first round")
            seen = len(statuses)
            proxy.set_default(Fault.UNAUTHORIZED)
            wait_for(lambda: worker.status.state is SyncState.AUTH_FAILED, what="refused")
            assert worker.auth_refusals >= AUTH_REFUSALS
            wait_for(lambda: clock.now > 1000, what="a long outage")
            # "Sync now" while refused: the back-off starts again and the till tries at once.
            tries, resets = worker.auth_refusals, backoff.resets
            worker.wake()
            wait_for(lambda: backoff.resets > resets, what="back-off reset by sync now")
            wait_for(lambda: worker.auth_refusals > tries, what="a try on sync now")
            cycles = worker.cycles
            back_at = clock.monotonic()
            proxy.set_default(Fault.PASS)
            wait_for(lambda: worker.cycles > cycles, what="sync after the outage")
            waited = clock.monotonic() - back_at
            assert waited <= config.probe_interval_s + 2, f"waited {waited:.0f} s after the outage"
            assert worker.status.state is SyncState.ONLINE
            assert worker.auth_refusals == 0
        finally:
            proxy.set_default(Fault.PASS)
            service.stop(10)
    during = [s for s in statuses[seen:] if s.state is not SyncState.SYNCING]
    first = next(s for s in during if s.state is not SyncState.ONLINE)
    assert first.state is SyncState.SERVER_ERROR, "one 401 is not yet a refusal"
    assert first.retry_in_s is None or first.retry_in_s < 60
    refused = next(s for s in during if s.state is SyncState.AUTH_FAILED)
    assert refused.retry_in_s is None or refused.retry_in_s <= config.retry_max_s
