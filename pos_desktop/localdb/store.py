"""The local store wired together, for the composition root and tests.

``open_local_store`` is what the app calls at start (after taking the data-folder lock): open
the engine, bring the schema to head, build the session factory once, and hand out the
repositories that implement the service ports.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.catalog import SqlCatalog
from pos_desktop.localdb.engine import make_session_factory, open_engine
from pos_desktop.localdb.sales import SqlSaleJournal
from pos_desktop.localdb.schema import HEAD_REVISION, schema_revision
from pos_desktop.localdb.settings import SqlStoreSettings
from pos_desktop.localdb.staff import SqlStaffDirectory
from pos_desktop.localdb.transactions import storage_error_code

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LocalStore:
    engine: Engine
    session_factory: sessionmaker[Session]
    catalog: SqlCatalog
    staff: SqlStaffDirectory
    sales: SqlSaleJournal
    settings: SqlStoreSettings

    def close(self) -> None:
        self.engine.dispose()


def open_local_store(
    path: Path,
    *,
    hasher: PasswordHasher | None = None,
    clock: Callable[[], datetime] | None = None,
    migrate: bool = True,
    revision: str = "head",
) -> LocalStore:
    """Open (creating or upgrading) the database at ``path``; ``close()`` it at exit.

    ``revision``: how far to upgrade; below ``head`` only while a new version's start is not
    confirmed yet (``pos_desktop.updates.schema`` holds contract migrations back).

    A database SQLite cannot use (damaged, on a full or failing disk, not writable) raises the
    ``storage.*`` ``UserError`` naming ``path``, so start-up can say which file and what to do.
    """
    engine = open_engine(path)
    try:
        return _open(engine, hasher, clock, migrate, revision)
    except (sa_exc.DBAPIError, sqlite3.Error) as error:
        engine.dispose()
        code = storage_error_code(error)
        if code is None:
            raise
        log.error("cannot open the database %s: %s (%s)", path, code, error)
        raise UserError(code, path=str(path)) from error
    except BaseException:
        engine.dispose()
        raise


def _open(
    engine: Engine,
    hasher: PasswordHasher | None,
    clock: Callable[[], datetime] | None,
    migrate: bool,
    revision: str = "head",
) -> LocalStore:
    if migrate and schema_revision(engine) != HEAD_REVISION:
        # Alembic costs a fifth of a second to import; only a till that needs an upgrade
        # pays for it.
        from pos_desktop.localdb.migrate import upgrade

        upgrade(engine, revision=revision)
    factory = make_session_factory(engine)
    return LocalStore(
        engine=engine,
        session_factory=factory,
        catalog=SqlCatalog(factory),
        staff=SqlStaffDirectory(factory, hasher),
        sales=SqlSaleJournal(factory, clock),
        settings=SqlStoreSettings(factory),
    )
