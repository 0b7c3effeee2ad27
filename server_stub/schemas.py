"""Request and response bodies of the HTTP API (pydantic), which also make the OpenAPI document.

Text fields refuse NUL characters and unpaired surrogates: PostgreSQL cannot store the first and
UTF-8 cannot encode the second, and either would otherwise surface as a server error.
Integers are JSON integers only (``StrictInt``: lax parsing read ``"1000"`` and ``true`` as
prices) with bounds that fit their column on both databases (``Int32``, ``Int64``), so an
out-of-range number is a 422, never a database error.
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    field_validator,
)

from pos_desktop.domain.cart import MAX_QUANTITY, MAX_UNIT_PRICE
from pos_desktop.domain.payments import MAX_TENDER, TenderKind
from pos_desktop.domain.store_profile import (
    MAX_RECEIPT_LINE_LENGTH,
    MAX_RECEIPT_LINES,
    banned_phrase,
    normalize_npwp,
)
from pos_desktop.domain.tax import TaxKind

MAX_AMOUNT = 10**15
"""Bound on any money amount in a sale: far above any real receipt, far below a BIGINT."""


def clean_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    return value


CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_\-]*$"

Code = Annotated[str, StringConstraints(min_length=1, max_length=16, pattern=CODE_PATTERN)]
"""Store, till and tax category codes: short, ASCII, safe in URLs and file names."""
Sku = Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(clean_text)]
Barcode = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[ -~]+$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(clean_text)]
ShortText = Annotated[str, StringConstraints(max_length=64), AfterValidator(clean_text)]
LongText = Annotated[str, StringConstraints(max_length=200), AfterValidator(clean_text)]
Address = Annotated[str, StringConstraints(max_length=500), AfterValidator(clean_text)]
Unit = Annotated[str, StringConstraints(min_length=1, max_length=16), AfterValidator(clean_text)]
Email = Annotated[
    str,
    StringConstraints(
        min_length=3, max_length=254, pattern=r"^[^@\s\x00]+@[^@\s\x00]+$", to_lower=True
    ),
]
PRODUCT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"
ProductId = Annotated[str, StringConstraints(pattern=PRODUCT_ID_PATTERN)]
INT32_MAX = 2**31 - 1
"""Largest value of an ``Integer`` column on PostgreSQL (SQLite's hold more)."""
INT64_MAX = 2**63 - 1
"""Largest value of a ``BigInteger`` column, and of any SQLite integer: beyond it SQLite cannot
even bind the parameter, so an unbounded integer in a request was a server error."""

Int32 = Annotated[StrictInt, Field(ge=-INT32_MAX - 1, le=INT32_MAX)]
"""A JSON integer (never ``"12"``, ``12.0`` or ``true``) that fits an ``Integer`` column."""
Int64 = Annotated[StrictInt, Field(ge=-INT64_MAX - 1, le=INT64_MAX)]
"""A JSON integer that fits a ``BigInteger`` column."""
Price = Annotated[StrictInt, Field(ge=0, le=MAX_UNIT_PRICE)]
"""Whole rupiah, a JSON integer: ``"1000"`` and ``true`` are refused, not read as 1000 and 1."""
Amount = Annotated[StrictInt, Field(ge=0, le=MAX_AMOUNT)]


def json_integer(value: Any) -> Any:
    """Refuse what lax validation turns into an integer (``"100"``, ``100.0``, ``true``); for
    integer enums, which cannot be declared strict when FastAPI validates in Python mode."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a JSON integer")
    return value


class Role(enum.StrEnum):
    OWNER = "owner"
    MANAGER = "manager"


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- health, auth ---------------------------------------------------------------------------


class Status(BaseModel):
    status: str


class LoginIn(ApiModel):
    email: Email
    password: Annotated[
        str, StringConstraints(min_length=1, max_length=1024), AfterValidator(clean_text)
    ]
    totp: Annotated[str, StringConstraints(min_length=1, max_length=16)]
    org_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")] | None = None
    """Optional: speeds the lookup and disambiguates; e-mails are unique across organizations."""


class TokenPair(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - a scheme name, not a secret
    expires_in: int
    refresh_token: str
    refresh_expires_in: int


class RefreshIn(ApiModel):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=300)]


class MeOut(BaseModel):
    user_id: str
    org_id: str
    org_name: str
    email: str
    role: str


class UserIn(ApiModel):
    email: Email
    password: Annotated[
        str, StringConstraints(min_length=10, max_length=1024), AfterValidator(clean_text)
    ]
    role: Role = Role.MANAGER


class UserOut(BaseModel):
    user_id: str
    email: str
    role: str
    active: bool


class UserCreated(UserOut):
    totp_secret: str
    otpauth_uri: str


# -- stores, tills, pairing -----------------------------------------------------------------


class RoundingStep(enum.IntEnum):
    NONE = 0
    R100 = 100
    R500 = 500
    R1000 = 1000


def _lawful(value: str) -> str:
    """Receipt text must not carry the clause consumer law bans (UU 8/1999 Pasal 18)."""
    phrase = banned_phrase(value.splitlines())
    if phrase is not None:
        raise ValueError(f"receipt text must not say {phrase!r} (UU 8/1999 Pasal 18)")
    return value


def _printable(value: str) -> str:
    """A receipt line: lawful and one line, so it prints as the owner typed it."""
    _lawful(value)
    if any(ord(c) < 32 for c in value):
        raise ValueError("receipt text must be one line without control characters")
    return value


Npwp = Annotated[
    str,
    StringConstraints(max_length=32),
    AfterValidator(clean_text),
    AfterValidator(normalize_npwp),
]
"""15 or 16 digits; dots, dashes and spaces as typed are allowed and dropped."""
Phone = Annotated[str, StringConstraints(max_length=32, pattern=r"^[0-9+() .\-]*$")]
ReceiptLine = Annotated[
    str,
    StringConstraints(max_length=MAX_RECEIPT_LINE_LENGTH),
    AfterValidator(clean_text),
    AfterValidator(_printable),
]
ReceiptLines = Annotated[list[ReceiptLine], Field(max_length=MAX_RECEIPT_LINES)]
StoreAddress = Annotated[Address, AfterValidator(_lawful)]
"""Printed under the store's name, one receipt line per line."""


StrictRoundingStep = Annotated[RoundingStep, BeforeValidator(json_integer)]


class StoreIn(ApiModel):
    code: Code
    name: Name
    address: StoreAddress = ""
    legal_name: LongText = ""
    """The registered name (``PT ...``, ``CV ...``) a tax invoice names as the seller."""
    npwp: Npwp = ""
    phone: Phone = ""
    receipt_header: ReceiptLines = []
    """Lines printed under the store's name and address."""
    receipt_footer: ReceiptLines = []
    ppn_enabled: bool = False
    prices_include_tax: bool = True
    rounding_step: StrictRoundingStep = RoundingStep.R100

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "S01",
                    "name": "Toko Maju Jaya",
                    "address": "Jl. Merdeka No. 10\nBandung 40111",
                    "legal_name": "PT Maju Jaya Sejahtera",
                    "npwp": "01.234.567.8-901.000",
                    "phone": "022-1234567",
                    "receipt_header": ["Buka setiap hari 07.00-22.00"],
                    "receipt_footer": ["Terima kasih atas kunjungan Anda"],
                    "ppn_enabled": True,
                    "prices_include_tax": True,
                    "rounding_step": 100,
                }
            ]
        },
    )


