"""Keeping receipt and journal numbers ahead of everything this till has already issued.

A restored backup, or a database copied back by hand, holds counters from the day it was taken:
the next sale would reuse a receipt number already printed (and overwrite its receipt file), and
the next journal entry a sequence number the cloud already holds with another hash. So after any
restore, and at every start, ``settle`` compares the counters with the evidence of what was
issued: receipt files (``<receipt no>.bin`` in the receipt folders), this database's sales and
journal, and, when the cloud answered, its highest receipt number and journal sequence for this
till (``GET /v1/devices/me/counters``).

When nothing is ahead of the counters, nothing changes. When something is (or a restore marker
says the database was just restored), the database went back in time:

* with the cloud's answer, the receipt counter moves past the highest number anyone has seen
  (the cloud's series included), so numbering simply continues;
* without it, files alone cannot prove nothing else was printed, so the till starts a new
  receipt series (``S01-T01-B-000001``, see ``domain.receipt_no``) that no earlier number
  carries, kept in ``store_settings.receipt_series``;
* either way the journal continues under a new id whose first entry records the restore
  (``journal.start_segment``), numbered after the cloud's highest sequence when known.

All of it happens in one write transaction, before the till takes a sale.

Refund slips (``S01-T01-R000004``) and Z reports (``S01-T01-Z000002``) are numbered by their own
counters and leave files too; ``settle_documents`` moves those counters past the files, so a
restored till neither prints a refund number twice nor sends a Z number the cloud refuses.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from pos_desktop.domain.receipt_no import (
    ReceiptMark,
    format_receipt_no,
    highest,
    next_series,
    parse_receipt_no,
)
from pos_desktop.localdb import journal
from pos_desktop.localdb.refunds import COUNTER as REFUND_COUNTER
from pos_desktop.localdb.sales import numbering, peek_counter, raise_counter
from pos_desktop.localdb.settings import SETTINGS_ID
from pos_desktop.localdb.shifts import Z_COUNTER

DOCUMENT_COUNTERS = {"R": REFUND_COUNTER, "Z": Z_COUNTER}
"""Letter after the till code in a document's number -> the ``counters`` row numbering it."""

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CloudMarks:
    """What the cloud holds of this till: its highest receipt number and journal sequence."""

    last_receipt_no: str | None
    last_journal_seq: int | None


@dataclass(frozen=True, slots=True)
class Settlement:
    """What ``settle`` found and did."""

    store_code: str
    till_code: str
    series_before: str
    series: str
    counter_before: int
    counter: int
    rewound: bool
    """The database was behind the evidence (or had just been restored)."""
    cloud_consulted: bool
    journal_id: str | None = None
    """The new journal id, when the journal was continued under one."""
    journal_seq: int | None = None
    """The sequence number of the ``restore`` entry that opened it."""

    @property
    def new_series(self) -> bool:
        return self.series != self.series_before

    @property
    def next_receipt_no(self) -> str:
        return format_receipt_no(self.store_code, self.till_code, self.counter + 1, self.series)


@dataclass(frozen=True, slots=True)
class FileEvidence:
    """What the file names in the receipt folders show this till issued."""

    receipts: list[ReceiptMark]
    """The highest receipt counter per series (``<no>.bin``, ``<no>.copy-2.bin``)."""
    documents: dict[str, int]
    """The highest refund and Z report numbers, by the ``counters`` row numbering them."""


def evidence_in_files(folders: Iterable[Path], store_code: str, till_code: str) -> FileEvidence:
    """Receipt and document numbers among the files in ``folders``, each folder listed once (a
    receipt folder may hold a year of receipts). Other files (X reports, temporaries, another
    till's) count as neither."""
    pattern = re.compile(
        rf"^{re.escape(store_code)}-{re.escape(till_code)}-([{''.join(DOCUMENT_COUNTERS)}])(\d+)\."
    )
    receipts: dict[str, int] = {}
    documents: dict[str, int] = {}
    for name in _file_names(folders):
        if name.startswith("."):
            continue  # a temporary file, still being written
        mark = parse_receipt_no(name.split(".", 1)[0], store_code, till_code)
        if mark is not None and mark.counter > receipts.get(mark.series, -1):
            receipts[mark.series] = mark.counter
        match = pattern.match(name)
        if match is not None:
            counter = DOCUMENT_COUNTERS[match.group(1)]
            documents[counter] = max(documents.get(counter, 0), int(match.group(2)))
    return FileEvidence([ReceiptMark(s, c) for s, c in receipts.items()], documents)


def _file_names(folders: Iterable[Path]) -> Iterator[str]:
    """The names of the files in each distinct folder; a folder that cannot be read has none."""
    for folder in {Path(f) for f in folders}:
        try:
            names = [e.name for e in os.scandir(folder) if e.is_file()]
        except OSError:
            continue
        yield from names


