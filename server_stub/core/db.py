"""Engines and sessions for SQLite (one shop) and PostgreSQL (many stores).

SQLite notes. The database runs in WAL mode (readers never block the writer) with
``synchronous=FULL`` (an acknowledged sale survives a power cut) and a busy timeout so that
writers from several worker processes queue instead of failing. Write transactions start with
``BEGIN IMMEDIATE``: a deferred transaction that reads first and writes later can fail with
``SQLITE_BUSY_SNAPSHOT`` when another process committed in between, and that error does not wait
for the busy timeout. Taking the write lock up front turns every write into a clean queue.
Read-only work uses a plain deferred ``BEGIN`` so reads never wait for writers.

PostgreSQL runs at its default READ COMMITTED isolation; the places that depend on ordering
(the catalog sequence, single-use codes, idempotent inserts) use row locks or unique keys, not
isolation level, and say so where they do it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

Clock = Callable[[], datetime]

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000
_WRITE_OPTION = "pos_write"


def utcnow() -> datetime:
    return datetime.now(UTC)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


SQLITE_FULL = 13
"""SQLite's result code for "database or disk is full" (the disk, or ``max_page_count``)."""
PG_DISK_FULL = "53100"
"""PostgreSQL's SQLSTATE ``disk_full``."""


def is_storage_full(exc: BaseException) -> bool:
    """Whether a database error means the server's storage is full.

    Read from the driver's error (SQLAlchemy keeps it as ``orig``): retrying does not help
    there, unlike a busy database, so it must not be reported as one.
    """
    orig = getattr(exc, "orig", None) or exc
    if getattr(orig, "sqlite_errorcode", None) == SQLITE_FULL:
        return True
    if getattr(orig, "sqlstate", None) == PG_DISK_FULL:
        return True
    return "database or disk is full" in str(orig)


def is_unavailable(exc: BaseException) -> bool:
    """Whether the database failed rather than the data in hand: busy, unreachable, or out of
    storage. The same data can be stored later, so such an error must never be answered as a
    document's own fault (``rejected``), which tells a till to stop sending it."""
    return isinstance(exc, OperationalError) or is_storage_full(exc)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so that
        # SAVEPOINT and BEGIN IMMEDIATE behave as written.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, True)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            raise ValueError("the server needs a SQLite file, not an in-memory database")
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            pool_size=pool_size,
            max_overflow=pool_size,
        )
        _sqlite_setup(engine)
        return engine
    engine = create_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=pool_size,
    )
    _postgres_setup(engine)
    return engine


def _postgres_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Sale documents (about 3 KB of JSON each) are compressed when stored; lz4 takes about
        # half the database CPU of the default pglz for them. A server built without lz4 (or
        # older than PostgreSQL 14) refuses the setting and keeps its default.
        try:
            with dbapi_connection.cursor() as cursor:
                # JIT compiling a report's query costs more (about 200 ms on a year of rollups)
                # than the few hundred thousand rows it reads; this service runs no query long
                # enough to earn it back.
                cursor.execute("SET jit = off")
            dbapi_connection.commit()
        except engine.dialect.loaded_dbapi.Error:
            dbapi_connection.rollback()
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET default_toast_compression = 'lz4'")
            dbapi_connection.commit()
        except engine.dialect.loaded_dbapi.Error:
            dbapi_connection.rollback()
            log.info("PostgreSQL keeps its default compression for stored sales")


class Database:
    """One engine and two session factories: ``write`` (default) and ``read``.

    Build it once per process; a session lasts one request.
    """

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.engine = make_engine(url, pool_size=pool_size)
        self.write = sessionmaker(bind=self.engine, expire_on_commit=False)
        self.read = sessionmaker(
            bind=self.engine.execution_options(**{_WRITE_OPTION: False}),
            expire_on_commit=False,
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def ping(self) -> None:
        with self.read() as session:
            session.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
