"""The demo history: a few weeks of sales in both demo stores through the cloud's own ingest,
so the rollups behind the back office hold exactly what a recount of the raw rows gives; the
same every time (seeded), added once, and never in the way of the demo till T01."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from server_stub import rollup_recount
from server_stub.core.db import Database
from server_stub.demo import DEMO_BRANCH_CODE, DEMO_STORE_CODE, seed_demo
from server_stub.demo_history import HISTORY_DAYS, HISTORY_TILL
from server_stub.models import Device, JournalEntryRow, SaleRow, Store

PEPPER = b"p" * 32


def test_the_demo_history_fills_the_rollups_once_and_exactly(database: Database) -> None:
    now = datetime.now(UTC)
    with database.write() as session:
        seeded = seed_demo(session, pepper=PEPPER, now=now)
        again = seed_demo(session, pepper=PEPPER, now=now + timedelta(minutes=1))
    assert seeded.history_sales > 1000 and again.history_sales == 0
    with database.read() as session:
        stores = {
            s.code: s.store_id
            for s in session.execute(select(Store).where(Store.org_id == seeded.org_id)).scalars()
        }
        assert set(stores) == {DEMO_STORE_CODE, DEMO_BRANCH_CODE}
        per_store = dict(
            session.execute(
                select(SaleRow.store_id, func.count())
                .where(SaleRow.org_id == seeded.org_id)
                .group_by(SaleRow.store_id)
            ).all()
        )
        assert all(per_store.get(sid, 0) > 300 for sid in stores.values()), per_store
        assert sum(per_store.values()) == seeded.history_sales
        first, last = session.execute(
            select(func.min(SaleRow.sold_at), func.max(SaleRow.sold_at)).where(
                SaleRow.org_id == seeded.org_id
            )
        ).one()
        assert first is not None and last is not None
        assert (last - first).days >= HISTORY_DAYS - 1
        flags = session.execute(select(SaleRow.flags).where(SaleRow.org_id == seeded.org_id))
        assert all(not f for (f,) in flags)  # every history sale passes the cloud's own checks
        voids = session.execute(
            select(func.count())
            .select_from(JournalEntryRow)
            .where(JournalEntryRow.org_id == seeded.org_id)
        ).scalar_one()
        assert voids > 0
        # The history tills are revoked: only the demo till T01 can pair and sync.
        history_tills = (
            session.execute(
                select(Device).where(
                    Device.org_id == seeded.org_id, Device.till_code == HISTORY_TILL
                )
            )
            .scalars()
            .all()
        )
        assert history_tills and all(d.revoked_at is not None for d in history_tills)
        # The rollups equal a recount from the raw sales, refunds and voids.
        recounted = rollup_recount.comparable(rollup_recount.recount(session, seeded.org_id))
        stored = rollup_recount.comparable(rollup_recount.read_rollups(session, seeded.org_id))
        assert stored == recounted
