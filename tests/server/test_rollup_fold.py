"""The rollup queue and its fold, on SQLite and PostgreSQL: a synced sale is only queued; a fold
(a page's, a worker's folder thread, several at once) writes it exactly once into the day tables
and the three derived product tables, which then equal a recount; reports that read whole months
from the month tables equal the day rows added up; a page shows a sale synced a moment ago."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from server_stub.app import create_app
from server_stub.core.config import Settings
from server_stub.core.db import Database
from server_stub.ingest import ingest
from server_stub.models import LoginThrottle, Store
from server_stub.report_queries import (
    Figures,
    ReportFilter,
    ReportKind,
    report_total,
    sales_report,
)
from server_stub.rollup_fold import Folder, fold, fold_all, read_fresh
from server_stub.rollup_recount import comparable, read_derived, read_rollups, rebuild, recount
from server_stub.rollup_writes import ALL_TABLES, DERIVED, PENDING, derived_rows
from server_stub.rollups import HOURS, PRODUCTS, SUMS, Key, TableDeltas, sum_columns
from server_stub.submitter import Submitter
from server_stub.web.format import rupiah
from tests.server.factories import (
    WIB,
    FakeClock,
    Item,
    Tenant,
    add_product,
    fold_rollups,
    make_sale,
    make_tenant,
    push,
)
from tests.server.month_history import (
    REPORTED,
    MonthHistory,
    added,
    build_history,
    categories,
    expected_by,
)
from tests.web.webtools import next_code, sign_in

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

d = date
Named = dict[str, dict[Key, dict[str, int]]]


def queued(database: Database, org_id: str) -> int:
    with database.read() as session:
        query = select(func.count()).select_from(PENDING).where(PENDING.c.org_id == org_id)
        return int(session.execute(query).scalar_one())


def stored_rows(session: Session, org_id: str) -> int:
    """The organization's rows in every rollup table (day and derived grains), queue aside."""
    total = 0
    for table in ALL_TABLES:
        query = select(func.count()).select_from(table).where(table.c.org_id == org_id)
        total += int(session.execute(query).scalar_one())
    return total


def sales_in_hours(session: Session, org_id: str) -> int:
    """Sales counted in the stored ``rollup_hours`` rows (not what is queued)."""
    query = select(func.coalesce(func.sum(HOURS.c.sales), 0)).where(HOURS.c.org_id == org_id)
    return int(session.execute(query).scalar_one())


def derived_from(products: TableDeltas) -> Named:
    """What the derived tables must hold: the day-grain product rows added up in Python."""
    names = SUMS[PRODUCTS.name]
    return {
        table.name: {key: dict(zip(names, sums, strict=True)) for key, sums in rows.items()}
        for table, rows in zip(DERIVED, derived_rows(products), strict=True)
    }


def derived_stored(session: Session, org_id: str) -> Named:
    stored = read_derived(session, org_id)
    out: Named = {}
    for table in DERIVED:
        names = sum_columns(table)
        out[table.name] = {
            key: dict(zip(names, sums, strict=True)) for key, sums in stored[table.name].items()
        }
    return out


def assert_folded(database: Database, org_id: str) -> None:
    """Nothing queued; every grain of the tables equals the recount from the raw rows."""
    assert queued(database, org_id) == 0
    with database.read() as session:
        counted = recount(session, org_id)
        assert counted.products, "the sales must have reached the recount"
        assert comparable(read_rollups(session, org_id)) == comparable(counted)
        assert derived_stored(session, org_id) == derived_from(counted.products)


def one_sale(
    client: TestClient, tenant: Tenant, item: Item, *, at: datetime | None = None, till: str = "T01"
) -> int:
    """Sync one sale of ``item`` from ``till``; its total."""
    sale = make_sale([item], till_code=till, sold_at=at, store_code=_store_of(till))
    [ack] = push(client, tenant.device(till), sale.to_json())
    assert ack["status"] == "accepted", ack
    return sale.total


def _store_of(till: str) -> str:
    return "S" + till[1:]


