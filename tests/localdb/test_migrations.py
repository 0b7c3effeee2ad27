from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Permission, PermissionTable
from pos_desktop.localdb.engine import open_engine
from pos_desktop.localdb.migrate import (
    MIGRATIONS_DIR,
    current_revision,
    head_revision,
    upgrade,
)
from pos_desktop.localdb.models import Base, include_in_autogenerate
from pos_desktop.localdb.permissions import load_table

SECOND_REVISION = '''
"""test-only: add a column with a default"""
import sqlalchemy as sa
from alembic import op

revision = "test_next"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("nickname", sa.String(32), nullable=False, server_default=""))
    op.execute("UPDATE users SET nickname = lower(name)")
'''

FAILING_REVISION = '''
"""test-only: changes the schema, then fails half-way"""
import sqlalchemy as sa
from alembic import op

revision = "test_next"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("DELETE FROM users")
    raise RuntimeError("migration failed half-way")
'''


def _migrations_with(tmp_path: Path, source: str) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9999_test.py").write_text(
        source.format(down=head_revision()), encoding="utf-8"
    )
    return folder


def _add_user(engine: Engine, code: str, name: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (code, name, role, pin_hash, failed_attempts, active)"
                " VALUES (:c, :n, 'cashier', 'x', 0, 1)"
            ),
            {"c": code, "n": name},
        )


def test_migrations_are_found_next_to_the_package_not_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert MIGRATIONS_DIR.is_absolute()
    assert (MIGRATIONS_DIR / "env.py").is_file()
    engine = open_engine(tmp_path / "fresh.db")
    try:
        assert current_revision(engine) is None
        assert upgrade(engine) == head_revision()
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        assert {"products", "sales", "outbox", "product_search", "alembic_version"} <= tables
    finally:
        engine.dispose()
    assert not list(tmp_path.glob("*.bak")), "a new database needs no backup"


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": include_in_autogenerate, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_at_head_is_a_no_op_that_keeps_data(engine: Engine, db_path: Path) -> None:
    _add_user(engine, "K01", "Siti")
    assert upgrade(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM users")).scalars().all() == ["Siti"]
    assert not list(db_path.parent.glob("*.bak"))


def test_an_older_database_is_upgraded_without_loss(tmp_path: Path, engine: Engine) -> None:
    _add_user(engine, "K01", "Siti")
    _add_user(engine, "K02", "Budi")
    migrations = _migrations_with(tmp_path, SECOND_REVISION)
    assert upgrade(engine, migrations_dir=migrations) == "test_next"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT code, name, nickname FROM users ORDER BY code")).all()
    assert [tuple(r) for r in rows] == [("K01", "Siti", "siti"), ("K02", "Budi", "budi")]
    backups = list(tmp_path.glob(f"data/till.db.before-{head_revision()}.bak"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    try:
        assert copy.execute("SELECT count(*) FROM users").fetchone() == (2,)
    finally:
        copy.close()


def test_a_failed_upgrade_changes_nothing(tmp_path: Path, engine: Engine) -> None:
    _add_user(engine, "K01", "Siti")
    migrations = _migrations_with(tmp_path, FAILING_REVISION)
    with pytest.raises(RuntimeError, match="half-way"):
        upgrade(engine, migrations_dir=migrations)
    assert current_revision(engine) == head_revision()
    assert "half_done" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 1


def test_upgrade_to_an_unknown_revision_is_refused(engine: Engine) -> None:
    with pytest.raises(Exception, match="nope"):
        upgrade(engine, revision="nope")


def test_a_database_from_a_newer_app_is_refused_untouched(engine: Engine) -> None:
    _add_user(engine, "K01", "Siti")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(UserError) as caught:
        upgrade(engine)
    assert caught.value.code == "storage.schema_too_new"
    assert caught.value.params == {"revision": "9999"}
    assert current_revision(engine) == "9999"


def test_0005_lets_the_document_outbox_carry_pin_changes_and_keeps_its_rows(
    tmp_path: Path,
) -> None:
    engine = open_engine(tmp_path / "till.db")
    try:
        upgrade(engine, revision="0004")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO doc_outbox"
                    " (kind, doc_id, created_at, status, attempts, ack_status) VALUES"
                    " ('refund', 'R1', '2026-12-07T09:00:00.000000+00:00', 'done', 1, 'accepted'),"
                    " ('shift_report', 'Z1', '2026-12-07T09:00:00.000000+00:00', 'pending', 0, NULL"
                    ")"
                )
            )
        assert upgrade(engine) == head_revision()
        insert = text(
            "INSERT INTO doc_outbox (kind, doc_id, created_at, status, attempts, document)"
            " VALUES (:kind, 'P1', '2026-12-07T09:00:00.000000+00:00', 'pending', 0, '{}')"
        )
        with engine.begin() as conn:
            conn.execute(insert, {"kind": "staff_pin"})
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(insert, {"kind": "pin"})  # still only the kinds the relay knows
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, kind, doc_id, status, ack_status, document FROM doc_outbox")
            ).all()
        assert [tuple(r) for r in rows] == [
            (1, "refund", "R1", "done", "accepted", None),
            (2, "shift_report", "Z1", "pending", None, None),
            (3, "staff_pin", "P1", "pending", None, "{}"),
        ]
        assert "ix_doc_outbox_status_id" in {
            i["name"] for i in inspect(engine).get_indexes("doc_outbox")
        }
    finally:
        engine.dispose()


def test_0006_grants_pair_till_to_supervisors_and_managers_of_a_shops_own_table(
    tmp_path: Path,
) -> None:
    engine = open_engine(tmp_path / "till.db")
    try:
        upgrade(engine, revision="0005")
        with engine.begin() as conn:  # a shop that let cashiers refund
            conn.execute(text("INSERT INTO permissions VALUES ('cashier', 'refund')"))
        assert upgrade(engine) == head_revision()
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT role, permission FROM permissions")).all()
        with Session(engine) as session:
            table = load_table(session)
    finally:
        engine.dispose()
    assert sorted(role for role, permission in rows if permission == "pair_till") == [
        "manager",
        "supervisor",
    ]
    assert table == PermissionTable.default().with_grant("cashier", Permission.REFUND, True)
