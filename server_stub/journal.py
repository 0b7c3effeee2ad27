"""Tills' audit journals in the cloud: stored as sent, checked link by link on arrival.

The cloud never refuses an entry it can read, because a journal that went wrong on the till is
exactly what the owner must see: each entry is checked with the till's own chain code
(``pos_desktop.domain.journal``) against the entry stored before it, and what does not hold
(a missing sequence number, an entry that does not follow its predecessor's hash, an entry whose
content no longer matches its own hash) is stored anyway and raises a ``journal_alerts`` row
(and, in the same transaction, a journal.alert webhook event when an endpoint wants it).
An entry whose sequence number is already stored with another hash is a conflict: the stored one
stays, nothing is overwritten, and an alert says so. A journal whose first entry is a ``restore``
entry (a till continuing under a new id after a database restore) is counted from that entry's
number, not from 1 (``domain.journal.chain_start``), so it is a new chain, not a gap.

A journal id belongs to the till that first sent it; another till (or store) sending entries under
that id is refused. Batches of one journal are serialized by the journal's first stored entry
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite has one writer), so two workers handling the same
till's retries cannot both think they are first.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from pos_desktop.domain.journal import (
    HASH_LENGTH,
    FaultKind,
    JournalEntry,
    chain_start,
    check_entry,
    genesis_hash,
)
from server_stub.models import JournalAlert, JournalEntryRow, new_id
from server_stub.rollup_writes import enqueue
from server_stub.rollups import VOID_KINDS, Deltas, zone_of
from server_stub.schemas import DocumentAck, validation_reason
from server_stub.submitter import Submitter
from server_stub.webhooks import sources

log = logging.getLogger(__name__)

FLAG_CONFLICT = "conflict"


class JournalEntryIn(BaseModel):
    journal_id: str = Field(min_length=8, max_length=64, pattern=r"^[0-9a-zA-Z_-]+$")
    seq: int = Field(ge=1, le=2**53)
    kind: str = Field(min_length=1, max_length=32)
    at: str = Field(min_length=10, max_length=40)
    actor: str = Field(max_length=64)
    approver: str | None = Field(default=None, max_length=64)
    data: str = Field(max_length=200_000)
    prev_hash: str = Field(min_length=HASH_LENGTH, max_length=HASH_LENGTH)
    hash: str = Field(min_length=HASH_LENGTH, max_length=HASH_LENGTH)


def _ack(
    seq: object,
    status: Literal["accepted", "duplicate", "conflict", "rejected"],
    reason: str | None = None,
    flags: Sequence[str] = (),
) -> DocumentAck:
    return DocumentAck(
        id=None if seq is None else str(seq),
        status=status,
        reason=reason,
        flags=list(flags),
    )


def _alert(
    session: Session,
    submitter: Submitter,
    journal_id: str,
    seq: int,
    kind: str,
    detail: str,
    now: datetime,
) -> None:
    log.warning(
        "journal %s of %s/%s: %s at entry %d: %s",
        journal_id,
        submitter.store.code,
        submitter.till_code,
        kind,
        seq,
        detail,
    )
    alert = JournalAlert(
        org_id=submitter.org_id,
        alert_id=new_id(),
        journal_id=journal_id,
        store_id=submitter.store.store_id,
        till_code=submitter.till_code,
        seq=seq,
        kind=kind,
        detail=detail[:2000],
        detected_at=now,
    )
    session.add(alert)
    told = {"alert_id": alert.alert_id, "journal_id": journal_id, "seq": seq, "kind": kind}
    sources.journal_alert(session, submitter, {**told, "detail": alert.detail}, now)


def _parse(raw: Any) -> JournalEntryIn | str:
    if not isinstance(raw, dict):
        return "a journal entry must be a JSON object"
    try:
        return JournalEntryIn.model_validate(raw)
    except ValidationError as exc:
        return validation_reason(exc, whole="entry")


def ingest_entries(
    session: Session, submitter: Submitter, documents: list[Any], now: datetime
) -> list[DocumentAck]:
    """Store a batch of one till's journal entries; one answer per entry, in order. Commits."""
    acks: list[DocumentAck | None] = [None] * len(documents)
    parsed: dict[str, list[tuple[int, JournalEntryIn]]] = {}
    for index, raw in enumerate(documents):
        entry = _parse(raw)
        if isinstance(entry, str):
            seq = raw.get("seq") if isinstance(raw, dict) else None
            acks[index] = _ack(seq if isinstance(seq, int) else None, "rejected", entry)
            continue
        parsed.setdefault(entry.journal_id, []).append((index, entry))
    for journal_id, items in parsed.items():
        for index, ack in _ingest_journal(session, submitter, journal_id, items, now):
            acks[index] = ack
    session.commit()
    return [a for a in acks if a is not None]


