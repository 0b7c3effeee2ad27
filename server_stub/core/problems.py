"""Every error as RFC 9457 problem details (``application/problem+json``).

A client (the till's sync relay, an ERP integration) gets one shape for every failure: ``type``,
``title``, ``status``, ``detail``, plus ``code``, a stable dotted identifier in the spirit of the
domain's ``UserError`` codes, to branch on without parsing text.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, OperationalError, StatementError
from starlette.exceptions import HTTPException as StarletteHTTPException

from server_stub.core.db import is_storage_full

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "/problems/"


class Problem(Exception):
    """Raise from anywhere in a request to answer with a problem document."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str | None = None,
        *,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(code, detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.headers = headers or {}
        self.extra = extra


def problem_body(
    status: int, code: str, title: str, detail: str | None, instance: str | None, **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status,
        "code": code,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(extra)
    return body


def problem_response(
    status: int,
    code: str,
    detail: str | None = None,
    *,
    title: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = problem_body(status, code, title or HTTPStatus(status).phrase, detail, instance, **extra)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


_HTTP_CODES = {
    400: "bad_request",
    401: "auth.required",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation",
    429: "throttled",
}


def _clean_errors(errors: Any) -> list[dict[str, Any]]:
    """Validation errors without the offending input (may be huge, binary or secret)."""
    cleaned: list[dict[str, Any]] = []
    for err in list(errors)[:50]:
        loc = [str(p) for p in err.get("loc", ())]
        cleaned.append(
            {"loc": loc, "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))}
        )
    return cleaned


RETRY_AFTER_BUSY_S = 2


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(
        exc.status,
        exc.code,
        exc.detail,
        title=exc.title,
        instance=request.url.path,
        headers=exc.headers,
        **exc.extra,
    )


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else None
    return problem_response(
        exc.status_code,
        code,
        detail,
        instance=request.url.path,
        headers=dict(exc.headers or {}),
    )


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _clean_errors(exc.errors())
    malformed = any(e["type"] == "json_invalid" for e in errors)
    return problem_response(
        400 if malformed else 422,
        "request.malformed_json" if malformed else "request.invalid",
        "The body is not valid JSON." if malformed else "The request failed validation.",
        instance=request.url.path,
        errors=errors,
    )


async def _on_data_error(request: Request, exc: Exception) -> JSONResponse:
    # Last line of defence: input the database itself refused (a value out of its range,
    # text it cannot store). The transaction was rolled back; nothing was written.
    log.warning("database refused input on %s: %s", request.url.path, exc)
    return problem_response(
        400,
        "request.unstorable",
        "The database cannot store a value in this request.",
        instance=request.url.path,
    )


async def _on_statement_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StatementError)
    if isinstance(exc.orig, (UnicodeError, OverflowError, ValueError)):
        return await _on_data_error(request, exc)
    return await _on_unexpected(request, exc)


async def _on_operational(request: Request, exc: Exception) -> JSONResponse:
    if is_storage_full(exc):
        # Retrying will not help until someone frees space, and the owner must hear of it:
        # an error in the log and its own code, not "busy".
        log.error(
            "storage full: the database has no room left on %s %s: %s",
            request.method,
            request.url.path,
            exc,
        )
        return problem_response(
            507,
            "storage.full",
            "The server's storage is full; nothing was stored. Free disk space on the "
            "server, then send again.",
            title="Storage full",
            instance=request.url.path,
        )
    # The database is busy or unreachable (SQLite's writer lock held past the busy
    # timeout, a PostgreSQL lock or connection failure). Nothing was committed; the
    # client should retry, so this is 503 with Retry-After rather than a 500.
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(
        503,
        "service.busy",
        "The database is busy; nothing was stored. Retry shortly.",
        instance=request.url.path,
        headers={"Retry-After": str(RETRY_AFTER_BUSY_S)},
    )


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        500, "internal", "An unexpected error occurred.", instance=request.url.path
    )


def install(app: FastAPI) -> None:
    """Answer every error, ours or the framework's, as a problem document."""
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(DataError, _on_data_error)
    app.add_exception_handler(StatementError, _on_statement_error)
    app.add_exception_handler(OperationalError, _on_operational)
    app.add_exception_handler(Exception, _on_unexpected)
