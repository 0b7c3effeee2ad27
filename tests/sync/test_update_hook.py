"""The sync thread runs the signed-update step after its completed rounds (issue 14)."""

from __future__ import annotations

from pos_desktop.paths import AppPaths
from pos_desktop.sync.runtime import start_sync
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.test_worker import wait_for
from tests.sync.till import FAST_SYNC, MemoryStore, opened, pair


class CountingStep:
    def __init__(self) -> None:
        self.runs = 0

    def maybe_run(self) -> object:
        self.runs += 1
        return None


def test_the_update_step_runs_after_completed_rounds(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    step = CountingStep()
    with opened(till_home) as till:
        setup = start_sync(
            till.store.session_factory, till_home, FAST_SYNC, store=secrets, updates=step
        )
        assert setup.service is not None
        worker = setup.service.worker
        try:
            wait_for(lambda: worker.cycles >= 2 and step.runs >= 2, what="two rounds")
        finally:
            setup.service.stop(10)
    assert step.runs <= worker.cycles  # once a completed round, never on a failed one
