"""An update task wired to a test repository and a fake install, as app.py wires the real one."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pos_desktop.updates.layout import InstallLayout
from pos_desktop.updates.source import UpdateSource
from pos_desktop.updates.status import UpdateStatus
from pos_desktop.updates.task import UpdateTask
from tests.updates.conftest import PLATFORM, Repo


@dataclass
class Till:
    layout: InstallLayout
    task: UpdateTask
    shift_open: bool = False
    backups: list[str] = field(default_factory=list)
    statuses: list[UpdateStatus] = field(default_factory=list)


def till_for(repo: Repo, layout: InstallLayout, running: str = "0.1.0") -> Till:
    shutil.copyfile(repo.folder / "metadata" / "root.json", layout.trusted_root)
    source = UpdateSource(repo.url, layout.trusted_root, layout.metadata_cache)
    ticks = iter(range(0, 10**9, 1000))  # each reading later than any retry wait
    till: Till

    def backup(reason: str) -> Path:
        till.backups.append(reason)
        return layout.root / f"{reason}.db"

    till = Till(layout, None)  # type: ignore[arg-type]
    till.task = UpdateTask(
        layout,
        running,
        lambda: source,
        platform=PLATFORM,
        shift_open=lambda: till.shift_open,
        backup=backup,
        schema=lambda: "0006",
        monotonic=lambda: float(next(ticks)),
        on_status=till.statuses.append,
        interval_s=0.0,
    )
    return till
