"""The till's audit journal in SQLite, and the named counters that number its documents.

``append`` is called inside the write transaction of the action it records (a sale, a refund, a
shift close ...), so the action and its entry commit together or not at all: there is never a
sale without its entry, nor an entry for a sale that rolled back. Writers hold SQLite's write
lock (``BEGIN IMMEDIATE``) while they read the last entry and insert the next, so numbering is
gap-free without any other locking.

Nothing in the till updates or deletes journal rows. ``verify`` recomputes the chain with the
same code the cloud uses (``domain.journal``) and names the first bad entry.

After a database restore the till continues under a new journal id (``start_segment``): the
cloud may hold entries of the old journal past the backup, and reusing their sequence numbers
with other content would be a conflict. The ``restore`` entry that opens the new id is numbered
after the highest sequence the till or the cloud has seen, hangs off the new id's genesis hash,
and names the previous id and its last local entry; ``journal_meta`` then holds the new id.
One table keeps every segment: entries before a ``restore`` entry belong to the id it names as
previous, so ``outgoing`` sends each entry under the id it was hashed with and ``verify``
checks each segment from its own genesis and the links between them.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, text, update
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.journal import (
    ChainFault,
    FaultKind,
    JournalEntry,
    JournalKind,
    check_entry,
    genesis_hash,
    make_entry,
)
from pos_desktop.localdb.models import JournalMetaRow
from pos_desktop.localdb.transactions import read_session, write_session

log = logging.getLogger(__name__)

META_ID = 1
SYSTEM_ACTOR = "system"
"""``actor`` of entries no person caused (a catalog page received from the cloud)."""

_BUMP = text("UPDATE counters SET last_no = last_no + 1 WHERE name = :name RETURNING last_no")
_FIRST = text("INSERT INTO counters (name, last_no) VALUES (:name, 1)")


def bump_counter(session: Session, name: str) -> int:
    """The next number of counter ``name`` (1 first), inside the caller's write transaction.

    Rolled back with the transaction, so numbers stay gap-free like receipt numbers.
    """
    bumped = session.execute(_BUMP, {"name": name}).scalar_one_or_none()
    if bumped is not None:
        return int(bumped)
    session.execute(_FIRST, {"name": name})
    return 1


def peek_counter(session: Session, name: str) -> int:
    value = session.execute(
        text("SELECT last_no FROM counters WHERE name = :name"), {"name": name}
    ).scalar_one_or_none()
    return int(value or 0)


_JOURNAL_ID = text("SELECT journal_id FROM journal_meta WHERE id = 1")
_LAST = text("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
_INSERT = text(
    "INSERT INTO journal (seq, kind, at, actor_code, approver_code, data, prev_hash, hash)"
    " VALUES (:seq, :kind, :at, :actor, :approver, :data, :prev_hash, :hash)"
)


def journal_id(session: Session) -> str:
    """This till's journal id, made on first use (inside a write transaction)."""
    found = session.execute(_JOURNAL_ID).scalar_one_or_none()
    if found is not None:
        return str(found)
    new = uuid.uuid4().hex
    session.execute(insert(JournalMetaRow).values(id=META_ID, journal_id=new, synced_seq=0))
    log.info("audit journal %s started", new)
    return new


def journal_id_or_none(session: Session) -> str | None:
    """This till's journal id without making one (read transactions)."""
    row = session.get(JournalMetaRow, META_ID)
    return None if row is None else row.journal_id


_COLUMNS = "seq, kind, at, actor_code, approver_code, data, prev_hash, hash"


def _entry(row: Any) -> JournalEntry:
    """A row of ``_COLUMNS`` as an entry (plain tuples: the relay reads thousands at a time)."""
    return JournalEntry(
        seq=int(row[0]),
        kind=str(row[1]),
        at=str(row[2]),
        actor=str(row[3]),
        approver=None if row[4] is None else str(row[4]),
        data=str(row[5]),
        prev_hash=str(row[6]),
        hash=str(row[7]),
    )


def last_entry(session: Session) -> JournalEntry | None:
    row = session.execute(
        text(f"SELECT {_COLUMNS} FROM journal ORDER BY seq DESC LIMIT 1")  # noqa: S608
    ).first()
    return None if row is None else _entry(row)


