"""The demo catalog has cost prices (60-85 % of each price, the same in every demo), so the demo's
product report shows margins for the history's sales instead of an empty column."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from server_stub import rollup_fold
from server_stub.core import migrate
from server_stub.core.db import Database
from server_stub.demo import demo_catalog, demo_cost, seed_demo, to_product_in
from server_stub.report_queries import ReportFilter, ReportKind, sales_report
from tests.server.conftest import create_pg_database, drop_pg_database

PEPPER = b"p" * 32


@pytest.fixture
def own_database(database_url: str, tmp_path: Path) -> Iterator[Database]:
    """A database of its own on the same backend: there is one demo organization per database,
    and test_demo_history must find none in the shared one."""
    if database_url.startswith("sqlite"):
        url, pg_name = f"sqlite:///{tmp_path / 'demo.db'}", None
    else:
        url, pg_name = create_pg_database("pos_demo")
    db = Database(url, pool_size=3)
    try:
        migrate.upgrade(db.engine)
        yield db
    finally:
        db.dispose()
        if pg_name is not None:
            drop_pg_database(pg_name)


def test_every_demo_product_costs_60_to_85_percent_of_its_price() -> None:
    items = demo_catalog()
    shares = set()
    for item in items:
        product = to_product_in(item)
        assert product.cost_price is not None, item.sku
        assert item.price * 60 <= product.cost_price * 100 <= item.price * 85, item
        assert product.cost_price == demo_cost(item.sku, item.price)  # the same every time
        shares.add(product.cost_price * 100 // item.price)
    assert len(shares) > 20  # margins differ from product to product
    assert demo_cost("MKN-0001", 3500) == to_product_in(items[0]).cost_price


def test_the_demo_product_report_shows_margins(own_database: Database) -> None:
    database = own_database
    now = datetime.now(UTC)
    with database.write() as session:
        seeded = seed_demo(session, pepper=PEPPER, now=now)
    assert seeded.history_sales > 0
    rollup_fold.catch_up(database, seeded.org_id)  # as the reports page does before it reads
    days = ReportFilter(
        org_id=seeded.org_id,
        visible=None,
        day_from=(now - timedelta(days=40)).date(),
        day_to=(now + timedelta(days=1)).date(),
    )
    with database.read() as session:
        report = sales_report(session, days, ReportKind.PRODUCT)
    assert report.rows and report.total.net > 0
    assert report.total.unknown_cost == 0
    margin, ratio = report.total.margin, report.total.margin_ratio
    assert margin is not None and ratio is not None and 0.05 < ratio < 0.45, (margin, ratio)
    assert all(row.figures.margin is not None for row in report.rows)
