"""The store's lines on every document: legal name, address, phone, NPWP with PPN on only, and
the owner's header lines, in that order."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos_desktop.receipts.model import build_receipt, store_header
from pos_desktop.receipts.refund_receipt import build_refund_slip
from tests.domain.test_domain_refund import refund
from tests.receipts.factories import STORE, make_sale, rich_cart

FULL = replace(
    STORE,
    npwp="012345678901000",
    legal_name="PT Maju Jaya Sejahtera",
    header_lines=("Buka 07.00-22.00", "WA 0812-3456-7890"),
)


def test_the_order_of_the_lines_and_the_printed_npwp() -> None:
    assert store_header(FULL, ppn_enabled=True) == [
        "PT Maju Jaya Sejahtera",
        "Jl. Merdeka No. 10",
        "Bandung 40111",
        "Telp. 022-1234567",
        "NPWP 01.234.567.8-901.000",
        "Buka 07.00-22.00",
        "WA 0812-3456-7890",
    ]


def test_no_npwp_without_ppn_and_no_legal_name_equal_to_the_name() -> None:
    lines = store_header(replace(FULL, legal_name=FULL.name), ppn_enabled=False)
    assert not any("NPWP" in line for line in lines)
    assert lines[0] == "Jl. Merdeka No. 10"


def test_receipt_and_refund_slip_carry_the_header() -> None:
    sale = make_sale(rich_cart(), ppn=True)
    receipt = build_receipt(sale, FULL, ppn_enabled=True)
    assert receipt.header_lines == tuple(store_header(FULL, ppn_enabled=True))
    slip = build_refund_slip(refund(sale, {1: Decimal(1)}), replace(FULL, ppn_enabled=True))
    assert "NPWP 01.234.567.8-901.000" in slip.header_lines
    assert "Buka 07.00-22.00" in slip.header_lines
    no_ppn = build_refund_slip(refund(sale, {1: Decimal(1)}), FULL)
    assert not any("NPWP" in line for line in no_ppn.header_lines)


def test_a_banned_clause_in_the_owners_header_is_refused() -> None:
    banned = replace(FULL, header_lines=("Barang yang sudah dibeli tidak dapat ditukar",))
    with pytest.raises(ValueError, match="UU 8/1999"):
        build_receipt(make_sale(rich_cart(), ppn=False), banned, ppn_enabled=False)
