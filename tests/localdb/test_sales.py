from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, exc, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.receipt_no import format_receipt_no
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.localdb.engine import make_session_factory, open_engine
from pos_desktop.localdb.sales import SqlSaleJournal, quantity_milli
from pos_desktop.services.ports import StoreProfile
from tests.localdb.conftest import SOLD_AT, sale_maker

NOW = datetime(2026, 11, 28, 2, 31, tzinfo=UTC)


@pytest.fixture
def journal(factory: sessionmaker[Session], store: StoreProfile) -> SqlSaleJournal:
    return SqlSaleJournal(factory, clock=lambda: NOW)


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("sales", "sale_lines", "sale_tenders", "sale_taxes", "outbox")
        }


def last_counter(engine: Engine) -> int:
    with engine.connect() as conn:
        value = conn.execute(text("SELECT coalesce(max(last_no), 0) FROM receipt_counters"))
        return int(value.scalar_one())


def test_receipt_number_format() -> None:
    assert format_receipt_no("S01", "T01", 42) == "S01-T01-000042"
    assert format_receipt_no("S01", "T01", 1_234_567) == "S01-T01-1234567"


def test_quantities_are_stored_as_whole_thousandths() -> None:
    assert quantity_milli(Decimal("1.255")) == 1255
    assert quantity_milli(Decimal(3)) == 3000
    with pytest.raises(ValueError, match="three decimals"):
        quantity_milli(Decimal("0.0005"))


def test_commit_writes_the_sale_its_rows_and_its_outbox_row(
    journal: SqlSaleJournal, engine: Engine
) -> None:
    make = sale_maker(lines=4)
    sale = journal.commit_sale(make)
    assert sale.receipt_no == "S01-T01-000001"
    assert counts(engine) == {
        "sales": 1,
        "sale_lines": 5,  # four counted lines and the weighed one
        "sale_tenders": 2,
        "sale_taxes": 1,
        "outbox": 1,
    }
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT receipt_seq, sold_at, total, paid, change, cashier_code FROM sales")
        ).one()
        assert tuple(row) == (
            1,
            "2026-11-28T02:30:00.000000+00:00",
            sale.total,
            sale.paid,
            sale.change,
            "K01",
        )
        weighed = conn.execute(
            text("SELECT quantity_milli, unit FROM sale_lines WHERE sku = 'SKU-Beras'")
        ).one()
        assert tuple(weighed) == (1255, "kg")
        tenders = conn.execute(
            text("SELECT tender_no, kind, amount, reference FROM sale_tenders ORDER BY tender_no")
        ).all()
        assert [tuple(t) for t in tenders] == [
            (1, "qris", 1_000, "QR-123"),
            (2, "cash", sale.total - 1_000 + 20_000, ""),
        ]
        outbox = conn.execute(
            text("SELECT sale_id, kind, status, attempts, created_at, acked_at FROM outbox")
        ).one()
        assert tuple(outbox) == (
            sale.sale_id,
            "sale",
            "pending",
            0,
            "2026-11-28T02:31:00.000000+00:00",
            None,
        )
    assert sum(ln.net for ln in sale.lines) + sale.tax_added + sale.rounding == sale.total


def test_the_stored_document_reads_back_as_the_same_sale(journal: SqlSaleJournal) -> None:
    sale = journal.commit_sale(sale_maker())
    again = journal.sale_by_receipt(sale.receipt_no)
    assert again == sale
    assert again is not None
    assert again.sold_at.utcoffset() == timedelta(hours=7)  # the till's local time kept
    assert journal.sale_by_receipt(f"  {sale.receipt_no} ") == sale
    assert journal.sale_by_receipt("S01-T01-999999") is None


def test_a_failure_in_make_leaves_nothing_and_keeps_the_number(
    journal: SqlSaleJournal, engine: Engine
) -> None:
    def broken(receipt_no: str) -> SaleRecord:
        raise UserError("payment.total_changed")

    with pytest.raises(UserError):
        journal.commit_sale(broken)
    assert counts(engine) == dict.fromkeys(counts(engine), 0)
    assert last_counter(engine) == 0
    assert journal.commit_sale(sale_maker()).receipt_no == "S01-T01-000001"


