"""Idempotency keys of owner-API writes: the answer to a ``POST`` that carried an
``Idempotency-Key``, kept 24 hours so a client that lost the answer can send again safely.

One row per organization, caller (``user:<id>`` or ``key:<id>``) and key. The row is written
*before* the request runs, in its own committed transaction, with ``status`` unset (in
progress): the primary key then lets only one of two identical requests run, however many
workers there are. When the answer is known its status, headers and body are written to the
row; a 5xx answer deletes it instead, leaving the key free for a retry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from server_stub.models.base import ORG, Base

KEY_LENGTH = 255
"""The longest key a client may send (Stripe's limit)."""


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"

    org_id: Mapped[str] = mapped_column(ORG, primary_key=True)
    caller: Mapped[str] = mapped_column(String(40), primary_key=True)
    """``user:<user_id>`` for a person, ``key:<key_id>`` for an API key: keys of one caller
    never collide with another's, even inside one organization."""
    idempotency_key: Mapped[str] = mapped_column(String(KEY_LENGTH), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    """SHA-256 (hex) of the method, path and body: a reused key with another request is 422."""
    created_at: Mapped[datetime]
    """When the key was first seen; the row is replayed until 24 hours after it."""
    locked_at: Mapped[datetime | None]
    """While the first request runs; a crashed worker's row is taken over after a lease."""
    status: Mapped[int | None] = mapped_column(Integer)
    """The stored answer's status; unset while in progress."""
    response_headers: Mapped[list[Any] | None] = mapped_column(JSON)
    """``[[name, value], ...]`` of the headers worth replaying (content type, location)."""
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)

    __table_args__ = (
        ForeignKeyConstraint(["org_id"], ["organizations.org_id"]),
        Index("ix_idempotency_keys_org_id_created_at", "org_id", "created_at"),
    )
