"""The sync thread's update step: check now and then, download and stage, apply between shifts.

After each completed sync round the worker calls ``maybe_run``. At most every ``interval_s``
it asks the repository (``source.py``) for the newest release of this till's channel and
platform; a newer one, not refused here before, is downloaded and verified in the background
into ``state/staging``. Whenever a release is staged and no shift is open it is applied
(``apply.py``), so a till that closes its shift takes it at the next round, and one started
with no shift open takes it at once; while a shift is open it waits, and says so.

Every change of state goes to ``on_status`` (called on the sync thread; the status bar's Qt
bridge re-emits it). A refusal of the repository's answer (``update.*``) is shown until a
later check succeeds; an unreachable repository is only logged, the sync status says offline.
With no ``trusted-root.json`` (a package built without the operator's root) updates are off:
nothing is asked, nothing is shown.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pos_desktop.updates.apply import apply_staged
from pos_desktop.updates.layout import InstallLayout
from pos_desktop.updates.source import Release, UpdateRefused, UpdateSource, version_key
from pos_desktop.updates.status import UpdateState, UpdateStatus

log = logging.getLogger(__name__)

CHECK_INTERVAL_S = 6 * 3600.0
RETRY_INTERVAL_S = 900.0
"""After a failed check: sooner than the next regular one, never every sync round."""


@dataclass(frozen=True, slots=True)
class Staged:
    version: str
    archive: Path


class UpdateTask:
    def __init__(
        self,
        layout: InstallLayout,
        running: str,
        source: Callable[[], UpdateSource | None],
        *,
        platform: str,
        shift_open: Callable[[], bool],
        backup: Callable[[str], Path],
        schema: Callable[[], str | None],
        monotonic: Callable[[], float],
        on_status: Callable[[UpdateStatus], None] | None = None,
        status: UpdateStatus | None = None,
        interval_s: float = CHECK_INTERVAL_S,
    ) -> None:
        self.layout = layout
        self.running = running
        self.source = source
        """The repository to ask (``None`` while the till is not paired and has no URL)."""
        self.platform = platform
        self.shift_open = shift_open
        self.backup = backup
        self.schema = schema
        self.monotonic = monotonic
        self.on_status = on_status
        self.status = status or UpdateStatus()
        self.interval_s = interval_s
        self._next_check: float | None = None

    # -- the step ------------------------------------------------------------------------------

    def maybe_run(self) -> UpdateStatus:
        """One step on the sync thread; never raises (an update never stops the sales' sync)."""
        try:
            self._step()
        except UpdateRefused as exc:
            self._refused(exc)
        except Exception:
            log.exception("update step failed")
            self._next_check = self.monotonic() + RETRY_INTERVAL_S
        return self.status

    def _step(self) -> None:
        if self.status.state is UpdateState.INSTALLED:
            return  # the switch is made; nothing more until the till restarts
        if self._next_check is None or self.monotonic() >= self._next_check:
            self._next_check = self.monotonic() + self.interval_s
            self._check()
        staged = self.staged()
        if staged is None:
            return
        if self.shift_open():
            self._publish(UpdateStatus(UpdateState.READY, staged.version))
            return
        apply_staged(
            self.layout, staged.version, staged.archive, backup=self.backup, schema=self.schema
        )
        self._clear_staging()
        self._publish(UpdateStatus(UpdateState.INSTALLED, staged.version))

    def _check(self) -> None:
        if not self.layout.trusted_root.is_file():
            # Not a refusal: a till installed without the operator's root has updates off.
            log.info("updates are off: no trusted root at %s", self.layout.trusted_root)
            return
        source = self.source()
        if source is None:
            return
        channel = self.layout.settings().channel
        self.layout.staging.mkdir(parents=True, exist_ok=True)
        release = source.latest(channel, self.platform, self.layout.staging)
        if release is None or not self._wanted(release):
            if self.status.state is UpdateState.REFUSED:
                self._publish(UpdateStatus())
            return
        staged = self.staged()
        if staged is not None and staged.version == release.version:
            return
        self._publish(replace(self.status, problem=None))
        partial = self.layout.staging / f".{release.version}.partial"
        archive = source.download(release, partial)
        final = self.layout.staging / f"pos-desktop-{release.version}.tar.gz"
        os.replace(archive, final)
        record = {"version": release.version, "archive": final.name}
        (self.layout.staging / "staged.json").write_text(json.dumps(record), encoding="utf-8")
        log.info("update %s downloaded, verified and staged", release.version)
        self._publish(UpdateStatus(UpdateState.READY, release.version))

    def _wanted(self, release: Release) -> bool:
        if version_key(release.version) <= version_key(self.running):
            if version_key(release.version) < version_key(self.running):
                log.warning(
                    "the repository's newest is %s, older than %s; staying",
                    release.version,
                    self.running,
                )
            return False
        if release.version in self.layout.refused_versions():
            log.info("%s failed to start here before; waiting for a newer one", release.version)
            return False
        return True

    # -- staging -------------------------------------------------------------------------------

    def staged(self) -> Staged | None:
        record = self.layout.staging / "staged.json"
        try:
            raw = json.loads(record.read_text(encoding="utf-8"))
            staged = Staged(str(raw["version"]), self.layout.staging / str(raw["archive"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return staged if staged.archive.is_file() else None

    def _clear_staging(self) -> None:
        for path in self.layout.staging.iterdir():
            if path.is_file():
                path.unlink()

    # -- reporting -----------------------------------------------------------------------------

    def _refused(self, error: UpdateRefused) -> None:
        self._next_check = self.monotonic() + RETRY_INTERVAL_S
        if error.code == "update.unreachable":
            log.info("update repository unreachable: %s", error.detail)
            return
        log.error("update refused: %s", error)
        self._publish(UpdateStatus(UpdateState.REFUSED, self.status.version, error.code))

    def _publish(self, status: UpdateStatus) -> None:
        if status == self.status:
            return
        self.status = status
        if self.on_status is not None:
            try:
                self.on_status(status)
            except Exception:
                log.exception("update status listener failed")
