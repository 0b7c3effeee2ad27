"""Produk in a real Chromium: live search as the owner types, an edit saved, an import whose bad
row is shown before anything is written, and a name made of a script shown as text; the pages are
photographed at phone and laptop size."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page

from server_stub import catalog
from server_stub.schemas import ProductIn
from tests.web.conftest import BrowserOwner, LiveServer, PageWatch, screenshot

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def catalog_page(
    owner_signed_in: tuple[Page, BrowserOwner],
    live_server: LiveServer,
    browser_page: tuple[Page, PageWatch],
) -> tuple[Page, BrowserOwner, PageWatch]:
    page, owner = owner_signed_in
    products = [
        ProductIn(sku="IND-001", name="Indomie Goreng", price=3500, barcodes=["089686010947"]),
        ProductIn(sku="AQU-600", name="Aqua 600 ml", price=4000, cost_price=2500),
        ProductIn(sku="XSS-1", name=SCRIPT, price=1),
    ]
    products += [
        ProductIn(sku=f"MIE-{n:02}", name=f"Mie telur {n:02}", category="Mi", price=2500 + n)
        for n in range(8)
    ]
    with live_server.db.write() as session:
        report = catalog.upsert_products(session, owner.org_id, products, datetime.now(UTC))
        assert not report.errors
        session.commit()
    return page, owner, browser_page[1]


def test_search_edit_and_import_in_a_browser(
    catalog_page: tuple[Page, BrowserOwner, PageWatch], tmp_path: Path
) -> None:
    page, _, watch = catalog_page
    page.goto("/app/products")
    assert page.locator("#results").get_by_text(SCRIPT).count() == 1
    screenshot(page, "products-list")
    page.fill("#product-search", "goreng")
    page.wait_for_function("() => !document.querySelector('#results').textContent.includes('Aqua')")
    assert page.locator("#results").get_by_text("Indomie Goreng").count() == 1
    assert "q=goreng" in page.url
    page.click("#results a:has-text('Indomie Goreng')")
    page.fill("#f-price", "3.900")
    page.fill("#f-cost", "2750")
    screenshot(page, "products-edit")
    page.click("form[action^='/app/products/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#results").get_by_text("Rp3.900").count() == 1
    assert page.locator(".flash.ok").count() == 1

    csv = tmp_path / "produk.csv"
    csv.write_text("sku,name,price\nNEW-1,Kopi,5000\nNEW-2,Teh,lima ribu\n", encoding="utf-8")
    page.goto("/app/products/import")
    page.set_input_files("#f-file", str(csv))
    page.click("form[action='/app/products/import'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#rejected").get_by_text("harus rupiah bulat").count() == 1
    assert page.locator("#count-new").inner_text() == "1"
    screenshot(page, "products-import-preview")
    page.goto("/app/products?q=NEW-1")
    assert page.locator("#results").get_by_text("Kopi").count() == 0
    csv.write_text("sku,name,price\nNEW-1,Kopi,5000\nNEW-2,Teh,4000\n", encoding="utf-8")
    page.goto("/app/products/import")
    page.set_input_files("#f-file", str(csv))
    page.click("form[action='/app/products/import'] button[type=submit]")
    page.wait_for_load_state()
    page.click("form[action='/app/products/import/confirm'] button[type=submit]")
    page.wait_for_load_state()
    assert "2 produk baru" in page.locator("#import-result").inner_text()
    assert watch.dialogs == [] and watch.page_errors == []
    assert watch.console_errors == []
