"""Organization API keys over the owner API: make, list, rotate and revoke.

Owners only, among people; an API key with ``keys:write`` may manage keys too, but never one
broader than itself (more scopes or more stores), so a key cannot mint or rotate its way to
more than it was given. The secret is in the answer of ``POST`` and ``rotate`` only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import AfterValidator, AwareDatetime, BaseModel, Field, StringConstraints
from sqlalchemy.orm import Session

from server_stub import api_keys, reports
from server_stub.api import pages
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.api.pages import Page, PageCursor
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, key_store_ids, needs
from server_stub.core.problems import Problem
from server_stub.models import ApiKey
from server_stub.models.api_keys import DEFAULT_RATE_LIMIT_PER_MIN
from server_stub.schemas import Code, clean_text

router = APIRouter(prefix="/v1/api-keys", tags=["api keys"])

KeyIdPath = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
ScopeName = Annotated[
    str,
    Field(json_schema_extra={"enum": list(api_keys.SCOPES)}),
    AfterValidator(lambda value: next(iter(api_keys.check_scopes([value])))),
]
_NOT_FOUND = errors(404, s404="No such API key in this organization")


class ApiKeyIn(BaseModel):
    name: Annotated[
        str, StringConstraints(min_length=1, max_length=100), AfterValidator(clean_text)
    ]
    scopes: Annotated[list[ScopeName], Field(min_length=1, max_length=len(api_keys.SCOPES))]
    stores: Annotated[list[Code], Field(max_length=1000)] | None = None
    """Store codes the key is limited to; left out or ``null``: every store, later ones too."""
    expires_at: AwareDatetime | None = None
    rate_limit_per_min: Annotated[int, Field(ge=1, le=100_000)] = DEFAULT_RATE_LIMIT_PER_MIN


_MAX_OVERLAP_S = int(api_keys.MAX_OVERLAP.total_seconds())
_DEFAULT_OVERLAP_S = int(api_keys.DEFAULT_OVERLAP.total_seconds())


class RotateIn(BaseModel):
    overlap_seconds: Annotated[int, Field(ge=0, le=_MAX_OVERLAP_S)] = _DEFAULT_OVERLAP_S
    """How long the secret in use keeps working beside the new one (0: stops at once)."""


class ApiKeyOut(BaseModel):
    key_id: str
    name: str
    prefix: str
    """``posk_live_…`` and the secret's first characters, to tell keys apart; never the secret."""
    scopes: list[str]
    stores: list[str] | None
    """Store codes the key is limited to; ``null``: every store."""
    created_at: datetime
    created_by: str
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    """To the minute: written at most once a minute per key."""
    previous_secret_expires_at: datetime | None
    """Until when the secret replaced by the last rotation still works."""
    rate_limit_per_min: int


class ApiKeyCreated(ApiKeyOut):
    secret: str
    """The whole key, shown this once: store it now; the server keeps only its hash."""


class ApiKeyPage(Page[ApiKeyOut]):
    """API keys, newest first."""


def _newest_first(key: ApiKeyOut) -> tuple[int, str]:
    return (-int(key.created_at.timestamp() * 1_000_000), key.key_id)


def key_out(key: ApiKey, codes: dict[str, str]) -> ApiKeyOut:
    stores = key.store_ids
    return ApiKeyOut(
        key_id=key.key_id,
        name=key.name,
        prefix=f"{api_keys.TYPE_PREFIX}…_{key.prefix}…",
        scopes=list(key.scopes),
        stores=sorted(codes.get(s, s) for s in stores) if stores is not None else None,
        created_at=key.created_at,
        created_by=key.created_by,
        expires_at=key.expires_at,
        revoked_at=key.revoked_at,
        last_used_at=key.last_used_at,
        previous_secret_expires_at=key.previous_expires_at,
        rate_limit_per_min=key.rate_limit_per_min,
    )


def _created(issued: api_keys.Issued, codes: dict[str, str]) -> ApiKeyCreated:
    return ApiKeyCreated(**key_out(issued.key, codes).model_dump(), secret=issued.secret)


def _within(caller: Caller, scopes: frozenset[str], store_ids: frozenset[str] | None) -> None:
    """A key may only make or change keys no broader than itself."""
    if caller.key is None:
        return
    own_stores = key_store_ids(caller)
    broader_stores = own_stores is not None and (store_ids is None or not store_ids <= own_stores)
    if not scopes <= caller.key.scopes or broader_stores:
        raise Problem(
            403,
            "auth.key_broader",
            "An API key may only manage keys with no more scopes and stores than its own.",
        )


