"""Which schema revision a database is at, without importing Alembic.

``HEAD_REVISION`` names the newest migration in ``migrations/versions``; a test keeps it equal
to Alembic's own view of the head, so adding a migration without bumping it fails CI.
"""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from pos_desktop.localdb.engine import READ_ONLY

HEAD_REVISION = "0006"


def schema_revision(engine: Engine) -> str | None:
    """The revision in ``alembic_version``, or ``None`` for a new or unversioned database."""
    with engine.connect().execution_options(**READ_ONLY) as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except OperationalError:
            return None
    return str(rows[0][0]) if len(rows) == 1 else None
