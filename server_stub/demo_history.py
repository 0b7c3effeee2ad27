"""A few weeks of plausible sales for the demo organization, so the back office's charts and
reports have something to show the first time ``make run`` opens it.

The history goes through the cloud's own ingest use cases (sales, refunds, the journal's voids),
as a till's pushes would, so the rollups behind the home page and the reports fill exactly as
they do in a shop. Each demo store gets a history till (``T09``) that is revoked once its
history is in: it never collides with the real demo till's receipt numbers and never shows as a
silent till. The random draw is seeded, so every fresh demo has the same history; seeding again
adds nothing (the history till's sales are there already).
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_desktop.domain.cart import Cart, Product
from pos_desktop.domain.journal import genesis_hash, make_entry
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.refund import build_refund
from pos_desktop.domain.sale import SaleRecord, build_sale
from pos_desktop.domain.tax import TaxCategory, TaxKind, TaxSettings
from pos_desktop.domain.totals import compute_totals
from server_stub import journal, refunds, tenancy
from server_stub.catalog import tax_categories
from server_stub.ingest import ingest
from server_stub.models import Device, ProductRow, SaleRow, StaffMember, Store
from server_stub.submitter import Submitter

log = logging.getLogger(__name__)

HISTORY_TILL = "T09"
HISTORY_DAYS = 28
SEED = 20261207
BATCH = 200
EVERYDAY_MAX = 150_000
"""Rupiah: dearer demo products (perfume, electronics) are left out of the history's baskets."""
# Sales per hour of the day (local time) of a minimarket open day and night: a trickle after
# midnight, the morning rush, lunch, and the evening peak.
HOURLY = {0: 1.0, 1: 0.6, 2: 0.4, 3: 0.5, 4: 0.8, 5: 2, 6: 3, 7: 3, 8: 5, 9: 4, 10: 4, 11: 5,
          12: 7, 13: 5, 14: 3, 15: 4, 16: 6, 17: 8, 18: 9, 19: 8, 20: 5, 21: 4, 22: 3,
          23: 2}  # fmt: skip
TENDERS = ((TenderKind.CASH, 62), (TenderKind.QRIS, 20), (TenderKind.EWALLET, 10),
           (TenderKind.CARD, 8))  # fmt: skip


@dataclass(frozen=True, slots=True)
class HistoryReport:
    sales: int
    refunds: int
    voids: int


def seed_history(
    session: Session, org_id: str, stores: Sequence[Store], *, pepper: bytes, now: datetime
) -> HistoryReport:
    """Add the history to every store that has none yet; commits (ingest commits per batch)."""
    rng = random.Random(SEED)
    catalog = _catalog(session, org_id)
    cashiers = list(
        session.execute(
            select(StaffMember.staff_id, StaffMember.name).where(StaffMember.org_id == org_id)
        ).all()
    )
    categories = {
        r.code: TaxCategory(
            r.code, r.name, TaxKind(r.kind), r.rate_bp, r.base_numerator, r.base_denominator
        )
        for r in tax_categories(session, org_id)
    }
    done = HistoryReport(0, 0, 0)
    if not catalog:
        return done  # nothing to sell (a demo seeded with an empty catalog)
    for index, store in enumerate(stores):
        if _has_history(session, org_id, store):
            continue
        submitter = _history_till(session, store, pepper=pepper, now=now)
        made = _store_history(
            session, submitter, rng, catalog, cashiers, categories, now, busy=1.0 - 0.35 * index
        )
        tenancy.revoke_device(session, org_id, submitter.device_id, now)
        session.commit()
        done = HistoryReport(
            done.sales + made.sales, done.refunds + made.refunds, done.voids + made.voids
        )
    log.info("demo history: %s", done)
    return done


def _catalog(session: Session, org_id: str) -> list[ProductRow]:
    rows = session.execute(
        select(ProductRow)
        .where(ProductRow.org_id == org_id, ProductRow.active.is_(True))
        .order_by(ProductRow.sku)
    ).scalars()
    # Packaged goods only: weighed goods would need a scale's weights to look plausible.
    return [r for r in rows if not r.sold_by_weight]


def _has_history(session: Session, org_id: str, store: Store) -> bool:
    found = session.execute(
        select(SaleRow.sale_id)
        .where(
            SaleRow.org_id == org_id,
            SaleRow.store_id == store.store_id,
            SaleRow.till_code == HISTORY_TILL,
        )
        .limit(1)
    ).first()
    return found is not None


