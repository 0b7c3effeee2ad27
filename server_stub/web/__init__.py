"""The owner's back office: server-rendered pages under ``/app`` on the same process and port
as the JSON API, with every asset in the package (it works on a shop's LAN with no internet).

``mount_back_office`` adds the static files, the sign-in routes, every page router of
``server_stub.web.pages.ROUTERS``, the error pages and the security headers. Nothing here is in
the OpenAPI document: that describes the JSON API only.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from server_stub.core.problems import Problem
from server_stub.web import fallback, signin_routes
from server_stub.web.compression import BackOfficeGZip
from server_stub.web.deps import WebError, WebRedirect, is_htmx
from server_stub.web.pages import ROUTERS
from server_stub.web.render import render
from server_stub.web.security import SecurityHeaders, is_back_office

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"


def mount_back_office(app: FastAPI) -> None:
    app.mount("/app/static", StaticFiles(directory=STATIC), name="back-office-static")
    app.include_router(signin_routes.router, include_in_schema=False)
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)
    # Last, so a page router's own /app/ wins over the placeholder.
    app.include_router(fallback.router, include_in_schema=False)
    app.add_api_route("/", _to_back_office, methods=["GET"], include_in_schema=False)
    _install_error_pages(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BackOfficeGZip)


def _to_back_office() -> RedirectResponse:
    return RedirectResponse("/app/", status_code=307)


def _error_page(request: Request, status: int) -> HTMLResponse:
    principal = getattr(request.state, "web_principal", None)
    return render(request, principal, f"errors/{status}.html", status=status)


async def _answer(result: Response | Awaitable[Response]) -> Response:
    return await result if inspect.isawaitable(result) else result


def _install_error_pages(app: FastAPI) -> None:
    """Back-office errors are pages; the API keeps its problem documents, so the handlers the
    API installed are kept and called for every other path."""
    api_http = app.exception_handlers.get(StarletteHTTPException)
    api_validation = app.exception_handlers.get(RequestValidationError)
    api_problem = app.exception_handlers.get(Problem)

    async def on_redirect(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebRedirect)
        if is_htmx(request):
            return Response(status_code=exc.htmx_status, headers={"HX-Redirect": exc.url})
        return RedirectResponse(exc.url, status_code=303)

    async def on_web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebError)
        return _error_page(request, exc.status)

    async def on_http(request: Request, exc: Exception) -> Response:
        if is_back_office(request.url.path) and isinstance(exc, StarletteHTTPException):
            return _error_page(request, 404 if exc.status_code in (404, 405) else 400)
        assert api_http is not None
        return await _answer(api_http(request, exc))

    async def on_validation(request: Request, exc: Exception) -> Response:
        if is_back_office(request.url.path):
            return _error_page(request, 404 if request.method == "GET" else 400)
        assert api_validation is not None
        return await _answer(api_validation(request, exc))

    async def on_problem(request: Request, exc: Exception) -> Response:
        if is_back_office(request.url.path) and isinstance(exc, Problem):
            return _error_page(request, exc.status if exc.status in (403, 404) else 400)
        assert api_problem is not None
        return await _answer(api_problem(request, exc))

    app.add_exception_handler(WebRedirect, on_redirect)
    app.add_exception_handler(WebError, on_web_error)
    if api_http is not None:
        app.add_exception_handler(StarletteHTTPException, on_http)
    if api_problem is not None:
        app.add_exception_handler(Problem, on_problem)
    if api_validation is not None:
        app.add_exception_handler(RequestValidationError, on_validation)
