"""Produk baru in a real Chromium: a refused SKU is shown at its field, the corrected form adds
the product and the list shows it; the form is photographed at phone and laptop size (no field
wider than its form)."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.sync_api import Page

from server_stub import catalog
from server_stub.schemas import ProductIn
from tests.web.conftest import BrowserOwner, LiveServer, PageWatch, screenshot


def test_a_new_product_in_a_browser(
    owner_signed_in: tuple[Page, BrowserOwner],
    live_server: LiveServer,
    browser_page: tuple[Page, PageWatch],
) -> None:
    page, owner = owner_signed_in
    watch = browser_page[1]
    with live_server.db.write() as session:
        taken = ProductIn(sku="IND-001", name="Indomie Goreng", price=3500)
        catalog.create_product(session, owner.org_id, taken, datetime.now(UTC))
        session.commit()
    page.goto("/app/products")
    page.click("a[href='/app/products/new']")
    page.wait_for_load_state()
    page.fill("#f-sku", "IND-001")
    page.fill("#f-name", "Kopi Bubuk 250 g")
    page.fill("#f-price", "24.500")
    page.fill("#f-cost", "18.000")
    page.fill("#f-barcodes", "8991002101234")
    screenshot(page, "products-new")
    page.click("form[action='/app/products/new'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".field-error").inner_text() == "SKU ini sudah dipakai produk lain."
    screenshot(page, "products-new-refused")
    page.fill("#f-sku", "KOP-250")
    page.click("form[action='/app/products/new'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".flash.ok").count() == 1
    assert page.locator("#results").get_by_text("Kopi Bubuk 250 g").count() == 1
    # The refused form comes back as 422 (a form with errors), which Chromium logs as a failed
    # resource; that one line is expected, anything else is not.
    unexpected = [e for e in watch.console_errors if "status of 422" not in e]
    assert watch.dialogs == [] and watch.page_errors == [] and unexpected == []
