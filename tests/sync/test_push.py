"""Push: every sale reaches the cloud exactly once, whatever happens to the requests."""

from __future__ import annotations

import json
import random
import sqlite3

import pytest
from sqlalchemy import text

from pos_desktop.localdb import outbox
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.paths import AppPaths
from pos_desktop.sync.client import CloudError, Unreachable
from pos_desktop.sync.config import SyncConfig
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.fault_proxy import NETWORK_FAULTS, Fault, FaultProxy
from tests.sync.helpers import paired_till
from tests.sync.till import MemoryStore, outbox_rows, pair, sell


def _assert_exactly_once(paths: AppPaths, tenant: Tenant, expected: set[str]) -> None:
    server = tenant.sale_ids()
    assert len(server) == len(set(server)), "a sale is stored twice in the cloud"
    assert set(server) == expected
    rows = outbox_rows(paths.database)
    assert {sid for sid, (status, _) in rows.items() if status == "done"} == expected


def test_a_batch_is_acknowledged_sale_by_sale_and_marked_done(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets, SyncConfig(batch_size=7)) as t:
        t.engine.pull_catalog()
        sales = sell(t.till, 30, random.Random(1))
        report = t.engine.push_pending()
        assert (report.sent, report.done, report.batches) == (30, 30, 5)
        stats = t.engine.stats()
        assert (stats.pending, stats.needs_attention, stats.oldest_pending_at) == (0, 0, None)
    _assert_exactly_once(till_home, tenant, {s.sale_id for s in sales})
    assert {ack for _, ack in outbox_rows(till_home.database).values()} == {"accepted"}


@pytest.mark.parametrize("fault", [Fault.CUT_RESPONSE, Fault.CUT_PARTIAL])
def test_committed_but_answer_lost_is_resent_and_acknowledged_once(
    fault: Fault,
    cloud: CloudServer,
    proxy: FaultProxy,
    tenant: Tenant,
    till_home: AppPaths,
    secrets: MemoryStore,
) -> None:
    pair(till_home, proxy.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets) as t:
        t.engine.pull_catalog()
        sales = sell(t.till, 12, random.Random(2))
        ids = {s.sale_id for s in sales}
        proxy.plan([fault])
        with pytest.raises(Unreachable):
            t.engine.push_pending()
        # The cloud committed the batch, the till never heard it: nothing is marked done.
        assert set(tenant.sale_ids()) == ids
        assert {st for st, _ in outbox_rows(till_home.database).values()} == {"pending"}
        report = t.engine.push_pending()
        assert report.done == 12
    _assert_exactly_once(till_home, tenant, ids)
    assert {ack for _, ack in outbox_rows(till_home.database).values()} == {"duplicate"}


def test_every_network_fault_leaves_the_queue_intact_and_the_retry_completes(
    cloud: CloudServer,
    proxy: FaultProxy,
    tenant: Tenant,
    till_home: AppPaths,
    secrets: MemoryStore,
) -> None:
    pair(till_home, proxy.url, tenant.enrollment_code(), secrets)
    config = SyncConfig(batch_size=5, read_timeout_s=0.5, connect_timeout_s=0.5)
    proxy.delay_s = 0.05
    expected: set[str] = set()
    with paired_till(till_home, secrets, config) as t:
        t.engine.pull_catalog()
        rng = random.Random(3)
        for fault in NETWORK_FAULTS * 3:
            expected |= {s.sale_id for s in sell(t.till, rng.randint(1, 8), rng)}
            proxy.plan([fault])
            try:
                t.engine.push_pending()
            except CloudError:
                assert fault is not Fault.DELAY
            t.engine.push_pending()
            _assert_exactly_once(till_home, tenant, expected)
    assert proxy.applied[Fault.BLACKHOLE] == 3


def _tamper(paths: AppPaths, sale_id: str, change: dict[str, object]) -> None:
    conn = sqlite3.connect(paths.database)
    try:
        (document,) = conn.execute(
            "SELECT document FROM sales WHERE sale_id = ?", (sale_id,)
        ).fetchone()
        doc = json.loads(document)
        doc.update(change)
        conn.execute("UPDATE sales SET document = ? WHERE sale_id = ?", (json.dumps(doc), sale_id))
        conn.execute(
            "UPDATE outbox SET status = 'pending', ack_status = NULL WHERE sale_id = ?",
            (sale_id,),
        )
        conn.commit()
    finally:
        conn.close()


def test_refused_sales_wait_in_needs_attention_with_the_reason_and_are_never_dropped(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets) as t:
        t.engine.pull_catalog()
        first, second, good = sell(t.till, 3, random.Random(4))
        t.engine.push_pending(max_batches=0)
        # ``first`` reaches the cloud, then the till's copy changes: a conflict.
        assert t.engine.push_pending().done == 3
        _tamper(till_home, first.sale_id, {"cashier_name": "Someone else"})
        # ``second`` never reached the cloud in a valid shape: rejected.
        _tamper(till_home, second.sale_id, {"currency": "rupiah"})
        with write_session(t.till.store.session_factory) as session:
            session.execute(
                text("UPDATE outbox SET status = 'pending' WHERE sale_id = :s"),
                {"s": good.sale_id},
            )
        report = t.engine.push_pending()
        assert (report.done, report.needs_attention) == (1, 2)
        stats = t.engine.stats()
        assert (stats.pending, stats.needs_attention) == (0, 2)
        with read_session(t.till.store.session_factory) as session:
            items = {i.sale_id: i for i in outbox.needs_attention(session)}
        assert items[first.sale_id].status == "conflict"
        assert "nothing was overwritten" in items[first.sale_id].reason
        assert items[second.sale_id].status == "rejected"
        assert "currency" in items[second.sale_id].reason
        # Still on the till, with the sale itself, and not sent again by later rounds.
        assert t.engine.push_pending().sent == 0
        rows = outbox_rows(till_home.database)
        assert rows[first.sale_id][0] == rows[second.sale_id][0] == "failed"
        # Store IT can queue them again once the cause is fixed.
        with write_session(t.till.store.session_factory) as session:
            assert outbox.retry_needs_attention(session, [first.sale_id]) == 1
        assert t.engine.stats().pending == 1


def test_a_batch_too_large_for_the_server_is_split(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore, tmp_path
) -> None:
    small = CloudServer(cloud.database_url, tmp_path, env={"POS_SERVER_MAX_BATCH": "4"})
    small.start()
    try:
        pair(till_home, small.url, tenant.enrollment_code(), secrets)
        with paired_till(till_home, secrets, SyncConfig(batch_size=50)) as t:
            t.engine.pull_catalog()
            sales = sell(t.till, 21, random.Random(5))
            report = t.engine.push_pending()
            assert report.done == 21
            assert t.engine.batch_size <= 4
    finally:
        small.stop()
    _assert_exactly_once(till_home, tenant, {s.sale_id for s in sales})


def test_the_audit_journal_reaches_the_cloud_once_and_checks_out(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    from pos_desktop.localdb import journal

    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets, SyncConfig(batch_size=7)) as t:
        t.engine.pull_catalog()
        sell(t.till, 12, random.Random(3))
        t.engine.push_pending()
        assert t.engine.push_journal() >= 12
        assert t.engine.push_journal() == 0
        with read_session(t.engine.sessions) as session:
            local = {e.seq: e.hash for e in journal.entries(session)}
            assert journal.synced_seq(session) == max(local)
    assert tenant.journal_hashes() == local
