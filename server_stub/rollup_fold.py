"""Folding the queued rollup deltas (``rollup_pending``) into the rollup tables.

Two callers, one ``fold``:

- ``Folder``, a thread in every ``pos-server`` worker, folds whatever is queued every couple of
  seconds, so the queue stays short and the tables current. On PostgreSQL it claims rows with
  ``FOR UPDATE SKIP LOCKED``: any number of workers fold side by side, each row exactly once.
- ``catch_up``, called by a back-office page before it reads the rollups, folds what is queued
  for its organization and waits for rows another folder holds, so a page shows every sale
  committed before it was asked for: the figures are exact, never a second behind.

A fold adds many requests' deltas together before it writes (a store's 20 batches of a second
touch the same product rows), then deletes the queued rows in the same transaction.
"""

from __future__ import annotations

import logging
import threading
from typing import Final

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from server_stub.core.db import Database
from server_stub.rollup_writes import PENDING, apply, decode_into
from server_stub.rollups import Deltas

log = logging.getLogger(__name__)

FOLD_ROWS: Final = 500
"""Queued rows folded in one go: a few seconds of a busy cloud's batches."""


def fold(
    session: Session, *, org_id: str | None = None, wait: bool = False, limit: int = FOLD_ROWS
) -> int:
    """Fold up to ``limit`` queued rows (of ``org_id``, or of every organization) in the
    caller's transaction; the caller commits. ``wait``: on PostgreSQL, wait for rows another
    folder holds instead of skipping them. Returns the number of rows folded."""
    query = select(PENDING.c.pending_id, PENDING.c.org_id, PENDING.c.deltas)
    if org_id is not None:
        query = query.where(PENDING.c.org_id == org_id)
    # Key order (the primary key's): two waiting folds lock rows in the same order.
    query = query.order_by(PENDING.c.org_id, PENDING.c.pending_id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=not wait)
    rows = session.execute(query).all()
    if not rows:
        return 0
    by_org: dict[str, Deltas] = {}
    for _, org, encoded in rows:
        decode_into(by_org.setdefault(org, Deltas(org)), encoded)
    for org in sorted(by_org):  # one order for every folder: no two wait on each other
        apply(session, by_org[org])
    for org in sorted(by_org):
        ids = [pending_id for pending_id, owner, _ in rows if owner == org]
        session.execute(
            delete(PENDING).where(PENDING.c.org_id == org, PENDING.c.pending_id.in_(ids))
        )
    return len(rows)


def fold_all(session: Session, org_id: str | None = None) -> int:
    """Fold everything queued (of ``org_id``), waiting for rows other folders hold."""
    total = 0
    while True:
        folded = fold(session, org_id=org_id, wait=True)
        total += folded
        if folded < FOLD_ROWS:
            return total


def catch_up(db: Database, org_id: str) -> int:
    """Fold what is queued for ``org_id`` before its rollups are read; a cheap read when
    nothing is (the usual case: the ``Folder`` keeps the queue short)."""
    with db.read() as session:
        queued = session.execute(
            select(PENDING.c.pending_id).where(PENDING.c.org_id == org_id).limit(1)
        ).first()
    if queued is None:
        return 0
    with db.write() as session:
        folded = fold_all(session, org_id)
        session.commit()
    return folded


def read_fresh(db: Database, session: Session, org_id: str) -> None:
    """Fold what is queued for ``org_id``, then end ``session``'s transaction so its next read
    sees the fold (a SQLite reader keeps the snapshot of its first read until it ends)."""
    catch_up(db, org_id)
    session.commit()


class Folder:
    """Folds the queue every ``interval_s`` seconds on its own thread until ``stop``."""

    def __init__(self, db: Database, interval_s: float) -> None:
        self.db = db
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rollup-folder", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def fold_once(self) -> int:
        """Fold until the queue is empty (or held by other folders); the rows folded."""
        total = 0
        while not self._stop.is_set():
            with self.db.write() as session:
                folded = fold(session)
                session.commit()
            total += folded
            if folded < FOLD_ROWS:
                break
        return total

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                folded = self.fold_once()
            except SQLAlchemyError:
                # The database is down or busy: the rows stay queued for the next round, and
                # pages fold what they need themselves.
                log.warning("folding the rollup queue failed; trying again", exc_info=True)
                continue
            except Exception:
                # Anything else is a bug; the thread lives on (the rows stay queued, pages still
                # fold for themselves) and says so every round until it is fixed.
                log.exception("folding the rollup queue failed")
                continue
            if folded:
                log.debug("folded %d queued rollup rows", folded)
