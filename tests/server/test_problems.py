"""Every error is RFC 9457 problem+json; health and readiness; the OpenAPI document."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.core.config import Settings
from tests.server.factories import Tenant, assert_problem


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok"}


def test_readiness_fails_as_a_problem_when_the_database_is_gone() -> None:
    app = create_app(Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"))
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert_problem(client.get("/readyz"), 503, "not_ready")


def test_http_errors_are_problems(client: TestClient, tenant: Tenant) -> None:
    assert_problem(client.get("/nowhere"), 404, "not_found")
    assert_problem(client.delete("/v1/stores", headers=tenant.owner), 405, "method_not_allowed")
    assert_problem(client.get("/v1/stores"), 401, "auth.required")
    r = client.get("/v1/stores")
    assert r.headers["www-authenticate"].startswith("Bearer")
    body = assert_problem(
        client.post("/v1/stores", json={"code": 5}, headers=tenant.owner), 422, "request.invalid"
    )
    assert {tuple(e["loc"]) for e in body["errors"]} >= {("body", "code"), ("body", "name")}
    assert body["instance"] == "/v1/stores"
    assert_problem(
        client.post(
            "/v1/stores",
            content=b'{"code": "S9",',
            headers={**tenant.owner, "content-type": "application/json"},
        ),
        400,
        "request.malformed_json",
    )


def test_sql_and_unicode_tricks_are_plain_data(client: TestClient, tenant: Tenant) -> None:
    tricky = "'; DROP TABLE products; -- \u202e\u0301 😀 ́"
    r = client.post(
        "/v1/products", json={"sku": tricky[:60], "name": tricky, "price": 1}, headers=tenant.owner
    )
    assert r.status_code == 201
    assert r.json()["name"] == tricky
    r = client.get("/v1/products", params={"q": "'; DROP"}, headers=tenant.owner)
    assert [p["name"] for p in r.json()["items"]] == [tricky]
    assert_problem(client.get("/v1/sales/%00", headers=tenant.owner), 422)
    assert_problem(client.get("/v1/products", params={"q": "a\x00b"}, headers=tenant.owner), 422)


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/v1/sync/sales", "/v1/sync/catalog", "/v1/devices/enroll", "/v1/auth/login"):
        assert path in spec["paths"]
    batch = spec["components"]["schemas"]["SalesBatchIn"]["properties"]["sales"]
    assert batch["items"] == {"$ref": "#/components/schemas/Sale"}
    assert "sale_id" in spec["components"]["schemas"]["Sale"]["properties"]
    assert client.get("/docs").status_code == 200


def test_readiness_fails_when_the_schema_is_behind(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}"))
    with TestClient(app) as client:
        body = assert_problem(client.get("/readyz"), 503, "not_ready")
        assert "db upgrade" in body["detail"]


def test_a_busy_database_answers_503_with_retry_after(settings: Settings) -> None:
    """SQLite's writer lock held past the busy timeout must not look like a server bug."""
    from sqlalchemy.exc import OperationalError

    app = create_app(settings)

    @app.get("/test-busy")
    def busy() -> None:
        raise OperationalError("INSERT ...", {}, Exception("database is locked"))

    with TestClient(app) as client:
        response = client.get("/test-busy")
    assert_problem(response, 503, "service.busy")
    assert response.headers["Retry-After"] == "2"
