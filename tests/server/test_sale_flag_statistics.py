"""The alerts count reads only flagged sales on PostgreSQL: migration 0016 gives the planner
statistics on the number of flags, so it picks the partial index over the whole table."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from server_stub.core.db import Database


def test_the_flag_count_has_planner_statistics(database: Database) -> None:
    if database.dialect != "postgresql":
        pytest.skip("expression statistics are PostgreSQL's; SQLite plans by its own rules")
    with database.read() as session:
        found = session.execute(
            text(
                "SELECT pg_get_statisticsobjdef(oid) FROM pg_statistic_ext "
                "WHERE stxname = 'st_sales_flag_count'"
            )
        ).scalar_one_or_none()
    assert found is not None and "json_array_length(flags)" in found
