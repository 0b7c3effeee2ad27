"""``pos-desktop update ...``: set an install folder up for updates, and show its state.

``install-launcher ROOT`` writes the launcher (``launcher.py``) into an install folder, for the
package's post-install step; ``status`` prints what the launcher and the update task recorded
(run it from the launcher's environment, or name the folder with ``--root``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos_desktop.updates.layout import InstallLayout


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def add_update_parser(sub: Any) -> None:
    """Register ``update`` on ``pos-desktop``'s subparsers (imports nothing heavy)."""
    update = sub.add_parser("update", help="signed updates: the launcher and the update state")
    actions = update.add_subparsers(dest="update_command", required=True)
    launcher = actions.add_parser("install-launcher", help="write the launcher into ROOT")
    launcher.add_argument("root", type=Path, help="the install folder, e.g. /opt/pos-desktop")
    status = actions.add_parser("status", help="versions, pending start, staged update")
    status.add_argument("--root", type=Path, help="default: $POS_DESKTOP_INSTALL_ROOT")


def run_update_command(args: argparse.Namespace) -> int:
    from pos_desktop.updates.launcher import write_launcher
    from pos_desktop.updates.layout import ROOT_ENV, InstallLayout

    if args.update_command == "install-launcher":
        _out(f"launcher written to {write_launcher(args.root)}")
        return 0
    layout = InstallLayout(args.root) if args.root else InstallLayout.from_environment()
    if layout is None:
        _out(f"not an updating install (start through the launcher, or pass --root; {ROOT_ENV})")
        return 1
    return _status(layout)


def _status(layout: InstallLayout) -> int:
    from pos_desktop.updates.source import this_platform

    settings = layout.settings()
    _out(f"install:  {layout.root}")
    _out(f"current:  {layout.current_version() or '-'}")
    _out(f"previous: {layout.version_of(layout.previous) or '-'}")
    _out(f"channel:  {settings.channel} ({this_platform()})")
    _out(f"source:   {settings.url or 'the paired cloud /updates/'}")
    pending = layout.pending()
    if pending is not None:
        _out(f"pending:  {pending.version}, {pending.attempts} start(s) without a login screen")
    staged = sorted(p.name for p in layout.staging.glob("pos-desktop-*.tar.gz"))
    _out(f"staged:   {', '.join(staged) or '-'}")
    refused = sorted(layout.refused_versions())
    _out(f"refused:  {', '.join(refused) or '-'}")
    return 0