def append(
    session: Session,
    kind: str,
    *,
    at: datetime,
    actor: str,
    approver: str | None = None,
    data: Mapping[str, Any],
) -> JournalEntry:
    """Add the next entry (inside the caller's write transaction) and return it.

    Plain SQL on the hot path: every sale commit runs this, and the fsync at COMMIT is the only
    cost a cashier should wait for.
    """
    jid = journal_id(session)
    last = session.execute(_LAST).first()
    entry = make_entry(
        journal_id=jid,
        seq=1 if last is None else int(last[0]) + 1,
        kind=str(kind),
        at=at,
        actor=actor,
        approver=approver,
        data=data,
        prev_hash=genesis_hash(jid) if last is None else str(last[1]),
    )
    session.execute(_INSERT, entry.to_json())
    return entry


def last_seq(session: Session) -> int:
    """The sequence number of the newest entry (0 for an empty journal)."""
    row = session.execute(_LAST).first()
    return 0 if row is None else int(row[0])


def start_segment(
    session: Session,
    *,
    at: datetime,
    actor: str,
    after_seq: int,
    data: Mapping[str, Any],
) -> JournalEntry:
    """Continue under a new journal id after a restore (caller's write transaction).

    The new id's first entry is a ``restore`` entry numbered after both this journal's last
    entry and ``after_seq`` (the highest sequence the cloud holds for this till, 0 if unknown).
    """
    old = journal_id_or_none(session)
    previous = last_seq(session)
    new = uuid.uuid4().hex
    entry = make_entry(
        journal_id=new,
        seq=max(previous, after_seq) + 1,
        kind=JournalKind.RESTORE,
        at=at,
        actor=actor,
        approver=None,
        data={**data, "journal_id": new, "previous_journal_id": old, "previous_seq": previous},
        prev_hash=genesis_hash(new),
    )
    if old is None:
        session.execute(insert(JournalMetaRow).values(id=META_ID, journal_id=new, synced_seq=0))
    else:
        session.execute(
            update(JournalMetaRow).where(JournalMetaRow.id == META_ID).values(journal_id=new)
        )
    session.execute(_INSERT, entry.to_json())
    log.warning(
        "audit journal continues as %s from entry %d (was %s, last entry %d)",
        new,
        entry.seq,
        old,
        previous,
    )
    return entry


def _restores(session: Session, after_seq: int) -> list[tuple[int, dict[str, Any]]]:
    """The ``restore`` entries after ``after_seq`` (a range scan of the rows not sent yet)."""
    rows = session.execute(
        text("SELECT seq, data FROM journal WHERE seq > :after AND kind = :kind ORDER BY seq"),
        {"after": after_seq, "kind": JournalKind.RESTORE.value},
    ).all()
    return [(int(r[0]), json.loads(str(r[1]))) for r in rows]


def entries(
    session: Session, *, after_seq: int = 0, limit: int | None = None
) -> list[JournalEntry]:
    rows = session.execute(
        text(
            f"SELECT {_COLUMNS} FROM journal WHERE seq > :after"  # noqa: S608
            " ORDER BY seq LIMIT :limit"
        ),
        {"after": after_seq, "limit": -1 if limit is None else limit},
    ).all()
    return [_entry(row) for row in rows]


def outgoing(
    session: Session, journal_id: str, after_seq: int, limit: int
) -> list[tuple[int, str]]:
    """Entries after ``after_seq`` as the JSON documents the cloud takes, built by SQLite.

    The relay sends tens of thousands of these after a long offline spell; building them in C
    keeps the sync thread from holding the GIL while the cashier scans. One batch never spans
    a restore: entries before a ``restore`` entry go under the id it names as previous.
    """
    before = 2**62
    restores = _restores(session, after_seq)
    if restores:
        first_seq, first = restores[0]
        if after_seq + 1 < first_seq and _any_between(session, after_seq, first_seq):
            journal_id, before = str(first.get("previous_journal_id") or journal_id), first_seq
        else:
            journal_id = str(first.get("journal_id") or journal_id)
            if len(restores) > 1:
                before = restores[1][0]
    rows = session.execute(
        text(
            "SELECT seq, json_object('journal_id', :jid, 'seq', seq, 'kind', kind, 'at', at,"
            " 'actor', actor_code, 'approver', approver_code, 'data', data,"
            " 'prev_hash', prev_hash, 'hash', hash)"
            " FROM journal WHERE seq > :after AND seq < :before ORDER BY seq LIMIT :limit"
        ),
        {"jid": journal_id, "after": after_seq, "before": before, "limit": limit},
    ).all()
    return [(int(r[0]), str(r[1])) for r in rows]


