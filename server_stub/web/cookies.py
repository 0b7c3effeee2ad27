"""The session cookie: HttpOnly (no script reads it), Secure under TLS, SameSite=Lax (sent on
a link from elsewhere, never on another site's form post), scoped to ``/app``, and with no
expiry of its own (the server's idle timeout ends the session)."""

from __future__ import annotations

from fastapi import Request, Response

from server_stub.web import sessions

PATH = "/app"


def set_session(response: Response, request: Request, cookie: str) -> None:
    response.set_cookie(
        sessions.COOKIE,
        cookie,
        httponly=True,
        secure=request.url.scheme == "https",
        samesite="lax",
        path=PATH,
    )


def clear_session(response: Response, request: Request) -> None:
    response.delete_cookie(
        sessions.COOKIE,
        httponly=True,
        secure=request.url.scheme == "https",
        samesite="lax",
        path=PATH,
    )
