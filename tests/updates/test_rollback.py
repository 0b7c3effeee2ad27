"""A new version that fails to reach the login screen twice is replaced by the previous one, and
a schema change it made is undone from the copy taken just before it; contract migrations wait
for a confirmed start."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pos_desktop.localdb.engine import open_engine
from pos_desktop.localdb.migrate import MIGRATIONS_DIR, upgrade
from pos_desktop.localdb.store import open_local_store
from pos_desktop.updates.launcher import at_start, confirm_start, schema_revision
from pos_desktop.updates.layout import PendingStart
from pos_desktop.updates.schema import gated_revision
from pos_desktop.updates.status import UpdateState
from tests.updates.conftest import Repo, install_fake
from tests.updates.helpers import till_for
from tests.updates.test_update_flow import launch

NOW = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)

MIGRATION = '''"""{doc}"""
import sqlalchemy as sa
from alembic import op

revision = "{rev}"
down_revision = "{down}"
branch_labels = None
depends_on = None
{contract}

def upgrade() -> None:
    {body}
'''


def migrations_with_expand_and_contract(tmp_path: Path) -> Path:
    """The till's migrations plus 0007 (adds a table) and 0008 (a contract: drops it again)."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    versions = folder / "versions"
    (versions / "0007_expand.py").write_text(
        MIGRATION.format(
            doc="expand",
            rev="0007",
            down="0006",
            contract="",
            body='op.create_table("scratch", sa.Column("id", sa.Integer, primary_key=True))',
        )
    )
    (versions / "0008_contract.py").write_text(
        MIGRATION.format(
            doc="contract",
            rev="0008",
            down="0007",
            contract="contract = True",
            body='op.drop_table("scratch")',
        )
    )
    return folder


def test_a_version_that_never_reaches_the_login_screen_is_rolled_back(
    repo: Repo, tmp_path: Path
) -> None:
    layout = install_fake(tmp_path / "opt", "0.1.0")
    repo.publish("0.2.0", broken=True)
    till = till_for(repo, layout)
    assert till.task.maybe_run().state is UpdateState.INSTALLED

    assert launch(layout.root) == ["0.2.0"]
    assert launch(layout.root) == ["0.2.0", "0.2.0"]  # two starts, neither confirmed
    assert launch(layout.root) == ["0.2.0", "0.2.0", "0.1.0"]  # the launcher went back
    assert layout.current_version() == "0.1.0"
    assert layout.pending() is None
    failed = layout.rolled_back()
    assert failed is not None and (failed.version, failed.attempts) == ("0.2.0", 2)

    # The previous version settles it at its start and never stages 0.2.0 again.
    report = at_start(layout, "0.1.0", tmp_path / "till.db", NOW)
    assert report.rolled_back is not None and report.rolled_back.version == "0.2.0"
    assert layout.rolled_back() is None and "0.2.0" in layout.refused_versions()
    again = till_for(repo, layout)
    assert again.task.maybe_run().state is UpdateState.IDLE and again.task.staged() is None


def test_one_failed_start_then_a_good_one_keeps_the_new_version(repo: Repo, tmp_path: Path) -> None:
    layout = install_fake(tmp_path / "opt", "0.1.0")
    repo.publish("0.2.0")
    assert till_for(repo, layout).task.maybe_run().state is UpdateState.INSTALLED
    pending = layout.pending()
    assert pending is not None
    layout.write_pending(PendingStart(**{**_fields(pending), "attempts": 1}))  # one crash
    assert launch(layout.root) == ["0.2.0"]
    assert layout.pending() is None and layout.current_version() == "0.2.0"


def _fields(pending: PendingStart) -> dict[str, object]:
    return {k: getattr(pending, k) for k in PendingStart.__dataclass_fields__}


