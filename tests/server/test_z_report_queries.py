"""Z reports in the back office: listed per store, till and day, selisih added up per cashier,
and another organization's or store's report is never found."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from pos_desktop.domain.cash import CashCount
from server_stub.core.db import Database
from server_stub.models import Store
from server_stub.z_report_queries import (
    ZFilter,
    list_z_reports,
    selisih_by_cashier,
    z_report,
)
from tests.domain.test_domain_shift_report import CLOSED_SHIFT
from tests.domain.test_domain_shift_report import z_report as build_z
from tests.server.factories import FakeClock, Tenant, make_tenant
from tests.server.test_shift_reports_api import push, x_doc

EXPECTED_CASH = 310_400
"""The drawer the test shift should hold (float, cash sales, change, movements, refunds)."""


def z_doc(report_id: str, no: int, cashier: str, counted: int, days: int = 0) -> dict[str, Any]:
    """A Z report whose drawer counted ``counted`` (in Rp100.000, Rp1.000 and Rp100 pieces)."""
    hundreds, rest = divmod(counted, 100_000)
    thousands, coins = divmod(rest, 1_000)
    count = CashCount.of(
        {"note_100000": hundreds, "note_1000": thousands, "coin_100": coins // 100}
    )
    shift = replace(
        CLOSED_SHIFT,
        shift_id=f"shift-{report_id}",
        opened_by=cashier,
        opened_at=CLOSED_SHIFT.opened_at + timedelta(days=days),
        closed_at=(CLOSED_SHIFT.closed_at or CLOSED_SHIFT.opened_at) + timedelta(days=days),
    )
    created = CLOSED_SHIFT.closed_at
    assert created is not None
    return build_z(
        count, report_id=report_id, report_no=no, shift=shift, created_at=created
    ).to_json()


def history(client: TestClient, tenant: Tenant) -> None:
    till = tenant.device("T01")
    push(
        client,
        till,
        x_doc(),
        z_doc("z-1", 1, "K01", EXPECTED_CASH - 2_000),  # short 2.000
        z_doc("z-2", 2, "K01", EXPECTED_CASH + 500, days=1),  # over 500
        z_doc("z-3", 3, "K02", EXPECTED_CASH, days=1),  # exact
    )
    push(client, tenant.device("T02"), z_doc("z-4", 1, "K02", EXPECTED_CASH - 100, days=2))


def store_ids(database: Database, org_id: str) -> dict[str, str]:
    with database.read() as session:
        return {
            s.code: s.store_id for s in session.query(Store).where(Store.org_id == org_id).all()
        }


def test_z_list_and_selisih_per_cashier(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client, database, clock, stores=("S01",), tills=(("S01", "T01"), ("S01", "T02"))
    )
    history(client, tenant)
    f = ZFilter(org_id=tenant.org_id, visible=None)
    with database.read() as session:
        listed = list_z_reports(session, f)
        assert [(z.report_id, z.selisih) for z in listed] == [
            ("z-4", -100),
            ("z-3", 0),
            ("z-2", 500),
            ("z-1", -2_000),
        ]
        assert listed[-1].document_no == "S01-T01-Z000001"
        assert listed[-1].cash_expected == EXPECTED_CASH
        by_till = list_z_reports(session, replace(f, till_code="T02"))
        assert [z.report_id for z in by_till] == ["z-4"]
        day_one = list_z_reports(
            session, replace(f, day_from=date(2026, 3, 3), day_to=date(2026, 3, 3))
        )
        assert {z.report_id for z in day_one} == {"z-2", "z-3"}

        summary = {s.cashier_code: s for s in selisih_by_cashier(session, f)}
    k01, k02 = summary["K01"], summary["K02"]
    assert (k01.shifts, k01.short_shifts, k01.over_shifts) == (2, 1, 1)
    assert (k01.short_total, k01.over_total, k01.selisih) == (-2_000, 500, -1_500)
    assert (k02.shifts, k02.short_shifts, k02.over_shifts, k02.selisih) == (2, 1, 0, -100)
    assert [s.cashier_code for s in selisih_by_cashier_list(database, f)] == ["K01", "K02"]


def selisih_by_cashier_list(database: Database, f: ZFilter) -> list[Any]:
    with database.read() as session:
        return selisih_by_cashier(session, f)


def test_another_org_or_store_never_sees_a_z_report(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    mine = make_tenant(client, database, clock, stores=("S01", "S02"))
    other = make_tenant(client, database, clock)
    push(client, mine.device("T01"), z_doc("z-mine", 1, "K01", EXPECTED_CASH))
    ids = store_ids(database, mine.org_id)
    with database.read() as session:
        assert z_report(session, mine.org_id, None, "z-mine") is not None
        assert z_report(session, other.org_id, None, "z-mine") is None
        assert z_report(session, mine.org_id, frozenset({ids["S02"]}), "z-mine") is None
        seen = z_report(session, mine.org_id, frozenset({ids["S01"]}), "z-mine")
        assert seen is not None and seen.summary.selisih == 0
        assert list_z_reports(session, ZFilter(org_id=other.org_id, visible=None)) == []
        only_s02 = ZFilter(org_id=mine.org_id, visible=frozenset({ids["S02"]}))
        assert list_z_reports(session, only_s02) == []