def _owner(session: Session, org_id: str, journal_id: str) -> JournalEntryRow | None:
    query = (
        select(JournalEntryRow)
        .where(JournalEntryRow.org_id == org_id, JournalEntryRow.journal_id == journal_id)
        .order_by(JournalEntryRow.seq)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def _ingest_journal(
    session: Session,
    submitter: Submitter,
    journal_id: str,
    items: list[tuple[int, JournalEntryIn]],
    now: datetime,
) -> list[tuple[int, DocumentAck]]:
    first = _owner(session, submitter.org_id, journal_id)
    if first is not None and (
        first.store_id != submitter.store.store_id or first.till_code != submitter.till_code
    ):
        reason = "this journal belongs to another till"
        return [(index, _ack(e.seq, "rejected", reason)) for index, e in items]
    items = sorted(items, key=lambda item: item[1].seq)
    existing = _stored(session, submitter.org_id, journal_id, [e.seq for _, e in items])
    prev_seq, prev_hash = _link_before(session, submitter.org_id, journal_id, items[0][1])
    answers: list[tuple[int, DocumentAck]] = []
    seen: dict[int, str] = {}
    rows: list[dict[str, Any]] = []
    for index, e in items:
        stored = existing.get(e.seq)
        stored_hash = stored.hash if stored is not None else seen.get(e.seq)
        if stored_hash is not None:
            answers.append((index, _again(session, submitter, journal_id, e, stored_hash, now)))
            if stored is not None:
                prev_seq, prev_hash = stored.seq, stored.hash
            continue
        flags = _check_link(session, submitter, journal_id, e, (prev_seq, prev_hash), now)
        rows.append(_entry_row(submitter, journal_id, e, now))
        seen[e.seq] = e.hash
        prev_seq, prev_hash = e.seq, e.hash
        answers.append((index, _ack(e.seq, "accepted", flags=flags)))
    if rows:
        # One executemany for the batch: a till catching up sends thousands of entries.
        session.execute(insert(JournalEntryRow), rows)
        _add_voids_to_rollups(session, submitter, rows)
    session.flush()
    return answers


def _add_voids_to_rollups(
    session: Session, submitter: Submitter, rows: list[dict[str, Any]]
) -> None:
    """Line voids and cancelled sales stored now count in the rollups (``server_stub.rollups``)."""
    deltas = Deltas(submitter.org_id)
    zone = zone_of(submitter.store)
    for row in rows:
        if row["kind"] in VOID_KINDS:
            deltas.add_void(
                row["store_id"], zone, row["kind"], row["at"], row["actor_code"], row["data"]
            )
    if not deltas.is_empty():
        enqueue(session, deltas)


def _stored(
    session: Session, org_id: str, journal_id: str, seqs: list[int]
) -> dict[int, JournalEntryRow]:
    """The entries of ``journal_id`` already stored under the numbers ``seqs``."""
    return {
        row.seq: row
        for row in session.execute(
            select(JournalEntryRow).where(
                JournalEntryRow.org_id == org_id,
                JournalEntryRow.journal_id == journal_id,
                JournalEntryRow.seq.in_(seqs),
            )
        ).scalars()
    }


def _link_before(
    session: Session, org_id: str, journal_id: str, opening: JournalEntryIn
) -> tuple[int, str]:
    """``(seq, hash)`` the batch's first entry ``opening`` must follow: the newest entry stored
    before it, or the chain's start when there is none."""
    before = session.execute(
        select(JournalEntryRow)
        .where(
            JournalEntryRow.org_id == org_id,
            JournalEntryRow.journal_id == journal_id,
            JournalEntryRow.seq < opening.seq,
        )
        .order_by(JournalEntryRow.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    if before is None:
        return chain_start(opening.seq, opening.kind), genesis_hash(journal_id)
    return before.seq, before.hash


def _again(
    session: Session,
    submitter: Submitter,
    journal_id: str,
    e: JournalEntryIn,
    stored_hash: str,
    now: datetime,
) -> DocumentAck:
    """The answer to an entry whose number is stored already: a duplicate, or a conflict."""
    if stored_hash == e.hash:
        return _ack(e.seq, "duplicate")
    _alert(
        session,
        submitter,
        journal_id,
        e.seq,
        FLAG_CONFLICT,
        "an entry with this number is already stored with other content",
        now,
    )
    return _ack(e.seq, "conflict", "another entry with this number is stored")


def _check_link(
    session: Session,
    submitter: Submitter,
    journal_id: str,
    e: JournalEntryIn,
    prev: tuple[int, str],
    now: datetime,
) -> list[str]:
    """Check ``e`` against the entry before it (``prev``: its seq and hash); an alert for each
    fault, whose kinds are returned as the entry's flags."""
    entry = JournalEntry(
        seq=e.seq,
        kind=e.kind,
        at=e.at,
        actor=e.actor,
        approver=e.approver or None,
        data=e.data,
        prev_hash=e.prev_hash,
        hash=e.hash,
    )
    flags: list[str] = []
    fault = check_entry(entry, journal_id, *prev)
    if fault is not None and fault.kind is FaultKind.GAP:
        _alert(session, submitter, journal_id, e.seq, fault.kind, fault.detail, now)
        flags.append(fault.kind.value)
        # Past the gap, the entry can still be checked against itself.
        fault = check_entry(entry, journal_id, e.seq - 1, e.prev_hash)
    if fault is not None:
        _alert(session, submitter, journal_id, e.seq, fault.kind, fault.detail, now)
        flags.append(fault.kind.value)
    return flags


def _entry_row(
    submitter: Submitter, journal_id: str, e: JournalEntryIn, now: datetime
) -> dict[str, Any]:
    return {
        "org_id": submitter.org_id,
        "journal_id": journal_id,
        "seq": e.seq,
        "store_id": submitter.store.store_id,
        "device_id": submitter.device_id,
        "till_code": submitter.till_code,
        "kind": e.kind,
        "at": e.at,
        "actor_code": e.actor,
        "approver_code": e.approver or None,
        "data": e.data,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
        "received_at": now,
    }


def list_entries(
    session: Session,
    org_id: str,
    store_ids: frozenset[str] | None,
    till: str | None,
    kind: str | None,
    after_seq: int,
    limit: int,
    *,
    after: tuple[str, int] | None = None,
) -> list[JournalEntryRow]:
    """By journal and sequence; ``after``: only entries past that ``(journal_id, seq)`` (the
    owner API's cursor)."""
    query = select(JournalEntryRow).where(
        JournalEntryRow.org_id == org_id, JournalEntryRow.seq > after_seq
    )
    if after is not None:
        query = query.where(tuple_(JournalEntryRow.journal_id, JournalEntryRow.seq) > after)
    if store_ids is not None:
        query = query.where(JournalEntryRow.store_id.in_(sorted(store_ids)))
    if till is not None:
        query = query.where(JournalEntryRow.till_code == till)
    if kind is not None:
        query = query.where(JournalEntryRow.kind == kind)
    query = query.order_by(JournalEntryRow.journal_id, JournalEntryRow.seq).limit(limit)
    return list(session.execute(query).scalars())
