"""The cloud's JSON answers read into the domain's sync values (``domain.sync_messages``).

Field names and defaults of the sync API live here, on the till's side of the wire; the client
(``sync/client.py``) sends the requests and turns a ``KeyError``, ``TypeError`` or
``ValueError`` from these readers into ``ServerTrouble``. Defaults cover fields an older server
does not send.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pos_desktop.domain.sync_messages import (
    Ack,
    CatalogPage,
    CloudProduct,
    CloudStaff,
    CloudStore,
    CloudTaxCategory,
    CloudTombstone,
)


def optional_text(value: Any) -> str | None:
    """A profile field an older server does not send stays ``None`` (the till keeps its own)."""
    return None if value is None else str(value)


def optional_lines(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise TypeError(f"expected a list of lines, got {type(value).__name__}")
    return tuple(str(line) for line in value)


def cloud_store(store: Mapping[str, Any], device: Mapping[str, Any]) -> CloudStore:
    """The ``store`` object of ``GET /v1/devices/me``, with the till code of the ``device``
    (the whole answer)."""
    return CloudStore(
        store_code=str(store["code"]),
        till_code=str(device["till_code"]),
        name=str(store["name"]),
        address=str(store.get("address") or ""),
        currency=str(store.get("currency") or "IDR"),
        ppn_enabled=bool(store["ppn_enabled"]),
        prices_include_tax=bool(store["prices_include_tax"]),
        rounding_step=int(store["rounding_step"]),
        legal_name=optional_text(store.get("legal_name")),
        npwp=optional_text(store.get("npwp")),
        phone=optional_text(store.get("phone")),
        receipt_header=optional_lines(store.get("receipt_header")),
        receipt_footer=optional_lines(store.get("receipt_footer")),
        profile_version=(int(store["profile_version"]) if "profile_version" in store else None),
    )


def acks(data: Mapping[str, Any], id_key: str) -> list[Ack]:
    """The ``results`` of a push, one per sale or document, in the order they were sent."""
    return [
        Ack(
            sale_id=None if r.get(id_key) is None else str(r.get(id_key)),
            status=str(r["status"]),
            reason=r.get("reason"),
            flags=tuple(str(f) for f in r.get("flags") or ()),
        )
        for r in data["results"]
    ]


def cloud_product(p: Mapping[str, Any]) -> CloudProduct:
    return CloudProduct(
        id=str(p["id"]),
        sku=str(p["sku"]),
        name=str(p["name"]),
        category=str(p.get("category") or ""),
        price=int(p["price"]),
        tax_code=str(p["tax_code"]),
        barcodes=tuple(str(b) for b in p.get("barcodes") or ()),
        sold_by_weight=bool(p["sold_by_weight"]),
        unit=str(p.get("unit") or "pcs"),
        in_store_code=p.get("in_store_code") or None,
        active=bool(p["active"]),
        seq=int(p["seq"]),
    )


def cloud_tax_category(t: Mapping[str, Any]) -> CloudTaxCategory:
    return CloudTaxCategory(
        code=str(t["code"]),
        name=str(t["name"]),
        kind=str(t["kind"]),
        rate_bp=int(t["rate_bp"]),
        base_numerator=int(t["base_numerator"]),
        base_denominator=int(t["base_denominator"]),
        seq=int(t["seq"]),
    )


def cloud_staff(m: Mapping[str, Any]) -> CloudStaff:
    return CloudStaff(
        id=str(m["id"]),
        name=str(m["name"]),
        role=str(m["role"]),
        active=bool(m["active"]),
        pin_verifier=None if m.get("pin_verifier") is None else str(m["pin_verifier"]),
        seq=int(m["seq"]),
    )


def catalog_page(data: Mapping[str, Any]) -> CatalogPage:
    """A page of ``GET /v1/sync/catalog``; ``staff`` may be missing (an older server)."""
    return CatalogPage(
        products=[cloud_product(p) for p in data["products"]],
        tax_categories=[cloud_tax_category(t) for t in data["tax_categories"]],
        tombstones=[
            CloudTombstone(seq=int(d["seq"]), kind=str(d["kind"]), id=str(d["id"]))
            for d in data["tombstones"]
        ],
        next_cursor=str(data["next_cursor"]),
        has_more=bool(data["has_more"]),
        staff=[cloud_staff(m) for m in data.get("staff") or ()],
    )
