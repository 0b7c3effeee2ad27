"""Enrollment codes, device credentials and refresh tokens: making, parsing and hashing them.

Identifiers that a client presents without any other context (a device id, a refresh token) begin
with the organization id, so the server finds the row by its tenant-leading primary key; the
tenant never has to be looked up by a global index.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid

ENROLLMENT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""32 symbols without 0/O and 1/I: a code read aloud or typed from a phone screen survives."""
ENROLLMENT_LENGTH = 8
"""40 bits: enough for a code that lives 15 minutes, is single-use and whose guesses are
throttled per client address."""

_ORG_ID = re.compile(r"^[0-9a-f]{32}$")
_SECRET = re.compile(r"^[A-Za-z0-9_\-]{20,200}$")


def hash_secret(secret: str) -> str:
    """SHA-256 of a high-entropy random secret.

    Device secrets and refresh tokens are 256 random bits, so nobody can guess one or brute-force
    its hash; a slow password hash (argon2) would only add tens of milliseconds to every sync
    request and protect nothing more. Slow hashes are for low-entropy secrets chosen by people.
    """
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def secrets_match(stored_hash: str, presented_secret: str) -> bool:
    return hmac.compare_digest(stored_hash, hash_secret(presented_secret))


# -- enrollment codes -----------------------------------------------------------------------


def new_enrollment_code() -> str:
    raw = "".join(secrets.choice(ENROLLMENT_ALPHABET) for _ in range(ENROLLMENT_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_enrollment_code(text: str) -> str | None:
    """``abcd-efgh`` / ``ABCD EFGH`` -> ``ABCDEFGH``; ``None`` when it cannot be a code."""
    cleaned = re.sub(r"[\s\-]", "", text).upper()
    if len(cleaned) != ENROLLMENT_LENGTH or any(c not in ENROLLMENT_ALPHABET for c in cleaned):
        return None
    return cleaned


def hash_enrollment_code(pepper: bytes, normalized: str) -> str:
    """Keyed hash: 40 bits is little, so a leaked table must not be brute-forced offline."""
    return hmac.new(pepper, normalized.encode("ascii"), hashlib.sha256).hexdigest()


# -- device credentials ---------------------------------------------------------------------


def new_device_id(org_id: str) -> str:
    return f"{org_id}_{uuid.uuid4().hex}"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def org_of(compound_id: str) -> str | None:
    org_id, sep, rest = compound_id.partition("_")
    if not sep or not _ORG_ID.match(org_id) or not re.fullmatch(r"[0-9a-f]{32}", rest):
        return None
    return org_id


def parse_bearer_secret(token: str) -> tuple[str, str, str] | None:
    """``<org>_<id>.<secret>`` -> ``(org_id, compound_id, secret)``; ``None`` if malformed.

    Device tokens and refresh tokens share this shape.
    """
    compound_id, sep, secret = token.rpartition(".")
    if not sep or not _SECRET.match(secret):
        return None
    org_id = org_of(compound_id)
    if org_id is None:
        return None
    return org_id, compound_id, secret


def new_refresh_token(org_id: str) -> tuple[str, str, str]:
    """``(token_id, secret, token)`` where ``token`` is what the client keeps."""
    token_id = f"{org_id}_{uuid.uuid4().hex}"
    secret = new_secret()
    return token_id, secret, f"{token_id}.{secret}"
