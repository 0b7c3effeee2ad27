"""The menu marks where the person is, and only that."""

from __future__ import annotations

from fastapi.testclient import TestClient

from server_stub.web.render import section_of
from tests.server.factories import FakeClock
from tests.web.webtools import WebOwner, sign_in_owner


def test_each_address_belongs_to_one_section_or_none() -> None:
    assert section_of("/app/") == "home"
    assert section_of("/app/home/figures") == "home"
    assert section_of("/app/sales/abc") == "sales"
    assert section_of("/app/users/42") == "stores"
    assert section_of("/app/account") == ""
    assert section_of("/app/signin") == ""


def test_the_account_page_marks_no_menu_entry(
    client: TestClient, owner: WebOwner, clock: FakeClock
) -> None:
    sign_in_owner(client, owner, clock)
    account = client.get("/app/account")
    assert account.status_code == 200
    assert 'aria-current="page"' not in account.text
    home = client.get("/app/")
    assert home.text.count('aria-current="page"') == 1
