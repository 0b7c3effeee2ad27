"""X and Z reports: the shift's figures, the cash the drawer should hold, and the document."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.domain.shift_report import (
    CashMovement,
    MovementKind,
    RefundSummary,
    ReportKind,
    ShiftInfo,
    ShiftReport,
)
from pos_desktop.domain.shift_totals import build_shift_report
from pos_desktop.domain.tax import TaxLine

WIB = timezone(timedelta(hours=7))
OPENED = datetime(2026, 3, 2, 7, 0, tzinfo=WIB)
CLOSED = datetime(2026, 3, 2, 15, 0, tzinfo=WIB)
SHIFT = ShiftInfo("shift-0001-aaaa", "S01", "T01", OPENED, "K01", 200_000)
CLOSED_SHIFT = ShiftInfo(
    "shift-0001-aaaa", "S01", "T01", OPENED, "K01", 200_000, closed_at=CLOSED, closed_by="S01"
)


def sale(
    no: int,
    *,
    subtotal: int,
    discount: int = 0,
    tax_added: int = 0,
    tax_included: int = 0,
    rounding: int = 0,
    tenders: tuple[Tender, ...],
    taxes: tuple[TaxLine, ...] = (),
) -> SaleRecord:
    total = subtotal - discount + tax_added + rounding
    paid = sum(t.amount for t in tenders)
    return SaleRecord(
        sale_id=f"sale-{no}",
        receipt_no=f"S01-T01-{no:06d}",
        store_code="S01",
        till_code="T01",
        sold_at=OPENED + timedelta(minutes=no),
        cashier_code="K01",
        cashier_name="Siti",
        currency="IDR",
        prices_include_tax=True,
        lines=(),
        subtotal=subtotal,
        line_discounts=discount,
        order_discount=0,
        taxes=taxes,
        tax_added=tax_added,
        tax_included=tax_included,
        rounding=rounding,
        total=total,
        tenders=tenders,
        change=max(0, paid - total),
    )


def cash(amount: int) -> Tender:
    return Tender(TenderKind.CASH, amount)


def card(amount: int) -> Tender:
    return Tender(TenderKind.CARD, amount, approval_code="A1", card_last4="1234")


def qris(amount: int) -> Tender:
    return Tender(TenderKind.QRIS, amount, reference="Q-1")


SALES = (
    # 45.600 - 600 discount, PPN 4.459 inside, rounded +0; paid 50.000 cash, change 5.000
    sale(
        1,
        subtotal=45_600,
        discount=600,
        tax_included=4_459,
        tenders=(cash(50_000),),
        taxes=(TaxLine("PPN", "PPN 12%", 1200, 40_541, 4_459, True),),
    ),
    # 30.000 card
    sale(2, subtotal=30_000, tenders=(card(30_000),)),
    # 12.350 +50 rounding = 12.400: 10.000 QRIS + 5.000 cash, change 2.600
    sale(3, subtotal=12_350, rounding=50, tenders=(qris(10_000), cash(5_000))),
    # PB1 added on top: 20.000 + 2.000 = 22.000 cash exact
    sale(
        4,
        subtotal=20_000,
        tax_added=2_000,
        tenders=(cash(22_000),),
        taxes=(TaxLine("PB1", "PB1 10%", 1000, 20_000, 2_000, False),),
    ),
)
REFUNDS = (
    RefundSummary("r-1", "S01-T01-R000001", 9_000, (("cash", 9_000),), (("PPN", 892),), 100),
    RefundSummary("r-2", "S01-T01-R000002", 5_000, (("card", 5_000),)),
)
MOVES = (
    CashMovement(
        "m-2",
        MovementKind.OUT,
        50_000,
        "petty_cash",
        "galon",
        OPENED + timedelta(hours=2),
        "K01",
        "SPV1",
    ),
    CashMovement(
        "m-1", MovementKind.IN, 100_000, "change_fund", "", OPENED + timedelta(hours=1), "K01"
    ),
)


def x_report(**overrides: object) -> ShiftReport:
    fields: dict[str, object] = {
        "report_id": "rep-x-1",
        "kind": ReportKind.X,
        "report_no": 1,
        "created_at": OPENED + timedelta(hours=3),
        "shift": SHIFT,
        "sales": SALES,
        "refunds": REFUNDS,
        "movements": MOVES,
        "drawer_opens": 2,
        "approvals": 3,
        "pending_sales": 4,
    }
    fields.update(overrides)
    return build_shift_report(**fields)  # type: ignore[arg-type]


def z_report(count: CashCount, **overrides: object) -> ShiftReport:
    fields: dict[str, object] = {
        "report_id": "rep-z-1",
        "kind": ReportKind.Z,
        "report_no": 12,
        "created_at": CLOSED,
        "shift": CLOSED_SHIFT,
        "count": count,
        "note": "  kurang 1 koin  ",
    }
    fields.update(overrides)
    return x_report(**fields)


def test_sales_figures() -> None:
    report = x_report()
    assert report.sales_count == 4
    assert (report.first_receipt_no, report.last_receipt_no) == (
        "S01-T01-000001",
        "S01-T01-000004",
    )
    assert report.gross == 45_600 + 30_000 + 12_350 + 20_000
    assert report.discounts == 600
    assert report.rounding == 50
    assert report.tax_added == 2_000
    assert report.tax_included == 4_459
    assert report.sales_total == 45_000 + 30_000 + 12_400 + 22_000
    assert report.sales_total == report.gross - report.discounts + report.tax_added + 50
    assert report.refunds_count == 2
    assert report.refunds_total == 14_000
    assert report.refund_discounts == 100
    assert report.net_total == report.sales_total - 14_000
    assert report.cash_in == 100_000
    assert report.cash_out == 50_000
    assert [m.movement_id for m in report.movements] == ["m-1", "m-2"]
    assert (report.drawer_opens, report.approvals, report.pending_sales) == (2, 3, 4)


def test_taxes_per_code_with_refunded_tax() -> None:
    taxes = {t.code: t for t in x_report().taxes}
    assert sorted(taxes) == ["PB1", "PPN"]
    assert (taxes["PPN"].base, taxes["PPN"].tax, taxes["PPN"].refunded) == (40_541, 4_459, 892)
    assert taxes["PPN"].net == 4_459 - 892
    assert taxes["PPN"].included is True
    assert (taxes["PB1"].tax, taxes["PB1"].refunded, taxes["PB1"].included) == (2_000, 0, False)


def test_cash_expected_is_float_plus_cash_sales_minus_change_and_movements_and_refunds() -> None:
    report = x_report()
    c = report.cash
    assert (c.opening_float, c.received, c.change) == (200_000, 77_000, 7_600)
    assert (c.cash_in, c.cash_out, c.refunds) == (100_000, 50_000, 9_000)
    assert c.expected == 200_000 + 77_000 - 7_600 + 100_000 - 50_000 - 9_000 == 310_400
    assert c.counted is None and c.difference is None


def test_tenders_on_an_x_report_have_no_counted_figure() -> None:
    tenders = {t.kind: t for t in x_report().tenders}
    assert list(tenders) == ["cash", "card", "qris"]
    assert (tenders["cash"].count, tenders["cash"].sales, tenders["cash"].refunds) == (
        3,
        77_000 - 7_600,
        9_000,
    )
    assert tenders["cash"].expected == 310_400
    assert (tenders["card"].sales, tenders["card"].refunds, tenders["card"].expected) == (
        30_000,
        5_000,
        25_000,
    )
    assert tenders["qris"].expected == 10_000
    assert all(t.counted is None and t.difference is None for t in tenders.values())


def test_z_report_difference_per_tender() -> None:
    # 310.400 expected; counted 310.300: Rp100 short.
    count = CashCount.of({"note_100000": 3, "note_10000": 1, "coin_200": 1, "coin_100": 1})
    assert count.total == 310_300
    report = z_report(count, other_counted={"card": 24_000})
    assert report.cash.counted == 310_300
    assert report.cash.difference == -100
    tenders = {t.kind: t for t in report.tenders}
    assert tenders["cash"].difference == -100
    assert (tenders["card"].counted, tenders["card"].difference) == (24_000, -1_000)
    # Not entered: taken as expected.
    assert (tenders["qris"].counted, tenders["qris"].difference) == (10_000, 0)
    assert report.note == "kurang 1 koin"
    assert report.document_no == "S01-T01-Z000012"


def test_an_empty_shift_expects_the_float() -> None:
    report = z_report(CashCount.of({"note_100000": 2}), sales=(), refunds=(), movements=(), note="")
    assert report.sales_count == 0 and report.first_receipt_no == ""
    assert [t.kind for t in report.tenders] == ["cash"]
    assert report.cash.expected == 200_000
    assert report.cash.difference == 0


def test_tender_used_only_for_a_refund_is_listed() -> None:
    refund = RefundSummary("r-9", "S01-T01-R000009", 3_000, (("ewallet", 3_000),))
    tenders = {t.kind: t for t in x_report(sales=(), refunds=(refund,), movements=()).tenders}
    assert tenders["ewallet"].expected == -3_000


def test_z_report_needs_a_count_and_a_closed_shift() -> None:
    with pytest.raises(UserError) as err:
        x_report(kind=ReportKind.Z, shift=CLOSED_SHIFT)
    assert err.value.code == "shift.count_required"
    with pytest.raises(ValueError):
        z_report(CashCount.empty(), shift=SHIFT)


def test_refusals() -> None:
    with pytest.raises(UserError) as err:
        x_report(note="x" * 201)
    assert err.value.code == "shift.note_too_long"
    with pytest.raises(UserError) as err:
        z_report(CashCount.empty(), other_counted={"card": -1})
    assert err.value.code == "shift.counted_negative"
    with pytest.raises(ValueError):
        x_report(drawer_opens=-1)
    with pytest.raises(ValueError):
        x_report(report_no=0)
    other_till = sale(9, subtotal=1_000, tenders=(cash(1_000),))
    other_till = SaleRecord.from_json({**other_till.to_json(), "till_code": "T02"})
    with pytest.raises(ValueError):
        x_report(sales=(other_till,))


def _scalars(value: object) -> list[object]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _scalars(v)]
    if isinstance(value, list):
        return [s for v in value for s in _scalars(v)]
    return [value]


@pytest.mark.parametrize("make", ["x", "z"])
def test_json_round_trip(make: str) -> None:
    report = x_report() if make == "x" else z_report(CashCount.of({"note_50000": 6}))
    data = report.to_json()
    assert data["schema"] == 1
    # Integers, strings, booleans (tax included) and null only: no float ever.
    assert all(v is None or type(v) in (int, str, bool) for v in _scalars(data))
    text = json.dumps(data)
    again = ShiftReport.from_json(json.loads(text))
    assert again == report
    assert again.to_json() == data
    assert again.check_consistent(data) == []


def test_check_consistent_names_a_doctored_figure() -> None:
    report = z_report(CashCount.of({"note_50000": 6}))
    data = report.to_json()
    data["cash"]["expected"] += 1_000
    data["cash"]["difference"] = 0
    problems = ShiftReport.from_json(data).check_consistent(data)
    assert any(p.startswith("cash.expected") for p in problems)
    assert any(p.startswith("cash.difference") for p in problems)


def test_from_json_refuses_floats_and_naive_times() -> None:
    data = x_report().to_json()
    with pytest.raises(TypeError):
        ShiftReport.from_json({**data, "drawer_opens": 2.0})
    with pytest.raises(ValueError):
        ShiftReport.from_json({**data, "created_at": "2026-03-02T10:00:00"})
    with pytest.raises(ValueError):
        ShiftReport.from_json({**data, "schema": 99})
