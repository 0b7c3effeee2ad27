"""Webhook page: the owner makes an endpoint (its secret shown once), a refused target comes back
as the form with the reason, a test event's delivery shows in the log and "Kirim ulang" sends it
again, the endpoint is switched off and on and removed; an endpoint off after 3 days of failures
is named on this page and on the home page; managers and other organizations see nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from server_stub.core.db import Database
from server_stub.models import WebhookEndpoint
from tests.server.factories import FakeClock
from tests.server.test_webhooks_support import Receiver, hooks, worker
from tests.web.conftest import BrowserOwner, PageWatch, screenshot
from tests.web.test_staff_pages import signed_in_manager
from tests.web.webtools import WebOwner, csrf_of, make_owner, sign_in_owner

if TYPE_CHECKING:
    from playwright.sync_api import Page

PAGE = "/app/webhooks"
_ID = re.compile(r'href="/app/webhooks/([0-9a-f]{32})"')
FIXTURES = (hooks,)
"""The webhook tests' shared ``hooks`` app, found by pytest by name."""


@pytest.fixture
def receiver(clock: FakeClock) -> Iterator[Receiver]:
    found = Receiver(clock).start()
    yield found
    found.stop()


def make(client: TestClient, token: str, url: str, kinds: list[str], **extra: str) -> Any:
    return client.post(PAGE, data={"csrf_token": token, "url": url, "events": kinds, **extra})


def endpoint_id_of(client: TestClient) -> str:
    found = _ID.search(client.get(PAGE).text)
    assert found is not None
    return found.group(1)


def test_the_owner_makes_an_endpoint_and_sees_its_secret_once(
    hooks: TestClient, owner: WebOwner, clock: FakeClock, receiver: Receiver
) -> None:
    token = sign_in_owner(hooks, owner, clock)
    page = hooks.get(PAGE)
    assert page.status_code == 200 and "Webhook baru" in page.text
    assert f'href="{PAGE}"' in hooks.get("/app/").text  # in the owner's menu
    r = make(hooks, token, receiver.url, ["sale.created", "stock.changed"], description="Toko")
    assert r.status_code == 201, r.text
    shown = re.search(r'id="hook-secret">(whsec_[^<]+)<', r.text)
    assert shown is not None and "hanya ditampilkan sekali" in r.text
    listed = hooks.get(PAGE).text
    assert receiver.url in listed and "sale.created, stock.changed" in listed
    assert shown.group(1) not in listed
    assert shown.group(1) not in hooks.get(f"{PAGE}/{endpoint_id_of(hooks)}").text