def test_a_failure_after_the_lines_rolls_back_everything(
    journal: SqlSaleJournal, engine: Engine
) -> None:
    journal.commit_sale(sale_maker())
    before = counts(engine)
    # Fails the last insert of the transaction, after the sale, lines, tenders and taxes.
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox"
            " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
    with pytest.raises(exc.IntegrityError, match="injected failure"):
        journal.commit_sale(sale_maker())
    assert counts(engine) == before
    assert last_counter(engine) == 1
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER fail_outbox")
    assert journal.commit_sale(sale_maker()).receipt_no == "S01-T01-000002"


def test_a_sale_for_the_wrong_receipt_or_till_is_refused(
    journal: SqlSaleJournal, engine: Engine
) -> None:
    make = sale_maker()
    with pytest.raises(ValueError, match="receipt"):
        journal.commit_sale(lambda no: replace(make(no), receipt_no="X-1"))
    with pytest.raises(ValueError, match="till"):
        journal.commit_sale(lambda no: replace(make(no), till_code="T02"))
    assert counts(engine)["sales"] == 0
    assert last_counter(engine) == 0


def test_the_same_sale_cannot_be_committed_twice(journal: SqlSaleJournal, engine: Engine) -> None:
    make = sale_maker(sale_id="7d8e2f1c-0000-4000-8000-000000000001")
    journal.commit_sale(make)
    with pytest.raises(exc.IntegrityError):
        journal.commit_sale(make)
    assert counts(engine)["sales"] == 1
    assert last_counter(engine) == 1


def test_two_hundred_sales_get_gap_free_numbers(journal: SqlSaleJournal, engine: Engine) -> None:
    numbers = [journal.commit_sale(sale_maker(lines=1)).receipt_no for _ in range(200)]
    assert numbers == [f"S01-T01-{n:06d}" for n in range(1, 201)]
    assert counts(engine)["outbox"] == 200
    assert journal.last_receipt_counter() == 200


def test_concurrent_committers_never_share_or_skip_a_number(
    db_path: Path, store: StoreProfile
) -> None:
    per_thread = 40
    results: list[list[str]] = [[], []]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def sell(slot: int) -> None:
        engine = open_engine(db_path)
        try:
            journal = SqlSaleJournal(make_session_factory(engine))
            start.wait()
            for _ in range(per_thread):
                results[slot].append(journal.commit_sale(sale_maker(lines=2)).receipt_no)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=sell, args=(slot,)) for slot in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    every = sorted(results[0] + results[1])
    assert every == [f"S01-T01-{n:06d}" for n in range(1, 2 * per_thread + 1)]
    for mine in results:  # each committer saw its own numbers rise
        assert mine == sorted(mine)


def test_recent_sales_newest_first(journal: SqlSaleJournal) -> None:
    sales = [
        journal.commit_sale(sale_maker(sold_at=SOLD_AT + timedelta(minutes=i))) for i in range(5)
    ]
    recent = journal.recent_sales(limit=3)
    assert [s.receipt_no for s in recent] == [s.receipt_no for s in reversed(sales)][:3]
    assert journal.recent_sales(limit=0) == []


def test_a_locked_database_refuses_the_sale_cleanly(db_path: Path, store: StoreProfile) -> None:
    engine = open_engine(db_path, busy_timeout_ms=50)
    journal = SqlSaleJournal(make_session_factory(engine))
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError) as caught:
            journal.commit_sale(sale_maker())
        assert caught.value.code == "storage.locked"
    finally:
        other.rollback()
        other.close()
    try:
        assert journal.commit_sale(sale_maker()).receipt_no == "S01-T01-000001"
    finally:
        engine.dispose()


def test_a_full_disk_refuses_the_sale_and_keeps_the_number(
    journal: SqlSaleJournal, engine: Engine
) -> None:
    from sqlalchemy import event

    journal.commit_sale(sale_maker())

    def cap(dbapi_connection: sqlite3.Connection, _: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    event.listen(engine, "connect", cap)
    try:
        with pytest.raises(UserError) as caught:
            for _ in range(200):  # until a new page is needed
                journal.commit_sale(sale_maker(lines=40))
        assert caught.value.code == "storage.full"
    finally:
        event.remove(engine, "connect", cap)
        engine.dispose()
    committed = counts(engine)["sales"]
    assert last_counter(engine) == committed
    assert counts(engine)["outbox"] == committed


def test_no_store_profile_means_no_sale(factory: sessionmaker[Session]) -> None:
    journal = SqlSaleJournal(factory)
    with pytest.raises(UserError) as caught:
        journal.commit_sale(sale_maker())
    assert caught.value.code == "store.not_configured"
