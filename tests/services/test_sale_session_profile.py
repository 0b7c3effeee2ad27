"""A sale keeps the store profile it started with; the book remembers versions for receipts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from pos_desktop.domain.cart import Product
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.scan import ScanInput
from pos_desktop.domain.tax import PPN_STANDARD, TaxSettings
from pos_desktop.services.checkout import Lookup, SaleSession
from pos_desktop.services.ports import StaffMember, StoreProfile
from pos_desktop.services.store_profile import KEEP_VERSIONS, ProfileBook

INCLUSIVE = StoreProfile(
    store_code="S01",
    till_code="T01",
    name="Toko",
    address_lines=(),
    npwp="",
    phone="",
    footer_lines=(),
    currency="IDR",
    tax=TaxSettings(ppn_enabled=True, prices_include_tax=True),
    rounding_step=100,
    version=1,
)
EXCLUSIVE = replace(
    INCLUSIVE, tax=TaxSettings(ppn_enabled=True, prices_include_tax=False), version=2
)
AQUA = Product("p-aqua", "AQU", "Aqua", 10_000, PPN_STANDARD, barcode="8991000000017")
SITI = StaffMember(1, "K01", "Siti", "cashier")


def lookup() -> Lookup:
    scan = ScanInput(code=AQUA.barcode, quantity=None, weight=None, price=None, in_store_item=None)
    return Lookup(scan=scan, product=AQUA)


def test_an_idle_session_takes_a_new_profile_at_once() -> None:
    session = SaleSession(INCLUSIVE)
    assert session.offer_profile(EXCLUSIVE)
    session.add(lookup())
    assert session.totals().total == 11_100


def test_an_open_cart_keeps_its_profile_until_the_sale_ends() -> None:
    session = SaleSession(INCLUSIVE)
    session.add(lookup())
    assert not session.offer_profile(EXCLUSIVE)
    session.add(lookup())
    assert session.totals().total == 20_000 and session.totals().tax_included == 1_982
    session.add_tender(Tender(TenderKind.CASH, 20_000))
    sale = session.prepare_commit(SITI, datetime.now(UTC))("S01-T01-000001")
    assert (sale.profile_version, sale.prices_include_tax) == (1, True)
    session.reset()
    assert session.profile == EXCLUSIVE
    session.add(lookup())
    assert session.totals().total == 11_100


def test_a_profile_the_cloud_never_sent_records_no_version() -> None:
    session = SaleSession(replace(INCLUSIVE, version=0))
    session.add(lookup())
    session.add_tender(Tender(TenderKind.CASH, 10_000))
    sale = session.prepare_commit(SITI, datetime.now(UTC))("S01-T01-000001")
    assert sale.profile_version is None and "profile_version" not in sale.to_json()


def test_the_book_reads_fresh_and_remembers_versions() -> None:
    stored = [INCLUSIVE]
    book = ProfileBook(lambda: stored[0])
    assert book.current() == INCLUSIVE
    stored[0] = EXCLUSIVE
    assert book.current() == EXCLUSIVE  # never a copy from before
    session = SaleSession(INCLUSIVE)
    session.add(lookup())
    session.add_tender(Tender(TenderKind.CASH, 10_000))
    sale = session.prepare_commit(SITI, datetime.now(UTC))("S01-T01-000001")
    assert book.for_sale(sale) == INCLUSIVE
    assert book.for_sale(replace(sale, profile_version=None)) == EXCLUSIVE
    assert book.for_sale(replace(sale, profile_version=99)) == EXCLUSIVE
    for version in range(3, 3 + KEEP_VERSIONS):
        stored[0] = replace(INCLUSIVE, version=version)
        book.current()
    assert book.for_sale(sale) == stored[0]  # version 1 long forgotten: the one in force


def test_pairing_replaces_the_profile_of_an_open_cart_and_drops_an_offered_one() -> None:
    session = SaleSession(INCLUSIVE)
    session.add(lookup())
    session.offer_profile(EXCLUSIVE)
    paired = replace(INCLUSIVE, store_code="S02", till_code="T03", version=1)
    session.replace_profile(paired)
    assert session.profile == paired
    session.reset()
    assert session.profile == paired  # not the profile offered under the old pairing
