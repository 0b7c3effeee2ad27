"""Automatic backups: after each Z report and once a day, pruned to ``keep``; a failure stays on
the status bar until a backup succeeds again."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from pos_desktop.app import open_till, seed_demo_store
from pos_desktop.config import BackupConfig, TillConfig, load_config
from pos_desktop.domain.cash import CashCount
from pos_desktop.localdb.backups import FolderBackups, list_backups
from pos_desktop.paths import resolve_paths
from pos_desktop.services.backups import BackupService, BackupState
from pos_desktop.ui.backup_status import attach_backup_status
from tests.demo_staff import add_demo_staff_to

WIB = timezone(timedelta(hours=7))


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_the_backup_section_of_the_config(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[backup]\nfolder = "/media/usb/pos"\nkeep = 7\ndaily = false\n')
    config = load_config(cfg)
    assert config.backup == BackupConfig(folder=Path("/media/usb/pos"), keep=7, daily=False)
    assert TillConfig().backup.folder_for(tmp_path) == tmp_path / "backups"
    assert TillConfig().backup.keep == 14


def test_every_z_report_is_followed_by_a_backup_and_the_folder_keeps_the_newest(
    tmp_path: Path,
) -> None:
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(tmp_path / "till")})
    seed_demo_store(paths)
    staff = {m.name: m for m in add_demo_staff_to(paths)}
    usb = tmp_path / "usb" / "pos"
    config = TillConfig(backup=BackupConfig(folder=usb, keep=2, daily=False))
    till = open_till(paths, config)
    made = threading.Semaphore(0)
    states: list[BackupState] = []
    assert till.backups is not None

    def seen(state: BackupState) -> None:
        states.append(state)
        made.release()

    till.backups.add_listener(seen)
    try:
        shifts = till.context.shifts
        assert shifts is not None
        manager = staff["Ani"]
        for _ in range(3):
            shifts.open_shift(manager, 100_000)
            shifts.close_shift(manager, CashCount.empty())
            assert made.acquire(timeout=60), "no backup after the Z report"
    finally:
        till.close()
    assert [s.ok for s in states] == [True, True, True]
    kept = list_backups(usb)
    assert [b.path for b in kept] == [s.path for s in reversed(states[1:])]
    assert all(b.verified and "shift-close" in b.path.name for b in kept)


def test_one_backup_a_calendar_day_at_the_first_chance(tmp_path: Path) -> None:
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(tmp_path / "till")})
    seed_demo_store(paths)
    folder = tmp_path / "backups"
    clock = Clock(datetime(2026, 12, 7, 6, 55, tzinfo=WIB))
    service = BackupService(FolderBackups(paths.database, folder, keep=3), clock)
    assert service.daily_due()
    assert service.run_daily_if_due() is not None
    clock.now += timedelta(hours=10)  # same day, evening
    assert service.run_daily_if_due() is None
    for _ in range(4):  # the next mornings (and one past midnight in WIB, before 07:00 UTC)
        clock.now += timedelta(days=1)
        state = service.run_daily_if_due()
        assert state is not None and state.ok
    assert len(list_backups(folder)) == 3
    newest = list_backups(folder)[0].created_at.astimezone(WIB)
    assert newest.date() == clock.now.date()


def test_a_failed_backup_stays_on_the_status_bar_until_one_succeeds(
    qtbot: QtBot, tmp_path: Path
) -> None:
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(tmp_path / "till")})
    seed_demo_store(paths)
    stick = tmp_path / "stick"
    stick.write_text("the USB stick is not mounted; this is a file")
    clock = Clock(datetime(2026, 12, 7, 9, 0, tzinfo=WIB))
    service = BackupService(FolderBackups(paths.database, stick, keep=3), clock)
    window = QMainWindow()
    qtbot.addWidget(window)
    label = attach_backup_status(window, service, None)
    window.show()
    assert not label.isVisible()
    failed = service.run("daily")  # no crash: a failed backup is a state
    assert failed.ok is False and failed.error is not None
    assert failed.error.code == "backup.folder_unusable"
    qtbot.waitUntil(label.isVisible)
    assert "Backup failed" in label.text() or "Cadangan gagal" in label.text()
    assert str(stick) in label.toolTip()
    clock.now += timedelta(hours=1)
    service.run("daily")  # still failing: still shown
    qtbot.waitUntil(lambda: service.state.at == clock.now)
    assert label.isVisible()
    stick.unlink()
    stick.mkdir()
    assert service.run("daily").ok
    qtbot.waitUntil(lambda: not label.isVisible())


def test_a_new_receipt_series_is_announced_until_its_first_sale(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    label = attach_backup_status(window, None, "S01-T01-B-000001")
    window.show()
    assert label.isVisible() and "S01-T01-B-000001" in label.text()
    assert "S01-T01-B-000001" in label.toolTip()
    label.sale_completed(object())
    assert not label.isVisible()
