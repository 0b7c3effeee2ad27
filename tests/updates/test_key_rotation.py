"""Keys change without reinstalling a single till: a till that trusts root v1 follows the
chain of roots the repository publishes (each signed by the key before it), so a new targets,
snapshot, timestamp or root key, or a renewed root, reaches it at its next check; the retired
key signs nothing a till accepts any more."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from securesystemslib.signer import CryptoSigner

from pos_desktop.updates.status import UpdateState
from server_stub.releases import keys
from server_stub.releases.cli import add_release
from tests.updates.conftest import Keys, Repo, install_fake
from tests.updates.helpers import till_for

ROLES = ("root", "targets", "snapshot", "timestamp")


def online(repo: Repo) -> dict[str, CryptoSigner]:
    return {"targets": repo.keys.targets, "snapshot": repo.keys.snapshot,
            "timestamp": repo.keys.timestamp}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_a_till_on_root_v1_takes_a_release_signed_after_a_key_rotation(
    repo: Repo, tmp_path: Path, role: str
) -> None:
    till = till_for(repo, install_fake(tmp_path / "opt", "0.1.0"))  # trusts root v1
    new = CryptoSigner.generate_ed25519()
    signers = {r: s for r, s in online(repo).items() if r != role}
    version = repo.releases.rotate(role, new, root=repo.keys.root, signers=signers)
    assert version == 2
    repo.keys = Keys(**{**vars(repo.keys), role: new})
    repo.publish("0.2.0")  # signed with the new key where it changed
    status = till.task.maybe_run()
    assert (status.state, status.version, status.problem) == (UpdateState.INSTALLED, "0.2.0", None)


def test_the_retired_targets_key_signs_nothing_a_till_accepts(repo: Repo, tmp_path: Path) -> None:
    old = repo.keys.targets
    new = CryptoSigner.generate_ed25519()
    repo.releases.rotate("targets", new, root=repo.keys.root, signers=online(repo))
    repo.publish("0.2.0")  # with the old targets key still in repo.keys
    assert repo.keys.targets is old
    status = till_for(repo, install_fake(tmp_path / "opt", "0.1.0")).task.maybe_run()
    assert (status.state, status.problem) == (UpdateState.REFUSED, "update.bad_signature")


def test_a_renewed_root_keeps_tills_updating_past_the_first_roots_expiry(
    repo: Repo, tmp_path: Path
) -> None:
    till = till_for(repo, install_fake(tmp_path / "opt", "0.1.0"))
    repo.clock.now += timedelta(days=300)
    assert repo.releases.new_root(repo.keys.root) == 2  # a year from now, not from v1
    repo.clock.now += timedelta(days=100)  # v1 has expired; v2 has not
    repo.releases.refresh_timestamp(repo.keys.snapshot, repo.keys.timestamp)
    repo.publish("0.2.0")
    assert till.task.maybe_run().state is UpdateState.INSTALLED


def test_the_command_retires_the_old_key_and_rotates(repo: Repo, tmp_path: Path) -> None:
    offline, online_dir = tmp_path / "offline", tmp_path / "online"
    for role, signer in vars(repo.keys).items():
        folder = offline if role in keys.OFFLINE_ROLES else online_dir
        folder.mkdir(exist_ok=True)
        keys.key_path(folder, role).write_bytes(signer.private_bytes)
    parser = __import__("argparse").ArgumentParser()
    add_release(parser.add_subparsers(dest="command").add_parser)
    argv = ["release", "rotate-key", "--role", "snapshot", "--repo", str(repo.folder),
            "--offline-keys", str(offline), "--online-keys", str(online_dir)]  # fmt: skip
    args = parser.parse_args(argv)
    assert args.func(args) == 0
    assert len(list(online_dir.glob("snapshot.retired-*.pem"))) == 1
    repo.keys = Keys(**{**vars(repo.keys), "snapshot": keys.load(online_dir, "snapshot")})
    repo.publish("0.2.0")
    status = till_for(repo, install_fake(tmp_path / "opt", "0.1.0")).task.maybe_run()
    assert (status.state, status.version) == (UpdateState.INSTALLED, "0.2.0")
