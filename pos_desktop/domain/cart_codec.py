"""A cart as a JSON document and back, for parked (held) sales.

A held cart must come back exactly as it was parked, even after a restart and even if the
catalog changed meanwhile: the line keeps the product snapshot taken at scan time (name, price,
tax category), its typed or weighed quantity, its discount, an overridden price and the time it
was scanned (the void grace period keeps running). Line ids and the next id survive too, so a
recalled cart numbers new lines as the original would have.

Only ints, strings, lists, dicts and ``None`` appear in the document: quantities are decimal
strings, money integer rupiah, times ISO-8601 with their offset.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_desktop.domain.cart import Cart, CartLine, Discount, DiscountKind, Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.tax import TaxCategory, TaxKind

VERSION = 1


def _tax_to_json(category: TaxCategory) -> dict[str, Any]:
    return {
        "code": category.code,
        "name": category.name,
        "kind": category.kind.value,
        "rate_bp": category.rate_bp,
        "base_numerator": category.base_numerator,
        "base_denominator": category.base_denominator,
    }


def _tax_from_json(raw: dict[str, Any]) -> TaxCategory:
    return TaxCategory(
        code=str(raw["code"]),
        name=str(raw["name"]),
        kind=TaxKind(raw["kind"]),
        rate_bp=int(raw["rate_bp"]),
        base_numerator=int(raw["base_numerator"]),
        base_denominator=int(raw["base_denominator"]),
    )


def _product_to_json(product: Product) -> dict[str, Any]:
    return {
        "product_id": product.product_id,
        "sku": product.sku,
        "name": product.name,
        "unit_price": product.unit_price,
        "tax_category": _tax_to_json(product.tax_category),
        "barcode": product.barcode,
        "sold_by_weight": product.sold_by_weight,
        "unit": product.unit,
    }


def _product_from_json(raw: dict[str, Any]) -> Product:
    return Product(
        product_id=str(raw["product_id"]),
        sku=str(raw["sku"]),
        name=str(raw["name"]),
        unit_price=int(raw["unit_price"]),
        tax_category=_tax_from_json(raw["tax_category"]),
        barcode=str(raw.get("barcode", "")),
        sold_by_weight=bool(raw.get("sold_by_weight", False)),
        unit=str(raw.get("unit", "pcs")),
    )


def _discount_to_json(discount: Discount | None) -> dict[str, Any] | None:
    if discount is None:
        return None
    return {"kind": discount.kind.value, "value": discount.value}


def _discount_from_json(raw: dict[str, Any] | None) -> Discount | None:
    if raw is None:
        return None
    return Discount(DiscountKind(raw["kind"]), int(raw["value"]))


def _time_from_json(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    at = datetime.fromisoformat(raw)
    if at.tzinfo is None:
        raise ValueError("a held line's time has no offset")
    return at


def cart_to_json(cart: Cart) -> dict[str, Any]:
    return {
        "version": VERSION,
        "next_id": cart._next_id,
        "order_discount": _discount_to_json(cart.order_discount),
        "lines": [
            {
                "line_id": line.line_id,
                "product": _product_to_json(line.product),
                "quantity": str(line.quantity),
                "unit_price": line.unit_price,
                "discount": _discount_to_json(line.discount),
                "added_at": line.added_at.isoformat() if line.added_at is not None else None,
            }
            for line in cart.lines
        ],
    }


def cart_from_json(raw: dict[str, Any]) -> Cart:
    """The cart ``cart_to_json`` made; ``UserError("held.unreadable")`` for anything else."""
    try:
        if raw.get("version") != VERSION:
            raise ValueError(f"unknown held cart version {raw.get('version')!r}")
        lines = [
            CartLine(
                line_id=int(item["line_id"]),
                product=_product_from_json(item["product"]),
                quantity=Decimal(str(item["quantity"])),
                discount=_discount_from_json(item.get("discount")),
                unit_price=int(item["unit_price"]),
                added_at=_time_from_json(item.get("added_at")),
            )
            for item in raw["lines"]
        ]
        ids = [line.line_id for line in lines]
        next_id = int(raw["next_id"])
        if len(set(ids)) != len(ids) or any(i >= next_id or i < 1 for i in ids):
            raise ValueError("line ids out of order")
        return Cart(
            lines=lines,
            order_discount=_discount_from_json(raw.get("order_discount")),
            _next_id=next_id,
        )
    except (KeyError, TypeError, ValueError, InvalidOperation, AttributeError, UserError) as error:
        raise UserError("held.unreadable", detail=str(error)) from error


def dumps(cart: Cart) -> str:
    return json.dumps(cart_to_json(cart), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def loads(text: str) -> Cart:
    try:
        raw = json.loads(text)
    except ValueError as error:
        raise UserError("held.unreadable", detail=str(error)) from error
    if not isinstance(raw, dict):
        raise UserError("held.unreadable", detail="not an object")
    return cart_from_json(raw)
