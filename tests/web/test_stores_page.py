"""The Toko page: the store profile edited through the API's use case (a new profile version
the tills receive), validation in both languages, escaping, and tenancy by URL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from server_stub.core.db import Database
from server_stub.models import Store, StoreProfileVersion
from tests.server.factories import FakeClock
from tests.web.webtools import WebOwner, csrf_of, make_owner, sign_in_owner


def _form(**changes: str) -> dict[str, str]:
    form = {
        "name": "Toko Maju",
        "legal_name": "PT Maju Jaya",
        "address": "Jl. Merdeka 10\nBandung",
        "npwp": "01.234.567.8-901.000",
        "phone": "022-123",
        "receipt_header": "Buka 07-22",
        "receipt_footer": "Terima kasih",
        "ppn_enabled": "on",
        "prices_include_tax": "inclusive",
        "rounding_step": "500",
        "timezone": "Asia/Makassar",
        "open_mon": "on",
        "from_mon": "08:00",
        "to_mon": "21:00",
        "open_sun": "on",
        "from_sun": "18:00",
        "to_sun": "02:00",
    }
    form.update(changes)
    return form


def test_owner_edits_the_store_profile(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    store_id = owner.store_ids["S01"]
    page = client.get(f"/app/stores/{store_id}")
    assert page.status_code == 200
    r = client.post(
        f"/app/stores/{store_id}", data={"csrf_token": token, **_form()}, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    with database.read() as session:
        store = session.get(Store, (owner.org_id, store_id))
        assert store is not None
        assert store.legal_name == "PT Maju Jaya"
        assert store.npwp == "012345678901000"
        assert store.receipt_header == ["Buka 07-22"]
        assert store.ppn_enabled and store.prices_include_tax
        assert store.rounding_step == 500
        assert store.timezone == "Asia/Makassar"
        assert store.opening_hours == {
            "mon": {"open": "08:00", "close": "21:00"},
            "sun": {"open": "18:00", "close": "02:00"},
        }
        assert store.profile_version == 2
        assert session.get(StoreProfileVersion, (owner.org_id, store_id, 2)) is not None
    shown = client.get(f"/app/stores/{store_id}?flash=common.saved").text
    assert "Tersimpan." in shown and "01.234.567.8-901.000" in shown
    # Saved again as it is: no new version for the tills.
    again = client.post(
        f"/app/stores/{store_id}", data={"csrf_token": token, **_form()}, follow_redirects=False
    )
    assert again.status_code == 303
    with database.read() as session:
        store = session.get(Store, (owner.org_id, store_id))
        assert store is not None and store.profile_version == 2


def test_the_tills_feed_carries_the_change(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    store_id = owner.store_ids["S01"]
    client.post(f"/app/stores/{store_id}", data={"csrf_token": token, **_form(name="Baru")})
    from server_stub.api.deps import AppContext

    ctx: AppContext = client.app.state.ctx  # type: ignore[attr-defined]
    with ctx.db.read() as session:
        store = session.get(Store, (owner.org_id, store_id))
        assert store is not None and store.name == "Baru"


def test_invalid_values_are_explained_in_bahasa_and_english(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    store_id = owner.store_ids["S01"]
    bad = _form(npwp="12345", rounding_step="300", to_mon="25:00", name="")
    r = client.post(f"/app/stores/{store_id}", data={"csrf_token": token, **bad})
    assert r.status_code == 422
    assert "NPWP terdiri dari 15 atau 16 angka." in r.text
    assert "Pilih salah satu pembulatan." in r.text
    assert "Tulis jam seperti 08:00." in r.text
    assert "Nama toko wajib diisi" in r.text
    client.post("/app/lang", data={"csrf_token": token, "lang": "en", "next": "/app/"})
    r = client.post(f"/app/stores/{store_id}", data={"csrf_token": token, **bad})
    assert r.status_code == 422
    assert "An NPWP has 15 or 16 digits." in r.text
    with database.read() as session:
        store = session.get(Store, (owner.org_id, store_id))
        assert store is not None and store.profile_version == 1 and store.npwp == ""


def test_a_script_in_a_store_name_shows_as_text(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    store_id = owner.store_ids["S01"]
    evil = "<script>alert(1)</script>"
    r = client.post(f"/app/stores/{store_id}", data={"csrf_token": token, **_form(name=evil)})
    assert r.status_code == 200, r.text
    for page in (client.get("/app/stores").text, client.get(f"/app/stores/{store_id}").text):
        assert evil not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_another_orgs_store_is_404(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    other = make_owner(database, clock, stores=("S01",), name="Toko Lain")
    token = sign_in_owner(client, owner, clock)
    theirs = other.store_ids["S01"]
    assert client.get(f"/app/stores/{theirs}").status_code == 404
    r = client.post(f"/app/stores/{theirs}", data={"csrf_token": token, **_form()})
    assert r.status_code == 404
    assert client.get("/app/stores/nonsense").status_code == 404
    assert "Toko Lain" not in client.get("/app/stores").text


def test_owner_creates_a_store(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    r = client.post(
        "/app/stores",
        data={"csrf_token": token, "code": "bdg1", "name": "Cabang Bandung"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert client.get(r.headers["location"]).status_code == 200
    taken: Any = client.post(
        "/app/stores", data={"csrf_token": token, "code": "S01", "name": "Dua"}
    )
    assert taken.status_code == 422
    assert "Kode ini sudah dipakai toko lain." in taken.text
    page = client.get("/app/stores")
    assert "BDG1" in page.text and "Cabang Bandung" in page.text
    assert csrf_of(page.text) == token


def test_saving_without_the_csrf_token_is_refused(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    sign_in_owner(client, owner, clock)
    store_id = owner.store_ids["S01"]
    r = client.post(f"/app/stores/{store_id}", data=_form(name="Dicuri"))
    assert r.status_code == 403
    assert "Permintaan ditolak" in r.text
    with database.read() as session:
        store = session.get(Store, (owner.org_id, store_id))
        assert store is not None and store.name != "Dicuri"
