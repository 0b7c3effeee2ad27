"""What a client generator and an integrator read in docs/openapi.json (checked current by
``test_cli``): clean operation ids, the package's version and servers, and one cursor page shape
for every list, walked page by page on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib.metadata
import json
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.core.config import Settings
from server_stub.core.db import Database
from tests.server.factories import (
    WIB,
    FakeClock,
    Item,
    Tenant,
    add_product,
    assert_problem,
    make_sale,
    make_tenant,
    push,
)
from tests.server.test_alerts_api import flagged_sale, journal_gap, over_refund
from tests.server.test_api_keys import make_key
from tests.server.test_shift_reports_api import push as push_reports
from tests.server.test_shift_reports_api import x_doc, z_doc

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


# -- one page shape for every list ------------------------------------------------------------


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _answer_schema(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    content = operation["responses"].get("200", {}).get("content", {})
    if "application/json" not in content:
        return {}
    return _resolve(document, content["application/json"]["schema"])


def list_operations(document: dict[str, Any]) -> list[str]:
    """Owner-API GETs that answer a list: an array, or an object holding an ``items`` array."""
    found = []
    for method, path, operation in operations(document):
        if method != "get" or "x-required-scope" not in operation:
            continue
        schema = _answer_schema(document, operation)
        if schema.get("type") == "array" or "items" in schema.get("properties", {}):
            found.append(path)
    return found


def test_every_owner_list_is_a_cursor_page(document: dict[str, Any]) -> None:
    lists = list_operations(document)
    assert len(lists) >= 15
    for path in lists:
        operation = document["paths"][path]["get"]
        schema = _answer_schema(document, operation)
        names = {p.get("name") for p in operation.get("parameters", [])}
        assert schema.get("type") == "object", path
        properties = schema["properties"]
        assert properties["items"]["type"] == "array", path
        assert {"items", "next_cursor"} <= set(schema["required"]), path
        assert {t.get("type") for t in properties["next_cursor"]["anyOf"]} == {"string", "null"}
        assert set(properties) - {"items", "next_cursor"} <= {"store_code"}, path
        assert {"cursor", "limit"} <= names, path


WALKED = {
    "/v1/tills": {},
    "/v1/stores": {},
    "/v1/users": {},
    "/v1/products": {},
    "/v1/tax-categories": {},
    "/v1/sales": {},
    "/v1/sales/daily": {},
    "/v1/stock": {"store": "S01"},
    "/v1/journal/alerts": {},
    "/v1/journal/entries": {},
    "/v1/refunds": {},
    "/v1/shift-reports": {},
    "/v1/staff": {},
    "/v1/alerts": {"status": "all"},
    "/v1/api-keys": {},
    "/v1/webhooks/event-types": {},
    "/v1/webhooks/endpoints": {},
}


def _history(client: TestClient, tenant: Tenant) -> None:
    """At least two of everything each list shows, across stores, tills and days."""
    owner = tenant.owner
    for n in range(2):
        r = client.post(
            "/v1/users",
            json={
                "email": f"manager{n}@toko.test",
                "password": "panjang sekali",
                "role": "manager",
            },
            headers=owner,
        )
        assert r.status_code == 201, r.text
        r = client.post(
            "/v1/staff",
            json={"name": f"Kasir {n}", "stores": ["S01"], "pin": "2580"},
            headers=owner,
        )
        assert r.status_code == 201, r.text
        make_key(client, tenant, ["sales:read"])
        r = client.post(
            "/v1/webhooks/endpoints",
            # customer.created is never sent: no delivery to these LAN addresses is ever made
            # (a later test's worker would try them; nothing may leave 127.0.0.1).
            json={"url": f"https://10.1.1.{n + 1}/", "event_types": ["customer.created"]}
            | {"allow_lan": True},
            headers=owner,
        )
        assert r.status_code == 201, r.text
        product = add_product(client, tenant)
        r = client.post(
            "/v1/stock/movements",
            json={"store_code": "S01", "product_id": product["id"], "quantity": "5"},
            headers=owner,
        )
        assert r.status_code == 201, r.text
        for till in ("T01", "T02"):
            sold_at = datetime(2026, 3, 1 + n, 10, tzinfo=WIB)
            sale = make_sale([Item("P-1", "SKU-1", "Teh", 5000)], till_code=till, sold_at=sold_at)
            push(client, tenant.device(till), sale.to_json())
        over_refund(client, tenant)
        flagged_sale(client, tenant)
        journal_gap(client, tenant)
    push_reports(client, tenant.device(), x_doc(), z_doc(), x_doc("x-0002", 2))


def _walk(client: TestClient, tenant: Tenant, path: str, params: dict[str, str]) -> list[Any]:
    seen: list[Any] = []
    cursor = None
    for _ in range(200):
        query = {**params, "limit": "1", **({"cursor": cursor} if cursor else {})}
        r = client.get(path, params=query, headers=tenant.owner)
        assert r.status_code == 200, (path, r.text)
        assert len(r.json()["items"]) <= 1
        seen += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError(f"{path} never ended")


def test_every_list_pages_to_what_one_page_holds(
    client: TestClient, database: Database, clock: FakeClock
) -> None:
    tenant = make_tenant(
        client, database, clock, stores=("S01", "S02"), tills=(("S01", "T01"), ("S01", "T02"))
    )
    _history(client, tenant)
    document = client.get("/openapi.json").json()
    assert set(WALKED) == set(list_operations(document)) - {
        "/v1/webhooks/endpoints/{endpoint_id}/deliveries"  # its own tests page it
    }
    for path, params in WALKED.items():
        limit = next(
            p["schema"]["maximum"]
            for p in document["paths"][path]["get"]["parameters"]
            if p.get("name") == "limit"
        )
        r = client.get(path, params={**params, "limit": limit}, headers=tenant.owner)
        assert r.status_code == 200, (path, r.text)
        whole = r.json()
        assert whole["next_cursor"] is None and len(whole["items"]) >= 2, (path, whole)
        assert _walk(client, tenant, path, params) == whole["items"], path
        bad = client.get(path, params={**params, "cursor": "abc"}, headers=tenant.owner)
        assert bad.status_code == 422, (path, bad.text)
        assert_problem(bad, 422)


# -- examples -----------------------------------------------------------------------------------


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    """``schema`` checked as JSON Schema 2020-12, its ``$ref``s resolved in the document and
    formats (dates, times) asserted."""
    root = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": document["components"],
        **schema,
    }
    return jsonschema_rs.validator_for(root, validate_formats=True)


def _media_examples(document: dict[str, Any], media: dict[str, Any]) -> list[Any]:
    if "example" in media:
        return [media["example"]]
    if "examples" in media:
        return [e["value"] for e in media["examples"].values()]
    ref = media.get("schema", {}).get("$ref")
    listed: list[Any] = _resolve(document, media["schema"]).get("examples", []) if ref else []
    return listed


def _bodies(operation: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(where, media type, media) of the request body and every success answer."""
    found = [
        ("request", media_type, media)
        for media_type, media in operation.get("requestBody", {}).get("content", {}).items()
    ]
    for status, answer in operation["responses"].items():
        if status.startswith("2"):
            found += [(status, t, m) for t, m in answer.get("content", {}).items()]
    return found


