"""The About box: the one version number and where the till keeps its data and log, in the
till's language, from the operations menu (F9)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from pos_desktop import __version__
from pos_desktop.paths import AppPaths
from pos_desktop.ui.about import attach_about
from pos_desktop.ui.main_window import MainWindow
from tests.ui.fakes import SITI
from tests.ui.helpers import login


def test_about_names_the_version_and_the_folders(qtbot, window: MainWindow, tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "config.toml", tmp_path / "data", tmp_path / "logs")
    attach_about(window, paths)
    login(qtbot, window, SITI, "1111")
    action = window.sale.operation("about")
    assert action is not None and action.text() == "Tentang POS Desktop"
    action.trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Tentang POS Desktop"
    assert box.text() == f"POS Desktop, versi {__version__}"
    assert f"Folder data: {tmp_path / 'data'}" in box.informativeText()
    assert f"Folder log: {tmp_path / 'logs'}" in box.informativeText()
    box.close()
