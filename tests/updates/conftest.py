"""A local TUF repository of fake till builds, served over 127.0.0.1, and a fake install folder.

The "built versions" are tiny app folders (a ``pos-desktop`` shell script and a ``VERSION``
file) packed as the real releases are (a .tar.gz of the folder's contents): the real frozen app
is built by ``make dist`` (tests/app), and the update path does not depend on what is inside.
A fake version started through the launcher appends its version to ``starts.log`` and, unless
it was built to fail, confirms its start as the real app does at the login screen.
"""

from __future__ import annotations

import functools
import http.server
import io
import tarfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from securesystemslib.signer import CryptoSigner

from pos_desktop.updates.launcher import write_launcher
from pos_desktop.updates.layout import InstallLayout
from server_stub.releases.repository import ReleaseRepository

PLATFORM = "linux-x86_64"

GOOD_APP = """#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
echo "$(cat "$here/VERSION")" >> "$POS_DESKTOP_INSTALL_ROOT/starts.log"
if grep -qx "version=$(cat "$here/VERSION")" "$POS_DESKTOP_INSTALL_ROOT/pending-start" 2>/dev/null
then rm -f "$POS_DESKTOP_INSTALL_ROOT/pending-start"; fi
"""
BROKEN_APP = """#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
echo "$(cat "$here/VERSION")" >> "$POS_DESKTOP_INSTALL_ROOT/starts.log"
exit 1
"""


def build_release(folder: Path, version: str, *, broken: bool = False) -> Path:
    """A fake built till as a release archive."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"pos-desktop-{version}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, text, mode in (
            ("pos-desktop", BROKEN_APP if broken else GOOD_APP, 0o755),
            ("VERSION", version + "\n", 0o644),
        ):
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), mode
            tar.addfile(info, io.BytesIO(data))
    return archive


def install_fake(root: Path, version: str) -> InstallLayout:
    """An install folder as the .deb lays it out, running ``version``."""
    write_launcher(root)
    app = root / "versions" / version
    app.mkdir(parents=True)
    (app / "pos-desktop").write_text(GOOD_APP)
    (app / "pos-desktop").chmod(0o755)
    (app / "VERSION").write_text(version + "\n")
    layout = InstallLayout(root)
    layout.point(layout.current, version)
    return layout


@dataclass
class Keys:
    root: CryptoSigner
    targets: CryptoSigner
    snapshot: CryptoSigner
    timestamp: CryptoSigner


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Repo:
    folder: Path
    keys: Keys
    clock: Clock
    url: str
    builds: Path

    @property
    def releases(self) -> ReleaseRepository:
        return ReleaseRepository(self.folder, now=self.clock)

    def publish(self, version: str, *, broken: bool = False, channel: str = "stable") -> None:
        archive = build_release(self.builds, version, broken=broken)
        self.releases.publish(
            archive,
            version,
            channel=channel,
            platform=PLATFORM,
            targets=self.keys.targets,
            snapshot=self.keys.snapshot,
            timestamp=self.keys.timestamp,
        )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    folder = tmp_path / "repo"
    keys = Keys(*(CryptoSigner.generate_ed25519() for _ in range(4)))
    clock = Clock()
    ReleaseRepository(folder, now=clock).init(
        keys.root, keys.targets, keys.snapshot, keys.timestamp
    )
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Repo(
            folder, keys, clock, f"http://127.0.0.1:{server.server_port}/", tmp_path / "builds"
        )
    finally:
        server.shutdown()
        server.server_close()
