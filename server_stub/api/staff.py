"""Staff of the organization's stores (owner API) and PIN changes made at a till (sync)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy.orm import Session

from server_stub import staff
from server_stub.api import pages
from server_stub.api.deps import (
    Ctx,
    ReadSession,
    SubmittingTill,
    WriteSession,
    limit_batch,
)
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import OptionalStoreCode
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, key_store_ids, needs, store_codes
from server_stub.core.problems import Problem
from server_stub.schemas import DocumentBatchIn, DocumentBatchOut
from server_stub.staff import PinIn, StaffIn, StaffOut, StaffPatch

router = APIRouter(tags=["staff"])


def _staff_reader(user: Annotated[Caller, needs("staff:read")]) -> Caller:
    if user.key is None:
        staff.require_staff_manager(user.role)
    return user


def _staff_writer(user: Annotated[Caller, needs("staff:write")]) -> Caller:
    if user.key is None:
        staff.require_staff_manager(user.role)
    return user


StaffReader = Annotated[Caller, Depends(_staff_reader)]
StaffManager = Annotated[Caller, Depends(_staff_writer)]
"""The owner-API caller of the staff routes: checked once here, not in each route. People
manage the staff of every store (see ``server_stub.staff``); an API key limited to stores sees
the members who work in one of them and changes only those who work in none other."""


def _key_codes(session: Session, user: Caller) -> frozenset[str] | None:
    limit = key_store_ids(user)
    return store_codes(session, user.org_id, limit) if limit is not None else None


def _check_sees(session: Session, user: Caller, member_stores: list[str]) -> None:
    if not staff.sees_member(member_stores, _key_codes(session, user)):
        raise Problem(404, "staff.not_found", "no such staff member")


def _check_manages(session: Session, user: Caller, *store_lists: list[str] | None) -> None:
    """404 for a member the key does not see; 403 for one (or stores) beyond its stores."""
    codes = _key_codes(session, user)
    if codes is None:
        return
    for stores in store_lists:
        if stores is not None and not staff.manages_member(stores, codes):
            raise Problem(
                403,
                "auth.store_limited",
                "This API key may only manage staff who work in its stores alone.",
            )


def _check_member(session: Session, user: Caller, staff_id: str) -> None:
    """For a limited key: the member must be one it sees and manages."""
    if key_store_ids(user) is None:
        return
    stores = staff.describe(session, staff.get_member(session, user.org_id, staff_id)).stores
    _check_sees(session, user, stores)
    _check_manages(session, user, stores)


StaffIdPath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9]+$")]
_NOT_FOUND = errors(404, s404="No such staff member in this organization")
_UNKNOWN_STORE = errors(422, s422="Bad PIN, role or name, or an unknown store code")


@router.post(
    "/v1/staff",
    response_model=StaffOut,
    status_code=201,
    responses=_UNKNOWN_STORE,
)
def create_staff(body: StaffIn, user: StaffManager, ctx: Ctx, session: WriteSession) -> StaffOut:
    """Add a member who logs in at the tills of ``stores`` with ``pin`` (4 to 6 digits).

    PINs need not be unique: staff pick their name first. The answer never holds the PIN.
    """
    _check_manages(session, user, list(body.stores))
    member = staff.create_member(session, user.org_id, body, ctx.now())
    return staff.describe(session, member)


class StaffPage(Page[StaffOut]):
    """Staff members by name."""


@router.get("/v1/staff", response_model=StaffPage, responses=_UNKNOWN_STORE)
def list_staff(
    user: StaffReader,
    session: ReadSession,
    store: OptionalStoreCode = None,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> StaffPage:
    """Every member, or those who work in ``store``, active or not, by name."""
    codes = _key_codes(session, user)
    if codes is not None and store is not None and store not in codes:
        raise Problem(422, "staff.unknown_store", f"no store with code {store}", stores=[store])
    members = staff.list_members(session, user.org_id, store)
    seen = [m for m in members if staff.sees_member(m.stores, codes)]
    items, next_cursor = pages.window(seen, lambda m: (m.name, m.id), [str, str], cursor, limit)
    return StaffPage(items=items, next_cursor=next_cursor)


@router.get("/v1/staff/{staff_id}", response_model=StaffOut, responses=_NOT_FOUND)
def get_staff(staff_id: StaffIdPath, user: StaffReader, session: ReadSession) -> StaffOut:
    found = staff.describe(session, staff.get_member(session, user.org_id, staff_id))
    _check_sees(session, user, found.stores)
    return found


@router.patch(
    "/v1/staff/{staff_id}", response_model=StaffOut, responses={**_NOT_FOUND, **_UNKNOWN_STORE}
)
def update_staff(
    staff_id: StaffIdPath, body: StaffPatch, user: StaffManager, ctx: Ctx, session: WriteSession
) -> StaffOut:
    """Change name, role, stores or ``active``; tills apply it at their next pull.

    Taking a store out of ``stores`` is, for that store's tills, the same as deactivating.
    """
    _check_member(session, user, staff_id)
    _check_manages(session, user, list(body.stores) if body.stores is not None else None)
    member = staff.update_member(session, user.org_id, staff_id, body, ctx.now())
    return staff.describe(session, member)


@router.post("/v1/staff/{staff_id}/deactivate", response_model=StaffOut, responses=_NOT_FOUND)
def deactivate_staff(
    staff_id: StaffIdPath, user: StaffManager, ctx: Ctx, session: WriteSession
) -> StaffOut:
    """After a till's next pull the member cannot log in there; one who is logged in is logged
    out when their current sale ends. ``PATCH`` with ``{"active": true}`` brings them back."""
    _check_member(session, user, staff_id)
    member = staff.deactivate_member(session, user.org_id, staff_id, ctx.now())
    return staff.describe(session, member)


@router.put(
    "/v1/staff/{staff_id}/pin",
    response_model=StaffOut,
    responses={**_NOT_FOUND, **errors(422, s422="The PIN is not 4 to 6 digits")},
)
def reset_staff_pin(
    staff_id: StaffIdPath, body: PinIn, user: StaffManager, ctx: Ctx, session: WriteSession
) -> StaffOut:
    """Set a new PIN (a forgotten one); the tills of the member's stores get it at their next
    pull, and it lifts a lock-out there."""
    _check_member(session, user, staff_id)
    member = staff.reset_pin(session, user.org_id, staff_id, body, ctx.now())
    return staff.describe(session, member)


@router.post(
    "/v1/sync/staff-pins",
    response_model=DocumentBatchOut,
    tags=["sync"],
    responses=errors(413, s413="Too many changes in one batch, or body too large"),
)
def push_staff_pin_changes(
    body: DocumentBatchIn, submitter: SubmittingTill, ctx: Ctx, session: WriteSession
) -> DocumentBatchOut:
    """PINs staff changed at this till: ``{id, staff_id, pin_verifier, changed_at}`` each, the
    verifier an argon2id hash made on the till (never a PIN), sent from the till's document
    outbox. One result per change, in order, under the change's ``id`` (as for refunds):
    ``accepted``, ``duplicate`` (this change was applied before: a resend), ``conflict`` with
    ``pin.superseded`` (the PIN was set again later, by the owner), ``rejected`` (unreadable, not
    an argon2id verifier, or a member not active in this till's store)."""
    limit_batch(ctx, body.documents, "changes")
    results = staff.ingest_pin_changes(session, submitter, body.documents, ctx.now())
    return DocumentBatchOut(results=results)
