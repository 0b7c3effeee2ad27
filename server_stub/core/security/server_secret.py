"""The server's signing secret, kept in the database so every worker and host shares it.

It is created once, by whichever process gets there first (insert, and on a unique-key clash
read the winner's), and from it one key per purpose is derived.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server_stub.core.security.tokens import derive_key
from server_stub.models import NO_ORG, ServerSetting

SECRET_NAME = "signing_secret"  # noqa: S105 - the row name, not the secret


@dataclass(frozen=True, slots=True)
class Keys:
    access_token: bytes
    enrollment_pepper: bytes
    api_key_pepper: bytes
    """Keys the HMAC of API key secrets (``server_stub.api_keys``)."""


def load_or_create_secret(session: Session) -> bytes:
    row = session.get(ServerSetting, (NO_ORG, SECRET_NAME))
    if row is None:
        try:
            with session.begin_nested():
                session.add(
                    ServerSetting(org_id=NO_ORG, name=SECRET_NAME, value=secrets.token_hex(32))
                )
        except IntegrityError:
            pass
        session.commit()
        row = session.get(ServerSetting, (NO_ORG, SECRET_NAME))
        assert row is not None
    return bytes.fromhex(row.value)


def load_keys(session: Session) -> Keys:
    secret = load_or_create_secret(session)
    return Keys(
        access_token=derive_key(secret, "access-token-v1"),
        enrollment_pepper=derive_key(secret, "enrollment-code-v1"),
        api_key_pepper=derive_key(secret, "api-key-v1"),
    )
