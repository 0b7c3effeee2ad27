"""A sale names the store-profile version it was rung under; older documents stay as they were."""

from __future__ import annotations

import json
from dataclasses import replace

from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.store_profile import banned_phrase, format_npwp, normalize_npwp
from tests.domain.test_domain_sale import paid_sale


def test_the_version_travels_with_the_document() -> None:
    sale = replace(paid_sale(), profile_version=7)
    document = sale.to_json()
    assert document["profile_version"] == 7
    assert SaleRecord.from_json(json.loads(json.dumps(document))) == sale


def test_a_sale_without_a_version_keeps_the_old_document_byte_for_byte() -> None:
    sale = paid_sale()
    assert sale.profile_version is None
    document = sale.to_json()
    assert "profile_version" not in document
    assert list(document)[-1] == "change"
    assert SaleRecord.from_json(document) == sale


def test_npwp_rules() -> None:
    assert normalize_npwp(" 01.234.567.8-901.000 ") == "012345678901000"
    assert normalize_npwp("3201 0123 4567 8901") == "3201012345678901"
    assert normalize_npwp("") == ""
    for bad in ("0123", "01234567890123456", "01.234.567.8-901.00X", "+62 812 3456 78901"):
        try:
            normalize_npwp(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} accepted")
    assert format_npwp("012345678901000") == "01.234.567.8-901.000"
    assert format_npwp("3201012345678901") == "3201012345678901"
    assert format_npwp("01.234.567.8-901.000") == "01.234.567.8-901.000"
    assert banned_phrase(["Barang  TIDAK dapat\tditukar"]) == "tidak dapat ditukar"
    assert banned_phrase(["Terima kasih"]) is None
