"""Kasir & perangkat: every till with its health in words, red first; a pairing code as text and
as a QR code of a ``pos-pair:`` link the till's own parser reads; revoking only through the
confirmation form with its CSRF token; another organization's till or store is 404, and a
manager sees only their stores' tills."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from pos_desktop.domain.errors import UserError
from pos_desktop.sync.pairing_link import parse_pairing_link
from server_stub import tenancy
from server_stub.core.db import Database
from server_stub.core.security.server_secret import load_keys
from server_stub.models import Device, EnrollmentCode, Store
from server_stub.till_health import Reason
from server_stub.web import i18n
from server_stub.web.pages.tills import reason_text
from server_stub.web.till_pairing import pairing_link, till_accepts
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

HEARTBEAT = "/v1/devices/me/heartbeat"


def pair(database: Database, owner: WebOwner, store_code: str, till_code: str, clock: FakeClock):
    """A till paired through the API's use cases: its device id and bearer headers."""
    with database.write() as session:
        store = session.get(Store, (owner.org_id, owner.store_ids[store_code]))
        assert store is not None
        pepper = load_keys(session).enrollment_pepper
        issued = tenancy.issue_enrollment_code(
            session, store, pepper=pepper, now=clock(), till_code=till_code
        )
        enrolled = tenancy.enroll_device(
            session, code=issued.code, till_code=None, name=till_code, pepper=pepper, now=clock()
        )
        session.commit()
        device_id = enrolled.device.device_id
    return device_id, {"Authorization": f"Bearer {device_id}.{enrolled.secret}"}


def heartbeat(client: TestClient, headers: dict[str, str], clock: FakeClock, **fields: Any) -> None:
    body = {"sent_at": clock().isoformat(), "app_version": "0.1.0", "printer": "ready", **fields}
    r = client.post(HEARTBEAT, json=body, headers=headers)
    assert r.status_code == 200, r.text


def revoked_at(database: Database, org_id: str, device_id: str) -> Any:
    with database.read() as session:
        device = session.get(Device, (org_id, device_id))
        assert device is not None
        return device.revoked_at


