"""How each till is: its heartbeats stored, and read back with a red, amber or green verdict.

A till posts a heartbeat at most once a minute while it reaches the cloud
(``pos_desktop.sync.heartbeat``). The owner's page of tills (``web/pages/tills.py``) reads
``till_health``: every paired till with its store, app version, last contact, last sync, unsent
sales and the age of the oldest, sales needing attention, clock difference and printer state.

The verdict, in the owner's terms:

* **red** when the till has been silent for more than ``SILENT_RED`` of its store's opening
  hours (a till switched off at night is not a problem; one gone quiet at noon is), or when a
  sale has waited more than ``UNSENT_RED`` to reach the cloud;
* **amber** for what needs a look but stops nothing: a shorter silence in opening hours, sales
  waiting, sales the cloud refused, a wrong clock, a printer problem;
* **green** otherwise.

Times a till reports on its own clock (its oldest unsent sale, its last sync) are moved onto the
cloud's clock when they arrive, by how far the heartbeat's ``sent_at`` was from the moment it
arrived, so a till with a wrong clock still shows true ages.

"Last contact" is the later of the last heartbeat and the last sales push (``devices.
last_sync_at``, which sales ingest writes anyway), so a till on an older app without heartbeats
still shows when it was last heard from, at no extra write per request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server_stub.core.problems import Problem
from server_stub.models import Device, Store, TillHealth
from server_stub.schemas import parse_sold_at
from server_stub.schemas.health import HeartbeatIn

log = logging.getLogger(__name__)

SILENT_RED = timedelta(minutes=15)
SILENT_AMBER = timedelta(minutes=5)
UNSENT_RED = timedelta(hours=1)
UNSENT_AMBER = timedelta(minutes=10)
CLOCK_AMBER_S = 5 * 60
"""The cloud flags a sale's clock from 5 minutes off (``Settings.clock_skew_s``)."""
PRINTER_FINE = frozenset({"ready", "none"})
DEFAULT_TIMEZONE = "Asia/Jakarta"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOOK_BACK_DAYS = 8
"""Opening hours are added up over at most this many days of silence: more is red anyway."""

Colour = Literal["red", "amber", "green"]


# -- storing a heartbeat ----------------------------------------------------------------------


def _time(value: str | None, field: str) -> datetime | None:
    if value is None:
        return None
    parsed = parse_sold_at(value)
    if parsed is None:
        raise Problem(
            422, "heartbeat.bad_time", f"{field} must be ISO 8601 with an offset.", field=field
        )
    return parsed


def record_heartbeat(
    session: Session, org_id: str, device_id: str, body: HeartbeatIn, received_at: datetime
) -> TillHealth:
    """Keep ``body`` as the till's latest state (one row per till, overwritten)."""
    sent_at = _time(body.sent_at, "sent_at")
    assert sent_at is not None
    lag = sent_at - received_at  # how far the till's clock is ahead, give or take the network

    def on_cloud_clock(value: str | None, field: str) -> datetime | None:
        moment = _time(value, field)
        return None if moment is None else min(moment - lag, received_at)

    values: dict[str, Any] = {
        "received_at": received_at,
        "sent_at": sent_at,
        "app_version": body.app_version,
        "unsent_sales": body.unsent_sales,
        "oldest_unsent_at": on_cloud_clock(body.oldest_unsent_at, "oldest_unsent_at"),
        "needs_attention": body.needs_attention,
        "clock_skew_s": body.clock_skew_s,
        "printer": body.printer or "none",
        "last_sync_at": on_cloud_clock(body.last_sync_at, "last_sync_at"),
    }
    row = session.get(TillHealth, (org_id, device_id))
    if row is None:
        row = TillHealth(org_id=org_id, device_id=device_id, **values)
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
            return row
        except IntegrityError:  # the same till's other heartbeat, a moment earlier
            row = session.get(TillHealth, (org_id, device_id), populate_existing=True)
            assert row is not None
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()
    return row


# -- opening hours ------------------------------------------------------------------------------