def test_every_request_and_success_answer_has_an_example_that_fits_its_schema(
    document: dict[str, Any],
) -> None:
    checked = 0
    for method, path, operation in operations(document):
        for where, media_type, media in _bodies(operation):
            if media.get("schema", {}).get("format") == "binary":
                continue  # an XLSX file: no example to show in a document
            found = _media_examples(document, media)
            assert found, f"{method.upper()} {path} {where} {media_type}: no example"
            validator = _validator(document, media["schema"])
            for example in found:
                errors = [str(e) for e in validator.iter_errors(example)]
                assert errors == [], (method, path, where, errors[:3])
                checked += 1
    assert checked >= 90


def test_every_component_example_fits_its_schema(document: dict[str, Any]) -> None:
    components = document["components"]["schemas"]
    with_examples = [name for name, schema in components.items() if schema.get("examples")]
    assert len(with_examples) >= 60
    for name in with_examples:
        validator = _validator(document, {"$ref": f"#/components/schemas/{name}"})
        for example in components[name]["examples"]:
            errors = [str(e) for e in validator.iter_errors(example)]
            assert errors == [], (name, errors[:3])


# -- every error with its problem codes ---------------------------------------------------------

SOURCE = Path(__file__).resolve().parents[2] / "server_stub"
RAISED = re.compile(
    r'(?:Problem|problem_response)\(\s*(\d{3}),\s*"([a-z_]+(?:\.[a-z_]+)*)"'
    r'|(?:unauthorized|_refused)\(\s*"([a-z_.]+)"'
)
NOT_API = ("web", "cli.py", "demo.py", "backup.py")
"""The back office answers pages, and the command line (with its backup and restore) prints its
refusals."""
FRAMEWORK = {
    (400, "request.malformed_json"),
    (413, "request.too_large"),
    (422, "request.invalid"),
}
"""Answered by core.problems and core.limits for any route, written other than as a call."""
CODE = re.compile(r"`([a-z_]+(?:\.[a-z_<>]+)+|[a-z_]+)`")


def raised_codes() -> set[tuple[int, str]]:
    found = set(FRAMEWORK)
    for path in SOURCE.rglob("*.py"):
        if path.relative_to(SOURCE).parts[0] in NOT_API:
            continue
        for match in RAISED.finditer(path.read_text(encoding="utf-8")):
            status = int(match.group(1) or 401)
            if status < 500 or match.group(2) in ("service.busy", "not_ready"):
                found.add((status, match.group(2) or match.group(3)))
    return found


def test_every_problem_code_the_server_raises_is_documented_under_its_status(
    document: dict[str, Any],
) -> None:
    documented: set[tuple[int, str]] = set()
    for _, _, operation in operations(document):
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                documented |= {(int(status), c) for c in CODE.findall(answer["description"])}
    missing = sorted(raised_codes() - documented)
    assert missing == []


def test_every_error_answer_is_a_problem_naming_its_codes(document: dict[str, Any]) -> None:
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemOut"}}}
    for method, path, operation in operations(document):
        for status, answer in operation["responses"].items():
            if int(status) < 400:
                continue
            assert answer["content"] == problem, (method, path, status)
            assert CODE.search(answer["description"]), (method, path, status)
        if "x-required-scope" in operation:
            assert "`auth.scope_missing`" in operation["responses"]["403"]["description"]
            assert "`auth.rate_limited`" in operation["responses"]["429"]["description"]
