"""The walk: every operation of the app's OpenAPI document, called with an API key of each
scope and with a key of none.

An owner operation names its scope (``x-required-scope``); a key without that scope gets 403
``auth.scope_missing`` naming it, and the key with it gets past authorization (any answer but
401 or 403: a made-up id is 404, an empty body 422, and that is fine). Operations that name no
scope are only the ones keys are not for: tills' own routes, signing in, health, ``/v1/me``.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from server_stub import api_keys
from server_stub.core.db import Database
from tests.server.factories import FakeClock, Tenant, assert_problem, bearer

METHODS = ("get", "post", "put", "patch", "delete")
UNSCOPED = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("POST", "/v1/auth/login"),
    ("POST", "/v1/auth/refresh"),
    ("POST", "/v1/auth/logout"),
    ("POST", "/v1/devices/enroll"),
    ("GET", "/v1/me"),
}
"""Operations open to anyone (their own credential in the body) or to a person's session."""


def operations(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    document = app.openapi()
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def is_till_route(operation: dict[str, Any]) -> bool:
    return operation.get("security") == [{"deviceToken": []}]


def path_value(parameter: dict[str, Any], tenant: Tenant) -> str:
    """A value the parameter's schema accepts, naming nothing that exists (or store S01)."""
    schema = parameter.get("schema", {})
    candidates = [
        *schema.get("enum", []),
        "S01",
        "0" * 32,
        f"{tenant.org_id}_{'0' * 32}",
        f"msg_{'0' * 26}",
        "nope",
    ]
    pattern = schema.get("pattern")
    for value in candidates:
        if pattern is None or re.search(pattern, value):
            return str(value)
    raise AssertionError(f"no value for {parameter}")


def url_of(path: str, operation: dict[str, Any], tenant: Tenant) -> str:
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "path":  # a $ref (Idempotency-Key) is a header
            path = path.replace("{" + parameter["name"] + "}", path_value(parameter, tenant))
    return path


def keys_by_scope(
    app: FastAPI, database: Database, clock: FakeClock, tenant: Tenant
) -> dict[str | None, dict[str, str]]:
    """One key per scope, and (under ``None``) one with no scope at all, which the API does not
    make but the check must refuse all the same."""
    pepper = app.state.ctx.keys.api_key_pepper
    made: dict[str | None, dict[str, str]] = {}
    with database.write() as session:
        for scope in (*api_keys.SCOPES, None):
            spec = api_keys.KeySpec(
                name=f"walk {scope}",
                scopes=frozenset({scope}) if scope else frozenset(),
                store_ids=None,
                expires_at=None,
                rate_limit_per_min=10_000,
            )
            issued = api_keys.create(
                session, tenant.org_id, spec, pepper=pepper, created_by="walk", now=clock()
            )
            made[scope] = bearer(issued.secret)
        session.commit()
    return made


def call(client: TestClient, method: str, url: str, headers: dict[str, str]) -> Any:
    body: dict[str, Any] | None = {} if method in ("POST", "PUT", "PATCH") else None
    return client.request(method, url, headers=headers, json=body)


def test_every_owner_operation_names_a_known_scope(app: FastAPI) -> None:
    unscoped = set()
    for method, path, operation in operations(app):
        scope = operation.get("x-required-scope")
        if scope is None:
            if not is_till_route(operation):
                unscoped.add((method, path))
            continue
        assert scope in api_keys.SCOPES, (method, path, scope)
        assert operation["security"] == [{"ownerToken": []}, {"apiKey": [scope]}]
        assert "429" in operation["responses"] and "403" in operation["responses"]
    assert unscoped == UNSCOPED


def test_a_key_passes_an_operation_only_with_its_scope(
    app: FastAPI, client: TestClient, database: Database, clock: FakeClock, tenant: Tenant
) -> None:
    keys = keys_by_scope(app, database, clock, tenant)
    walked = 0
    for method, path, operation in operations(app):
        needed = operation.get("x-required-scope")
        if needed is None:
            continue
        url = url_of(path, operation, tenant)
        for scope, headers in keys.items():
            r = call(client, method, url, headers)
            if scope == needed:
                assert r.status_code not in (401, 403), (method, path, scope, r.text)
                assert r.status_code < 500, (method, path, r.text)
            else:
                body = assert_problem(r, 403, "auth.scope_missing")
                assert body["scope"] == needed, (method, path, body)
            walked += 1
    assert walked >= 50 * len(keys)
