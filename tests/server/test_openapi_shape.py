"""What a client generator and an integrator read in docs/openapi.json: clean operation ids, the
package's version and servers (the document is checked current by ``test_cli``)."""

from __future__ import annotations

import importlib.metadata
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from server_stub.app import create_app
from server_stub.core.config import Settings

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_operation_ids_are_lower_camel_case_unique_and_free_of_paths(
    document: dict[str, Any],
) -> None:
    ids = [operation["operationId"] for _, _, operation in operations(document)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for method, path, operation in operations(document):
        op_id = operation["operationId"]
        assert re.fullmatch(r"[a-z][a-zA-Z0-9]*", op_id), (method, path, op_id)
        assert "_" not in op_id
        assert "v1" not in op_id.lower(), (path, op_id)
        assert not op_id.lower().endswith(method), (path, op_id)
    expected = {
        ("get", "/v1/sales"): "listSales",
        ("post", "/v1/products"): "createProduct",
        ("post", "/v1/stores/{code}/enrollment-codes"): "createEnrollmentCode",
        ("get", "/v1/journal/alerts"): "listJournalAlerts",
        ("get", "/v1/alerts"): "listAlerts",
    }
    for (method, path), op_id in expected.items():
        assert document["paths"][path][method]["operationId"] == op_id


def test_the_version_is_the_packages_and_servers_are_relative(document: dict[str, Any]) -> None:
    assert document["info"]["version"] == importlib.metadata.version("pos-desktop")
    assert [s["url"] for s in document["servers"]] == ["/"]


def test_servers_name_the_configured_public_url(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'spec.db'}",
        public_url="https://pos.example.com/",
    )
    app = create_app(settings)
    try:
        assert [s["url"] for s in app.openapi()["servers"]] == ["https://pos.example.com"]
    finally:
        app.state.ctx.db.dispose()


def test_the_environment_names_the_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POS_SERVER_PUBLIC_URL", "https://kasir.example.id")
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(f"sqlite:///{Path(tmp) / 'spec.db'}")
    assert settings.public_url == "https://kasir.example.id"
