"""The demo tenant that ``make run`` and manual testing use: ``pos-server demo-seed``.

Seeding is idempotent: run it again and the organization, owner and store are reused, the
catalog is brought back to the demo products (with their cost prices, ``demo_cost``, so the
reports' margins have something to show), demo staff who are missing are added (Siti, Budi,
Dewi, Ani, with the PINs the README lists), and a fresh enrollment code for till ``T01`` is
issued (it replaces whatever device held ``T01``, so a reinstalled demo till can pair again).
"""

from __future__ import annotations

import secrets
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server_stub import catalog, staff, tenancy
from server_stub.core.problems import Problem
from server_stub.core.security import totp
from server_stub.demo_history import seed_history
from server_stub.models import Organization, StaffMember
from server_stub.schemas import ProductIn, StaffRole

if TYPE_CHECKING:
    from pos_desktop.domain.demo_catalog import DemoProduct

DEMO_ORG_NAME = "Toko Maju Jaya"
DEMO_OWNER_EMAIL = "owner@demo.local"
DEMO_STORE_CODE = "S01"
DEMO_STORE_NAME = "Toko Maju Jaya"
DEMO_TILL_CODE = "T01"
DEMO_BRANCH_CODE = "S02"
DEMO_BRANCH_NAME = "Toko Maju Jaya Denpasar"
DEMO_BRANCH_ZONE = "Asia/Makassar"
"""A second demo store, in WITA, so the back office shows every store and a store's own day."""
COST_SHARE_PERCENT = (60, 85)
"""A demo product costs the shop this share of its shelf price, lowest to highest."""


@dataclass(frozen=True, slots=True)
class DemoStaff:
    name: str
    role: StaffRole
    pin: str


DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("Siti", "cashier", "1111"),
    DemoStaff("Budi", "cashier", "2222"),
    DemoStaff("Dewi", "supervisor", "5555"),
    DemoStaff("Ani", "manager", "9999"),
)
"""The demo store's staff, as the README lists them; they reach the demo till through the feed
like any store's staff. Dewi, a supervisor, approves what a cashier may not do alone."""


@dataclass(frozen=True, slots=True)
class DemoSeed:
    org_id: str
    org_name: str
    owner_email: str
    owner_password: str | None
    """``None`` when the owner already existed (the password is only stored as a hash)."""
    totp_secret: str
    otpauth_uri: str
    store_code: str
    till_code: str
    enrollment_code: str
    enrollment_expires_at: datetime
    products_created: int
    products_updated: int
    staff_created: tuple[str, ...] = ()
    """Names of the demo staff added by this run (the others were there already)."""
    history_sales: int = 0
    """Sales of the demo history added by this run (0 once the history is there)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_id": self.org_id,
            "org_name": self.org_name,
            "owner_email": self.owner_email,
            "owner_password": self.owner_password,
            "totp_secret": self.totp_secret,
            "otpauth_uri": self.otpauth_uri,
            "store_code": self.store_code,
            "till_code": self.till_code,
            "enrollment_code": self.enrollment_code,
            "enrollment_expires_at": self.enrollment_expires_at.isoformat(),
            "products_created": self.products_created,
            "products_updated": self.products_updated,
            "staff": [{"name": m.name, "role": m.role, "pin": m.pin} for m in DEMO_STAFF],
            "staff_created": list(self.staff_created),
            "history_sales": self.history_sales,
        }


def demo_catalog() -> list[DemoProduct]:
    """The till's demo catalog (``domain.demo_catalog``), so the till and cloud agree."""
    from pos_desktop.domain.demo_catalog import demo_products  # only demo-seed needs it

    return list(demo_products())


def demo_cost(sku: str, price: int) -> int:
    """What the shop pays for a demo product: 60-85 % of its price, in whole 50 rupiah where
    that stays in the range.

    The share comes from the SKU's CRC-32, not a random draw, so every demo (and every run of
    ``demo-seed``) has the same costs and the same margins; products in one category get
    different margins, as in a real shop. Even at 85 % of a price with 11 % PPN inside, the
    margin stays above zero.
    """
    low, high = COST_SHARE_PERCENT
    share = low + zlib.crc32(sku.encode("utf-8")) % (high - low + 1)
    cost = price * share // 100
    rounded = cost // 50 * 50
    return rounded if rounded * 100 >= price * low else cost  # cheap goods: not under 60 %


