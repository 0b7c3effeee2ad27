"""Signing as the Standard Webhooks specification has it (https://www.standardwebhooks.com).

A secret is ``whsec_`` and the base64 of 32 random bytes (the spec asks for 24 to 64). The
signature of one delivery attempt is ``v1,`` and the base64 HMAC-SHA256, keyed with the secret's
bytes, of ``<webhook-id>.<webhook-timestamp>.<body>``; during a rotation the header carries one
signature per valid secret, separated by spaces, and a receiver accepts any one it can check.

``verify`` is the receiver's side, for tests and for integrators who copy it: it checks the
timestamp is within five minutes (a replayed request is refused) and compares in constant time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final

SECRET_PREFIX: Final = "whsec_"  # noqa: S105 - the prefix, not a secret
SECRET_BYTES: Final = 32
SIGNATURE_VERSION: Final = "v1"
TOLERANCE_S: Final = 5 * 60
"""How far a webhook-timestamp may be from the receiver's clock (the spec's five minutes)."""

HEADER_ID: Final = "webhook-id"
HEADER_TIMESTAMP: Final = "webhook-timestamp"
HEADER_SIGNATURE: Final = "webhook-signature"


class VerificationError(ValueError):
    """The request is not a webhook signed with the secret: refuse it (answer 400 or 401)."""


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key of ``secret``: its base64 part decoded (with or without ``whsec_``)."""
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        return base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise VerificationError("the secret is not whsec_ followed by base64") from None


def _digest(key: bytes, msg_id: str, timestamp: int, body: bytes) -> bytes:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return hmac.new(key, signed, hashlib.sha256).digest()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 signature>`` of one attempt."""
    digest = _digest(secret_key(secret), msg_id, timestamp, body)
    return f"{SIGNATURE_VERSION}," + base64.b64encode(digest).decode("ascii")


def signature_header(
    secrets_in_use: Iterable[str], msg_id: str, timestamp: int, body: bytes
) -> str:
    """The ``webhook-signature`` value: one signature per secret, space-separated."""
    return " ".join(sign(s, msg_id, timestamp, body) for s in secrets_in_use)


def headers(
    secrets_in_use: Iterable[str], msg_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """The three Standard Webhooks headers of one attempt."""
    return {
        HEADER_ID: msg_id,
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_SIGNATURE: signature_header(secrets_in_use, msg_id, timestamp, body),
    }


def _header(found: Mapping[str, str], name: str) -> str:
    for key, value in found.items():
        if key.lower() == name:
            return value
    raise VerificationError(f"missing header {name}")


def verify(
    secret: str,
    body: bytes | str,
    request_headers: Mapping[str, str],
    *,
    now: datetime | None = None,
    tolerance_s: int = TOLERANCE_S,
) -> Any:
    """Check a received webhook and return its parsed JSON body; :class:`VerificationError`
    when a header is missing, the timestamp is off by more than ``tolerance_s`` (``now``: the
    receiver's clock, default the current time) or no signature matches ``secret``.

    Pass the body exactly as received (bytes), never JSON parsed and dumped again."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    msg_id = _header(request_headers, HEADER_ID)
    stamp = _header(request_headers, HEADER_TIMESTAMP)
    offered = _header(request_headers, HEADER_SIGNATURE)
    try:
        timestamp = int(stamp)
    except ValueError:
        raise VerificationError("webhook-timestamp is not a number") from None
    current = int((now or datetime.now().astimezone()).timestamp())
    if abs(current - timestamp) > tolerance_s:
        raise VerificationError("webhook-timestamp is too far from now (replayed or delayed)")
    expected = _digest(secret_key(secret), msg_id, timestamp, raw)
    for candidate in offered.split():
        version, _, encoded = candidate.partition(",")
        if version != SIGNATURE_VERSION:
            continue
        try:
            presented = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            continue
        if hmac.compare_digest(presented, expected):
            return json.loads(raw)
    raise VerificationError("no signature matches the secret")
