"""The back office is sent gzipped to browsers that accept it (a phone on 3G); the tills' API
is not touched."""

from __future__ import annotations

from fastapi.testclient import TestClient

from server_stub.web import STATIC
from tests.server.factories import FakeClock
from tests.web.webtools import WebOwner, sign_in_owner


def test_scripts_and_pages_go_out_gzipped_and_still_read_the_same(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    raw = (STATIC / "vendor" / "htmx.min.js").read_bytes()
    r = client.get("/app/static/vendor/htmx.min.js", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers["content-encoding"] == "gzip"
    assert int(r.headers["content-length"]) < len(raw) // 2
    assert r.content == raw  # the client undid the gzip: the same script
    assert r.headers["content-security-policy"]  # the headers survive the wrapping

    sign_in_owner(client, owner, clock)
    page = client.get("/app/stores", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and page.headers.get("content-encoding") == "gzip"


def test_no_gzip_without_accept_encoding_nor_for_the_api(client: TestClient) -> None:
    r = client.get("/app/static/vendor/htmx.min.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in r.headers
    api = client.get("/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert api.status_code == 200 and "content-encoding" not in api.headers
    assert len(api.content) > 1024  # big enough that gzip would have applied to /app
