"""The audit journal: entries chain, and editing the database directly is found."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.journal import FaultKind, JournalKind, genesis_hash
from pos_desktop.localdb import journal
from pos_desktop.localdb.sales import SqlSaleJournal
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.services.ports import StoreProfile
from tests.localdb.conftest import sale_maker

AT = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def _record(factory: sessionmaker[Session], n: int) -> None:
    for i in range(n):
        with write_session(factory) as session:
            journal.append(
                session,
                JournalKind.DRAWER_OPEN,
                at=AT,
                actor="K01",
                approver="M01" if i % 2 else None,
                data={"reason": "change_for_customer", "i": i, "nama": "Siti Ñ"},
            )


def _verify(factory: sessionmaker[Session]) -> journal.VerifyResult:
    with read_session(factory) as session:
        return journal.verify(session)


def test_entries_chain_from_the_genesis_and_verify(factory: sessionmaker[Session]) -> None:
    _record(factory, 5)
    with read_session(factory) as session:
        entries = journal.entries(session)
        jid = journal.journal_id_or_none(session)
    assert jid is not None
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == genesis_hash(jid)
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    result = _verify(factory)
    assert (result.entries, result.fault) == (5, None)


def test_a_sale_and_its_journal_entry_commit_together(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    sales = SqlSaleJournal(factory)
    sale = sales.commit_sale(sale_maker())
    with pytest.raises(RuntimeError):

        def broken(receipt_no: str) -> object:
            raise RuntimeError("printer on fire")

        sales.commit_sale(broken)  # type: ignore[arg-type]
    with read_session(factory) as session:
        entries = journal.entries(session)
    assert [(e.kind, e.actor) for e in entries] == [("sale", sale.cashier_code)]
    assert f'"receipt_no":"{sale.receipt_no}"' in entries[0].data


def _edit(db_path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(sql, params)
    conn.close()


def test_an_edited_entry_is_found(factory: sessionmaker[Session], db_path: Path) -> None:
    _record(factory, 6)
    _edit(db_path, "UPDATE journal SET data = replace(data, 'change', 'theft') WHERE seq = 4")
    fault = _verify(factory).fault
    assert fault is not None
    assert (fault.seq, fault.kind) == (4, FaultKind.TAMPERED)


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(
    factory: sessionmaker[Session], db_path: Path
) -> None:
    _record(factory, 6)
    with read_session(factory) as session:
        jid = journal.journal_id_or_none(session)
        entry = journal.entries(session, after_seq=2, limit=1)[0]
    assert jid is not None
    from dataclasses import replace

    forged = replace(entry, actor="M99")
    _edit(
        db_path,
        "UPDATE journal SET actor_code = ?, hash = ? WHERE seq = 3",
        "M99",
        forged.expected_hash(jid),
    )
    fault = _verify(factory).fault
    assert fault is not None
    assert (fault.seq, fault.kind) == (4, FaultKind.BREAK)


def test_a_deleted_entry_is_a_gap(factory: sessionmaker[Session], db_path: Path) -> None:
    _record(factory, 6)
    _edit(db_path, "DELETE FROM journal WHERE seq = 2")
    fault = _verify(factory).fault
    assert fault is not None
    assert (fault.seq, fault.kind) == (3, FaultKind.GAP)


def test_counters_are_gap_free_and_roll_back(factory: sessionmaker[Session]) -> None:
    with write_session(factory) as session:
        assert journal.bump_counter(session, "z_report") == 1
    with pytest.raises(ValueError), write_session(factory) as session:
        assert journal.bump_counter(session, "z_report") == 2
        raise ValueError("rolled back")
    with write_session(factory) as session:
        assert journal.bump_counter(session, "z_report") == 2
        assert journal.bump_counter(session, "refund") == 1
