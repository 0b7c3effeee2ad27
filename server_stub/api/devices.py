"""Pairing tills and managing paired tills."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from server_stub import auth, tenancy, till_counters, till_health
from server_stub.api import pages
from server_stub.api.deps import (
    Ctx,
    CurrentDevice,
    ReadSession,
    WriteSession,
    client_address,
)
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import DeviceIdPath, OptionalStoreCode, StoreCodePath
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, key_store_ids, needs, require_store
from server_stub.api.stores import store_out
from server_stub.core.problems import Problem
from server_stub.core.security import throttle
from server_stub.core.security.throttle import Throttled
from server_stub.models import Device, Store
from server_stub.schemas import (
    DeviceMe,
    DeviceOut,
    EnrollIn,
    EnrollmentCodeIn,
    EnrollmentCodeOut,
    EnrollOut,
    TillCounters,
)
from server_stub.schemas.health import HeartbeatIn, HeartbeatOut

router = APIRouter(prefix="/v1", tags=["tills"])


@router.post(
    "/devices/enroll",
    response_model=EnrollOut,
    status_code=201,
    responses=errors(
        400,
        409,
        429,
        s400="The enrollment code is wrong, used or expired",
        s409="The till slot is taken",
        s429="Too many pairing attempts from this address",
    ),
)
def enroll_till(body: EnrollIn, request: Request, ctx: Ctx, session: WriteSession) -> EnrollOut:
    """Exchange a one-time enrollment code for the till's credential (no other auth)."""
    now = ctx.now()
    address = client_address(request)
    try:
        throttle.register_attempt(session, throttle.ENROLL_ADDRESS, org_id="", key=address, now=now)
    except Throttled as exc:
        raise auth.throttled(exc) from None
    # The attempt counts even if the code turns out wrong: committed now, before the check.
    session.commit()
    enrolled = tenancy.enroll_device(
        session,
        code=body.code,
        till_code=body.till_code,
        name=body.name,
        pepper=ctx.keys.enrollment_pepper,
        now=now,
    )
    throttle.clear(session, throttle.ENROLL_ADDRESS, org_id="", key=address)
    return EnrollOut(
        device_id=enrolled.device.device_id,
        device_secret=enrolled.secret,
        org_id=enrolled.org.org_id,
        org_name=enrolled.org.name,
        store_code=enrolled.store.code,
        store_name=enrolled.store.name,
        till_code=enrolled.device.till_code,
    )


@router.get("/devices/me", response_model=DeviceMe)
def get_current_device(device: CurrentDevice, session: ReadSession) -> DeviceMe:
    """What the server knows about the calling till, including its store's settings."""
    return DeviceMe(
        device_id=device.device_id,
        org_id=device.org_id,
        org_name=auth.org_name(session, device.org_id),
        till_code=device.till_code,
        store=store_out(device.store),
    )


@router.get("/devices/me/counters", response_model=TillCounters)
def get_current_device_counters(device: CurrentDevice, session: ReadSession) -> TillCounters:
    """How far the calling till's numbering got here: its last receipt number and journal
    sequence. A till restored from a backup asks before it sells, so it never reuses one."""
    return TillCounters(
        till_code=device.till_code,
        last_receipt_no=till_counters.last_receipt_no(
            session, device.org_id, device.store, device.till_code
        ),
        last_journal_seq=till_counters.last_journal_seq(
            session, device.org_id, device.store, device.till_code
        ),
    )


