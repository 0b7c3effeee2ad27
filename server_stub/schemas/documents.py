"""Bodies of the documents tills push besides sales: refunds, shift reports, journal entries."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
)

from server_stub.schemas.common import (
    MAX_AMOUNT,
    QUANTITY_PATTERN,
    ApiModel,
)

SignedAmount = Annotated[StrictInt, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]
"""A money figure whose sign the document's own rules check (with a clearer message)."""


class RefundLineNumbers(BaseModel):
    model_config = ConfigDict(extra="allow")

    line_no: Annotated[StrictInt, Field(ge=1, le=10_000)]
    quantity: Annotated[str, StringConstraints(pattern=QUANTITY_PATTERN)]
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
