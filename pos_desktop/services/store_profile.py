"""The store profile in force, read fresh from storage, and the versions sales were rung under.

The cloud changes the profile under a running till (the sync thread writes it), so nothing may
keep a copy from start-up: each new sale takes a snapshot when it starts (``SaleSession``), and
the documents printed later ask this book. A receipt is printed with the very profile its sale
was rung under (PPN switch, NPWP, header), even when a newer one arrived while the cart was open;
refund slips and shift reports, which belong to no sale's rules, use the profile in force.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from pos_desktop.domain.sale import SaleRecord
from pos_desktop.services.ports import StoreProfile

log = logging.getLogger(__name__)

KEEP_VERSIONS = 16
"""Profiles remembered by version: far more than can change while one cart is open."""


class ProfileBook:
    """Reads go to storage, so call ``current`` and ``for_sale`` on the database thread only;
    the memory of versions is shared safely with any thread."""

    def __init__(self, read: Callable[[], StoreProfile]) -> None:
        self._read = read
        self._lock = threading.Lock()
        self._by_version: dict[int, StoreProfile] = {}
        self._last_version: int | None = None

    def current(self) -> StoreProfile:
        """The profile as stored now; remembered, so a sale that starts with it prints with it."""
        profile = self._read()
        with self._lock:
            if self._last_version is not None and self._last_version != profile.version:
                log.info(
                    "store profile version %d in force (was %d)",
                    profile.version,
                    self._last_version,
                )
            self._last_version = profile.version
            self._by_version[profile.version] = profile
            while len(self._by_version) > KEEP_VERSIONS:
                del self._by_version[min(self._by_version)]
        return profile

    def for_sale(self, sale: SaleRecord) -> StoreProfile:
        """The profile ``sale`` was rung under when this process knew it; otherwise (a reprint
        after a restart, a sale from before versions) the one in force."""
        if sale.profile_version is not None:
            with self._lock:
                known = self._by_version.get(sale.profile_version)
            if known is not None:
                return known
        return self.current()
