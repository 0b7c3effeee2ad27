"""Till heartbeats in the cloud: ``POST /v1/devices/me/heartbeat`` keeps each till's latest
state, ``till_health`` reads every till back with its store, and the red, amber and green rules
hold against a fake clock (a silence counts only in the store's opening hours)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub import till_health
from server_stub.core.db import Database
from server_stub.models import Store, TillHealth
from server_stub.till_health import OpeningHours, Reason, verdict
from tests.server.factories import (
    FakeClock,
    Tenant,
    assert_problem,
    make_tenant,
    pair_till,
    push,
    simple_sale,
)

JAKARTA = ZoneInfo("Asia/Jakarta")
MAKASSAR = ZoneInfo("Asia/Makassar")


def beat(sent_at: datetime, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "sent_at": sent_at.isoformat(),
        "app_version": "0.1.0",
        "unsent_sales": 0,
        "oldest_unsent_at": None,
        "needs_attention": 0,
        "clock_skew_s": None,
        "printer": "ready",
        "last_sync_at": sent_at.isoformat(),
    }
    body.update(fields)
    return body


def rows(database: Database, org_id: str) -> list[TillHealth]:
    with database.read() as session:
        found = session.execute(select(TillHealth).where(TillHealth.org_id == org_id))
        return list(found.scalars())


def views(database: Database, tenant: Tenant, now: datetime, **kwargs: Any) -> list[Any]:
    with database.read() as session:
        return till_health.till_health(session, tenant.org_id, now=now, **kwargs)


# --- the API --------------------------------------------------------------------------------


def test_a_heartbeat_is_kept_on_the_clouds_clock(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    now = clock()
    ahead = now + timedelta(minutes=10)  # the till's clock runs ten minutes fast
    body = beat(
        ahead.astimezone(JAKARTA),
        unsent_sales=3,
        oldest_unsent_at=(ahead - timedelta(minutes=30)).isoformat(),
        needs_attention=1,
        clock_skew_s=598,
        printer="paper_out",
        last_sync_at=(ahead - timedelta(minutes=2)).isoformat(),
    )
    r = client.post("/v1/devices/me/heartbeat", json=body, headers=tenant.device())
    assert r.status_code == 200, r.text
    assert datetime.fromisoformat(r.json()["received_at"]) == now
    (row,) = rows(database, tenant.org_id)
    assert row.device_id == tenant.device_ids["T01"]
    assert row.received_at == now and row.sent_at == ahead
    assert row.oldest_unsent_at == now - timedelta(minutes=30)
    assert row.last_sync_at == now - timedelta(minutes=2)
    assert (row.unsent_sales, row.needs_attention, row.clock_skew_s) == (3, 1, 598)
    assert (row.app_version, row.printer) == ("0.1.0", "paper_out")

    clock.advance(60)
    r = client.post("/v1/devices/me/heartbeat", json=beat(clock()), headers=tenant.device())
    assert r.status_code == 200, r.text
    (row,) = rows(database, tenant.org_id)
    assert row.received_at == clock() and row.unsent_sales == 0 and row.oldest_unsent_at is None
    (view,) = views(database, tenant, clock())
    assert view.clock_skew_s == 0, "nothing measured by the till: the cloud's own measure"


def test_a_heartbeat_is_checked_and_needs_a_paired_till(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    url = "/v1/devices/me/heartbeat"
    naive = beat(clock()) | {"sent_at": "2026-12-07T10:00:00"}
    assert_problem(client.post(url, json=naive, headers=tenant.device()), 422, "heartbeat.bad_time")
    odd = beat(clock()) | {"oldest_unsent_at": "yesterday"}
    assert_problem(client.post(url, json=odd, headers=tenant.device()), 422, "heartbeat.bad_time")
    negative = beat(clock()) | {"unsent_sales": -1}
    assert_problem(client.post(url, json=negative, headers=tenant.device()), 422)
    assert_problem(client.post(url, json=beat(clock()) | {"unsent_sales": "3"}), 401)
    assert_problem(client.post(url, json=beat(clock()), headers=tenant.owner), 401)
    assert rows(database, tenant.org_id) == []
    # A newer till's extra fields are ignored, never refused.
    newer = beat(clock()) | {"battery": 80}
    assert client.post(url, json=newer, headers=tenant.device()).status_code == 200
    device_id = tenant.device_ids["T01"]
    r = client.post(f"/v1/tills/{device_id}/revoke", headers=tenant.owner)
    assert r.status_code == 200, r.text
    assert_problem(client.post(url, json=beat(clock()), headers=tenant.device()), 401)


def test_every_paired_till_with_its_store_and_only_the_organizations_own(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client,
        database,
        clock,
        stores=("S01", "S02"),
        tills=(("S01", "T01"), ("S01", "T02"), ("S02", "T01")),
    )
    other = make_tenant(client, database, clock, name="Toko Lain")
    url = "/v1/devices/me/heartbeat"
    assert client.post(url, json=beat(clock()), headers=other.device()).status_code == 200
    s02 = tenant.devices["T01"]  # the last pairing of T01 was S02's
    assert client.post(url, json=beat(clock(), app_version="0.2.0"), headers=s02).status_code == 200
    push(client, tenant.device("T02"), simple_sale(till_code="T02"))
    listed = views(database, tenant, clock())
    assert [(v.store_code, v.till_code) for v in listed] == [
        ("S01", "T01"),
        ("S01", "T02"),
        ("S02", "T01"),
    ]
    by_key = {(v.store_code, v.till_code): v for v in listed}
    heard = by_key["S02", "T01"]
    assert heard.app_version == "0.2.0" and heard.last_contact_at == clock()
    assert heard.store_name == "Toko Test S02" and heard.timezone == "Asia/Jakarta"
    assert heard.colour == "green" and heard.reasons == ()
    pushed = by_key["S01", "T02"]  # an older app: no heartbeat, but its sales were heard
    assert pushed.app_version is None and pushed.last_contact_at == clock()
    assert pushed.last_sync_at == clock()
    never = by_key["S01", "T01"]
    assert never.last_contact_at is None and never.reasons == (Reason("never_heard"),)

    with database.read() as session:
        s02_id = session.execute(
            select(Store.store_id).where(Store.org_id == tenant.org_id, Store.code == "S02")
        ).scalar_one()
    only = views(database, tenant, clock(), store_ids=[s02_id])
    assert [(v.store_code, v.till_code) for v in only] == [("S02", "T01")]
    assert {v.device_id for v in views(database, other, clock())} == set(other.device_ids.values())
    revoked = tenant.device_ids["T02"]
    assert client.post(f"/v1/tills/{revoked}/revoke", headers=tenant.owner).status_code == 200
    assert revoked not in {v.device_id for v in views(database, tenant, clock())}
    pair_till(client, tenant, "S01", "T03")
    assert len(views(database, tenant, clock())) == 3
    clock.advance(16 * 60)
    assert views(database, tenant, clock())[0].colour == "red", "paired, then silent"


# --- the rules, with a fake clock -----------------------------------------------------------

EVERY_DAY = {
    day: {"open": "08:00", "close": "21:00"}
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


def local(hour: int, minute: int = 0, zone: ZoneInfo = JAKARTA) -> datetime:
    """Monday 7 December 2026 at ``hour:minute`` in ``zone``, in UTC."""
    return datetime(2026, 12, 7, hour, minute, tzinfo=zone).astimezone(UTC)


def health(now: datetime, **fields: Any) -> TillHealth:
    values: dict[str, Any] = {
        "org_id": "o",
        "device_id": "o_d",
        "received_at": now,
        "sent_at": now,
        "app_version": "0.1.0",
        "unsent_sales": 0,
        "oldest_unsent_at": None,
        "needs_attention": 0,
        "clock_skew_s": None,
        "printer": "ready",
        "last_sync_at": now,
    }
    values.update(fields)
    return TillHealth(**values)


def judge(
    row: TillHealth | None,
    now: datetime,
    hours: dict[str, Any] | None = None,
    zone: ZoneInfo = JAKARTA,
    last: datetime | None = None,
) -> tuple[str, tuple[Reason, ...]]:
    contact = last if last is not None else (row.received_at if row else None)
    paired = local(0) - timedelta(days=30)
    return verdict(row, contact, paired, OpeningHours.read(hours or {}), zone, now)


def test_silent_sixteen_minutes_in_opening_hours_is_red_and_at_night_it_is_not() -> None:
    heard = local(12, 0)
    row = health(heard)
    assert judge(row, heard + timedelta(minutes=4), EVERY_DAY) == ("green", ())
    assert judge(row, heard + timedelta(minutes=6), EVERY_DAY) == ("amber", (Reason("quiet", 6),))
    assert judge(row, heard + timedelta(minutes=16), EVERY_DAY) == (
        "red",
        (Reason("silent", 16),),
    )
    night = health(local(21, 30))
    assert judge(night, local(23, 59), EVERY_DAY) == ("green", (Reason("closed", 149),))
    # Switched off at closing time, and still off at 08:10: ten open minutes, not yet red...
    closed = health(local(20, 58))
    tomorrow = local(8, 10) + timedelta(days=1)
    assert judge(closed, tomorrow, EVERY_DAY)[0] == "amber"
    # ...but at 08:20 the store has been open for twenty minutes without hearing from it.
    assert judge(closed, tomorrow + timedelta(minutes=10), EVERY_DAY)[0] == "red"
    # No opening hours set: always open, so sixteen silent minutes at night are red too.
    assert judge(night, local(21, 47))[0] == "red"


def test_opening_hours_follow_the_stores_zone_and_may_cross_midnight() -> None:
    heard = local(12, 0, MAKASSAR)  # noon WITA is 11:00 WIB
    hours = {"mon": {"open": "12:05", "close": "21:00"}}
    assert judge(health(heard), heard + timedelta(minutes=16), hours, MAKASSAR)[0] == "amber"
    assert judge(health(heard), heard + timedelta(minutes=16), hours, JAKARTA)[0] == "green"
    late = {"mon": {"open": "18:00", "close": "02:00"}}
    past_midnight = health(local(23, 50))
    assert judge(past_midnight, local(23, 50) + timedelta(minutes=20), late)[0] == "red"
    assert judge(health(local(2, 0)), local(3, 0), late)[0] == "green", "Sunday: closed"
    full = {"mon": {"open": "00:00", "close": "24:00"}}
    assert judge(health(local(23, 0)), local(23, 30), full)[0] == "red"
    broken = {"mon": {"open": "late", "close": 9}, "tue": "closed"}
    assert OpeningHours.read(broken).always, "nothing readable: always open"
    assert OpeningHours.read(None).always and OpeningHours.read([1, 2]).always


def test_sales_unsent_for_more_than_an_hour_are_red() -> None:
    now = local(14, 0)
    waiting = health(now, unsent_sales=7, oldest_unsent_at=now - timedelta(minutes=50))
    assert judge(waiting, now, EVERY_DAY) == ("amber", (Reason("unsent", 7),))
    stuck = health(now, unsent_sales=7, oldest_unsent_at=now - timedelta(minutes=61))
    assert judge(stuck, now, EVERY_DAY) == ("red", (Reason("unsent_old", 61),))
    # Red at night as well: those sales are missing from the owner's figures either way.
    assert judge(stuck, local(23, 0), EVERY_DAY, last=local(23, 0))[0] == "red"
    sent = health(now, unsent_sales=0, oldest_unsent_at=now - timedelta(hours=5))
    assert judge(sent, now, EVERY_DAY) == ("green", ())


def test_what_needs_a_look_is_amber_with_its_reasons() -> None:
    now = local(14, 0)
    row = health(now, needs_attention=2, clock_skew_s=-3600, printer="paper_out")
    assert judge(row, now, EVERY_DAY) == (
        "amber",
        (Reason("needs_attention", 2), Reason("clock", -3600), Reason("printer", "paper_out")),
    )
    assert judge(health(now, printer="none"), now) == ("green", ())
    assert judge(health(now, clock_skew_s=299), now) == ("green", ())
    # The cloud's own measure when the till measured nothing: sent_at against arrival.
    ahead = health(now, sent_at=now + timedelta(minutes=9))
    assert judge(ahead, now) == ("amber", (Reason("clock", 540),))
    both = health(now, unsent_sales=1, oldest_unsent_at=now - timedelta(hours=2), printer="x")
    colour, reasons = judge(both, now + timedelta(minutes=20))
    assert colour == "red"
    assert [r.code for r in reasons] == ["silent", "unsent_old", "printer"], "worst first"


def test_the_stores_own_zone_and_opening_hours_decide_the_red(
    client: TestClient, tenant: Tenant, database: Database, clock: FakeClock
) -> None:
    """Stored hours (``stores.opening_hours``, the Toko page's) and zone read from the store."""
    noon = clock().astimezone(MAKASSAR).replace(hour=12, minute=0, second=0, microsecond=0)
    if noon <= clock():
        noon += timedelta(days=1)
    clock.advance((noon - clock()).total_seconds())  # noon WITA, whenever the test runs
    r = client.post("/v1/devices/me/heartbeat", json=beat(clock()), headers=tenant.device())
    assert r.status_code == 200, r.text
    heard = clock()
    local_now = heard.astimezone(MAKASSAR)
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[local_now.weekday()]
    opens = (local_now - timedelta(hours=1)).strftime("%H:%M")
    closes = (local_now + timedelta(minutes=10)).strftime("%H:%M")
    with database.write() as session:
        store = session.execute(
            select(Store).where(Store.org_id == tenant.org_id, Store.code == "S01")
        ).scalar_one()
        store.timezone = "Asia/Makassar"
        store.opening_hours = {day: {"open": opens, "close": closes}}
        session.commit()
    # Sixteen silent minutes, of which only ten were in opening hours: amber, not red.
    (view,) = views(database, tenant, heard + timedelta(minutes=16))
    assert view.timezone == "Asia/Makassar"
    assert (view.colour, view.reasons) == ("amber", (Reason("quiet", 16),))
    with database.write() as session:
        store = session.execute(
            select(Store).where(Store.org_id == tenant.org_id, Store.code == "S01")
        ).scalar_one()
        store.opening_hours = {day: {"open": opens, "close": "24:00"}}
        session.commit()
    (view,) = views(database, tenant, heard + timedelta(minutes=16))
    assert (view.colour, view.reasons) == ("red", (Reason("silent", 16),))
