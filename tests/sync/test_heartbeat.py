"""The till's heartbeat: what it carries from the sync thread's state, how often it goes, and
that nothing about it (a refusal, a crash, an unreachable cloud) ever holds up the sales."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select

from pos_desktop import __version__
from pos_desktop.devices.lifecycle import DeviceKind, DeviceState, DeviceStatus
from pos_desktop.paths import AppPaths
from pos_desktop.sync.client import Unreachable
from pos_desktop.sync.heartbeat import (
    HEARTBEAT_TIMEOUT_S,
    HeartbeatSender,
    build_heartbeat,
    printer_reader,
    printer_state,
)
from pos_desktop.sync.runtime import start_sync
from pos_desktop.sync.status import ClockCheck, SyncState, SyncStatus
from server_stub.models import TillHealth
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.test_worker import wait_for
from tests.sync.till import FAST_SYNC, MemoryStore, opened, pair, sell

WIB = timezone(timedelta(hours=7))
T0 = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def test_a_heartbeat_carries_the_sync_threads_state() -> None:
    status = SyncStatus(
        SyncState.ONLINE,
        pending=4,
        oldest_pending_at=T0 - timedelta(minutes=20),
        needs_attention=2,
        last_sync_at=T0 - timedelta(seconds=3),
    )
    check = ClockCheck(False, till_at=T0 + timedelta(seconds=95), cloud_at=T0)
    beat = build_heartbeat(
        status, sent_at=T0.astimezone(WIB), clock_check=check, printer="paper_out"
    )
    assert beat.to_json() == {
        "sent_at": "2026-12-07T17:00:00+07:00",
        "app_version": __version__,
        "unsent_sales": 4,
        "oldest_unsent_at": "2026-12-07T09:40:00+00:00",
        "needs_attention": 2,
        "clock_skew_s": 95,
        "printer": "paper_out",
        "last_sync_at": "2026-12-07T09:59:57+00:00",
    }
    # Nothing measured yet (no push answered with a date): no difference claimed.
    quiet = build_heartbeat(SyncStatus(SyncState.ONLINE), sent_at=T0, clock_check=None, printer="")
    assert quiet.clock_skew_s is None and quiet.oldest_unsent_at is None
    undated = ClockCheck(True, till_at=T0, cloud_at=None)
    assert build_heartbeat(status, sent_at=T0, clock_check=undated, printer="").clock_skew_s is None


def _printer(state: DeviceState, problem: str | None = None) -> DeviceStatus:
    return DeviceStatus("printer", DeviceKind.PRINTER, state, problem)


def test_the_printer_state_is_one_word_from_the_hubs_last_status() -> None:
    scanner = DeviceStatus("scanner", DeviceKind.SCANNER, DeviceState.ERROR, "scanner.unavailable")
    assert printer_state([]) == "none"
    assert printer_state([scanner]) == "none"
    assert printer_state([scanner, _printer(DeviceState.ENABLED)]) == "ready"
    assert printer_state([_printer(DeviceState.ENABLED, "printer.paper_out")]) == "paper_out"
    assert printer_state([_printer(DeviceState.ENABLED, "printer.paper_near_end")]) == (
        "paper_near_end"
    )
    assert printer_state([_printer(DeviceState.ERROR, "printer.unavailable")]) == "unavailable"
    assert printer_state([_printer(DeviceState.CLOSED)]) == "closed"

    class Hub:
        def __init__(self) -> None:
            self.calls = 0

        def statuses(self) -> list[DeviceStatus]:
            self.calls += 1
            return [_printer(DeviceState.ENABLED, "printer.cover_open")]

    hub = Hub()
    assert printer_reader(None)() == "none"
    read = printer_reader(hub)
    assert hub.calls == 0, "read when a heartbeat goes, not when the reader is made"
    assert read() == "cover_open" and hub.calls == 1


class FakeClient:
    def __init__(self, fail: BaseException | None = None) -> None:
        self.clock_check: ClockCheck | None = None
        self.fail = fail
        self.bodies: list[dict[str, Any]] = []
        self.timeouts: list[float] = []

    def send_heartbeat(self, body: dict[str, Any], timeout: float) -> None:
        self.bodies.append(body)
        self.timeouts.append(timeout)
        if self.fail is not None:
            raise self.fail


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_at_most_one_heartbeat_a_minute_and_failures_stay_inside() -> None:
    ticks = Ticks()
    client = FakeClient()
    sender = HeartbeatSender(client, monotonic=ticks, local_clock=lambda: T0, interval_s=60)
    status = SyncStatus(SyncState.ONLINE, pending=1)
    assert sender.maybe_send(status) is True
    ticks.now = 59.0
    assert sender.maybe_send(status) is False
    ticks.now = 60.0
    assert sender.maybe_send(status) is True
    assert len(client.bodies) == 2 and client.timeouts == [HEARTBEAT_TIMEOUT_S] * 2
    assert client.bodies[0]["printer"] == "none"

    for failure in (Unreachable("down"), RuntimeError("bug"), ValueError("odd")):
        broken = HeartbeatSender(
            FakeClient(failure), monotonic=ticks, local_clock=lambda: T0, interval_s=60
        )
        assert broken.maybe_send(status) is False
        assert broken.failed == 1
        # A failure is not retried at once: the next one waits its minute like any other.
        assert broken.maybe_send(status) is False and broken.failed == 1

    def broken_printer() -> str:
        raise RuntimeError("hub gone")

    odd = HeartbeatSender(
        FakeClient(), monotonic=ticks, local_clock=lambda: T0, printer=broken_printer
    )
    assert odd.maybe_send(status) is True
    assert odd.client.bodies[0]["printer"] == "unknown"  # type: ignore[attr-defined]


# --- against a real cloud ------------------------------------------------------------------------


def _health(tenant: Tenant) -> list[TillHealth]:
    with tenant.db.read() as session:
        rows = session.execute(select(TillHealth).where(TillHealth.org_id == tenant.org_id))
        return list(rows.scalars())


def test_the_cloud_keeps_the_tills_latest_heartbeat(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with opened(till_home) as till:
        setup = start_sync(
            till.store.session_factory,
            till_home,
            FAST_SYNC,
            store=secrets,
            printer_state=lambda: "paper_near_end",
        )
        assert setup.service is not None
        worker = setup.service.worker
        try:
            assert worker.heartbeat is not None
            wait_for(lambda: worker.heartbeat is not None and worker.heartbeat.sent >= 1)
        finally:
            setup.service.stop(10)
    (row,) = _health(tenant)
    assert row.app_version == __version__
    assert row.printer == "paper_near_end"
    assert row.unsent_sales == 0 and row.needs_attention == 0
    assert row.last_sync_at is not None
    assert abs(row.received_at - datetime.now(UTC)) < timedelta(minutes=1)


@pytest.mark.parametrize("failure", [Unreachable("cut"), RuntimeError("a bug in the heartbeat")])
def test_a_failing_heartbeat_never_stops_the_sales(
    failure: BaseException,
    cloud: CloudServer,
    tenant: Tenant,
    till_home: AppPaths,
    secrets: MemoryStore,
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with opened(till_home) as till:
        sell(till, 5, random.Random(3))
        setup = start_sync(
            till.store.session_factory, till_home, FAST_SYNC, store=secrets, start=False
        )
        assert setup.service is not None
        worker = setup.service.worker
        assert worker.heartbeat is not None
        worker.heartbeat.interval_s = 0.0  # try every round, fail every round
        attempts: list[dict[str, Any]] = []

        def failing(body: dict[str, Any], timeout: float) -> None:
            attempts.append(body)
            raise failure

        setup.service.client.send_heartbeat = failing  # type: ignore[method-assign]
        worker.start()
        try:
            wait_for(lambda: worker.status.pending == 0, what="the sales pushed")
            sell(till, 3, random.Random(4))
            worker.notify_sale()
            wait_for(lambda: tenant.sale_count() == 8, what="later sales pushed too")
            wait_for(lambda: worker.cycles >= 3, what="rounds going on")
            assert worker.status.state in (SyncState.ONLINE, SyncState.SYNCING)
            assert worker.status.last_error is None
        finally:
            setup.service.stop(10)
    assert len(attempts) >= 2
    assert {a["app_version"] for a in attempts} == {__version__}
    assert _health(tenant) == []