def test_refused_targets_come_back_with_the_reason(
    hooks: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    token = sign_in_owner(hooks, owner, clock)
    r = make(hooks, token, "https://192.168.1.20/hooks", ["sale.created"])
    assert r.status_code == 422 and "centang izin LAN" in r.text
    assert 'value="https://192.168.1.20/hooks"' in r.text  # the form keeps what was typed
    r = make(hooks, token, "http://example.com/hooks", ["sale.created"])
    assert r.status_code == 422
    r = make(hooks, token, "https://169.254.169.254/", ["sale.created"], allow_lan="on")
    assert r.status_code == 422 and "tidak pernah diizinkan" in r.text
    r = make(hooks, token, "https://192.168.1.20/hooks", [])
    assert r.status_code == 422 and "Pilih setidaknya satu kejadian" in r.text
    r = make(hooks, token, "https://192.168.1.20/hooks", ["sale.created"], allow_lan="on")
    assert r.status_code == 201, r.text


def test_the_log_shows_a_delivery_and_kirim_ulang_sends_it_again(
    hooks: TestClient,
    owner: WebOwner,
    clock: FakeClock,
    receiver: Receiver,
    database: Database,
) -> None:
    token = sign_in_owner(hooks, owner, clock)
    make(hooks, token, receiver.url, ["sale.created"])
    hook = endpoint_id_of(hooks)
    r = hooks.post(f"{PAGE}/{hook}/test", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and "webhooks.test_sent" in r.headers["location"]
    worker(database, clock).run_until_idle()
    (got,) = receiver.received()
    detail = hooks.get(f"{PAGE}/{hook}").text
    assert "webhook.test" in detail and got.webhook_id in detail
    assert "Terkirim" in detail and "HTTP 200" in detail and "Kirim ulang" in detail
    r = hooks.post(
        f"{PAGE}/{hook}/deliveries/{got.webhook_id}/redeliver",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    worker(database, clock).run_until_idle()
    assert receiver.ids() == {got.webhook_id: 2}
    assert "2× dicoba" in hooks.get(f"{PAGE}/{hook}").text
    assert hooks.get(f"{PAGE}/{hook}", params={"status": "dead"}).text.count("Kirim ulang") == 0
    unknown = f"{PAGE}/{hook}/deliveries/msg_{'0' * 26}/redeliver"
    assert hooks.post(unknown, data={"csrf_token": token}).status_code == 404


def test_switching_off_on_editing_and_removing(
    hooks: TestClient, owner: WebOwner, clock: FakeClock, receiver: Receiver
) -> None:
    token = sign_in_owner(hooks, owner, clock)
    make(hooks, token, receiver.url, ["sale.created"])
    hook = endpoint_id_of(hooks)
    r = hooks.post(f"{PAGE}/{hook}/enabled", data={"csrf_token": token, "enabled": "0"})
    assert r.status_code == 200 and "Webhook dinonaktifkan" in r.text and "Aktifkan" in r.text
    assert "Kirim uji coba" not in r.text
    r = hooks.post(f"{PAGE}/{hook}/enabled", data={"csrf_token": token, "enabled": "1"})
    assert "Webhook diaktifkan" in r.text
    r = hooks.post(
        f"{PAGE}/{hook}",
        data={
            "csrf_token": token,
            "url": receiver.url,
            "events": ["refund.created"],
            "description": "Akuntansi",
        },
    )
    assert r.status_code == 200 and "Akuntansi" in r.text
    assert "Tersimpan" in r.text
    r = hooks.post(f"{PAGE}/{hook}/rotate", data={"csrf_token": token})
    assert r.status_code == 200 and "Rahasia baru dibuat" in r.text
    assert "dengan rahasia lama dan yang baru" in r.text
    r = hooks.post(f"{PAGE}/{hook}/delete", data={"csrf_token": token})
    assert r.status_code == 200 and "Webhook dihapus" in r.text and receiver.url not in r.text
    assert hooks.get(f"{PAGE}/{hook}").status_code == 404


def test_an_endpoint_off_after_3_days_of_failures_is_named_on_home_and_here(
    hooks: TestClient, owner: WebOwner, clock: FakeClock, receiver: Receiver, database: Database
) -> None:
    token = sign_in_owner(hooks, owner, clock)
    make(hooks, token, receiver.url, ["sale.created"])
    hook = endpoint_id_of(hooks)
    assert "gagal selama 3 hari" not in hooks.get("/app/").text
    with database.write() as session:
        session.execute(
            update(WebhookEndpoint)
            .where(WebhookEndpoint.org_id == owner.org_id)
            .values(enabled=False, disabled_at=clock(), disabled_reason="failing: ...; HTTP 503")
        )
        session.commit()
    home = hooks.get("/app/").text
    assert f"Webhook ke {receiver.url} dinonaktifkan" in home and f"{PAGE}/{hook}" in home
    assert "gagal selama 3 hari" in hooks.get(PAGE).text
    assert "Nonaktif: gagal 3 hari" in hooks.get(f"{PAGE}/{hook}").text
    hooks.cookies.set("lang", "en")
    assert "its deliveries failed for 3 days" in hooks.get("/app/").text


def test_managers_and_other_organizations_see_nothing(
    hooks: TestClient, owner: WebOwner, clock: FakeClock, receiver: Receiver, database: Database
) -> None:
    token = sign_in_owner(hooks, owner, clock)
    make(hooks, token, receiver.url, ["sale.created"])
    hook = endpoint_id_of(hooks)
    app = hooks.app
    with signed_in_manager(app, database, owner, clock, ["S01"]) as (manager, mtoken):
        assert manager.get(PAGE).status_code == 404
        assert manager.get(f"{PAGE}/{hook}").status_code == 404
        assert f'href="{PAGE}"' not in manager.get("/app/").text
        r = manager.post(f"{PAGE}/{hook}/delete", data={"csrf_token": mtoken})
        assert r.status_code == 404
    other = make_owner(database, clock, name="Lain")
    with TestClient(app) as stranger:
        stoken = sign_in_owner(stranger, other, clock)
        assert stranger.get(f"{PAGE}/{hook}").status_code == 404
        assert (
            stranger.post(f"{PAGE}/{hook}/delete", data={"csrf_token": stoken}).status_code == 404
        )
        assert receiver.url not in stranger.get(PAGE).text
    assert csrf_of(hooks.get(PAGE).text) == token


@pytest.mark.browser
def test_the_page_in_a_browser(
    owner_signed_in: tuple[Page, BrowserOwner], browser_page: tuple[Page, PageWatch]
) -> None:
    page, _ = owner_signed_in
    _, watch = browser_page
    page.click("summary")
    page.click(f"a.menu-link[href='{PAGE}']")
    page.wait_for_load_state()
    screenshot(page, "webhooks-empty")
    page.fill("#hook-url", "https://192.168.1.20/pos/hooks")
    page.fill("#hook-description", "Toko online")
    page.check("input[name=events][value='sale.created']")
    page.check("input[name=events][value='stock.changed']")
    page.check("input[name=allow_lan]")
    page.click("form[action='/app/webhooks'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#hook-secret").inner_text().startswith("whsec_")
    screenshot(page, "webhooks-secret")
    page.goto(PAGE)
    screenshot(page, "webhooks-list")
    page.click("a.button:has-text('Buka')")
    page.wait_for_load_state()
    page.click("button:has-text('Kirim uji coba')")
    page.wait_for_load_state()
    assert page.locator("text=Kejadian uji coba dikirim").count() == 1
    for _ in range(100):  # the server's own worker makes the delivery within a second or so
        if page.locator("#log table.cards tbody tr").count():
            break
        page.wait_for_timeout(200)
        page.reload()
    assert page.locator("#log table.cards tbody tr").count() == 1
    screenshot(page, "webhooks-endpoint")
    assert not watch.console_errors and not watch.page_errors and not watch.dialogs