def store_zone(name: object) -> ZoneInfo:
    """The store's time zone; WIB when it is unset or unknown."""
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ValueError, KeyError, OSError):
            log.warning("unknown store time zone %r; using %s", name, DEFAULT_TIMEZONE)
    return ZoneInfo(DEFAULT_TIMEZONE)


def _clock(value: object) -> time | Literal["24:00"] | None:
    if value == "24:00":
        return "24:00"
    if not isinstance(value, str):
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Per weekday (0 = Monday) the local open and close time; ``always`` when none is set.

    A close at or before the opening (``22:00``-``02:00``) ends the next day; ``24:00`` is
    midnight at the end of the day.
    """

    days: Mapping[int, tuple[time, time | Literal["24:00"]]]
    always: bool

    @classmethod
    def read(cls, raw: object) -> OpeningHours:
        """The store's ``opening_hours`` JSON (``{"mon": {"open": "08:00", "close":
        "21:00"}}``); days left out are closed, and nothing set at all means always open."""
        if not isinstance(raw, Mapping) or not raw:
            return cls({}, always=True)
        days: dict[int, tuple[time, time | Literal["24:00"]]] = {}
        for number, name in enumerate(WEEKDAYS):
            entry = raw.get(name)
            if not isinstance(entry, Mapping):
                continue
            opens, closes = _clock(entry.get("open")), _clock(entry.get("close"))
            if isinstance(opens, time) and closes is not None:
                days[number] = (opens, closes)
        return cls(days, always=not days)

    def intervals(self, day: date, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
        """The opening of local ``day`` in UTC, or ``None`` when closed."""
        hours = self.days.get(day.weekday())
        if hours is None:
            return None
        opens, closes = hours
        start = datetime.combine(day, opens, tzinfo=zone)
        if closes == "24:00":
            end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        else:
            end = datetime.combine(day, closes, tzinfo=zone)
            if end <= start:
                end = datetime.combine(day + timedelta(days=1), closes, tzinfo=zone)
        return start.astimezone(UTC), end.astimezone(UTC)

    def open_time(self, start: datetime, end: datetime, zone: ZoneInfo) -> timedelta:
        """How much of ``start``..``end`` fell in opening hours."""
        if end <= start:
            return timedelta(0)
        if self.always:
            return end - start
        start = max(start, end - timedelta(days=LOOK_BACK_DAYS))
        total = timedelta(0)
        day = start.astimezone(zone).date() - timedelta(days=1)  # yesterday's late close
        last = end.astimezone(zone).date()
        while day <= last:
            window = self.intervals(day, zone)
            if window is not None:
                overlap = min(end, window[1]) - max(start, window[0])
                total += max(overlap, timedelta(0))
            day += timedelta(days=1)
        return total

    def is_open(self, moment: datetime, zone: ZoneInfo) -> bool:
        return self.open_time(moment - timedelta(seconds=1), moment, zone) > timedelta(0)


# -- the verdict --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a till is not green, for the page to word: ``code`` and one number or word."""

    code: str
    """``silent``, ``unsent_old`` (red); ``quiet``, ``unsent``, ``needs_attention``,
    ``clock``, ``printer`` (amber); ``never_heard``; ``closed`` (green, silent after hours)."""
    value: int | str | None = None


@dataclass(frozen=True, slots=True)
class TillHealthView:
    device_id: str
    name: str
    till_code: str
    store_id: str
    store_code: str
    store_name: str
    timezone: str
    app_version: str | None
    last_contact_at: datetime | None
    last_sync_at: datetime | None
    unsent_sales: int | None
    oldest_unsent_at: datetime | None
    needs_attention: int | None
    clock_skew_s: int | None
    printer: str | None
    colour: Colour
    reasons: tuple[Reason, ...]

    def oldest_unsent_age(self, now: datetime) -> timedelta | None:
        if self.oldest_unsent_at is None or not self.unsent_sales:
            return None
        return max(timedelta(0), now - self.oldest_unsent_at)


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def _clock_difference(health: TillHealth) -> int | None:
    if health.clock_skew_s is not None:
        return health.clock_skew_s
    seconds = round((health.sent_at - health.received_at).total_seconds())
    return max(-(2**31), min(2**31 - 1, seconds))


