"""Bringing a till's database to the current schema, on every start.

Tills are upgraded in the field, often after weeks offline, so the app migrates whatever it
finds: a new file reaches head, an older one is upgraded with its sales intact, a current one is
left alone. The whole upgrade runs in one ``BEGIN IMMEDIATE`` transaction (SQLite DDL is
transactional once the driver stops autocommitting it, see ``engine.py``), and a copy of the
file is taken first, so a failed upgrade leaves the old database as it was.

The migrations folder is found next to this module (``Path(__file__)``), not from the working
directory, so this works from a source checkout, an installed wheel and a PyInstaller bundle
(whose spec must ship ``localdb/migrations`` as data files).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError as AlembicError
from sqlalchemy import Engine

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.backups import copy_database
from pos_desktop.localdb.engine import READ_ONLY, database_path

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(migrations_dir: Path = MIGRATIONS_DIR) -> Config:
    """Alembic configured in code; ``alembic.ini`` is only for developers' command line."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return config


def head_revision(migrations_dir: Path = MIGRATIONS_DIR) -> str:
    head = ScriptDirectory.from_config(alembic_config(migrations_dir)).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {migrations_dir}")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect().execution_options(**READ_ONLY) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _backup(engine: Engine, revision: str) -> Path:
    """Copy the live database (``sqlite3`` online backup) before changing its schema."""
    source_path = database_path(engine)
    target = source_path.with_name(f"{source_path.name}.before-{revision}.bak")
    with engine.connect().execution_options(**READ_ONLY) as conn:
        source = conn.connection.dbapi_connection
        assert isinstance(source, sqlite3.Connection)
        copy_database(source, target)
    return target


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except AlembicError:
        return False


def upgrade(
    engine: Engine,
    *,
    revision: str = "head",
    backup: bool = True,
    migrations_dir: Path = MIGRATIONS_DIR,
) -> str:
    """Migrate the database behind ``engine`` to ``revision``; returns the revision reached.

    A no-op when already there. When an existing (non-empty) database is upgraded and ``backup``
    is set, a copy ``till.db.before-<old revision>.bak`` is written next to it first.
    ``migrations_dir`` is for tests that add revisions of their own.
    """
    config = alembic_config(migrations_dir)
    script = ScriptDirectory.from_config(config)
    target = script.get_current_head() if revision == "head" else None
    if target is None:
        found = script.get_revision(revision)
        if found is None:
            raise ValueError(f"unknown revision {revision!r}")
        target = found.revision
    before = current_revision(engine)
    if before is not None and not _known(script, before):
        # Written by a newer version of the app (a rollback of the install): refuse, never guess.
        log.error("database schema %s is newer than this app knows (%s)", before, target)
        raise UserError("storage.schema_too_new", revision=before)
    if before == target:
        log.debug("database schema at %s, nothing to migrate", before)
        return target
    if backup and before is not None:
        copy = _backup(engine, before)
        log.info("copied database to %s before upgrading", copy)
    log.info("upgrading database schema %s -> %s", before or "(new)", target)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return target
