"""What the services need from storage, as Protocols the ``localdb`` package implements.

Keeping the services on these small interfaces lets tests and the UI run against in-memory fakes
and keeps SQL out of the use cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pos_desktop.domain.cart import Product
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.tax import TaxSettings


@dataclass(frozen=True, slots=True)
class StaffMember:
    user_id: int
    code: str
    name: str
    role: str
    """A ``domain.permissions.Role`` value, as stored."""


@dataclass(frozen=True, slots=True)
class LoginResult:
    """Outcome of a PIN attempt; ``locked_until`` is set when the account is in lockout."""

    user: StaffMember | None
    locked_until: datetime | None = None
    failed_attempts: int = 0


@dataclass(frozen=True, slots=True)
class StoreProfile:
    """Store identity and store-wide rules, kept in the till's database and fed by the cloud.

    A sale keeps the profile it started with (``SaleSession``) and records its ``version``.
    """

    store_code: str
    till_code: str
    name: str
    address_lines: tuple[str, ...]
    npwp: str
    phone: str
    footer_lines: tuple[str, ...]
    currency: str
    tax: TaxSettings
    rounding_step: int
    legal_name: str = ""
    """The registered seller (``PT ...``) a tax invoice names, when it differs from ``name``."""
    header_lines: tuple[str, ...] = ()
    """The owner's lines printed under the store's name and address."""
    version: int = 0
    """The cloud's version of this profile; 0 for one the cloud never sent (demo, tests)."""


class CatalogReader(Protocol):
    def product_by_code(self, code: str) -> Product | None:
        """By normalized barcode, then in-store item code, then SKU; ``None`` when unknown."""

    def search(self, text: str, limit: int = 50) -> Sequence[Product]:
        """Products whose name, SKU or barcode matches ``text`` as typed (incremental search)."""


class StaffDirectory(Protocol):
    def active_staff(self) -> Sequence[StaffMember]: ...

    def verify_pin(self, user_id: int, pin: str, now: datetime) -> LoginResult:
        """Check a PIN with lockout: repeated failures lock the account for growing periods."""


class SaleJournal(Protocol):
    def commit_sale(self, make: Callable[[str], SaleRecord]) -> SaleRecord:
        """Allocate the next receipt number and store the sale made by ``make(receipt_no)``,
        its lines, tenders and outbox row in one durable transaction; all or nothing.

        Receipt numbers come from a per-till counter incremented in the same transaction, so they
        are unique and gap-free: a failed commit rolls the counter back with the sale.
        """

    def recent_sales(self, limit: int = 20) -> Sequence[SaleRecord]: ...

    def sale_by_receipt(self, receipt_no: str) -> SaleRecord | None: ...


class StoreSettings(Protocol):
    def store_profile(self) -> StoreProfile: ...
