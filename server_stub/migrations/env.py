"""Alembic environment: runs on a connection handed in by ``server_stub.core.migrate``.

When Alembic is run by hand (``alembic -c server_stub/alembic.ini ...``) the URL comes from
``POS_SERVER_DATABASE_URL`` or the platform default, like ``pos-server``.
On PostgreSQL a transaction-scoped advisory lock makes concurrent upgrades (two hosts starting at
once) run one after the other instead of racing on the same DDL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from server_stub.core.config import database_url_from_env
from server_stub.core.db import make_engine
from server_stub.models import Base

MIGRATION_LOCK_KEY = 0x706F7373  # "poss": any constant shared by every host works

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(database_url_from_env())
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_migrations_online()
