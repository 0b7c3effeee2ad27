"""Receipt numbers and journal sequences stay ahead of everything the till issued."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.receipt_no import (
    ReceiptMark,
    format_receipt_no,
    next_series,
    parse_receipt_no,
)
from pos_desktop.domain.refund import receipt_from_scan
from pos_desktop.localdb import journal
from pos_desktop.localdb.numbering import (
    CloudMarks,
    behind,
    evidence_in_files,
    settle,
    unannounced_series,
)
from pos_desktop.localdb.sales import SqlSaleJournal
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.services.ports import StoreProfile
from tests.localdb.conftest import sale_maker

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def test_receipt_numbers_parse_back_and_series_sort_after_earlier_numbers() -> None:
    assert format_receipt_no("S01", "T01", 42) == "S01-T01-000042"
    assert format_receipt_no("S01", "T01", 1, "B") == "S01-T01-B-000001"
    assert parse_receipt_no("S01-T01-000042", "S01", "T01") == ReceiptMark("", 42)
    assert parse_receipt_no("S01-T01-B-000007", "S01", "T01") == ReceiptMark("B", 7)
    assert parse_receipt_no("S-1-T-1-C-000007", "S-1", "T-1") == ReceiptMark("C", 7)
    for other in ("S01-T01-R000001", "S01-T02-000001", "S02-T01-000001", "S01-T01-b-000001"):
        assert parse_receipt_no(other, "S01", "T01") is None, other
    assert parse_receipt_no("S01-T01-x", "S01", "T01") is None
    chain = [""]
    for _ in range(30):
        chain.append(next_series(chain[-1]))
    assert chain[:4] == ["", "B", "C", "D"] and "ZB" in chain
    assert not {"A", "I", "O", "R"} & set(chain)
    numbers = [format_receipt_no("S01", "T01", n, s) for s in chain for n in (1, 999_999)]
    assert numbers == sorted(numbers), "later series must sort after earlier ones"
    assert [parse_receipt_no(n, "S01", "T01") for n in numbers] == sorted(
        parse_receipt_no(n, "S01", "T01") for n in numbers
    )
    # What a scanner reads off the QR code is the number as printed, series included.
    assert receipt_from_scan(" S01-T01-B-000001\r\n") == "S01-T01-B-000001"


def _sell(factory: sessionmaker[Session], n: int) -> list[str]:
    return [SqlSaleJournal(factory).commit_sale(sale_maker()).receipt_no for _ in range(n)]


def _settle(
    factory: sessionmaker[Session],
    files: list[ReceiptMark] | None = None,
    cloud: CloudMarks | None = None,
    restored: bool = False,
) -> object:
    with write_session(factory) as session:
        return settle(session, files=files or [], cloud=cloud, restored=restored, now=NOW)


def test_nothing_ahead_of_the_counters_changes_nothing(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    _sell(factory, 3)
    before = journal.SqlJournal(factory).entries()
    result = _settle(factory, [ReceiptMark("", 2)], CloudMarks("S01-T01-000003", 3))
    assert not result.rewound  # type: ignore[attr-defined]
    assert journal.SqlJournal(factory).entries() == before
    assert _sell(factory, 1) == ["S01-T01-000004"]


def test_receipt_files_ahead_of_the_database_move_it_past_them(
    tmp_path: Path, factory: sessionmaker[Session], store: StoreProfile
) -> None:
    _sell(factory, 3)
    folder = tmp_path / "receipts"
    folder.mkdir()
    for name in (
        "S01-T01-000005.bin",
        "S01-T01-000004.copy-1.bin",
        ".S01-T01-000009.bin.tmp",
        "S01-T01-R000040.bin",
        "Z-S01-T01-000012.bin",
        "S01-T02-000077.bin",
    ):
        (folder / name).write_bytes(b"x")
    files = evidence_in_files([folder, tmp_path / "missing"], "S01", "T01").receipts
    assert files == [ReceiptMark("", 5)]
    with read_session(factory) as session:
        assert behind(session, files)
    cloud = CloudMarks("S01-T01-000004", None)
    result = _settle(factory, files, cloud)
    assert (result.series, result.counter) == ("", 5)  # type: ignore[attr-defined]
    assert _sell(factory, 1) == ["S01-T01-000006"]
    with read_session(factory) as session:
        assert not behind(session, files)


def test_offline_after_a_restore_starts_a_new_series_and_says_so(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    _sell(factory, 2)
    result = _settle(factory, [ReceiptMark("", 5)], None, restored=True)
    assert result.new_series and result.next_receipt_no == "S01-T01-B-000001"  # type: ignore[attr-defined]
    with read_session(factory) as session:
        assert unannounced_series(session) == "S01-T01-B-000001"
        series = session.execute(text("SELECT receipt_series FROM store_settings")).scalar()
    assert series == "B"
    assert _sell(factory, 2) == ["S01-T01-B-000001", "S01-T01-B-000002"]
    with read_session(factory) as session:
        assert unannounced_series(session) is None
    # A second offline restore of the same backup moves on to the next series.
    again = _settle(factory, [ReceiptMark("B", 2)], None, restored=True)
    assert again.series == "C"  # type: ignore[attr-defined]


def test_online_the_clouds_numbers_win_its_series_included(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    _sell(factory, 2)
    cloud = CloudMarks("S01-T01-B-000009", 40)
    result = _settle(factory, [], cloud, restored=True)
    assert (result.series, result.counter) == ("B", 9)  # type: ignore[attr-defined]
    assert _sell(factory, 1) == ["S01-T01-B-000010"]


def test_the_journal_continues_under_a_new_id_after_the_clouds_sequence(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    _sell(factory, 3)
    with read_session(factory) as session:
        old = journal.journal_id_or_none(session)
        assert journal.last_seq(session) == 3
    with write_session(factory) as session:
        journal.mark_synced(session, 1)
    # The cloud holds this till's journal up to 9: the database went back in time.
    result = _settle(factory, [], CloudMarks("S01-T01-000003", 9))
    assert result.rewound and result.journal_seq == 10  # type: ignore[attr-defined]
    _sell(factory, 1)
    with read_session(factory) as session:
        new = journal.journal_id_or_none(session)
        opening = journal.entries(session, after_seq=3, limit=1)[0]
        first = journal.outgoing(session, new or "", 1, 100)
        second = journal.outgoing(session, new or "", 3, 100)
    assert new != old
    assert opening.kind == JournalKind.RESTORE and opening.seq == 10
    data = json.loads(opening.data)
    assert (data["previous_journal_id"], data["previous_seq"], data["journal_id"]) == (
        old,
        3,
        new,
    )
    # The unsent entries of the old journal go under the old id, in a batch of their own.
    assert [seq for seq, _ in first] == [2, 3]
    assert {json.loads(doc)["journal_id"] for _, doc in first} == {old}
    assert [seq for seq, _ in second] == [10, 11]
    assert {json.loads(doc)["journal_id"] for _, doc in second} == {new}
    verified = journal.SqlJournal(factory).verify()
    assert verified.fault is None and verified.entries == 5


def test_verify_notices_a_restore_entry_that_does_not_follow_its_journal(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    _sell(factory, 2)
    _settle(factory, [], None, restored=True)
    with write_session(factory) as session:
        session.execute(
            text("UPDATE journal SET data = replace(data, :was, :now)"),
            {"was": '"previous_seq":2', "now": '"previous_seq":1'},
        )
    fault = journal.SqlJournal(factory).verify().fault
    assert fault is not None and fault.seq == 3


@pytest.mark.parametrize("restored", [False, True])
def test_a_till_without_a_store_has_nothing_to_settle(
    factory: sessionmaker[Session], restored: bool
) -> None:
    from pos_desktop.domain.errors import UserError

    with pytest.raises(UserError), write_session(factory) as session:
        settle(session, files=[], cloud=None, restored=restored, now=NOW)


def test_refund_and_z_counters_move_past_their_files(
    tmp_path: Path, factory: sessionmaker[Session], store: StoreProfile
) -> None:
    from pos_desktop.localdb.numbering import evidence_in_files, settle_documents
    from pos_desktop.localdb.refunds import COUNTER
    from pos_desktop.localdb.shifts import Z_COUNTER

    folder = tmp_path / "receipts"
    folder.mkdir()
    for name in (
        "S01-T01-R000004.bin",
        "S01-T01-R000002.copy-1.bin",
        "S01-T01-Z000003.bin",
        "S01-T01-X001-abcdef12.bin",
        "S01-T02-Z000009.bin",
        "S01-T01-000008.bin",
    ):
        (folder / name).write_bytes(b"x")
    files = evidence_in_files([folder], "S01", "T01").documents
    assert files == {COUNTER: 4, Z_COUNTER: 3}
    with write_session(factory) as session:
        journal.bump_counter(session, Z_COUNTER)
        assert settle_documents(session, files) == {COUNTER: (0, 4), Z_COUNTER: (1, 3)}
    with write_session(factory) as session:
        assert journal.bump_counter(session, COUNTER) == 5
        assert journal.bump_counter(session, Z_COUNTER) == 4
        assert settle_documents(session, files) == {}
