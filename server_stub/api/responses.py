"""The error answers an operation documents: each a problem+json body under its status.

Client generators and integrators read the OpenAPI document to learn what can come back; a
status the document does not list (409 on a taken SKU, 415 on a CSV sent as JSON, 429 from the
pairing throttle) was a surprise to them. ``tests/server/test_openapi_fuzz.py`` compares what
the server answers with what the document lists, per operation.
"""

from __future__ import annotations

from typing import Any

from server_stub.core.problems import MEDIA_TYPE

PROBLEM_SCHEMA = {"$ref": "#/components/schemas/ProblemOut"}

DESCRIPTIONS = {
    400: "Bad request: the body is not valid JSON, or a value it names is not usable",
    401: "Not authenticated: no, a wrong or an expired credential",
    403: "Not allowed for this caller",
    404: "Not found in the caller's organization",
    409: "Conflicts with what is stored; nothing was changed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Validation failed; `errors` names the fields",
    429: "Too many attempts; retry after `Retry-After` seconds",
    503: "The database is busy or unreachable; nothing was stored, retry after `Retry-After`",
    507: "The server's storage is full; nothing was stored",
}

COMMON = (400, 401, 403, 404, 413, 422, 503, 507)
"""Listed on every operation (``create_app`` passes them to FastAPI)."""


def errors(*statuses: int, **described: str) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: ``errors(409, 429, s409="Till slot taken")``.

    A description given as ``s<status>`` says what that status means for this operation.
    """
    return {
        status: {
            "description": described.get(f"s{status}", DESCRIPTIONS[status]),
            "content": {MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}},
        }
        for status in statuses
    }
