"""Alembic environment for the till's SQLite database.

``pos_desktop.localdb.migrate.upgrade`` passes an open connection in
``config.attributes["connection"]`` (already inside a ``BEGIN IMMEDIATE`` transaction, so the
whole upgrade is one atomic unit). From the command line, ``-x db=PATH`` names the file.
Logging is left to the app: no ``fileConfig`` here.
"""

from __future__ import annotations

from pathlib import Path

from alembic import context
from sqlalchemy import Connection

from pos_desktop.localdb.engine import open_engine
from pos_desktop.localdb.models import Base, include_in_autogenerate

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=include_in_autogenerate,
        render_as_batch=True,  # SQLite alters tables by copy-and-move
        compare_type=True,
        # ``engine.py`` makes the driver emit BEGIN for DDL too, so SQLite's DDL is transactional.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    db = context.get_x_argument(as_dictionary=True).get("db")
    if not db:
        raise SystemExit("name the database: alembic -x db=PATH ...")
    engine = open_engine(Path(db))
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) mode is not supported for the till database")
run_online()
