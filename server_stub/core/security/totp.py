"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), the authenticator-app kind.

30-second steps, 6 digits, HMAC-SHA1 (what every authenticator app implements by default). A code
is accepted for the current step and one step either side (phone clocks drift), and never twice:
the caller stores the newest accepted step per user and passes it back as ``after_step``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from datetime import datetime
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1


def new_secret() -> str:
    """160 random bits in base32 without padding, as RFC 4226 recommends and apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(secret: str, counter: int, digits: int = DIGITS) -> str:
    digest = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    (value,) = struct.unpack(">I", digest[offset : offset + 4])
    return str((value & 0x7FFFFFFF) % 10**digits).zfill(digits)


def step_at(moment: datetime) -> int:
    return int(moment.timestamp()) // STEP_SECONDS


def code_at(secret: str, moment: datetime) -> str:
    return hotp(secret, step_at(moment))


def verify(secret: str, code: str, moment: datetime, *, after_step: int | None) -> int | None:
    """The time step ``code`` belongs to, or ``None`` when it is wrong, stale or already used."""
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        return None
    now_step = step_at(moment)
    matched: int | None = None
    for step in range(now_step - DRIFT_STEPS, now_step + DRIFT_STEPS + 1):
        # Compare every candidate in constant time and do not stop early.
        if hmac.compare_digest(hotp(secret, step), code) and matched is None:
            matched = step
    if matched is None or (after_step is not None and matched <= after_step):
        return None
    return matched


def provisioning_uri(secret: str, account: str, issuer: str = "POS Cloud") -> str:
    """The ``otpauth://`` URI an authenticator app reads from a QR code."""
    label = quote(f"{issuer}:{account}", safe="@:")
    query = urlencode(
        {"secret": secret, "issuer": issuer, "digits": DIGITS, "period": STEP_SECONDS},
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"