def _own_key(session: Session, caller: Caller, key_id: str, *, for_update: bool) -> ApiKey:
    key = api_keys.get_key(session, caller.org_id, key_id, for_update=for_update)
    _within(
        caller,
        frozenset(key.scopes),
        frozenset(key.store_ids) if key.store_ids is not None else None,
    )
    return key


@router.post(
    "",
    response_model=ApiKeyCreated,
    status_code=201,
    responses=errors(403, s403="Not the owner, or a key asking for more than it has"),
)
def create_api_key(
    body: ApiKeyIn,
    caller: Annotated[Caller, needs("keys:write", owner_only=True)],
    ctx: Ctx,
    session: WriteSession,
) -> ApiKeyCreated:
    """Make a key; the answer holds its whole secret (``posk_live_...``), shown this once."""
    store_ids = (
        api_keys.store_ids_of_codes(session, caller.org_id, body.stores)
        if body.stores is not None
        else None
    )
    scopes = api_keys.check_scopes(body.scopes)
    _within(caller, scopes, store_ids)
    spec = api_keys.KeySpec(
        name=body.name,
        scopes=scopes,
        store_ids=store_ids,
        expires_at=body.expires_at,
        rate_limit_per_min=body.rate_limit_per_min,
    )
    issued = api_keys.create(
        session,
        caller.org_id,
        spec,
        pepper=ctx.keys.api_key_pepper,
        created_by=caller.user_id,
        now=ctx.now(),
    )
    return _created(issued, reports.store_codes(session, caller.org_id))


@router.get("", response_model=ApiKeyPage)
def list_api_keys(
    caller: Annotated[Caller, needs("keys:read", owner_only=True)],
    session: ReadSession,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ApiKeyPage:
    """Every key of the organization, newest first, revoked ones included; never a secret."""
    codes = reports.store_codes(session, caller.org_id)
    every = [key_out(k, codes) for k in api_keys.list_keys(session, caller.org_id)]
    items, next_cursor = pages.window(every, _newest_first, [int, str], cursor, limit)
    return ApiKeyPage(items=items, next_cursor=next_cursor)


@router.get("/{key_id}", response_model=ApiKeyOut, responses=_NOT_FOUND)
def get_api_key(
    key_id: KeyIdPath,
    caller: Annotated[Caller, needs("keys:read", owner_only=True)],
    session: ReadSession,
) -> ApiKeyOut:
    key = api_keys.get_key(session, caller.org_id, key_id)
    return key_out(key, reports.store_codes(session, caller.org_id))


@router.post(
    "/{key_id}/rotate",
    response_model=ApiKeyCreated,
    responses={**_NOT_FOUND, **errors(409, s409="The key is revoked")},
)
def rotate_api_key(
    key_id: KeyIdPath,
    caller: Annotated[Caller, needs("keys:write", owner_only=True)],
    ctx: Ctx,
    session: WriteSession,
    body: RotateIn | None = None,
) -> ApiKeyCreated:
    """A new secret, in the answer this once; the one in use keeps working for
    ``overlap_seconds`` (24 hours unless said), so the integration can move over without a gap."""
    _own_key(session, caller, key_id, for_update=True)
    overlap = (body or RotateIn()).overlap_seconds
    issued = api_keys.rotate(
        session,
        caller.org_id,
        key_id,
        pepper=ctx.keys.api_key_pepper,
        overlap=timedelta(seconds=overlap),
        now=ctx.now(),
    )
    return _created(issued, reports.store_codes(session, caller.org_id))


@router.delete("/{key_id}", response_model=ApiKeyOut, responses=_NOT_FOUND)
def revoke_api_key(
    key_id: KeyIdPath,
    caller: Annotated[Caller, needs("keys:write", owner_only=True)],
    ctx: Ctx,
    session: WriteSession,
) -> ApiKeyOut:
    """Revoke at once: the key's next request is refused (``auth.api_key_revoked``). Idempotent."""
    _own_key(session, caller, key_id, for_update=True)
    key = api_keys.revoke(session, caller.org_id, key_id, ctx.now())
    return key_out(key, reports.store_codes(session, caller.org_id))
