"""Signing in to the back office: password and TOTP, the first sign-in's enrollment, recovery
codes used once, refusals, idle timeout and signing out everywhere."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from server_stub.core.db import Database
from server_stub.core.security import totp
from server_stub.models import User
from tests.server.factories import PASSWORD, FakeClock
from tests.web.webtools import WebOwner, csrf_of, next_code, sign_in, sign_in_owner


def test_root_redirects_to_the_back_office(client: TestClient) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 303, 307)
    assert r.headers["location"] == "/app/"


def test_signed_out_page_redirects_to_sign_in(client: TestClient) -> None:
    r = client.get("/app/", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/app/signin?next=/app/")


def test_htmx_request_signed_out_gets_401_with_hx_redirect(client: TestClient) -> None:
    r = client.get("/app/", headers={"HX-Request": "true"}, follow_redirects=False)
    assert r.status_code == 401
    assert r.headers["HX-Redirect"].startswith("/app/signin")


def test_sign_in_with_password_and_totp(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    r: Any = sign_in(client, owner.email, code=next_code(owner.totp_secret, clock))
    assert r.status_code == 303
    assert r.headers["location"] == "/app/"
    cookie = r.headers["set-cookie"]
    assert "pos_session=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    home = client.get("/app/")
    assert home.status_code == 200
    assert owner.email in home.text
    assert 'href="/app/stores"' in home.text


def test_wrong_totp_is_refused(client: TestClient, owner: WebOwner, clock: FakeClock) -> None:
    clock.advance(totp.STEP_SECONDS)
    good = totp.code_at(owner.totp_secret, clock())
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    r: Any = sign_in(client, owner.email, code=wrong)
    assert r.status_code == 401
    assert "pos_session" not in r.headers.get("set-cookie", "")
    assert client.get("/app/", follow_redirects=False).status_code == 303


def test_wrong_password_is_refused(client: TestClient, owner: WebOwner, clock: FakeClock) -> None:
    r: Any = sign_in(
        client, owner.email, code=next_code(owner.totp_secret, clock), password="wrong password"
    )
    assert r.status_code == 401


def test_a_totp_code_signs_in_once(client: TestClient, owner: WebOwner, clock: FakeClock) -> None:
    code = next_code(owner.totp_secret, clock)
    first: Any = sign_in(client, owner.email, code=code)
    assert first.status_code == 303
    client.cookies.clear()
    again: Any = sign_in(client, owner.email, code=code)
    assert again.status_code == 401


def test_sign_in_form_without_csrf_is_refused(client: TestClient, owner: WebOwner) -> None:
    r = client.post(
        "/app/signin",
        data={"email": owner.email, "password": PASSWORD, "code": "000000"},
        follow_redirects=False,
    )
    assert r.status_code == 403


def _enroll_user(database: Database, owner: WebOwner) -> None:
    with database.write() as session:
        user = session.get(User, (owner.org_id, owner.user_id))
        assert user is not None
        user.totp_confirmed_at = None
        session.commit()


def _enroll(client: TestClient, owner: WebOwner, clock: FakeClock) -> list[str]:
    r: Any = sign_in(client, owner.email, code="")
    assert r.status_code == 303
    assert r.headers["location"] == "/app/enroll"
    # Half signed in: the back office itself is still closed.
    assert client.get("/app/", follow_redirects=False).headers["location"] == "/app/enroll"
    page = client.get("/app/enroll")
    assert page.status_code == 200
    assert "<svg" in page.text
    shown = re.search(r'id="totp-secret">([^<]+)<', page.text)
    assert shown is not None
    secret = shown.group(1).replace(" ", "")
    assert secret == owner.totp_secret
    done = client.post(
        "/app/enroll",
        data={"csrf_token": csrf_of(page.text), "code": next_code(secret, clock)},
    )
    assert done.status_code == 200, done.text
    codes = re.findall(r"<li>([A-Z0-9]{5}-[A-Z0-9]{5})</li>", done.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "no-store" in done.headers["cache-control"]
    return codes


def test_first_sign_in_enrolls_totp_and_shows_recovery_codes(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    _enroll_user(database, owner)
    _enroll(client, owner, clock)
    assert client.get("/app/").status_code == 200
    with database.read() as session:
        user = session.get(User, (owner.org_id, owner.user_id))
        assert user is not None and user.totp_confirmed_at is not None
    # From now on the password alone no longer signs in.
    client.cookies.clear()
    r: Any = sign_in(client, owner.email, code="")
    assert r.status_code == 401


def test_wrong_enrollment_code_keeps_totp_unconfirmed(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    _enroll_user(database, owner)
    sign_in(client, owner.email, code="")
    page = client.get("/app/enroll")
    r = client.post("/app/enroll", data={"csrf_token": csrf_of(page.text), "code": "123456x"})
    assert r.status_code == 400
    assert client.get("/app/", follow_redirects=False).headers["location"] == "/app/enroll"


def test_a_recovery_code_signs_in_once(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    _enroll_user(database, owner)
    codes = _enroll(client, owner, clock)
    client.cookies.clear()
    r: Any = sign_in(client, owner.email, code=codes[3].lower())
    assert r.status_code == 303
    assert client.get("/app/").status_code == 200
    client.cookies.clear()
    again: Any = sign_in(client, owner.email, code=codes[3])
    assert again.status_code == 401
    other: Any = sign_in(client, owner.email, code=codes[4])
    assert other.status_code == 303


def test_idle_session_is_signed_out(client: TestClient, owner: WebOwner, clock: FakeClock) -> None:
    sign_in_owner(client, owner, clock)
    clock.advance(29 * 60)
    assert client.get("/app/").status_code == 200  # activity: the idle clock starts again
    clock.advance(29 * 60)
    assert client.get("/app/").status_code == 200
    clock.advance(31 * 60)
    r = client.get("/app/", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/app/signin")


def test_sign_out(client: TestClient, owner: WebOwner, clock: FakeClock) -> None:
    token = sign_in_owner(client, owner, clock)
    stolen = client.cookies.get("pos_session")
    r = client.post("/app/signout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    client.cookies.set("pos_session", stolen or "", path="/app")
    assert client.get("/app/", follow_redirects=False).status_code == 303


def test_sign_out_everywhere(app: Any, owner: WebOwner, clock: FakeClock) -> None:
    with TestClient(app) as laptop, TestClient(app) as phone:
        token = sign_in_owner(laptop, owner, clock)
        sign_in_owner(phone, owner, clock)
        assert phone.get("/app/").status_code == 200
        r = laptop.post(
            "/app/signout-everywhere", data={"csrf_token": token}, follow_redirects=False
        )
        assert r.status_code == 303
        assert phone.get("/app/", follow_redirects=False).status_code == 303
        assert laptop.get("/app/", follow_redirects=False).status_code == 303


def test_post_without_csrf_token_is_refused(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    sign_in_owner(client, owner, clock)
    assert client.post("/app/signout", data={}).status_code == 403
    assert client.post("/app/signout", data={"csrf_token": "nope"}).status_code == 403
    # still signed in
    assert client.get("/app/").status_code == 200


def test_htmx_post_with_csrf_header_passes(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(client, owner, clock)
    r = client.post(
        "/app/signout",
        headers={"X-CSRF-Token": token, "HX-Request": "true"},
        follow_redirects=False,
    )
    assert r.status_code == 303


def test_language_switch(client: TestClient, owner: WebOwner, clock: FakeClock) -> None:
    token = sign_in_owner(client, owner, clock)
    assert "Beranda" in client.get("/app/").text
    r = client.post(
        "/app/lang",
        data={"csrf_token": token, "lang": "en", "next": "/app/"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/app/"
    home = client.get("/app/")
    assert '<html lang="en">' in home.text and ">Home<" in home.text


def test_session_cookie_is_secure_under_tls(app: Any, owner: WebOwner, clock: FakeClock) -> None:
    with TestClient(app, base_url="https://testserver") as tls:
        page = tls.get("/app/signin")
        assert "secure" in page.headers["set-cookie"].lower()  # the sign-in form's token
        r = tls.post(
            "/app/signin",
            data={
                "csrf_token": csrf_of(page.text),
                "email": owner.email,
                "password": PASSWORD,
                "code": next_code(owner.totp_secret, clock),
            },
            follow_redirects=False,
        )
        assert r.status_code == 303
        cookie = r.headers["set-cookie"].lower()
        assert "pos_session=" in cookie and "secure" in cookie and "httponly" in cookie
        assert "max-age=31536000" in tls.get("/app/").headers["strict-transport-security"]


def test_language_switch_before_sign_in(client: TestClient) -> None:
    page = client.get("/app/signin")
    assert "Masuk" in page.text
    r = client.post(
        "/app/lang",
        data={"csrf_token": csrf_of(page.text), "lang": "en", "next": "/app/signin"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/app/signin"
    assert "Sign in" in client.get("/app/signin").text
    # Somewhere else than the back office is never where the switch sends you.
    away = client.post(
        "/app/lang",
        data={"csrf_token": csrf_of(page.text), "lang": "id", "next": "https://evil.example/"},
        follow_redirects=False,
    )
    assert away.headers["location"] == "/app/"


def test_expired_sessions_are_purged_at_sign_in(
    client: TestClient, database: Database, owner: WebOwner, clock: FakeClock
) -> None:
    from sqlalchemy import func, select

    from server_stub.models.web import WebSession

    sign_in_owner(client, owner, clock)
    client.cookies.clear()
    clock.advance(3600)
    sign_in_owner(client, owner, clock)
    with database.read() as session:
        count = session.execute(
            select(func.count()).where(
                WebSession.org_id == owner.org_id, WebSession.user_id == owner.user_id
            )
        ).scalar_one()
    assert count == 1


def test_a_page_refreshing_itself_does_not_keep_the_session_alive(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    sign_in_owner(client, owner, clock)
    for _ in range(4):
        clock.advance(10 * 60)
        polled = client.get("/app/", headers={"HX-Request": "true", "X-Poll": "1"})
        if polled.status_code != 200:
            break
    assert polled.status_code == 401 and polled.headers["HX-Redirect"].startswith("/app/signin")
