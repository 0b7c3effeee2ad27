"""Small SQLite helpers shared by the shop stand-in and the receiver's own state.

SQLite because it is in the standard library, survives a restart, and lets the HTTP threads and
the applier thread write without a server: each operation opens a short connection of its own
(``sqlite3`` connections must not be shared between threads) and waits up to ``BUSY_S`` for a
writer ahead of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

BUSY_S: Final = 30.0


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """One transaction: committed when the block ends, rolled back on an exception, then closed."""
    conn = sqlite3.connect(path, timeout=BUSY_S)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        with conn:
            yield conn
    finally:
        conn.close()
