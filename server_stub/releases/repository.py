"""The TUF repository of till releases: a folder of metadata and targets, served as static files.

Layout (``consistent_snapshot``, so a till reading while a release is published never mixes
two publishes: every file but ``timestamp.json`` is written under a new name, and the timestamp
is replaced last, atomically)::

    <repo>/metadata/1.root.json, root.json     who may sign what (offline root key)
    <repo>/metadata/<n>.targets.json           the releases (offline targets key)
    <repo>/metadata/<n>.snapshot.json          which targets version is current (online key)
    <repo>/metadata/timestamp.json             which snapshot is current, short-lived (online)
    <repo>/targets/<channel>/<platform>/<sha256>.pos-desktop-<version>.tar.gz
    <repo>/targets/<channel>/<platform>/<sha256>.latest.json

Each channel and platform has a signed ``latest.json`` target naming its newest release, since
TUF clients look targets up by name and cannot list them. Serve ``<repo>`` at ``/updates/``
(the cloud does when ``POS_SERVER_UPDATES_DIR`` names it) or from any static host.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from securesystemslib.signer import Signer
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from server_stub.releases import CHANNELS

log = logging.getLogger(__name__)

EXPIRY = {
    "root": timedelta(days=365),
    "targets": timedelta(days=365),
    "snapshot": timedelta(days=14),
    "timestamp": timedelta(days=2),
}
"""How long each role's metadata stays valid. A till refuses expired metadata (a *freeze*), so
``release refresh-timestamp`` must run at least daily (a systemd timer: docs/deployment.md)."""
RENEW_SNAPSHOT_BEFORE = timedelta(days=7)
VERSION_RE = re.compile(r"^\d+(\.\d+){1,3}$")
PLATFORM_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,40}$")
HASHES = ["sha256"]


class ReleaseProblem(Exception):
    """A release cannot be made; the message says why."""


def version_key(version: str) -> tuple[int, ...]:
    if not VERSION_RE.match(version):
        raise ReleaseProblem(f"version {version!r} is not dotted numbers (e.g. 0.2.0)")
    return tuple(int(part) for part in version.split("."))


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Published:
    path: str
    version: str
    targets_version: int
    snapshot_version: int
    timestamp_version: int


def _write(path: Path, data: bytes) -> None:
    """Write via a temporary name and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class ReleaseRepository:
    def __init__(self, folder: Path, *, now: Callable[[], datetime] = utcnow) -> None:
        self.folder = folder
        self.metadata_dir = folder / "metadata"
        self.targets_dir = folder / "targets"
        self.now = now

    # -- reading -----------------------------------------------------------------------------

    def _read(self, name: str) -> Metadata:  # type: ignore[type-arg]
        path = self.metadata_dir / name
        if not path.exists():
            raise ReleaseProblem(f"{path} missing: run `pos-server release init-repo` first")
        return Metadata.from_file(str(path))

    def timestamp(self) -> Metadata[Timestamp]:
        return self._read("timestamp.json")

    def snapshot(self) -> Metadata[Snapshot]:
        version = self.timestamp().signed.snapshot_meta.version
        return self._read(f"{version}.snapshot.json")

    def targets(self) -> Metadata[Targets]:
        version = self.snapshot().signed.meta["targets.json"].version
        return self._read(f"{version}.targets.json")

    def latest(self, channel: str, platform: str) -> str | None:
        """The newest version published on ``channel`` for ``platform``, if any."""
        info = self.targets().signed.targets.get(f"{channel}/{platform}/latest.json")
        if info is None:
            return None
        digest = info.hashes["sha256"]
        pointer = self.targets_dir / channel / platform / f"{digest}.latest.json"
        return str(json.loads(pointer.read_text("utf-8"))["version"])

    # -- writing -----------------------------------------------------------------------------

    def _sign_and_write(self, md: Metadata, signer: Signer, name: str) -> bytes:  # type: ignore[type-arg]
        role = md.signed.type
        md.signed.expires = self.now() + EXPIRY[role]
        md.sign(signer, append=False)
        data = md.to_bytes(JSONSerializer(compact=False))
        _write(self.metadata_dir / name, data)
        return data

    def init(self, root: Signer, targets: Signer, snapshot: Signer, timestamp: Signer) -> None:
        """A new repository with no releases, version 1 of every role."""
        if (self.metadata_dir / "1.root.json").exists():
            raise ReleaseProblem(f"{self.folder} already holds a TUF repository")
        root_md = Metadata(Root(consistent_snapshot=True))
        for role, signer in (
            ("root", root),
            ("targets", targets),
            ("snapshot", snapshot),
            ("timestamp", timestamp),
        ):
            root_md.signed.add_key(signer.public_key, role)
        data = self._sign_and_write(root_md, root, "1.root.json")
        _write(self.metadata_dir / "root.json", data)  # what a till is shipped with
        self._sign_and_write(Metadata(Targets()), targets, "1.targets.json")
        self._publish_snapshot(1, snapshot, timestamp, snapshot_version=1)
        log.info("TUF repository created in %s", self.folder)

    def _publish_snapshot(
        self, targets_version: int, snapshot: Signer, timestamp: Signer, *, snapshot_version: int
    ) -> tuple[int, int]:
        """Snapshot ``snapshot_version`` naming ``targets_version``, then a new timestamp."""
        targets_bytes = (self.metadata_dir / f"{targets_version}.targets.json").read_bytes()
        snap = Metadata(Snapshot(version=snapshot_version))
        snap.signed.meta["targets.json"] = MetaFile.from_data(
            targets_version, targets_bytes, HASHES
        )
        data = self._sign_and_write(snap, snapshot, f"{snapshot_version}.snapshot.json")
        return snapshot_version, self._write_timestamp(snapshot_version, data, timestamp)

    def _write_timestamp(self, snapshot_version: int, snapshot_bytes: bytes, signer: Signer) -> int:
        path = self.metadata_dir / "timestamp.json"
        version = self.timestamp().signed.version + 1 if path.exists() else 1
        stamp = Metadata(Timestamp(version=version))
        stamp.signed.snapshot_meta = MetaFile.from_data(snapshot_version, snapshot_bytes, HASHES)
        self._sign_and_write(stamp, signer, "timestamp.json")
        return version

    def _add_target(
        self, md: Metadata[Targets], path: str, source: Path, custom: dict[str, str]
    ) -> None:
        info = TargetFile.from_file(path, str(source), HASHES)
        info.unrecognized_fields["custom"] = custom
        md.signed.targets[path] = info
        folder, name = path.rsplit("/", 1)
        target = self.targets_dir / folder / f"{info.hashes['sha256']}.{name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)

    def publish(
        self,
        archive: Path,
        version: str,
        *,
        channel: str,
        platform: str,
        targets: Signer,
        snapshot: Signer,
        timestamp: Signer,
    ) -> Published:
        """Add ``archive`` as ``version`` on ``channel``/``platform`` and make it the latest."""
        if channel not in CHANNELS:
            raise ReleaseProblem(f"channel must be one of {', '.join(CHANNELS)}")
        if not PLATFORM_RE.match(platform):
            raise ReleaseProblem(f"platform {platform!r} is not like linux-x86_64")
        if not archive.is_file():
            raise ReleaseProblem(f"{archive} is not a file")
        new_key = version_key(version)
        current = self.latest(channel, platform)
        if current is not None and new_key <= version_key(current):
            raise ReleaseProblem(f"{channel}/{platform} already has {current}; publish a newer one")
        md = self.targets()
        path = f"{channel}/{platform}/pos-desktop-{version}.tar.gz"
        self._add_target(md, path, archive, {"version": version})
        with tempfile.TemporaryDirectory() as scratch:
            pointer = Path(scratch) / "latest.json"
            pointer.write_text(json.dumps({"version": version, "path": path}), "utf-8")
            self._add_target(md, f"{channel}/{platform}/latest.json", pointer, {"version": version})
        md.signed.version += 1
        self._sign_and_write(md, targets, f"{md.signed.version}.targets.json")
        snap_version = self.snapshot().signed.version + 1
        _, stamp = self._publish_snapshot(
            md.signed.version, snapshot, timestamp, snapshot_version=snap_version
        )
        log.info("published %s as %s", archive, path)
        return Published(path, version, md.signed.version, snap_version, stamp)

    def refresh_timestamp(self, snapshot: Signer, timestamp: Signer) -> int:
        """A new timestamp (and snapshot, when it expires within a week): run daily or more."""
        snap = self.snapshot()
        if snap.signed.expires - self.now() < RENEW_SNAPSHOT_BEFORE:
            targets_version = snap.signed.meta["targets.json"].version
            _, stamp = self._publish_snapshot(
                targets_version, snapshot, timestamp, snapshot_version=snap.signed.version + 1
            )
            return stamp
        data = (self.metadata_dir / f"{snap.signed.version}.snapshot.json").read_bytes()
        return self._write_timestamp(snap.signed.version, data, timestamp)

    # -- keys and the root's lifetime ---------------------------------------------------------

    def new_root(self, root: Signer, *, role: str | None = None, new: Signer | None = None) -> int:
        """Root version N+1, valid for another year: the same trust, or ``role`` trusting
        ``new`` instead of its current keys. A till holding root N accepts N+1 only with a
        signature of N's root key, and N+1 only with its own: so a new root key signs too."""
        md: Metadata[Root] = self._read("root.json")
        if role is not None:
            if new is None or role not in md.signed.roles:
                raise ReleaseProblem(f"no new key for the role {role!r}")
            for keyid in list(md.signed.roles[role].keyids):
                md.signed.revoke_key(keyid, role)
            md.signed.add_key(new.public_key, role)
        md.signed.version += 1
        md.signed.expires = self.now() + EXPIRY["root"]
        md.sign(root, append=False)
        if role == "root" and new is not None:
            md.sign(new, append=True)
        data = md.to_bytes(JSONSerializer(compact=False))
        _write(self.metadata_dir / f"{md.signed.version}.root.json", data)
        _write(self.metadata_dir / "root.json", data)
        log.info("root v%d (%s)", md.signed.version, f"new {role} key" if role else "renewed")
        return md.signed.version

    def rotate(self, role: str, new: Signer, *, root: Signer, signers: Mapping[str, Signer]) -> int:
        """Trust ``new`` for ``role`` from the next root on, and sign again with it what that
        role signs (targets, then snapshot and timestamp), so every till moves over at its
        next check. ``signers``: the keys of the roles that do not change (targets only when
        it is the one rotated, since its list is re-signed by ``new``)."""
        version = self.new_root(root, role=role, new=new)
        keys = {**signers, role: new}
        targets_version = self.snapshot().signed.meta["targets.json"].version
        if role == "targets":
            md = self.targets()
            md.signed.version = targets_version = targets_version + 1
            self._sign_and_write(md, keys["targets"], f"{targets_version}.targets.json")
        if role in ("targets", "snapshot"):
            snap = self.snapshot().signed.version + 1
            self._publish_snapshot(
                targets_version, keys["snapshot"], keys["timestamp"], snapshot_version=snap
            )
        elif role == "timestamp":
            snap = self.snapshot().signed.version
            data = (self.metadata_dir / f"{snap}.snapshot.json").read_bytes()
            self._write_timestamp(snap, data, keys["timestamp"])
        return version
