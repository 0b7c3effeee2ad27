"""Logging for ``pos-server``: readable text by default, one JSON object a line on request.

``--log-format json`` (or ``POS_SERVER_LOG_FORMAT=json``) is for a log collector (journald with
a JSON shipper, Loki, Elasticsearch): each line has ``time`` (UTC, ISO 8601), ``level``,
``logger``, ``message``, the ``request_id`` of the HTTP request being served when there is one,
and ``exception`` with the traceback text when one was logged. uvicorn's access lines also carry
``client``, ``method``, ``path`` and ``status`` as fields, so nobody parses the message.

The request id comes from the ``X-Request-ID`` header a proxy set (nginx's ``$request_id``), or is
made here, and goes back in the response's ``X-Request-ID``: a cashier's complaint, the proxy's
log and this server's log then meet on one id. Workers are separate processes: uvicorn hands
each the dictConfig of ``uvicorn_log_config`` and each builds its own handlers from it.
"""

from __future__ import annotations

import json
import logging
import logging.config
import os
import re
import sys
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ENV_LOG_FORMAT = "POS_SERVER_LOG_FORMAT"
FORMATS = ("text", "json")
REQUEST_ID_HEADER = "x-request-id"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

request_id: ContextVar[str | None] = ContextVar("pos_server_request_id", default=None)
"""The id of the request this task serves (``None`` outside a request)."""


def log_format_from_env(explicit: str | None = None) -> str:
    """``--log-format`` if given, else ``POS_SERVER_LOG_FORMAT``, else text."""
    chosen = (explicit or os.environ.get(ENV_LOG_FORMAT) or "text").strip().lower()
    if chosen not in FORMATS:
        raise ValueError(f"log format {chosen!r}: choose one of {', '.join(FORMATS)}")
    return chosen


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines in messages stay escaped)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = getattr(record, "request_id", None) or request_id.get()
        if current:
            entry["request_id"] = current
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            entry.update(_access_fields(record.args))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _access_fields(args: tuple[Any, ...]) -> dict[str, Any]:
    """uvicorn's access record args: client, method, path, HTTP version, status."""
    if len(args) != 5:
        return {}
    client, method, path, _, status = args
    return {"client": client, "method": method, "path": path, "status": status}


def configure(log_format: str, level: int) -> None:
    """The CLI's own logging (the commands other than ``serve``'s workers).

    Like ``logging.basicConfig``, it leaves a process whose logging is already set up alone (a
    test run, an embedding program)."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    if log_format == "json":
        sys.excepthook = _log_uncaught


def _log_uncaught(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """An exception nothing caught, as one JSON line with its traceback (not bare text)."""
    logging.getLogger("pos_server").critical(
        "uncaught %s", kind.__name__, exc_info=(kind, value, tb)
    )


def uvicorn_log_config(log_format: str, level: str) -> dict[str, Any] | None:
    """uvicorn's ``log_config`` for ``serve``: ``None`` keeps uvicorn's own text format."""
    if log_format != "json":
        return None
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "handlers": {
            "json": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "uvicorn": {"handlers": ["json"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["json"], "level": level, "propagate": False},
        },
        "root": {"handlers": ["json"], "level": level},
    }


class RequestId:
    """ASGI middleware: the request's id in ``request_id`` and in the ``X-Request-ID`` answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(REQUEST_ID_HEADER.encode())
        text = given.decode("latin-1") if given else ""
        current = text if _SAFE_ID.match(text) else uuid.uuid4().hex
        token = request_id.set(current)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != REQUEST_ID_HEADER.encode()
                ]
                headers.append((REQUEST_ID_HEADER.encode(), current.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)
