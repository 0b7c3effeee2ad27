"""Schemathesis against /openapi.json, in process: no input makes the server fail (no 5xx),
every error it answers is problem+json, and every status it answers is one the document lists
for that operation (client generators and integrators rely on the list).

One test per operation and backend, each with a small, fixed number of generated cases so the
whole run stays within a few minutes on two cores. (schemathesis' lazy pytest loader does not
work with this pytest, so the operation's Hypothesis strategy is driven directly.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server_stub.app import create_app
from server_stub.core.config import Settings
from tests.server.factories import Tenant

pytestmark = pytest.mark.slow

TILL_PATHS = ("/v1/sync/", "/v1/devices/me")
MAX_EXAMPLES = 15


def _operations() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(database_url=f"sqlite:///{Path(tmp) / 'spec.db'}"))
        document = app.openapi()
        app.state.ctx.db.dispose()
    methods = ("get", "post", "put", "patch", "delete")
    return [
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in methods
    ]


@pytest.mark.parametrize(("method", "path"), _operations())
def test_no_input_makes_the_server_fail(
    method: str, path: str, app: FastAPI, tenant: Tenant
) -> None:
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]
    documented = set(app.openapi()["paths"][path][method.lower()]["responses"])
    headers = tenant.device() if path.startswith(TILL_PATHS) else tenant.owner
    if path == "/v1/tills/{device_id}/revoke":
        headers = {}  # keep the fixture's till paired
    auth = st.sampled_from([dict(headers), {}, {"Authorization": "Bearer junk.junk"}])

    @given(case=operation.as_strategy(), extra=auth)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case: schemathesis.Case, extra: dict[str, str]) -> None:
        response = case.call(headers=extra)
        assert response.status_code < 500, (method, path, response.content[:500])
        assert str(response.status_code) in documented, (
            f"{method} {path} answered {response.status_code}, which its documented "
            f"responses {sorted(documented)} do not list",
            response.content[:300],
        )
        if response.status_code >= 400:
            content_type = response.headers.get("content-type", [""])[0]
            assert content_type.startswith("application/problem+json"), (path, content_type)

    check()
