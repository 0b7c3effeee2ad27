"""The sync thread's check that the cloud still holds what this till delivered.

A cloud restored from a backup has forgotten the sales, documents and journal entries it
acknowledged after that backup; the till learns it from the cloud's counters for this till
(``GET /v1/devices/me/counters``) and queues them again (``localdb.cloud_loss``). The thread asks
on its first round and then once a minute (``CloudLossCheck``), so a till that keeps running
through the cloud's restore catches up without a restart, at one small request a minute.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb import cloud_loss
from pos_desktop.localdb.numbering import CloudMarks
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.sync.client import Refused
from pos_desktop.sync.counters import fetch_cloud_marks
from pos_desktop.sync.engine import SyncEngine

log = logging.getLogger(__name__)


def resend_what_the_cloud_lost(
    engine: SyncEngine, handled: CloudMarks | None = None
) -> CloudMarks | None:
    """Queue again what the cloud no longer holds; returns the cloud's marks it acted on
    (``None`` once the cloud holds everything), which the caller hands back next time.

    The same marks seen again after a requeue mean that sending again did not move the cloud
    (it refuses an entry rather than storing it): the till then leaves the queue alone instead
    of sending the same things every round. Raises ``CloudError`` like any request of the
    round, except a refusal (an older cloud without the counters): then there is nothing to
    compare with.
    """
    sessions = engine.sessions
    try:
        marks = fetch_cloud_marks(engine.client)
    except Refused as exc:
        log.info("cannot compare with the cloud's counters (%s)", exc)
        return handled
    if marks == handled:
        log.debug("the cloud still lacks what this till sent again; not sending it again")
        return handled
    try:
        with read_session(sessions, "cloud loss check") as session:
            if not cloud_loss.cloud_lost(session, marks):
                return None
        with write_session(sessions, "cloud loss requeue") as session:
            if not cloud_loss.cloud_lost(session, marks):
                return None
            cloud_loss.requeue(session, marks)
    except UserError:  # a till with no store yet has sent nothing
        return handled
    return marks


@dataclass
class CloudLossCheck:
    """The sync thread's schedule for ``resend_what_the_cloud_lost``: its first round, then at
    most every ``interval_s`` (on the thread's monotonic clock)."""

    interval_s: float = 60.0
    handled: CloudMarks | None = None
    next_at: float | None = None

    def run(self, engine: SyncEngine, now: float) -> None:
        if self.next_at is not None and now < self.next_at:
            return
        self.handled = resend_what_the_cloud_lost(engine, self.handled)
        self.next_at = now + self.interval_s
