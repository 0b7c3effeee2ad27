"""What every route gets injected: the app context, a database session, and the caller.

Sessions last one request. Routes that write take ``WriteSession`` (on SQLite, ``BEGIN
IMMEDIATE``), routes that only read take ``ReadSession``. The caller is resolved in a short read
session of its own, so authentication never holds a write lock.

A ``WriteSession`` is the request's unit of work and the one owner of its commit: committed when
the route returns, rolled back when it raises, so routes do not commit and a refusal raised
halfway through stores nothing. (Pairing alone commits early: its counted attempt must stay
counted when the code turns out wrong.)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sized
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from server_stub import api_keys, auth
from server_stub.auth import DevicePrincipal, UserPrincipal
from server_stub.core.config import Settings
from server_stub.core.db import Clock, Database
from server_stub.core.problems import Problem
from server_stub.core.security.server_secret import Keys, load_keys
from server_stub.submitter import Submitter


@dataclass
class AppContext:
    settings: Settings
    db: Database
    clock: Clock
    _keys: Keys | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> datetime:
        return self.clock()

    @property
    def keys(self) -> Keys:
        """Derived from the secret in the database; it never changes, so reading it once per
        process is safe (every process reads the same row)."""
        if self._keys is None:
            with self._lock:
                if self._keys is None:
                    with self.db.write() as session:
                        self._keys = load_keys(session)
        return self._keys


def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


Ctx = Annotated[AppContext, Depends(get_ctx)]


def _write_session(ctx: Ctx) -> Iterator[Session]:
    with ctx.db.write() as session:
        yield session
        session.commit()


def _read_session(ctx: Ctx) -> Iterator[Session]:
    with ctx.db.read() as session:
        yield session


# scope="function": the commit runs when the route returns, before the answer is sent, so a
# commit that fails (storage full, a lock timeout) is answered as the error it is, never as a
# success; the default scope would commit only after the answer had gone out.
WriteSession = Annotated[Session, Depends(_write_session, scope="function")]
ReadSession = Annotated[Session, Depends(_read_session)]

_owner_bearer = HTTPBearer(
    scheme_name="ownerToken",
    description="Access token from POST /v1/auth/login (owners, managers, integrations).",
    auto_error=False,
)
_key_bearer = HTTPBearer(
    scheme_name="apiKey",
    description=(
        "Organization API key `posk_live_...` made in the back office (Kunci API) or with "
        "POST /v1/api-keys; each operation names the scope it needs (`x-required-scope`)."
    ),
    auto_error=False,
)
_device_bearer = HTTPBearer(
    scheme_name="deviceToken",
    description="`<device_id>.<device_secret>` from POST /v1/devices/enroll (tills).",
    auto_error=False,
)


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or not credentials.credentials:
        raise auth.unauthorized("auth.required", "Send Authorization: Bearer <token>.")
    return credentials.credentials


def current_user(
    ctx: Ctx,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_owner_bearer)],
) -> UserPrincipal:
    token = _token(credentials)
    with ctx.db.read() as session:
        return auth.user_from_access_token(session, token, key=ctx.keys.access_token, now=ctx.now())


def current_caller(
    ctx: Ctx,
    user_credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_owner_bearer)],
    key_credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_key_bearer)],
) -> UserPrincipal:
    """A person's access token or an organization API key (both are ``Authorization: Bearer``;
    the two schemes only name them apart in the OpenAPI document).

    A key is read in a short read session, then its request is counted in a short write
    transaction committed at once (``api_keys.admit``), so the key's row is locked only for
    that one statement and the limit holds across every worker; that commit does not wait for
    the disk (``api_keys.advisory_session``).
    """
    token = _token(user_credentials or key_credentials)
    if not api_keys.looks_like_api_key(token):
        with ctx.db.read() as session:
            return auth.user_from_access_token(
                session, token, key=ctx.keys.access_token, now=ctx.now()
            )
    now = ctx.now()
    with ctx.db.read() as session:
        caller, key = auth.caller_from_api_key(
            session, token, pepper=ctx.keys.api_key_pepper, now=now
        )
    with api_keys.advisory_session(ctx.db) as session:
        admission = api_keys.admit(session, key, now)
        session.commit()
    if not admission.allowed:
        raise Problem(
            429,
            "auth.rate_limited",
            f"This API key may make {key.rate_limit_per_min} requests a minute; "
            f"try again in {admission.retry_after_s} s.",
            headers={"Retry-After": str(admission.retry_after_s)},
            retry_after=admission.retry_after_s,
            limit=key.rate_limit_per_min,
        )
    return caller


def current_device(
    ctx: Ctx,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_device_bearer)],
) -> DevicePrincipal:
    token = _token(credentials)
    with ctx.db.read() as session:
        return auth.device_from_token(session, token)


CurrentUser = Annotated[UserPrincipal, Depends(current_user)]
"""A person only (``/v1/me``); owner-API routes take the caller from ``api.scopes.needs``,
which lets API keys in as well."""
CurrentDevice = Annotated[DevicePrincipal, Depends(current_device)]


def submitting_till(device: CurrentDevice) -> Submitter:
    return Submitter(device.org_id, device.device_id, device.store, device.till_code)


SubmittingTill = Annotated[Submitter, Depends(submitting_till)]
"""The calling till as the document pushes (sales, refunds, reports, journal, PINs) take it."""


def require_owner(user: CurrentUser) -> UserPrincipal:
    if user.role != "owner":
        raise Problem(403, "auth.owner_only", "Only the owner may do this.")
    return user


OwnerUser = Annotated[UserPrincipal, Depends(require_owner)]


def limit_batch(ctx: AppContext, items: Sized, what: str) -> None:
    """413 for a push of more than ``max_batch`` ``what`` (sales, refunds, ...): a till splits
    its outbox into batches of that size, so more is a client to fix, not data to store."""
    if len(items) > ctx.settings.max_batch:
        raise Problem(
            413,
            "sync.batch_too_large",
            f"At most {ctx.settings.max_batch} {what} per batch.",
            max_batch=ctx.settings.max_batch,
        )


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
