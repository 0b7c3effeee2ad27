"""Fixtures for the local store: a migrated database per test, a small catalog, cheap PIN hashes."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.barcode import gtin_check_digit
from pos_desktop.domain.cart import Cart, Discount, Product
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord, build_sale
from pos_desktop.domain.tax import DEFAULT_CATEGORIES, TaxSettings
from pos_desktop.domain.totals import compute_totals
from pos_desktop.localdb.engine import make_session_factory, open_engine
from pos_desktop.localdb.migrate import upgrade
from pos_desktop.localdb.seed import bulk_load_products
from pos_desktop.localdb.settings import save_profile
from pos_desktop.localdb.transactions import write_session
from pos_desktop.services.ports import StoreProfile

WIB = timezone(timedelta(hours=7))
SOLD_AT = datetime(2026, 11, 28, 9, 30, tzinfo=WIB)


def ean13(body12: str) -> str:
    return body12 + str(gtin_check_digit(body12))


def cheap_hasher() -> PasswordHasher:
    """argon2 with minimal cost: the PIN logic is under test, not the hash's strength."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


PROFILE = StoreProfile(
    store_code="S01",
    till_code="T01",
    name="Toko Uji",
    address_lines=("Jl. Asia Afrika 8", "Bandung 40111"),
    npwp="01.234.567.8-901.000",
    phone="022-1234567",
    footer_lines=("Terima kasih",),
    currency="IDR",
    tax=TaxSettings(ppn_enabled=True, prices_include_tax=True),
    rounding_step=100,
)


@dataclass(frozen=True)
class Spec:
    """A product to load, shaped like ``demo_catalog.DemoProduct``."""

    sku: str
    barcode: str | None
    name: str
    price: int
    tax_code: str = "EXEMPT"
    category: str = "Umum"
    sold_by_weight: bool = False
    unit: str = "pcs"
    in_store_code: str | None = None


UPC_A = "036000291452"  # a real UPC-A; stored as the EAN-13 "0036000291452"
CATALOG: tuple[Spec, ...] = (
    Spec("IDM-GRG", ean13("899100000001"), "Indomie Goreng Original 85 g", 3_500),
    Spec("IDM-SOTO", ean13("899100000002"), "Indomie Soto Mie 70 g", 3_300),
    Spec("AQUA-600", ean13("899100000003"), "Aqua Air Mineral 600 ml", 4_000),
    Spec("MIE-SDP", ean13("899100000007"), "Mie Sedaap Goreng 90 g", 3_200),
    Spec("GULA-1KG", ean13("899100000004"), "Gulaku Gula Tebu 1 kg", 17_650, "PPN"),
    Spec("TEH-SOSRO", ean13("899100000005"), "Teh Botol Sosro 450 ml", 5_500, "PPN"),
    Spec("KLEENEX", "0" + UPC_A, "Kleenex Tissue Imported", 32_000, "PPN"),
    Spec(
        "BERAS-KG",
        None,
        "Beras Pandan Wangi",
        14_000,
        sold_by_weight=True,
        unit="kg",
        in_store_code="2010001",
    ),
    Spec("SAMPO_50%", ean13("899100000006"), 'Sampo 100% Alami [50%] "Segar"', 12_000, "PPN"),
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "till.db"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    eng = open_engine(db_path)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def store(factory: sessionmaker[Session]) -> StoreProfile:
    """The store profile saved; tax categories come with the catalog load."""
    with write_session(factory) as session:
        save_profile(session, PROFILE)
    return PROFILE


@pytest.fixture
def catalog(engine: Engine, store: StoreProfile) -> tuple[Spec, ...]:
    bulk_load_products(engine, CATALOG)
    return CATALOG


TAX = {c.code: c for c in DEFAULT_CATEGORIES}


def product(name: str, price: int, tax: str = "EXEMPT", *, weighed: bool = False) -> Product:
    return Product(
        f"id-{name}", f"SKU-{name}", name, price, TAX[tax], "", weighed, "kg" if weighed else "pcs"
    )


SaleMaker = Callable[[str], SaleRecord]


def sale_maker(
    profile: StoreProfile = PROFILE,
    *,
    lines: int = 3,
    sold_at: datetime = SOLD_AT,
    sale_id: str | None = None,
) -> SaleMaker:
    """A ``make(receipt_no)`` like the checkout service's: lines, a discount, split tender."""
    cart = Cart()
    for i in range(lines):
        tax = "PPN" if i % 2 else "EXEMPT"
        cart.add(product(f"Barang {i}", 1_000 * (i + 1) + 250, tax), Decimal(i % 3 + 1))
    cart.add(product("Beras", 14_000, weighed=True), Decimal("1.255"))
    cart.set_line_discount(cart.lines[0].line_id, Discount.percent(10))
    totals = compute_totals(cart.lines, None, profile.tax, profile.rounding_step)
    payment = Payment(totals.total)
    payment.add(Tender(TenderKind.QRIS, 1_000, reference="QR-123"))
    payment.add(Tender(TenderKind.CASH, totals.total - 1_000 + 20_000))
    the_id = sale_id or str(uuid.uuid4())

    def make(receipt_no: str) -> SaleRecord:
        return build_sale(
            sale_id=the_id,
            receipt_no=receipt_no,
            store_code=profile.store_code,
            till_code=profile.till_code,
            sold_at=sold_at,
            cashier_code="K01",
            cashier_name="Siti",
            currency=profile.currency,
            prices_include_tax=profile.tax.prices_include_tax,
            cart=cart,
            totals=totals,
            payment=payment,
        )

    return make


def assert_search_index_matches(engine: Engine, words: Iterable[str]) -> None:
    """The trigram index and the product names agree for each word (3+ characters).

    Reads the index alone (``rowid`` only), so a stale entry for a renamed or deleted product
    shows up here even though searches hide it by joining on ``products``.
    """
    with engine.connect() as conn:
        for word in words:
            indexed = set(
                conn.execute(
                    text("SELECT rowid FROM product_search WHERE product_search MATCH :q"),
                    {"q": '"' + word.replace('"', '""') + '"'},
                ).scalars()
            )
            named = set(
                conn.execute(
                    text("SELECT pk FROM products WHERE instr(lower(name), lower(:w)) > 0"),
                    {"w": word},
                ).scalars()
            )
            assert indexed == named, word
