"""Audit journals: tills push their entries, owners read entries and the alerts they raised."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from server_stub import alerts, journal, tenancy
from server_stub.api import pages
from server_stub.api.alerts import position
from server_stub.api.deps import (
    Ctx,
    ReadSession,
    SubmittingTill,
    WriteSession,
    limit_batch,
)
from server_stub.api.pages import Page, PageCursor
from server_stub.api.params import OptionalStoreCode, OptionalTillCode, SeqAfter
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, needs, visible_store_ids
from server_stub.core.problems import Problem
from server_stub.schemas import (
    DocumentBatchIn,
    DocumentBatchOut,
    JournalAlertOut,
    JournalEntryOut,
)

router = APIRouter(tags=["journal"])


@router.post(
    "/v1/sync/journal",
    response_model=DocumentBatchOut,
    responses=errors(413, s413="Too many entries in one batch, or body too large"),
)
def push_journal(
    body: DocumentBatchIn, submitter: SubmittingTill, ctx: Ctx, session: WriteSession
) -> DocumentBatchOut:
    """Store a till's journal entries and check each against the chain stored before it.

    Every readable entry is stored: ``accepted`` (``flags`` name a ``gap``, ``break`` or
    ``tampered`` entry, each also raised as an alert), ``duplicate`` (stored before, same hash),
    ``conflict`` (another entry with this number is stored; nothing overwritten), ``rejected``
    (unreadable, or the journal belongs to another till). ``id`` is the entry's ``seq``.
    """
    limit_batch(ctx, body.documents, "entries")
    results = journal.ingest_entries(session, submitter, body.documents, ctx.now())
    return DocumentBatchOut(results=results)


class JournalAlertPage(Page[JournalAlertOut]):
    """Journal alerts, newest first."""


class JournalEntryPage(Page[JournalEntryOut]):
    """Journal entries by journal and sequence number."""


@router.get("/v1/journal/alerts", response_model=JournalAlertPage)
def list_journal_alerts(
    user: Annotated[Caller, needs("journal:read")],
    session: ReadSession,
    store: OptionalStoreCode = None,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> JournalAlertPage:
    """Newest first: gaps, breaks, edited entries and conflicts found in tills' journals."""
    # The journal alerts of /v1/alerts, read by the same query in the same scope: a manager sees
    # only their stores' (another store's code is unknown to them), resolved or not.
    scope = alerts.Scope(user.org_id, visible_store_ids(session, user))
    store_id = None
    if store is not None:
        store_id = tenancy.require_store(session, user.org_id, store).store_id
        if not scope.sees(store_id):
            raise Problem(404, "store.not_found", f"no store with code {store}")
    start = position(cursor)
    query = alerts.AlertQuery(
        status="all", kind="journal", store_id=store_id, limit=limit, offset=start
    )
    page = alerts.list_alerts(session, scope, query)
    items = [
        JournalAlertOut(
            journal_id=a.details["journal_id"],
            store_code=a.store.code,
            till_code=a.till_code,
            seq=a.details["seq"],
            kind=a.reasons[0],
            detail=a.details["detail"],
            detected_at=a.at,
        )
        for a in page.items
    ]
    next_cursor = pages.encode([start + limit]) if page.has_more else None
    return JournalAlertPage(items=items, next_cursor=next_cursor)


@router.get("/v1/journal/entries", response_model=JournalEntryPage)
def list_journal_entries(
    user: Annotated[Caller, needs("journal:read")],
    session: ReadSession,
    store: OptionalStoreCode = None,
    till: OptionalTillCode = None,
    kind: Annotated[str | None, Query(max_length=32, pattern=r"^[a-z_]+$")] = None,
    after_seq: SeqAfter = 0,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> JournalEntryPage:
    """Journal entries as the tills recorded them (who, when, what, approved by whom)."""
    # A manager reads only their stores' entries, as in /v1/alerts and the back office.
    visible = visible_store_ids(session, user)
    store_ids = visible
    if store is not None:
        found = tenancy.require_store(session, user.org_id, store)
        if visible is not None and found.store_id not in visible:
            raise Problem(404, "store.not_found", f"no store with code {store}")
        store_ids = frozenset({found.store_id})
    stores = {s.store_id: s.code for s in tenancy.list_stores(session, user.org_id)}
    after = pages.decode(cursor, [str, int]) if cursor is not None else None
    rows = journal.list_entries(
        session, user.org_id, store_ids, till, kind, after_seq, limit + 1, after=after
    )
    entries, next_cursor = pages.cut(rows, limit, lambda e: [e.journal_id, e.seq])
    items = [
        JournalEntryOut(
            journal_id=e.journal_id,
            store_code=stores.get(e.store_id, ""),
            till_code=e.till_code,
            seq=e.seq,
            kind=e.kind,
            at=e.at,
            actor=e.actor_code,
            approver=e.approver_code,
            data=e.data,
            hash=e.hash,
        )
        for e in entries
    ]
    return JournalEntryPage(items=items, next_cursor=next_cursor)
