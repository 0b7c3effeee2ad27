"""Webhook (``/app/webhooks``, owners only): the organization's endpoints, a form for a new one
(URL, events, LAN permission), its secret shown once, and per endpoint its delivery log with
"Kirim ulang" (redeliver), a test event, switching it off and on, a new secret and removal.

Every write is ``server_stub.webhooks.endpoints``'s, the owner API's own; a target the guard
refuses (``targets``) comes back as the form with the reason beside the URL. A manager, or an
endpoint of another organization, is the 404 page. An endpoint switched off after 3 days of
failed deliveries is named at the top of this page and on the home page until the owner acts.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any, get_args

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.core.problems import Problem
from server_stub.models import WebhookEndpoint
from server_stub.web.deps import (
    CsrfChecked,
    PostedForm,
    WebPrincipal,
    WebUser,
    not_found,
    owner_or_404,
)
from server_stub.web.render import render
from server_stub.webhooks import endpoints, events
from server_stub.webhooks.endpoints import DeliveryStatus, EndpointIn, EndpointPatch

log = logging.getLogger(__name__)

router = APIRouter(prefix="/app/webhooks")

PAGE_SIZE = 25
STATUSES: tuple[DeliveryStatus, ...] = get_args(DeliveryStatus)
EndpointId = Annotated[str, Path(min_length=32, max_length=32, pattern=r"^[0-9a-f]{32}$")]
EventId = Annotated[str, Path(min_length=30, max_length=30, pattern=r"^msg_[0-9a-f]{26}$")]
RULE_WORDS = {
    "scheme": "webhooks.err.scheme",
    "credentials": "webhooks.err.credentials",
    "url": "webhooks.err.url",
    "resolve": "webhooks.err.resolve",
    "lan": "webhooks.err.lan",
    "loopback": "webhooks.err.loopback",
    "address": "webhooks.err.address",
}


def _endpoint(session: Session, user: WebPrincipal, endpoint_id: str) -> WebhookEndpoint:
    try:
        return endpoints.get_endpoint(session, user.org_id, endpoint_id)
    except Problem:
        not_found()


async def _chosen_events(request: Request) -> list[str]:
    """The ticked event boxes: the form repeats ``events`` once per box."""
    form = await request.form()
    return [v for k, v in form.multi_items() if k == "events" and isinstance(v, str)]


def _form_values(data: dict[str, str], chosen: list[str]) -> dict[str, Any]:
    return {
        "url": data.get("url", "").strip(),
        "description": data.get("description", "").strip(),
        "event_types": [t for t in chosen if t in events.EVENT_TYPES],
        "allow_lan": data.get("allow_lan") == "on",
    }


def _field_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "url"
        errors.setdefault(
            field, "webhooks.err.events" if field == "event_types" else "webhooks.err.url"
        )
    return errors


def _refused(exc: Problem) -> dict[str, str]:
    """The guard's rule (``webhook.target_refused``), or the endpoint limit, beside the URL."""
    if exc.code != "webhook.target_refused":
        return {"url": "webhooks.err.too_many"}
    return {"url": RULE_WORDS.get(str(exc.extra.get("rule")), "webhooks.err.url")}


