"""The install folder an updating till runs from, and the files that record an update.

::

    <root>/pos-desktop              the launcher (``launcher.py`` writes it)
    <root>/versions/<version>/      one folder per installed version (the frozen app)
    <root>/current -> versions/X    what the launcher starts
    <root>/previous -> versions/W   kept for a rollback
    <root>/pending-start            written when switching; removed at the login screen
    <root>/rolled-back              written by the launcher when it rolled back
    <root>/trusted-root.json        the TUF root the till trusts (none: updates are off)
    <root>/updates.json             optional: {"channel": "beta", "url": "https://.../updates/"}
    <root>/state/                   the TUF metadata cache, staged downloads, refused versions

The launcher exports ``POS_DESKTOP_INSTALL_ROOT``; a till started any other way (a source
checkout, a plain pip install) has no install root and never updates itself. The pending-start
file is ``key=value`` lines, so the launcher (``/bin/sh``) can read and count in it.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

ROOT_ENV = "POS_DESKTOP_INSTALL_ROOT"
CHANNELS = ("stable", "beta")


@dataclass(frozen=True, slots=True)
class PendingStart:
    """A switch to ``version`` that has not reached the login screen yet."""

    version: str
    previous: str
    attempts: int = 0
    schema: str = ""
    """The database's schema revision when the switch was made (empty: none yet)."""
    backup: str = ""
    """The copy of the database taken before the switch."""

    def to_text(self) -> str:
        return "".join(
            f"{key}={value}\n"
            for key, value in (
                ("version", self.version),
                ("previous", self.previous),
                ("attempts", self.attempts),
                ("schema", self.schema),
                ("backup", self.backup),
            )
        )

    @classmethod
    def parse(cls, text: str) -> PendingStart:
        fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
        return cls(
            version=fields.get("version", ""),
            previous=fields.get("previous", ""),
            attempts=int(fields.get("attempts", "0") or 0),
            schema=fields.get("schema", ""),
            backup=fields.get("backup", ""),
        )


@dataclass(frozen=True, slots=True)
class UpdateSettings:
    channel: str = "stable"
    url: str | None = None
    """The repository's base URL (``.../updates/``); default: the paired cloud's ``/updates/``."""


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class InstallLayout:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions = root / "versions"
        self.current = root / "current"
        self.previous = root / "previous"
        self.pending_file = root / "pending-start"
        self.rolled_back_file = root / "rolled-back"
        self.trusted_root = root / "trusted-root.json"
        self.settings_file = root / "updates.json"
        self.state = root / "state"
        self.metadata_cache = self.state / "tuf-metadata"
        self.staging = self.state / "staging"
        self.refused_file = self.state / "refused-versions"

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> InstallLayout | None:
        value = (os.environ if env is None else env).get(ROOT_ENV)
        if not value:
            return None
        layout = cls(Path(value))
        return layout if layout.versions.is_dir() else None

    # -- versions ------------------------------------------------------------------------------

    def version_of(self, link: Path) -> str | None:
        try:
            return Path(os.readlink(link)).name
        except OSError:
            return None

    def current_version(self) -> str | None:
        return self.version_of(self.current)

    def point(self, link: Path, version: str) -> None:
        """Make ``link`` name ``versions/<version>`` in one rename (never a moment without)."""
        tmp = link.with_name(f".{link.name}.new")
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        tmp.symlink_to(Path("versions") / version)
        os.replace(tmp, link)

    # -- records -----------------------------------------------------------------------------

    def pending(self) -> PendingStart | None:
        try:
            return PendingStart.parse(self.pending_file.read_text(encoding="utf-8"))
        except OSError:
            return None

    def write_pending(self, pending: PendingStart) -> None:
        _write_atomic(self.pending_file, pending.to_text())

    def rolled_back(self) -> PendingStart | None:
        """The start that failed and was rolled back by the launcher, until settled."""
        try:
            return PendingStart.parse(self.rolled_back_file.read_text(encoding="utf-8"))
        except OSError:
            return None

    def refused_versions(self) -> set[str]:
        try:
            return set(self.refused_file.read_text(encoding="utf-8").split())
        except OSError:
            return set()

    def refuse_version(self, version: str) -> None:
        """Never stage ``version`` again (it failed to start here)."""
        self.state.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.refused_file, "\n".join(sorted(self.refused_versions() | {version})))

    def settings(self) -> UpdateSettings:
        try:
            raw = json.loads(self.settings_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return UpdateSettings()
        except (OSError, ValueError) as exc:
            log.error("ignoring %s: %s", self.settings_file, exc)
            return UpdateSettings()
        channel = raw.get("channel", "stable") if isinstance(raw, dict) else "stable"
        url = raw.get("url") if isinstance(raw, dict) else None
        if channel not in CHANNELS:
            log.error("%s: unknown channel %r; following stable", self.settings_file, channel)
            channel = "stable"
        return UpdateSettings(channel, url if isinstance(url, str) and url else None)
