from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.engine import READ_ONLY, database_path, open_engine
from pos_desktop.localdb.transactions import (
    read_session,
    storage_error_code,
    storage_errors,
    write_session,
)


def test_every_connection_gets_the_durability_pragmas(engine: Engine) -> None:
    # Two connections at once, so both come from the pool's connect event (reads: two
    # write transactions would wait for each other).
    with (
        engine.connect().execution_options(**READ_ONLY) as first,
        engine.connect().execution_options(**READ_ONLY) as second,
    ):
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA recursive_triggers").scalar() == 1


def test_database_path(engine: Engine, db_path: Path) -> None:
    assert database_path(engine) == db_path
    assert db_path.exists()


def _holding_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_transactions_take_the_write_lock_up_front(db_path: Path, engine: Engine) -> None:
    """A write transaction begins IMMEDIATE: it fails (or waits) at BEGIN, not at its first
    write, so it can never deadlock on a lock upgrade."""
    fast = open_engine(db_path, busy_timeout_ms=50)
    other = _holding_write_lock(db_path)
    try:
        with pytest.raises(Exception, match="database is locked"), fast.begin() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        other.rollback()
        other.close()
        fast.dispose()


def test_read_sessions_do_not_wait_for_a_writer(
    db_path: Path, engine: Engine, factory: sessionmaker[Session]
) -> None:
    other = _holding_write_lock(db_path)
    other.execute("INSERT INTO receipt_counters (till_code, last_no) VALUES ('T9', 1)")
    try:
        with read_session(factory) as session:
            # The uncommitted row is invisible; the read did not block.
            assert session.execute(text("SELECT count(*) FROM receipt_counters")).scalar() == 0
        with engine.connect().execution_options(**READ_ONLY) as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        other.rollback()
        other.close()


def test_a_locked_database_becomes_storage_locked(db_path: Path, engine: Engine) -> None:
    from pos_desktop.localdb.engine import make_session_factory

    fast = open_engine(db_path, busy_timeout_ms=50)
    other = _holding_write_lock(db_path)
    try:
        with pytest.raises(UserError) as caught, write_session(make_session_factory(fast)) as s:
            s.execute(text("INSERT INTO receipt_counters VALUES ('T1', 1)"))
        assert caught.value.code == "storage.locked"
    finally:
        other.rollback()
        other.close()
        fast.dispose()


def test_write_session_rolls_back_on_any_error(factory: sessionmaker[Session]) -> None:
    with pytest.raises(RuntimeError), write_session(factory) as session:
        session.execute(text("INSERT INTO receipt_counters VALUES ('T1', 7)"))
        raise RuntimeError("boom")
    with read_session(factory) as session:
        assert session.execute(text("SELECT count(*) FROM receipt_counters")).scalar() == 0


def test_savepoints_roll_back_with_their_transaction(factory: sessionmaker[Session]) -> None:
    """The driver's legacy mode would let a SAVEPOINT escape the transaction; ours does not."""
    with pytest.raises(RuntimeError), write_session(factory) as session:
        with session.begin_nested():
            session.execute(text("INSERT INTO receipt_counters VALUES ('T1', 7)"))
        raise RuntimeError("after the savepoint was released")
    with read_session(factory) as session:
        assert session.execute(text("SELECT count(*) FROM receipt_counters")).scalar() == 0


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("database is locked", "storage.locked"),
        ("database or disk is full", "storage.full"),
        ("disk I/O error", "storage.io"),
        ("database disk image is malformed", "storage.corrupt"),
        ("no such table: nope", None),
    ],
)
def test_storage_error_codes_from_messages(message: str, code: str | None) -> None:
    assert storage_error_code(sqlite3.OperationalError(message)) == code


def test_storage_errors_passes_other_errors_through() -> None:
    with pytest.raises(sqlite3.OperationalError), storage_errors("test"):
        raise sqlite3.OperationalError("no such table: nope")
    with pytest.raises(KeyError), storage_errors("test"):
        raise KeyError("x")


def test_a_full_disk_becomes_storage_full(engine: Engine, factory: sessionmaker[Session]) -> None:
    """``max_page_count`` makes SQLite report SQLITE_FULL as a full disk would."""
    from sqlalchemy import event

    def cap(dbapi_connection: sqlite3.Connection, _: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    event.listen(engine, "connect", cap)
    try:
        with pytest.raises(UserError) as caught, write_session(factory) as session:
            session.execute(
                text("INSERT INTO receipt_counters VALUES (:t, 1)"),
                [{"t": f"T{i:05d}" + "x" * 200} for i in range(2000)],
            )
        assert caught.value.code == "storage.full"
    finally:
        event.remove(engine, "connect", cap)
        engine.dispose()


def test_engine_is_usable_from_several_threads(factory: sessionmaker[Session]) -> None:
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            with write_session(factory) as session:
                session.execute(text("INSERT INTO receipt_counters VALUES (:t, 1)"), {"t": f"T{i}"})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with read_session(factory) as session:
        assert session.execute(text("SELECT count(*) FROM receipt_counters")).scalar() == 8
