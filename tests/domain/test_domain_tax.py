"""PPN, PPnBM and PB1 as the till computes them: per receipt, per category, rounded once."""

from __future__ import annotations

from fractions import Fraction

from pos_desktop.domain.tax import (
    EXEMPT,
    PB1,
    PPN_LUXURY,
    PPN_STANDARD,
    TaxLine,
    TaxSettings,
    applies,
    compute_tax,
    is_inclusive,
)

PKP_INCLUSIVE = TaxSettings(ppn_enabled=True, prices_include_tax=True)
PKP_EXCLUSIVE = TaxSettings(ppn_enabled=True, prices_include_tax=False)
NON_PKP = TaxSettings()


def test_standard_ppn_is_eleven_percent_in_effect() -> None:
    assert PPN_STANDARD.effective_rate == Fraction(11, 100)
    assert PPN_LUXURY.effective_rate == Fraction(12, 100)
    assert PB1.effective_rate == Fraction(10, 100)


def test_standard_ppn_inside_an_inclusive_price() -> None:
    # Rp11.100 x 11/111 = Rp1.100 exactly; the DPP is the remaining Rp10.000.
    assert compute_tax([(PPN_STANDARD, 11_100)], PKP_INCLUSIVE) == [
        TaxLine("PPN", "PPN 12%", 1200, 10_000, 1_100, True)
    ]


def test_standard_ppn_added_to_an_exclusive_price() -> None:
    assert compute_tax([(PPN_STANDARD, 10_000)], PKP_EXCLUSIVE) == [
        TaxLine("PPN", "PPN 12%", 1200, 10_000, 1_100, False)
    ]


def test_luxury_ppn_is_twelve_percent_of_the_price() -> None:
    assert compute_tax([(PPN_LUXURY, 11_200)], PKP_INCLUSIVE)[0].tax == 1_200
    (line,) = compute_tax([(PPN_LUXURY, 10_000)], PKP_EXCLUSIVE)
    assert (line.base, line.tax, line.included) == (10_000, 1_200, False)


def test_pb1_is_added_on_top_even_when_prices_include_tax() -> None:
    assert not is_inclusive(PB1, PKP_INCLUSIVE)
    assert compute_tax([(PB1, 10_000)], PKP_INCLUSIVE) == [
        TaxLine("PB1", "PB1 10%", 1000, 10_000, 1_000, False)
    ]


def test_ppn_off_charges_no_ppn_but_pb1_still_applies() -> None:
    lines = compute_tax([(PPN_STANDARD, 11_100), (PPN_LUXURY, 5_000), (PB1, 20_000)], NON_PKP)
    assert [t.code for t in lines] == ["PB1"]
    assert lines[0].tax == 2_000
    assert not applies(PPN_STANDARD, NON_PKP)
    assert applies(PB1, NON_PKP)


def test_exempt_goods_produce_no_tax_line() -> None:
    assert compute_tax([(EXEMPT, 68_900)], PKP_INCLUSIVE) == []
    assert compute_tax([], PKP_INCLUSIVE) == []


def test_tax_is_rounded_once_per_category_not_per_line() -> None:
    # Per line: 1.005 x 11/111 = 99,59 -> 100, three times 300. Per receipt: 3.015 -> 298,78 -> 299.
    (line,) = compute_tax([(PPN_STANDARD, 1_005)] * 3, PKP_INCLUSIVE)
    assert line.tax == 299
    assert line.base + line.tax == 3_015


def test_categories_keep_their_first_appearance_order() -> None:
    lines = compute_tax(
        [(PB1, 1_000), (PPN_STANDARD, 2_000), (EXEMPT, 5), (PB1, 1_000)], PKP_EXCLUSIVE
    )
    assert [(t.code, t.base, t.tax) for t in lines] == [("PB1", 2_000, 200), ("PPN", 2_000, 220)]
