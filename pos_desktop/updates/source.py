"""Finding, downloading and verifying a release with The Update Framework (python-tuf).

Every check starts from the trusted root (``trusted-root.json``, shipped with the till; TUF
then follows root rotations the old root signed) and the metadata cached from the last check, so
the client refuses, each with its own problem code for the status bar:

* ``update.tampered``: a release file whose length or hash is not what the targets role signed;
* ``update.rollback``: metadata older than what this till has already seen;
* ``update.frozen``: expired metadata (a server or mirror replaying an old, once-valid state);
* ``update.mismatch``: metadata files that do not belong together (a snapshot naming another
  targets file than the one served: a mix-and-match of two publishes);
* ``update.bad_signature``: metadata not signed by the keys the root names;
* ``update.unreachable``: the repository did not answer (not an attack; tried again later).

The newest release of a channel and platform is the signed target
``<channel>/<platform>/latest.json`` (``server_stub.releases``); the archive it names is
downloaded with ``download_target``, which verifies length and hashes before it returns.
"""

from __future__ import annotations

import json
import logging
import platform
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from tuf.api import exceptions as tuf_errors
from tuf.ngclient import FetcherInterface, Updater

log = logging.getLogger(__name__)

VERSION_RE = re.compile(r"^\d+(\.\d+){1,3}$")
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 60.0


class UpdateRefused(Exception):
    """The repository's answer was refused (or not had); ``code`` names why."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def version_key(version: str) -> tuple[int, ...]:
    """``0.10.2`` -> ``(0, 10, 2)``; ``UpdateRefused`` for anything else."""
    if not VERSION_RE.match(version):
        raise UpdateRefused("update.bad_release", f"version {version!r}")
    return tuple(int(part) for part in version.split("."))


def this_platform() -> str:
    """``linux-x86_64``, ``windows-x86_64``: the platform part of a release's path."""
    system = "windows" if sys.platform.startswith("win") else sys.platform.rstrip("0123456789")
    machine = platform.machine().lower()
    return f"{system}-{ {'amd64': 'x86_64', 'aarch64': 'arm64'}.get(machine, machine) }"


@dataclass(frozen=True, slots=True)
class Release:
    version: str
    path: str
    """The target's path in the repository (``stable/linux-x86_64/pos-desktop-0.2.0.tar.gz``)."""


class HttpxFetcher(FetcherInterface):
    """TUF's downloads over httpx: the till's own CA bundle (self-hosted clouds) and timeouts."""

    def __init__(
        self, *, ca_bundle: Path | None = None, transport: httpx.BaseTransport | None = None
    ):
        self.client = httpx.Client(
            verify=str(ca_bundle) if ca_bundle else True,
            timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
            transport=transport,
            follow_redirects=True,
        )

    def _fetch(self, url: str) -> Iterator[bytes]:
        try:
            response = self.client.send(self.client.build_request("GET", url), stream=True)
        except httpx.HTTPError as exc:
            raise tuf_errors.DownloadError(f"{url}: {exc}") from exc
        if response.status_code != 200:
            response.close()
            raise tuf_errors.DownloadHTTPError(
                f"{url}: HTTP {response.status_code}", response.status_code
            )
        return self._chunks(response)

    @staticmethod
    def _chunks(response: httpx.Response) -> Iterator[bytes]:
        try:
            yield from response.iter_bytes(64 * 1024)
        except httpx.HTTPError as exc:
            raise tuf_errors.DownloadError(str(exc)) from exc
        finally:
            response.close()

    def close(self) -> None:
        self.client.close()


def _refusal(error: Exception, *, target: bool) -> UpdateRefused:
    """The problem code of a TUF error; ``target``: raised while downloading a release file."""
    detail = str(error)[:300]
    if isinstance(error, tuf_errors.DownloadError):
        return UpdateRefused("update.unreachable", detail)
    if isinstance(error, tuf_errors.LengthOrHashMismatchError):
        return UpdateRefused("update.tampered" if target else "update.mismatch", detail)
    if isinstance(error, tuf_errors.ExpiredMetadataError):
        return UpdateRefused("update.frozen", detail)
    if isinstance(error, tuf_errors.BadVersionNumberError):
        # "Expected targets v3, got v2": the snapshot names another version than was served.
        mixed = detail.startswith("Expected")
        return UpdateRefused("update.mismatch" if mixed else "update.rollback", detail)
    if isinstance(error, tuf_errors.UnsignedMetadataError):
        return UpdateRefused("update.bad_signature", detail)
    return UpdateRefused("update.refused", detail)


class UpdateSource:
    """One TUF repository (``<url>metadata/`` and ``<url>targets/``) as this till trusts it."""

    def __init__(
        self,
        url: str,
        trusted_root: Path,
        cache: Path,
        *,
        fetcher: FetcherInterface | None = None,
    ) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self.trusted_root = trusted_root
        self.cache = cache
        self.fetcher = fetcher or HttpxFetcher()
        self._checked: Updater | None = None
        """The updater of the last ``latest``: a download reads the metadata it verified."""

    def _updater(self, target_dir: Path | None = None) -> Updater:
        self.cache.mkdir(parents=True, exist_ok=True)
        bootstrap = None
        if not (self.cache / "root.json").exists():
            try:
                bootstrap = self.trusted_root.read_bytes()
            except OSError as exc:
                raise UpdateRefused("update.no_trusted_root", str(exc)) from exc
        return Updater(
            metadata_dir=str(self.cache),
            metadata_base_url=self.url + "metadata/",
            target_base_url=self.url + "targets/",
            target_dir=str(target_dir) if target_dir else None,
            fetcher=self.fetcher,
            bootstrap=bootstrap,
        )

    def latest(self, channel: str, platform_name: str, scratch: Path) -> Release | None:
        """Refresh the metadata and read the newest release; ``None`` when there is none."""
        updater = self._updater(scratch)
        try:
            updater.refresh()
            info = updater.get_targetinfo(f"{channel}/{platform_name}/latest.json")
        except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as exc:
            raise _refusal(exc, target=False) from exc
        if info is None:
            return None
        try:
            pointer = Path(updater.download_target(info, str(scratch / "latest.json")))
        except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as exc:
            raise _refusal(exc, target=True) from exc
        try:
            raw = json.loads(pointer.read_text(encoding="utf-8"))
            release = Release(str(raw["version"]), str(raw["path"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UpdateRefused("update.bad_release", str(exc)) from exc
        version_key(release.version)
        if not release.path.startswith(f"{channel}/{platform_name}/"):
            raise UpdateRefused("update.bad_release", f"{release.path} is not {channel}")
        self._checked = updater
        return release

    def download(self, release: Release, into: Path) -> Path:
        """Download and verify ``release`` into the file ``into``; call after ``latest``."""
        updater = self._checked or self._updater()
        try:
            info = updater.get_targetinfo(release.path)
            if info is None:
                raise UpdateRefused("update.bad_release", f"{release.path} is not signed")
            into.parent.mkdir(parents=True, exist_ok=True)
            return Path(updater.download_target(info, str(into)))
        except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as exc:
            raise _refusal(exc, target=True) from exc
