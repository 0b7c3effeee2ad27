"""The cloud restored from a backup into an empty database, and the tills sync against it.

Two tills sell and sync; ``pos-server admin backup`` runs while the server serves; the tills
sell and sync more (the cloud acknowledges those sales, then loses them with the restore) and
one sells while the cloud is down; ``pos-server admin restore`` loads the backup into a new,
empty database and the server starts on it at the same address. The tills' sync threads then
find the cloud behind what they delivered and send it again: every sale is there exactly once,
and the audit journal's chain holds without an alert. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_desktop.paths import AppPaths
from server_stub.cli import main as server_cli
from server_stub.core.db import Database
from server_stub.demo import demo_catalog, to_product_in
from server_stub.ingest import FLAG_DUPLICATE_RECEIPT
from server_stub.models import JournalAlert, SaleRow
from tests.server.conftest import BACKENDS, create_pg_database, drop_pg_database
from tests.sync.cloud import CloudServer, make_tenant, open_cloud_db
from tests.sync.helpers import paired_till
from tests.sync.till import MemoryStore, outbox_rows, pair, seeded_till, sell, till_paths

RESYNC_TIMEOUT_S = 90.0


@pytest.fixture(scope="module")
def till_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("till-template") / "till"
    seeded_till(home)
    return home


@pytest.fixture(params=BACKENDS)
def two_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The serving database and an empty one to restore into."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'live.db'}", f"sqlite:///{tmp_path / 'restored.db'}"
        return
    (live, live_name), (restored, restored_name) = (
        create_pg_database("pos_backup"),
        create_pg_database("pos_restore"),
    )
    try:
        yield live, restored
    finally:
        drop_pg_database(live_name)
        drop_pg_database(restored_name)


def _till(template: Path, tmp_path: Path, name: str) -> AppPaths:
    home = tmp_path / name
    shutil.copytree(template, home, ignore=shutil.ignore_patterns("*.lock", "*.bak"))
    return till_paths(home)


def _sell_and_sync(paths: AppPaths, secrets: MemoryStore, count: int, seed: int) -> set[str]:
    with paired_till(paths, secrets) as t:
        t.engine.pull_catalog()
        sold = sell(t.till, count, random.Random(seed))
        t.engine.push_pending()
        t.engine.push_documents()
        t.engine.push_journal()
    return {s.sale_id for s in sold}


def _sell_offline(paths: AppPaths, secrets: MemoryStore, count: int, seed: int) -> set[str]:
    with paired_till(paths, secrets) as t:
        return {s.sale_id for s in sell(t.till, count, random.Random(seed))}


def _cloud_sales(db: Database, org_id: str) -> dict[str, int]:
    with db.read() as session:
        rows = session.execute(
            select(SaleRow.sale_id, func.count())
            .where(SaleRow.org_id == org_id)
            .group_by(SaleRow.sale_id)
        ).all()
    return {str(r[0]): int(r[1]) for r in rows}


def _resync(tills: list[AppPaths], secrets: MemoryStore, db: Database, org: str, want: int) -> None:
    """Run the tills' real sync threads until the cloud holds ``want`` sales and nothing waits."""
    with paired_till(tills[0], secrets, start=True), paired_till(tills[1], secrets, start=True):
        deadline = time.monotonic() + RESYNC_TIMEOUT_S
        while time.monotonic() < deadline:
            pending = [
                status
                for paths in tills
                for status, _ in outbox_rows(paths.database).values()
                if status != "done"
            ]
            if not pending and len(_cloud_sales(db, org)) >= want:
                return
            time.sleep(0.1)  # waiting on two sync threads; there is no event to wait on
    raise AssertionError(f"the tills did not resend: cloud has {len(_cloud_sales(db, org))}")


def test_a_restored_cloud_gets_every_sale_again_exactly_once(
    two_databases: tuple[str, str], till_template: Path, tmp_path: Path
) -> None:
    live_url, restored_url = two_databases
    live = open_cloud_db(live_url)
    tenant = make_tenant(live, products=[to_product_in(item) for item in demo_catalog()])
    server = CloudServer(live_url, tmp_path / "cloud")
    server.start()
    secrets = MemoryStore()
    tills = [_till(till_template, tmp_path, "t01"), _till(till_template, tmp_path, "t02")]
    for paths, code in zip(tills, ("T01", "T02"), strict=True):
        pair(paths, server.url, tenant.enrollment_code(code), secrets)
    try:
        sold = _sell_and_sync(tills[0], secrets, 3, seed=1) | _sell_and_sync(
            tills[1], secrets, 2, seed=2
        )
        backups = tmp_path / "backups"
        args = ["admin", "backup", "--database-url", live_url, "--out", str(backups)]
        assert server_cli([*args, "--keep", "2"]) == 0  # while the server serves
        [backup] = list(backups.iterdir())
        lost = _sell_and_sync(tills[0], secrets, 2, seed=3) | _sell_and_sync(
            tills[1], secrets, 3, seed=4
        )
        assert set(_cloud_sales(live, tenant.org_id)) == sold | lost
    finally:
        server.stop()
    offline = _sell_offline(tills[0], secrets, 1, seed=5)
    assert server_cli(["admin", "restore", "--database-url", live_url, str(backup)]) == 1
    assert server_cli(["admin", "restore", "--database-url", restored_url, str(backup)]) == 0
    live.dispose()
    restored = open_cloud_db(restored_url)
    assert set(_cloud_sales(restored, tenant.org_id)) == sold  # the backup's sales, no more
    again = CloudServer(restored_url, tmp_path / "cloud-restored", port=server.port)
    again.start()
    try:
        everything = sold | lost | offline
        _resync(tills, secrets, restored, tenant.org_id, len(everything))
        held = _cloud_sales(restored, tenant.org_id)
        assert set(held) == everything
        assert set(held.values()) == {1}
        with restored.read() as session:
            flags = session.execute(
                select(SaleRow.flags).where(SaleRow.org_id == tenant.org_id)
            ).scalars()
            assert not any(FLAG_DUPLICATE_RECEIPT in f for f in flags)
            alerts = session.execute(
                select(JournalAlert.kind, JournalAlert.detail).where(
                    JournalAlert.org_id == tenant.org_id
                )
            ).all()
        assert alerts == []
    finally:
        again.stop()
        restored.dispose()
