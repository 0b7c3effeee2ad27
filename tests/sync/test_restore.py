"""Restoring a till from a backup never reuses a receipt number, with or without the cloud.

The procedure is the one docs/store-it.md gives store IT: ``pos-desktop db backup FOLDER``, then
``pos-desktop db restore FILE`` with the till closed, then start the till. The reported defect:
after a restore the next sale reused S01-T01-000005, overwrote that receipt's file, and the
cloud held two sales with one number.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from pos_desktop.cli import main
from pos_desktop.config import TillConfig
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.localdb.journal import SqlJournal
from pos_desktop.paths import AppPaths
from pos_desktop.sync.engine import SyncEngine
from pos_desktop.sync.pairing import enroll
from pos_desktop.sync.runtime import start_sync
from pos_desktop.sync.status import SyncState
from server_stub.ingest import FLAG_DUPLICATE_RECEIPT
from server_stub.models import JournalAlert, SaleRow
from tests.sync.cloud import CloudServer, Tenant
from tests.sync.conftest import MemoryKeyring
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.till import FAST_SYNC, opened, sell

CONFIG = TillConfig(sync=FAST_SYNC)
DOC = Path(__file__).resolve().parents[2] / "docs" / "store-it.md"


def documented_procedure() -> list[list[str]]:
    """The commands of docs/store-it.md's restore procedure, without ``pos-desktop``."""
    section = DOC.read_text(encoding="utf-8").split("### Restore, step by step", 1)[1]
    block = section.split("```", 2)[1]
    commands = [line.split() for line in block.strip().splitlines()]
    assert all(c[0] == "pos-desktop" for c in commands), commands
    return [c[1:] for c in commands]


def fill(command: list[str], **values: Path) -> list[str]:
    return [str(values[a]) if a in values else a for a in command]


@contextmanager
def synced(paths: AppPaths) -> Iterator[tuple[object, SyncEngine]]:
    with opened(paths, CONFIG) as till:
        setup = start_sync(till.store.session_factory, paths, FAST_SYNC, start=False)
        assert setup.service is not None, setup.status
        try:
            yield till, setup.service.engine
        finally:
            setup.service.stop(10)


def sell_and_send(paths: AppPaths, count: int, seed: int) -> list[SaleRecord]:
    with synced(paths) as (till, engine):
        engine.pull_catalog()
        sales = sell(till, count, random.Random(seed))  # type: ignore[arg-type]
        engine.push_pending()
        engine.push_journal()
    return sales


def cli(paths: AppPaths, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setenv("POS_DESKTOP_HOME", str(paths.data_dir.parent))
    return main(list(args))


def cloud_sales(tenant: Tenant) -> dict[str, tuple[str, list[str]]]:
    with tenant.db.read() as session:
        rows = session.execute(
            select(SaleRow.sale_id, SaleRow.receipt_no, SaleRow.flags).where(
                SaleRow.org_id == tenant.org_id
            )
        ).all()
    return {str(r[0]): (str(r[1]), list(r[2])) for r in rows}


def journal_alerts(tenant: Tenant) -> list[str]:
    with tenant.db.read() as session:
        return list(
            session.execute(
                select(JournalAlert.kind).where(JournalAlert.org_id == tenant.org_id)
            ).scalars()
        )


def receipt_files(paths: AppPaths) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in paths.receipts_dir.glob("*.bin")}


def a_day_then_a_restore(
    paths: AppPaths,
    proxy: FaultProxy,
    tenant: Tenant,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    online: bool,
) -> tuple[list[SaleRecord], dict[str, bytes], str]:
    """Three sales, a backup, two more (up to S01-T01-000005), then the documented restore."""
    backup_step, restore_step, start_step = documented_procedure()
    assert start_step == []  # plain ``pos-desktop``: what ``opened`` does without a screen
    enroll(paths, FAST_SYNC, server=proxy.url, code=tenant.enrollment_code())
    first = sell_and_send(paths, 3, seed=1)
    backups = tmp_path / "usb"
    backups.mkdir()
    assert cli(paths, monkeypatch, *fill(backup_step, FOLDER=backups)) == 0
    [backup] = list(backups.glob("till-*.db"))
    later = sell_and_send(paths, 2, seed=2)
    issued = [s.receipt_no for s in first + later]
    assert issued[-1] == "S01-T01-000005"
    files = receipt_files(paths)
    assert "S01-T01-000005.bin" in files
    if not online:
        proxy.set_default(Fault.DROP)
    capsys.readouterr()
    assert cli(paths, monkeypatch, *fill(restore_step, FILE=backup)) == 0
    out = capsys.readouterr().out
    proxy.set_default(Fault.PASS)
    return first + later, files, out


