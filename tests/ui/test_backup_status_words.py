"""The backup state on the status bar speaks the cashier's language.

Its sentences reach the translations only if ``pyside6-lupdate`` collects them, which it does
for a translate call with a literal context and text and for nothing behind a helper of our own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pytestqt.qtbot import QtBot

from pos_desktop.domain.errors import UserError
from pos_desktop.services.backups import BackupState
from pos_desktop.ui import backup_status
from pos_desktop.ui.backup_status import BackupStatusLabel

SENTENCES = {
    "Backup failed",
    "Shown until the next backup succeeds.",
    "New receipt series from %1",
    "This till was restored from a backup without reaching the cloud, so its receipt numbers "
    "continue in a new series that cannot repeat an earlier number. The next receipt is %1.",
}


def _lupdate() -> str:
    local = Path(sys.executable).with_name("pyside6-lupdate")
    if not local.exists():
        pytest.fail("pyside6-lupdate not found; install PySide6")
    return str(local)


def test_lupdate_collects_every_sentence_of_the_backup_status(tmp_path: Path) -> None:
    ts = tmp_path / "backup_status.ts"
    subprocess.run(
        [_lupdate(), "-silent", str(backup_status.__file__), "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    collected = {
        message.findtext("source")
        for context in ElementTree.parse(ts).getroot().iter("context")
        if context.findtext("name") == "BackupStatus"
        for message in context.iter("message")
    }
    assert collected == SENTENCES


@pytest.mark.usefixtures("indonesian")
def test_a_failed_backup_and_a_new_series_read_in_indonesian(qtbot: QtBot) -> None:
    label = BackupStatusLabel()
    qtbot.addWidget(label)
    error = UserError("backup.folder_unusable", path="/media/usb", reason="-")
    label.show_state(BackupState(ok=False, error=error))
    label.show_new_series("S01-T01-B-000001")
    assert label.text() == "Cadangan gagal · Seri struk baru mulai S01-T01-B-000001"
    assert "Tampil sampai pencadangan berikutnya berhasil." in label.toolTip()
