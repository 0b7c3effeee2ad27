"""Opening the till's SQLite database with the settings that make a sale survive a crash.

* WAL with ``synchronous=FULL``: a commit that returned is on disk, even after a power cut
  (``NORMAL`` may lose the last commits then).
* ``foreign_keys=ON``: SQLite leaves them off per connection unless asked.
* ``busy_timeout``: a second connection (the sync thread) waits for the lock instead of failing.

The ``sqlite3`` driver's legacy transaction control (Python < 3.12) does not emit BEGIN before
SELECT or DDL, so reads are not isolated, DDL autocommits and SAVEPOINTs escape the
transaction. We switch it off (``isolation_level=None``) and emit BEGIN ourselves. Transactions
start with ``BEGIN IMMEDIATE`` by default: a writer takes the write lock up front (waiting for it
under ``busy_timeout``) instead of starting as a reader and failing with "database is locked" when
it tries to upgrade. Pure reads opt into a plain deferred ``BEGIN`` with :data:`READ_ONLY`, so a
catalog lookup never waits behind a write.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS: Final = 5000
"""How long a connection waits for another one's write lock before "database is locked"."""

BEGIN_OPTION: Final = "pos_begin"
"""Execution option naming the BEGIN flavour of a connection's next transaction."""

READ_ONLY: Final[dict[str, Any]] = {BEGIN_OPTION: "DEFERRED"}
"""Execution options for a transaction that only reads: it never takes the write lock."""

_BEGIN_SQL: Final = {
    "IMMEDIATE": "BEGIN IMMEDIATE",
    "DEFERRED": "BEGIN",
    "EXCLUSIVE": "BEGIN EXCLUSIVE",
}


def _configure(dbapi_connection: Any, busy_timeout_ms: int) -> None:
    # Take transaction control away from the driver; ``_on_begin`` emits BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("SQLite refused WAL mode (journal_mode=%s); commits stay durable", mode)
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # A REPLACE then fires the delete triggers that keep the product search index in step.
        cursor.execute("PRAGMA recursive_triggers = ON")
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_OPTION, "IMMEDIATE")
    conn.exec_driver_sql(_BEGIN_SQL[mode])


def open_engine(
    path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, echo: bool = False
) -> Engine:
    """An engine on the database file at ``path`` (created when missing).

    Build it once per process; every connection it makes gets the pragmas above.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite:///{path}",
        echo=echo,
        # The driver's own busy handler, in seconds; the pragma says the same.
        connect_args={"timeout": busy_timeout_ms / 1000},
    )
    event.listen(
        engine, "connect", lambda dbapi_connection, _: _configure(dbapi_connection, busy_timeout_ms)
    )
    event.listen(engine, "begin", _on_begin)
    log.info("database %s (SQLite %s)", path, sqlite3.sqlite_version)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """The one session factory of the process; open one session per user action.

    ``expire_on_commit=False`` so objects read in an action stay usable after its commit.
    """
    return sessionmaker(bind=engine, expire_on_commit=False)


def database_path(engine: Engine) -> Path:
    """The file behind ``engine``, for backups and diagnostics."""
    database = engine.url.database
    if not database:
        raise ValueError(f"engine {engine.url!r} has no database file")
    return Path(database)
