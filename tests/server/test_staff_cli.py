"""``pos-server admin create-staff`` and the demo cloud's staff, on a SQLite file."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from server_stub.app import create_app
from server_stub.cli import main
from server_stub.core import migrate
from server_stub.core.config import Settings
from server_stub.core.db import Database
from server_stub.core.security.server_secret import load_keys
from server_stub.demo import DEMO_STAFF, seed_demo
from server_stub.models import StaffMember

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["admin", "create-owner", "--database-url", url, "--org", "Warung Bu Sri",
                 "--email", "sri@warung.test", "--password", "rahasia-sekali"]) == 0  # fmt: skip
    for code in ("S01", "S02"):
        args = ["admin", "create-store", "--database-url", url, "--code", code, "--name", code]
        assert main(args) == 0
    capsys.readouterr()
    return url


def _staff(url: str) -> list[StaffMember]:
    db = Database(url, pool_size=1)
    try:
        with db.read() as session:
            return list(session.execute(select(StaffMember).order_by(StaffMember.name)).scalars())
    finally:
        db.dispose()


def _till_staff(url: str, store: str) -> list[dict[str, object]]:
    """What a till of ``store`` pulls, paired through the CLI's enrollment code."""
    code = _cli(url, "enrollment-code", "--store", store).strip()
    with TestClient(create_app(Settings(database_url=url))) as client:
        r = client.post("/v1/devices/enroll", json={"code": code})
        device = r.json()
        token = {"Authorization": f"Bearer {device['device_id']}.{device['device_secret']}"}
        staff: list[dict[str, object]] = client.get("/v1/sync/catalog", headers=token).json()[
            "staff"
        ]
    return staff


def _cli(url: str, *args: str) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["admin", *args, "--database-url", url]) == 0
    return out.getvalue()


def test_create_staff_reaches_the_tills_of_its_stores(url: str) -> None:
    out = _cli(url, "create-staff", "--store", "S01", "--store", "S02", "--name", "Dewi",
               "--role", "supervisor", "--pin", "5555")  # fmt: skip
    _cli(url, "create-staff", "--store", "S02", "--name", "Budi", "--pin", "2222")
    (dewi, budi) = sorted(_staff(url), key=lambda m: m.name, reverse=True)
    assert f"Dewi (supervisor) created in S01, S02: {dewi.staff_id}" in out
    assert "5555" not in out.replace(dewi.staff_id, "")  # 32 random hex digits may hold it
    assert (dewi.role, budi.role) == ("supervisor", "cashier")
    assert dewi.pin_verifier.startswith("$argon2id$") and CHEAP.verify(dewi.pin_verifier, "5555")
    s01 = _till_staff(url, "S01")
    assert [(m["name"], m["active"]) for m in s01] == [("Dewi", True)]


def test_create_staff_asks_for_the_pin_twice_when_not_given(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["4821", "4821", "4821", "4822"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    _cli(url, "create-staff", "--store", "S01", "--name", "Siti")
    assert CHEAP.verify(_staff(url)[0].pin_verifier, "4821")
    args = ["admin", "create-staff", "--database-url", url, "--store", "S01", "--name", "Ani"]
    assert main(args) == 1
    assert "staff.pin_mismatch" in capsys.readouterr().err
    assert [m.name for m in _staff(url)] == ["Siti"]


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (["--pin", "12a4"], "staff.invalid"),
        (["--pin", "123"], "staff.invalid"),
        (["--pin", "1234567"], "staff.invalid"),
        (["--pin", "1234", "--store", "S09"], "staff.unknown_store"),
    ],
)
def test_create_staff_refuses_bad_input_with_a_message(
    url: str, capsys: pytest.CaptureFixture[str], extra: list[str], code: str
) -> None:
    args = ["admin", "create-staff", "--database-url", url, "--store", "S01", "--name", "X"]
    assert main([*args, *extra]) == 1
    err = capsys.readouterr().err
    assert code in err
    if code == "staff.invalid":
        assert "4 to 6 digits" in err
    assert _staff(url) == []


def test_the_demo_cloud_seeds_its_staff_once(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'demo.db'}", pool_size=1)
    migrate.upgrade(db.engine)
    try:
        with db.write() as session:
            pepper = load_keys(session).enrollment_pepper
            first = seed_demo(session, pepper=pepper, now=datetime.now(UTC), items=[])
        with db.write() as session:
            again = seed_demo(session, pepper=pepper, now=datetime.now(UTC), items=[])
        with db.read() as session:
            rows = list(session.execute(select(StaffMember)).scalars())
    finally:
        db.dispose()
    assert set(first.staff_created) == {"Siti", "Budi", "Dewi", "Ani"} and again.staff_created == ()
    assert {(m.name, m.role) for m in rows} == {(d.name, d.role) for d in DEMO_STAFF}
    assert {("Dewi", "supervisor"), ("Ani", "manager")} <= {(d.name, d.role) for d in DEMO_STAFF}
    for member in rows:
        pin = next(d.pin for d in DEMO_STAFF if d.name == member.name)
        assert CHEAP.verify(member.pin_verifier, pin)
    assert [m["name"] for m in first.as_dict()["staff"]] == [d.name for d in DEMO_STAFF]
