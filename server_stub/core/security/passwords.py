"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106's second choice).

Hashing is slow on purpose; a login therefore costs tens of milliseconds of one core, which is
also why attempts are throttled before the hash is checked (``server_stub.core.security.throttle``).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 10

# A syntactically valid hash that matches no password: verifying against it when the account
# does not exist keeps the response time the same, so timing does not reveal which e-mails exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password-for-timing")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
