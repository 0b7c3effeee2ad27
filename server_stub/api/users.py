"""The organization's owners and managers (the owner adds managers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from server_stub import tenancy
from server_stub.api import pages
from server_stub.api.deps import Ctx, ReadSession, WriteSession
from server_stub.api.pages import Page, PageCursor
from server_stub.api.responses import errors
from server_stub.api.scopes import Caller, needs, refuse_store_limited
from server_stub.models import User
from server_stub.schemas import UserCreated, UserIn, UserOut

router = APIRouter(prefix="/v1/users", tags=["users"])


class UserPage(Page[UserOut]):
    """Owners and managers by e-mail."""


@router.get("", response_model=UserPage)
def list_users(
    user: Annotated[Caller, needs("users:read")],
    session: ReadSession,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> UserPage:
    query = select(User).where(User.org_id == user.org_id)
    if cursor is not None:
        query = query.where(
            pages.after([User.email, User.user_id], pages.decode(cursor, [str, str]))
        )
    rows = list(
        session.execute(query.order_by(User.email, User.user_id).limit(limit + 1)).scalars()
    )
    found, next_cursor = pages.cut(rows, limit, lambda u: [u.email, u.user_id])
    return UserPage(
        items=[
            UserOut(user_id=u.user_id, email=u.email, role=u.role, active=u.active) for u in found
        ],
        next_cursor=next_cursor,
    )


@router.post(
    "",
    response_model=UserCreated,
    status_code=201,
    responses=errors(409, s409="A user with this e-mail exists"),
)
def create_user(
    body: UserIn,
    owner: Annotated[Caller, needs("users:write", owner_only=True)],
    ctx: Ctx,
    session: WriteSession,
) -> UserCreated:
    """Add a manager (or another owner); the answer holds their TOTP secret, shown once.
    Among people only the owner may; an API key needs ``users:write`` and no store limit."""
    refuse_store_limited(owner, "add users")
    created = tenancy.create_user(
        session,
        owner.org_id,
        email=body.email,
        password=body.password,
        role=body.role.value,
        now=ctx.now(),
    )
    u = created.user
    return UserCreated(
        user_id=u.user_id,
        email=u.email,
        role=u.role,
        active=u.active,
        totp_secret=created.totp_secret,
        otpauth_uri=created.otpauth_uri,
    )