class StorePatch(ApiModel):
    """Only the fields sent change; a change the tills apply bumps ``profile_version``."""

    name: Name | None = None
    address: StoreAddress | None = None
    legal_name: LongText | None = None
    npwp: Npwp | None = None
    phone: Phone | None = None
    receipt_header: ReceiptLines | None = None
    receipt_footer: ReceiptLines | None = None
    ppn_enabled: bool | None = None
    prices_include_tax: bool | None = None
    rounding_step: StrictRoundingStep | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"npwp": "0123456789012345", "ppn_enabled": True, "prices_include_tax": False}
            ]
        },
    )


class StoreOut(BaseModel):
    store_id: str
    code: str
    name: str
    address: str
    legal_name: str
    npwp: str
    """Digits only, as stored."""
    phone: str
    receipt_header: list[str]
    receipt_footer: list[str]
    currency: str
    ppn_enabled: bool
    prices_include_tax: bool
    rounding_step: int
    profile_version: int
    """Bumped by every change a till applies; each sale names the version it was rung under."""
    profile_updated_at: datetime | None


class EnrollmentCodeIn(ApiModel):
    till_code: Code | None = None
    """Reserve the code for this till slot (``T01``); otherwise the till names one or gets the
    next free one."""
    ttl_minutes: Annotated[StrictInt, Field(ge=1, le=24 * 60)] = 15
    replace_existing: bool = False
    """Pairing with this code revokes the device that holds ``till_code`` now (a replaced PC)."""


