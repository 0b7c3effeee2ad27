"""``/docs`` (Swagger UI) and ``/redoc`` served entirely from this server.

FastAPI's own pages load their scripts, styles, favicon and fonts from public CDNs, so a shop's
server on a LAN without internet showed blank pages. The assets come from the ``fastapi-offline``
package (MIT; it ships the Swagger UI and ReDoc bundles as package data) and are served under
``/static/docs/``; nothing on either page points off the server.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_PACKAGE = "fastapi_offline"
ASSETS_URL = "/static/docs"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"


def install(app: FastAPI, *, title: str, openapi_url: str = "/openapi.json") -> None:
    """Add the two documentation pages; the app must be built with ``docs_url=None`` and
    ``redoc_url=None`` so FastAPI's CDN pages are not registered too."""
    app.mount(
        ASSETS_URL,
        StaticFiles(packages=[(ASSETS_PACKAGE, "static")]),
        name="docs-assets",
    )

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title} - Swagger UI",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
            oauth2_redirect_url=OAUTH2_REDIRECT_URL,
            # The online validator badge would fetch an image from swagger.io.
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{title} - ReDoc",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
