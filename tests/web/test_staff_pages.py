"""Staf: create, edit, reset PIN, deactivate and reactivate through the pages (CSRF required), no
PIN or verifier ever on a page, a manager kept to their stores, tenancy by URL, escaping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.core.db import Database
from server_stub.core.security import passwords
from server_stub.models import StaffMember
from tests.server.factories import FakeClock
from tests.web.webtools import (
    WebOwner,
    csrf_of,
    make_manager,
    make_owner,
    next_code,
    sign_in,
    sign_in_owner,
)


def members(database: Database, org_id: str) -> dict[str, StaffMember]:
    with database.read() as session:
        rows = session.execute(select(StaffMember).where(StaffMember.org_id == org_id)).scalars()
        return {m.name: m for m in rows}


def create(client: TestClient, token: str, **fields: Any) -> Any:
    data = {"csrf_token": token, "role": "cashier", "pin": "1234", "pin_again": "1234", **fields}
    return client.post("/app/staff", data=data, follow_redirects=False)


def staff_id_of(response: Any) -> str:
    assert response.status_code == 303, response.text
    found = re.match(r"/app/staff/([0-9a-f]+)\?flash=", response.headers["location"])
    assert found is not None, response.headers["location"]
    return found.group(1)


@contextmanager
def signed_in_manager(
    app: FastAPI, database: Database, owner: WebOwner, clock: FakeClock, store_codes: list[str]
) -> Iterator[tuple[TestClient, str]]:
    """A manager of ``store_codes`` signed in on a client of their own; yields it and its token."""
    made = make_manager(database, clock, owner.org_id, [owner.store_ids[c] for c in store_codes])
    email = made.email
    with TestClient(app) as manager:
        r: Any = sign_in(manager, email, code=next_code(made.totp_secret, clock))
        assert r.status_code == 303, r.text
        yield manager, csrf_of(manager.get("/app/").text)


def test_owner_creates_edits_resets_and_deactivates_a_member(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    s01, s02 = owner.store_ids["S01"], owner.store_ids["S02"]
    assert client.get("/app/staff/new").status_code == 200
    sid = staff_id_of(
        create(client, token, name="Siti", stores=[s01], pin="4821", pin_again="4821")
    )
    siti = members(database, owner.org_id)["Siti"]
    assert siti.staff_id == sid and siti.role == "cashier" and siti.active
    assert passwords.verify_password(siti.pin_verifier, "4821")
    page = client.get(f"/app/staff/{sid}?flash=staff.created")
    assert page.status_code == 200
    assert "Staf ditambahkan" in page.text
    assert "4821" not in page.text and "$argon2" not in page.text
    listed = client.get("/app/staff").text
    assert "Siti" in listed and "Kasir" in listed and "$argon2" not in listed

    r = client.post(
        f"/app/staff/{sid}",
        data={
            "csrf_token": token,
            "name": "Siti Aminah",
            "role": "supervisor",
            "stores": [s01, s02],
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    siti = members(database, owner.org_id)["Siti Aminah"]
    assert siti.role == "supervisor" and siti.seq > 0
    only_s02 = client.get(f"/app/staff?store={s02}").text
    assert "Siti Aminah" in only_s02

    r = client.post(
        f"/app/staff/{sid}/pin",
        data={"csrf_token": token, "pin": "135790", "pin_again": "135790"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    after = members(database, owner.org_id)["Siti Aminah"]
    assert passwords.verify_password(after.pin_verifier, "135790")
    assert not passwords.verify_password(after.pin_verifier, "4821")

    confirm = client.get(f"/app/staff/{sid}/deactivate")
    assert confirm.status_code == 200 and "Nonaktifkan Siti Aminah?" in confirm.text
    r = client.post(
        f"/app/staff/{sid}/deactivate", data={"csrf_token": token}, follow_redirects=False
    )
    assert r.status_code == 303
    assert members(database, owner.org_id)["Siti Aminah"].active is False
    assert "Nonaktif" in client.get("/app/staff").text
    r = client.post(
        f"/app/staff/{sid}/activate", data={"csrf_token": token}, follow_redirects=False
    )
    assert r.status_code == 303
    assert members(database, owner.org_id)["Siti Aminah"].active is True


def test_every_write_needs_the_csrf_token(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    s01 = owner.store_ids["S01"]
    assert create(client, "wrong", name="Budi", stores=[s01]).status_code == 403
    assert "Budi" not in members(database, owner.org_id)
    sid = staff_id_of(create(client, token, name="Budi", stores=[s01]))
    for path, data in (
        (f"/app/staff/{sid}", {"name": "X", "role": "manager", "stores": [s01]}),
        (f"/app/staff/{sid}/pin", {"pin": "9999", "pin_again": "9999"}),
        (f"/app/staff/{sid}/deactivate", {}),
    ):
        assert client.post(path, data=data).status_code == 403
    budi = members(database, owner.org_id)["Budi"]
    assert budi.role == "cashier" and budi.active
    assert passwords.verify_password(budi.pin_verifier, "1234")


def test_bad_forms_are_shown_again_with_the_reasons(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    s01 = owner.store_ids["S01"]
    cases: tuple[tuple[dict[str, Any], str], ...] = (
        ({"pin": "1234", "pin_again": "1243"}, "Kedua PIN tidak sama."),
        ({"pin": "12a4", "pin_again": "12a4"}, "PIN harus 4 sampai 6 angka."),
        ({"pin": "1234567", "pin_again": "1234567"}, "PIN harus 4 sampai 6 angka."),
        ({"stores": []}, "Pilih paling sedikit satu toko."),
        ({"name": "  "}, "Isi nama"),
        ({"role": "owner"}, "Pilih kasir, supervisor atau manajer."),
    )
    for change, message in cases:
        r = create(client, token, **{"name": "Dewi", "stores": [s01], **change})
        assert r.status_code == 422, (change, r.text)
        assert message in r.text, change
        assert "1234" not in r.text.replace('name="csrf_token"', "")
    assert members(database, owner.org_id) == {}


def test_a_manager_sees_and_changes_only_their_stores_staff(
    app: FastAPI, client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    s01, s02 = owner.store_ids["S01"], owner.store_ids["S02"]
    ani = staff_id_of(create(client, token, name="Ani", stores=[s01]))
    bayu = staff_id_of(create(client, token, name="Bayu", stores=[s02]))
    cici = staff_id_of(create(client, token, name="Cici", stores=[s01, s02]))
    with signed_in_manager(app, database, owner, clock, ["S01"]) as (manager, mtoken):
        listed = manager.get("/app/staff").text
        assert "Ani" in listed and "Cici" in listed and "Bayu" not in listed
        assert manager.get(f"/app/staff/{bayu}").status_code == 404
        assert manager.get(f"/app/staff?store={s02}").status_code == 404
        # Cici also works in S02: shown, not changed.
        shared = manager.get(f"/app/staff/{cici}")
        assert shared.status_code == 200 and "hanya pemilik" in shared.text
        assert 'action="/app/staff/' not in shared.text
        for path, data in (
            (f"/app/staff/{cici}", {"name": "C", "role": "cashier", "stores": [s01]}),
            (f"/app/staff/{cici}/pin", {"pin": "9999", "pin_again": "9999"}),
            (f"/app/staff/{cici}/deactivate", {}),
            (f"/app/staff/{bayu}/deactivate", {}),
        ):
            assert manager.post(path, data={"csrf_token": mtoken, **data}).status_code == 404
        # Their own store's member: changed, up to the manager role and no further.
        r = manager.post(
            f"/app/staff/{ani}",
            data={"csrf_token": mtoken, "name": "Ani", "role": "manager", "stores": [s01]},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
        r = manager.post(
            f"/app/staff/{ani}",
            data={"csrf_token": mtoken, "name": "Ani", "role": "owner", "stores": [s01]},
        )
        assert r.status_code == 422
        # Another store's id typed into the form is not theirs to give.
        r = manager.post(
            f"/app/staff/{ani}",
            data={"csrf_token": mtoken, "name": "Ani", "role": "cashier", "stores": [s01, s02]},
        )
        assert r.status_code == 404
        assert create(manager, mtoken, name="Dodi", stores=[s02]).status_code == 404
        staff_id_of(create(manager, mtoken, name="Dodi", role="supervisor", stores=[s01]))
    found = members(database, owner.org_id)
    assert found["Ani"].role == "manager"
    assert found["Cici"].role == "cashier" and found["Cici"].active
    assert found["Bayu"].active and found["Dodi"].role == "supervisor"


def test_another_organizations_member_is_not_found(
    app: FastAPI, client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    sid = staff_id_of(create(client, token, name="Eka", stores=[owner.store_ids["S01"]]))
    other = make_owner(database, clock, name="Toko Lain")
    with TestClient(app) as stranger:
        stoken = sign_in_owner(stranger, other, clock)
        assert stranger.get(f"/app/staff/{sid}").status_code == 404
        assert stranger.get(f"/app/staff/{sid}/deactivate").status_code == 404
        r = stranger.post(f"/app/staff/{sid}/deactivate", data={"csrf_token": stoken})
        assert r.status_code == 404
        assert stranger.get(f"/app/staff?store={owner.store_ids['S01']}").status_code == 404
        assert "Eka" not in stranger.get("/app/staff").text
    assert members(database, owner.org_id)["Eka"].active


def test_a_name_is_shown_as_text(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    name = "<script>alert(1)</script>"
    sid = staff_id_of(create(client, token, name=name, stores=[owner.store_ids["S01"]]))
    for path in ("/app/staff", f"/app/staff/{sid}", f"/app/staff/{sid}/deactivate"):
        text = client.get(path).text
        assert name not in text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, path


def test_signed_out_is_sent_to_sign_in(client: TestClient) -> None:
    r = client.get("/app/staff", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/app/signin")