class EnrollmentCodeOut(BaseModel):
    code: str
    """Shown to the person at the till as ``XXXX-XXXX``; case and dash do not matter."""
    store_code: str
    till_code: str | None
    expires_at: datetime


class EnrollIn(ApiModel):
    code: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    till_code: Code | None = None
    name: ShortText = ""


class EnrollOut(BaseModel):
    device_id: str
    device_secret: str
    """Shown once. The till sends ``Authorization: Bearer <device_id>.<device_secret>``."""
    org_id: str
    org_name: str
    store_code: str
    store_name: str
    till_code: str


class DeviceOut(BaseModel):
    device_id: str
    store_code: str
    till_code: str
    name: str
    created_at: datetime
    last_sync_at: datetime | None
    revoked_at: datetime | None


class DeviceMe(BaseModel):
    device_id: str
    org_id: str
    org_name: str
    till_code: str
    store: StoreOut


class TillCounters(BaseModel):
    """How far the calling till's numbering got in the cloud."""

    till_code: str
    last_receipt_no: str | None = Field(
        description="The till's receipt number issued last (latest series, highest number)",
        examples=["S01-T01-000042"],
    )
    last_journal_seq: int | None = Field(
        description="The highest audit-journal sequence number the till sent", examples=[97]
    )


# -- catalog --------------------------------------------------------------------------------


class TaxCategoryIn(ApiModel):
    name: Name
    kind: TaxKind
    rate_bp: Annotated[StrictInt, Field(ge=0, le=10_000)] = 0
    base_numerator: Annotated[StrictInt, Field(ge=1, le=1000)] = 1
    base_denominator: Annotated[StrictInt, Field(ge=1, le=1000)] = 1


class TaxCategoryOut(BaseModel):
    code: str
    name: str
    kind: str
    rate_bp: int
    base_numerator: int
    base_denominator: int
    seq: int


class ProductIn(ApiModel):
    id: ProductId | None = None
    """Leave out to let the server choose; set it to keep an ERP's or the till's own ids."""
    sku: Sku
    name: Name
    category: LongText = ""
    price: Price
    tax_code: Code = "EXEMPT"
    barcodes: Annotated[list[Barcode], Field(max_length=20)] = []
    sold_by_weight: bool = False
    unit: Unit = "pcs"
    in_store_code: Code | None = None
    active: bool = True


class ProductPatch(ApiModel):
    sku: Sku | None = None
    name: Name | None = None
    category: LongText | None = None
    price: Price | None = None
    tax_code: Code | None = None
    barcodes: Annotated[list[Barcode], Field(max_length=20)] | None = None
    sold_by_weight: bool | None = None
    unit: Unit | None = None
    in_store_code: Code | None = None
    active: bool | None = None


