"""The receipt (struk) as content: every string already formatted, nothing laid out yet.

The content itself is built in the pure domain (``pos_desktop.domain.receipt_content``), so the
cloud's back office draws a sale's receipt with the till's own code; this module keeps the till's
names for it and the one step that needs the till's services: reading the store profile.
"""

from __future__ import annotations

from pos_desktop.domain.receipt_content import (
    BANNED_FOOTER_PHRASES,
    DATE_FORMAT,
    LABELS_ID,
    ItemRow,
    Receipt,
    Row,
    StoreInfo,
    StoreSource,
    build_receipt,
    check_footer,
    format_quantity,
    resolve_store,
    store_header,
)
from pos_desktop.services.ports import StoreProfile

__all__ = [
    "BANNED_FOOTER_PHRASES",
    "DATE_FORMAT",
    "LABELS_ID",
    "ItemRow",
    "Receipt",
    "Row",
    "StoreInfo",
    "StoreSource",
    "build_receipt",
    "check_footer",
    "format_quantity",
    "resolve_store",
    "store_header",
    "store_info",
]


def store_info(profile: StoreProfile) -> StoreInfo:
    """The store on paper under ``profile``: the one conversion every document and preview uses."""
    return StoreInfo(
        name=profile.name,
        address_lines=profile.address_lines,
        npwp=profile.npwp,
        phone=profile.phone,
        footer_lines=profile.footer_lines,
        legal_name=profile.legal_name,
        header_lines=profile.header_lines,
        ppn_enabled=profile.tax.ppn_enabled,
    )
