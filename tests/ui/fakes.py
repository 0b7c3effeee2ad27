"""In-memory stand-ins for the storage ports, for UI tests that are not about storage.

They honour the ports' contracts (a refused commit changes nothing, receipt numbers are
gap-free, lockout grows) so the screens behave as they do on the real store, and they let a test
inject a failure (a full disk, a locked database) at a chosen call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pos_desktop.config import TillConfig
from pos_desktop.domain.barcode import gtin_check_digit
from pos_desktop.domain.cart import Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Role
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.tax import EXEMPT, PPN_STANDARD, TaxSettings
from pos_desktop.services.checkout import TillService
from pos_desktop.services.ports import LoginResult, StaffMember, StoreProfile
from pos_desktop.ui.context import TillContext


def ean13(body12: str) -> str:
    return body12 + str(gtin_check_digit(body12))


INDOMIE = Product("p-indomie", "IDM-GRG", "Indomie Goreng", 3_500, EXEMPT, ean13("899100000001"))
AQUA = Product("p-aqua", "AQUA-600", "Aqua 600 ml", 4_000, EXEMPT, ean13("899100000002"))
GULA = Product("p-gula", "GULA-1KG", "Gulaku 1 kg", 17_650, PPN_STANDARD, ean13("899100000003"))
BERAS = Product(
    "p-beras", "BERAS-KG", "Beras Pandan Wangi", 14_000, EXEMPT, ean13("899100000004"), True, "kg"
)
PRODUCTS = (INDOMIE, AQUA, GULA, BERAS)

PROFILE = StoreProfile(
    store_code="S01",
    till_code="T01",
    name="Toko Uji Coba",
    address_lines=("Jl. Merdeka 1, Bandung",),
    npwp="",
    phone="",
    footer_lines=("Terima kasih",),
    currency="IDR",
    tax=TaxSettings(ppn_enabled=False, prices_include_tax=True),
    rounding_step=100,
)

SITI = StaffMember(1, "K01", "Siti", Role.CASHIER)
BUDI = StaffMember(2, "K02", "Budi", Role.CASHIER)
PINS = {SITI.user_id: "1111", BUDI.user_id: "2222"}


class FakeCatalog:
    def __init__(self, products: Sequence[Product] = PRODUCTS) -> None:
        self.products = list(products)

    def product_by_code(self, code: str) -> Product | None:
        for product in self.products:
            if code in (product.barcode, product.sku):
                return product
        return None

    def search(self, text: str, limit: int = 50) -> Sequence[Product]:
        needle = text.casefold()
        return [
            p
            for p in self.products
            if needle in p.name.casefold() or needle in p.sku.casefold() or p.barcode == text
        ][:limit]


@dataclass
class FakeStaff:
    """Three free wrong PINs, then a lockout of 30 s that doubles, like the real directory."""

    staff: list[StaffMember] = field(default_factory=lambda: [SITI, BUDI])
    pins: dict[int, str] = field(default_factory=lambda: dict(PINS))
    failures: dict[int, int] = field(default_factory=dict)
    locked_until: dict[int, datetime] = field(default_factory=dict)

    def active_staff(self) -> Sequence[StaffMember]:
        return list(self.staff)

    def verify_pin(self, user_id: int, pin: str, now: datetime) -> LoginResult:
        member = next(m for m in self.staff if m.user_id == user_id)
        until = self.locked_until.get(user_id)
        if until is not None and now < until:
            return LoginResult(None, until, self.failures.get(user_id, 0))
        if self.pins[user_id] == pin:
            self.failures.pop(user_id, None)
            self.locked_until.pop(user_id, None)
            return LoginResult(member)
        failures = self.failures.get(user_id, 0) + 1
        self.failures[user_id] = failures
        if failures > 3:
            self.locked_until[user_id] = now + timedelta(seconds=30 * 2 ** (failures - 4))
            return LoginResult(None, self.locked_until[user_id], failures)
        return LoginResult(None, None, failures)


class FakeJournal:
    """Gap-free receipt numbers; ``fail_next`` makes the next commit raise and store nothing."""

    def __init__(self, profile: StoreProfile = PROFILE) -> None:
        self.profile = profile
        self.sales: list[SaleRecord] = []
        self.fail_next: Exception | None = None
        self.threads: set[str] = set()

    def commit_sale(self, make: Callable[[str], SaleRecord]) -> SaleRecord:
        self.threads.add(threading.current_thread().name)
        if self.fail_next is not None:
            error, self.fail_next = self.fail_next, None
            raise error
        receipt_no = f"{self.profile.store_code}-{self.profile.till_code}-{len(self.sales) + 1:06d}"
        sale = make(receipt_no)
        self.sales.append(sale)
        return sale

    def recent_sales(self, limit: int = 20) -> Sequence[SaleRecord]:
        return list(reversed(self.sales))[:limit]

    def sale_by_receipt(self, receipt_no: str) -> SaleRecord | None:
        return next((s for s in self.sales if s.receipt_no == receipt_no), None)


class FakeSink:
    """Records what would have been printed; ``fail_with`` makes delivery fail."""

    def __init__(self) -> None:
        self.delivered: list[tuple[str, bool]] = []
        self.fail_with: Exception | None = None

    def deliver(self, sale: SaleRecord, *, copy: bool = False) -> str:
        if self.fail_with is not None:
            raise self.fail_with
        self.delivered.append((sale.receipt_no, copy))
        return f"memory:{sale.receipt_no}{'.copy' if copy else ''}"


class Clock:
    """A settable timezone-aware clock."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2025, 3, 14, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class FakeTill:
    catalog: FakeCatalog
    staff: FakeStaff
    journal: FakeJournal
    sink: FakeSink
    clock: Clock
    context: TillContext


def make_fake_till(config: TillConfig | None = None) -> FakeTill:
    catalog, staff, journal, sink, clock = (
        FakeCatalog(),
        FakeStaff(),
        FakeJournal(),
        FakeSink(),
        Clock(),
    )
    config = config or TillConfig()
    till = TillService(catalog, journal, sink, config.barcode_rules)
    context = TillContext(till=till, staff=staff, profile=PROFILE, config=config, clock=clock)
    return FakeTill(catalog, staff, journal, sink, clock, context)


def storage_full() -> UserError:
    return UserError("storage.full")
