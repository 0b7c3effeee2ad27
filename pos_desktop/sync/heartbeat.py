"""The till's heartbeat: a few numbers the owner's back office shows for each till.

While the cloud answers, the sync thread posts one small message at most every
``HEARTBEAT_INTERVAL_S`` (``POST /v1/devices/me/heartbeat``): the app version, the unsent sales
and when the oldest was made, the sales that need attention, the clock difference the till
measured, the printer's state and when the till last synced. The owner then sees a till that went
quiet, or one whose sales are stuck, before a shift's figures go missing.

A heartbeat is advice, never work: it goes after a completed sync round, with a short timeout of
its own, and whatever happens to it (an older cloud without the route, a timeout, a refusal) is
logged and forgotten, so it can never hold up or fail the sales it reports on.

The printer's state comes from the composition root as a callable that reads the device hub's
last known status (kept under the hub's lock); this thread never talks to a device itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pos_desktop import __version__
from pos_desktop.sync.status import ClockCheck, SyncStatus

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL_S = 60.0
"""At most one heartbeat a minute: the back office marks a till silent after 15 minutes."""
HEARTBEAT_TIMEOUT_S = 5.0
"""A heartbeat waits less than a sync request: a slow cloud must not delay the next push."""

NO_PRINTER = "none"
"""The printer state of a till without a configured printer."""
PRINTER_READY = "ready"


class DeviceStatusLike(Protocol):
    """What ``devices.lifecycle.DeviceStatus`` offers; read here without importing devices."""

    @property
    def kind(self) -> str: ...

    @property
    def state(self) -> str: ...

    @property
    def problem(self) -> str | None: ...


class StatusSource(Protocol):
    """The device hub as the heartbeat reads it: its last known statuses, under its lock."""

    def statuses(self) -> Iterable[DeviceStatusLike]: ...


def printer_state(statuses: Iterable[DeviceStatusLike]) -> str:
    """One word for the printer: ``none``, ``ready``, the problem without its ``printer.``
    prefix (``paper_out``, ``paper_near_end``, ``cover_open``, ``offline``, ``unavailable``)
    or the device state while it starts (``closed``, ``open``)."""
    for status in statuses:
        if str(status.kind) != "printer":
            continue
        if status.problem:
            return status.problem.split(".", 1)[-1][:32]
        if str(status.state) == "enabled":
            return PRINTER_READY
        return str(status.state)[:32]
    return NO_PRINTER


def printer_reader(hub: StatusSource | None) -> Callable[[], str]:
    """The callable the sync thread asks for the printer's state (``none`` without devices)."""
    if hub is None:
        return lambda: NO_PRINTER
    return lambda: printer_state(hub.statuses())


def measured_skew(check: ClockCheck | None) -> int | None:
    """Seconds the till's clock is ahead of the cloud's (negative: behind), from the latest
    push the cloud answered with its ``Date``; ``None`` before any such answer."""
    if check is None or check.cloud_at is None:
        return None
    return round((check.till_at - check.cloud_at).total_seconds())


@dataclass(frozen=True, slots=True)
class Heartbeat:
    sent_at: datetime
    """The till's own clock (with its offset), so the cloud can measure the difference too."""
    app_version: str
    unsent_sales: int
    oldest_unsent_at: datetime | None
    needs_attention: int
    clock_skew_s: int | None
    printer: str
    last_sync_at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "sent_at": self.sent_at.isoformat(),
            "app_version": self.app_version,
            "unsent_sales": self.unsent_sales,
            "oldest_unsent_at": _iso(self.oldest_unsent_at),
            "needs_attention": self.needs_attention,
            "clock_skew_s": self.clock_skew_s,
            "printer": self.printer,
            "last_sync_at": _iso(self.last_sync_at),
        }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def build_heartbeat(
    status: SyncStatus,
    *,
    sent_at: datetime,
    clock_check: ClockCheck | None,
    printer: str,
    version: str = __version__,
) -> Heartbeat:
    """The heartbeat of the sync thread's state as it is now."""
    return Heartbeat(
        sent_at=sent_at,
        app_version=version,
        unsent_sales=status.pending,
        oldest_unsent_at=status.oldest_pending_at,
        needs_attention=status.needs_attention,
        clock_skew_s=measured_skew(clock_check),
        printer=printer,
        last_sync_at=status.last_sync_at,
    )


class HeartbeatPoster(Protocol):
    """The part of ``CloudClient`` a heartbeat needs."""

    clock_check: ClockCheck | None

    def send_heartbeat(self, body: dict[str, Any], timeout: float) -> None: ...


class HeartbeatSender:
    """Sends a heartbeat when one is due; never raises, never retries before the next is due."""

    def __init__(
        self,
        client: HeartbeatPoster,
        *,
        monotonic: Callable[[], float],
        local_clock: Callable[[], datetime],
        printer: Callable[[], str] | None = None,
        interval_s: float = HEARTBEAT_INTERVAL_S,
    ) -> None:
        self.client = client
        self.monotonic = monotonic
        self.local_clock = local_clock
        self.printer = printer or (lambda: NO_PRINTER)
        self.interval_s = interval_s
        self._next_at: float | None = None
        self.sent = 0
        self.failed = 0

    def due(self) -> bool:
        return self._next_at is None or self.monotonic() >= self._next_at

    def maybe_send(self, status: SyncStatus) -> bool:
        """Send now if due; True when the cloud took it."""
        if not self.due():
            return False
        self._next_at = self.monotonic() + self.interval_s
        try:
            beat = build_heartbeat(
                status,
                sent_at=self.local_clock(),
                clock_check=self.client.clock_check,
                printer=self._printer(),
            )
            self.client.send_heartbeat(beat.to_json(), HEARTBEAT_TIMEOUT_S)
        except Exception as exc:  # advice only: nothing about it may reach the sales
            self.failed += 1
            log.info("heartbeat not sent: %s", exc)
            return False
        self.sent += 1
        return True

    def _printer(self) -> str:
        try:
            return self.printer()
        except Exception:
            log.exception("cannot read the printer state for the heartbeat")
            return "unknown"
