"""The owner's store settings travel from the cloud to a running till, and the version a sale
was rung under travels back: a real ``pos-server`` on loopback, a paired till, its sync."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.localdb import journal
from pos_desktop.localdb.transactions import read_session
from pos_desktop.paths import AppPaths
from pos_desktop.services.checkout import SaleSession
from pos_desktop.sync.config import SyncConfig
from server_stub import tenancy
from server_stub.models import SaleRow
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.helpers import PairedTill, paired_till
from tests.sync.till import FAST_SYNC, MemoryStore, pair


def wait_for(condition: Callable[[], bool], timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.02)  # the sync thread works on its own; poll what it wrote


def owner_sets(tenant: Tenant, **changes: Any) -> int:
    """What ``PATCH /v1/stores/{code}`` does; returns the new profile version."""
    with tenant.db.write() as session:
        store = tenancy.update_store(
            session, tenant.org_id, tenant.store_code, changes, datetime.now(UTC)
        )
        session.commit()
        return store.profile_version


def sell_one(t: PairedTill) -> Any:
    """A cash sale of one PPN-taxed product under the profile in force, as the sale screen
    does: the profile is read when the sale starts."""
    ctx = t.till.context
    assert ctx.profiles is not None
    session = SaleSession(ctx.profile)
    session.offer_profile(ctx.profiles.current())
    product = next(p for p in ctx.till.search("aqua", 20) if p.barcode)
    session.add(ctx.till.lookup(product.barcode))
    session.add_tender(Tender(TenderKind.CASH, session.begin_payment().total_due))
    cashier = ctx.staff.active_staff()[0]
    return ctx.till.commit(session.prepare_commit(cashier, ctx.clock())).sale, session


def cloud_flags(tenant: Tenant, sale_id: str) -> tuple[list[str], dict[str, Any]]:
    with tenant.db.read() as session:
        row = session.get(SaleRow, (tenant.org_id, sale_id))
        assert row is not None
        return list(row.flags), dict(row.flag_details)


def test_a_change_reaches_the_till_with_its_version_and_comes_back_on_the_sale(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    version = owner_sets(
        tenant,
        legal_name="PT Toko Sync",
        npwp="012345678901000",
        receipt_header=["Buka setiap hari"],
        ppn_enabled=True,
        prices_include_tax=False,
    )
    with paired_till(till_home, secrets) as t:
        t.engine.pull_catalog()
        profile = t.engine.refresh_profile()
        assert profile.version == version
        assert (profile.npwp, profile.legal_name) == ("012345678901000", "PT Toko Sync")
        assert profile.header_lines == ("Buka setiap hari",)
        assert profile.tax.ppn_enabled and not profile.tax.prices_include_tax
        with read_session(t.engine.sessions) as db:
            entries = [e for e in journal.entries(db) if e.kind == "settings_change"]
        assert json.loads(entries[-1].data)["new_version"] == version

        sale, _ = sell_one(t)
        assert sale.profile_version == version and sale.tax_added > 0
        t.engine.push_pending()
        assert cloud_flags(tenant, sale.sale_id) == ([], {})

        # A cart opened under this version and paid after the owner's next change keeps its
        # rules; the cloud notes that it was rung under a superseded version.
        ctx = t.till.context
        assert ctx.profiles is not None
        session = SaleSession(ctx.profile)
        session.offer_profile(ctx.profiles.current())
        product = next(p for p in ctx.till.search("aqua", 20) if p.barcode)
        session.add(ctx.till.lookup(product.barcode))
        newer = owner_sets(tenant, prices_include_tax=True)
        t.engine.refresh_profile()
        assert session.profile.version == version
        session.add_tender(Tender(TenderKind.CASH, session.begin_payment().total_due))
        cashier = ctx.staff.active_staff()[0]
        late = ctx.till.commit(session.prepare_commit(cashier, datetime.now().astimezone())).sale
        assert late.profile_version == version and not late.prices_include_tax
        t.engine.push_pending()
        flags, details = cloud_flags(tenant, late.sale_id)
        assert flags == ["stale_profile"]
        assert (details["stale_profile"]["rung_under"], details["stale_profile"]["current"]) == (
            version,
            newer,
        )
        # The next sale is rung under the new version and is not flagged.
        next_sale, _ = sell_one(t)
        assert next_sale.profile_version == newer and next_sale.prices_include_tax
        t.engine.push_pending()
        assert cloud_flags(tenant, next_sale.sale_id) == ([], {})


def test_a_running_till_picks_up_a_change_at_its_next_round_by_default(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    """The reported overcharge came from a profile asked for every ten minutes: by default the
    till asks every round."""
    config = replace(FAST_SYNC, profile_interval_s=SyncConfig().profile_interval_s)
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets, config, start=True) as t:
        worker = t.service.worker
        wait_for(lambda: worker.cycles >= 1, what="the first sync round")
        settings = t.till.store.settings
        first = settings.store_profile().version
        newer = owner_sets(tenant, prices_include_tax=False)
        assert newer > first
        wait_for(lambda: settings.store_profile().version == newer, what="the new profile")
        assert not settings.store_profile().tax.prices_include_tax
