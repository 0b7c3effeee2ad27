"""Read and write units of work, and what the cashier is told when storage fails.

Storage failures that the person at the till can act on (another program holds the database,
the disk is full, the disk is failing) become a ``UserError`` with a stable code, raised after
the transaction was rolled back, so the screen can say so while the cart stays intact. Anything
else is a bug and propagates as is, after being logged with its context.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.engine import READ_ONLY

log = logging.getLogger(__name__)

# sqlite3 exposes the primary result code name (Python 3.11+); extended codes share the prefix.
_BY_ERRORNAME: tuple[tuple[str, str], ...] = (
    ("SQLITE_BUSY", "storage.locked"),
    ("SQLITE_LOCKED", "storage.locked"),
    ("SQLITE_FULL", "storage.full"),
    ("SQLITE_IOERR", "storage.io"),
    ("SQLITE_CANTOPEN", "storage.io"),
    ("SQLITE_READONLY", "storage.io"),
    ("SQLITE_CORRUPT", "storage.corrupt"),
    ("SQLITE_NOTADB", "storage.corrupt"),
)
_BY_MESSAGE: tuple[tuple[str, str], ...] = (
    ("database is locked", "storage.locked"),
    ("database table is locked", "storage.locked"),
    ("database or disk is full", "storage.full"),
    ("disk i/o error", "storage.io"),
    ("unable to open database", "storage.io"),
    ("readonly database", "storage.io"),
    ("malformed", "storage.corrupt"),
    ("file is not a database", "storage.corrupt"),
)


def storage_error_code(error: BaseException) -> str | None:
    """The ``storage.*`` code for a SQLite failure the user can act on, else ``None``."""
    original = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if not isinstance(original, sqlite3.Error):
        return None
    name = getattr(original, "sqlite_errorname", "") or ""
    for prefix, code in _BY_ERRORNAME:
        if name.startswith(prefix):
            return code
    message = str(original).lower()
    for fragment, code in _BY_MESSAGE:
        if fragment in message:
            return code
    return None


@contextmanager
def storage_errors(action: str) -> Iterator[None]:
    """Turn an actionable SQLite failure inside the block into ``UserError("storage.*")``."""
    try:
        yield
    except (sa_exc.DBAPIError, sqlite3.Error) as error:
        code = storage_error_code(error)
        if code is None:
            log.exception("database error during %s", action)
            raise
        log.error("storage failure during %s: %s (%s)", action, code, error)
        raise UserError(code) from error


@contextmanager
def read_session(factory: sessionmaker[Session], action: str = "read") -> Iterator[Session]:
    """A session whose transaction is a deferred read: it never waits for the write lock."""
    with storage_errors(action), factory() as session:
        session.connection(execution_options=READ_ONLY)
        yield session


@contextmanager
def write_session(factory: sessionmaker[Session], action: str = "write") -> Iterator[Session]:
    """One write transaction (``BEGIN IMMEDIATE``): committed when the block ends, rolled back
    entirely on any exception."""
    with storage_errors(action), factory.begin() as session:
        yield session
