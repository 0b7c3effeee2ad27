"""Checking a webhook the way the Standard Webhooks specification says, with the standard library.

Why each step matters:

- The signature is an HMAC-SHA256 over ``<webhook-id>.<webhook-timestamp>.<raw body>``: only
  someone who holds the endpoint's secret can make one, so a stranger who finds the receiver's
  URL cannot set the shop's stock.
- The timestamp is signed too and must be close to our clock (five minutes by default), so a
  request someone recorded cannot be replayed next week.
- The comparison is constant-time (``hmac.compare_digest``), so the time an answer takes does
  not tell an attacker how many leading bytes of a forged signature were right.
- During a secret rotation the cloud signs with the new and the old secret (space-separated
  signatures) and the receiver may hold both: any one pair that matches is enough.
- The body is checked as received, before JSON parsing: parsing and dumping it again would not
  reproduce the same bytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

SECRET_PREFIX: Final = "whsec_"  # noqa: S105 - the prefix of every secret, not a secret
TOLERANCE_S: Final = 5 * 60


class RefusedWebhook(ValueError):
    """A request to refuse, with the status to answer; nothing of it is stored or applied."""

    status = 400


class SignatureError(RefusedWebhook):
    """Not a webhook signed with one of our secrets (or too old): answer 401."""

    status = 401


class MalformedWebhook(RefusedWebhook):
    """Signed by the cloud but not a JSON object: answer 400 (a bug to look into)."""


@dataclass(frozen=True, slots=True)
class Webhook:
    """A verified webhook: its id (the same on every retry: dedupe by it) and its JSON body."""

    webhook_id: str
    event: dict[str, Any]


def secret_key(secret: str) -> bytes:
    """The HMAC key: the base64 part of ``whsec_...``, decoded (the prefix is not part of it)."""
    try:
        return base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except binascii.Error:
        raise ValueError("a webhook secret is whsec_ followed by base64") from None


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256>`` of one request (what the cloud sends; tests use it)."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def verify(
    secrets: Sequence[str],
    body: bytes,
    headers: Mapping[str, str],
    *,
    now: float | None = None,
    tolerance_s: int = TOLERANCE_S,
) -> Webhook:
    """The webhook in ``body``; :class:`SignatureError` or :class:`MalformedWebhook` when it
    must be refused. ``headers``: lower-case names; ``now``: Unix seconds (default: the clock)."""
    webhook_id = headers.get("webhook-id", "")
    stamp = headers.get("webhook-timestamp", "")
    offered = headers.get("webhook-signature", "")
    if not (webhook_id and stamp and offered):
        raise SignatureError("missing webhook-id, webhook-timestamp or webhook-signature")
    try:
        timestamp = int(stamp)
    except ValueError:
        raise SignatureError("webhook-timestamp is not a whole number of seconds") from None
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance_s:
        raise SignatureError("webhook-timestamp is too far from our clock (replayed or delayed)")
    expected = [sign(secret, webhook_id, timestamp, body).encode() for secret in secrets]
    presented = [c.encode() for c in offered.split() if c.startswith("v1,")]
    # Every pair is compared (no early exit), each in constant time.
    matched = False
    for candidate in presented:
        for wanted in expected:
            matched |= hmac.compare_digest(candidate, wanted)
    if not matched:
        raise SignatureError("no signature matches our secret")
    try:
        event = json.loads(body)
    except ValueError:
        raise MalformedWebhook("the signed body is not JSON") from None
    if not isinstance(event, dict):
        raise MalformedWebhook("the signed body is not a JSON object")
    return Webhook(webhook_id, event)