@pytest.fixture
def shop(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> dict[str, Any]:
    """S01 with a quiet T01 and a busy T02, S02 with T01 whose printer is out of paper."""
    tills = {
        "S01-T01": pair(database, owner, "S01", "T01", clock),
        "S01-T02": pair(database, owner, "S01", "T02", clock),
        "S02-T01": pair(database, owner, "S02", "T01", clock),
    }
    for _, headers in tills.values():
        heartbeat(client, headers, clock)
    clock.advance(14 * 60)
    heartbeat(client, tills["S01-T02"][1], clock)
    heartbeat(client, tills["S02-T01"][1], clock, printer="paper_out")
    clock.advance(3 * 60)  # T01 of S01 silent for 17 minutes, always open: red
    return {"tills": tills, "token": sign_in_owner(client, owner, clock)}


def test_every_till_with_its_health_in_words_red_first(
    client: TestClient, shop: dict[str, Any]
) -> None:
    page = client.get("/app/tills")
    assert page.status_code == 200
    html = page.text
    assert '<table class="cards tills">' in html and 'data-label="Printer"' in html
    order = [html.index(f'id="till-{shop["tills"][k][0]}"') for k in ("S01-T01", "S02-T01")]
    assert order == sorted(order), "red before amber"
    red = html[order[0] : order[1]]
    assert "Perlu tindakan" in red and "Tidak ada kabar selama 17 menit saat toko buka" in red
    assert "Printer: Kertas habis" in html and "Perlu dilihat" in html
    assert "0.1.0" in html
    client.cookies.set("lang", "en")
    english = client.get("/app/tills").text
    assert "Silent for 17 min during opening hours" in english and "Out of paper" in english
    fragment = client.get("/app/tills/list", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and fragment.text.lstrip().startswith("<section")
    assert 'hx-trigger="every 30s"' in fragment.text


def test_a_store_picked_narrows_the_list_and_another_orgs_is_404(
    client: TestClient, database: Database, owner: WebOwner, shop: dict[str, Any], clock: FakeClock
) -> None:
    s02 = owner.store_ids["S02"]
    page = client.get("/app/tills", params={"store": s02})
    assert page.status_code == 200
    assert shop["tills"]["S02-T01"][0] in page.text
    assert shop["tills"]["S01-T02"][0] not in page.text
    other = make_owner(database, clock, name="Toko Lain")
    theirs, _ = pair(database, other, "S01", "T01", clock)
    assert client.get("/app/tills", params={"store": other.store_ids["S01"]}).status_code == 404
    assert client.get("/app/tills/list", params={"store": "x" * 40}).status_code == 404
    assert theirs not in client.get("/app/tills").text
    assert client.get(f"/app/tills/{theirs}/revoke").status_code == 404
    r = client.post(f"/app/tills/{theirs}/revoke", data={"csrf_token": shop["token"]})
    assert r.status_code == 404
    assert revoked_at(database, other.org_id, theirs) is None
    r = client.post(
        "/app/tills/pair", data={"csrf_token": shop["token"], "store": other.store_ids["S01"]}
    )
    assert r.status_code == 404


def test_revoking_needs_the_confirmation_form_and_its_csrf_token(
    client: TestClient, database: Database, owner: WebOwner, shop: dict[str, Any], clock: FakeClock
) -> None:
    device_id, headers = shop["tills"]["S01-T02"]
    confirm = client.get(f"/app/tills/{device_id}/revoke")
    assert confirm.status_code == 200 and "Cabut kasir S01-T02?" in confirm.text
    token = csrf_of(confirm.text)
    assert f'action="/app/tills/{device_id}/revoke"' in confirm.text
    url = f"/app/tills/{device_id}/revoke"
    assert client.post(url, follow_redirects=False).status_code == 403
    assert client.post(url, data={"csrf_token": "wrong"}).status_code == 403
    assert revoked_at(database, owner.org_id, device_id) is None
    r = client.post(url, data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/app/tills?flash=tills.revoked"
    assert revoked_at(database, owner.org_id, device_id) == clock()
    body = {"sent_at": clock().isoformat(), "app_version": "0.1.0"}
    assert client.post(HEARTBEAT, json=body, headers=headers).status_code == 401
    listed = client.get(r.headers["location"])
    assert "Kasir sudah dicabut." in listed.text and device_id not in listed.text
    assert client.get(url).status_code == 404, "nothing left to confirm"


def test_a_pairing_code_as_text_and_as_a_qr_code_the_till_reads(
    client: TestClient, database: Database, owner: WebOwner, shop: dict[str, Any], clock: FakeClock
) -> None:
    data = {"csrf_token": shop["token"], "store": owner.store_ids["S02"], "till_code": "t05"}
    assert client.post("/app/tills/pair", data={"store": owner.store_ids["S02"]}).status_code == 403
    r = client.post("/app/tills/pair", data=data, headers={"host": "127.0.0.1:8000"})
    assert r.status_code == 200, r.text
    code = re.search(r'id="pair-code">([^<]+)<', r.text)
    assert code is not None
    assert re.search(r'<div class="qr"><svg [^>]*class="segno"', r.text)
    link = re.search(r'id="pair-link">([^<]+)<', r.text)
    assert link is not None
    parsed = parse_pairing_link(link.group(1).replace("&amp;", "&"))
    assert (parsed.server, parsed.code, parsed.till_code) == (
        "http://127.0.0.1:8000",
        code.group(1),
        "T05",
    )
    # The code works: a till pairs with it as T05 of S02.
    with database.write() as session:
        enrolled = tenancy.enroll_device(
            session,
            code=parsed.code,
            till_code=parsed.till_code,
            name="",
            pepper=load_keys(session).enrollment_pepper,
            now=clock(),
        )
        session.commit()
        assert enrolled.store.code == "S02" and enrolled.device.till_code == "T05"
    # Seen over plain http from elsewhere, a link would be refused by the till: the page says so.
    r = client.post("/app/tills/pair", data=data | {"till_code": ""})
    assert r.status_code == 200
    assert "<svg" not in r.text and "Kasir hanya menerima alamat https" in r.text
    assert re.search(r'id="pair-code">[A-Z0-9-]+<', r.text)


def test_a_till_code_in_use_or_malformed_is_said_on_the_form(
    client: TestClient, database: Database, owner: WebOwner, shop: dict[str, Any]
) -> None:
    base = {"csrf_token": shop["token"], "store": owner.store_ids["S01"]}
    taken = client.post("/app/tills/pair", data=base | {"till_code": "T02"})
    assert taken.status_code == 422 and "dipakai perangkat lain" in taken.text
    bad = client.post("/app/tills/pair", data=base | {"till_code": "<b>T1</b>"})
    assert bad.status_code == 422 and "<b>T1</b>" not in bad.text
    with database.read() as session:
        codes = session.execute(
            select(EnrollmentCode).where(EnrollmentCode.org_id == owner.org_id)
        ).scalars()
        before = len(list(codes))
    replace = client.post("/app/tills/pair", data=base | {"till_code": "T02", "replace": "on"})
    assert replace.status_code == 200
    with database.read() as session:
        newest = session.execute(
            select(EnrollmentCode)
            .where(EnrollmentCode.org_id == owner.org_id)
            .order_by(EnrollmentCode.created_at.desc())
        ).scalars()
        rows = list(newest)
    assert len(rows) == before + 1
    assert any(c.till_code == "T02" and c.replace_existing for c in rows)


def test_a_manager_sees_and_revokes_only_their_stores_tills(
    app: FastAPI, database: Database, owner: WebOwner, shop: dict[str, Any], clock: FakeClock
) -> None:
    made = make_manager(database, clock, owner.org_id, [owner.store_ids["S02"]])
    with TestClient(app) as manager:
        r: Any = sign_in(manager, made.email, code=next_code(made.totp_secret, clock))
        assert r.status_code == 303, r.text
        page = manager.get("/app/tills")
        assert page.status_code == 200
        token = csrf_of(page.text)
        s01_till = shop["tills"]["S01-T02"][0]
        assert shop["tills"]["S02-T01"][0] in page.text and s01_till not in page.text
        assert manager.get(f"/app/tills/{s01_till}/revoke").status_code == 404
        r = manager.post(f"/app/tills/{s01_till}/revoke", data={"csrf_token": token})
        assert r.status_code == 404
        assert (
            manager.get("/app/tills", params={"store": owner.store_ids["S01"]}).status_code == 404
        )
        data = {"csrf_token": token, "store": owner.store_ids["S01"]}
        assert manager.post("/app/tills/pair", data=data).status_code == 404
    assert revoked_at(database, owner.org_id, s01_till) is None


def test_the_link_format_is_the_tills() -> None:
    for server, till in (
        ("https://cloud.example.co.id", None),
        ("https://cloud.example.co.id:8443/pos/", "T02"),
        ("http://127.0.0.1:8000", "T01"),
        ("http://localhost:8000", None),
    ):
        link = pairing_link(server, "ABCD-EFGH", till)
        assert till_accepts(server)
        parsed = parse_pairing_link(link)
        assert parsed.server == server.rstrip("/")
        assert (parsed.code, parsed.till_code) == ("ABCD-EFGH", till)
    assert not till_accepts("http://192.168.1.10:8000")
    with pytest.raises(UserError):
        parse_pairing_link(pairing_link("http://192.168.1.10:8000", "ABCD-EFGH"))


def test_every_reason_and_printer_state_has_words() -> None:
    words = i18n.all_words()
    for code, value in (
        ("silent", 16),
        ("unsent_old", 61),
        ("quiet", 6),
        ("unsent", 3),
        ("needs_attention", 2),
        ("clock", -3600),
        ("printer", "paper_out"),
        ("never_heard", None),
        ("closed", 3000),
    ):
        assert f"tills.reason.{code}" in words
        for lang in ("id", "en"):
            text = reason_text(lang, Reason(code, value))
            assert "{" not in text and "tills." not in text, text
    for state in ("ready", "none", "paper_out", "paper_near_end", "cover_open", "offline"):
        assert f"tills.printer.{state}" in words
    assert reason_text("en", Reason("clock", -3600)) == "Till clock off by 1 h behind"
    assert reason_text("id", Reason("closed", 3000)) == (
        "Tidak aktif selama 2 hari; toko sedang tutup"
    )
