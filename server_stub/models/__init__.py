"""The cloud's tables, one module per area; this package imports them all, so
``Base.metadata`` (what Alembic compares the migrations with) holds every table.

Tenancy rule: every table has an ``org_id`` column and it is the first column of every primary
key, unique key, foreign key and index. That keeps every query of one organization on one index
range, and it is what a distributed PostgreSQL (Citus) needs to shard by tenant: unique
constraints must include the distribution column and co-located foreign keys must join on it.
Rows that belong to no organization (the signing secret, throttling by client address) use the
empty string as their ``org_id``.

Identifiers are made by the server (``uuid4().hex``) rather than by autoincrement: SQLite can
only autoincrement a one-column primary key, and a tenant-leading composite key is the point.
The till's own ids (sale UUIDs, product ids in sale lines) are kept as text.
"""

from server_stub.models.api_keys import ApiKey
from server_stub.models.base import (
    ID,
    NAMING,
    NO_ORG,
    ORG,
    Base,
    UTCDateTime,
    new_id,
)
from server_stub.models.catalog import (
    CatalogTombstone,
    ProductBarcode,
    ProductRow,
    TaxCategoryRow,
)
from server_stub.models.health import TillHealth as TillHealth
from server_stub.models.idempotency import IdempotencyKey
from server_stub.models.resolutions import Resolution as Resolution
from server_stub.models.rollups import (
    RollupCashier,
    RollupHour,
    RollupOrgProduct,
    RollupOrgProductMonth,
    RollupPending,
    RollupProduct,
    RollupProductMonth,
    RollupTender,
)
from server_stub.models.sales import (
    SaleRow,
    StockMovement,
)
from server_stub.models.store_operations import (
    JournalAlert,
    JournalEntryRow,
    RefundLineRow,
    RefundRow,
    ShiftReportRow,
)
from server_stub.models.stores import (
    Device,
    EnrollmentCode,
    StaffMember,
    StaffStore,
    Store,
    StoreProfileVersion,
)
from server_stub.models.tenants import (
    CatalogCounter,
    LoginThrottle,
    Organization,
    RefreshToken,
    ServerSetting,
    User,
)
from server_stub.models.web import RecoveryCode, UserInvite, UserStore, WebSession  # noqa: F401
from server_stub.models.webhooks import WebhookDelivery, WebhookEndpoint, WebhookEvent

__all__ = [
    "ID",
    "NAMING",
    "NO_ORG",
    "ORG",
    "ApiKey",
    "Base",
    "CatalogCounter",
    "CatalogTombstone",
    "Device",
    "EnrollmentCode",
    "IdempotencyKey",
    "JournalAlert",
    "JournalEntryRow",
    "LoginThrottle",
    "Organization",
    "ProductBarcode",
    "ProductRow",
    "RefreshToken",
    "RefundLineRow",
    "RefundRow",
    "RollupCashier",
    "RollupHour",
    "RollupOrgProduct",
    "RollupOrgProductMonth",
    "RollupPending",
    "RollupProduct",
    "RollupProductMonth",
    "RollupTender",
    "SaleRow",
    "ServerSetting",
    "ShiftReportRow",
    "StaffMember",
    "StaffStore",
    "StockMovement",
    "Store",
    "StoreProfileVersion",
    "TaxCategoryRow",
    "UTCDateTime",
    "User",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "new_id",
]
