"""``pos-server release ...``: make the update repository and publish till releases.

``init-repo`` creates the four keys and version 1 of the metadata; ``publish`` adds a built till
(an archive of its folder) to a channel and platform; ``refresh-timestamp`` re-signs the
short-lived timestamp with the online key (run it from a timer); ``rotate-key`` replaces one
role's key and ``renew-root`` extends the root's year, both as a new root version tills follow;
``show`` prints the newest version of each channel and platform. Key handling:
docs/deployment.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from server_stub.releases import CHANNELS, RELEASE_EXTRA_MODULES

if TYPE_CHECKING:
    from server_stub.releases.repository import ReleaseRepository

AddParser = Callable[..., argparse.ArgumentParser]


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _fail(exc: Exception) -> int:
    sys.stderr.write(f"error: release: {exc}\n")
    return 1


class MissingExtra(Exception):
    """The release extra is not installed (a server that only serves the files needs none)."""


def _repository(folder: Path) -> ReleaseRepository:
    missing = [m for m in RELEASE_EXTRA_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtra(
            f"{', '.join(missing)} not installed: pip install 'pos-desktop[release]'"
        )
    from server_stub.releases.repository import ReleaseRepository

    return ReleaseRepository(folder)


def _problems() -> tuple[type[Exception], ...]:
    from server_stub.releases.keys import KeyProblem
    from server_stub.releases.repository import ReleaseProblem

    return (KeyProblem, ReleaseProblem)


def cmd_init(args: argparse.Namespace) -> int:
    try:
        repo = _repository(args.repo)
    except MissingExtra as exc:
        return _fail(exc)
    from server_stub.releases import keys

    try:
        signers = {role: keys.generate(args.offline_keys, role) for role in keys.OFFLINE_ROLES}
        signers |= {role: keys.generate(args.online_keys, role) for role in keys.ONLINE_ROLES}
        repo.init(**signers)
    except _problems() as exc:
        return _fail(exc)
    _out(f"repository: {args.repo} (serve it at /updates/)")
    _out(f"offline keys (root, targets): {args.offline_keys} - move them off this server")
    _out(f"online keys (snapshot, timestamp): {args.online_keys}")
    _out(f"ship {args.repo / 'metadata' / 'root.json'} with the till as trusted-root.json")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    try:
        repo = _repository(args.repo)
    except MissingExtra as exc:
        return _fail(exc)
    from server_stub.releases import keys

    try:
        published = repo.publish(
            args.archive,
            args.version,
            channel=args.channel,
            platform=args.platform,
            targets=keys.load(args.offline_keys, "targets"),
            snapshot=keys.load(args.online_keys, "snapshot"),
            timestamp=keys.load(args.online_keys, "timestamp"),
        )
    except _problems() as exc:
        return _fail(exc)
    _out(
        f"published {published.path} (targets v{published.targets_version}, "
        f"snapshot v{published.snapshot_version}, timestamp v{published.timestamp_version})"
    )
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    try:
        repo = _repository(args.repo)
    except MissingExtra as exc:
        return _fail(exc)
    from server_stub.releases import keys

    try:
        version = repo.refresh_timestamp(
            keys.load(args.online_keys, "snapshot"), keys.load(args.online_keys, "timestamp")
        )
    except _problems() as exc:
        return _fail(exc)
    _out(f"timestamp v{version}")
    return 0


def cmd_rotate(args: argparse.Namespace) -> int:
    """A new key for ``--role``: the old one is retired (kept aside), the next root trusts the
    new one, and what the role signs is signed again (docs/deployment.md, key handling)."""
    try:
        repo = _repository(args.repo)
    except MissingExtra as exc:
        return _fail(exc)
    from server_stub.releases import keys

    folders = {r: args.offline_keys for r in keys.OFFLINE_ROLES}
    folders |= {r: args.online_keys for r in keys.ONLINE_ROLES}
    try:
        signers = {r: keys.load(folder, r) for r, folder in folders.items()}
        old = signers.pop(args.role)
        keys.retire(folders[args.role], args.role, old.public_key.keyid)
        new = keys.generate(folders[args.role], args.role)
        root = old if args.role == "root" else signers.pop("root")
        signers.pop("root", None)
        version = repo.rotate(args.role, new, root=root, signers=signers)
    except _problems() as exc:
        return _fail(exc)
    _out(f"root v{version} trusts the new {args.role} key {new.public_key.keyid[:12]}")
    return 0


def cmd_renew_root(args: argparse.Namespace) -> int:
    try:
        repo = _repository(args.repo)
    except MissingExtra as exc:
        return _fail(exc)
    from server_stub.releases import keys

    try:
        version = repo.new_root(keys.load(args.offline_keys, "root"))
    except _problems() as exc:
        return _fail(exc)
    _out(f"root v{version}, valid for another year")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    try:
        repo = _repository(args.repo)
    except MissingExtra as exc:
        return _fail(exc)
    try:
        paths = sorted(repo.targets().signed.targets)
    except _problems() as exc:
        return _fail(exc)
    for path in paths:
        if path.endswith("/latest.json"):
            channel, platform, _ = path.split("/")
            _out(f"{channel}\t{platform}\t{repo.latest(channel, platform)}")
    return 0


def add_release(add_parser: AddParser) -> None:
    """Register ``release`` and its commands on ``pos-server``'s subparsers."""
    release = add_parser("release", help="signed till updates (TUF repository)")
    commands = release.add_subparsers(dest="release_command", required=True)

    def repo_args(parser: argparse.ArgumentParser, *, offline: bool, online: bool) -> None:
        parser.add_argument("--repo", type=Path, required=True, help="the served repository")
        if offline:
            parser.add_argument(
                "--offline-keys", type=Path, required=True, help="root and targets keys"
            )
        if online:
            parser.add_argument(
                "--online-keys", type=Path, required=True, help="snapshot and timestamp keys"
            )

    init = commands.add_parser("init-repo", help="new keys and an empty repository")
    repo_args(init, offline=True, online=True)
    init.set_defaults(func=cmd_init)

    publish = commands.add_parser("publish", help="publish a built till as the newest release")
    repo_args(publish, offline=True, online=True)
    publish.add_argument("--channel", choices=CHANNELS, default="stable")
    publish.add_argument("--platform", required=True, help="e.g. linux-x86_64, windows-x86_64")
    publish.add_argument("archive", type=Path, help="the app folder as a .tar.gz")
    publish.add_argument("version", help="its version, e.g. 0.2.0")
    publish.set_defaults(func=cmd_publish)

    refresh = commands.add_parser(
        "refresh-timestamp", help="re-sign the timestamp with the online key (daily timer)"
    )
    repo_args(refresh, offline=False, online=True)
    refresh.set_defaults(func=cmd_refresh)

    rotate = commands.add_parser(
        "rotate-key", help="replace one role's key (a lost, leaked or old one); tills follow"
    )
    repo_args(rotate, offline=True, online=True)
    rotate.add_argument(
        "--role", choices=("root", "targets", "snapshot", "timestamp"), required=True
    )
    rotate.set_defaults(func=cmd_rotate)

    renew = commands.add_parser("renew-root", help="the same root for another year (yearly)")
    repo_args(renew, offline=True, online=False)
    renew.set_defaults(func=cmd_renew_root)

    show = commands.add_parser("show", help="the newest release of each channel and platform")
    repo_args(show, offline=False, online=False)
    show.set_defaults(func=cmd_show)
