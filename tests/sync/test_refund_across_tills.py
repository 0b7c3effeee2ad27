"""Returns across tills: a sale of another till is found through the cloud, and partial returns
made on different tills add up."""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from pos_desktop.domain.permissions import PermissionTable, ReasonCode
from pos_desktop.localdb.refunds import SqlRefundStore
from pos_desktop.paths import AppPaths
from pos_desktop.services.refunds import RefundService
from pos_desktop.sync.lookup import cloud_lookup
from pos_desktop.sync.runtime import lookup_client_factory
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.helpers import PairedTill, paired_till
from tests.sync.till import FAST_SYNC, MemoryStore, pair, sell, till_paths


def _till(template: Path, tmp_path: Path, name: str) -> AppPaths:
    home = tmp_path / name
    shutil.copytree(template, home, ignore=shutil.ignore_patterns("*.lock", "*.bak"))
    return till_paths(home)


def _refunds(t: PairedTill, paths: AppPaths, secrets: MemoryStore) -> RefundService:
    sessions = t.till.store.session_factory
    lookup = cloud_lookup(lookup_client_factory(sessions, paths, FAST_SYNC, store=secrets))
    return RefundService(
        SqlRefundStore(sessions),
        t.till.store.settings.store_profile,
        PermissionTable.default,
        lambda: datetime.now(UTC),
        None,
        lookup,
    )


def test_a_sale_of_another_till_is_refunded_and_returns_add_up_across_tills(
    cloud: CloudServer,
    tenant: Tenant,
    till_template: Path,
    tmp_path: Path,
    secrets: MemoryStore,
) -> None:
    t01 = _till(till_template, tmp_path, "t01")
    t02 = _till(till_template, tmp_path, "t02")
    pair(t01, cloud.url, tenant.enrollment_code("T01"), secrets)
    pair(t02, cloud.url, tenant.enrollment_code("T02"), secrets)
    rng = random.Random(7)

    with paired_till(t01, secrets) as t:
        t.engine.pull_catalog()
        sale = sell(t.till, 1, rng)[0]
        while sale.lines[0].quantity < 2:  # a line with more than one unit, to return part
            sale = sell(t.till, 1, rng)[0]
        assert t.engine.push_pending().done >= 1
        manager = next(m for m in t.till.context.staff.active_staff() if m.code == "M01")
    sold = sale.lines[0].quantity

    # Till 2 never saw the sale: the cloud has it. One unit comes back there.
    with paired_till(t02, secrets) as t:
        service = _refunds(t, t02, secrets)
        found = service.find(sale.receipt_no)
        assert (found.source, found.cloud_checked) == ("cloud", True)
        assert found.remaining[1] == sold
        done = service.commit(
            found, {1: Decimal(1)}, to_cash=True, cashier=manager, reason=ReasonCode.DAMAGED
        )
        assert done.refund.refund_no.startswith("S01-T02-R")
        assert t.engine.push_documents().done == 1

    # Back on till 1 (its own sale, found offline too): the cloud's refund from till 2 counts.
    with paired_till(t01, secrets) as t:
        service = _refunds(t, t01, secrets)
        again = service.find(sale.receipt_no)
        assert again.source == "local" and again.cloud_checked
        assert again.already[1] == 1
        assert again.remaining[1] == sold - 1
        assert [r.refund_id for r in again.earlier] == [done.refund.refund_id]