def _history_till(session: Session, store: Store, *, pepper: bytes, now: datetime) -> Submitter:
    """A till paired the way every till is: an enrollment code, then enrolled."""
    issued = tenancy.issue_enrollment_code(
        session,
        store,
        pepper=pepper,
        now=now,
        till_code=HISTORY_TILL,
        replace_existing=True,
        created_by="demo-history",
    )
    enrolled = tenancy.enroll_device(
        session,
        code=issued.code,
        till_code=HISTORY_TILL,
        name="demo history",
        pepper=pepper,
        now=now,
    )
    device: Device = enrolled.device
    session.commit()
    return Submitter(store.org_id, device.device_id, enrolled.store, HISTORY_TILL)


def _store_history(
    session: Session,
    submitter: Submitter,
    rng: random.Random,
    catalog: Sequence[ProductRow],
    cashiers: Sequence[tuple[str, str]],
    categories: dict[str, TaxCategory],
    now: datetime,
    *,
    busy: float,
) -> HistoryReport:
    store = submitter.store
    zone = ZoneInfo(store.timezone or "Asia/Jakarta")
    today = now.astimezone(zone).date()
    # A minimarket's baskets: everyday goods (no Rp4 million perfume in every other basket),
    # most of them from a popular few.
    everyday = [r for r in catalog if r.price <= EVERYDAY_MAX] or list(catalog)
    popular = rng.sample(everyday, max(1, len(everyday) // 5))
    sales: list[SaleRecord] = []
    counter = 0
    for back in range(HISTORY_DAYS, -1, -1):
        day = today - timedelta(days=back)
        weekend = 1.3 if day.weekday() >= 5 else 1.0
        for hour, mean in HOURLY.items():
            for _ in range(_count(rng, mean * busy * weekend)):
                sold_at = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)))
                sold_at = sold_at.replace(tzinfo=zone)
                if sold_at >= now:
                    continue
                counter += 1
                cashier = cashiers[rng.randrange(len(cashiers))] if cashiers else ("K01", "Kasir")
                items = _basket(rng, everyday, popular)
                sales.append(
                    _sale(store, counter, sold_at, cashier, items, categories, _tender(rng))
                )
    for start in range(0, len(sales), BATCH):
        docs = [s.to_json() for s in sales[start : start + BATCH]]
        ingest(session, submitter, docs, received_at=now, sent_at=None, skew_limit_s=10**9)
    refunded = _refunds(session, submitter, rng, sales, now)
    voids = _voids(session, submitter, rng, sales, now)
    return HistoryReport(len(sales), refunded, voids)


def _count(rng: random.Random, mean: float) -> int:
    """Sales in one hour: around ``mean``, never negative."""
    return max(0, round(rng.gauss(mean, mean / 3)))


def _basket(
    rng: random.Random, catalog: Sequence[ProductRow], popular: Sequence[ProductRow]
) -> list[tuple[ProductRow, int]]:
    size = rng.choices((1, 2, 3, 4, 6, 9), weights=(30, 25, 18, 12, 10, 5))[0]
    picked: dict[str, tuple[ProductRow, int]] = {}
    for _ in range(size):
        row = rng.choice(popular) if rng.random() < 0.7 else rng.choice(catalog)
        quantity = rng.choices((1, 2, 3), weights=(80, 15, 5))[0]
        picked[row.product_id] = (row, quantity)
    return list(picked.values())


def _tender(rng: random.Random) -> TenderKind:
    return rng.choices([k for k, _ in TENDERS], weights=[w for _, w in TENDERS])[0]


