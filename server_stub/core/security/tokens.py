"""Short-lived signed access tokens for owners, managers and integrations.

Format: ``at1.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>``. The signing key is derived from
the server secret, which lives in the database (or ``POS_SERVER_SECRET``) so every worker and every
host verifies what any other signed. Access tokens are not stored and cannot be revoked one by
one; they live 15 minutes, and the refresh tokens that mint them are stored and revocable.
Each request still checks that the user is active, so disabling a user takes effect at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

PREFIX = "at1"


def derive_key(server_secret: bytes, purpose: str) -> bytes:
    """One key per purpose, so a value signed for one use never verifies for another."""
    return hmac.new(server_secret, purpose.encode("ascii"), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: str
    org_id: str
    role: str
    issued_at: int
    expires_at: int


def sign(key: bytes, claims: AccessClaims) -> str:
    payload = json.dumps(
        {
            "sub": claims.user_id,
            "org": claims.org_id,
            "role": claims.role,
            "iat": claims.issued_at,
            "exp": claims.expires_at,
        },
        separators=(",", ":"),
        sort_keys=True,
    ).encode("utf-8")
    body = f"{PREFIX}.{_b64(payload)}"
    mac = hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()
    return f"{body}.{_b64(mac)}"


def looks_like_access_token(token: str) -> bool:
    return token.startswith(PREFIX + ".")


def verify(key: bytes, token: str, now: datetime) -> AccessClaims | None:
    """The claims of a well-signed, unexpired token; ``None`` for anything else."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != PREFIX or not token.isascii():
        return None
    body = f"{parts[0]}.{parts[1]}"
    try:
        expected = hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(parts[2])):
            return None
        data: Any = json.loads(_unb64(parts[1]))
        claims = AccessClaims(
            user_id=str(data["sub"]),
            org_id=str(data["org"]),
            role=str(data["role"]),
            issued_at=int(data["iat"]),
            expires_at=int(data["exp"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
    if claims.expires_at <= now.timestamp():
        return None
    return claims
