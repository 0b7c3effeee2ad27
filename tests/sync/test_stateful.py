"""Hypothesis searches sequences of sale / offline / online / sync / lost answer / crash /
catalog change for one that breaks the sync invariants."""

from __future__ import annotations

import random
import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from pos_desktop.sync.client import CloudError
from server_stub.core.db import Database
from tests.sync.chaos import check_invariants
from tests.sync.cloud import CloudServer, make_tenant
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.helpers import paired_till
from tests.sync.till import FAST_SYNC, MemoryStore, outbox_rows, pair, sell, till_paths, till_sales

pytestmark = pytest.mark.slow


def test_sync_state_machine(
    cloud: CloudServer,
    cloud_db: Database,
    till_template: Path,
    demo_products: list[object],
    tmp_path: Path,
) -> None:
    proxy = FaultProxy(cloud.port, delay_s=0.02).start()
    config = FAST_SYNC.__class__(read_timeout_s=1.0, connect_timeout_s=1.0, batch_size=3)

    class SyncMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            proxy.set_default(Fault.PASS)
            proxy.clear_plan()
            home = tmp_path / uuid.uuid4().hex[:8]
            shutil.copytree(till_template, home, ignore=shutil.ignore_patterns("*.lock"))
            self.paths = till_paths(home)
            self.tenant = make_tenant(cloud_db, products=demo_products)  # type: ignore[arg-type]
            self.secrets = MemoryStore()
            pair(self.paths, proxy.url, self.tenant.enrollment_code(), self.secrets, config)
            self.rng = random.Random(0)
            self.committed: set[str] = set()
            self._open()

        def _open(self) -> None:
            self.ctx = paired_till(self.paths, self.secrets, config)
            self.t = self.ctx.__enter__()

        def teardown(self) -> None:
            self.ctx.__exit__(None, None, None)
            proxy.set_default(Fault.PASS)

        def _try(self, *steps: str) -> None:
            for name in steps:
                try:
                    getattr(self.t.engine, name)()
                except CloudError:
                    return

        @rule(count=st.integers(1, 3))
        def sale(self, count: int) -> None:
            self.committed |= {s.sale_id for s in sell(self.t.till, count, self.rng)}

        @rule()
        def go_offline(self) -> None:
            proxy.set_default(Fault.DROP)

        @rule()
        def go_online(self) -> None:
            proxy.set_default(Fault.PASS)

        @rule()
        def sync(self) -> None:
            self._try("pull_catalog", "push_pending")

        @rule(cut=st.sampled_from([Fault.CUT_RESPONSE, Fault.CUT_PARTIAL, Fault.RESET]))
        def drop_response(self, cut: Fault) -> None:
            proxy.plan([cut])
            self._try("push_pending")
            proxy.clear_plan()

        @rule()
        def crash(self) -> None:
            # The process dies between two transactions: nothing but what is committed stays.
            self.ctx.__exit__(None, None, None)
            self._open()

        @rule(price=st.integers(100, 100_000))
        def catalog_change(self, price: int) -> None:
            pid = self.rng.choice(sorted(self.tenant.catalog_snapshot()))
            self.tenant.patch_product(pid, price=price)

        @rule()
        def quiet_period(self) -> None:
            proxy.set_default(Fault.PASS)
            self._try("push_pending", "pull_catalog")
            self._try("push_pending", "pull_catalog")
            check_invariants(self.paths, self.tenant, self.committed)

        @invariant()
        def nothing_lost_or_doubled(self) -> None:
            till = till_sales(self.paths.database)
            assert self.committed <= set(till)
            server = self.tenant.sale_ids()
            assert len(server) == len(set(server))
            assert set(server) <= set(till)
            done = {
                sid
                for sid, (status, _) in outbox_rows(self.paths.database).items()
                if status == "done"
            }
            assert done <= set(server)

    SyncMachine.TestCase.settings = settings(
        max_examples=12,
        stateful_step_count=15,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    try:
        SyncMachine.TestCase().runTest()
    finally:
        proxy.stop()
