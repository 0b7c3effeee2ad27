"""The headers every back-office answer carries: a Content-Security-Policy with no inline
script or style and no framing, no MIME sniffing, no referrer leaving the site (an invitation
link carries a secret), and pages never kept by a shared cache."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000"


def is_back_office(path: str) -> bool:
    return path == "/" or path == "/app" or path.startswith("/app/")


class SecurityHeaders:
    """Pure ASGI (not ``BaseHTTPMiddleware``), so streamed answers (CSV exports) stay streamed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_back_office(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/app/static/")
        tls = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if tls:
                    headers["Strict-Transport-Security"] = HSTS
                if not static and "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
