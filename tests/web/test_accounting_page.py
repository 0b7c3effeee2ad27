"""Laporan → Akuntansi: the Laporan page leads there; the preview shows the daily rows of a known
history; its buttons download the owner API's files (the same rows, numbers as numbers); a
manager sees only their stores, another organization's store is 404, a bad period 400."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook  # type: ignore[import-untyped]

from server_stub.app import create_app
from server_stub.core.config import Settings
from server_stub.core.db import Database
from tests.server.factories import PASSWORD, FakeClock
from tests.server.test_accounting_export_history import (
    DAY1,
    DAY2,
    History,
    build_history,
    history_clock,
)
from tests.web.conftest import LiveServer, PageWatch, browser_sign_in, fresh_code, screenshot
from tests.web.webtools import make_manager, make_owner, next_code, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Page

RANGE = {"from": DAY1.isoformat(), "to": DAY2.isoformat()}
PAGE = "/app/reports/accounting"


@pytest.fixture
def clock() -> FakeClock:
    return history_clock()


@pytest.fixture
def history(client: TestClient, database: Database, clock: FakeClock) -> History:
    return build_history(client, database, clock)


def sign_in_as(client: TestClient, email: str, secret: str, clock: FakeClock) -> None:
    client.cookies.clear()
    r: Any = sign_in(client, email, code=next_code(secret, clock))
    assert r.status_code == 303, r.text


def owner_in(client: TestClient, h: History, clock: FakeClock) -> None:
    sign_in_as(client, h.tenant.email, h.tenant.totp_secret, clock)


def page(client: TestClient, **params: str) -> str:
    r = client.get(PAGE, params={**RANGE, **params})
    assert r.status_code == 200, r.text
    text: str = r.text
    return text


def download(client: TestClient, what: str, fmt: str, **params: str) -> bytes:
    r = client.get(f"{PAGE}/download", params={**RANGE, "what": what, "fmt": fmt, **params})
    assert r.status_code == 200, r.text
    assert "attachment" in r.headers["content-disposition"]
    body: bytes = r.content
    return body


def test_the_laporan_page_leads_to_the_accounting_page(
    client: TestClient, clock: FakeClock, history: History
) -> None:
    owner_in(client, history, clock)
    reports = client.get("/app/reports", params=RANGE).text
    assert f'href="{PAGE}?store=&amp;from=2026-03-02&amp;to=2026-03-03"' in reports
    assert ">Akuntansi<" in reports
    text = page(client)
    assert 'aria-current="page">Akuntansi<' in text
    assert 'class="active" aria-current="page">Laporan<' in text  # the menu marks Laporan


def test_the_preview_shows_the_daily_rows(
    client: TestClient, clock: FakeClock, history: History
) -> None:
    owner_in(client, history, clock)
    text = page(client)
    assert "Ekspor akuntansi" in text and "PPN keluaran" in text and "Selisih kas" in text
    assert "02/03/2026" in text and "03/03/2026" in text
    assert "Rp100.100" in text  # S01's sales total on day 1
    assert "Rp27.300" in text  # its QRIS
    assert "-Rp2.000" in text  # its Z report was short
    assert "Rp97.728" in text  # its sales without PPN
    assert "harga modal produk saat ini" in text  # the stock journal's cost note
    s02 = page(client, store=history.store_ids["S02"])
    assert "Rp12.300" in s02 and "Rp100.100" not in s02
    client.cookies.set("lang", "en")
    english = page(client)
    assert "Output VAT (PPN)" in english and "Cash over/short" in english
    assert "Accounting export" in english


def test_the_buttons_download_the_api_files(
    client: TestClient, clock: FakeClock, history: History
) -> None:
    owner_in(client, history, clock)
    text = page(client)
    for what in ("accounting", "stock"):
        for fmt in ("xlsx", "csv"):
            assert f"what={what}&amp;fmt={fmt}" in text
    web_csv = download(client, "accounting", "csv")
    api = client.get("/v1/exports/accounting", params=RANGE, headers=history.tenant.owner)
    assert web_csv == api.content
    rows = list(csv.DictReader(io.StringIO(web_csv.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4 and rows[0]["sales_total"] == "100100"
    book = load_workbook(io.BytesIO(download(client, "stock", "xlsx")))
    sheet = list(book["Nilai persediaan"].iter_rows(values_only=True))
    keys = list(sheet[1])
    values = [line[keys.index("value")] for line in sheet[2:-1]]
    assert 192_000 in values and sheet[-1][0] == "Total"
    stock_csv = download(client, "stock", "csv", store=history.store_ids["S02"])
    stock = list(csv.DictReader(io.StringIO(stock_csv.decode("utf-8-sig")), delimiter=";"))
    assert {r["store_code"] for r in stock} == {"S02"}


def test_a_manager_sees_only_their_stores(
    client: TestClient, database: Database, clock: FakeClock, history: History
) -> None:
    made = make_manager(database, clock, history.tenant.org_id, [history.store_ids["S01"]])
    sign_in_as(client, made.email, made.totp_secret, clock)
    text = page(client)
    assert "Rp100.100" in text and "Rp12.300" not in text
    assert client.get(PAGE, params={"store": history.store_ids["S02"]}).status_code == 404
    rows = download(client, "accounting", "csv").decode("utf-8-sig").splitlines()
    assert all(";S02;" not in line for line in rows) and len(rows) == 3


def test_another_organization_and_bad_periods(
    client: TestClient, database: Database, clock: FakeClock, history: History
) -> None:
    other = make_owner(database, clock, stores=("S01",))
    sign_in_as(client, other.email, other.totp_secret, clock)
    assert "Rp100.100" not in page(client)
    assert "Belum ada penjualan" in page(client)
    assert client.get(PAGE, params={"store": history.store_ids["S01"]}).status_code == 404
    r = client.get(f"{PAGE}/download", params={"store": history.store_ids["S01"]})
    assert r.status_code == 404
    backwards = {"from": DAY2.isoformat(), "to": DAY1.isoformat()}
    assert client.get(PAGE, params=backwards).status_code == 400
    too_long = {"from": "2025-03-01", "to": "2026-03-02"}
    assert client.get(PAGE, params=too_long).status_code == 400
    assert client.get(PAGE, params={"from": "kemarin"}).status_code == 400
    r = client.get(f"{PAGE}/download", params={**RANGE, "fmt": "pdf"})
    assert r.status_code in (400, 404)


def test_the_page_in_a_browser(
    browser_page: tuple[Page, PageWatch], live_server: LiveServer
) -> None:
    """The history made in the live server's database by an app of this process (its clock
    is the history's); the page read and photographed in Chromium, a file downloaded."""
    seeder = create_app(
        Settings(database_url=live_server.database_url),
        clock=(clock := history_clock()),
        database=live_server.db,
    )
    with TestClient(seeder) as client:
        history = build_history(client, live_server.db, clock)
    page, watch = browser_page
    tenant = history.tenant
    browser_sign_in(page, tenant.email, PASSWORD, fresh_code(tenant.totp_secret))
    assert page.url.endswith("/app/"), page.url
    page.goto("/app/reports?from=2026-03-02&to=2026-03-03")
    page.click("nav.report-kinds a:has-text('Akuntansi')")
    page.wait_for_load_state()
    assert "/app/reports/accounting?" in page.url
    assert page.locator("table.report").get_by_text("Rp100.100").count() == 1
    screenshot(page, "accounting")
    with page.expect_download() as download_info:
        page.click("#download-accounting-xlsx")
    saved = download_info.value
    assert saved.suggested_filename == "akuntansi_semua_2026-03-02_2026-03-03.xlsx"
    book = load_workbook(io.BytesIO(saved.path().read_bytes()))
    assert book.sheetnames == ["Akuntansi harian", "Keterangan"]
    assert not watch.console_errors and not watch.page_errors and not watch.dialogs
