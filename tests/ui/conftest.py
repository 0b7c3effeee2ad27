"""Fixtures for the cashier-screen tests: offscreen Qt, Indonesian translations, a database
worker that must be stopped at teardown, and a till on in-memory fakes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from pos_desktop.ui.i18n import install_translator, translations_dir
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.worker import DbWorker
from tests.ui.fakes import FakeTill, make_fake_till


def _lrelease() -> str:
    local = Path(sys.executable).with_name("pyside6-lrelease")
    if local.exists():
        return str(local)
    found = shutil.which("pyside6-lrelease")
    if found is None:
        pytest.fail("pyside6-lrelease not found; install PySide6")
    return found


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The translations compiled from the current ``.ts`` sources, as ``make translations`` does."""
    out = tmp_path_factory.mktemp("qm")
    for ts in sorted(translations_dir().glob("*.ts")):
        subprocess.run(
            [_lrelease(), "-silent", str(ts), "-qm", str(out / f"{ts.stem}.qm")],
            check=True,
        )
    return out


@pytest.fixture
def indonesian(qapp: QApplication, qm_dir: Path) -> Iterator[None]:
    """Bahasa Indonesia, the till's default language, for the duration of a test."""
    translator = install_translator(qapp, "id", qm_dir)
    assert translator is not None, "id.qm did not load"
    yield
    install_translator(qapp, "en", qm_dir)


@pytest.fixture
def worker(qapp: QApplication) -> Iterator[DbWorker]:
    worker = DbWorker()
    thread: QThread = worker.thread_object()
    yield worker
    assert worker.stop(10_000), "database thread did not stop"
    assert not thread.isRunning()
    assert thread.isFinished()


@pytest.fixture
def fake() -> FakeTill:
    return make_fake_till()


@pytest.fixture
def window(qtbot, indonesian: None, fake: FakeTill, worker: DbWorker) -> Iterator[MainWindow]:
    win = MainWindow(fake.context, worker, idle_lock_ms=0)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitUntil(lambda: len(win.login.staff) == 2)
    yield win
    win.close()
