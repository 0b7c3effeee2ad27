"""Shared steps of the sync tests: a paired till and its engine, run step by step."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pos_desktop.app import OpenTill
from pos_desktop.paths import AppPaths
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.engine import SyncEngine
from pos_desktop.sync.runtime import SyncService, start_sync
from tests.sync.till import FAST_SYNC, MemoryStore, opened


@dataclass
class PairedTill:
    till: OpenTill
    service: SyncService

    @property
    def engine(self) -> SyncEngine:
        return self.service.engine


@contextmanager
def paired_till(
    paths: AppPaths, secrets: MemoryStore, config: SyncConfig = FAST_SYNC, *, start: bool = False
) -> Iterator[PairedTill]:
    """The till open with its sync service built (and its thread started if ``start``)."""
    with opened(paths) as till:
        setup = start_sync(till.store.session_factory, paths, config, store=secrets, start=start)
        assert setup.service is not None, setup.status
        try:
            yield PairedTill(till, setup.service)
        finally:
            setup.service.stop(10)