def settle_documents(session: Session, files: Mapping[str, int]) -> dict[str, tuple[int, int]]:
    """Raise document counters to what the files show (caller's write transaction); returns
    ``{counter: (before, after)}`` for the ones that moved."""
    moved: dict[str, tuple[int, int]] = {}
    for name, highest_seen in files.items():
        before = journal.peek_counter(session, name)
        if highest_seen <= before:
            continue
        session.execute(
            text(
                "INSERT INTO counters (name, last_no) VALUES (:name, :n)"
                " ON CONFLICT (name) DO UPDATE SET last_no = max(last_no, excluded.last_no)"
            ),
            {"name": name, "n": highest_seen},
        )
        moved[name] = (before, highest_seen)
        log.warning("counter %s was behind its files: %d -> %d", name, before, highest_seen)
    return moved


def _marks(numbers: Iterable[Any], store_code: str, till_code: str) -> list[ReceiptMark]:
    found = (parse_receipt_no(str(n), store_code, till_code) for n in numbers if n is not None)
    return [m for m in found if m is not None]


def marks_in_database(session: Session, store_code: str, till_code: str) -> list[ReceiptMark]:
    """The highest receipt numbers among this database's sales and its journal's sale entries.

    Numbers of one length sort like their counters, so the maximum per length is enough.
    """
    pattern = f"{store_code}-{till_code}-*"
    sales = session.execute(
        text(
            "SELECT max(receipt_no) FROM sales WHERE receipt_no GLOB :p GROUP BY length(receipt_no)"
        ),
        {"p": pattern},
    ).scalars()
    entries = session.execute(
        text(
            "SELECT max(no) FROM (SELECT json_extract(data, '$.receipt_no') AS no FROM journal"
            " WHERE kind = 'sale') WHERE no GLOB :p GROUP BY length(no)"
        ),
        {"p": pattern},
    ).scalars()
    return _marks([*sales, *entries], store_code, till_code)


def behind(session: Session, files: Iterable[ReceiptMark]) -> bool:
    """Whether the receipt files or this database's own records are ahead of its counter."""
    store_code, till_code, series = numbering(session)
    current = ReceiptMark(series, peek_counter(session, till_code, series))
    known = [*files, *marks_in_database(session, store_code, till_code)]
    return any(m > current for m in known)


def _set_series(session: Session, series: str) -> None:
    session.execute(
        text("UPDATE store_settings SET receipt_series = :s WHERE id = :id"),
        {"s": series, "id": SETTINGS_ID},
    )


def settle(
    session: Session,
    *,
    files: Iterable[ReceiptMark],
    cloud: CloudMarks | None,
    restored: bool,
    now: datetime,
    detail: Mapping[str, Any] | None = None,
) -> Settlement:
    """Move the counters past the evidence (the caller's write transaction); see the module."""
    store_code, till_code, series = numbering(session)
    counter = peek_counter(session, till_code, series)
    known = [*files, *marks_in_database(session, store_code, till_code)]
    if cloud is not None and cloud.last_receipt_no:
        known.extend(_marks([cloud.last_receipt_no], store_code, till_code))
    current = ReceiptMark(series, counter)
    ahead = [m for m in known if m > current]
    cloud_seq = cloud.last_journal_seq if cloud is not None else None
    journal_behind = cloud_seq is not None and cloud_seq > journal.last_seq(session)
    rewound = restored or bool(ahead) or journal_behind
    unchanged = Settlement(
        store_code, till_code, series, series, counter, counter, False, cloud is not None
    )
    if not rewound:
        return unchanged
    top = highest([current, *known])
    assert top is not None
    new_series = max(series, top.series) if cloud is not None else next_series(top.series)
    floor = max((m.counter for m in known if m.series == new_series), default=0)
    if new_series != series:
        _set_series(session, new_series)
    new_counter = raise_counter(session, till_code, new_series, floor)
    entry = journal.start_segment(
        session,
        at=now,
        actor=journal.SYSTEM_ACTOR,
        after_seq=cloud_seq or 0,
        data={
            **(detail or {}),
            "restored": restored,
            "cloud": cloud is not None,
            "cloud_journal_seq": cloud_seq,
            "receipt_series_before": series,
            "receipt_series": new_series,
            "receipt_counter_before": counter,
            "receipt_counter": new_counter,
            "evidence_receipt_no": format_receipt_no(
                store_code, till_code, top.counter, top.series
            ),
        },
    )
    result = Settlement(
        store_code,
        till_code,
        series,
        new_series,
        counter,
        new_counter,
        True,
        cloud is not None,
        journal.journal_id_or_none(session),
        entry.seq,
    )
    log.warning(
        "receipt numbering settled after %s: series %r -> %r, counter %d -> %d, next %s%s",
        "a restore" if restored else "finding the database behind its own receipts",
        series,
        new_series,
        counter,
        new_counter,
        result.next_receipt_no,
        "" if cloud is not None else " (cloud not reached: new series)",
    )
    return result


def unannounced_series(session: Session) -> str | None:
    """The next receipt number while a series started after a restore has no sale yet.

    The till says so on screen at start until the first receipt of the new series is printed.
    """
    store_code, till_code, series = numbering(session)
    if not series or peek_counter(session, till_code, series) > 0:
        return None
    return format_receipt_no(store_code, till_code, 1, series)
