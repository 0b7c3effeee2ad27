"""Stores of the caller's organization."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from server_stub import tenancy
from server_stub.api import pages
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import StoreCodePath
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, key_store_ids, needs, refuse_store_limited, require_store
from server_stub.models import Store
from server_stub.schemas import StoreIn, StoreOut, StorePatch

router = APIRouter(prefix="/v1/stores", tags=["stores"])


def store_out(store: Store) -> StoreOut:
    return StoreOut(
        store_id=store.store_id,
        code=store.code,
        name=store.name,
        address=store.address,
        legal_name=store.legal_name,
        npwp=store.npwp,
        phone=store.phone,
        receipt_header=list(store.receipt_header),
        receipt_footer=list(store.receipt_footer),
        currency=store.currency,
        ppn_enabled=store.ppn_enabled,
        prices_include_tax=store.prices_include_tax,
        rounding_step=store.rounding_step,
        profile_version=store.profile_version,
        profile_updated_at=store.profile_updated_at,
    )


class StorePage(Page[StoreOut]):
    """Stores by code."""


@router.get("", response_model=StorePage)
def list_stores(
    user: Annotated[Caller, needs("stores:read")],
    session: ReadSession,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> StorePage:
    query = select(Store).where(Store.org_id == user.org_id)
    allowed = key_store_ids(user)
    if allowed is not None:
        query = query.where(Store.store_id.in_(sorted(allowed)))
    if cursor is not None:
        query = query.where(pages.after([Store.code], pages.decode(cursor, [str])))
    rows = list(session.execute(query.order_by(Store.code).limit(limit + 1)).scalars())
    found, next_cursor = pages.cut(rows, limit, lambda s: [s.code])
    return StorePage(items=[store_out(s) for s in found], next_cursor=next_cursor)


@router.post(
    "",
    response_model=StoreOut,
    status_code=201,
    responses=errors(409, s409="The store code is taken"),
)
def create_store(
    body: StoreIn, user: Annotated[Caller, needs("stores:write")], ctx: Ctx, session: WriteSession
) -> StoreOut:
    """A new store (an API key limited to stores may not make one)."""
    refuse_store_limited(user, "make stores")
    store = tenancy.create_store(
        session,
        user.org_id,
        code=body.code,
        name=body.name,
        address=body.address,
        legal_name=body.legal_name,
        npwp=body.npwp,
        phone=body.phone,
        receipt_header=body.receipt_header,
        receipt_footer=body.receipt_footer,
        ppn_enabled=body.ppn_enabled,
        prices_include_tax=body.prices_include_tax,
        rounding_step=int(body.rounding_step),
        now=ctx.now(),
    )
    return store_out(store)


@router.get("/{code}", response_model=StoreOut)
def get_store(
    code: StoreCodePath, user: Annotated[Caller, needs("stores:read")], session: ReadSession
) -> StoreOut:
    return store_out(require_store(session, user, code, key_store_ids(user)))


@router.patch("/{code}", response_model=StoreOut)
def update_store(
    code: StoreCodePath,
    body: StorePatch,
    user: Annotated[Caller, needs("stores:write")],
    ctx: Ctx,
    session: WriteSession,
) -> StoreOut:
    """Change the store's profile. Every running till applies a change at its next pull, from
    its next sale on; each change is a new ``profile_version`` (a request that changes nothing
    keeps the version)."""
    require_store(session, user, code, key_store_ids(user))
    changes = {
        key: int(value) if key == "rounding_step" else value
        for key, value in body.model_dump(exclude_unset=True).items()
        if value is not None
    }
    store = tenancy.update_store(session, user.org_id, code, changes, ctx.now())
    return store_out(store)
