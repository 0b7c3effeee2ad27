"""``/docs`` and ``/redoc`` work on a server without internet: every asset comes from the server."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.core.config import Settings

_QUOTED_URL = re.compile(r"""['"`]((?:[a-z]+:)?//[^'"`]*|/[^'"`]*)['"`]""")


class _Urls(HTMLParser):
    """Every URL a page makes the browser fetch: src/href attributes and url: strings in the
    page's own script (Swagger UI's ``url: '/openapi.json'``, ReDoc's ``spec-url``)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name in ("src", "href", "spec-url") and value:
                self.urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.urls.extend(_QUOTED_URL.findall(data))


def _urls(html: str) -> list[str]:
    parser = _Urls()
    parser.feed(html)
    return parser.urls


@pytest.fixture(scope="module")
def offline_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path: Path = tmp_path_factory.mktemp("docs") / "docs.db"
    return TestClient(create_app(Settings(database_url=f"sqlite:///{path}")))


EXPECTED_TYPES = {
    ".js": ("text/javascript", "application/javascript"),
    ".css": ("text/css",),
    ".png": ("image/png",),
    ".json": ("application/json",),
    "": ("text/html",),
}


@pytest.mark.parametrize(("page", "needed"), [("/docs", 4), ("/redoc", 3)])
def test_documentation_pages_fetch_only_from_this_server(
    offline_client: TestClient, page: str, needed: int
) -> None:
    r = offline_client.get(page)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    urls = _urls(r.text)
    # script, stylesheet (Swagger UI), favicon, and the OpenAPI document at least
    assert len(urls) >= needed, urls
    for url in urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{page} fetches {url} from elsewhere"
        assert url.startswith("/"), url
        asset = offline_client.get(url)
        assert asset.status_code == 200, url
        suffix = Path(parts.path).suffix
        expected = EXPECTED_TYPES.get(suffix)
        assert expected is not None, f"unexpected asset type {url}"
        assert asset.headers["content-type"].split(";")[0] in expected, (url, asset.headers)
        assert len(asset.content) > 0


def test_swagger_ui_oauth2_redirect_page_is_served(offline_client: TestClient) -> None:
    r = offline_client.get("/docs/oauth2-redirect")
    assert r.status_code == 200
    assert not [u for u in _urls(r.text) if urlsplit(u).netloc]


def test_the_assets_come_from_an_installed_package_not_the_network(
    offline_client: TestClient,
) -> None:
    """The bundles are real, non-trivial files (not placeholders), large as the upstream ones."""
    js = offline_client.get("/static/docs/swagger-ui-bundle.js")
    assert len(js.content) > 500_000 and b"SwaggerUIBundle" in js.content
    redoc = offline_client.get("/static/docs/redoc.standalone.js")
    assert len(redoc.content) > 500_000 and b"Redoc" in redoc.content
    assert offline_client.get("/static/docs/../app.py").status_code == 404
