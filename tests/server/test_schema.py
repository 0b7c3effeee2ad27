"""The migrations build exactly the models' schema, and every key leads with the tenant."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from server_stub.core import migrate
from server_stub.core.db import Database
from server_stub.models import Base


def test_migrations_match_the_models(database: Database) -> None:
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert migrate.is_current(database.engine)


def test_upgrading_twice_is_harmless(database: Database) -> None:
    migrate.upgrade(database.engine)
    assert migrate.is_current(database.engine)


def test_org_id_leads_every_key_and_index(database: Database) -> None:
    inspector = inspect(database.engine)
    tables = inspector.get_table_names()
    assert "sales" in tables
    for table in tables:
        if table == "alembic_version":
            continue
        columns = [c["name"] for c in inspector.get_columns(table)]
        assert "org_id" in columns, table
        keys = [inspector.get_pk_constraint(table)["constrained_columns"]]
        keys += [u["column_names"] for u in inspector.get_unique_constraints(table)]
        keys += [i["column_names"] for i in inspector.get_indexes(table)]
        keys += [f["constrained_columns"] for f in inspector.get_foreign_keys(table)]
        for key in keys:
            assert key and key[0] == "org_id", (table, key)
