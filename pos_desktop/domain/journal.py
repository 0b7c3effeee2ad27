"""The audit journal's chain: what an entry is, how it is hashed, how a chain is checked.

Each till keeps one append-only journal of sensitive actions. Entries are numbered without gaps
and each one's hash covers its own content and the previous entry's hash, so editing, deleting or
reordering any entry breaks every hash after it. The first entry hangs off a genesis value made
from the journal's id, so a chain cannot be transplanted onto another till's journal.

The till checks its own chain (``pos-desktop journal verify``) and the cloud checks every entry
on arrival with the same code, so both agree byte for byte on what a valid entry is. This is
tamper-evidence, not tamper-proofing: someone with the database can rewrite the whole local chain,
but not the part the cloud already holds.

A database restore rewinds the local chain to the backup, while the cloud may already hold later
entries of it; appending to it again would give sequence numbers the cloud has with other hashes.
So a restored till starts a new journal id: its first entry (kind ``restore``) hangs off the new
id's genesis, carries a sequence number after everything the till and the cloud had seen, and
records the previous journal id and where it ended. A chain may begin at such an entry; every
other chain begins at 1 (``chain_start``).
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

HASH_LENGTH = 64


class JournalKind(enum.StrEnum):
    SALE = "sale"
    REFUND = "refund"
    LINE_VOID = "line_void"
    SALE_CANCEL = "sale_cancel"
    APPROVAL = "approval"
    DRAWER_OPEN = "drawer_open"
    SHIFT_OPEN = "shift_open"
    SHIFT_CLOSE = "shift_close"
    CASH_IN = "cash_in"
    CASH_OUT = "cash_out"
    X_REPORT = "x_report"
    Z_REPORT = "z_report"
    PRICE_CHANGE = "price_change"
    SETTINGS_CHANGE = "settings_change"
    USER_UNLOCK = "user_unlock"
    SALE_HOLD = "sale_hold"
    SALE_RECALL = "sale_recall"
    REPRINT = "reprint"
    PRICE_OVERRIDE = "price_override"
    DISCOUNT = "discount"
    MANUAL_WEIGHT = "manual_weight"
    PIN_CHANGE = "pin_change"
    """A member changed their own PIN at this till (the change id and their cloud id)."""
    RESTORE = "restore"
    """First entry of a journal continued after a database restore (see the module doc)."""


def canonical_data(data: Mapping[str, Any]) -> str:
    """The one text form of an entry's data: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def genesis_hash(journal_id: str) -> str:
    return hashlib.sha256(f"pos-journal:{journal_id}".encode()).hexdigest()


def entry_hash(
    *,
    journal_id: str,
    seq: int,
    kind: str,
    at: str,
    actor: str,
    approver: str | None,
    data: str,
    prev_hash: str,
) -> str:
    """SHA-256 over the entry's fields joined unambiguously (JSON array), and the previous hash.

    ``at`` and ``data`` are hashed as the exact stored text, so the check never depends on how a
    time or a JSON document would be re-formatted.
    """
    material = json.dumps(
        [journal_id, seq, kind, at, actor, approver or "", data, prev_hash],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def format_at(at: datetime) -> str:
    """An instant as the journal stores and hashes it: UTC ISO-8601 with microseconds."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("journal times must be timezone-aware")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class JournalEntry:
    seq: int
    kind: str
    at: str
    """UTC ISO text, as hashed (see ``format_at``)."""
    actor: str
    approver: str | None
    data: str
    """Canonical JSON text, as hashed (see ``canonical_data``)."""
    prev_hash: str
    hash: str

    def expected_hash(self, journal_id: str) -> str:
        return entry_hash(
            journal_id=journal_id,
            seq=self.seq,
            kind=self.kind,
            at=self.at,
            actor=self.actor,
            approver=self.approver,
            data=self.data,
            prev_hash=self.prev_hash,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "kind": self.kind,
            "at": self.at,
            "actor": self.actor,
            "approver": self.approver,
            "data": self.data,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> JournalEntry:
        approver = raw.get("approver")
        return JournalEntry(
            seq=int(raw["seq"]),
            kind=str(raw["kind"]),
            at=str(raw["at"]),
            actor=str(raw["actor"]),
            approver=None if approver in (None, "") else str(approver),
            data=str(raw["data"]),
            prev_hash=str(raw["prev_hash"]),
            hash=str(raw["hash"]),
        )


def make_entry(
    *,
    journal_id: str,
    seq: int,
    kind: str,
    at: datetime,
    actor: str,
    approver: str | None,
    data: Mapping[str, Any],
    prev_hash: str,
) -> JournalEntry:
    at_text = format_at(at)
    data_text = canonical_data(data)
    return JournalEntry(
        seq=seq,
        kind=kind,
        at=at_text,
        actor=actor,
        approver=approver or None,
        data=data_text,
        prev_hash=prev_hash,
        hash=entry_hash(
            journal_id=journal_id,
            seq=seq,
            kind=kind,
            at=at_text,
            actor=actor,
            approver=approver,
            data=data_text,
            prev_hash=prev_hash,
        ),
    )


class FaultKind(enum.StrEnum):
    GAP = "gap"
    """A sequence number is missing (an entry was deleted, or never arrived)."""
    BREAK = "break"
    """An entry does not point at the hash of the one before it."""
    TAMPERED = "tampered"
    """An entry's content no longer matches its own hash (it was edited)."""


@dataclass(frozen=True, slots=True)
class ChainFault:
    seq: int
    kind: FaultKind
    detail: str


def check_entry(
    entry: JournalEntry, journal_id: str, prev_seq: int, prev_hash: str
) -> ChainFault | None:
    """The first thing wrong with ``entry`` as the successor of (``prev_seq``, ``prev_hash``)."""
    if entry.seq != prev_seq + 1:
        return ChainFault(
            entry.seq, FaultKind.GAP, f"expected entry {prev_seq + 1}, found {entry.seq}"
        )
    if entry.hash != entry.expected_hash(journal_id):
        return ChainFault(entry.seq, FaultKind.TAMPERED, "the entry does not match its hash")
    if entry.prev_hash != prev_hash:
        return ChainFault(
            entry.seq, FaultKind.BREAK, "the entry does not follow the hash of the one before"
        )
    return None


def chain_start(seq: int, kind: str) -> int:
    """The ``seq`` a chain whose first entry is (``seq``, ``kind``) is counted from (the entry
    before it): 0, or just before a ``restore`` entry, which continues another journal's
    numbering."""
    return seq - 1 if kind == JournalKind.RESTORE else 0


def verify_chain(
    entries: Iterable[JournalEntry],
    journal_id: str,
    *,
    after_seq: int = 0,
    after_hash: str | None = None,
) -> ChainFault | None:
    """The first fault in ``entries`` (in ``seq`` order), or ``None`` when the chain holds.

    ``after_seq``/``after_hash`` continue a chain already checked (the cloud checks each batch
    against the last entry it stored); by default the chain starts at its genesis.
    """
    prev_seq = after_seq
    prev_hash = after_hash if after_hash is not None else genesis_hash(journal_id)
    for entry in entries:
        fault = check_entry(entry, journal_id, prev_seq, prev_hash)
        if fault is not None:
            return fault
        prev_seq, prev_hash = entry.seq, entry.hash
    return None
