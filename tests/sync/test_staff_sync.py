"""Staff through a real ``pos-server``: made in the cloud, they log in on a till offline with
the PIN set there; a deactivation reaches the till with its next pull; a PIN changed on one
till reaches the cloud through the outbox and the store's other till through the feed."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import select

from pos_desktop.paths import AppPaths
from pos_desktop.sync.client import CloudError
from server_stub import staff
from server_stub.models import StaffMember
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.helpers import paired_till
from tests.sync.till import MemoryStore, pair, till_paths


def _create(tenant: Tenant, name: str, role: str, pin: str) -> str:
    with tenant.db.write() as session:
        data = staff.StaffIn(name=name, role=role, stores=[tenant.store_code], pin=pin)  # type: ignore[arg-type]
        member = staff.create_member(session, tenant.org_id, data, datetime.now(UTC))
        session.commit()
        return member.staff_id


def _cloud_member(tenant: Tenant, staff_id: str) -> StaffMember:
    with tenant.db.read() as session:
        return session.execute(
            select(StaffMember).where(
                StaffMember.org_id == tenant.org_id, StaffMember.staff_id == staff_id
            )
        ).scalar_one()


def _ids(t) -> dict[str, int]:
    return {m.name: m.user_id for m in t.till.context.staff.active_staff()}


def _now() -> datetime:
    return datetime.now(UTC)


def _pin_rows(paths: AppPaths) -> list[tuple[str, str, str | None]]:
    """(change id, status, the cloud's answer) of each PIN change in the till's document outbox,
    read with plain sqlite3 (no app code)."""
    conn = sqlite3.connect(paths.database)
    try:
        rows = conn.execute(
            "SELECT doc_id, status, ack_status FROM doc_outbox WHERE kind = 'staff_pin' ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    return [(r[0], r[1], r[2]) for r in rows]


def test_cloud_staff_log_in_offline_and_a_deactivation_reaches_the_till(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    siti = _create(tenant, "Siti", "cashier", "4821")
    _create(tenant, "Dewi", "supervisor", "5555")
    pair(till_home, cloud.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets) as t:
        t.engine.pull_catalog()
        directory = t.till.context.staff
        ids = _ids(t)
        # The cloud's people only: the users this test till was seeded with are retired.
        assert set(ids) == {"Siti", "Dewi"}
        roles = {m.name: m.role for m in directory.active_staff()}
        assert roles == {"Siti": "cashier", "Dewi": "supervisor"}
        # Checked against the verifier held here: no request leaves the till for a login.
        assert directory.verify_pin(ids["Siti"], "4821", _now()).user is not None
        assert directory.verify_pin(ids["Siti"], "1111", _now()).user is None
        with tenant.db.write() as session:
            staff.deactivate_member(session, tenant.org_id, siti, _now())
            session.commit()
        t.engine.pull_catalog()
        assert set(_ids(t)) == {"Dewi"}
        assert directory.verify_pin(ids["Siti"], "4821", _now()).user is None


def test_a_pin_changed_on_one_till_reaches_the_cloud_and_the_other_till(
    cloud: CloudServer,
    tenant: Tenant,
    till_home: AppPaths,
    till_template: Path,
    tmp_path: Path,
    secrets: MemoryStore,
) -> None:
    siti = _create(tenant, "Siti", "cashier", "4821")
    second_home = tmp_path / "till-2"
    shutil.copytree(till_template, second_home, ignore=shutil.ignore_patterns("*.lock", "*.bak"))
    second = till_paths(second_home)
    pair(till_home, cloud.url, tenant.enrollment_code("T01"), secrets)
    pair(second, cloud.url, tenant.enrollment_code("T02"), secrets)
    with paired_till(second, secrets) as t2:
        t2.engine.pull_catalog()
        siti_on_t2 = _ids(t2)["Siti"]
    with paired_till(till_home, secrets) as t1:
        t1.engine.pull_catalog()
        siti_on_t1 = _ids(t1)["Siti"]
        directory = t1.till.context.staff
        assert directory.change_own_pin(siti_on_t1, "4821", "1357", _now()).user is not None
        ((change_id, status, _),) = _pin_rows(till_home)
        assert status == "pending"
        report = t1.engine.push_documents()
        assert (report.sent, report.done) == (1, 1)
        assert _pin_rows(till_home) == [(change_id, "done", "accepted")]
        assert t1.engine.push_documents().sent == 0  # answered once, never sent again
        t1.engine.pull_catalog()  # the cloud's own copy comes back: still the new PIN here
        assert directory.verify_pin(siti_on_t1, "1357", _now()).user is not None

    member = _cloud_member(tenant, siti)
    assert member.pin_change_id == change_id
    assert member.pin_verifier.startswith("$argon2id$") and "1357" not in member.pin_verifier
    assert PasswordHasher().verify(member.pin_verifier, "1357")
    try:
        PasswordHasher().verify(member.pin_verifier, "4821")
        raise AssertionError("the old PIN still matches in the cloud")
    except VerificationError:
        pass

    with paired_till(second, secrets) as t2:
        t2.engine.pull_catalog()
        directory = t2.till.context.staff
        assert directory.verify_pin(siti_on_t2, "4821", _now()).user is None
        assert directory.verify_pin(siti_on_t2, "1357", _now()).user is not None


@pytest.mark.parametrize("fault", [Fault.DROP, Fault.CUT_RESPONSE])
def test_a_pin_change_whose_push_failed_stays_pending_and_its_resend_applies_once(
    fault: Fault,
    cloud: CloudServer,
    proxy: FaultProxy,
    tenant: Tenant,
    till_home: AppPaths,
    secrets: MemoryStore,
) -> None:
    """DROP: the cloud never saw the change. CUT_RESPONSE: the cloud applied it and the answer
    was lost. Either way the change waits in the outbox, the feed does not undo it meanwhile,
    and the resend settles it without applying it a second time."""
    siti = _create(tenant, "Siti", "cashier", "4821")
    pair(till_home, proxy.url, tenant.enrollment_code(), secrets)
    with paired_till(till_home, secrets) as t:
        t.engine.pull_catalog()
        siti_here = _ids(t)["Siti"]
        directory = t.till.context.staff
        assert directory.change_own_pin(siti_here, "4821", "1357", _now()).user is not None
        before = _cloud_member(tenant, siti)
        proxy.plan([fault])
        with pytest.raises(CloudError):
            t.engine.push_documents()
        ((change_id, status, ack),) = _pin_rows(till_home)
        assert (status, ack) == ("pending", None)
        after_fault = _cloud_member(tenant, siti)
        if fault is Fault.CUT_RESPONSE:
            assert after_fault.pin_change_id == change_id and after_fault.seq > before.seq
        else:
            assert after_fault.pin_change_id is None and after_fault.seq == before.seq

        # The owner renames her meanwhile: the feed brings the name, not the old verifier.
        with tenant.db.write() as session:
            staff.update_member(
                session, tenant.org_id, siti, staff.StaffPatch(name="Siti Aminah"), _now()
            )
            session.commit()
        t.engine.pull_catalog()
        assert {m.name for m in directory.active_staff()} == {"Siti Aminah"}
        assert directory.verify_pin(siti_here, "1357", _now()).user is not None
        assert directory.verify_pin(siti_here, "4821", _now()).user is None

        renamed = _cloud_member(tenant, siti)
        report = t.engine.push_documents()
        assert (report.sent, report.done) == (1, 1)
        answer = "duplicate" if fault is Fault.CUT_RESPONSE else "accepted"
        assert _pin_rows(till_home) == [(change_id, "done", answer)]
        assert t.engine.push_documents().sent == 0
        resent = _cloud_member(tenant, siti)
        # Applied once: a duplicate moves nothing in the cloud, not even the feed.
        if fault is Fault.CUT_RESPONSE:
            assert resent.seq == renamed.seq and resent.pin_set_at == after_fault.pin_set_at
        else:
            assert resent.seq > renamed.seq
        assert resent.pin_change_id == change_id
        assert PasswordHasher().verify(resent.pin_verifier, "1357")
        t.engine.pull_catalog()  # the cloud's copy comes back: still the new PIN here
        assert directory.verify_pin(siti_here, "1357", _now()).user is not None
