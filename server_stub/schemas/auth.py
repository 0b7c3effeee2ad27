"""Bodies of logging in, refreshing tokens and the organization's users."""

from __future__ import annotations

import enum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    StringConstraints,
)

from server_stub.schemas.common import (
    ApiModel,
    Email,
    clean_text,
)


class Role(enum.StrEnum):
    OWNER = "owner"
    MANAGER = "manager"


class LoginIn(ApiModel):
    email: Email
    password: Annotated[
        str, StringConstraints(min_length=1, max_length=1024), AfterValidator(clean_text)
    ]
    totp: Annotated[str, StringConstraints(min_length=1, max_length=16)]
    org_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")] | None = None
    """Optional: speeds the lookup and disambiguates; e-mails are unique across organizations."""


class TokenPair(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - a scheme name, not a secret
    expires_in: int
    refresh_token: str
    refresh_expires_in: int


class RefreshIn(ApiModel):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=300)]


class MeOut(BaseModel):
    user_id: str
    org_id: str
    org_name: str
    email: str
    role: str


class UserIn(ApiModel):
    email: Email
    password: Annotated[
        str, StringConstraints(min_length=10, max_length=1024), AfterValidator(clean_text)
    ]
    role: Role = Role.MANAGER


class UserOut(BaseModel):
    user_id: str
    email: str
    role: str
    active: bool


class UserCreated(UserOut):
    totp_secret: str
    otpauth_uri: str
