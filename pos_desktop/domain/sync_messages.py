"""What the cloud tells a till in sync, as plain values: catalog pages, the store, answers.

The sync layer reads them from the cloud's JSON (``sync/wire.py``, called by ``sync/client.py``)
and the till's database applies them (``localdb.catalog_sync``, ``localdb.staff``,
``localdb.outbox``). They live in the domain so that neither side defines them for the other:
storage never imports the sync layer, and the HTTP client never imports storage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CloudTaxCategory:
    code: str
    name: str
    kind: str
    rate_bp: int
    base_numerator: int
    base_denominator: int
    seq: int


@dataclass(frozen=True, slots=True)
class CloudProduct:
    id: str
    sku: str
    name: str
    category: str
    price: int
    tax_code: str
    barcodes: tuple[str, ...]
    sold_by_weight: bool
    unit: str
    in_store_code: str | None
    active: bool
    seq: int


@dataclass(frozen=True, slots=True)
class CloudTombstone:
    seq: int
    kind: str
    """``product`` or ``tax_category``."""
    id: str


@dataclass(frozen=True, slots=True)
class CloudStaff:
    """A staff member as the cloud's feed describes them to this till's store."""

    id: str
    name: str
    role: str
    active: bool
    """Active and working in this till's store."""
    pin_verifier: str | None
    """argon2id hash; ``None`` unless ``active``."""
    seq: int


@dataclass(frozen=True, slots=True)
class CatalogPage:
    products: Sequence[CloudProduct]
    tax_categories: Sequence[CloudTaxCategory]
    tombstones: Sequence[CloudTombstone]
    next_cursor: str
    has_more: bool
    staff: Sequence[CloudStaff] = ()
    """Staff as this till's store sees them (``localdb.staff.apply_cloud_staff``)."""


@dataclass(frozen=True, slots=True)
class CloudStore:
    """The store as ``GET /v1/devices/me`` describes it.

    ``None`` means the cloud did not say (a server from before the full profile): the till keeps
    what it has.
    """

    store_code: str
    till_code: str
    name: str
    address: str
    currency: str
    ppn_enabled: bool
    prices_include_tax: bool
    rounding_step: int
    legal_name: str | None = None
    npwp: str | None = None
    phone: str | None = None
    receipt_header: tuple[str, ...] | None = None
    receipt_footer: tuple[str, ...] | None = None
    profile_version: int | None = None


@dataclass(frozen=True, slots=True)
class Ack:
    """The server's answer for one sale of a batch (or one refund, shift report, journal entry
    or PIN change: ``sale_id`` then holds that document's id)."""

    sale_id: str | None
    status: str
    reason: str | None = None
    flags: tuple[str, ...] = ()
