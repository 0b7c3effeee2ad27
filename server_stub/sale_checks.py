"""The checks a pushed sale passes before it is stored, each sale on its own.

A sale that cannot be read (shape, store) is ``Rejected``; one that can is ``Prepared`` with the
flags the server noticed (totals recomputed with the pure domain, the till's code, its clock,
the store-profile version it was rung under) and stored anyway.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_desktop.domain.cart import CartLine, Discount, Product
from pos_desktop.domain.tax import DEFAULT_CATEGORIES, TaxCategory, TaxKind, TaxSettings
from pos_desktop.domain.totals import compute_totals
from server_stub.models import (
    Store,
    StoreProfileVersion,
)
from server_stub.schemas import SaleIn, parse_sold_at, validation_reason
from server_stub.submitter import Submitter

log = logging.getLogger(__name__)

FLAG_TOTALS = "totals_mismatch"
FLAG_CLOCK_SKEW = "clock_skew"
FLAG_TILL = "till_code_mismatch"
FLAG_STALE_PROFILE = "stale_profile"


@dataclass(frozen=True, slots=True)
class ProfileHistory:
    """A store's profile versions, read once per batch: when each was made and its tax rules.

    A sale rung under version ``v`` is stale when a newer version had been made at or before
    the sale's time: the till sold under rules the owner had already replaced. A version made
    after the sale is no fault of the till, however late the sale arrives.
    """

    made_at: dict[int, datetime]
    rules: dict[int, tuple[bool, int]]
    """Version -> (PPN on, rounding step), what the sale's totals are checked against."""

    def in_force(self, version: int, sold_at: datetime) -> int | None:
        """The newest version made at or before ``sold_at`` when it is newer than ``version``."""
        newer = [v for v, at in self.made_at.items() if v > version and at <= sold_at]
        return max(newer) if newer else None


def load_profile_history(session: Session, store: Store) -> ProfileHistory:
    made_at: dict[int, datetime] = {}
    rules: dict[int, tuple[bool, int]] = {}
    rows = session.execute(
        select(
            StoreProfileVersion.version,
            StoreProfileVersion.changed_at,
            StoreProfileVersion.profile,
        ).where(
            StoreProfileVersion.org_id == store.org_id,
            StoreProfileVersion.store_id == store.store_id,
        )
    )
    for version, changed_at, profile in rows:
        made_at[version] = changed_at
        try:
            rules[version] = (bool(profile["ppn_enabled"]), int(profile["rounding_step"]))
        except (KeyError, TypeError, ValueError):
            log.warning("store %s profile version %d lacks its tax rules", store.code, version)
    return ProfileHistory(made_at, rules)


@dataclass(slots=True)
class Prepared:
    """A sale that passed the checks: its validated document and what the server derived."""

    index: int
    sale_id: str
    sale: SaleIn
    quantities: list[Decimal]
    """The lines' quantities, in line order."""
    sold_at: datetime
    """The till's clock with the till's own offset."""
    payload: str
    content_hash: str
    flags: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


class Rejected(Exception):
    pass


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _category(code: str, known: dict[str, TaxCategory]) -> TaxCategory | None:
    if code in known:
        return known[code]
    return next((c for c in DEFAULT_CATEGORIES if c.code == code), None)


