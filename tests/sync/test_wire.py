"""The cloud's JSON answers read into domain values (``sync/wire.py``), without a server.

An older server leaves out fields a newer one sends; the readers fill in what the till assumes
for them, and refuse a field of the wrong shape so the client reports the answer as unreadable.
"""

from __future__ import annotations

from typing import Any

import pytest

from pos_desktop.domain.sync_messages import Ack, CloudStaff, CloudStore, CloudTombstone
from pos_desktop.sync import wire

STORE: dict[str, Any] = {
    "code": "S01",
    "name": "Toko Maju",
    "ppn_enabled": True,
    "prices_include_tax": True,
    "rounding_step": 100,
}


def test_a_store_from_an_older_server_leaves_the_profile_details_to_the_till() -> None:
    store = wire.cloud_store(STORE, {"till_code": "T02", "store": STORE})
    assert store == CloudStore(
        store_code="S01",
        till_code="T02",
        name="Toko Maju",
        address="",
        currency="IDR",
        ppn_enabled=True,
        prices_include_tax=True,
        rounding_step=100,
    )


def test_a_store_with_its_full_profile() -> None:
    full = {
        **STORE,
        "address": "Jl. Melati 1\nBandung",
        "currency": "IDR",
        "legal_name": "PT Maju",
        "npwp": "01.234.567.8-901.000",
        "phone": "022-123",
        "receipt_header": ["Selamat datang"],
        "receipt_footer": [],
        "profile_version": 3,
    }
    store = wire.cloud_store(full, {"till_code": "T01"})
    assert (store.legal_name, store.npwp, store.phone) == (
        "PT Maju",
        "01.234.567.8-901.000",
        "022-123",
    )
    assert (store.receipt_header, store.receipt_footer) == (("Selamat datang",), ())
    assert store.profile_version == 3
    assert store.address == "Jl. Melati 1\nBandung"


def test_receipt_lines_that_are_not_a_list_are_refused() -> None:
    with pytest.raises(TypeError):
        wire.cloud_store({**STORE, "receipt_footer": "Terima kasih"}, {"till_code": "T01"})


def test_a_catalog_page_from_an_older_server_gets_the_tills_defaults() -> None:
    page = wire.catalog_page(
        {
            "products": [
                {
                    "id": "p-1",
                    "sku": "MKN-0001",
                    "name": "Indomie Goreng 85 g",
                    "price": 3500,
                    "tax_code": "PPN",
                    "sold_by_weight": False,
                    "active": True,
                    "seq": 7,
                }
            ],
            "tax_categories": [],
            "tombstones": [{"seq": 8, "kind": "product", "id": "p-0"}],
            "next_cursor": "8",
            "has_more": False,
        }
    )
    (product,) = page.products
    assert (product.category, product.unit, product.barcodes) == ("", "pcs", ())
    assert product.in_store_code is None
    assert list(page.tombstones) == [CloudTombstone(seq=8, kind="product", id="p-0")]
    assert list(page.staff) == []
    assert (page.next_cursor, page.has_more) == ("8", False)


def test_staff_without_a_verifier_and_a_page_missing_a_field() -> None:
    member = wire.cloud_staff(
        {"id": "u-1", "name": "Siti", "role": "cashier", "active": False, "seq": 2}
    )
    assert member == CloudStaff("u-1", "Siti", "cashier", False, None, 2)
    with pytest.raises(KeyError):
        wire.catalog_page({"products": [], "tax_categories": [], "tombstones": []})


def test_answers_to_a_push_keep_their_order_and_a_missing_id() -> None:
    answers = wire.acks(
        {
            "results": [
                {"id": "r-1", "status": "accepted", "flags": ["clock_ahead"]},
                {"id": None, "status": "rejected", "reason": "bad document"},
            ]
        },
        "id",
    )
    assert answers == [
        Ack("r-1", "accepted", None, ("clock_ahead",)),
        Ack(None, "rejected", "bad document", ()),
    ]