def test_a_schema_the_failed_version_changed_is_put_back(tmp_path: Path) -> None:
    layout = install_fake(tmp_path / "opt", "0.1.0")
    database = tmp_path / "data" / "till.db"
    database.parent.mkdir()
    open_local_store(database).close()
    assert schema_revision(database) == "0006"
    # The failed 0.2.0 migrated the database at its first start (taking the usual copy first).
    engine = open_engine(database)
    upgrade(engine, migrations_dir=migrations_with_expand_and_contract(tmp_path))
    engine.dispose()
    assert schema_revision(database) == "0008"
    failed = PendingStart("0.2.0", "0.1.0", attempts=2, schema="0006", backup="")
    layout.rolled_back_file.write_text(failed.to_text())

    report = at_start(layout, "0.1.0", database, NOW)
    assert report.restored_from == database.with_name("till.db.before-0006.bak")
    assert schema_revision(database) == "0006"
    open_local_store(database).close()  # 0.1.0 opens it again


def test_contract_migrations_wait_for_a_confirmed_start(tmp_path: Path) -> None:
    folder = migrations_with_expand_and_contract(tmp_path)
    assert gated_revision(folder, "0006", confirmed=False) == "0007"
    assert gated_revision(folder, "0007", confirmed=False) == "0007"
    assert gated_revision(folder, "0007", confirmed=True) == "head"
    assert gated_revision(folder, None, confirmed=False) == "head"  # a new till: nothing to keep

    database = tmp_path / "till.db"
    open_local_store(database).close()
    engine = open_engine(database)
    try:
        upgrade(
            engine, revision=gated_revision(folder, "0006", confirmed=False), migrations_dir=folder
        )
        assert schema_revision(database) == "0007"  # the expand part only, before the login
        upgrade(
            engine, revision=gated_revision(folder, "0007", confirmed=True), migrations_dir=folder
        )
        assert schema_revision(database) == "0008"  # the contract, after a confirmed start
    finally:
        engine.dispose()


def test_a_start_is_pending_until_the_login_screen_confirms_it(tmp_path: Path) -> None:
    layout = install_fake(tmp_path / "opt", "0.2.0")
    layout.write_pending(PendingStart("0.2.0", "0.1.0", attempts=1, schema="0006"))
    report = at_start(layout, "0.2.0", tmp_path / "till.db", NOW)
    assert report.pending is not None and report.rolled_back is None
    assert not confirm_start(layout, "0.1.0")  # another version's start confirms nothing
    assert confirm_start(layout, "0.2.0") and layout.pending() is None


@pytest.mark.parametrize("attempts", ["", "x1"])
def test_the_launcher_reads_a_damaged_count_as_zero(tmp_path: Path, attempts: str) -> None:
    layout = install_fake(tmp_path / "opt", "0.1.0")
    layout.pending_file.write_text(f"version=0.9.0\nattempts={attempts}\n")
    subprocess.run([str(layout.root / "pos-desktop")], timeout=30, check=True)
    pending = layout.pending()
    assert pending is not None and pending.attempts == 1


def test_a_stale_pre_upgrade_copy_is_not_restored(tmp_path: Path) -> None:
    """A ``before-0006`` copy older than the update's own backup is from an earlier upgrade."""
    layout = install_fake(tmp_path / "opt", "0.1.0")
    database = tmp_path / "data" / "till.db"
    database.parent.mkdir()
    open_local_store(database).close()
    stale = database.with_name("till.db.before-0006.bak")
    shutil.copyfile(database, stale)
    os.utime(stale, (1_000_000, 1_000_000))
    switched = tmp_path / "till-update.db"
    shutil.copyfile(database, switched)
    engine = open_engine(database)
    upgrade(engine, migrations_dir=migrations_with_expand_and_contract(tmp_path))
    engine.dispose()
    os.utime(stale, (1_000_000, 1_000_000))  # the upgrade wrote it: make it an old file again
    failed = PendingStart("0.2.0", "0.1.0", attempts=2, schema="0006", backup=str(switched))
    layout.rolled_back_file.write_text(failed.to_text())
    assert at_start(layout, "0.1.0", database, NOW).restored_from == switched
    assert schema_revision(database) == "0006"
