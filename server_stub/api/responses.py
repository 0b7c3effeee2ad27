"""The error answers an operation documents: each a problem+json body under its status, its
description naming the problem codes (``type`` is ``/problems/<code>``) that status carries.

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
    400: "Bad request: the body is not valid JSON (`request.malformed_json`), or holds a value "
    "the database cannot store (`request.unstorable`)",
    401: "Not authenticated: no credential (`auth.required`), or a wrong, expired or revoked one "
    "(`auth.invalid_token`, `auth.invalid_api_key`, `auth.api_key_expired`, "
    "`auth.api_key_revoked`, `auth.api_key_rotated`; a till's: `auth.invalid_device`, "
    "`auth.device_revoked`)",
    403: "Not allowed for this caller (`auth.owner_only`: a manager on an owner's operation)",
    404: "Not found in the caller's organization (`not_found`, or the resource's own "
    "`<resource>.not_found`)",
    409: "Conflicts with what is stored; nothing was changed",
    413: "Content too large (`request.too_large`)",
    415: "Unsupported media type (`unsupported_media_type`)",
    422: "Validation failed (`request.invalid`; `errors` names the fields)",
    429: "Too many attempts; retry after `Retry-After` seconds",
    503: "The database is busy or unreachable; nothing was stored, retry after `Retry-After` "
    "(`service.busy`)",
    507: "The server's storage is full; nothing was stored (`storage.full`)",
}

RETRY_AFTER_HEADERS: dict[int, dict[str, Any]] = {
    429: {
        "description": "Seconds to wait before sending the request again.",
        "required": True,
        "schema": {"type": "integer"},
    },
    503: {
        "description": "Seconds to wait before sending the request again (`service.busy`).",
        "schema": {"type": "integer"},
    },
}
"""The ``Retry-After`` header the descriptions above promise, declared so that a client
generator or an integrator's tooling finds it (every 429 carries it; a 503 when retrying helps)."""

COMMON = (400, 401, 403, 404, 413, 422, 503, 507)
"""Listed on every operation (``create_app`` passes them to FastAPI)."""


def errors(*statuses: int, **described: str) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: ``errors(409, 429, s409="Till slot taken")``.

    A description given as ``s<status>`` says what that status means for this operation.
    """
    answers: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        answer = {
            "description": described.get(f"s{status}", DESCRIPTIONS[status]),
            "content": {MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}},
        }
        if status in RETRY_AFTER_HEADERS:
            answer["headers"] = {"Retry-After": dict(RETRY_AFTER_HEADERS[status])}
        answers[status] = answer
    return answers