def verdict(
    health: TillHealth | None,
    last_contact: datetime | None,
    since: datetime,
    hours: OpeningHours,
    zone: ZoneInfo,
    now: datetime,
) -> tuple[Colour, tuple[Reason, ...]]:
    """Red, amber or green and the reasons, worst first; ``since`` is when the till was paired
    (a till never heard from is measured from then)."""
    red: list[Reason] = []
    amber: list[Reason] = []
    quiet_from = last_contact or since
    silent_open = hours.open_time(quiet_from, now, zone)
    if silent_open > SILENT_RED:
        red.append(Reason("silent", _minutes(now - quiet_from)))
    elif silent_open > SILENT_AMBER:
        amber.append(Reason("quiet", _minutes(now - quiet_from)))
    if health is not None:
        if health.unsent_sales and health.oldest_unsent_at is not None:
            age = now - health.oldest_unsent_at
            if age > UNSENT_RED:
                red.append(Reason("unsent_old", _minutes(age)))
            elif age > UNSENT_AMBER:
                amber.append(Reason("unsent", health.unsent_sales))
        if health.needs_attention:
            amber.append(Reason("needs_attention", health.needs_attention))
        skew = _clock_difference(health)
        if skew is not None and abs(skew) > CLOCK_AMBER_S:
            amber.append(Reason("clock", skew))
        if health.printer not in PRINTER_FINE:
            amber.append(Reason("printer", health.printer))
    if red:
        return "red", (*red, *amber)
    if amber:
        return "amber", tuple(amber)
    if last_contact is None:
        return "green", (Reason("never_heard"),)
    if now - quiet_from > SILENT_RED:
        return "green", (Reason("closed", _minutes(now - quiet_from)),)
    return "green", ()


def _later(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None


def till_health(
    session: Session,
    org_id: str,
    *,
    now: datetime,
    store_ids: Iterable[str] | None = None,
) -> list[TillHealthView]:
    """Every paired (not revoked) till of the organization, by store and till code.

    ``store_ids`` limits it to those stores (a manager's); ``None`` is every store.
    """
    stmt = (
        select(Device, Store, TillHealth)
        .join(Store, (Store.org_id == Device.org_id) & (Store.store_id == Device.store_id))
        .outerjoin(
            TillHealth,
            (TillHealth.org_id == Device.org_id) & (TillHealth.device_id == Device.device_id),
        )
        .where(Device.org_id == org_id, Device.revoked_at.is_(None))
        .order_by(Store.code, Device.till_code, Device.created_at)
    )
    if store_ids is not None:
        stmt = stmt.where(Store.store_id.in_(list(store_ids)))
    return [_view(d, s, h, now) for d, s, h in session.execute(stmt)]


def _view(device: Device, store: Store, health: TillHealth | None, now: datetime) -> TillHealthView:
    zone_name = getattr(store, "timezone", None) or DEFAULT_TIMEZONE
    zone = store_zone(zone_name)
    hours = OpeningHours.read(getattr(store, "opening_hours", None))
    last_contact = _later(health.received_at if health else None, device.last_sync_at)
    colour, reasons = verdict(health, last_contact, device.created_at, hours, zone, now)
    return TillHealthView(
        device_id=device.device_id,
        name=device.name,
        till_code=device.till_code,
        store_id=store.store_id,
        store_code=store.code,
        store_name=store.name,
        timezone=zone.key,
        app_version=health.app_version if health else None,
        last_contact_at=last_contact,
        last_sync_at=_later(health.last_sync_at if health else None, device.last_sync_at),
        unsent_sales=health.unsent_sales if health else None,
        oldest_unsent_at=health.oldest_unsent_at if health else None,
        needs_attention=health.needs_attention if health else None,
        clock_skew_s=_clock_difference(health) if health else None,
        printer=health.printer if health else None,
        colour=colour,
        reasons=reasons,
    )