def _sale(
    store: Store,
    counter: int,
    sold_at: datetime,
    cashier: tuple[str, str],
    items: Sequence[tuple[ProductRow, int]],
    categories: dict[str, TaxCategory],
    tender: TenderKind,
) -> SaleRecord:
    """A sale as the till makes it: cart, totals under the store's tax rules, payment."""
    cart = Cart()
    for row, quantity in items:
        product = Product(
            product_id=row.product_id,
            sku=row.sku,
            name=row.name,
            unit_price=row.price,
            tax_category=categories[row.tax_code],
            sold_by_weight=False,
            unit=row.unit,
        )
        cart.add(product, Decimal(quantity), merge=False)
    settings = TaxSettings(
        ppn_enabled=store.ppn_enabled, prices_include_tax=store.prices_include_tax
    )
    totals = compute_totals(cart.lines, None, settings, store.rounding_step)
    payment = Payment(totals.total)
    paid = totals.total
    if tender is TenderKind.CASH:
        paid = -(-totals.total // 5000) * 5000  # handed over in round notes
    payment.add(_tender_of(tender, paid, counter))
    return build_sale(
        sale_id=str(uuid.UUID(int=random.Random(f"{store.store_id}:{counter}").getrandbits(128))),
        receipt_no=f"{store.code}-{HISTORY_TILL}-{counter:06d}",
        store_code=store.code,
        till_code=HISTORY_TILL,
        sold_at=sold_at,
        cashier_code=cashier[0],
        cashier_name=cashier[1],
        currency="IDR",
        prices_include_tax=store.prices_include_tax,
        cart=cart,
        totals=totals,
        payment=payment,
    )


def _tender_of(kind: TenderKind, amount: int, counter: int) -> Tender:
    """With what the cashier types for a card (approval, last four) or a QRIS/e-wallet
    payment (its reference), as the till requires."""
    if kind is TenderKind.CARD:
        return Tender(kind, amount, approval_code=f"{counter % 1_000_000:06d}",
                      card_last4=f"{(counter * 37) % 10_000:04d}", provider="BCA")  # fmt: skip
    if kind is TenderKind.EWALLET:
        provider = ("GoPay", "OVO", "DANA", "ShopeePay")[counter % 4]
        return Tender(kind, amount, reference=f"EW{counter:010d}", provider=provider)
    if kind is TenderKind.QRIS:
        return Tender(kind, amount, reference=f"QR{counter:010d}")
    return Tender(kind, amount)


def _refunds(
    session: Session,
    submitter: Submitter,
    rng: random.Random,
    sales: Sequence[SaleRecord],
    now: datetime,
) -> int:
    """About one sale in 150 has a line brought back a little later the same day."""
    docs: list[Any] = []
    for sale in sales:
        if rng.random() >= 1 / 150:
            continue
        line = sale.lines[0]
        at = min(sale.sold_at + timedelta(minutes=rng.randrange(5, 90)), now)
        refund = build_refund(
            sale,
            {line.line_no: Decimal(1)},
            (),
            True,
            refund_id=f"refund-{sale.sale_id}",
            refund_no=f"{sale.store_code}-{HISTORY_TILL}-R{len(docs) + 1:06d}",
            store_code=sale.store_code,
            till_code=HISTORY_TILL,
            refunded_at=at,
            cashier_code=sale.cashier_code,
            cashier_name=sale.cashier_name,
            reason=rng.choice(("rusak", "kedaluwarsa", "salah beli")),
            rounding_step=submitter.store.rounding_step,
        )
        docs.append(refund.to_json())
    if docs:
        refunds.ingest_refunds(session, submitter, docs, received_at=now)
    return len(docs)


def _voids(
    session: Session,
    submitter: Submitter,
    rng: random.Random,
    sales: Sequence[SaleRecord],
    now: datetime,
) -> int:
    """The journal's line voids and cancelled carts: a few a day, as cashiers make them."""
    journal_id = f"journal-demo-history-{submitter.store.code}"
    prev = genesis_hash(journal_id)
    entries: list[dict[str, Any]] = []
    for sale in sales:
        if rng.random() >= 1 / 40:
            continue
        kind = "line_void" if rng.random() < 0.75 else "sale_cancel"
        data = {"gross": sale.lines[0].gross} if kind == "line_void" else {"total": sale.total}
        at = sale.sold_at - timedelta(minutes=1)
        entry = make_entry(
            journal_id=journal_id,
            seq=len(entries) + 1,
            kind=kind,
            at=at.astimezone(UTC),
            actor=sale.cashier_code,
            approver=None,
            data=data,
            prev_hash=prev,
        )
        prev = entry.hash
        entries.append({"journal_id": journal_id, **entry.to_json()})
    for start in range(0, len(entries), BATCH):
        journal.ingest_entries(session, submitter, entries[start : start + BATCH], now)
    return len(entries)


def history_days(now: datetime, zone: str = "Asia/Jakarta") -> tuple[date, date]:
    """The first and last local day the history covers."""
    today = now.astimezone(ZoneInfo(zone)).date()
    return today - timedelta(days=HISTORY_DAYS), today
