"""The scope each owner-API route needs, checked for API keys and recorded in the OpenAPI document.

A route declares its scope once, as its caller parameter::

    def list_sales(user: Annotated[Caller, needs("sales:read")], ...)

or, when it does not use the caller, ``dependencies=[needs("sales:read")]``. A person's access
token passes by role exactly as before keys existed (owners everywhere; managers wherever they
went; ``owner_only`` routes refuse managers with ``auth.owner_only``). An API key passes only
with the scope (403 ``auth.scope_missing`` naming it), and a key limited to stores sees only
those: :func:`key_store_ids` narrows the routes that show every store to any person, and
:func:`visible_store_ids` is the manager's path (``alerts.user_store_ids``) for the routes that
already narrowed managers.

:func:`document_scopes` writes each operation's scope into the OpenAPI document as
``x-required-scope`` and as the ``apiKey`` security requirement, so integrators (and the test
that walks every operation with keys of each scope) read it from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import Depends, Request, Security
from sqlalchemy import select
from sqlalchemy.orm import Session

from server_stub import alerts, idempotency, tenancy
from server_stub.api.deps import Ctx, current_caller
from server_stub.api.responses import errors
from server_stub.api_keys import SCOPES
from server_stub.auth import UserPrincipal
from server_stub.core.problems import Problem
from server_stub.models import Store

Caller = UserPrincipal
"""Who calls an owner-API route: a person or an API key (``caller.key`` is set)."""

SCOPE_EXTENSION = "x-required-scope"
KEY_SCHEME = "apiKey"
USER_SCHEME = "ownerToken"


class ScopeCheck:
    """The dependency ``needs`` builds: one per scope; the OpenAPI pass finds it by type."""

    def __init__(self, scope: str, *, owner_only: bool) -> None:
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        self.scope = scope
        self.owner_only = owner_only

    def __call__(
        self, caller: Annotated[Caller, Depends(current_caller)], request: Request, ctx: Ctx
    ) -> Caller:
        if caller.key is None:
            if self.owner_only and caller.role != "owner":
                raise Problem(403, "auth.owner_only", "Only the owner may do this.")
        elif self.scope not in caller.key.scopes:
            raise Problem(
                403,
                "auth.scope_missing",
                f"This API key lacks the scope {self.scope}.",
                scope=self.scope,
            )
        if request.method == "POST":
            # Every owner-API POST honours an Idempotency-Key once the caller may make it.
            who = idempotency.caller_id(caller.user_id, is_key=caller.key is not None)
            idempotency.claim(ctx.db, request.scope, caller.org_id, who, ctx.now())
        return caller


def needs(scope: str, *, owner_only: bool = False) -> Any:
    """The dependency of a route that needs ``scope`` (a name from ``api_keys.SCOPES``);
    ``owner_only``: of people, only owners may call it. Declared as a security scope, so
    FastAPI carries it into the operation's security requirement (see ``document_scopes``)."""
    return Security(ScopeCheck(scope, owner_only=owner_only), scopes=[scope])


# -- stores a caller sees --------------------------------------------------------------------


def key_store_ids(caller: Caller) -> frozenset[str] | None:
    """The stores an API key is limited to; ``None`` for a person or an unlimited key. For the
    routes that show every store to any person (managers included, as before keys)."""
    return caller.key.store_ids if caller.key is not None else None


def visible_store_ids(session: Session, caller: Caller) -> frozenset[str] | None:
    """The stores the caller sees on the routes that narrow managers to theirs: a manager's
    (``user_stores``), a limited key's; ``None`` for every store."""
    if caller.key is not None:
        return caller.key.store_ids
    return alerts.user_store_ids(session, caller.org_id, caller.user_id, caller.role)


def store_not_found(code: str) -> Problem:
    return Problem(404, "store.not_found", f"no store with code {code}")


def require_store(
    session: Session,
    caller: Caller,
    code: str,
    limit: frozenset[str] | None,
    *,
    for_update: bool = False,
) -> Store:
    """The store ``code`` when it is in ``limit`` (``None``: any store); 404 as for an unknown
    code otherwise, so a limited caller learns nothing of other stores."""
    store = tenancy.require_store(session, caller.org_id, code, for_update=for_update)
    if limit is not None and store.store_id not in limit:
        raise store_not_found(code)
    return store


def store_codes(session: Session, org_id: str, store_ids: Iterable[str]) -> frozenset[str]:
    """The codes of the stores ``store_ids`` (staff are listed by store code)."""
    ids = sorted(store_ids)
    if not ids:
        return frozenset()
    return frozenset(
        session.execute(
            select(Store.code).where(Store.org_id == org_id, Store.store_id.in_(ids))
        ).scalars()
    )


def refuse_store_limited(caller: Caller, what: str) -> None:
    """403 for a key limited to stores on a route whose effect reaches the whole organization
    (a new store, a new user, a broader key)."""
    if key_store_ids(caller) is not None:
        raise Problem(
            403,
            "auth.store_limited",
            f"This API key is limited to some stores, so it may not {what}.",
        )


# -- the OpenAPI document --------------------------------------------------------------------


def document_scopes(schema: dict[str, Any]) -> None:
    """Each scoped operation: ``x-required-scope``, the security requirement (a person's token,
    or an API key with the scope) and the 429 of a key over its rate limit.

    ``needs`` declares its scope as a FastAPI security scope, which FastAPI writes into the
    requirement of both bearer schemes; a person's token has no scopes, so it is cleared there.
    """
    rate_limited = errors(
        429, s429="The API key made more requests this minute than its limit; see `Retry-After`"
    )
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            scopes = [
                scope
                for requirement in operation.get("security", [])
                for scope in requirement.get(KEY_SCHEME, [])
            ]
            if not scopes:
                continue
            (scope,) = scopes
            operation[SCOPE_EXTENSION] = scope
            operation["security"] = [{USER_SCHEME: []}, {KEY_SCHEME: [scope]}]
            operation.setdefault("responses", {}).setdefault("429", rate_limited[429])
            description = operation.get("description", "")
            note = f"Scope for API keys: `{scope}`."
            if note not in description:
                operation["description"] = f"{description}\n\n{note}".strip()
