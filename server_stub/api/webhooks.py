"""Webhooks for the owner API: endpoints, their secrets, the delivery log, redelivery and a
test event (``server_stub.webhooks.endpoints``, the same calls as the back office's page).

Owners only, or an API key with ``webhooks:read`` / ``webhooks:write`` that is not limited to
some stores: an endpoint receives the events of every store, so a store-limited key may neither
see nor change one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from server_stub.api import pages
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.api.pages import Page, PageCursor
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, needs, refuse_store_limited
from server_stub.webhooks import endpoints
from server_stub.webhooks.endpoints import (
    DeliveryPage,
    DeliveryStatus,
    EndpointCreated,
    EndpointIn,
    EndpointOut,
    EndpointPatch,
    EventTypeOut,
    Queued,
    SecretOut,
)

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

EndpointIdPath = Annotated[str, Path(min_length=32, max_length=32, pattern=r"^[0-9a-f]{32}$")]
EventIdPath = Annotated[str, Path(min_length=30, max_length=30, pattern=r"^msg_[0-9a-f]{26}$")]
Reader = Annotated[Caller, needs("webhooks:read", owner_only=True)]
Writer = Annotated[Caller, needs("webhooks:write", owner_only=True)]
_NOT_FOUND = errors(404, s404="No such webhook endpoint in this organization")
_REFUSED = errors(
    422, s422="Validation failed, or the URL is not an allowed target (`webhook.target_refused`)"
)
_DISABLED = errors(409, s409="The endpoint is switched off (`webhook.disabled`)")


class EventTypePage(Page[EventTypeOut]):
    """Event types by name."""


class EndpointPage(Page[EndpointOut]):
    """Endpoints, oldest first."""


def _whole_org(caller: Caller) -> Caller:
    refuse_store_limited(caller, "see or change webhooks, which carry every store's events")
    return caller


@router.get("/event-types", response_model=EventTypePage)
def list_webhook_event_types(
    caller: Reader,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 100,
) -> EventTypePage:
    """Every event type an endpoint may subscribe to, by name; ``reserved`` ones are accepted
    but not sent yet."""
    _whole_org(caller)
    items, next_cursor = pages.window(
        endpoints.event_types(), lambda t: (t.type,), [str], cursor, limit
    )
    return EventTypePage(items=items, next_cursor=next_cursor)


@router.get("/endpoints", response_model=EndpointPage)
def list_webhook_endpoints(
    caller: Reader,
    session: ReadSession,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 100,
) -> EndpointPage:
    """The organization's endpoints (20 at most), oldest first."""
    _whole_org(caller)
    every = [endpoints.endpoint_out(r) for r in endpoints.list_endpoints(session, caller.org_id)]
    items, next_cursor = pages.window(
        every,
        lambda e: (int(e.created_at.timestamp() * 1_000_000), e.id),
        [int, str],
        cursor,
        limit,
    )
    return EndpointPage(items=items, next_cursor=next_cursor)


@router.post(
    "/endpoints",
    response_model=EndpointCreated,
    status_code=201,
    responses={**_REFUSED, **errors(409, s409="The organization has 20 endpoints already")},
)
def create_webhook_endpoint(
    body: EndpointIn, caller: Writer, ctx: Ctx, session: WriteSession
) -> EndpointCreated:
    """A new endpoint. Its signing secret (``whsec_...``) is in this answer and never again.

    The URL must be https and resolve to a public address; a private or link-local one only
    with ``allow_lan``. Deliveries follow the Standard Webhooks specification
    (``webhook-id``, ``webhook-timestamp``, ``webhook-signature``)."""
    _whole_org(caller)
    row, secret = endpoints.create_endpoint(
        session,
        caller.org_id,
        body,
        ctx.now(),
        allow_loopback=ctx.settings.webhook_allow_loopback,
    )
    return EndpointCreated(**endpoints.endpoint_out(row).model_dump(), secret=secret)


