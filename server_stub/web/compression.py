"""Gzip for the back office's pages, scripts and styles, not for the tills' API.

A phone on 3G should get a usable first page in under 100 KB; htmx alone is 52 KB as sent
uncompressed and about 16 KB gzipped. The tills' sync API is left as it is: its answers are
small, and its throughput is benchmarked without compression.
"""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from server_stub.web.security import is_back_office

MINIMUM_SIZE = 1024
"""Smaller answers (htmx fragments of a few rows) gain nothing from compression."""


class BackOfficeGZip:
    """Starlette's gzip (streaming-safe, honours Accept-Encoding) on ``/app`` paths only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=MINIMUM_SIZE)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_back_office(scope.get("path", "")):
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)
