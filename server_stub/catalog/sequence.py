"""The per-organization change sequence every catalog write is stamped with.

The feed is ordered by a per-organization sequence, never by timestamps. Every catalog write
first runs ``UPDATE catalog_counters SET seq = seq + n WHERE org_id = ? RETURNING seq`` inside the
writing transaction and stamps its rows with the numbers it got.

Why that never skips a change committed later by a slower transaction:

* PostgreSQL (READ COMMITTED): the UPDATE takes the counter row's lock and holds it until commit.
  A second writer of the same organization blocks on that lock until the first commits, then
  re-reads the row and gets the next numbers. Writers therefore commit in sequence order: when
  number N is visible, every number below N already is.
* SQLite: write transactions start with ``BEGIN IMMEDIATE`` and the database allows one writer at
  a time, so writers are serialized outright and commit in sequence order.

A feed page first reads the counter (its committed value S is a high-water mark: every number up
to S belongs to a committed transaction) and then returns only rows with ``cursor < seq <= S``.
Each table is read by its own statement, and under READ COMMITTED those statements may see newer
commits than the counter read; bounding them by S keeps such rows for the next page instead of
letting the cursor jump past a number that one table showed and another did not.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server_stub.models import (
    CatalogCounter,
)


def reserve_seq(session: Session, org_id: str, count: int = 1) -> int:
    """Reserve ``count`` consecutive sequence numbers; returns the first.

    Takes the organization's counter lock until the transaction ends (see the module docstring).
    """
    last = session.execute(
        update(CatalogCounter)
        .where(CatalogCounter.org_id == org_id)
        .values(seq=CatalogCounter.seq + count)
        .returning(CatalogCounter.seq)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return int(last) - count + 1


def current_seq(session: Session, org_id: str) -> int:
    value = session.execute(
        select(CatalogCounter.seq).where(CatalogCounter.org_id == org_id)
    ).scalar_one_or_none()
    return int(value or 0)
