"""The four attacks TUF is for, each refused with the problem the status bar shows.

Each test changes the served repository the way an attacker on the network or on a mirror
would, and checks that nothing is staged or switched and the refusal names the attack.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata, MetaFile, Snapshot, Targets, Timestamp
from tuf.api.serialization.json import JSONSerializer

from pos_desktop.updates.status import UpdateState
from tests.updates.conftest import PLATFORM, Repo, install_fake
from tests.updates.helpers import Till, till_for


def refused(till: Till, code: str) -> None:
    status = till.task.maybe_run()
    assert (status.state, status.problem) == (UpdateState.REFUSED, code), status
    assert till.layout.current_version() == "0.1.0"
    assert till.layout.pending() is None and till.backups == []


def test_a_tampered_release_file_is_refused(repo: Repo, tmp_path: Path) -> None:
    repo.publish("0.2.0")
    (served,) = (repo.folder / "targets" / "stable" / PLATFORM).glob("*.pos-desktop-0.2.0.tar.gz")
    evil = bytearray(served.read_bytes())
    evil[-1] ^= 0xFF  # same length, other bytes
    served.write_bytes(bytes(evil))
    till = till_for(repo, install_fake(tmp_path / "opt", "0.1.0"))
    refused(till, "update.tampered")
    assert till.task.staged() is None


def test_older_metadata_than_the_till_has_seen_is_refused(repo: Repo, tmp_path: Path) -> None:
    stamp = repo.folder / "metadata" / "timestamp.json"
    first = stamp.read_bytes()  # version 1, before any release
    repo.publish("0.2.0")
    till = till_for(repo, install_fake(tmp_path / "opt", "0.1.0"))
    till.shift_open = True
    assert till.task.maybe_run().state is UpdateState.READY  # it has seen timestamp v2
    stamp.write_bytes(first)  # a mirror replays the old, still valid, signed timestamp
    status = till.task.maybe_run()
    assert (status.state, status.problem) == (UpdateState.REFUSED, "update.rollback")


def test_expired_metadata_is_refused_as_a_freeze(repo: Repo, tmp_path: Path) -> None:
    repo.clock.now -= timedelta(days=3)  # the timestamp was signed 3 days ago, valid for 2
    repo.publish("0.2.0")
    refused(till_for(repo, install_fake(tmp_path / "opt", "0.1.0")), "update.frozen")


def test_targets_from_another_publish_are_refused(repo: Repo, tmp_path: Path) -> None:
    repo.publish("0.2.0")
    repo.publish("0.3.0")
    metadata = repo.folder / "metadata"
    # The snapshot names targets v3; a mirror serves v2's (validly signed) list under that name.
    shutil.copyfile(metadata / "2.targets.json", metadata / "3.targets.json")
    refused(till_for(repo, install_fake(tmp_path / "opt", "0.1.0")), "update.mismatch")


def test_targets_signed_by_a_key_the_root_does_not_name_are_refused(
    repo: Repo, tmp_path: Path
) -> None:
    """With the server's online keys stolen, an attacker still lacks the offline targets key."""
    repo.publish("0.2.0")
    evil_archive = repo.builds / "evil.tar.gz"
    shutil.copyfile(repo.builds / "pos-desktop-0.2.0.tar.gz", evil_archive)
    releases = repo.releases
    targets = releases.targets()
    targets.signed.version += 1
    targets.signed.expires = repo.clock() + timedelta(days=30)
    targets.sign(CryptoSigner.generate_ed25519(), append=False)
    name = f"{targets.signed.version}.targets.json"
    data = targets.to_bytes(JSONSerializer())
    (releases.metadata_dir / name).write_bytes(data)
    snap = Metadata(Snapshot(version=releases.snapshot().signed.version + 1))
    snap.signed.meta["targets.json"] = MetaFile.from_data(targets.signed.version, data, ["sha256"])
    snap.signed.expires = repo.clock() + timedelta(days=7)
    snap.sign(repo.keys.snapshot)
    snap_data = snap.to_bytes(JSONSerializer())
    (releases.metadata_dir / f"{snap.signed.version}.snapshot.json").write_bytes(snap_data)
    stamp = Metadata(Timestamp(version=releases.timestamp().signed.version + 1))
    stamp.signed.snapshot_meta = MetaFile.from_data(snap.signed.version, snap_data, ["sha256"])
    stamp.signed.expires = repo.clock() + timedelta(days=1)
    stamp.sign(repo.keys.timestamp)
    (releases.metadata_dir / "timestamp.json").write_bytes(stamp.to_bytes(JSONSerializer()))
    assert isinstance(targets.signed, Targets)
    refused(till_for(repo, install_fake(tmp_path / "opt", "0.1.0")), "update.bad_signature")


def test_a_later_good_check_clears_the_refusal(repo: Repo, tmp_path: Path) -> None:
    repo.clock.now -= timedelta(days=3)
    repo.publish("0.2.0")
    till = till_for(repo, install_fake(tmp_path / "opt", "0.1.0"))
    till.shift_open = True
    assert till.task.maybe_run().problem == "update.frozen"
    repo.clock.now += timedelta(days=3)
    repo.releases.refresh_timestamp(repo.keys.snapshot, repo.keys.timestamp)
    status = till.task.maybe_run()
    assert (status.state, status.version, status.problem) == (UpdateState.READY, "0.2.0", None)
