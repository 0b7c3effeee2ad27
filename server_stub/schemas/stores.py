"""Bodies of stores (the profile a receipt prints), pairing codes and paired tills."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
)

from pos_desktop.domain.store_profile import (
    MAX_RECEIPT_LINE_LENGTH,
    MAX_RECEIPT_LINES,
    banned_phrase,
    normalize_npwp,
)
from server_stub.schemas.common import (
    Address,
    ApiModel,
    Code,
    LongText,
    Name,
    ShortText,
    clean_text,
    json_integer,
)


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
    receipt_header: ReceiptLines = []  # noqa: RUF012 - pydantic copies field defaults
    """Lines printed under the store's name and address."""
    receipt_footer: ReceiptLines = []  # noqa: RUF012 - pydantic copies field defaults
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