def _any_between(session: Session, after_seq: int, before_seq: int) -> bool:
    found = session.execute(
        text("SELECT 1 FROM journal WHERE seq > :after AND seq < :before LIMIT 1"),
        {"after": after_seq, "before": before_seq},
    ).first()
    return found is not None


def iter_entries(session: Session, batch: int = 5000) -> Iterator[JournalEntry]:
    after = 0
    while True:
        chunk = entries(session, after_seq=after, limit=batch)
        if not chunk:
            return
        yield from chunk
        after = chunk[-1].seq


@dataclass(frozen=True, slots=True)
class VerifyResult:
    journal_id: str | None
    entries: int
    fault: ChainFault | None


def verify(session: Session) -> VerifyResult:
    """Check the whole local chain; the first fault, if any."""
    meta = session.get(JournalMetaRow, META_ID)
    if meta is None:
        count = session.execute(text("SELECT count(*) FROM journal")).scalar_one()
        if count:
            missing = ChainFault(1, FaultKind.TAMPERED, "the journal's id record is missing")
            return VerifyResult(None, int(count), missing)
        return VerifyResult(None, 0, None)
    restores = _restores(session, 0)
    current = str(restores[0][1].get("previous_journal_id") or "") if restores else meta.journal_id
    prev_seq, prev_hash = 0, genesis_hash(current)
    counted = 0
    for entry in iter_entries(session):
        counted += 1
        if entry.kind == JournalKind.RESTORE:
            fault, current = _check_restore(entry, current, prev_seq)
            if fault is not None:
                return VerifyResult(meta.journal_id, counted, fault)
            prev_seq, prev_hash = entry.seq - 1, genesis_hash(current)
        fault = check_entry(entry, current, prev_seq, prev_hash)
        if fault is not None:
            return VerifyResult(meta.journal_id, counted, fault)
        prev_seq, prev_hash = entry.seq, entry.hash
    if current != meta.journal_id:
        fault = ChainFault(
            prev_seq, FaultKind.TAMPERED, "the journal's id record names another journal"
        )
        return VerifyResult(meta.journal_id, counted, fault)
    return VerifyResult(meta.journal_id, counted, None)


def _check_restore(
    entry: JournalEntry, current: str, prev_seq: int
) -> tuple[ChainFault | None, str]:
    """A ``restore`` entry must name the journal and entry it follows; returns its new id."""
    try:
        data = json.loads(entry.data)
        new = str(data["journal_id"])
        previous = data.get("previous_journal_id") or ""
        previous_seq = int(data.get("previous_seq", -1))
    except (ValueError, KeyError, TypeError):
        return ChainFault(
            entry.seq, FaultKind.TAMPERED, "the restore entry cannot be read"
        ), current
    if previous != current or previous_seq != prev_seq or entry.seq <= prev_seq:
        detail = f"the restore entry does not follow journal {current or '-'} at entry {prev_seq}"
        return ChainFault(entry.seq, FaultKind.BREAK, detail), new
    return None, new


def synced_seq(session: Session) -> int:
    meta = session.get(JournalMetaRow, META_ID)
    return 0 if meta is None else meta.synced_seq


def mark_synced(session: Session, seq: int) -> None:
    """Record that the cloud holds the journal up to ``seq`` (never moves backwards)."""
    session.execute(
        update(JournalMetaRow)
        .where(JournalMetaRow.id == META_ID, JournalMetaRow.synced_seq < seq)
        .values(synced_seq=seq)
    )


class SqlJournal:
    """The journal for callers outside a transaction (CLI, sync, tests)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def record(
        self,
        kind: str,
        *,
        at: datetime,
        actor: str,
        approver: str | None = None,
        data: Mapping[str, Any],
    ) -> JournalEntry:
        with write_session(self._sessions, f"journal {kind}") as session:
            return append(session, kind, at=at, actor=actor, approver=approver, data=data)

    def verify(self) -> VerifyResult:
        with read_session(self._sessions, "journal verify") as session:
            return verify(session)

    def entries(self, after_seq: int = 0, limit: int | None = None) -> list[JournalEntry]:
        with read_session(self._sessions, "journal read") as session:
            return entries(session, after_seq=after_seq, limit=limit)