def check_totals(
    record: SaleIn,
    quantities: list[Decimal],
    store: Store,
    categories: dict[str, TaxCategory],
    history: ProfileHistory | None = None,
) -> tuple[list[str], list[str]]:
    """Recompute the sale with the pure domain; returns (mismatches, unknown tax codes).

    The PPN switch and rounding step are those of the profile version the sale names (a sale
    rung under a superseded version is flagged ``stale_profile`` instead, with the versions), or
    of the server's current store settings for a sale from a till that names none: a till with
    stale settings then shows up here as a mismatch, which is what an owner wants to see.
    """
    ppn_enabled, rounding_step = store.ppn_enabled, store.rounding_step
    if history is not None and record.profile_version is not None:
        ppn_enabled, rounding_step = history.rules.get(
            record.profile_version, (ppn_enabled, rounding_step)
        )
    unknown_tax: list[str] = []
    lines: list[CartLine] = []
    for ln, quantity in zip(record.lines, quantities, strict=True):
        category = _category(ln.tax_code, categories)
        if category is None:
            unknown_tax.append(ln.tax_code)
            category = TaxCategory(ln.tax_code, ln.tax_code, TaxKind.EXEMPT)
        product = Product(
            product_id=ln.product_id,
            sku=ln.sku,
            name=ln.name,
            unit_price=ln.unit_price,
            tax_category=category,
            barcode=ln.barcode,
            sold_by_weight=quantity != quantity.to_integral_value(),
            unit=ln.unit,
        )
        discount = Discount.amount(ln.line_discount) if ln.line_discount else None
        lines.append(CartLine(ln.line_no, product, quantity, discount, ln.unit_price))
    order_discount = Discount.amount(record.order_discount) if record.order_discount else None
    settings = TaxSettings(ppn_enabled=ppn_enabled, prices_include_tax=record.prices_include_tax)
    totals = compute_totals(lines, order_discount, settings, rounding_step)
    mismatches: list[str] = []

    def compare(what: str, till: object, server: object) -> None:
        if till != server:
            mismatches.append(f"{what}: till {till} server {server}")

    for sent, computed in zip(record.lines, totals.lines, strict=True):
        # Labels are only built for a line that differs: this loop runs for every line ingested.
        if (sent.gross, sent.line_discount, sent.order_discount, sent.net) == (
            computed.gross,
            computed.line_discount,
            computed.order_discount,
            computed.net,
        ):
            continue
        compare(f"line {sent.line_no} gross", sent.gross, computed.gross)
        compare(f"line {sent.line_no} line_discount", sent.line_discount, computed.line_discount)
        compare(f"line {sent.line_no} order_discount", sent.order_discount, computed.order_discount)
        compare(f"line {sent.line_no} net", sent.net, computed.net)
    compare("subtotal", record.subtotal, totals.subtotal)
    compare("line_discounts", record.line_discounts, totals.line_discounts)
    compare("order_discount", record.order_discount, totals.order_discount)
    compare(
        "taxes",
        sorted((t.code, t.base, t.tax, t.included) for t in record.taxes),
        sorted((t.code, t.base, t.tax, t.included) for t in totals.taxes),
    )
    compare("tax_added", record.tax_added, totals.tax_added)
    compare("tax_included", record.tax_included, totals.tax_included)
    compare("rounding", record.rounding, totals.rounding)
    compare("total", record.total, totals.total)
    paid = sum(t.amount for t in record.tenders)
    if paid < record.total:
        mismatches.append(f"paid: {paid} is less than the total {record.total}")
    compare("change", record.change, max(0, paid - record.total))
    return mismatches, unknown_tax


def prepare(
    index: int,
    raw: Any,
    submitter: Submitter,
    categories: dict[str, TaxCategory],
    received_at: datetime,
    sent_skew_s: float | None,
    skew_limit_s: int,
    history: ProfileHistory | None = None,
) -> Prepared:
    if not isinstance(raw, dict):
        raise Rejected("a sale must be a JSON object")
    try:
        # Validated once; the checks below read the model, not the raw document again.
        record = SaleIn.model_validate(raw)
    except ValidationError as exc:
        raise Rejected(validation_reason(exc, whole="sale", most=3)) from None
    if record.store_code != submitter.store.code:
        raise Rejected(
            f"store_mismatch: this till belongs to store {submitter.store.code}, "
            f"not {record.store_code}"
        )
    sold_at = parse_sold_at(record.sold_at)
    assert sold_at is not None  # checked by SaleIn
    quantities = [Decimal(ln.quantity) for ln in record.lines]
    payload = canonical_json(raw)
    prepared = Prepared(
        index=index,
        sale_id=record.sale_id,
        sale=record,
        quantities=quantities,
        sold_at=sold_at,
        payload=payload,
        content_hash=content_hash(payload),
    )
    if record.till_code != submitter.till_code:
        prepared.flags.append(FLAG_TILL)
        prepared.details[FLAG_TILL] = {"device_till_code": submitter.till_code}
    mismatches, unknown_tax = check_totals(record, quantities, submitter.store, categories, history)
    if mismatches:
        prepared.flags.append(FLAG_TOTALS)
        prepared.details[FLAG_TOTALS] = mismatches[:20]
    if unknown_tax:
        prepared.details["unknown_tax_codes"] = sorted(set(unknown_tax))
    ahead_s = (sold_at - received_at).total_seconds()
    skew = sent_skew_s if sent_skew_s is not None else (ahead_s if ahead_s > 0 else None)
    if skew is not None and abs(skew) > skew_limit_s:
        prepared.flags.append(FLAG_CLOCK_SKEW)
        prepared.details[FLAG_CLOCK_SKEW] = {"seconds": round(skew)}
    if history is not None and record.profile_version is not None:
        newer = history.in_force(record.profile_version, sold_at)
        if newer is not None:
            prepared.flags.append(FLAG_STALE_PROFILE)
            prepared.details[FLAG_STALE_PROFILE] = {
                "rung_under": record.profile_version,
                "current": newer,
                "current_since": history.made_at[newer].isoformat(),
            }
    return prepared
