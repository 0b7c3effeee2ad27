"""The owner's webhook endpoints and their delivery log: what the owner API and the back
office's Webhook page both call, in the caller's transaction.

A new endpoint's secret, and a rotated one, are answered once and never again. After a rotation
the previous secret keeps signing too (two signatures in ``webhook-signature``) for
``ROTATION_OVERLAP``, so a receiver can switch without refusing a delivery. Every change to an
endpoint forgets the organization's cached subscriptions (``events.forget``), so this process
writes the right events from the next change on.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Annotated, Final, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from server_stub.core.problems import Problem
from server_stub.models import WebhookDelivery, WebhookEndpoint, WebhookEvent, new_id
from server_stub.schemas import clean_text
from server_stub.webhooks import events, order, queue, signing, targets

EventType = Literal[
    "sale.created",
    "refund.created",
    "shift.closed",
    "product.updated",
    "stock.changed",
    "stock.low",
    "customer.created",
    "journal.alert",
]
assert set(get_args(EventType)) == set(events.EVENT_TYPES)
DeliveryStatus = Literal["pending", "failed", "delivered", "dead"]
ROTATION_OVERLAP: Final = timedelta(hours=24)
MAX_ENDPOINTS: Final = 20
"""Per organization: enough for every integration a shop runs, few enough that one sale's
events stay a handful of deliveries."""
CURSOR: Final = re.compile(r"^msg_[0-9a-f]{26}$")

Url = Annotated[
    str,
    StringConstraints(min_length=8, max_length=targets.MAX_URL, strip_whitespace=True),
    AfterValidator(clean_text),
]
Description = Annotated[str, StringConstraints(max_length=200), AfterValidator(clean_text)]


class EndpointIn(BaseModel):
    """A new endpoint: where to send, which events, and whether a LAN address is allowed."""

    url: Url
    description: Description = ""
    event_types: Annotated[list[EventType], Field(min_length=1, max_length=len(events.EVENT_TYPES))]
    allow_lan: bool = False

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://shop.example.com/hooks/pos",
                    "description": "Online shop stock",
                    "event_types": ["sale.created", "stock.changed"],
                    "allow_lan": False,
                }
            ]
        },
    )


class EndpointPatch(BaseModel):
    """Only the fields sent change; ``enabled: true`` switches a disabled endpoint back on."""

    url: Url | None = None
    description: Description | None = None
    event_types: (
        Annotated[list[EventType], Field(min_length=1, max_length=len(events.EVENT_TYPES))] | None
    ) = None
    allow_lan: bool | None = None
    enabled: bool | None = None

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"enabled": True}]})


class EndpointOut(BaseModel):
    id: str
    url: str
    description: str
    event_types: list[str]
    allow_lan: bool
    enabled: bool
    disabled_at: datetime | None
    disabled_reason: str | None
    """``owner`` (switched off by a person), or ``failing: ...`` after 3 days of failures."""
    previous_secret_expires_at: datetime | None
    """After a rotation, until when the previous secret also signs."""
    created_at: datetime
    updated_at: datetime


class EndpointCreated(EndpointOut):
    secret: str
    """``whsec_...``: shown this once; keep it where the receiver reads it."""


class EndpointList(BaseModel):
    items: list[EndpointOut]


class SecretOut(BaseModel):
    secret: str
    """The new secret, shown this once."""
    previous_secret_expires_at: datetime
    """The old secret signs too until then."""


class DeliveryOut(BaseModel):
    event_id: str
    """The ``webhook-id`` the receiver got: the same on every attempt, for deduplication."""
    event_type: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    """When the next attempt is due (``pending`` and ``failed`` only; ``null`` for a pending
    delivery that waits for an older event of the same resource to be delivered first)."""
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_latency_ms: int | None
    last_error: str | None
    response_excerpt: str | None
    """The first 500 bytes of the receiver's last answer."""
    delivered_at: datetime | None
    created_at: datetime


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    next_cursor: str | None


class EventTypeOut(BaseModel):
    type: str
    description: str
    reserved: bool
    """Accepted in a subscription but not sent yet."""


class Queued(BaseModel):
    event_id: str
    status: DeliveryStatus


def event_types() -> list[EventTypeOut]:
    return [
        EventTypeOut(type=name, description=text_, reserved=name in events.RESERVED)
        for name, text_ in events.EVENT_TYPES.items()
    ]