class ProductOut(BaseModel):
    id: str
    sku: str
    name: str
    category: str
    price: int
    tax_code: str
    barcodes: list[str]
    sold_by_weight: bool
    unit: str
    in_store_code: str | None
    active: bool
    seq: int


class ProductPage(BaseModel):
    items: list[ProductOut]
    next_cursor: str | None


class ImportResult(BaseModel):
    created: int
    updated: int
    unchanged: int


class Tombstone(BaseModel):
    seq: int
    kind: Literal["product", "tax_category"]
    id: str
    """Product id, or tax category code."""


StaffRole = Literal["cashier", "supervisor", "manager"]
"""What a member does at the tills (the values of ``pos_desktop.domain.permissions.Role``): the
owner API, ``pos-server admin create-staff`` and the feed all take this one list."""


class StaffChange(BaseModel):
    """A staff member as the asking till's store sees them.

    ``active`` is true only when the member is active and works in that store, and only then
    does ``pin_verifier`` (an argon2id hash; never a PIN) come with it: a till never receives
    the verifier of someone who does not work there.
    """

    id: str
    name: str
    role: StaffRole
    active: bool
    pin_verifier: str | None
    seq: int


class CatalogPage(BaseModel):
    """One page of catalog changes with ``cursor < seq <= next_cursor``.

    Apply tombstones, then tax categories, then products, then staff, each in ``seq`` order;
    then store ``next_cursor`` (in the same transaction) and ask again while ``has_more``.
    """

    products: list[ProductOut]
    tax_categories: list[TaxCategoryOut]
    tombstones: list[Tombstone]
    staff: list[StaffChange] = []
    next_cursor: str
    has_more: bool


# -- sales ----------------------------------------------------------------------------------

CLEAN_TEXT_PATTERN = r"^[^\x00]*$"
"""``clean_text`` done by pydantic-core: the pattern refuses NUL, and matching it needs valid
Unicode, so an unpaired surrogate is refused too. Sale documents use it because a batch carries
thousands of text fields and a Python validator per field was a tenth of the ingest time."""
SaleShortText = Annotated[str, StringConstraints(max_length=64, pattern=CLEAN_TEXT_PATTERN)]
SaleLongText = Annotated[str, StringConstraints(max_length=200, pattern=CLEAN_TEXT_PATTERN)]