@router.post(
    "/devices/me/heartbeat",
    response_model=HeartbeatOut,
    responses=errors(422, s422="A count is out of range, or a time is not ISO 8601 with an offset"),
)
def send_heartbeat(
    body: HeartbeatIn, device: CurrentDevice, ctx: Ctx, session: WriteSession
) -> HeartbeatOut:
    """How the calling till is: app version, unsent sales and the oldest one's time, sales
    needing attention, its clock difference, its printer and its last sync.

    Tills send one at most every minute while they reach the cloud; the latest is kept per till
    for the owner's page of tills, which marks a till red when it goes silent in opening hours
    or holds a sale unsent for over an hour. Times on the till's clock are moved onto the
    cloud's by the difference between ``sent_at`` and the moment the heartbeat arrived.
    """
    received_at = ctx.now()
    till_health.record_heartbeat(session, device.org_id, device.device_id, body, received_at)
    return HeartbeatOut(received_at=received_at)


@router.post("/stores/{code}/enrollment-codes", response_model=EnrollmentCodeOut, status_code=201)
def create_enrollment_code(
    code: StoreCodePath,
    body: EnrollmentCodeIn,
    user: Annotated[Caller, needs("tills:write")],
    ctx: Ctx,
    session: WriteSession,
) -> EnrollmentCodeOut:
    """A single-use code that pairs one till with this store (15 minutes by default)."""
    store = require_store(session, user, code, key_store_ids(user))
    issued = tenancy.issue_enrollment_code(
        session,
        store,
        pepper=ctx.keys.enrollment_pepper,
        now=ctx.now(),
        ttl_minutes=body.ttl_minutes,
        till_code=body.till_code,
        replace_existing=body.replace_existing,
        created_by=user.user_id,
    )
    return EnrollmentCodeOut(
        code=issued.code,
        store_code=store.code,
        till_code=issued.till_code,
        expires_at=issued.expires_at,
    )


def device_out(device: Device, store_code: str) -> DeviceOut:
    return DeviceOut(
        device_id=device.device_id,
        store_code=store_code,
        till_code=device.till_code,
        name=device.name,
        created_at=device.created_at,
        last_sync_at=device.last_sync_at,
        revoked_at=device.revoked_at,
    )


class TillPage(Page[DeviceOut]):
    """Paired and unpaired tills by store, till code and pairing time."""


@router.get("/tills", response_model=TillPage)
def list_tills(
    user: Annotated[Caller, needs("tills:read")],
    session: ReadSession,
    store: OptionalStoreCode = None,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> TillPage:
    order = [Store.code, Device.till_code, Device.created_at, Device.device_id]
    stmt = (
        select(Device, Store.code)
        .join(Store, (Store.org_id == Device.org_id) & (Store.store_id == Device.store_id))
        .where(Device.org_id == user.org_id)
    )
    if store is not None:
        stmt = stmt.where(Store.code == store)
    allowed = key_store_ids(user)
    if allowed is not None:
        stmt = stmt.where(Device.store_id.in_(sorted(allowed)))
    if cursor is not None:
        stmt = stmt.where(pages.after(order, pages.decode(cursor, [str, str, datetime, str])))
    rows = list(session.execute(stmt.order_by(*order).limit(limit + 1)).all())
    found, next_cursor = pages.cut(
        rows, limit, lambda row: [row[1], row[0].till_code, row[0].created_at, row[0].device_id]
    )
    return TillPage(
        items=[device_out(device, code) for device, code in found], next_cursor=next_cursor
    )


@router.post("/tills/{device_id}/revoke", response_model=DeviceOut)
def revoke_till(
    device_id: DeviceIdPath,
    user: Annotated[Caller, needs("tills:write")],
    ctx: Ctx,
    session: WriteSession,
) -> DeviceOut:
    """Unpair a till; its next request is refused. Idempotent."""
    if not device_id.startswith(user.org_id + "_"):
        raise Problem(404, "device.not_found", "no such till")
    limit = key_store_ids(user)
    if limit is not None:
        found = session.get(Device, (user.org_id, device_id))
        if found is None or found.store_id not in limit:
            raise Problem(404, "device.not_found", "no such till")
    device = tenancy.revoke_device(session, user.org_id, device_id, ctx.now())
    store = session.get(Store, (device.org_id, device.store_id))
    return device_out(device, store.code if store else "")