def endpoint_out(row: WebhookEndpoint) -> EndpointOut:
    return EndpointOut(
        id=row.endpoint_id,
        url=row.url,
        description=row.description,
        event_types=list(row.event_types),
        allow_lan=row.allow_lan,
        enabled=row.enabled,
        disabled_at=row.disabled_at,
        disabled_reason=row.disabled_reason,
        previous_secret_expires_at=row.previous_secret_expires_at if row.previous_secret else None,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def check_target(url: str, *, allow_lan: bool, allow_loopback: bool) -> None:
    """422 ``webhook.target_refused`` naming the rule (``code``) a URL breaks."""
    try:
        targets.check(url, allow_lan=allow_lan, allow_loopback=allow_loopback)
    except targets.TargetRefused as exc:
        raise Problem(422, "webhook.target_refused", str(exc), rule=exc.code) from None


def list_endpoints(session: Session, org_id: str) -> list[WebhookEndpoint]:
    return list(
        session.execute(
            select(WebhookEndpoint)
            .where(WebhookEndpoint.org_id == org_id)
            .order_by(WebhookEndpoint.created_at, WebhookEndpoint.endpoint_id)
        ).scalars()
    )


def get_endpoint(session: Session, org_id: str, endpoint_id: str) -> WebhookEndpoint:
    row = session.get(WebhookEndpoint, (org_id, endpoint_id[:32]))
    if row is None:
        raise Problem(404, "webhook.not_found", "no such webhook endpoint")
    return row


def create_endpoint(
    session: Session, org_id: str, data: EndpointIn, now: datetime, *, allow_loopback: bool
) -> tuple[WebhookEndpoint, str]:
    """The new endpoint and its secret (the only time the secret is answered)."""
    count = len(list_endpoints(session, org_id))
    if count >= MAX_ENDPOINTS:
        raise Problem(409, "webhook.too_many", f"At most {MAX_ENDPOINTS} endpoints.")
    url = data.url
    check_target(url, allow_lan=data.allow_lan, allow_loopback=allow_loopback)
    secret = signing.new_secret()
    row = WebhookEndpoint(
        org_id=org_id,
        endpoint_id=new_id(),
        url=url,
        description=data.description.strip(),
        event_types=sorted(set(data.event_types)),
        secret=secret,
        previous_secret=None,
        previous_secret_expires_at=None,
        allow_lan=data.allow_lan,
        enabled=True,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    events.forget(org_id)
    return row, secret


def update_endpoint(
    session: Session,
    org_id: str,
    endpoint_id: str,
    patch: EndpointPatch,
    now: datetime,
    *,
    allow_loopback: bool,
) -> WebhookEndpoint:
    row = get_endpoint(session, org_id, endpoint_id)
    changes = patch.model_dump(exclude_unset=True)
    for key in ("url", "event_types", "allow_lan", "enabled"):
        if key in changes and changes[key] is None:
            raise Problem(422, "webhook.null_field", f"{key} cannot be null")
    url = changes.get("url") or row.url
    allow_lan = changes.get("allow_lan", row.allow_lan)
    if "url" in changes or "allow_lan" in changes or changes.get("enabled"):
        check_target(url, allow_lan=allow_lan, allow_loopback=allow_loopback)
    row.url, row.allow_lan = url, allow_lan
    if changes.get("description") is not None:
        row.description = changes["description"].strip()
    if "event_types" in changes:
        row.event_types = sorted(set(changes["event_types"]))
    if "enabled" in changes:
        set_enabled(session, row, bool(changes["enabled"]), now)
    row.updated_at = now
    session.flush()
    events.forget(org_id)
    return row


def set_enabled(session: Session, row: WebhookEndpoint, enabled: bool, now: datetime) -> None:
    """Switch an endpoint on or off. Back on, what is still queued for it gets 3 days again
    from now (the deliveries that died stay dead: redeliver them one by one)."""
    if enabled == row.enabled:
        return
    row.enabled = enabled
    row.disabled_at = None if enabled else now
    row.disabled_reason = None if enabled else "owner"
    if enabled:
        unsent = (
            WebhookDelivery.org_id == row.org_id,
            WebhookDelivery.endpoint_id == row.endpoint_id,
            WebhookDelivery.status.in_(("pending", "failed")),
        )
        session.execute(
            update(WebhookDelivery).where(*unsent).values(give_up_at=now + queue.RETRY_FOR)
        )
        session.execute(
            update(WebhookDelivery)
            .where(*unsent, WebhookDelivery.next_attempt_at < order.WAITING)
            .values(next_attempt_at=now)
        )
    events.forget(row.org_id)


def delete_endpoint(session: Session, org_id: str, endpoint_id: str) -> None:
    row = get_endpoint(session, org_id, endpoint_id)
    session.execute(
        delete(WebhookDelivery).where(
            WebhookDelivery.org_id == org_id, WebhookDelivery.endpoint_id == row.endpoint_id
        )
    )
    session.delete(row)
    session.flush()
    events.forget(org_id)


def rotate_secret(
    session: Session, org_id: str, endpoint_id: str, now: datetime
) -> tuple[WebhookEndpoint, str]:
    """A new secret; the one it replaces signs too for ``ROTATION_OVERLAP``."""
    row = get_endpoint(session, org_id, endpoint_id)
    secret = signing.new_secret()
    row.previous_secret = row.secret
    row.previous_secret_expires_at = now + ROTATION_OVERLAP
    row.secret = secret
    row.updated_at = now
    session.flush()
    return row, secret


def list_deliveries(
    session: Session,
    org_id: str,
    endpoint_id: str,
    *,
    status: DeliveryStatus | None,
    cursor: str | None,
    limit: int,
) -> DeliveryPage:
    """Newest event first; ``next_cursor`` (the last event id of the page) for the next."""
    row = get_endpoint(session, org_id, endpoint_id)
    if cursor is not None and not CURSOR.match(cursor):
        raise Problem(422, "webhook.bad_cursor", "the cursor is not one this server gave out")
    d, ev = WebhookDelivery, WebhookEvent
    query = (
        select(d, ev.event_type)
        .join(ev, (ev.org_id == d.org_id) & (ev.event_id == d.event_id))
        .where(d.org_id == org_id, d.endpoint_id == row.endpoint_id)
    )
    if status is not None:
        query = query.where(d.status == status)
    if cursor is not None:
        query = query.where(d.event_id < cursor)
    found = session.execute(query.order_by(d.event_id.desc()).limit(limit + 1)).all()
    items = [delivery_out(delivery, event_type) for delivery, event_type in found[:limit]]
    more = len(found) > limit
    return DeliveryPage(items=items, next_cursor=items[-1].event_id if more and items else None)


def delivery_out(row: WebhookDelivery, event_type: str) -> DeliveryOut:
    waiting = row.status in ("pending", "failed") and row.next_attempt_at < order.WAITING
    return DeliveryOut(
        event_id=row.event_id,
        event_type=event_type,
        status=row.status,  # type: ignore[arg-type]  # one of DeliveryStatus by construction
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at if waiting else None,
        last_attempt_at=row.last_attempt_at,
        last_status_code=row.last_status_code,
        last_latency_ms=row.last_latency_ms,
        last_error=row.last_error,
        response_excerpt=row.response_excerpt,
        delivered_at=row.delivered_at,
        created_at=row.created_at,
    )


def redeliver(
    session: Session, org_id: str, endpoint_id: str, event_id: str, now: datetime
) -> Queued:
    """Send one event to the endpoint again, now, with 3 more days of retries; the receiver gets
    the same ``webhook-id`` (a receiver that has it already can ignore it)."""
    row = get_endpoint(session, org_id, endpoint_id)
    if not row.enabled:
        raise Problem(409, "webhook.disabled", "Switch the endpoint on before redelivering.")
    order.serialize(session)
    delivery = session.get(WebhookDelivery, (org_id, row.endpoint_id, event_id[:40]))
    if delivery is None:
        raise Problem(404, "webhook.delivery_not_found", "this endpoint never had this event")
    delivery.status = "pending"
    delivery.next_attempt_at = now
    delivery.give_up_at = now + queue.RETRY_FOR
    delivery.lease_token = None
    session.flush()
    # An older event sent again goes before the newer ones of its resource still to be sent.
    order.rehead(session, (org_id, row.endpoint_id, delivery.resource), now)
    return Queued(event_id=delivery.event_id, status="pending")


def send_test(session: Session, org_id: str, endpoint_id: str, now: datetime) -> Queued:
    """A ``webhook.test`` event for this endpoint alone, delivered like any other."""
    row = get_endpoint(session, org_id, endpoint_id)
    if not row.enabled:
        raise Problem(409, "webhook.disabled", "Switch the endpoint on before testing it.")
    data = events.data_json({"endpoint_id": row.endpoint_id, "message": "Halo dari POS cloud"})
    test = events.NewEvent(events.TEST_EVENT, f"test:{row.endpoint_id}", data)
    (event_id,) = events.emit(session, org_id, [test], now, endpoint_id=row.endpoint_id)
    return Queued(event_id=event_id, status="pending")


def disabled_by_failures(session: Session, org_id: str) -> list[WebhookEndpoint]:
    """The endpoints switched off after 3 days of failed deliveries: the owner is told on the
    home page and the Webhook page until they switch them on again or remove them."""
    return [
        row
        for row in list_endpoints(session, org_id)
        if not row.enabled and (row.disabled_reason or "").startswith("failing")
    ]