def _list_page(
    request: Request,
    session: Session,
    user: WebPrincipal,
    *,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    rows = endpoints.list_endpoints(session, user.org_id)
    context = {
        "endpoints": rows,
        "failing": [r for r in rows if _failing(r)],
        "types": list(events.EVENT_TYPES),
        "reserved": events.RESERVED,
        "form": form or {"url": "", "description": "", "event_types": [], "allow_lan": False},
        "errors": errors or {},
    }
    return render(request, user, "webhooks/list.html", context, status=status)


def _failing(row: WebhookEndpoint) -> bool:
    return not row.enabled and (row.disabled_reason or "").startswith("failing")


@router.get("", response_class=HTMLResponse)
def webhooks_page(request: Request, user: WebUser, session: ReadSession) -> HTMLResponse:
    return _list_page(request, session, owner_or_404(user))


@router.post("", response_class=HTMLResponse)
async def create_webhook(
    request: Request, user: WebUser, _: CsrfChecked, ctx: Ctx, data: PostedForm
) -> Response:
    owner = owner_or_404(user)
    form = _form_values(data, await _chosen_events(request))
    with ctx.db.write() as session:
        try:
            body = EndpointIn.model_validate(form)
            row, secret = endpoints.create_endpoint(
                session,
                owner.org_id,
                body,
                ctx.now(),
                allow_loopback=ctx.settings.webhook_allow_loopback,
            )
        except ValidationError as exc:
            return _list_page(
                request, session, owner, form=form, errors=_field_errors(exc), status=422
            )
        except Problem as exc:
            session.rollback()
            return _list_page(request, session, owner, form=form, errors=_refused(exc), status=422)
        session.commit()
    log.info("webhook endpoint %s made by %s", row.endpoint_id, owner.user_id)
    return render(
        request,
        owner,
        "webhooks/secret.html",
        {"endpoint": row, "secret": secret, "new": True},
        status=201,
    )


@router.get("/{endpoint_id}", response_class=HTMLResponse)
def webhook_page(
    request: Request,
    endpoint_id: EndpointId,
    user: WebUser,
    session: ReadSession,
    status: str = "",
    cursor: str = "",
) -> HTMLResponse:
    owner = owner_or_404(user)
    row = _endpoint(session, owner, endpoint_id)
    return _detail(request, session, owner, row, status=status, cursor=cursor)


def _detail(
    request: Request,
    session: Session,
    user: WebPrincipal,
    row: WebhookEndpoint,
    *,
    status: str = "",
    cursor: str = "",
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    code: int = 200,
) -> HTMLResponse:
    picked: DeliveryStatus | None = None
    for known in STATUSES:
        if status == known:
            picked = known
    page = endpoints.list_deliveries(
        session,
        user.org_id,
        row.endpoint_id,
        status=picked,
        cursor=cursor if endpoints.CURSOR.match(cursor) else None,
        limit=PAGE_SIZE,
    )
    context = {
        "endpoint": row,
        "failing": _failing(row),
        "page": page,
        "status": picked or "",
        "statuses": STATUSES,
        "types": list(events.EVENT_TYPES),
        "reserved": events.RESERVED,
        "form": form or _form_of(row),
        "errors": errors or {},
    }
    return render(request, user, "webhooks/endpoint.html", context, status=code)


def _form_of(row: WebhookEndpoint) -> dict[str, Any]:
    return {
        "url": row.url,
        "description": row.description,
        "event_types": list(row.event_types),
        "allow_lan": row.allow_lan,
    }


@router.post("/{endpoint_id}", response_class=HTMLResponse)
async def edit_webhook(
    request: Request,
    endpoint_id: EndpointId,
    user: WebUser,
    _: CsrfChecked,
    ctx: Ctx,
    data: PostedForm,
) -> Response:
    owner = owner_or_404(user)
    form = _form_values(data, await _chosen_events(request))
    with ctx.db.write() as session:
        row = _endpoint(session, owner, endpoint_id)
        try:
            patch = EndpointPatch.model_validate(form)
            endpoints.update_endpoint(
                session,
                owner.org_id,
                row.endpoint_id,
                patch,
                ctx.now(),
                allow_loopback=ctx.settings.webhook_allow_loopback,
            )
        except ValidationError as exc:
            return _detail(
                request, session, owner, row, form=form, errors=_field_errors(exc), code=422
            )
        except Problem as exc:
            session.rollback()
            row = _endpoint(session, owner, endpoint_id)
            return _detail(request, session, owner, row, form=form, errors=_refused(exc), code=422)
        session.commit()
    return RedirectResponse(f"/app/webhooks/{endpoint_id}?flash=common.saved", status_code=303)


@router.post("/{endpoint_id}/enabled")
def switch_webhook(
    endpoint_id: EndpointId,
    user: WebUser,
    _: CsrfChecked,
    ctx: Ctx,
    session: WriteSession,
    enabled: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    owner = owner_or_404(user)
    row = _endpoint(session, owner, endpoint_id)
    endpoints.set_enabled(session, row, enabled == "1", ctx.now())
    row.updated_at = ctx.now()
    flash = "webhooks.switched_on" if enabled == "1" else "webhooks.switched_off"
    return RedirectResponse(f"/app/webhooks/{endpoint_id}?flash={flash}", status_code=303)


@router.post("/{endpoint_id}/rotate", response_class=HTMLResponse)
def rotate_webhook_secret(
    request: Request,
    endpoint_id: EndpointId,
    user: WebUser,
    _: CsrfChecked,
    ctx: Ctx,
    session: WriteSession,
) -> HTMLResponse:
    owner = owner_or_404(user)
    found = _endpoint(session, owner, endpoint_id)
    row, secret = endpoints.rotate_secret(session, owner.org_id, found.endpoint_id, ctx.now())
    log.info("webhook endpoint %s secret rotated by %s", row.endpoint_id, owner.user_id)
    return render(
        request, owner, "webhooks/secret.html", {"endpoint": row, "secret": secret, "new": False}
    )


@router.post("/{endpoint_id}/test")
def test_webhook(
    endpoint_id: EndpointId, user: WebUser, _: CsrfChecked, ctx: Ctx, session: WriteSession
) -> Response:
    owner = owner_or_404(user)
    row = _endpoint(session, owner, endpoint_id)
    if not row.enabled:
        not_found()
    endpoints.send_test(session, owner.org_id, row.endpoint_id, ctx.now())
    return RedirectResponse(
        f"/app/webhooks/{endpoint_id}?flash=webhooks.test_sent", status_code=303
    )


@router.post("/{endpoint_id}/deliveries/{event_id}/redeliver")
def redeliver_webhook(
    endpoint_id: EndpointId,
    event_id: EventId,
    user: WebUser,
    _: CsrfChecked,
    ctx: Ctx,
    session: WriteSession,
) -> Response:
    owner = owner_or_404(user)
    row = _endpoint(session, owner, endpoint_id)
    try:
        endpoints.redeliver(session, owner.org_id, row.endpoint_id, event_id, ctx.now())
    except Problem as exc:
        if exc.status == 404:
            not_found()
        return RedirectResponse(
            f"/app/webhooks/{endpoint_id}?flash=webhooks.switch_on_first", status_code=303
        )
    return RedirectResponse(
        f"/app/webhooks/{endpoint_id}?flash=webhooks.redelivering", status_code=303
    )


@router.post("/{endpoint_id}/delete")
def delete_webhook(
    endpoint_id: EndpointId, user: WebUser, _: CsrfChecked, session: WriteSession
) -> Response:
    owner = owner_or_404(user)
    row = _endpoint(session, owner, endpoint_id)
    endpoints.delete_endpoint(session, owner.org_id, row.endpoint_id)
    log.info("webhook endpoint %s removed by %s", endpoint_id, owner.user_id)
    return RedirectResponse("/app/webhooks?flash=webhooks.deleted", status_code=303)
