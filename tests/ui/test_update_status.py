"""Signed updates on the status bar: what the shift reads for each state and refusal, and the
login screen confirming a new version's start."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from pos_desktop.config import TillConfig
from pos_desktop.paths import AppPaths
from pos_desktop.ui.update_status import UpdateStatusLabel, attach_updates
from pos_desktop.updates.launcher import StartReport
from pos_desktop.updates.layout import PendingStart
from pos_desktop.updates.status import UpdateState, UpdateStatus
from pos_desktop.updates.wiring import UpdateBoot
from tests.updates.conftest import install_fake

CODES = (
    "update.tampered",
    "update.rollback",
    "update.frozen",
    "update.mismatch",
    "update.bad_signature",
    "update.bad_release",
)


@pytest.mark.usefixtures("indonesian")
def test_the_shift_reads_each_update_state_in_indonesian(qtbot: QtBot) -> None:
    label = UpdateStatusLabel(previous="0.1.0")
    qtbot.addWidget(label)
    assert not label.isVisibleTo(None) and label.text() == ""
    label.show_status(UpdateStatus(UpdateState.READY, "0.2.0"))
    assert label.text() == "Pembaruan 0.2.0 siap; dipasang setelah shift ditutup"
    label.show_status(UpdateStatus(UpdateState.INSTALLED, "0.2.0"))
    assert label.text() == "Pembaruan 0.2.0 terpasang; berlaku saat kasir dimulai ulang"
    label.show_status(UpdateStatus(UpdateState.ROLLED_BACK, "0.2.0"))
    assert label.text() == "Pembaruan 0.2.0 gagal dimulai; kembali ke versi 0.1.0"
    label.show_status(UpdateStatus(UpdateState.REFUSED, None, "update.frozen"))
    assert label.text() == "Pembaruan ditolak: data pembaruan sudah kedaluwarsa"
    assert "IT toko" in label.toolTip()
    texts = set()
    for code in CODES:
        label.show_status(UpdateStatus(UpdateState.REFUSED, None, code))
        texts.add(label.text())
    assert len(texts) == len(CODES)  # each attack is named for what it is
    label.show_status(UpdateStatus())
    assert label.text() == ""


def test_the_login_screen_confirms_a_new_versions_start(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    layout = install_fake(tmp_path / "opt", "0.2.0")
    pending = PendingStart("0.2.0", "0.1.0", attempts=1)
    layout.write_pending(pending)
    window = QMainWindow()
    qtbot.addWidget(window)
    boot = UpdateBoot(layout, StartReport("0.2.0", pending=pending), "head")
    paths = AppPaths(tmp_path / "config.toml", tmp_path / "data", tmp_path / "logs")
    sessions = None  # the task reads the database only when it runs on the sync thread
    task = attach_updates(window, boot, paths, TillConfig(), sessions, time.monotonic)  # type: ignore[arg-type]
    assert task is not None and task.running == "0.2.0"
    window.show()
    qtbot.waitUntil(lambda: layout.pending() is None, timeout=5000)