def test_a_synced_sale_is_only_queued_until_a_fold_writes_every_grain(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(client, database, clock)
    one_sale(client, tenant, Item("P-1", "SKU-1", "Indomie", 3_500, "2"))
    assert queued(database, tenant.org_id) == 1
    with database.read() as session:
        assert stored_rows(session, tenant.org_id) == 0, "ingest wrote the rollup tables"
        # read_rollups counts the queue, so a recount check holds before the fold too
        assert comparable(read_rollups(session, tenant.org_id)) == comparable(
            recount(session, tenant.org_id)
        )
    assert fold_rollups(database) >= 1
    assert_folded(database, tenant.org_id)
    with database.read() as session:
        assert sales_in_hours(session, tenant.org_id) == 1


def test_a_history_across_months_folds_and_rebuilds_to_the_recount(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    org = h.tenant.org_id
    assert queued(database, org) == len(h.sales) + len(h.refunds)  # one row per request
    fold_rollups(database)
    assert_folded(database, org)
    with database.read() as session:
        months = derived_stored(session, org)["rollup_org_product_months"]
    assert {month for month, _ in months} == {d(2025, 11, 1), d(2025, 12, 1), d(2026, 1, 1),
                                             d(2026, 2, 1)}  # fmt: skip
    # A rebuild with a sale still queued and the derived rows lost: every grain comes back,
    # the queued sale counted once (by the rebuild, its queue row dropped).
    one_sale(client, h.tenant, Item("P-KOPI", "KOPI-01", "Kopi Susu", 18_000))
    with database.write() as session:
        for table in DERIVED:
            session.execute(delete(table).where(table.c.org_id == org))
        assert rebuild(session, org) == 1
        session.commit()
    assert_folded(database, org)
    # The next fold adds to the rows the rebuild's SQL wrote (the same keys, not new rows).
    one_sale(client, h.tenant, Item("P-KOPI", "KOPI-01", "Kopi Susu", 18_000))
    fold_rollups(database)
    assert_folded(database, org)
    with database.read() as session:
        assert sales_in_hours(session, org) == len(h.sales) + 2


# -- Reports over whole months and the days around them -----------------------------------------

RANGES = (
    (d(2025, 12, 1), d(2026, 1, 31)),  # whole months only
    (d(2025, 11, 1), d(2026, 2, 28)),  # every month of the history, whole
    (d(2025, 11, 30), d(2026, 2, 1)),  # a day, two whole months, a day
    (d(2025, 12, 15), d(2026, 1, 31)),  # days, then a whole month
    (d(2025, 12, 1), d(2026, 1, 1)),  # a whole month, then a day
    (d(2025, 12, 31), d(2025, 12, 31)),  # a single day
    (d(2025, 12, 31), d(2026, 1, 1)),  # across the year end, days only
    (d(2025, 12, 2), d(2025, 12, 30)),  # inside one month
)


def picked(figures: Figures) -> dict[str, int]:
    out = {}
    for name in REPORTED:
        value = getattr(figures, name)
        assert value is not None, name
        out[name] = int(value)
    return out


def filters(h: MonthHistory, day_from: date, day_to: date) -> Iterator[ReportFilter]:
    """Every store (the organization's tables), one store, a manager's two stores, and one
    store of those (the stores' tables)."""
    ids = h.store_ids
    manager = frozenset({ids["S01"], ids["S03"]})
    yield ReportFilter(h.tenant.org_id, None, day_from, day_to)
    yield ReportFilter(h.tenant.org_id, None, day_from, day_to, store_id=ids["S02"])
    yield ReportFilter(h.tenant.org_id, manager, day_from, day_to)
    yield ReportFilter(h.tenant.org_id, manager, day_from, day_to, store_id=ids["S03"])


def check_reports(session: Session, f: ReportFilter, products: Named, cats: dict[str, str]) -> None:
    day_rows = products[PRODUCTS.name]
    by_product = expected_by(day_rows, f, lambda product_id, _: product_id)
    assert by_product, f"no sales in {f}"
    r = sales_report(session, f, ReportKind.PRODUCT, limit=None)
    assert {row.key: picked(row.figures) for row in r.rows} == by_product, f
    assert picked(r.total) == added(by_product.values()), f
    assert picked(report_total(session, f, ReportKind.PRODUCT)) == added(by_product.values()), f

    by_category = expected_by(day_rows, f, lambda product_id, _: cats.get(product_id, ""))
    r = sales_report(session, f, ReportKind.CATEGORY, limit=None)
    assert {row.key: picked(row.figures) for row in r.rows} == by_category, f
    assert picked(r.total) == added(by_category.values()), f
    assert picked(report_total(session, f, ReportKind.CATEGORY)) == added(by_category.values())

    costs = ("costed_revenue", "cost")
    by_day = expected_by(day_rows, f, lambda _, day: day.isoformat())
    r = sales_report(session, f, ReportKind.DAY)
    assert {row.key: {c: getattr(row.figures, c) for c in costs} for row in r.rows} == {
        day: {c: sums[c] for c in costs} for day, sums in by_day.items()
    }, f
    total = added(by_day.values())
    for figures in (r.total, report_total(session, f, ReportKind.DAY)):
        assert (figures.costed_revenue, figures.cost) == (total["costed_revenue"], total["cost"])


def test_reports_over_months_equal_the_day_rows_added_up(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    h = build_history(client, database, clock)
    fold_rollups(database)
    cats = categories(database, h.tenant.org_id)
    assert cats["P-ROTI"] == "Makanan" and "P-GHOST" not in cats
    with database.read() as session:
        products = comparable(read_rollups(session, h.tenant.org_id))
        for day_from, day_to in RANGES:
            for f in filters(h, day_from, day_to):
                check_reports(session, f, products, cats)


# -- Pages fold before they read ----------------------------------------------------------------


def test_home_and_reports_pages_show_a_sale_synced_a_moment_ago(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(client, database, clock)
    r: Any = sign_in(client, tenant.email, code=next_code(tenant.totp_secret, clock))
    assert r.status_code == 303, r.text
    lapis = add_product(client, tenant, sku="LAPIS-01", name="Kue Lapis Legit", price=987_600)
    item = Item(lapis["id"], "LAPIS-01", "Kue Lapis Legit", 987_600)
    now = clock().astimezone(WIB)
    total = one_sale(client, tenant, item, at=now)
    assert queued(database, tenant.org_id) == 1
    home = client.get("/app/")
    assert home.status_code == 200, home.text
    assert rupiah(total) in home.text
    assert queued(database, tenant.org_id) == 0, "the page folded the queue"

    total += one_sale(client, tenant, item, at=now)
    assert queued(database, tenant.org_id) == 1
    day = now.date().isoformat()
    page = client.get("/app/reports", params={"kind": "product", "from": day, "to": day})
    assert page.status_code == 200, page.text
    assert "Kue Lapis Legit" in page.text and rupiah(total) in page.text
    assert queued(database, tenant.org_id) == 0


def test_read_fresh_shows_a_reader_what_was_queued_after_its_first_read(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    """A SQLite reader keeps the snapshot of its first read: ``read_fresh`` must fold and then
    end that snapshot, or the page reads the tables as they were."""
    tenant = make_tenant(client, database, clock)
    with database.read() as session:
        assert sales_in_hours(session, tenant.org_id) == 0  # the snapshot starts here
        one_sale(client, tenant, Item("P-1", "SKU-1", "Indomie", 3_500))
        assert queued(database, tenant.org_id) == 1
        assert sales_in_hours(session, tenant.org_id) == 0
        read_fresh(database, session, tenant.org_id)
        assert sales_in_hours(session, tenant.org_id) == 1
    assert queued(database, tenant.org_id) == 0
    with database.read() as session:
        read_fresh(database, session, tenant.org_id)  # nothing queued: nothing changes
        assert sales_in_hours(session, tenant.org_id) == 1


# -- Folding while the tills sync -----------------------------------------------------------------


class CountingFolder(Folder):
    """A ``Folder`` that keeps count of the queued rows it folded."""

    def __init__(self, db: Database, interval_s: float) -> None:
        super().__init__(db, interval_s)
        self.folded = 0

    def fold_once(self) -> int:
        folded = super().fold_once()
        self.folded += folded  # only this folder's thread calls it
        return folded


MOMENTS = (
    datetime(2026, 11, 30, 16, 30, tzinfo=UTC),  # 23:30 WIB on 30 Nov
    datetime(2026, 11, 30, 17, 30, tzinfo=UTC),  # 00:30 WIB on 1 Dec
    datetime(2026, 12, 31, 17, 30, tzinfo=UTC),  # 00:30 WIB on 1 Jan 2027
)


def test_tills_sync_while_two_folders_fold_and_nothing_is_lost_or_doubled(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tills = ("T01", "T02", "T03")
    tenant = make_tenant(client, database, clock, tills=tuple(("S01", t) for t in tills))
    items = [Item(f"P-{n}", f"SKU-{n}", f"Barang {n}", 1000 + n, "1") for n in range(8)]
    batches = 6
    fold_rollups(database)  # whatever earlier tests left: the folders' counts are this test's

    def till(code: str) -> None:
        with database.write() as session:
            store = session.execute(
                select(Store).where(Store.org_id == tenant.org_id, Store.code == "S01")
            ).scalar_one()
            submitter = Submitter(tenant.org_id, tenant.device_ids[code], store, code)
            for n in range(batches):
                batch = [
                    make_sale(items[(n + k) % 8 :] + items[: (n + k) % 8], till_code=code,
                              sold_at=MOMENTS[(n + k) % 3]).to_json()
                    for k in range(5)
                ]  # fmt: skip
                acks = ingest(session, submitter, batch, received_at=clock(), sent_at=None,
                              skew_limit_s=300)  # fmt: skip
                assert {a.status for a in acks} == {"accepted"}

    folders = [CountingFolder(database, 0.01) for _ in range(2)]
    for folder in folders:
        folder.start()
    try:
        with ThreadPoolExecutor(len(tills)) as pool:
            list(pool.map(till, tills))
    finally:
        for folder in folders:
            folder.stop()
    left = fold_rollups(database)
    # One queued row per batch, each folded exactly once by one of the three.
    assert sum(f.folded for f in folders) + left == len(tills) * batches
    assert sum(f.folded for f in folders) > 0, "the folders folded nothing while the tills synced"
    assert_folded(database, tenant.org_id)
    with database.read() as session:
        assert sales_in_hours(session, tenant.org_id) == len(tills) * batches * 5


def in_thread(
    database: Database, work: Callable[[Session], int]
) -> tuple[threading.Thread, list[int]]:
    """``work`` on its own thread and write session, committed; what it returns lands in the
    list when it is done."""
    out: list[int] = []

    def run() -> None:
        with database.write() as session:
            out.append(work(session))
            session.commit()

    thread = threading.Thread(target=run, name="test-folder", daemon=True)
    thread.start()
    return thread, out


def test_a_second_folder_skips_the_rows_a_first_one_holds(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    """PostgreSQL: a folder holding queued rows does not stop another from folding the rest
    (SKIP LOCKED); a page's fold waits for them instead, so it misses nothing."""
    if database.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time: its folders take turns")
    stores = ("S01", "S02", "S03")
    tenant = make_tenant(client, database, clock, stores=stores,
                         tills=tuple((s, "T" + s[1:]) for s in stores))  # fmt: skip
    fold_rollups(database)
    for n, till in enumerate(("T01", "T02", "T03")):  # a store and product each: no row shared
        one_sale(client, tenant, Item(f"P-{n}", f"SKU-{n}", f"Barang {n}", 1000 + n), till=till)
    holder = database.write()
    try:
        assert fold(holder, limit=1) == 1  # holds one queued row, uncommitted
        thread, folded = in_thread(database, lambda s: fold(s, limit=1))
        thread.join(10)
        assert not thread.is_alive(), "the second folder waited for the first one's rows"
        assert folded == [1]
        waiting, caught_up = in_thread(database, lambda s: fold_all(s, tenant.org_id))
        waiting.join(0.5)
        assert waiting.is_alive(), "a page's fold must wait for the rows a folder holds"
        holder.commit()
    finally:
        holder.close()
    waiting.join(10)
    assert caught_up == [1]
    assert_folded(database, tenant.org_id)


# -- A served worker folds on its own -------------------------------------------------------------


def folder_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "rollup-folder" and t.is_alive()}


def served_app(database: Database, database_url: str, clock: FakeClock, interval_s: float) -> Any:
    with database.write() as session:
        session.execute(delete(LoginThrottle))
        session.commit()
    settings = Settings(database_url=database_url, rollup_fold_interval_s=interval_s)
    return create_app(settings, clock=clock, database=database, background=True)


def test_a_served_worker_folds_the_queue_without_a_page_and_stops_with_the_app(
    database: Database, database_url: str, clock: FakeClock
) -> None:
    before = folder_threads()
    with TestClient(served_app(database, database_url, clock, 0)):
        assert folder_threads() == before, "an interval of 0 starts no folder"
    with TestClient(served_app(database, database_url, clock, 0.05)) as client:
        started = folder_threads() - before
        assert len(started) == 1
        tenant = make_tenant(client, database, clock)
        one_sale(client, tenant, Item("P-1", "SKU-1", "Indomie", 3_500))
        deadline = time.monotonic() + 20
        while queued(database, tenant.org_id) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert queued(database, tenant.org_id) == 0, "the folder did not fold within 20 s"
        with database.read() as session:
            assert sales_in_hours(session, tenant.org_id) == 1
    assert not any(t.is_alive() for t in started), "the folder outlived the app"
    assert_folded(database, tenant.org_id)
