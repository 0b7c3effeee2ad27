"""The cashier screens (PySide6).

Everything here runs on the Qt thread except what goes through ``ui.worker.DbWorker``: storage
and PIN checks run on its one database thread, so the screen never waits on a disk.

Importing this package first guards the interpreter against a PySide6 reference bug (see
``ui.qtcompat``), so every entry point that shows a screen is covered.
"""

from pos_desktop.ui.qtcompat import protect_interpreter

protect_interpreter()
