"""``pos-server admin backup`` and ``admin restore``: the cloud's database to a file and back.

SQLite is copied with SQLite's online backup API, which takes a consistent snapshot while the
server keeps serving (its writers wait a moment, readers not at all). PostgreSQL is dumped with
``pg_dump -Fc`` (one consistent snapshot, a compressed archive ``pg_restore`` reads); the
password travels in ``PGPASSWORD``, never on a command line where ``ps`` shows it.

Retention deletes only files this module made (its own name pattern) in the backup folder, the
oldest first, so the folder can hold other things. A restore goes into an *empty* database only:
restoring over live data would mix two histories, so the operator creates a new database (or
moves the SQLite file away) and restores into that; then the schema is brought up to date, as
an older backup may predate this version's migrations.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import URL, create_engine, inspect, make_url
from sqlalchemy.exc import SQLAlchemyError

from server_stub.core.problems import Problem

log = logging.getLogger(__name__)

PREFIX = "pos-server-"
SQLITE_SUFFIX = ".sqlite3"
PG_SUFFIX = ".pgdump"
NAME = re.compile(r"^pos-server-\d{8}T\d{6}-\d{6}Z\.(sqlite3|pgdump)$")
"""The names ``backup`` gives its files; retention touches nothing else."""
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
PG_ENV_FROM_QUERY = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "host": "PGHOST",
    "port": "PGPORT",
}
"""libpq settings that may ride in the URL's query string, handed on as libpq variables."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size: int
    deleted: list[Path]


def backup_name(now: datetime, backend: str) -> str:
    """``pos-server-20261208T015515-123456Z.sqlite3``: sorts by time, names its format."""
    suffix = SQLITE_SUFFIX if backend == "sqlite" else PG_SUFFIX
    return f"{PREFIX}{now.astimezone(UTC):%Y%m%dT%H%M%S-%f}Z{suffix}"


def _backend(url: URL) -> str:
    name = url.get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise Problem(400, "backup.unsupported", f"cannot back up a {name} database")
    return name


def sqlite_path(url: URL) -> Path:
    database = url.database
    if not database or database == ":memory:":
        raise Problem(400, "backup.unsupported", "an in-memory SQLite database has no file")
    return Path(database)


def pg_command_env(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore/psql, and the environment with the secret.

    Everything but the password goes on the command line; the password and TLS settings go in
    libpq's environment variables.
    """
    env = dict(os.environ)
    for key, value in url.query.items():
        variable = PG_ENV_FROM_QUERY.get(key)
        if variable is not None:
            env[variable] = value if isinstance(value, str) else value[-1]
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    args: list[str] = []
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    args += ["--no-password", "--dbname", str(url.database or "")]
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise Problem(
            500,
            "backup.tool_missing",
            f"{name} is not installed; install the PostgreSQL client (apt: postgresql-client)",
        )
    return path


def _run(argv: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise Problem(500, f"{what}.failed", f"{argv[0]} failed: {' / '.join(detail[-3:])}")


def _backup_sqlite(source: Path, target: Path) -> None:
    if not source.exists():
        raise Problem(404, "backup.no_database", f"no SQLite database at {source}")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            # One step: a snapshot under one read transaction. In steps, SQLite starts over
            # whenever another process writes between them, which a busy server always does.
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def retain(folder: Path, keep: int) -> list[Path]:
    """Delete this module's backups in ``folder`` beyond the newest ``keep``; returns them."""
    ours = sorted(p for p in folder.iterdir() if p.is_file() and NAME.match(p.name))
    doomed = ours[: max(0, len(ours) - keep)]
    for path in doomed:
        path.unlink()
        log.info("backup retention deleted %s", path)
    return doomed


def backup(database_url: str, folder: Path, *, keep: int, now: datetime) -> BackupResult:
    """Write one backup of ``database_url`` into ``folder``, then apply the retention."""
    if keep < 1:
        raise Problem(422, "backup.keep", "--keep must be at least 1 (the backup just made)")
    url = make_url(database_url)
    backend = _backend(url)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / backup_name(now, backend)
    partial = final.with_name(final.name + ".partial")
    try:
        if backend == "sqlite":
            _backup_sqlite(sqlite_path(url), partial)
        else:
            args, env = pg_command_env(url)
            _run(
                [_tool("pg_dump"), "--format=custom", "--file", str(partial), *args], env, "backup"
            )
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    deleted = retain(folder, keep)
    log.info("backup written: %s (%d bytes)", final, final.stat().st_size)
    return BackupResult(final, final.stat().st_size, deleted)


def _file_backend(path: Path) -> str:
    if not path.is_file():
        raise Problem(404, "restore.no_file", f"no backup file at {path}")
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise Problem(422, "restore.unknown_file", f"{path} is not a pos-server backup")


def existing_tables(database_url: str) -> list[str]:
    """The tables in the target database (a SQLite file that does not exist has none)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and not sqlite_path(url).exists():
        return []
    engine = create_engine(url)
    try:
        return sorted(inspect(engine).get_table_names())
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise Problem(
            503, "restore.unreachable", f"cannot open the target database: {reason}"
        ) from None
    finally:
        engine.dispose()


def restore(database_url: str, path: Path) -> str:
    """Load the backup ``path`` into the empty database ``database_url``; returns its backend."""
    url = make_url(database_url)
    backend = _backend(url)
    kind = _file_backend(path)
    if kind != backend:
        raise Problem(
            422,
            "restore.wrong_backend",
            f"{path.name} is a {kind} backup; the target database is {backend}",
        )
    tables = existing_tables(database_url)
    if tables:
        raise Problem(
            409,
            "restore.not_empty",
            f"the target database already has {len(tables)} tables ({', '.join(tables[:3])}"
            f"{', ...' if len(tables) > 3 else ''}); restore only into an empty database: "
            "create a new one (createdb) or move the SQLite file away, and point "
            "--database-url at it",
        )
    if backend == "sqlite":
        target = sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        _backup_sqlite(path, target)
    else:
        args, env = pg_command_env(url)
        argv = [_tool("pg_restore"), "--exit-on-error", "--single-transaction", "--no-owner"]
        _run([*argv, *args, str(path)], env, "restore")
    log.warning("restored %s into %s", path, url.render_as_string(hide_password=True))
    return backend
