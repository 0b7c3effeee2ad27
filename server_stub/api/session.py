"""Owner and manager sign-in: password + TOTP, then access and refresh tokens."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from server_stub import auth
from server_stub.api.deps import Ctx, CurrentUser, ReadSession, WriteSession, client_address
from server_stub.api.responses import errors
from server_stub.schemas import LoginIn, MeOut, RefreshIn, TokenPair

router = APIRouter(prefix="/v1/auth", tags=["auth"])


@router.post(
    "/login",
    response_model=TokenPair,
    responses=errors(401, 429, s401="The e-mail, password or one-time code is wrong"),
)
def login(body: LoginIn, request: Request, ctx: Ctx, session: WriteSession) -> TokenPair:
    return auth.login(
        session,
        email=body.email,
        password=body.password,
        code=body.totp,
        org_id=body.org_id,
        address=client_address(request),
        key=ctx.keys.access_token,
        now=ctx.now(),
        access_ttl_s=ctx.settings.access_token_ttl_s,
        refresh_ttl_s=ctx.settings.refresh_token_ttl_s,
    )


@router.post(
    "/refresh",
    response_model=TokenPair,
    responses=errors(401, s401="The refresh token is not valid (used, revoked or expired)"),
)
def refresh_tokens(body: RefreshIn, ctx: Ctx, session: WriteSession) -> TokenPair:
    return auth.refresh(
        session,
        body.refresh_token,
        key=ctx.keys.access_token,
        now=ctx.now(),
        access_ttl_s=ctx.settings.access_token_ttl_s,
        refresh_ttl_s=ctx.settings.refresh_token_ttl_s,
    )


@router.post("/logout", status_code=204, response_class=Response)
def logout(body: RefreshIn, ctx: Ctx, session: WriteSession) -> Response:
    """Revoke a refresh token (idempotent)."""
    auth.logout(session, body.refresh_token, ctx.now())
    return Response(status_code=204)


me_router = APIRouter(prefix="/v1", tags=["auth"])


@me_router.get("/me", response_model=MeOut)
def get_me(user: CurrentUser, session: ReadSession) -> MeOut:
    return MeOut(
        user_id=user.user_id,
        org_id=user.org_id,
        org_name=auth.org_name(session, user.org_id),
        email=user.email,
        role=user.role,
    )