def to_product_in(item: DemoProduct) -> ProductIn:
    """The product id is the SKU, as on the demo till, so its sales match the cloud catalog.
    The cost price (``demo_cost``) stays in the cloud: tills never get it."""
    return ProductIn(
        id=item.sku,
        sku=item.sku,
        name=item.name,
        category=item.category,
        price=item.price,
        tax_code=item.tax_code,
        barcodes=[item.barcode] if item.barcode else [],
        sold_by_weight=item.sold_by_weight,
        unit=item.unit,
        in_store_code=item.in_store_code or None,
        active=True,
        cost_price=demo_cost(item.sku, item.price),
    )


def seed_demo(
    session: Session,
    *,
    pepper: bytes,
    now: datetime,
    owner_password: str | None = None,
    items: Iterable[DemoProduct] | None = None,
) -> DemoSeed:
    """Create or refresh the demo tenant; commits."""
    password: str | None = None
    user = tenancy.find_user_by_email(session, DEMO_OWNER_EMAIL)
    if user is None:
        password = owner_password or secrets.token_urlsafe(12)
        org, created = tenancy.create_owner(
            session, org_name=DEMO_ORG_NAME, email=DEMO_OWNER_EMAIL, password=password, now=now
        )
        user = created.user
    else:
        found = session.get(Organization, user.org_id)
        assert found is not None
        org = found
    store = tenancy.store_by_code(session, org.org_id, DEMO_STORE_CODE)
    if store is None:
        store = tenancy.create_store(
            session, org.org_id, code=DEMO_STORE_CODE, name=DEMO_STORE_NAME, now=now
        )
    products: Sequence[ProductIn] = [to_product_in(i) for i in (items or demo_catalog())]
    report = catalog.upsert_products(session, org.org_id, products, now)
    if report.errors:
        session.rollback()
        raise Problem(422, "demo.catalog_invalid", str(report.errors[:5]))
    branch = tenancy.store_by_code(session, org.org_id, DEMO_BRANCH_CODE)
    if branch is None:
        branch = tenancy.create_store(
            session, org.org_id, code=DEMO_BRANCH_CODE, name=DEMO_BRANCH_NAME, now=now
        )
        branch.timezone = DEMO_BRANCH_ZONE
    staff_created = seed_demo_staff(session, org.org_id, store.code, now)
    issued = tenancy.issue_enrollment_code(
        session,
        store,
        pepper=pepper,
        now=now,
        till_code=DEMO_TILL_CODE,
        replace_existing=True,
        created_by="demo-seed",
    )
    session.commit()
    history = seed_history(session, org.org_id, [store, branch], pepper=pepper, now=now)

    return DemoSeed(
        org_id=org.org_id,
        org_name=org.name,
        owner_email=user.email,
        owner_password=password,
        totp_secret=user.totp_secret,
        otpauth_uri=totp.provisioning_uri(user.totp_secret, user.email),
        store_code=store.code,
        till_code=DEMO_TILL_CODE,
        enrollment_code=issued.code,
        enrollment_expires_at=issued.expires_at,
        products_created=report.created,
        products_updated=report.updated,
        staff_created=staff_created,
        history_sales=history.sales,
    )


def seed_demo_staff(
    session: Session, org_id: str, store_code: str, now: datetime
) -> tuple[str, ...]:
    """Add the demo staff missing from the organization (by name); returns who was added.

    A member who is already there keeps their PIN and stores: the demo owner may have changed
    them through the API, and seeding again must not undo it.
    """
    existing = set(
        session.execute(select(StaffMember.name).where(StaffMember.org_id == org_id)).scalars()
    )
    added = []
    for member in DEMO_STAFF:
        if member.name in existing:
            continue
        data = staff.StaffIn(
            name=member.name,
            role=member.role,
            stores=[store_code],
            pin=member.pin,
        )
        staff.create_member(session, org_id, data, now)
        added.append(member.name)
    return tuple(added)
