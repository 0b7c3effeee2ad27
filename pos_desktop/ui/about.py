"""The About box (F9 > About POS Desktop): the version, the first thing support asks, and where
this till keeps its data and its log, the next two.

The version is the product's one number, ``pos_desktop.__version__`` (the same the heartbeat
sends and the back office shows for this till).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pos_desktop import __version__
from pos_desktop.paths import AppPaths

if TYPE_CHECKING:
    from pos_desktop.ui.main_window import MainWindow

ICON_PX = 64


def _tr(text: str) -> str:
    return QCoreApplication.translate("About", text)


def about_title() -> str:
    return _tr("About POS Desktop")


def about_details(paths: AppPaths) -> str:
    """The lines under the version: what the program is and where its files are."""
    return "\n".join(
        (
            _tr("Offline-first cashier till for Indonesian retail."),
            "",
            _tr("Data folder: {folder}").format(folder=paths.data_dir),
            _tr("Log folder: {folder}").format(folder=paths.log_dir),
        )
    )


def show_about(parent: QWidget, paths: AppPaths) -> QMessageBox:
    """Open the About box over ``parent`` (window-modal, so the till's timers keep running)."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(about_title())
    box.setText(_tr("POS Desktop, version {version}").format(version=__version__))
    box.setInformativeText(about_details(paths))
    icon = QApplication.windowIcon()
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(ICON_PX, ICON_PX))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def attach_about(window: MainWindow, paths: AppPaths) -> None:
    """Add the About entry to the sale screen's operations menu (F9)."""
    window.sale.add_operation("about", about_title, lambda: show_about(window, paths))
