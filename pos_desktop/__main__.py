"""``python -m pos_desktop``, and the bundle's ``pos-desktop-cli`` (pyinstaller.spec): the command
line, a console program everywhere. The bundle's windowed ``pos-desktop`` starts from
``pos_desktop/gui_entry.py`` instead."""

from pos_desktop.cli import main

raise SystemExit(main())