@router.get("/endpoints/{endpoint_id}", response_model=EndpointOut, responses=_NOT_FOUND)
def get_webhook_endpoint(
    endpoint_id: EndpointIdPath, caller: Reader, session: ReadSession
) -> EndpointOut:
    _whole_org(caller)
    return endpoints.endpoint_out(endpoints.get_endpoint(session, caller.org_id, endpoint_id))


@router.patch(
    "/endpoints/{endpoint_id}",
    response_model=EndpointOut,
    responses={**_NOT_FOUND, **_REFUSED},
)
def update_webhook_endpoint(
    endpoint_id: EndpointIdPath,
    body: EndpointPatch,
    caller: Writer,
    ctx: Ctx,
    session: WriteSession,
) -> EndpointOut:
    """Change the URL, description, events or LAN permission, or switch the endpoint off or
    on (``enabled``). Switched back on, what is still queued for it is retried for 3 more
    days."""
    _whole_org(caller)
    row = endpoints.update_endpoint(
        session,
        caller.org_id,
        endpoint_id,
        body,
        ctx.now(),
        allow_loopback=ctx.settings.webhook_allow_loopback,
    )
    return endpoints.endpoint_out(row)


@router.delete("/endpoints/{endpoint_id}", status_code=204, responses=_NOT_FOUND)
def delete_webhook_endpoint(
    endpoint_id: EndpointIdPath, caller: Writer, session: WriteSession
) -> Response:
    """Remove the endpoint and its delivery log; nothing more is sent to it."""
    _whole_org(caller)
    endpoints.delete_endpoint(session, caller.org_id, endpoint_id)
    return Response(status_code=204)


@router.post(
    "/endpoints/{endpoint_id}/rotate-secret", response_model=SecretOut, responses=_NOT_FOUND
)
def rotate_webhook_secret(
    endpoint_id: EndpointIdPath, caller: Writer, ctx: Ctx, session: WriteSession
) -> SecretOut:
    """A new signing secret, in this answer only. For 24 hours deliveries carry two
    signatures, one per secret, so the receiver can switch to the new one in that time."""
    _whole_org(caller)
    row, secret = endpoints.rotate_secret(session, caller.org_id, endpoint_id, ctx.now())
    assert row.previous_secret_expires_at is not None
    return SecretOut(secret=secret, previous_secret_expires_at=row.previous_secret_expires_at)


@router.get(
    "/endpoints/{endpoint_id}/deliveries",
    response_model=DeliveryPage,
    responses=_NOT_FOUND,
)
def list_webhook_deliveries(
    endpoint_id: EndpointIdPath,
    caller: Reader,
    session: ReadSession,
    status: DeliveryStatus | None = None,
    cursor: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DeliveryPage:
    """The endpoint's deliveries, newest event first: status, attempts, the last attempt's
    status code, time taken and the first 500 bytes of the answer. Pass ``next_cursor`` back as
    ``cursor`` for the next page."""
    _whole_org(caller)
    return endpoints.list_deliveries(
        session, caller.org_id, endpoint_id, status=status, cursor=cursor, limit=limit
    )


@router.post(
    "/endpoints/{endpoint_id}/deliveries/{event_id}/redeliver",
    response_model=Queued,
    status_code=202,
    responses={
        **errors(404, s404="No such endpoint, or it never had this event"),
        **_DISABLED,
    },
)
def redeliver_webhook(
    endpoint_id: EndpointIdPath,
    event_id: EventIdPath,
    caller: Writer,
    ctx: Ctx,
    session: WriteSession,
) -> Queued:
    """Send the event to the endpoint again, now, with the same ``webhook-id``."""
    _whole_org(caller)
    return endpoints.redeliver(session, caller.org_id, endpoint_id, event_id, ctx.now())


@router.post(
    "/endpoints/{endpoint_id}/test",
    response_model=Queued,
    status_code=202,
    responses={**_NOT_FOUND, **_DISABLED},
)
def send_webhook_test(
    endpoint_id: EndpointIdPath, caller: Writer, ctx: Ctx, session: WriteSession
) -> Queued:
    """A ``webhook.test`` event for this endpoint alone; its delivery shows in the log."""
    _whole_org(caller)
    return endpoints.send_test(session, caller.org_id, endpoint_id, ctx.now())
