"""``pos-server`` commands on a SQLite file: admin, db upgrade, demo-seed, openapi."""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from server_stub.app import create_app
from server_stub.cli import main
from server_stub.core import migrate
from server_stub.core.config import Settings
from server_stub.core.db import Database
from server_stub.core.security import totp
from server_stub.core.security.server_secret import load_keys
from server_stub.demo import DEMO_OWNER_EMAIL, seed_demo
from server_stub.models import ProductRow

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_admin_commands_make_a_working_tenant(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert "up to date" in _run(capsys, "db", "upgrade", "--database-url", url)
    out = _run(
        capsys,
        "admin",
        "create-owner",
        "--database-url",
        url,
        "--org",
        "Warung Bu Sri",
        "--email",
        "sri@warung.test",
        "--password",
        "rahasia-sekali",
    )
    secret = re.search(r"TOTP secret:\s+(\S+)", out)
    assert secret and "otpauth://totp/" in out
    _run(capsys, "admin", "create-store", "--database-url", url, "--code", "S01", "--name", "Sri")
    code = _run(
        capsys, "admin", "enrollment-code", "--database-url", url, "--store", "S01", "--till", "T01"
    ).strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", code)
    app = create_app(Settings(database_url=url))
    with TestClient(app) as client:
        r = client.post("/v1/devices/enroll", json={"code": code})
        assert r.status_code == 201 and r.json()["org_name"] == "Warung Bu Sri"
        r = client.post(
            "/v1/auth/login",
            json={
                "email": "sri@warung.test",
                "password": "rahasia-sekali",
                "totp": totp.code_at(secret.group(1), datetime.now(UTC)),
            },
        )
        assert r.status_code == 200


def test_admin_errors_are_reported_not_raised(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["admin", "enrollment-code", "--database-url", url, "--store", "S01"]) == 1
    assert "org.ambiguous" in capsys.readouterr().err
    args = ["admin", "create-owner", "--database-url", url, "--org", "A", "--email", "a@a.test"]
    assert main([*args, "--password", "short"]) == 1
    assert "user.password_too_short" in capsys.readouterr().err


def test_demo_seed_is_idempotent_and_pairs_till_t01(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = json.loads(_run(capsys, "demo-seed", "--database-url", url, "--json"))
    assert first["org_name"] == "Toko Maju Jaya" and first["owner_email"] == DEMO_OWNER_EMAIL
    assert first["owner_password"] and first["store_code"] == "S01" and first["till_code"] == "T01"
    assert first["products_created"] > 500
    second = json.loads(_run(capsys, "demo-seed", "--database-url", url, "--json"))
    assert second["org_id"] == first["org_id"] and second["owner_password"] is None
    assert second["products_created"] == 0 and second["products_updated"] == 0
    app = create_app(Settings(database_url=url))
    with TestClient(app) as client:
        for code in (first["enrollment_code"], second["enrollment_code"]):
            r = client.post("/v1/devices/enroll", json={"code": code})
            assert r.status_code == 201 and r.json()["till_code"] == "T01"
        headers = {"Authorization": f"Bearer {r.json()['device_id']}.{r.json()['device_secret']}"}
        page = client.get("/v1/sync/catalog", params={"limit": 5000}, headers=headers).json()
    skus = {p["sku"]: p for p in page["products"]}
    assert len(skus) == first["products_created"]
    weighed = [p for p in skus.values() if p["sold_by_weight"]]
    assert weighed and all(p["in_store_code"] and p["unit"] == "kg" for p in weighed)
    assert all(p["id"] == p["sku"] for p in skus.values())
    text = _run(capsys, "demo-seed", "--database-url", url)
    assert "enrollment code:" in text and "(unchanged)" in text


def test_demo_seed_with_a_small_catalog(url: str) -> None:
    @dataclass(frozen=True)
    class Row:
        sku: str
        barcode: str
        name: str
        category: str
        price: int
        tax_code: str
        sold_by_weight: bool = False
        unit: str = "pcs"
        in_store_code: str = ""

    db = Database(url)
    migrate.upgrade(db.engine)
    with db.write() as session:
        keys = load_keys(session)
        seeded = seed_demo(
            session,
            pepper=keys.enrollment_pepper,
            now=datetime.now(UTC),
            owner_password="demo-password-1",
            items=[Row("A-1", "8991000000017", "Teh", "Minuman", 5000, "PPN")],
        )
    assert seeded.products_created == 1 and seeded.owner_password == "demo-password-1"
    with db.read() as session:
        assert session.execute(select(func.count()).select_from(ProductRow)).scalar_one() == 1
    db.dispose()


def test_openapi_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "openapi.json"
    _run(capsys, "openapi", "--out", str(out))
    spec = json.loads(out.read_text(encoding="utf-8"))
    assert "/v1/sync/sales" in spec["paths"]


def test_the_exported_openapi_document_is_current() -> None:
    from server_stub.openapi_export import export

    exported = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
    assert exported.read_text(encoding="utf-8") == export(), (
        "docs/openapi.json is stale: run pos-server openapi --out docs/openapi.json"
    )