_QUANTITY = re.compile(r"^[0-9]{1,4}(\.[0-9]{1,3})?$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class SaleLineIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    line_no: Annotated[StrictInt, Field(ge=1, le=10_000)]
    product_id: Annotated[
        str, StringConstraints(min_length=1, max_length=64, pattern=CLEAN_TEXT_PATTERN)
    ]
    sku: SaleShortText
    barcode: SaleShortText = ""
    name: SaleLongText
    quantity: Annotated[str, StringConstraints(pattern=_QUANTITY.pattern)]
    """Decimal string, up to three decimals, more than 0 and at most 9999."""
    unit: Annotated[str, StringConstraints(max_length=16, pattern=CLEAN_TEXT_PATTERN)] = "pcs"
    unit_price: Annotated[StrictInt, Field(ge=0, le=MAX_UNIT_PRICE)]
    gross: Amount
    line_discount: Amount
    order_discount: Amount
    net: Amount
    tax_code: Code

    @field_validator("quantity")
    @classmethod
    def _positive(cls, value: str) -> str:
        try:
            quantity = Decimal(value)
        except InvalidOperation:
            raise ValueError("quantity is not a number") from None
        if quantity <= 0 or quantity > MAX_QUANTITY:
            raise ValueError(f"quantity must be more than 0 and at most {MAX_QUANTITY}")
        return value


class SaleTaxIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: Code
    name: SaleLongText
    rate_bp: Annotated[StrictInt, Field(ge=0, le=10_000)]
    base: Amount
    tax: Amount
    included: StrictBool


class SaleTenderIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: TenderKind
    amount: Annotated[StrictInt, Field(ge=1, le=MAX_TENDER)]
    approval_code: SaleShortText = ""
    card_last4: SaleShortText = ""
    reference: SaleShortText = ""
    provider: SaleShortText = ""


class SaleIn(BaseModel):
    """A sale exactly as ``pos_desktop.domain.sale.SaleRecord.to_json()`` makes it."""

    model_config = ConfigDict(extra="allow")

    schema_: Annotated[Literal[1], Field(alias="schema")]
    sale_id: Annotated[str, StringConstraints(pattern=_UUID.pattern)]
    """Lower-case UUID made by the till: the idempotency key."""
    receipt_no: Annotated[
        str, StringConstraints(min_length=1, max_length=64, pattern=CLEAN_TEXT_PATTERN)
    ]
    store_code: Code
    till_code: Code
    sold_at: Annotated[str, StringConstraints(min_length=10, max_length=40)]
    """ISO 8601 with the till's UTC offset."""
    cashier_code: SaleShortText
    cashier_name: SaleLongText = ""
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    prices_include_tax: StrictBool
    lines: Annotated[list[SaleLineIn], Field(min_length=1, max_length=1000)]
    subtotal: Amount
    line_discounts: Amount
    order_discount: Amount
    taxes: Annotated[list[SaleTaxIn], Field(max_length=20)]
    tax_added: Amount
    tax_included: Amount
    rounding: Annotated[StrictInt, Field(ge=-1_000_000, le=1_000_000)]
    total: Amount
    tenders: Annotated[list[SaleTenderIn], Field(max_length=50)]
    change: Amount
    profile_version: Annotated[StrictInt, Field(ge=1, le=INT32_MAX)] | None = None
    """The store-profile version the till rang the sale under; absent from older tills."""

    @field_validator("sold_at")
    @classmethod
    def _aware(cls, value: str) -> str:
        parsed = parse_sold_at(value)
        if parsed is None:
            raise ValueError("sold_at must be an ISO 8601 time with a UTC offset, 1970-2200")
        return value

    @field_validator("lines")
    @classmethod
    def _distinct_line_numbers(cls, lines: list[SaleLineIn]) -> list[SaleLineIn]:
        if len({ln.line_no for ln in lines}) != len(lines):
            raise ValueError("line numbers must be distinct")
        return lines


def validation_reason(exc: ValidationError, *, whole: str = "", most: int = 1) -> str:
    """``where: message`` of the first ``most`` errors, ``; ``-joined: why a document pushed by
    a till (or a CSV row) was refused, in its own answer. ``whole`` names the document where an
    error is about all of it (an empty location)."""
    parts = []
    for err in exc.errors()[:most]:
        where = ".".join(str(p) for p in err["loc"]) or whole
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def parse_sold_at(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return None
    if not 1970 <= parsed.year <= 2200:
        return None
    return parsed


class SalesBatchIn(ApiModel):
    sales: list[Any]
    """Each item is a ``Sale`` document; each is checked on its own, so one bad sale is
    rejected in its result and never blocks the others. At most ``max_batch`` items (413)."""
    sent_at: Annotated[str, StringConstraints(max_length=40)] | None = None
    """The till's clock when it sent the batch (ISO 8601 with offset); lets the server measure
    clock skew even for sales made offline hours ago."""


class SaleAck(BaseModel):
    sale_id: str | None
    status: Literal["accepted", "duplicate", "conflict", "rejected"]
    reason: str | None = None
    flags: list[str] = []


class SalesBatchOut(BaseModel):
    results: list[SaleAck]


class SaleSummary(BaseModel):
    sale_id: str
    store_code: str
    till_code: str
    receipt_no: str
    cashier_code: str
    sold_at: datetime
    business_day: date
    received_at: datetime
    currency: str
    subtotal: int
    discount_total: int
    tax_total: int
    rounding: int
    total: int
    line_count: int
    flags: list[str]


class SaleDetail(SaleSummary):
    flag_details: dict[str, Any]
    sale: dict[str, Any]
    """The document the till sent, byte for byte in meaning (canonical JSON)."""


class SalePage(BaseModel):
    items: list[SaleSummary]
    next_cursor: str | None


class DayTotal(BaseModel):
    day: date
    store_code: str
    sales: int
    total: int
    tax_total: int
    discount_total: int


class DailyTotals(BaseModel):
    days: list[DayTotal]


# -- stock ----------------------------------------------------------------------------------


class StockLevel(BaseModel):
    product_id: str
    sku: str | None
    name: str | None
    quantity: str
    """Decimal string (three decimals at most)."""
    quantity_milli: int


class StockLevels(BaseModel):
    store_code: str
    levels: list[StockLevel]


class StockReason(enum.StrEnum):
    RECEIVE = "receive"
    ADJUST = "adjust"
    RETURN = "return"


class StockMovementIn(ApiModel):
    store_code: Code
    product_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    quantity: Annotated[str, StringConstraints(pattern=r"^-?[0-9]{1,7}(\.[0-9]{1,3})?$")]
    """Signed decimal string: positive adds stock (goods received), negative removes it."""
    reason: StockReason = StockReason.ADJUST
    ref: ShortText = ""

    @field_validator("product_id")
    @classmethod
    def _text(cls, value: str) -> str:
        return clean_text(value)


class StockMovementOut(BaseModel):
    movement_id: str
    store_code: str
    product_id: str
    quantity_milli: int
    reason: str


class ProblemOut(BaseModel):
    """RFC 9457 problem details, the body of every error."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    code: str
    detail: str | None = None
    instance: str | None = None


# -- store operations: documents tills push besides sales -----------------------------------


SignedAmount = Annotated[StrictInt, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]
"""A money figure whose sign the document's own rules check (with a clearer message)."""


class RefundLineNumbers(BaseModel):
    model_config = ConfigDict(extra="allow")

    line_no: Annotated[StrictInt, Field(ge=1, le=10_000)]
    quantity: Annotated[str, StringConstraints(pattern=_QUANTITY.pattern)]
    amount: SignedAmount
    tax: SignedAmount = 0


class RefundTenderNumbers(BaseModel):
    model_config = ConfigDict(extra="allow")

    amount: SignedAmount


class RefundNumbers(BaseModel):
    """The numbers of a refund document as the till writes them: money as JSON integers,
    quantities as decimal strings. Checked before the domain reads the document, whose ``int()``
    took ``"1000"`` as 1000 and ``true`` as 1; the document itself is kept as sent."""

    model_config = ConfigDict(extra="allow")

    lines: list[RefundLineNumbers]
    subtotal: SignedAmount
    tax_added: SignedAmount = 0
    tax_included: SignedAmount = 0
    rounding: Annotated[StrictInt, Field(ge=-1_000_000, le=1_000_000)] = 0
    total: SignedAmount
    tenders: list[RefundTenderNumbers] = []


class DocumentBatchIn(ApiModel):
    documents: list[Any]
    """Refunds, shift reports or journal entries, as the till stored them; each is checked on
    its own and answered in its own result. At most ``max_batch`` items (413)."""
    sent_at: Annotated[str, StringConstraints(max_length=40)] | None = None


class DocumentAck(BaseModel):
    id: str | None
    """The document's own id (refund id, report id, or the journal entry's sequence number)."""
    status: Literal["accepted", "duplicate", "conflict", "rejected"]
    reason: str | None = None
    flags: list[str] = []


class DocumentBatchOut(BaseModel):
    results: list[DocumentAck]


class JournalAlertOut(BaseModel):
    journal_id: str
    store_code: str
    till_code: str
    seq: int
    kind: str
    """``gap``, ``break``, ``tampered`` or ``conflict``."""
    detail: str
    detected_at: datetime


class JournalEntryOut(BaseModel):
    journal_id: str
    store_code: str
    till_code: str
    seq: int
    kind: str
    at: str
    actor: str
    approver: str | None
    data: str
    """The entry's JSON data as the till hashed it."""
    hash: str