def test_restore_offline_starts_a_new_series_and_the_cloud_takes_it_without_alerts(
    cloud: CloudServer,
    proxy: FaultProxy,
    tenant: Tenant,
    till_home: AppPaths,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before, files, out = a_day_then_a_restore(
        till_home, proxy, tenant, tmp_path, monkeypatch, capsys, online=False
    )
    moved = [
        p
        for p in till_home.data_dir.glob("till.db.before-restore-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(moved) == 1 and str(moved[0]) in out
    assert "S01-T01-B-000001" in out
    with opened(till_home, CONFIG) as till:
        assert till.numbering_notice == "S01-T01-B-000001"
    after = sell_and_send(till_home, 2, seed=3)
    numbers = [s.receipt_no for s in after]
    assert numbers == ["S01-T01-B-000001", "S01-T01-B-000002"]
    assert not set(numbers) & {s.receipt_no for s in before}
    now = receipt_files(till_home)
    assert all(now[name] == data for name, data in files.items()), "a receipt file was rewritten"
    stored = cloud_sales(tenant)
    assert {stored[s.sale_id][0] for s in after} == set(numbers)
    assert not any(FLAG_DUPLICATE_RECEIPT in flags for _, flags in stored.values())
    assert journal_alerts(tenant) == []
    with opened(till_home, CONFIG) as till:
        verified = SqlJournal(till.store.session_factory).verify()
        assert till.numbering_notice is None
    assert verified.fault is None


def test_restore_online_continues_after_the_clouds_numbers(
    cloud: CloudServer,
    proxy: FaultProxy,
    tenant: Tenant,
    till_home: AppPaths,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before, files, out = a_day_then_a_restore(
        till_home, proxy, tenant, tmp_path, monkeypatch, capsys, online=True
    )
    assert "S01-T01-000006" in out
    cloud_seq = max(tenant.journal_hashes())
    after = sell_and_send(till_home, 1, seed=4)
    assert after[0].receipt_no == "S01-T01-000006"
    assert receipt_files(till_home)["S01-T01-000005.bin"] == files["S01-T01-000005.bin"]
    assert journal_alerts(tenant) == []
    assert min(seq for seq in tenant.journal_hashes() if seq > cloud_seq) == cloud_seq + 1
    assert len(cloud_sales(tenant)) == len(before) + 1


def test_a_database_copied_back_by_hand_is_caught_at_start_by_its_receipt_files(
    cloud: CloudServer,
    proxy: FaultProxy,
    tenant: Tenant,
    till_home: AppPaths,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The old doc's procedure: close the till, copy the backup over till.db, start."""
    enroll(till_home, FAST_SYNC, server=proxy.url, code=tenant.enrollment_code())
    sell_and_send(till_home, 3, seed=5)
    assert cli(till_home, monkeypatch, "db", "backup", str(tmp_path)) == 0
    [backup] = list(tmp_path.glob("till-*.db"))
    sell_and_send(till_home, 2, seed=6)
    for side in ("-wal", "-shm"):
        till_home.database.with_name("till.db" + side).unlink(missing_ok=True)
    till_home.database.write_bytes(backup.read_bytes())
    proxy.set_default(Fault.DROP)
    with opened(till_home, CONFIG) as till:
        notice = till.numbering_notice
    assert notice == "S01-T01-B-000001"
    proxy.set_default(Fault.PASS)
    [sale] = sell_and_send(till_home, 1, seed=7)
    assert sale.receipt_no == "S01-T01-B-000001"
    assert journal_alerts(tenant) == []


def test_without_receipt_files_the_sync_threads_first_round_catches_it_from_the_cloud(
    cloud: CloudServer,
    proxy: FaultProxy,
    tenant: Tenant,
    till_home: AppPaths,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    enroll(till_home, FAST_SYNC, server=proxy.url, code=tenant.enrollment_code())
    sell_and_send(till_home, 2, seed=8)
    assert cli(till_home, monkeypatch, "db", "backup", str(tmp_path)) == 0
    [backup] = list(tmp_path.glob("till-*.db"))
    sell_and_send(till_home, 2, seed=9)
    for side in ("-wal", "-shm"):
        till_home.database.with_name("till.db" + side).unlink(missing_ok=True)
    till_home.database.write_bytes(backup.read_bytes())
    for receipt in till_home.receipts_dir.glob("*.bin"):
        receipt.unlink()
    with opened(till_home, CONFIG) as till:
        assert till.numbering_notice is None  # nothing local shows the rewind
        rounds = threading.Event()
        setup = start_sync(
            till.store.session_factory,
            till_home,
            FAST_SYNC,
            on_status=lambda status: rounds.set() if status.state is SyncState.ONLINE else None,
        )
        assert setup.service is not None
        try:
            assert rounds.wait(60), "the sync thread never finished a round"
        finally:
            setup.service.stop(10)
        [sale] = sell(till, 1, random.Random(10))
    sell_and_send(till_home, 0, seed=11)  # push it
    assert sale.receipt_no == "S01-T01-000005"
    assert journal_alerts(tenant) == []
    assert not any(FLAG_DUPLICATE_RECEIPT in flags for _, flags in cloud_sales(tenant).values())
